package dev.varsent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void advanceSeconds(double seconds) {
        clock.addAndGet(Math.round(seconds * SECOND));
    }

    @Test
    void interactiveLineShowsBarCountRateExtraAndEta() {
        ProgressBar bar = new ProgressBar(out, "epoch 3/50", 75, true, clock::get);
        advanceSeconds(20);
        bar.update(46, "loss 0.8123");
        assertEquals(
                "\repoch 3/50 [============>       ] 46/75 batches  2.3 batch/s  loss 0.8123  ETA 0:13",
                output());
    }

    @Test
    void interactiveRedrawBlanksTheRestOfALongerLine() {
        ProgressBar bar = new ProgressBar(out, "e", 10, true, clock::get);
        advanceSeconds(1);
        bar.update(1, "loss 10.000000");
        int first = output().length() - 1;
        advanceSeconds(1);
        bar.update(2, null);
        String second = output().substring(first + 1);
        assertTrue(second.startsWith("\re [====>"), second);
        assertEquals(first, second.length() - 1, "the redraw covers the previous line");
    }

    @Test
    void interactiveRedrawsAtMostTenTimesASecondButAlwaysShowsCompletion() {
        ProgressBar bar = new ProgressBar(out, "e", 100, true, clock::get);
        for (int i = 1; i <= 100; i++) {
            advanceSeconds(0.01);
            bar.update(i, null);
        }
        assertEquals(10, output().chars().filter(c -> c == '\r').count());
        assertTrue(output().contains("[====================] 100/100"), output());
    }

    @Test
    void plainModePrintsAtMostEveryFiveSecondsAndAtTheEnd() {
        ProgressBar bar = new ProgressBar(out, "epoch 1/2", 100, false, clock::get);
        for (int i = 1; i <= 100; i++) {
            advanceSeconds(0.25);
            bar.update(i, "loss 0.5");
        }
        bar.finish("test RMSE 0.91");
        String[] lines = output().split("\n");
        assertEquals(6, lines.length, output());
        assertEquals("epoch 1/2 20/100 batches (20%)  4.0 batch/s  loss 0.5  ETA 0:20", lines[0]);
        assertEquals(
                "epoch 1/2 100/100 batches (100%)  4.0 batch/s  in 0:25  test RMSE 0.91", lines[5]);
        assertTrue(output().indexOf('\r') < 0);
    }

    @Test
    void slowStepsShowSecondsPerUnit() {
        ProgressBar bar =
                new ProgressBar(out, "train", 10, false, clock::get).unit("step", "steps");
        advanceSeconds(6);
        bar.update(4, null);
        assertEquals("train 4/10 steps (40%)  1.5 s/step  ETA 0:09\n", output());
    }

    @Test
    void etaIsUnknownBeforeProgressAndUsesHoursWhenLong() {
        ProgressBar bar = new ProgressBar(out, "x", 1000, false, clock::get);
        advanceSeconds(5);
        bar.update(0, null);
        assertTrue(output().endsWith("- batch/s  ETA -:--\n"), output());
        assertEquals("1:01:05", ProgressBar.duration(3665));
        assertEquals("0:00", ProgressBar.duration(0.4));
        assertEquals("59:59", ProgressBar.duration(3599.4));
    }

    @Test
    void barFillsProportionally() {
        assertEquals("[>         ]", ProgressBar.bar(0, 10, 10));
        assertEquals("[====>     ]", ProgressBar.bar(4, 10, 10));
        assertEquals("[==========]", ProgressBar.bar(10, 10, 10));
    }

    @Test
    void progressIsClampedAndFinishIsFinal() {
        ProgressBar bar = new ProgressBar(out, "x", 4, false, clock::get);
        advanceSeconds(8);
        bar.update(9, null);
        assertTrue(output().startsWith("x 4/4 batches (100%)"), output());
        bar.finish(null);
        assertThrows(IllegalStateException.class, () -> bar.update(1, null));
        assertThrows(IllegalStateException.class, () -> bar.finish(null));
    }
}
