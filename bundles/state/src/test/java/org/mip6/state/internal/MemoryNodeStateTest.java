package org.mip6.state.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.state.BindingCacheEntry;
import org.mip6.state.BindingCacheSlot;

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

    @Test
    void aSlotReadsAndWritesWhatGetAndPutDoAndAWrittenEntryKeepsItsTimer() {
        MemoryBindingCache c = new MemoryBindingCache();
        BindingCacheSlot slot = new BindingCacheSlot();
        assertFalse(c.read("ha", HOA, slot), "no table for the node yet");
        c.write("ha", slot.set(entry(1)));
        assertEquals(entry(1), c.get("ha", HOA).orElseThrow());
        c.setTimer("ha", HOA, 777);
        c.write("ha", slot.set(8, 0x8000, true, 40, 2_000, 42_000, 1_500, 9));
        assertEquals(new BindingCacheEntry(HOA, COA, 8, 0x8000, true, 40, 2_000, 42_000, 1_500, 9),
                c.get("ha", HOA).orElseThrow());
        assertEquals(777, c.timer("ha", HOA), "a replaced entry keeps its timer");
        BindingCacheSlot read = new BindingCacheSlot();
        assertTrue(c.read("ha", HOA, read));
        assertEquals(c.get("ha", HOA).orElseThrow(), read.toEntry());
        assertEquals(777, read.timer(), "the entry's timer is read with it");
        c.setTimer("ha", HOA, Long.MAX_VALUE);
        assertTrue(c.read("ha", HOA, read));
        assertEquals(Long.MAX_VALUE, read.timer(), "no timer");
        // the interface's default read (a cache that only has get and timer) tells the same
        org.mip6.state.BindingCache plain = new org.mip6.state.BindingCache() {
            @Override
            public java.util.Optional<BindingCacheEntry> get(String node, org.mip6.net.Ipv6Address key) {
                return c.get(node, key);
            }

            @Override
            public long timer(String node, org.mip6.net.Ipv6Address homeAddress) {
                return 555;
            }

            @Override
            public void put(String node, org.mip6.net.Ipv6Address key, BindingCacheEntry entry) {
            }

            @Override
            public java.util.Optional<BindingCacheEntry> remove(String node, org.mip6.net.Ipv6Address key) {
                return java.util.Optional.empty();
            }

            @Override
            public List<BindingCacheEntry> entries(String node) {
                return List.of();
            }

            @Override
            public void clear(String node) {
            }

            @Override
            public List<String> nodes() {
                return List.of();
            }

            @Override
            public void setTimer(String node, org.mip6.net.Ipv6Address homeAddress, long at) {
            }

            @Override
            public long nextTimer(String node) {
                return Long.MAX_VALUE;
            }

            @Override
            public org.mip6.net.Ipv6Address pollTimer(String node, long now) {
                return null;
            }
        };
        BindingCacheSlot viaDefault = new BindingCacheSlot();
        assertTrue(plain.read("ha", HOA, viaDefault));
        assertEquals(read.toEntry(), viaDefault.toEntry());
        assertEquals(555, viaDefault.timer());
        assertTrue(read.homeAddressIs(HOA) && read.careOfAddressIs(COA) && !read.careOfAddressIs(HOA));
        assertFalse(c.read("ha", COA, read));
        assertEquals(c.get("ha", HOA).orElseThrow(), read.toEntry(), "a failed read leaves the slot as it was");
        assertThrows(IllegalArgumentException.class, () -> read.set(65536, 0, true, 1, 0, 0, 0, 0));
    }
}
