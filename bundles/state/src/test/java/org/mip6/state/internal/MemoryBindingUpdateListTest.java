package org.mip6.state.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;

/** RFC 6275 §11.7.3's record of destinations that refused, kept per node beside the list for its entry's lifetime (§11.1). */
class MemoryBindingUpdateListTest {

    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::2");

    @Test
    void refusedDestinationsArePerNodeBoundedAndGoWithTheNode() {
        MemoryBindingUpdateList list = new MemoryBindingUpdateList();
        list.refuse("mn", HA);
        list.refuse("mn", HA);
        assertEquals(java.util.List.of("mn"), list.nodes(), "a node with a refused destination and no entry");
        assertTrue(list.refused("mn", HA));
        assertFalse(list.refused("other", HA));
        assertEquals(1, list.refusedDestinations("mn").size());
        for (int k = 0; k < MemoryBindingUpdateList.MAX_REFUSED; k++) {
            list.refuse("mn", Ipv6Address.parse("2001:db8:9::" + Integer.toHexString(k + 1)));
        }
        assertEquals(MemoryBindingUpdateList.MAX_REFUSED, list.refusedDestinations("mn").size());
        assertFalse(list.refused("mn", HA), "the oldest goes first");
        assertEquals(Ipv6Address.parse("2001:db8:9::1"), list.refusedDestinations("mn").get(0));
        list.clear("mn"); // the node went (NodeStateJanitor)
        assertEquals(0, list.refusedDestinations("mn").size());
        assertEquals(java.util.List.of(), list.nodes());
    }

    @Test
    void aRefusalLastsUntilItsEntrysLifetimeRunsOut() {
        MemoryBindingUpdateList list = new MemoryBindingUpdateList();
        Ipv6Address other = Ipv6Address.parse("2001:db8:1::3");
        list.refuse("mn", HA, 600);
        list.refuse("mn", other);
        assertTrue(list.refused("mn", HA, 599));
        assertTrue(list.refused("mn", HA), "recorded");
        assertFalse(list.refused("mn", HA, 600), "§11.1: deleted with its entry");
        assertFalse(list.refused("mn", HA), "and forgotten");
        assertEquals(java.util.List.of(other), list.refusedDestinations("mn"));
        assertTrue(list.refused("mn", other, Long.MAX_VALUE - 1), "a refusal without a lifetime lasts");
        list.refuse("mn", HA, 2_000);
        list.refuse("mn", HA, 1_000);
        assertFalse(list.refused("mn", HA, 1_000), "the newest record counts");
        assertEquals(java.util.List.of(other), list.refusedDestinations("mn"));
    }
}
