package io.filemill.app.cli;

import io.filemill.app.FilemillApplication;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the Spring application for a command. Command options become the property source with the
 * highest precedence; {@code --filemill.x=y} style arguments are passed to Spring as they are.
 */
final class SpringContexts {

    private SpringContexts() {
    }

    static ConfigurableApplicationContext start(Map<String, Object> options, List<String> propertyArguments) {
        return start(options, propertyArguments, WebApplicationType.NONE);
    }

    /** Starts the application as the given kind: only {@code schedule} serves health and metrics. */
    static ConfigurableApplicationContext start(Map<String, Object> options, List<String> propertyArguments,
                                                WebApplicationType type) {
        return new SpringApplicationBuilder(FilemillApplication.class)
                .web(type)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // commands close their context themselves, after the run has ended and been recorded;
                // Spring's own hook would close the job repository under a run that SIGTERM is stopping
                .registerShutdownHook(false)
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("filemill-command-options", options)))
                .run(propertyArguments.toArray(String[]::new));
    }
}
