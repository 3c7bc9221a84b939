package org.mip6.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.world.World;

/** mip6:run in steps: the whole duration run, progress on a long run, Ctrl-C heard between steps. */
class RunCommandTest {

    long clock = 10_000_000_000L;
    long wall;
    final List<Long> steps = new ArrayList<>();

    /** A virtual world whose every second costs {@code wallPerSecond} ns of wall clock. */
    World world(long wallPerSecond) {
        return (World) Proxy.newProxyInstance(World.class.getClassLoader(), new Class<?>[] {World.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "nowNanos" -> {
                    return clock;
                }
                case "run" -> {
                    long d = ((Duration) a[0]).toNanos();
                    steps.add(d);
                    clock += d;
                    wall += d / 1_000_000_000.0 * wallPerSecond;
                    return null;
                }
                default -> throw new UnsupportedOperationException(m.getName());
            }
        });
    }

    String run(World w, Duration d) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        RunCommand.run(w, d, () -> wall, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aShortRunIsOneLine() {
        String out = run(world(1_000_000), Duration.ofSeconds(5));
        assertEquals(15_000_000_000L, clock);
        assertEquals(List.of("clock at 15.000 s (took 0.005 s of wall clock)"), out.lines().toList());
    }

    @Test
    void aLongRunSaysHowFarItIsAndEndsExactlyWhereAsked() {
        String out = run(world(50_000_000), Duration.ofHours(1)); // 180 s of wall clock
        assertEquals(10_000_000_000L + 3_600_000_000_000L, clock);
        List<String> lines = out.lines().toList();
        assertTrue(lines.size() > 50, out);
        assertTrue(lines.get(0).matches("clock at [0-9.]+ s: [0-9]+ % of the run \\([0-9.]+ s of wall clock\\)"), out);
        assertTrue(lines.get(lines.size() - 1).startsWith("clock at 3610.000 s (took 180.0"), out);
        assertEquals(3_600_000_000_000L, steps.stream().mapToLong(Long::longValue).sum());
        assertTrue(steps.stream().allMatch(s -> s <= 10_000_000_000L), "steps of about 0.2 s of wall clock: " + steps);
    }

    @Test
    void ctrlCStopsAfterTheStepUnderWay() {
        Thread.currentThread().interrupt();
        try {
            String out = run(world(50_000_000), Duration.ofHours(1));
            assertEquals(List.of("interrupted: clock at 11.000 s, 1.000 s of the 3600.000 s asked (took 0.050 s of wall clock)"),
                    out.lines().toList());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aZeroRunRunsWhatIsDueNow() {
        run(world(1), Duration.ZERO);
        assertEquals(List.of(0L), steps);
    }
}
