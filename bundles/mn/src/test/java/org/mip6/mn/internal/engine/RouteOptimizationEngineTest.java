package org.mip6.mn.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.state.internal.MemoryBindingUpdateList;
import org.mip6.wire.mh.MobilityMessage.BindingError;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;

/** The mobile node's route optimization engine alone, on a fake clock. */
class RouteOptimizationEngineTest {

    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:4::ff:fe00:9");

    final List<String> sent = new ArrayList<>();
    final RouteOptimizationEngine engine = new RouteOptimizationEngine("mn", MobilityParameters.DEFAULT, 1_000_000_000L, HOA, 7,
            new MemoryBindingUpdateList(), new RouteOptimizationEngine.Output() {
                @Override
                public void sendHomeTestInit(Ipv6Address homeAddress, Ipv6Address correspondent, long cookie) {
                    sent.add("HoTI " + correspondent);
                }

                @Override
                public void sendCareOfTestInit(Ipv6Address careOfAddress, Ipv6Address correspondent, long cookie) {
                    sent.add("CoTI " + correspondent);
                }

                @Override
                public void sendBindingUpdate(Ipv6Address careOfAddress, Ipv6Address homeAddress, Ipv6Address correspondent,
                                              BindingUpdate update, byte[] kbm) {
                    sent.add("BU " + correspondent);
                }
            });

    @Test
    void aBindingErrorFromANodeWithoutABindingUpdateListEntryIsIgnoredAndCounted() {
        engine.onBindingError(0, CN, new BindingError(1, HOA), null); // §11.3.6: MUST ignore
        engine.onBindingError(0, CN, new BindingError(2, HOA), null);
        assertEquals(List.of(), sent);
        assertEquals(2L, engine.counters().get("be.ignored"));
        assertEquals(List.of(0L, 0L), List.of(engine.counters().get("be.1"), engine.counters().get("be.2")));
    }
}
