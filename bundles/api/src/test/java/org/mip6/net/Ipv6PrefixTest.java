package org.mip6.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6PrefixTest {

    @Test
    void parsesAndContains() {
        Ipv6Prefix p = Ipv6Prefix.parse("2001:db8:1::/64");
        assertEquals(64, p.length());
        assertEquals("2001:db8:1::/64", p.toString());
        assertTrue(p.contains(Ipv6Address.parse("2001:db8:1::100")));
        assertFalse(p.contains(Ipv6Address.parse("2001:db8:2::100")));
        assertTrue(Ipv6Prefix.parse("2001:db8::/32").contains(p));
        assertFalse(p.contains(Ipv6Prefix.parse("2001:db8::/32")));
        assertEquals(Ipv6Prefix.parse("::/0"), Ipv6Prefix.of(Ipv6Address.parse("2001:db8::1"), 0));
        assertEquals(p, Ipv6Prefix.of(Ipv6Address.parse("2001:db8:1::99"), 64));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:db8::", "2001:db8::/", "2001:db8::/129", "2001:db8::/-1", "2001:db8::/064",
            "2001:db8::/6 4", "2001:db8::1/64", "2001:db8::/a", "zz::/64", "/64"})
    void rejectsMalformed(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv6Prefix.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
    }

    @Test
    void homeAgentsAnycastFollowsRfc2526() {
        // RFC 6275 §10.5 / RFC 2526: for a /64, interface id fdff:ffff:ffff:fffe
        assertEquals(Ipv6Address.parse("2001:db8:1:0:fdff:ffff:ffff:fffe"),
                Ipv6Prefix.parse("2001:db8:1::/64").homeAgentsAnycast());
        // non-EUI-64 format: all host bits one except the 7-bit anycast id 0x7e
        assertEquals(Ipv6Address.parse("2001:db8:1:ffff:ffff:ffff:ffff:fffe"),
                Ipv6Prefix.parse("2001:db8:1::/48").homeAgentsAnycast());
    }

    @Test
    void macAddresses() {
        MacAddress m = MacAddress.parse("02-00-5E-10-00-01");
        assertEquals("02:00:5e:10:00:01", m.toString());
        assertTrue(m.isLocallyAdministered());
        assertFalse(m.isMulticast());
        assertEquals(MacAddress.parse("33:33:ff:00:00:01"),
                MacAddress.ofMulticast(Ipv6Address.parse("ff02::1:ff00:1")));
        assertTrue(MacAddress.ofMulticast(Ipv6Address.ALL_NODES).isMulticast());
        for (String bad : new String[] {"", "02:00:5e:10:00", "02:00:5e:10:00:01:02", "02:00:5e:10:00:0g", "020:00:5e:10:00:01"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(bad));
            assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
        }
    }

    @Test
    void eui64FlipsTheUniversalLocalBit() {
        // RFC 4291 Appendix A: 34-56-78-9A-BC-DE -> 3656:78ff:fe9a:bcde
        assertEquals(0x3656_78ff_fe9a_bcdeL, InterfaceIdentifiers.eui64(MacAddress.parse("34:56:78:9a:bc:de")));
    }

    @Test
    void stableOpaqueIdentifiersAreStablePerPrefixAndCounter() {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Ipv6Prefix home = Ipv6Prefix.parse("2001:db8:1::/64");
        Ipv6Prefix foreign = Ipv6Prefix.parse("2001:db8:2::/64");
        long a = InterfaceIdentifiers.stableOpaque(home, "eth0", "", 0, key);
        assertEquals(a, InterfaceIdentifiers.stableOpaque(home, "eth0", "", 0, key));
        assertNotEquals(a, InterfaceIdentifiers.stableOpaque(foreign, "eth0", "", 0, key));
        assertNotEquals(a, InterfaceIdentifiers.stableOpaque(home, "eth0", "", 1, key));
        assertNotEquals(a, InterfaceIdentifiers.stableOpaque(home, "eth1", "", 0, key));
        assertFalse(InterfaceIdentifiers.isReserved(a));
        assertTrue(InterfaceIdentifiers.isReserved(0xfdff_ffff_ffff_fffeL));
        assertTrue(InterfaceIdentifiers.isReserved(0x0200_5eff_fe00_5213L));
        assertThrows(IllegalArgumentException.class,
                () -> InterfaceIdentifiers.stableOpaque(home, "eth0", "", 0, new byte[8]));
    }
}
