package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;

class TimerTableTest {

    static final Ipv6Address A = Ipv6Address.parse("2001:db8::a");
    static final Ipv6Address B = Ipv6Address.parse("2001:db8::b");

    static List<String> due(TimerTable t, long now) {
        List<String> out = new ArrayList<>();
        TimerTable.Key k;
        while ((k = t.pollDue(now)) != null) {
            out.add(k.kind() + "/" + k.iface() + "/" + k.key());
        }
        return out;
    }

    @Test
    void settingATimerReplacesThePreviousOneOfTheSameKey() {
        TimerTable t = new TimerTable();
        for (int k = 0; k < 100_000; k++) {
            t.set(1_000 + k, TimerKind.RA_UNSOLICITED, 0, null); // an RA every few ms for hours
            t.set(5_000 + k, TimerKind.ROUTER_LIFETIME, 0, A);
        }
        assertEquals(2, t.size(), "bounded by the state, not by how often the timers were set");
        assertEquals(100_999, t.next());
        assertEquals(List.of(), due(t, 100_998));
        assertEquals(List.of("RA_UNSOLICITED/0/null"), due(t, 100_999));
        assertEquals(1, t.size());
    }

    @Test
    void dueTimersComeOutByDeadlineThenInTheOrderTheyWereSet() {
        TimerTable t = new TimerTable();
        t.set(20, TimerKind.NEIGHBOR, 0, B);
        t.set(10, TimerKind.NEIGHBOR, 0, A);
        t.set(20, TimerKind.DAD, 1, A);
        t.set(20, TimerKind.NEIGHBOR, 1, A);
        assertEquals(List.of("NEIGHBOR/0/" + A, "NEIGHBOR/0/" + B, "DAD/1/" + A, "NEIGHBOR/1/" + A), due(t, 25));
        assertEquals(Long.MAX_VALUE, t.next());
        assertNull(t.pollDue(Long.MAX_VALUE));
    }

    @Test
    void cancelAndCancelInterface() {
        TimerTable t = new TimerTable();
        t.set(10, TimerKind.NEIGHBOR, 0, A);
        t.set(11, TimerKind.NEIGHBOR, 1, A);
        t.set(12, TimerKind.DAD, 1, B);
        t.cancel(TimerKind.NEIGHBOR, 0, A);
        assertEquals(Long.MAX_VALUE, t.deadline(TimerKind.NEIGHBOR, 0, A));
        assertEquals(11, t.deadline(TimerKind.NEIGHBOR, 1, A));
        t.cancelInterface(1);
        assertEquals(0, t.size());
        assertEquals(Long.MAX_VALUE, t.next());
    }

    @Test
    void reSettingTheSameDeadlineKeepsTheOrder() {
        TimerTable t = new TimerTable();
        t.set(10, TimerKind.NEIGHBOR, 0, A);
        t.set(10, TimerKind.NEIGHBOR, 0, B);
        t.set(10, TimerKind.NEIGHBOR, 0, A); // unchanged: A stays first
        assertEquals(List.of("NEIGHBOR/0/" + A, "NEIGHBOR/0/" + B), due(t, 10));
    }
}
