package io.filemill.app;

import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jms.autoconfigure.JmsAutoConfiguration;
import org.springframework.boot.jms.autoconfigure.health.JmsHealthContributorAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring Boot application behind the commands that stay up and serve health and metrics
 * ({@code schedule}, {@code watch}, {@code node}). The broker is not auto-configured: only a node
 * connects to it ({@code cluster.ClusterNodeConfiguration} imports it), so that nothing else
 * reports a broker it does not use.
 */
@SpringBootApplication(exclude = {ArtemisAutoConfiguration.class, JmsAutoConfiguration.class,
        JmsHealthContributorAutoConfiguration.class})
@ConfigurationPropertiesScan
public class FilemillApplication {
}
