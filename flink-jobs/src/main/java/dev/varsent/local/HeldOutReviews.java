package dev.varsent.local;

import dev.varsent.data.PaperSplit;
import dev.varsent.data.ScaleData;
import dev.varsent.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/** The held-out 20 % of the scale data (the test segments of the paper's split), as the local run's stream. */
public final class HeldOutReviews {
    private HeldOutReviews() {
    }

    public static List<ReviewText> load(long seed) {
        PaperSplit.Split split = PaperSplit.split(ScaleData.load(ScaleData.defaultDir()), new Tokenizer(), seed);
        List<ReviewText> out = new ArrayList<>(split.test().size());
        for (PaperSplit.Segment s : split.test()) {
            out.add(new ReviewText(s.reviewId() + "#" + s.index(), String.join(" ", s.tokens())));
        }
        return out;
    }
}
