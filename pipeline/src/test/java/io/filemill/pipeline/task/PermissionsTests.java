package io.filemill.pipeline.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** Permission bits and sets say the same, for every mode. */
class PermissionsTests {

    @Test
    void everyModeRoundTripsThroughItsPermissions() {
        for (int mode = 0; mode <= 0777; mode++) {
            assertThat(Permissions.mode(Permissions.of(mode))).isEqualTo(mode);
        }
        assertThat(Permissions.mode(PosixFilePermissions.fromString("rw-r-----"))).isEqualTo(0640);
        assertThat(PosixFilePermissions.toString(Permissions.of(0755))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void theUmaskIsReadOnLinux() {
        assertThat(Permissions.UMASK).isBetween(0, 0777);
        assertThat(Permissions.survivesUmask(FileTask.UNKNOWN_MODE)).isFalse();
        assertThat(Permissions.survivesUmask(0777)).isEqualTo(Permissions.UMASK == 0);
    }
}
