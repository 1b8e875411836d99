package io.filemill.pipeline.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.CopyOption;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.tests.mockfile.FilterFileChannel;
import org.apache.lucene.tests.mockfile.FilterFileSystemProvider;
import org.apache.lucene.tests.mockfile.FilterInputStream2;
import org.apache.lucene.tests.mockfile.FilterPath;

/**
 * The default file system with a fault at the k-th operation, in the spirit of SQLite's I/O error
 * tests: every open, read, write, force, link, rename, delete and directory creation counts as one
 * operation (a force of a directory is the directory force). A transient fault fails only the k-th
 * operation; a permanent one fails it and every later one, as a disk that went away would. Paths
 * of this file system ({@link #wrap}) are the only way in: filemill reaches it through
 * {@link java.nio.file.Files} like any other.
 */
final class FaultyFileSystem extends FilterFileSystemProvider {

    /** How long a fault lasts. */
    enum Fault { TRANSIENT, PERMANENT }

    private final AtomicInteger operations = new AtomicInteger();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private volatile int failAt = Integer.MAX_VALUE;
    private volatile Fault fault = Fault.TRANSIENT;

    FaultyFileSystem() {
        super("faulty://", FileSystems.getDefault());
    }

    /** A path of this file system for a path of the default one. */
    Path wrap(Path path) {
        return getFileSystem(URI.create("faulty:///")).getPath(path.toAbsolutePath().toString());
    }

    /** Fails the {@code k}-th operation from now on (counting from 1), and later ones when permanent. */
    void failAt(int k, Fault fault) {
        operations.set(0);
        log.clear();
        this.fault = fault;
        this.failAt = k;
    }

    /** No more faults; counting goes on. */
    void heal() {
        failAt = Integer.MAX_VALUE;
    }

    int operations() {
        return operations.get();
    }

    /** The operations so far, for naming a failure. */
    List<String> log() {
        return List.copyOf(log);
    }

    private void operation(String name, Path path) throws IOException {
        int n = operations.incrementAndGet();
        log.add(n + " " + name + " " + (path == null ? "" : path.getFileName()));
        if (n == failAt || (fault == Fault.PERMANENT && n > failAt)) {
            throw new IOException("injected " + fault.name().toLowerCase() + " fault at operation " + n + " (" + name
                    + (path == null ? "" : " " + path.getFileName()) + ")");
        }
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
            throws IOException {
        operation("open", path);
        boolean directory = Files.isDirectory(FilterPath.unwrap(path));
        return new FilterFileChannel(super.newFileChannel(path, options, attributes)) {
            @Override
            public int write(ByteBuffer source) throws IOException {
                operation("write", path);
                return super.write(source);
            }

            @Override
            public int write(ByteBuffer source, long position) throws IOException {
                operation("write", path);
                return super.write(source, position);
            }

            @Override
            public void force(boolean metaData) throws IOException {
                operation(directory ? "directory force" : "force", path);
                super.force(metaData);
            }
        };
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        operation("open", path);
        return new FilterInputStream2(super.newInputStream(path, options)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                operation("read", path);
                return super.read(buffer, offset, length);
            }
        };
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        operation("link", link);
        super.createLink(link, existing);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        operation("rename", target);
        super.move(source, target, options);
    }

    @Override
    public void delete(Path path) throws IOException {
        operation("delete", path);
        super.delete(path);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        operation("delete", path);
        return super.deleteIfExists(path);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attributes) throws IOException {
        operation("mkdir", dir);
        super.createDirectory(dir, attributes);
    }
}
