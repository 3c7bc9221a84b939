package org.mip6.time;

/** How a scheduler's clock advances. */
public enum TimeMode {
    /** Discrete-event: the clock jumps from one deadline to the next; deterministic; as fast as the CPU allows. */
    VIRTUAL,
    /** Wall-clock: deadlines are real time on one executor thread. */
    REAL_TIME;

    /** Parses "virtual", "realtime", "real-time", "real_time" (any case). */
    public static TimeMode parse(String s) {
        String n = s.trim().toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
        return switch (n) {
            case "virtual" -> VIRTUAL;
            case "realtime", "real" -> REAL_TIME;
            default -> throw new IllegalArgumentException("unknown time mode \"" + s + "\" (expected virtual or realtime)");
        };
    }
}
