package org.mip6.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void unitsAndTheCallersBareUnit() {
        assertEquals(250_000_000L, Durations.parseNanos("250ms", TimeUnit.SECONDS));
        assertEquals(1_500_000_000L, Durations.parseNanos(" 1.5 s ", TimeUnit.MILLISECONDS));
        assertEquals(500_000L, Durations.parseNanos("500us", TimeUnit.SECONDS));
        assertEquals(7L, Durations.parseNanos("7ns", TimeUnit.SECONDS));
        assertEquals(120_000_000_000L, Durations.parseNanos("2m", TimeUnit.SECONDS));
        assertEquals(3_600_000_000_000L, Durations.parseNanos("1h", TimeUnit.SECONDS));
        assertEquals(3_000_000_000L, Durations.parseNanos("3", TimeUnit.SECONDS));
        assertEquals(3_000_000L, Durations.parseNanos("3", TimeUnit.MILLISECONDS));
        assertEquals("250 ms", Durations.formatMillis(250_000_000L));
        assertEquals("0.125 ms", Durations.formatMillis(125_000L));
    }

    @Test
    void notADuration() {
        for (String bad : new String[] {"", "-1s", "1 fortnight", "ms", "1.s", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Durations.parseNanos(bad, TimeUnit.SECONDS), String.valueOf(bad));
            assertEquals(true, e.getMessage().contains("is not a duration"), e.getMessage());
        }
    }
}
