package org.mip6.state.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.state.BindingCacheEntry;

class MemoryNodeStateTest {

    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::99");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::5");

    static BindingCacheEntry entry(int seq) {
        return new BindingCacheEntry(HOA, COA, seq, 0xc000, true, 600, 1_000, 601_000, 1_000, 0);
    }

    @Test
    void entriesPerNodeReplacedByKeyAndClearedWithTheNode() {
        MemoryBindingCache c = new MemoryBindingCache();
        c.put("ha", HOA, entry(1));
        c.put("ha", HOA, entry(2));
        c.put("cn", HOA, entry(7));
        assertEquals(2, c.get("ha", HOA).orElseThrow().sequence());
        assertEquals(List.of(entry(2)), c.entries("ha"));
        assertEquals(List.of("ha", "cn"), c.nodes());
        c.clear("ha");
        assertTrue(c.get("ha", HOA).isEmpty());
        assertEquals(7, c.remove("cn", HOA).orElseThrow().sequence());
        assertEquals(List.of(), c.nodes(), "a node without entries is not listed");
    }
}
