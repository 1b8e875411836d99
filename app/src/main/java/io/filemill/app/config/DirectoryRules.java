package io.filemill.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules filemill's directories must keep: set, without {@code ..}, absolute; none being,
 * containing or lying inside another, also once links are resolved; writable; and processed/ and
 * failed/ on the inbox's file system, so that a file is published atomically.
 */
final class DirectoryRules {

    private DirectoryRules() {
    }

    static Path absolute(Path path, String name) {
        if (path == null || path.toString().isBlank()) {
            throw new ConfigurationProblem(name + " is not set");
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw new ConfigurationProblem(name + " " + path + " must not contain '..'");
            }
        }
        return path.toAbsolutePath().normalize();
    }

    static void distinct(String name, Path path, String otherName, Path other) {
        if (path.startsWith(other) || other.startsWith(path)) {
            throw new ConfigurationProblem(name + " " + path + " must not be, contain or lie inside " + otherName + " "
                    + other);
        }
    }

    /**
     * The directories must not overlap once symbolic links are resolved either: processed/ named
     * through a link into the inbox would otherwise be scanned as input.
     */
    static void distinctOnDisk(Path inbox, Path processed, Path failed, Path home) {
        Map<String, Path> real = new LinkedHashMap<>();
        try {
            real.put("inbox", inbox.toRealPath());
            real.put("processed", processed.toRealPath());
            real.put("failed", failed.toRealPath());
            real.put("home", home.toRealPath());
        } catch (IOException e) {
            throw new ConfigurationProblem("cannot resolve the directories: " + e);
        }
        List<String> names = List.copyOf(real.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                Path a = real.get(names.get(i));
                Path b = real.get(names.get(j));
                if (a.startsWith(b) || b.startsWith(a)) {
                    throw new ConfigurationProblem(names.get(j) + " " + b + " (after links) must not be, contain or "
                            + "lie inside " + names.get(i) + " " + a);
                }
            }
        }
    }

    static void createDirectory(String name, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigurationProblem("cannot create " + name + " directory " + dir + ": " + e);
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
            throw new ConfigurationProblem(name + " " + dir + " is not a directory");
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigurationProblem(name + " directory " + dir + " is not writable");
        }
    }

    static void sameFileSystem(Path inbox, Path dir, String name) {
        try {
            if (!Files.getFileStore(inbox).equals(Files.getFileStore(dir))) {
                throw new ConfigurationProblem(name + " " + dir + " is on another file system than the inbox "
                        + inbox + ", so files cannot be published atomically; put both on one file system"
                        + (name.equals("processed") ? " or set filemill.delivery.cross-device=copy" : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
