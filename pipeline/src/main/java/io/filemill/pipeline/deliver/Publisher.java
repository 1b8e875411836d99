package io.filemill.pipeline.deliver;

import io.filemill.pipeline.task.IoReasons;
import io.filemill.pipeline.task.Outcome.Delivered;
import io.filemill.pipeline.task.Outcome.Failed;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult.Rewritten;
import io.filemill.pipeline.task.RetitleResult.Unchanged;
import io.filemill.pipeline.task.RetitleResult;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Set;

/**
 * Publishes the steps of one batch, each after its intent is journaled: without clobbering (a hard
 * link; an atomic rename under {@link CollisionPolicy#REPLACE}), into failed/ with its reason file,
 * and removes the originals once published. What goes wrong with one file becomes its outcome; a
 * journal that cannot be written stops the batch.
 */
final class Publisher {

    private final DeliverySettings settings;
    private final Journal journal;
    private final Targets targets;
    private final Set<Path> knownDirectories;

    /**
     * @param knownDirectories the target directories known to exist, shared by the batches of a
     *                         deliverer: each is created (or found) once, not once per batch
     */
    Publisher(DeliverySettings settings, Journal journal, Targets targets, Set<Path> knownDirectories) {
        this.settings = settings;
        this.journal = journal;
        this.targets = targets;
        this.knownDirectories = knownDirectories;
    }

    void publish(DeliveryStep step) throws IOException {
        Intent intent = step.intent;
        try {
            if (!knownDirectories.contains(intent.target().getParent())) {
                Files.createDirectories(intent.target().getParent());
                knownDirectories.add(intent.target().getParent());
            }
            boolean directoryRemade = false;
            while (true) {
                journal.sync();
                try {
                    if (!intent.isFailure() && settings.collisions() == CollisionPolicy.REPLACE) {
                        Files.move(intent.source(), intent.target(), StandardCopyOption.ATOMIC_MOVE);
                        step.originalGone = intent.source().equals(intent.original());
                    } else {
                        Files.createLink(intent.target(), intent.source());
                    }
                    break;
                } catch (NoSuchFileException missing) {
                    if (directoryRemade || Files.isDirectory(intent.target().getParent())) {
                        throw missing; // the source is gone
                    }
                    // someone removed the target directory during the run: make it again, once
                    Files.createDirectories(intent.target().getParent());
                    directoryRemade = true;
                } catch (FileAlreadyExistsException taken) {
                    if (!intent.isFailure() && settings.collisions() == CollisionPolicy.FAIL) {
                        throw new CollisionException();
                    }
                    // the name is taken on disk (an earlier file, or a concurrent batch's): record the next one
                    intent = targets.elsewhere(intent);
                    journal.record(intent);
                }
            }
            step.intent = intent;
            step.published = true;
            if (intent.isFailure()) {
                reasonBeside(step);
            } else {
                step.outcome = delivered(step.result, intent.target());
            }
        } catch (Journal.Failure e) {
            throw e; // nothing more of this batch may be published; its files stay in the inbox
        } catch (NoSuchFileException vanished) {
            step.outcome = new Failed(step.task(), null, "file vanished from the inbox before delivery");
        } catch (CollisionException e) {
            step.intent = targets.failure(step.task(), Targets.collision(step.task()));
            journal.record(step.intent);
            publish(step);
        } catch (IOException e) {
            // the machine's fault, not the file's: it stays in the inbox, and a later run delivers it
            step.outcome = new Failed(step.task(), step.task().source(), (intent.isFailure() ? intent.reason() + "; " : "")
                    + "left in the inbox: cannot " + (intent.isFailure() ? "move it to the failed directory" : "deliver it")
                    + ": " + IoReasons.of(e));
        }
    }

    /** Writes a failed file's reason beside it; without its reason it goes back to the inbox. */
    private void reasonBeside(DeliveryStep step) throws IOException {
        Intent intent = step.intent;
        try {
            ReasonFiles.write(intent.target(), intent.reason(), settings.durability().forces());
            step.outcome = new Failed(step.task(), intent.target(), intent.reason());
        } catch (IOException e) {
            Files.deleteIfExists(intent.target()); // the original is still in the inbox
            step.published = false;
            step.outcome = new Failed(step.task(), step.task().source(), intent.reason()
                    + "; left in the inbox: cannot write its reason in the failed directory: " + IoReasons.of(e));
        }
    }

    /** Removes a published file's original (and its ready marker); if it cannot, takes the published copy back. */
    void removeOriginal(DeliveryStep step) throws IOException {
        if (!step.published || step.originalGone) {
            return;
        }
        try {
            FastDelete.delete(step.task().source());
            if (settings.readyMarker() != null) {
                Files.deleteIfExists(step.task().source().resolveSibling(step.task().source().getFileName()
                        + settings.readyMarker()));
            }
        } catch (NoSuchFileException alreadyGone) {
            // someone removed it after we published: the published copy is all there is
        } catch (IOException e) {
            // the original must not stay in two places: take the published copy back
            Files.deleteIfExists(step.intent.target());
            if (step.intent.isFailure()) {
                Files.deleteIfExists(ReasonFiles.of(step.intent.target()));
            }
            step.published = false;
            step.outcome = new Failed(step.task(), step.task().source(),
                    "cannot remove the original from the inbox, so it stays there: " + IoReasons.of(e));
        }
    }

    /** The outcome of a result published at {@code target}. */
    static Outcome delivered(RetitleResult result, Path target) {
        if (result instanceof Rewritten r) {
            // a file copied unchanged (cross-device mode) is staged too
            return new Delivered(r.task(), target, !Objects.equals(r.oldTitle(), r.newTitle()), r.oldTitle(),
                    r.newTitle(), r.bytes());
        }
        if (result instanceof Unchanged u) {
            return new Delivered(u.task(), target, false, u.title(), u.title(), u.task().size());
        }
        throw new IllegalStateException("a rejected file is never delivered: " + result.task().relativeName());
    }

    /** The collision policy {@code fail} met an existing file. */
    private static final class CollisionException extends IOException {
    }
}
