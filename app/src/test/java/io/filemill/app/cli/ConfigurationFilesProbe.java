package io.filemill.app.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Run in a working directory by {@link ConfigurationFilesTests}: reads the configuration for the
 * given property arguments with {@link ConfigurationFiles} and with Spring Boot's config-data
 * loader, and prints whether the first read it ("read") and every setting on which the two differ.
 */
public final class ConfigurationFilesProbe {

    private ConfigurationFilesProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        StandardEnvironment files = environment(arguments);
        boolean read = ConfigurationFiles.read(files, Path.of(""));
        StandardEnvironment loader = environment(arguments);
        ConfigDataEnvironmentPostProcessor.applyTo(loader);
        System.out.println(read ? "read" : "left to the loader");
        if (!read) {
            return;
        }
        TreeSet<String> keys = new TreeSet<>();
        for (StandardEnvironment environment : List.of(files, loader)) {
            for (PropertySource<?> source : environment.getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> names
                        && !source.getName().startsWith(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                        && !source.getName().startsWith(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                    keys.addAll(Arrays.asList(names.getPropertyNames()));
                }
            }
        }
        for (String key : keys) {
            String mine = files.getProperty(key);
            String boots = loader.getProperty(key);
            if (!String.valueOf(mine).equals(String.valueOf(boots))) {
                System.out.println("differs: " + key + " = " + mine + " (loader: " + boots + ")");
            }
        }
        System.out.println("settings compared: " + keys.size());
    }

    private static StandardEnvironment environment(List<String> arguments) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(arguments.toArray(String[]::new)));
        environment.getPropertySources().addFirst(new MapPropertySource("filemill-command-options", Map.of()));
        return environment;
    }
}
