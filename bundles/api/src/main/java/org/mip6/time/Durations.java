package org.mip6.time;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in commands and configuration: "250ms", "1.5s", "500us", "2m",
 * "1h". A bare number is in the unit the caller names (seconds for commands, milliseconds for link
 * delays).
 */
public final class Durations {

    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)?");

    private Durations() {
    }

    /**
     * Nanoseconds of {@code text}.
     *
     * @throws IllegalArgumentException if it is not a non-negative duration
     */
    public static long parseNanos(String text, TimeUnit bareUnit) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration (e.g. 500us, 250ms, 10s, 2m, 1h)");
        }
        double v = Double.parseDouble(m.group(1));
        double unitNanos = m.group(2) == null ? bareUnit.toNanos(1) : switch (m.group(2)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        return (long) (v * unitNanos);
    }

    public static Duration parse(String text, TimeUnit bareUnit) {
        return Duration.ofNanos(parseNanos(text, bareUnit));
    }

    /** "250 ms", or "0.125 ms" when not a whole number of milliseconds. */
    public static String formatMillis(long nanos) {
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + " ms" : String.format("%.3f ms", nanos / 1e6);
    }
}
