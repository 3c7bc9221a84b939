package org.mip6.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TrailingOptionsTest {

    @Test
    void flagsAndValuesAnywhereTheRestInOrder() {
        List<String> seen = new ArrayList<>();
        TrailingOptions o = new TrailingOptions()
                .flag(() -> seen.add("udp"), "--udp")
                .value(v -> seen.add("interval=" + v), "--interval", "-i");
        assertEquals(List.of("start", "mn", "cn"), o.parse(List.of("start", "--udp", "mn", "-i", "100ms", "cn")));
        assertEquals(List.of("udp", "interval=100ms"), seen);
        assertEquals(List.of(), o.parse(null));
    }

    @Test
    void aValuedOptionWithoutItsValueIsAnError() {
        TrailingOptions o = new TrailingOptions().value(v -> { }, "--seed");
        assertEquals("--seed needs a value",
                assertThrows(IllegalArgumentException.class, () -> o.parse(List.of("reset", "--seed"))).getMessage());
    }
}
