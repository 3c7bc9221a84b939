package org.mip6.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void stepsKeepTheirTimesAndExpectationsAreParsed() {
        Scenario s = Scenario.parse("t", List.of(
                "# a comment", "", "@6s mip6:move mn foreign1", "  mip6:traffic start cn mn",
                "@9.5s expect binding ha 2001:db8:1::ff:fe00:b", "expect loss <= 20", "@20s expect counter ha ha.bu.accepted >= 3"));
        assertEquals(5, s.steps().size());
        assertEquals(3, s.expectations());
        assertEquals(6_000_000_000L, s.steps().get(0).at());
        assertEquals(3, s.steps().get(0).line());
        assertEquals(-1, s.steps().get(1).at(), "right after the previous step");
        assertEquals("mip6:traffic start cn mn", s.steps().get(1).text());
        assertEquals(9_500_000_000L, s.steps().get(2).at());
        Scenario.Binding b = assertInstanceOf(Scenario.Binding.class, s.steps().get(2).expectation());
        assertEquals("ha", b.node());
        assertTrue(b.present());
        Scenario.Loss l = assertInstanceOf(Scenario.Loss.class, s.steps().get(3).expectation());
        assertEquals(Scenario.Comparison.LE, l.op());
        Scenario.Counter c = assertInstanceOf(Scenario.Counter.class, s.steps().get(4).expectation());
        assertEquals("ha.bu.accepted", c.name());
        assertNull(s.steps().get(0).expectation());
    }

    @Test
    void mistakesNameTheirLine() {
        assertEquals("t line 2: @1s is before the previous step's time", assertThrows(IllegalArgumentException.class,
                () -> Scenario.parse("t", List.of("@2s mip6:info", "@1s mip6:info"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Scenario.parse("t", List.of("expect loss about 3"))).getMessage().startsWith("t line 1: \"about\" is not one of"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Scenario.parse("t", List.of("expect weather sunny"))).getMessage().startsWith("t line 1: unknown expectation"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Scenario.parse("t", List.of("expect binding ha not-an-address"))).getMessage().startsWith("t line 1: "));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Scenario.parse("t", List.of("@5x mip6:info"))).getMessage().startsWith("t line 1: "));
        assertEquals("t: no steps", assertThrows(IllegalArgumentException.class,
                () -> Scenario.parse("t", List.of("# nothing"))).getMessage());
    }

    /** Echo replies to cn every 20 ms, none for 500 ms at 1 s (a handover): one gap. */
    @Test
    void aHandoverShowsAsAGapInTheEchoReplies() {
        ScenarioSummary s = new ScenarioSummary();
        long ms = 1_000_000L;
        for (int i = 0; i < 100; i++) {
            long t = i * 20 * ms;
            if (t > 1000 * ms && t < 1500 * ms) {
                continue;
            }
            byte[] reply = HexFormat.of().parseHex("02000000000902000000000186dd6000000000083a40"
                    + "20010db8000100000000000000ff000b" + "20010db8000400000000000000ff0009" + "8100000000070000");
            reply[reply.length - 1] = (byte) i; // its sequence number: every reply differs
            s.frame("cn-link", t, reply);
            s.frame("backbone", t - ms, reply.clone()); // the same reply one link earlier: counted once
        }
        assertEquals(List.of("2001:db8:4::ff:9 0.500 s at 1.000 s"), s.gaps(0));
    }

    @Test
    void comparisons() {
        assertTrue(Scenario.Comparison.parse("<").holds(1, 2));
        assertTrue(Scenario.Comparison.parse("==").holds(2, 2));
        assertTrue(Scenario.Comparison.parse(">=").holds(2, 2));
        assertTrue(!Scenario.Comparison.parse(">").holds(2, 2));
    }

    @Test
    void aMessageCrossingSeveralLinksCountsOnceAndOutputsAreRead() {
        ScenarioSummary s = new ScenarioSummary();
        byte[] ns = HexFormat.of().parseHex("3333ff00000b02000000000b86dd6000000000203aff"
                + "00000000000000000000000000000000" + "ff0200000000000000000001ff00000b"
                + "8700000000000000" + "20010db8000100000000000000ff000b");
        s.frame("home", 1, ns);
        s.frame("home", 2, ns.clone());
        byte[] next = ns.clone();
        next[21] = 0x3e; // the same packet one hop later (hop limit 62)
        s.frame("backbone", 3, next);
        s.output("mip6:move mn foreign1", "mn moved to foreign1: care-of address 2001:db8:2::ff:fe00:b, registered with "
                + "2001:db8:1::2 for 600 s, 2.813 s after the move");
        s.output("mip6:swap org.mip6.ha", "swapped org.mip6.ha 0.1.0 -> 0.1.0 in 31 ms; 3 messages held meanwhile, for up to 12.5 ms");
        s.output("mip6:swap org.mip6.cn", "swapped org.mip6.cn 0.1.0 -> 0.1.0 in 20 ms; no messages held");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(), 0);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("messages: ICMPv6 Neighbor Solicitation 1\n"), out);
        assertTrue(out.contains("registrations after a move: mn -> foreign1 with 2001:db8:1::2 2.813 s\n"), out);
        assertTrue(out.contains("swap pauses: org.mip6.ha 12.5 ms (3 held), org.mip6.cn (nothing held)\n"), out);
        assertTrue(out.contains("traffic: 0 flows, 0 sent, 0 received, 0 lost"), out);
        assertTrue(out.contains("traffic gaps (no reply for over 3 × the usual spacing): none"), out);
    }
}
