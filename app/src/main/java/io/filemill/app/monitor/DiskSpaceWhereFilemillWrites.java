package io.filemill.app.monitor;

import io.filemill.app.config.FilemillProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Health component {@code filemillDiskSpace}: free space on each file system filemill writes to
 * (the inbox, processed/, failed/ and the state directory), DOWN when any has less than
 * {@code management.health.diskspace.threshold} (default 10MB). It replaces Spring Boot's own
 * check, which looks at the working directory.
 */
@Configuration(proxyBeanMethods = false)
class DiskSpaceWhereFilemillWrites {

    @Bean
    CompositeHealthContributor filemillDiskSpace(FilemillProperties properties,
                                                 @Value("${management.health.diskspace.threshold:10MB}") DataSize threshold) {
        Map<String, DiskSpaceHealthIndicator> checks = new LinkedHashMap<>();
        checks.put("inbox", check(properties.inbox(), threshold));
        checks.put("processed", check(properties.processed(), threshold));
        checks.put("failed", check(properties.failed(), threshold));
        checks.put("home", check(properties.home(), threshold));
        return CompositeHealthContributor.fromMap(checks);
    }

    /** A directory not created yet is checked where it will be: its nearest existing parent. */
    private static DiskSpaceHealthIndicator check(Path directory, DataSize threshold) {
        Path existing = directory.toAbsolutePath().normalize();
        while (existing.getParent() != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        return new DiskSpaceHealthIndicator(existing.toFile(), threshold);
    }
}
