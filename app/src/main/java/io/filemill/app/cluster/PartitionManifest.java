package io.filemill.app.cluster;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The files of one partition, kept in the shared state directory rather than in the job repository
 * (a big inbox must not go into a step's execution context). Binary, so that any file name survives:
 * a header, then per file its name relative to the inbox, its size and its mode, then an end record
 * with the count, without which the manifest is refused as truncated. Written under a temporary
 * name and renamed, so a manifest under its final name is whole.
 */
final class PartitionManifest {

    private static final int MAGIC = 0x464d5031; // "FMP1"
    private static final byte ENTRY = 1;
    private static final byte END = 0;

    /** One file of a partition. */
    record Entry(String relative, long size, int mode) {
    }

    private PartitionManifest() {
    }

    /** Writes a manifest entry by entry. */
    static final class Writer implements AutoCloseable {
        private final Path target;
        private final Path temporary;
        private final DataOutputStream out;
        private long files;
        private long bytes;
        private boolean done;

        Writer(Path target) throws IOException {
            this.target = target;
            this.temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16));
            out.writeInt(MAGIC);
        }

        void add(Entry entry) throws IOException {
            out.writeByte(ENTRY);
            out.writeUTF(entry.relative());
            out.writeLong(entry.size());
            out.writeInt(entry.mode());
            files++;
            bytes += entry.size();
        }

        long files() {
            return files;
        }

        long bytes() {
            return bytes;
        }

        /** Ends the manifest, forces it to disk and gives it its final name. */
        void finish() throws IOException {
            out.writeByte(END);
            out.writeLong(files);
            out.flush();
            out.close();
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                out.close();
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Receives each entry of a manifest; may block. */
    @FunctionalInterface
    interface EntryConsumer {
        /** Returns false to stop reading. */
        boolean accept(Entry entry) throws IOException, InterruptedException;
    }

    /**
     * Reads a manifest through, entry by entry.
     *
     * @throws IOException when it cannot be read, is not a manifest, or is truncated
     */
    static void read(Path manifest, EntryConsumer consumer) throws IOException, InterruptedException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(manifest), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(manifest + " is not a partition manifest");
            }
            long read = 0;
            while (true) {
                byte kind = in.readByte();
                if (kind == END) {
                    long count = in.readLong();
                    if (count != read) {
                        throw new IOException(manifest + " is damaged: it says " + count + " files, holds " + read);
                    }
                    return;
                }
                if (kind != ENTRY) {
                    throw new IOException(manifest + " is damaged: record kind " + kind);
                }
                read++;
                if (!consumer.accept(new Entry(in.readUTF(), in.readLong(), in.readInt()))) {
                    return;
                }
            }
        } catch (EOFException truncated) {
            throw new IOException(manifest + " is truncated", truncated);
        }
    }
}
