package io.filemill.pipeline.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file's permission bits as a number ({@code 0644}), and this process's umask, so that a staged
 * copy can be created with its original's permissions at once and changed afterwards only when
 * the umask took some away: no {@code stat} and no {@code chmod} per file in the common case.
 */
public final class Permissions {

    /** This process's umask, read once from {@code /proc/self/status}; -1 where the system does not say. */
    public static final int UMASK = readUmask();

    private static final PosixFilePermission[] BITS = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private Permissions() {
    }

    /** The permission bits of scanned attributes, or {@link FileTask#UNKNOWN_MODE} when they have none. */
    public static int modeOf(BasicFileAttributes attributes) {
        return attributes instanceof PosixFileAttributes posix ? mode(posix.permissions()) : FileTask.UNKNOWN_MODE;
    }

    public static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int bit = 0; bit < BITS.length; bit++) {
            if (permissions.contains(BITS[bit])) {
                mode |= 1 << bit;
            }
        }
        return mode;
    }

    public static Set<PosixFilePermission> of(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(BITS[bit]);
            }
        }
        return permissions;
    }

    /** Whether a file created with {@code mode} gets exactly that mode, the umask taking nothing away. */
    public static boolean survivesUmask(int mode) {
        return mode != FileTask.UNKNOWN_MODE && UMASK >= 0 && (mode & UMASK) == 0;
    }

    private static int readUmask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring("Umask:".length()).trim(), 8);
                }
            }
        } catch (IOException | RuntimeException unknown) {
            // not Linux, or a kernel before 4.7: every staged copy gets its permissions set after creation
        }
        return -1;
    }
}
