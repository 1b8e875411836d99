package io.filemill.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application behind the commands that need the job repository. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FilemillApplication {
}
