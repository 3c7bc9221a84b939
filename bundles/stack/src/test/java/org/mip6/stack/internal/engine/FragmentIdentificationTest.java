package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;

/** RFC 7739 §5.3.3: fragment Identifications per source and destination, from keyed hashes and bucket counters. */
class FragmentIdentificationTest {

    static final Ipv6Address ME = Ipv6Address.parse("2001:db8:1::1");

    static Outbound outbound(long offsetKey, long bucketKey) {
        Parts p = ExtensionHeadersTest.parts();
        Outbound o = new Outbound(p.ifaces, p.routes, new Tunnels("t"), p.sources, p.neighbors, p.counters, NodeEvents.NONE);
        o.setFragmentIdentificationKeys(offsetKey, bucketKey);
        return o;
    }

    @Test
    void successivePacketsToOneDestinationGetSuccessiveIdentifications() {
        Outbound o = outbound(0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L);
        Ipv6Address dst = Ipv6Address.parse("2001:db8:4::9");
        long first = o.fragmentIdentification(ME, dst);
        for (int k = 1; k < 5; k++) {
            assertEquals((first + k) & 0xffff_ffffL, o.fragmentIdentification(ME, dst));
        }
    }

    @Test
    void anotherDestinationsIdentificationsTellNothingOfThisOnes() {
        Outbound o = outbound(1, 2);
        Set<Long> offsets = new HashSet<>();
        List<Long> sequence = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            long id = o.fragmentIdentification(ME, Ipv6Address.parse("2001:db8:4::" + Integer.toHexString(k + 1)));
            offsets.add(id);
            sequence.add(id);
        }
        assertEquals(100, offsets.size(), "100 destinations, 100 different Identifications");
        // a correspondent that sees its own cannot step to another's: no two successive values are neighbours
        for (int k = 1; k < sequence.size(); k++) {
            assertNotEquals(1L, (sequence.get(k) - sequence.get(k - 1)) & 0xffff_ffffL, "at " + k);
        }
    }

    @Test
    void theSameKeysGiveTheSameIdentificationsAndOthersDoNot() {
        Ipv6Address dst = Ipv6Address.parse("2001:db8:4::9");
        assertEquals(outbound(7, 8).fragmentIdentification(ME, dst), outbound(7, 8).fragmentIdentification(ME, dst),
                "same seed, same pcap");
        assertNotEquals(outbound(7, 8).fragmentIdentification(ME, dst), outbound(9, 8).fragmentIdentification(ME, dst));
    }
}
