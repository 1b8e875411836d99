package io.filemill.pipeline.scan;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Walks a directory tree as {@link Files#walkFileTree} does without following links (the same
 * calls to the visitor, in directory order, to {@code maxDepth}), but hands each file the
 * attributes of its file system's POSIX view where it has one. {@code walkFileTree} hands over
 * basic attributes only, which hide the permission bits its {@code lstat} read, so a staged copy
 * needed one more {@code stat} per file to be created with its original's permissions.
 */
final class InboxWalk {

    private final Path start;
    private final int maxDepth;
    private final FileVisitor<Path> visitor;
    private final boolean posix;

    InboxWalk(Path start, int maxDepth, FileVisitor<Path> visitor) {
        this.start = start;
        this.maxDepth = maxDepth;
        this.visitor = visitor;
        this.posix = start.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Walks the tree.
     *
     * @throws IOException when a directory cannot be read to its end, or the visitor throws
     */
    void walk() throws IOException {
        visit(start, 0);
    }

    private FileVisitResult visit(Path path, int depth) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = attributes(path);
        } catch (IOException e) {
            return visitor.visitFileFailed(path, e);
        }
        if (depth >= maxDepth || !attributes.isDirectory()) {
            return visitor.visitFile(path, attributes);
        }
        DirectoryStream<Path> entries;
        try {
            entries = Files.newDirectoryStream(path);
        } catch (IOException e) {
            return visitor.visitFileFailed(path, e);
        }
        IOException failure = null;
        try (entries) {
            FileVisitResult pre = visitor.preVisitDirectory(path, attributes);
            if (pre != FileVisitResult.CONTINUE) {
                return pre == FileVisitResult.SKIP_SUBTREE ? FileVisitResult.CONTINUE : pre;
            }
            for (Path entry : entries) {
                FileVisitResult result = visit(entry, depth + 1);
                if (result == FileVisitResult.TERMINATE) {
                    return result;
                }
                if (result == FileVisitResult.SKIP_SIBLINGS) {
                    break;
                }
            }
        } catch (DirectoryIteratorException e) {
            failure = e.getCause();
        }
        FileVisitResult post = visitor.postVisitDirectory(path, failure);
        return post == FileVisitResult.SKIP_SIBLINGS ? FileVisitResult.CONTINUE : post;
    }

    private BasicFileAttributes attributes(Path path) throws IOException {
        return posix ? Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }
}
