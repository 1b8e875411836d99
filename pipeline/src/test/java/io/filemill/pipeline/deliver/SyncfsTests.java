package io.filemill.pipeline.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncfsTests {

    @TempDir
    Path dir;

    @Test
    void onlyLinuxFromFivePointEightReportsWriteBackErrorsToSyncfs() {
        assertThat(Syncfs.reportsErrors("Linux", "6.18.44-fc-v1045")).isTrue();
        assertThat(Syncfs.reportsErrors("Linux", "5.8.0")).isTrue();
        assertThat(Syncfs.reportsErrors("Linux", "5.10")).isTrue();
        assertThat(Syncfs.reportsErrors("Linux", "5.7.19")).isFalse();
        assertThat(Syncfs.reportsErrors("Linux", "4.19.0-amd64")).isFalse();
        assertThat(Syncfs.reportsErrors("Mac OS X", "14.1")).isFalse();
        assertThat(Syncfs.reportsErrors("Linux", "unknown")).isFalse();
    }

    @Test
    void syncsTheFileSystemOfADirectoryHere() throws IOException {
        assumeTrue(Syncfs.reportsErrors(System.getProperty("os.name"), System.getProperty("os.version")));
        FileSystemSync sync = Syncfs.load();
        assertThat(sync).as("JNA loads on this Linux").isNotNull();
        Files.writeString(dir.resolve("a.txt"), "written");
        sync.sync(dir);
    }

    @Test
    void aDirectoryThatIsNotThereIsAnErrorThatNamesIt() {
        assumeTrue(Syncfs.reportsErrors(System.getProperty("os.name"), System.getProperty("os.version")));
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> Syncfs.load().sync(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("No such file or directory");
    }
}
