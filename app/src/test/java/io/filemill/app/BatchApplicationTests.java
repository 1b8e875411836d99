package io.filemill.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * {@link BatchApplication} names its beans instead of scanning for them: every component and
 * configuration-properties class of the application is in its imports, except those only the
 * long-lived commands serve ({@link FilemillApplication} scans for those).
 */
class BatchApplicationTests {

    /** What only {@code schedule}, {@code watch} and {@code node} need: the web, health, the scheduler. */
    private static final Pattern ONLY_LONG_LIVED = Pattern.compile(
            "io\\.filemill\\.app\\.(FilemillApplication|BatchApplication|schedule\\..*|watch\\..*"
                    + "|monitor\\.LastRunHealth|monitor\\.DiskSpaceWhereFilemillWrites)");

    @Test
    void importsEveryComponentThatAScanOfTheApplicationWouldFind() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(true);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> found = new TreeSet<>();
        scan.findCandidateComponents(BatchApplication.class.getPackageName())
                .forEach(candidate -> found.add(candidate.getBeanClassName()));
        found.removeIf(name -> ONLY_LONG_LIVED.matcher(name).matches());

        assertThat(found).isNotEmpty();
        assertThat(imported(BatchApplication.class)).containsAll(found);
    }

    @Test
    void importsNothingOnlyTheLongLivedCommandsServe() {
        assertThat(imported(BatchApplication.class))
                .noneMatch(name -> ONLY_LONG_LIVED.matcher(name).matches());
    }

    /** The classes {@code configuration} imports and enables, following imports of imports. */
    private static Set<String> imported(Class<?> configuration) {
        Set<String> names = new HashSet<>();
        Deque<Class<?>> open = new ArrayDeque<>();
        open.add(configuration);
        while (!open.isEmpty()) {
            Class<?> next = open.pop();
            Import imports = next.getAnnotation(Import.class);
            EnableConfigurationProperties enabled = next.getAnnotation(EnableConfigurationProperties.class);
            Set<Class<?>> direct = new HashSet<>();
            if (imports != null) {
                direct.addAll(Set.of(imports.value()));
            }
            if (enabled != null) {
                direct.addAll(Set.of(enabled.value()));
            }
            for (Class<?> type : direct) {
                if (names.add(type.getName())) {
                    open.add(type);
                }
            }
        }
        return names;
    }
}
