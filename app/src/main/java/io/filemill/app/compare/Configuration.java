package io.filemill.app.compare;

/**
 * One way of doing the compared work: filemill in a mode, with a number of workers and a durability,
 * or the plain baseline loop ({@code forced} when its durability is {@code durable}).
 *
 * @param kind       filemill or the baseline
 * @param mode       {@code thread} or {@code process}; {@code baseline} for the baseline
 * @param workers    workers per stage; 1 for the baseline, which has one thread
 * @param durability {@code durable} or {@code fast}
 */
public record Configuration(Kind kind, String mode, int workers, String durability) {

    /** What runs. */
    public enum Kind { FILEMILL, BASELINE }

    public static Configuration filemill(String mode, int workers, String durability) {
        return new Configuration(Kind.FILEMILL, mode, workers, durability);
    }

    public static Configuration baseline(String durability) {
        return new Configuration(Kind.BASELINE, "baseline", 1, durability);
    }

    public boolean isBaseline() {
        return kind == Kind.BASELINE;
    }

    /** A short name for tables and charts, for example {@code process x2 fast} or {@code baseline forced}. */
    public String label() {
        if (isBaseline()) {
            return durability.equals("durable") ? "baseline forced" : "baseline";
        }
        return mode + " x" + workers + " " + durability;
    }
}
