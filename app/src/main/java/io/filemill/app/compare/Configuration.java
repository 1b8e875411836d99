package io.filemill.app.compare;

/**
 * One way of doing the compared work: filemill in a mode, with a number of workers and a durability,
 * or the plain-JDK baseline program on as many threads ({@code forced} when its durability is
 * {@code durable}).
 *
 * @param kind       filemill or the baseline
 * @param mode       {@code thread} or {@code process}; {@code baseline} for the baseline
 * @param workers    retitle workers (the deliver stage has one); for the baseline, its threads
 * @param durability {@code durable} or {@code fast}
 */
public record Configuration(Kind kind, String mode, int workers, String durability) {

    /** What runs. */
    public enum Kind { FILEMILL, BASELINE }

    public static Configuration filemill(String mode, int workers, String durability) {
        return new Configuration(Kind.FILEMILL, mode, workers, durability);
    }

    /** The baseline program on {@code threads} threads, the yardstick for filemill with as many workers. */
    public static Configuration baseline(int threads, String durability) {
        return new Configuration(Kind.BASELINE, "baseline", threads, durability);
    }

    public boolean isBaseline() {
        return kind == Kind.BASELINE;
    }

    /** A short name for tables and charts, for example {@code process x2 fast} or {@code baseline x2 forced}. */
    public String label() {
        return mode + " x" + workers + " " + (isBaseline() ? (durability.equals("durable") ? "forced" : "fast") : durability);
    }
}
