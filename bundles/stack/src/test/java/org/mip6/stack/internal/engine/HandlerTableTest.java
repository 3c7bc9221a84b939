package org.mip6.stack.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mip6.role.Icmpv6Handler;
import org.mip6.role.MobilityHandler;

class HandlerTableTest {

    @Test
    void theHighestRankingThenTheEarliestHandlesAType() {
        HandlerTable t = new HandlerTable();
        MobilityHandler a = (rx, m) -> { };
        MobilityHandler b = (rx, m) -> { };
        MobilityHandler c = (rx, m) -> { };
        t.addMobility(5, a, 0);
        t.addMobility(5, b, 0);
        assertSame(a, t.mobility(5));
        t.addMobility(5, c, 10);
        assertSame(c, t.mobility(5));
        t.remove(c);
        assertSame(a, t.mobility(5));
        assertNull(t.mobility(6));
        assertTrue(t.handlesMobility());
        assertThrows(IllegalArgumentException.class, () -> t.addMobility(256, a, 0));
    }

    @Test
    void everyIcmpv6HandlerOfATypeIsCalled() {
        HandlerTable t = new HandlerTable();
        Icmpv6Handler x = (rx, m) -> { };
        Icmpv6Handler y = (rx, m) -> { };
        t.addIcmpv6(144, x, 0);
        t.addIcmpv6(144, y, 1);
        assertEquals(List.of(y, x), t.icmpv6(144));
        assertEquals(List.of(), t.icmpv6(145));
    }

    @Test
    void aKeyStaysClaimedAfterItsHandlerWentUntilReleased() {
        HandlerTable t = new HandlerTable();
        AtomicInteger changes = new AtomicInteger();
        t.onChange(changes::incrementAndGet);
        MobilityHandler a = (rx, m) -> { };
        assertFalse(t.claimed(HandlerKey.mobility(5)));
        t.addMobility(5, a, 0);
        t.remove(a);
        assertFalse(t.has(HandlerKey.mobility(5)));
        assertTrue(t.claimed(HandlerKey.mobility(5)), "its role is being replaced: hold");
        t.release(HandlerKey.mobility(5));
        assertFalse(t.claimed(HandlerKey.mobility(5)));
        assertEquals(2, changes.get());
        t.remove(a);
        assertEquals(2, changes.get(), "removing what is not there changes nothing");
    }
}
