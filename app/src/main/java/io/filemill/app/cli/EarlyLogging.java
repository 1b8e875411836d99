package io.filemill.app.cli;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Logging set up from a command's configuration before its Spring application starts, the way
 * Spring Boot sets it up (its logging system, {@code logback-spring.xml}, {@code logging.file.name},
 * {@code logging.level.*}, {@code -q}/{@code -v}): for {@code run}, whose files stream while Spring
 * starts. Spring Boot finds the logging system initialized and keeps it, and resets it when the
 * context closes.
 */
final class EarlyLogging {

    /**
     * A command that sets logging up itself, with {@link #initialize}, once it has read its
     * configuration (and only when it has anything to log): {@code -q}/{@code -v} reach it as
     * {@code logging.level.*} arguments.
     */
    interface FromConfiguration {
    }

    private EarlyLogging() {
    }

    static void initialize(ConfigurableEnvironment environment) {
        LoggingSystem system = LoggingSystem.get(EarlyLogging.class.getClassLoader());
        system.beforeInitialize();
        system.initialize(new LoggingInitializationContext(environment), null, LogFile.get(environment));
        Map<String, LogLevel> levels = Binder.get(environment)
                .bind("logging.level", Bindable.mapOf(String.class, LogLevel.class)).orElse(Map.of());
        levels.forEach((name, level) -> system.setLogLevel(
                name.toLowerCase(Locale.ROOT).equals(LoggingSystem.ROOT_LOGGER_NAME.toLowerCase(Locale.ROOT)) ? null : name,
                level));
    }
}
