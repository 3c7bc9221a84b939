package org.mip6.ha.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.ha.internal.engine.TunnelledListeners.Record;
import org.mip6.net.Ipv6Address;

class TunnelMulticastTest {

    /** An MLDv2 Report's body after its ICMPv6 header (RFC 3810 §5.2): two records, the second with a source and aux data. */
    static final byte[] REPORT = HexFormat.of().parseHex("0000" + "0002"
            + "04" + "00" + "0000" + "ff0e0000000000000000000000000101"
            + "05" + "01" + "0001" + "ff0e0000000000000000000000000102" + "20010db8000000000000000000000001" + "aabbccdd");

    @Test
    void anMldv2ReportsRecordsAndMldv1sReportAndDone() {
        assertEquals(List.of(new Record(4, Ipv6Address.parse("ff0e::101"), 0), new Record(5, Ipv6Address.parse("ff0e::102"), 1)),
                TunnelMulticast.records(143, REPORT));
        byte[] v1 = HexFormat.of().parseHex("2710" + "0000" + "ff0e0000000000000000000000000101");
        assertEquals(List.of(new Record(2, Ipv6Address.parse("ff0e::101"), 0)), TunnelMulticast.records(131, v1),
                "an MLDv1 Report: listening (MODE_IS_EXCLUDE)");
        assertEquals(List.of(new Record(3, Ipv6Address.parse("ff0e::101"), 0)), TunnelMulticast.records(132, v1),
                "a Done: left (CHANGE_TO_INCLUDE_MODE, no sources)");
    }

    /** Every cut of the report short of its end is refused whole (a record, a source or aux data that does not fit). */
    @Test
    void aReportCutAnywhereIsRefused() {
        for (int n = 0; n < REPORT.length; n++) {
            assertNull(TunnelMulticast.records(143, java.util.Arrays.copyOf(REPORT, n)), "cut to " + n);
        }
        for (int n = 0; n < 20; n++) {
            assertNull(TunnelMulticast.records(131, new byte[n]), "MLDv1 cut to " + n);
        }
    }
}
