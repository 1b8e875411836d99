package io.filemill.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring Boot application behind the commands that stay up and serve health and metrics
 * ({@code schedule}, {@code watch}, {@code node}). Only a node connects to the broker: the others
 * leave its auto-configuration out ({@code cli.SpringContexts#startRunning}), so that their health
 * reports no broker they do not use.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FilemillApplication {
}
