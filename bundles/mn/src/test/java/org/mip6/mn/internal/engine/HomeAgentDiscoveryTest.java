package org.mip6.mn.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/** DHAAD from the mobile node's side as a timeline (RFC 6275 §11.4.1, §12). */
class HomeAgentDiscoveryTest {

    static final long S = 1_000_000_000L;
    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::b");

    final List<String> sent = new ArrayList<>();
    final List<Integer> ids = new ArrayList<>();
    final HomeAgentDiscovery d = new HomeAgentDiscovery(HOME, 3, (src, anycast, id) -> {
        sent.add(src + " -> " + anycast);
        ids.add(id);
    });

    @Test
    void requestsToTheAnycastAddressRetransmittedDoublingThenGivesUp() {
        d.start(0, COA);
        assertEquals(List.of(COA + " -> 2001:db8:1:0:fdff:ffff:ffff:fffe"), sent);
        List<Long> at = new ArrayList<>();
        boolean gaveUp = false;
        while (!gaveUp) {
            long t = d.nextDeadline();
            at.add(t / S);
            gaveUp = d.onTimer(t);
        }
        assertEquals(List.of(3L, 9L, 21L, 45L, 93L), at, "3 s doubling, DHAAD_RETRIES = 4 retransmissions");
        assertEquals(5, d.requests());
        assertEquals(1, d.failures());
        assertTrue(ids.stream().distinct().count() == 1, "one identifier per discovery");
    }

    @Test
    void theReplyWithTheIdentifierEndsIt() {
        d.start(0, COA);
        List<Ipv6Address> has = List.of(HOME.withInterfaceId(2), HOME.withInterfaceId(3));
        assertNull(d.onReply(S, ids.get(0) + 1 & 0xffff, has, a -> false), "another identifier");
        assertEquals(has, d.onReply(S, ids.get(0), has, a -> false));
        assertEquals(Long.MAX_VALUE, d.nextDeadline());
        assertNull(d.onReply(S, ids.get(0), has, a -> false), "only once");
    }

    /**
     * A forged or broken reply: addresses no home agent has are left out and counted (the fuzz test's seed 93
     * had mn send its Binding Updates to ff01:db8:1::2 from a forged RA relayed by ha's reply), home agents
     * that refused us too (§11.7.3); with none left the request goes again when its timer runs out.
     */
    @Test
    void aReplyWithNoHomeAgentToTryIsAsNoReply() {
        d.start(0, COA);
        Ipv6Address refusedUs = HOME.withInterfaceId(2);
        List<Ipv6Address> bad = List.of(Ipv6Address.parse("ff01:db8:1::2"), Ipv6Address.parse("fe80::2"), Ipv6Address.UNSPECIFIED,
                Ipv6Address.parse("::1"), refusedUs);
        assertEquals(List.of(), d.onReply(S, ids.get(0), bad, refusedUs::equals));
        assertEquals(4, d.badAddresses());
        assertEquals(3 * S, d.nextDeadline(), "still waiting: retransmitted at its time");
        assertTrue(d.running());
        d.onTimer(3 * S);
        assertEquals(2, d.requests());
        Ipv6Address good = HOME.withInterfaceId(3);
        assertEquals(List.of(good), d.onReply(4 * S, ids.get(0), List.of(Ipv6Address.parse("ff02::2"), refusedUs, good),
                refusedUs::equals), "the usable ones, in the reply's order");
        assertEquals(5, d.badAddresses());
        assertEquals(Long.MAX_VALUE, d.nextDeadline());
    }
}
