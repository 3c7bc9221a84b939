package org.mip6.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;

class BindingCacheCommandTest {

    private static final Ipv6Address HOME = Ipv6Address.parse("2001:db8:1::99");

    @Test
    void anAddressKeepsItselfAPrefixItsAddressesNothingEverything() {
        Predicate<Ipv6Address> one = BindingCacheCommand.addresses("--home", "2001:db8:1:0::99");
        assertTrue(one.test(HOME));
        assertFalse(one.test(Ipv6Address.parse("2001:db8:1::98")));
        Predicate<Ipv6Address> prefix = BindingCacheCommand.addresses("--care-of", "2001:db8:1::/64");
        assertTrue(prefix.test(HOME));
        assertTrue(prefix.test(Ipv6Address.parse("2001:db8:1::ffff:ffff:ffff:ffff")));
        assertFalse(prefix.test(Ipv6Address.parse("2001:db8:1:1::99")));
        assertTrue(BindingCacheCommand.addresses("--home", null).test(HOME));
    }

    @Test
    void whatIsNotAnAddressOrPrefixIsRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BindingCacheCommand.addresses("--home", "2001:db8:1::/129"));
        assertTrue(e.getMessage().startsWith("--home: not an IPv6 prefix: \"2001:db8:1::/129\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BindingCacheCommand.addresses("--care-of", "mn"));
        assertTrue(e.getMessage().startsWith("--care-of: "), e.getMessage());
        assertEquals("--home: not an IPv6 prefix: \"2001:db8:1::1/64\": bits are set after the first 64 (did you mean "
                + "2001:db8:1::/64?)", assertThrows(IllegalArgumentException.class,
                () -> BindingCacheCommand.addresses("--home", "2001:db8:1::1/64")).getMessage());
    }
}
