package org.mip6.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6AddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // RFC 4291 §2.2 forms
            "2001:DB8:0:0:8:800:200C:417A | 2001:db8::8:800:200c:417a",
            "FF01:0:0:0:0:0:0:101         | ff01::101",
            "0:0:0:0:0:0:0:1              | ::1",
            "0:0:0:0:0:0:0:0              | ::",
            "::                           | ::",
            "::1                          | ::1",
            "1::                          | 1::",
            "1:2:3:4:5:6:7::              | 1:2:3:4:5:6:7:0",
            "::2:3:4:5:6:7:8              | 0:2:3:4:5:6:7:8",
            "0:0:0:0:0:0:13.1.68.3        | ::d01:4403",
            "::13.1.68.3                  | ::d01:4403",
            "0:0:0:0:0:FFFF:129.144.52.38 | ::ffff:129.144.52.38",
            "::FFFF:129.144.52.38         | ::ffff:129.144.52.38",
            "1:2:3:4:5:6:1.2.3.4          | 1:2:3:4:5:6:102:304",
            "fe80::0001                   | fe80::1",
            // RFC 5952 §4 canonical choices
            "2001:0db8::0001              | 2001:db8::1",
            "2001:db8:0:0:0:0:2:1         | 2001:db8::2:1",
            "2001:db8:0:1:1:1:1:1         | 2001:db8:0:1:1:1:1:1",
            "2001:0:0:1:0:0:0:1           | 2001:0:0:1::1",
            "2001:db8:0:0:1:0:0:1         | 2001:db8::1:0:0:1",
            "2001:db8::aaaa:0:0:1         | 2001:db8::aaaa:0:0:1",
            "2001:DB8:0:0:0:0:0:1         | 2001:db8::1",
    })
    void parsesEveryFormAndFormatsCanonically(String text, String canonical) {
        Ipv6Address a = Ipv6Address.parse(text);
        assertEquals(canonical, a.toString());
        assertEquals(a, Ipv6Address.parse(canonical));
        assertEquals(a, Ipv6Address.parse(a.toFullString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", ":", ":::", "1", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::2", "1::2:",
            "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "12345::", "g::1", "1:2:3:4:5:6:7:8:", "::1.2.3",
            "::1.2.3.4.5", "::256.1.1.1", "::01.2.3.4", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "1.2.3.4",
            "fe80::1%eth0", " ::1", "::1 ", "::-1", "::+1", "::\u0661", "::a.b.c.d", "1:2:3:4:5:6:7:8:1.2.3.4",
            "0000000000000000000000000000000000000000000000000000::", "[::1]", "::1/64"
    })
    void rejectsMalformedWithMessageNamingTheInput(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
        assertNull(Ipv6Address.tryParse(text));
    }

    @Property
    void textRoundTrips(@ForAll long high, @ForAll long low) {
        Ipv6Address a = Ipv6Address.of(high, low);
        assertEquals(a, Ipv6Address.parse(a.toString()));
        assertEquals(a, Ipv6Address.parse(a.toFullString()));
        assertEquals(a, Ipv6Address.fromBytes(a.toBytes()));
    }

    @Property
    void compressedZeroRunsRoundTrip(@ForAll("sparse") long high, @ForAll("sparse") long low) {
        Ipv6Address a = Ipv6Address.of(high, low);
        String s = a.toString();
        assertEquals(a, Ipv6Address.parse(s));
        assertFalse(s.contains(":::"), s);
        assertTrue(s.indexOf("::") == s.lastIndexOf("::"), s);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> sparse() {
        // groups that are often zero, to exercise "::" placement
        return net.jqwik.api.Arbitraries.integers().between(0, 15).list().ofSize(4).map(g -> {
            long v = 0;
            for (int x : g) {
                v = v << 16 | (x < 10 ? 0 : x);
            }
            return v;
        });
    }

    @Test
    void bytesAreNetworkOrder() {
        Ipv6Address a = Ipv6Address.parse("2001:db8::1");
        byte[] b = a.toBytes();
        assertEquals(0x20, b[0] & 0xff);
        assertEquals(0x01, b[1] & 0xff);
        assertEquals(0x0d, b[2] & 0xff);
        assertEquals(0xb8, b[3] & 0xff);
        assertEquals(1, b[15]);
        assertEquals(0x2001, a.group(0));
        assertEquals(1, a.group(7));
    }

    @Test
    void classifies() {
        assertTrue(Ipv6Address.parse("ff02::1").isMulticast());
        assertEquals(2, Ipv6Address.parse("ff02::1").multicastScope());
        assertTrue(Ipv6Address.parse("fe80::1").isLinkLocal());
        assertTrue(Ipv6Address.parse("febf::1").isLinkLocal());
        assertFalse(Ipv6Address.parse("fec0::1").isLinkLocal());
        assertTrue(Ipv6Address.parse("::").isUnspecified());
        assertTrue(Ipv6Address.parse("::1").isLoopback());
        assertTrue(Ipv6Address.parse("::ffff:1.2.3.4").isIpv4Mapped());
        for (String a : new String[] {"2001:db8:1::1", "fec0::1", "fc00::1", "2001:db8::"}) {
            assertTrue(Ipv6Address.parse(a).isUnicastRoutable(), a);
        }
        for (String a : new String[] {"ff01:db8:1::2", "ff02::1", "fe80::1", "febf::1", "::", "::1"}) {
            assertFalse(Ipv6Address.parse(a).isUnicastRoutable(), a);
        }
    }

    @Test
    void solicitedNodeMulticastTakesTheLow24Bits() {
        // RFC 4291 §2.7.1: FF02:0:0:0:0:1:FFXX:XXXX
        assertEquals(Ipv6Address.parse("ff02::1:ff45:6789"),
                Ipv6Address.parse("2001:db8::1:2345:6789").solicitedNodeMulticast());
        assertEquals(Ipv6Address.parse("ff02::1:ff00:1"), Ipv6Address.parse("fe80::1").solicitedNodeMulticast());
    }

    @Test
    void linkLocalAndPrefixes() {
        long iid = InterfaceIdentifiers.eui64(MacAddress.parse("00:1b:21:aa:bb:cc"));
        assertEquals(Ipv6Address.parse("fe80::21b:21ff:feaa:bbcc"), Ipv6Address.linkLocal(iid));
        Ipv6Address a = Ipv6Address.parse("2001:db8:1:2:3:4:5:6");
        assertTrue(a.sharesPrefix(Ipv6Address.parse("2001:db8:1:2::"), 64));
        assertFalse(a.sharesPrefix(Ipv6Address.parse("2001:db8:1:3::"), 64));
        assertTrue(a.sharesPrefix(Ipv6Address.parse("2001:db8:1:2:3:4:5:4"), 126));
        assertFalse(a.sharesPrefix(Ipv6Address.parse("2001:db8:1:2:3:4:5:4"), 127));
        assertTrue(a.sharesPrefix(Ipv6Address.parse("::"), 0));
        assertEquals(Ipv6Address.parse("2001:db8:1::"), a.mask(48));
        assertEquals(a, a.mask(128));
        assertThrows(IllegalArgumentException.class, () -> a.mask(129));
    }

    @Test
    void ordersUnsigned() {
        assertTrue(Ipv6Address.parse("ffff::").compareTo(Ipv6Address.parse("::1")) > 0);
        assertTrue(Ipv6Address.parse("::ffff:0:0:0").compareTo(Ipv6Address.parse("::1")) > 0);
        assertTrue(Ipv6Address.parse("::8000:0:0:0").compareTo(Ipv6Address.parse("::7fff:0:0:0")) > 0);
    }
}
