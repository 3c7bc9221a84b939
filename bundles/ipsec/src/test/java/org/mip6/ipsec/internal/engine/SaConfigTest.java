package org.mip6.ipsec.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;

/** The SA entries of configuration: what parses, and each refusal with what is wrong. */
class SaConfigTest {

    static final String GCM = "0x000102030405060708090a0b0c0d0e0f10111213";
    static final String END = " mn=2001:db8:1::ff:fe00:b ha=2001:db8:1::2";

    @Test
    void aTransportAndATunnelSaParse() {
        var all = SaConfig.parseAll(new String[] {"out transport spi=0x1001 alg=aes-gcm-16-128 key=" + GCM + END + " iro, "
                + "in tunnel spi=4100 alg=aes-cbc-128/hmac-sha1-96 key=0x000102030405060708090a0b0c0d0e0f"
                + " auth=0x000102030405060708090a0b0c0d0e0f10111213" + END + " esn"});
        assertEquals(2, all.size());
        SaConfig t = all.get(0);
        assertTrue(t.outbound() && !t.tunnel() && t.iro() && !t.esn());
        assertEquals(0x1001, t.spi());
        assertEquals(Ipv6Address.parse("2001:db8:1::ff:fe00:b"), t.home());
        assertEquals(EspAlgorithm.AES_GCM_16_128, t.keys().algorithm());
        SaConfig u = all.get(1);
        assertTrue(!u.outbound() && u.tunnel() && !u.iro() && u.esn(), "Extended Sequence Numbers");
        assertTrue(u.toString().endsWith(" esn"), u.toString());
        assertEquals(4100, u.spi());
        assertFalse(u.toString().contains("0001020304"), "no keys in " + u);
    }

    @Test
    void whatIsWrongIsSaid() {
        assertRefused("SA 1: spi 0xff is not 256..4294967295", "out transport spi=0xff alg=aes-gcm-16-128 key=" + GCM + END);
        assertRefused("SA 1: aes-gcm-16-128 needs 20 octets of encryption key", "out transport spi=0x1001 alg=aes-gcm-16-128 key=0x00" + END);
        assertRefused("SA 1: unknown ESP algorithm", "out transport spi=0x1001 alg=des key=" + GCM + END);
        assertRefused("SA 1: iro is for transport mode", "out tunnel spi=0x1001 alg=aes-gcm-16-128 key=" + GCM + END + " iro");
        assertRefused("SA 1: payload is for tunnel mode", "out transport spi=0x1001 alg=aes-gcm-16-128 key=" + GCM + END + " payload");
        assertRefused("SA 1: one peer", "out transport spi=0x1001 alg=aes-gcm-16-128 key=" + GCM + END + " cn=2001:db8:4::9");
        assertRefused("SA 1: an SA with a correspondent node is transport mode",
                "out tunnel spi=0x1001 alg=aes-gcm-16-128 key=" + GCM + " mn=2001:db8:1::ff:fe00:b cn=2001:db8:4::9");
        assertRefused("SA 1: no mn=", "out transport spi=0x1001 alg=aes-gcm-16-128 key=" + GCM + " ha=2001:db8:1::2");
        assertRefused("SA 1: mode \"bulk\"", "out bulk spi=0x1001");
        assertRefused("SA 1: mn: mn ff02::1 is not a global unicast address",
                "out transport spi=0x1001 alg=aes-gcm-16-128 key=" + GCM + " mn=ff02::1 ha=2001:db8:1::2");
        assertRefused("SA 2: SPI 0x00001001 twice outbound", "out transport spi=0x1001 alg=aes-gcm-16-128 key=" + GCM + END
                + ", out tunnel spi=0x1001 alg=aes-gcm-16-128 key=" + GCM + END);
        assertRefused("SA 2: a second outbound transport SA", "out transport spi=0x1001 alg=aes-gcm-16-128 key=" + GCM + END
                + ", out transport spi=0x1002 alg=aes-gcm-16-128 key=" + GCM + END);
    }

    static void assertRefused(String start, String entries) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SaConfig.parseAll(new String[] {entries}));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
