package io.filemill.app.corpus;

/** The sizes of the files a generated corpus holds. */
public enum CorpusProfile {

    /** Every file 200 bytes to 2 KiB. */
    SMALL,
    /** Like {@link #SMALL}, but about one file in a hundred is 1 MiB. */
    MIXED,
    /** Every file 64 KiB to 1 MiB. */
    LARGE;

    static final int LARGE_FILE_BYTES = 1 << 20;

    /** The body size of the {@code index}-th file; {@code draw} is a uniform random number in [0, 1). */
    int bodyBytes(int index, double draw, int smallDraw) {
        return switch (this) {
            case SMALL -> 200 + smallDraw;
            case MIXED -> index % 100 == 50 ? LARGE_FILE_BYTES : 200 + smallDraw;
            case LARGE -> (64 << 10) + (int) (draw * ((1 << 20) - (64 << 10)));
        };
    }
}
