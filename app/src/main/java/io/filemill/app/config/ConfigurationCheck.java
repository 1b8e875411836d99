package io.filemill.app.config;

import java.lang.reflect.RecordComponent;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.scheduling.support.CronExpression;

/**
 * Checks the configuration before anything starts or is written: every {@code filemill.*} key is
 * one filemill knows, and every value binds. A problem is one line that names the setting, the
 * value and what is accepted ({@link ConfigurationProblem}).
 */
public final class ConfigurationCheck {

    /** Known keys, normalized (see {@link #normalized}), to the spelling the documentation uses. */
    private static final Map<String, String> KNOWN = known();

    private ConfigurationCheck() {
    }

    /**
     * Checks the keys and binds the values.
     *
     * @throws ConfigurationProblem naming the first unknown key (and the nearest known one) or the
     *                              first value that does not bind
     */
    public static FilemillProperties check(ConfigurableEnvironment environment) {
        noUnknownKeys(environment);
        FilemillProperties properties;
        try {
            properties = Binder.get(environment).bindOrCreate("filemill", FilemillProperties.class);
        } catch (BindException e) {
            throw new ConfigurationProblem(describe(e));
        }
        cron(properties.schedule().cron());
        zone(properties.schedule().zone());
        return properties;
    }

    /** Parses {@code filemill.schedule.cron}, a Spring cron expression with seconds. */
    public static CronExpression cron(String expression) {
        try {
            return CronExpression.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationProblem("schedule.cron '" + expression + "' is not a cron expression: " + e.getMessage());
        }
    }

    /** Parses {@code filemill.schedule.zone}; empty is the system's zone. */
    public static ZoneId zone(String zone) {
        try {
            return zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ConfigurationProblem("schedule.zone '" + zone + "' is not a time zone");
        }
    }

    /**
     * Refuses a {@code filemill.*} key that is not a setting. Keys from the environment and the
     * system properties are not checked: they hold other programs' settings too.
     */
    static void noUnknownKeys(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                    || source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
                    || !(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            for (String key : names.getPropertyNames()) {
                if (key.toLowerCase(Locale.ROOT).startsWith("filemill.") && !KNOWN.containsKey(normalized(key))) {
                    throw new ConfigurationProblem("unknown setting '" + key + "'" + where(source)
                            + "; did you mean '" + nearest(key) + "'?");
                }
            }
        }
    }

    private static String where(PropertySource<?> source) {
        String name = source.getName();
        if (name.startsWith("Config resource")) {
            int start = name.indexOf('[');
            int end = name.lastIndexOf(']');
            return " in " + (start >= 0 && end > start ? name.substring(start + 1, end) : name);
        }
        return "";
    }

    /** Lower case, without list indices and without the separators relaxed binding ignores. */
    static String normalized(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("\\[[^\\]]*\\]", "").replace("-", "").replace("_", "");
    }

    private static String nearest(String key) {
        String wanted = normalized(key);
        return KNOWN.entrySet().stream()
                .min(Comparator.comparingInt((Map.Entry<String, String> known) -> distance(wanted, known.getKey()))
                        .thenComparing(Map.Entry::getValue))
                .map(Map.Entry::getValue).orElse("filemill");
    }

    /** Levenshtein distance, on two rows. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        Arrays.setAll(previous, i -> i);
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Every setting and every group of settings, from the records that bind them. */
    private static Map<String, String> known() {
        Map<String, String> keys = new TreeMap<>();
        collect(FilemillProperties.class, "filemill", keys);
        return Map.copyOf(keys);
    }

    private static void collect(Class<?> record, String prefix, Map<String, String> keys) {
        for (RecordComponent component : record.getRecordComponents()) {
            String key = prefix + "." + kebab(component.getName());
            keys.put(normalized(key), key);
            if (component.getType().isRecord()) {
                collect(component.getType(), key, keys);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** One line for a value that cannot be bound: the setting, the value, and what is accepted. */
    public static String describe(BindException bind) {
        String name = String.valueOf(bind.getName());
        String value = bind.getProperty() == null ? null : String.valueOf(bind.getProperty().getValue());
        Class<?> target = bind.getTarget() == null ? null : bind.getTarget().getType().resolve();
        Throwable cause = deepest(bind);
        if (target != null && target.isEnum()) {
            String allowed = Arrays.stream(target.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .reduce((a, b) -> a + ", " + b).orElse("");
            return name + ": '" + value + "' is not one of " + allowed;
        }
        if (target == Duration.class || cause instanceof DateTimeParseException) {
            return name + ": '" + value + "' is not a duration; write it like 500ms, 5s, 2m or 1h";
        }
        if (target == int.class || target == Integer.class || cause instanceof NumberFormatException) {
            return name + ": '" + value + "' is not a whole number";
        }
        if (target == boolean.class || target == Boolean.class) {
            return name + ": '" + value + "' is not true or false";
        }
        String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        return name + (value == null ? "" : ": '" + value + "'") + ": " + message;
    }

    private static Throwable deepest(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
