package io.filemill.pipeline.retitle;

import io.filemill.pipeline.task.Confinement;
import io.filemill.pipeline.task.Deadline;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Permissions;
import io.filemill.pipeline.task.RetitleResult.Rewritten;
import io.filemill.pipeline.task.RetitleResult;
import io.filemill.pipeline.title.TitleLocation;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Writes a file's rewrite as a staged file in processed/: the head with the new title, then the
 * rest of the file streamed as bytes while it is checked to be UTF-8, with the original's
 * permissions (given at creation where the umask allows); in cross-device mode the copy is read
 * back and compared. A failure to write is a {@link StagingFailure}, told apart from a failure to
 * read the original.
 */
final class StagedWriter {

    /** The size of every read and write of file content. */
    static final int CHUNK = 64 * 1024;

    private final RetitleSettings settings;

    StagedWriter(RetitleSettings settings) {
        this.settings = settings;
    }

    /** Where a task's rewritten content is staged. */
    static Path stagedPath(RetitleSettings settings, FileTask task) {
        return settings.stagingDir().resolve(Confinement.STAGING_PREFIX + settings.stagingTag() + "-" + task.id()
                + Confinement.STAGING_SUFFIX);
    }

    private static final Set<StandardOpenOption> CREATE = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /**
     * Creates the staged file with the original's permissions where the umask leaves them whole
     * (else they are set right after); one left by an attempt whose worker died is replaced.
     */
    private static FileChannel createStaged(Path staged, int mode) throws IOException {
        FileAttribute<?>[] permissions = Permissions.survivesUmask(mode)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(Permissions.of(mode))}
                : new FileAttribute<?>[0];
        FileChannel channel;
        try {
            channel = FileChannel.open(staged, CREATE, permissions);
        } catch (FileAlreadyExistsException leftByAnEarlierAttempt) {
            Files.delete(staged);
            channel = FileChannel.open(staged, CREATE, permissions);
        }
        if (mode != FileTask.UNKNOWN_MODE && !Permissions.survivesUmask(mode)) {
            try {
                Files.setPosixFilePermissions(staged, Permissions.of(mode));
            } catch (IOException | RuntimeException e) {
                channel.close();
                Files.deleteIfExists(staged);
                throw e;
            }
        }
        return channel;
    }

    /**
     * The original's permission bits: scanned with the task where the scan saw them, else read now
     * (one {@code stat}); unknown on a file system without POSIX permissions.
     */
    private static int modeOf(FileTask task) throws IOException {
        if (task.mode() != FileTask.UNKNOWN_MODE) {
            return task.mode();
        }
        PosixFileAttributeView view = Files.getFileAttributeView(task.source(), PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        return view == null ? FileTask.UNKNOWN_MODE : Permissions.mode(view.readAttributes().permissions());
    }

    /**
     * Writes the file with its new title as a staged file in processed/. {@code title} is null for a
     * file without one, which is then copied as it is (cross-device mode only).
     */
    RetitleResult stage(FileTask task, InputStream in, TextCheck check, FileHead head, TitleLocation title,
                        String format, String newTitle, Deadline deadline) throws IOException {
        String text = head.text(check.asciiOnly());
        int byteStart = title == null ? head.length : head.bomLength + utf8Length(text, 0, title.start());
        int byteEnd = title == null ? head.length : byteStart + utf8Length(text, title.start(), title.end());
        byte[] encodedTitle = title == null ? new byte[0]
                : title.encoder().apply(newTitle).getBytes(StandardCharsets.UTF_8);
        Path staged = stagedPath(settings, task);
        long bytes;
        boolean done = false;
        CRC32C written = new CRC32C();
        int mode = modeOf(task); // a failure to read the original is not the staging's
        FileChannel channel = staging(() -> createStaged(staged, mode));
        try {
            if (head.complete) {
                bytes = writeWhole(channel, written, ByteBuffer.wrap(head.bytes, 0, byteStart), ByteBuffer.wrap(encodedTitle),
                        ByteBuffer.wrap(head.bytes, byteEnd, head.length - byteEnd));
            } else {
                bytes = writeStreaming(channel, written, in, check, head, byteStart, encodedTitle, byteEnd, deadline);
            }
            staging(() -> channel.close()); // a full disk may show only here
            if (settings.crossDevice()) {
                staging(() -> verify(staged, written.getValue()));
            }
            done = true;
        } finally {
            if (!done) {
                channel.close();
                Files.deleteIfExists(staged);
            }
        }
        return new Rewritten(task, staged, format, title == null ? null : title.title(), newTitle, bytes);
    }

    /**
     * A file read whole with its head: its parts in one gathering write, with no copy and no
     * buffer; its text was checked to the end when the head was read, and the stream is at its end.
     */
    private static long writeWhole(FileChannel channel, CRC32C written, ByteBuffer... parts) {
        long bytes = 0;
        for (ByteBuffer part : parts) {
            written.update(part.duplicate());
            bytes += part.remaining();
        }
        long total = bytes;
        staging(() -> {
            for (long left = total; left > 0; ) {
                left -= channel.write(parts);
            }
        });
        return bytes;
    }

    /** A file larger than its head: the head with the new title, then the rest streamed while it is checked. */
    private static long writeStreaming(FileChannel channel, CRC32C written, InputStream in, TextCheck check,
                                       FileHead head, int byteStart, byte[] encodedTitle, int byteEnd,
                                       Deadline deadline) throws IOException {
        OutputStream out = new StagingOutput(new CheckedOutputStream(Channels.newOutputStream(channel), written));
        byte[] buffer = new byte[CHUNK];
        int filled = 0;
        filled = append(out, buffer, filled, head.bytes, 0, byteStart);
        filled = append(out, buffer, filled, encodedTitle, 0, encodedTitle.length);
        filled = append(out, buffer, filled, head.bytes, byteEnd, head.length - byteEnd);
        long bytes = byteStart + encodedTitle.length + (head.length - byteEnd);
        out.write(buffer, 0, filled);
        for (int n; (n = in.read(buffer)) > 0; ) {
            deadline.checkNow();
            check.feed(buffer, 0, n);
            out.write(buffer, 0, n);
            bytes += n;
        }
        check.finish();
        return bytes;
    }

    /** Reads a staged copy back: another file system must hold exactly what was written to it. */
    private static void verify(Path staged, long expectedCrc) throws IOException {
        CRC32C read = new CRC32C();
        try (InputStream in = new CheckedInputStream(Files.newInputStream(staged), read)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (read.getValue() != expectedCrc) {
            throw new IOException("the copy in " + staged.getParent() + " does not read back as written");
        }
    }

    /**
     * Writing the staged file failed: the file system of processed/ is full, read-only or failing.
     * That is no fault of the file, so it must not go to failed/: the stage throws, and the file
     * stays in the inbox for a later run.
     */
    static final class StagingFailure extends RuntimeException {
        StagingFailure(IOException cause) {
            super(cause);
        }
    }

    private interface StagingStep<T> {
        T run() throws IOException;
    }

    private interface StagingAction {
        void run() throws IOException;
    }

    private static <T> T staging(StagingStep<T> step) {
        try {
            return step.run();
        } catch (IOException e) {
            throw new StagingFailure(e);
        }
    }

    private static void staging(StagingAction action) {
        staging(() -> {
            action.run();
            return null;
        });
    }

    /** The staged file's stream: its failures are {@link StagingFailure}s, told apart from reading. */
    private static final class StagingOutput extends FilterOutputStream {
        StagingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) {
            staging(() -> out.write(b));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            staging(() -> out.write(bytes, offset, length));
        }
    }

    /** Buffers small writes; returns the new fill level. */
    private static int append(OutputStream out, byte[] buffer, int filled, byte[] source, int from, int length)
            throws IOException {
        if (filled + length > buffer.length) {
            out.write(buffer, 0, filled);
            filled = 0;
            if (length > buffer.length) {
                out.write(source, from, length);
                return 0;
            }
        }
        System.arraycopy(source, from, buffer, filled, length);
        return filled + length;
    }

    private static int utf8Length(String text, int from, int to) {
        return text.substring(from, to).getBytes(StandardCharsets.UTF_8).length;
    }
}
