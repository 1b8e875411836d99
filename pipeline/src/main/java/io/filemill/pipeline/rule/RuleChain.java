package io.filemill.pipeline.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An ordered chain of title rules, built from specs such as {@code trim}, {@code title-case},
 * {@code prefix:TEXT}, {@code suffix:TEXT}, {@code replace:REGEX=>TEXT} or
 * {@code template:{title} ({name}, {date})}. The result never contains a line break.
 */
public final class RuleChain {

    /** The chain used when the configuration names none. */
    public static final List<String> DEFAULT_SPECS = List.of("collapse-whitespace", "title-case");

    static final List<String> KNOWN = List.of("trim", "collapse-whitespace", "title-case", "upper", "lower",
            "prefix:TEXT", "suffix:TEXT", "replace:REGEX=>TEXT", "template:TEXT");

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+");

    private final List<String> specs;
    private final List<TitleRule> rules;

    private RuleChain(List<String> specs, List<TitleRule> rules) {
        this.specs = List.copyOf(specs);
        this.rules = List.copyOf(rules);
    }

    /**
     * Parses rule specs. A rule's name is read without surrounding spaces; its argument is kept
     * exactly as given, so {@code "prefix:Draft: "} keeps its trailing space.
     *
     * @throws IllegalArgumentException naming the first spec that is not a known rule
     */
    public static RuleChain parse(List<String> specs) {
        List<TitleRule> rules = new ArrayList<>();
        for (String spec : specs) {
            rules.add(parseOne(spec.stripLeading()));
        }
        return new RuleChain(specs, rules);
    }

    public static RuleChain defaults() {
        return parse(DEFAULT_SPECS);
    }

    private static TitleRule parseOne(String spec) {
        int colon = spec.indexOf(':');
        String name = (colon < 0 ? spec : spec.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        String argument = colon < 0 ? null : spec.substring(colon + 1);
        switch (name) {
            case "trim":
                return noArgument(spec, argument, (t, c) -> TitleRules.trim(t));
            case "collapse-whitespace":
                return noArgument(spec, argument, (t, c) -> TitleRules.collapseWhitespace(t));
            case "title-case":
                return noArgument(spec, argument, (t, c) -> TitleRules.titleCase(t));
            case "upper":
                return noArgument(spec, argument, (t, c) -> t.toUpperCase(Locale.ROOT));
            case "lower":
                return noArgument(spec, argument, (t, c) -> t.toLowerCase(Locale.ROOT));
            case "prefix":
                String prefix = required(spec, argument);
                return (t, c) -> TitleRules.template(prefix, t, c) + t;
            case "suffix":
                String suffix = required(spec, argument);
                return (t, c) -> t + TitleRules.template(suffix, t, c);
            case "template":
                String template = required(spec, argument);
                return (t, c) -> TitleRules.template(template, t, c);
            case "replace":
                return replace(spec, required(spec, argument));
            default:
                throw new IllegalArgumentException("unknown title rule '" + spec + "' (known: "
                        + String.join(", ", KNOWN) + ")");
        }
    }

    private static TitleRule replace(String spec, String argument) {
        int arrow = argument.indexOf("=>");
        if (arrow < 0) {
            throw new IllegalArgumentException("title rule '" + spec + "' needs the form replace:REGEX=>TEXT");
        }
        try {
            Pattern pattern = Pattern.compile(argument.substring(0, arrow));
            String replacement = argument.substring(arrow + 2);
            // a user's expression may backtrack without end: matching reads the title through the deadline
            return (t, c) -> pattern.matcher(new DeadlineText(t, c.deadline())).replaceAll(replacement);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("title rule '" + spec + "' has a bad regular expression: "
                    + e.getDescription());
        }
    }

    private static TitleRule noArgument(String spec, String argument, TitleRule rule) {
        if (argument != null) {
            throw new IllegalArgumentException("title rule '" + spec + "' takes no argument");
        }
        return rule;
    }

    private static String required(String spec, String argument) {
        if (argument == null) {
            throw new IllegalArgumentException("title rule '" + spec + "' needs an argument after ':'");
        }
        return argument;
    }

    /** Applies every rule in order; line breaks in the result become single spaces. */
    public String apply(String title, TitleContext context) {
        String result = title;
        for (TitleRule rule : rules) {
            result = rule.apply(result, context);
        }
        return LINE_BREAKS.matcher(result).replaceAll(" ");
    }

    public List<String> specs() {
        return specs;
    }
}
