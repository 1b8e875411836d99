package io.filemill.pipeline.deliver;

import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.RetitleResult.Rejected;
import io.filemill.pipeline.task.RetitleResult.Rewritten;
import io.filemill.pipeline.task.RetitleResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Where the files of one batch go: their names in processed/ under the collision policy, or in
 * failed/; {@code stem-N.ext} for a name already taken on disk or by the batch itself. One per batch.
 *
 * <p>A file's own name is planned without looking at the disk: the no-clobber publish (a hard link)
 * is the check, and a name found taken there is moved {@link #elsewhere}, which looks. One
 * {@code stat} per file less, and on JDK 17 no exception built for each name that is free.
 */
final class Targets {

    private final DeliverySettings settings;
    private final Set<Path> planned = new HashSet<>();

    Targets(DeliverySettings settings) {
        this.settings = settings;
    }

    /** Where a result goes: its name in processed/, or failed/ when it was rejected or the name is taken under {@code fail}. */
    Intent plan(RetitleResult result) {
        FileTask task = result.task();
        if (result instanceof Rejected rejected) {
            return failure(task, rejected.reason());
        }
        Path source = result instanceof Rewritten rewritten ? rewritten.staged() : task.source();
        Path wanted = settings.processed().resolve(task.relativeName());
        Path target = switch (settings.collisions()) {
            case REPLACE -> wanted;
            // the publish finds a name taken on disk: it fails the file (fail) or moves it elsewhere (suffix)
            case SUFFIX -> planned.contains(wanted) ? freeName(wanted) : wanted;
            case FAIL -> planned.contains(wanted) ? null : wanted;
        };
        if (target == null) {
            return failure(task, collision(task));
        }
        planned.add(target);
        return new Intent(task.source(), source, target, null);
    }

    /** The file goes to failed/ with {@code reason}. */
    Intent failure(FileTask task, String reason) {
        Path wanted = settings.failed().resolve(task.relativeName());
        Path target = planned.contains(wanted) ? freeName(wanted) : wanted; // taken on disk: moved elsewhere
        planned.add(target);
        return new Intent(task.source(), task.source(), target, reason);
    }

    /** The same publish under the next free name: {@code taken}'s is taken on disk (an earlier file, or a concurrent batch's). */
    Intent elsewhere(Intent taken) {
        Intent moved = new Intent(taken.original(), taken.source(), freeName(taken.target()), taken.reason());
        planned.add(moved.target());
        return moved;
    }

    static String collision(FileTask task) {
        return "processed directory already has a file named '" + task.relativeName() + "'";
    }

    /** {@code wanted} when it is free, else the first free {@code stem-N.ext}. */
    private Path freeName(Path wanted) {
        if (!isTaken(wanted)) {
            return wanted;
        }
        String name = wanted.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; ; n++) {
            Path candidate = wanted.resolveSibling(stem + "-" + n + extension);
            if (!isTaken(candidate)) {
                return candidate;
            }
        }
    }

    private boolean isTaken(Path path) {
        return planned.contains(path) || Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
