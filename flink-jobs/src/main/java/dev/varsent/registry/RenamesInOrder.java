package dev.varsent.registry;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * A change of several registry files, each written under staging and renamed into place in a fixed
 * order: when a step fails (writing its staged file or renaming it), the steps before it are undone
 * (a new file is deleted, a replaced one gets its previous bytes back) and staged files not yet
 * moved are discarded, so the files are as they were. Each rename is atomic on its own ({@link
 * StagedFiles}); the order decides what a writer killed in between can leave, and the caller
 * chooses it.
 */
final class RenamesInOrder {

    /**
     * One rename: of {@code staged}, or of {@code content} staged when the step runs; {@code
     * previous} is the target's content before, null when it did not exist.
     */
    private record Step(Path staged, byte[] content, Path target, byte[] previous) {}

    private final FileSystem fs;
    private final StagedFiles staged;
    private final List<Step> steps = new ArrayList<>();

    RenamesInOrder(FileSystem fs, StagedFiles staged) {
        this.fs = fs;
        this.staged = staged;
    }

    /** Adds the rename of the staged file {@code from} to the new file {@code target}. */
    void add(Path from, Path target) {
        steps.add(new Step(from, null, target, null));
    }

    /** Adds a step that replaces (or creates) {@code target} with {@code content}. */
    void replace(Path target, byte[] content) throws IOException {
        steps.add(new Step(null, content, target, read(target)));
    }

    /** Runs the steps in order; on a failure, undoes the ones done and rethrows it. */
    void run() throws IOException {
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            try {
                if (step.staged() != null) {
                    staged.moveIntoPlace(step.staged(), step.target(), false);
                } else {
                    staged.replace(step.target(), step.content());
                }
            } catch (IOException | RuntimeException | Error e) {
                discardStaged(i + 1, e);
                undo(i, e);
                throw e;
            }
        }
    }

    private void undo(int done, Throwable failure) {
        for (int i = done - 1; i >= 0; i--) {
            Step step = steps.get(i);
            try {
                if (step.previous() == null) {
                    fs.delete(step.target(), false);
                } else {
                    staged.replace(step.target(), step.previous());
                }
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(
                        new IOException("could not undo the rename to " + step.target(), e));
            }
        }
    }

    private void discardStaged(int from, Throwable failure) {
        for (int i = from; i < steps.size(); i++) {
            if (steps.get(i).staged() != null) {
                staged.discardAfter(steps.get(i).staged(), failure);
            }
        }
    }

    private byte[] read(Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            return null;
        }
    }
}
