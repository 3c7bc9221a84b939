package org.mip6.ro.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.wire.Bytes;

/** The worked example of ../shared/reference/rr-vector.txt, computed independently with HMAC-SHA1/SHA1. */
class ReturnRoutabilityCryptoTest {

    static final byte[] KCN = Bytes.fromHex("0102030405060708090a0b0c0d0e0f1011121314").toArray();
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::100");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::100");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:3::3");
    static final byte[] HOME_NONCE = Bytes.fromHex("a0a0a0a0a0a0a0a0").toArray();
    static final byte[] CARE_OF_NONCE = Bytes.fromHex("b0b0b0b0b0b0b0b0").toArray();

    final ReturnRoutabilityCrypto crypto = new ReturnRoutabilityCrypto();

    @Test
    void keygenTokensKbmAndAuthenticatorAreTheVectors() {
        long home = crypto.homeKeygenToken(KCN, HOA, HOME_NONCE);
        long careOf = crypto.careOfKeygenToken(KCN, COA, CARE_OF_NONCE);
        assertEquals(0xb62e649990b1ed29L, home);
        assertEquals(0x385bb8b9bdef875fL, careOf);
        byte[] kbm = crypto.bindingManagementKey(home, careOf);
        assertEquals("290877217f1036ec97fad9bdf1d9ed6bfe7691b2", Bytes.of(kbm).hex());
        assertEquals("5b31b127dd576497b22f61d6aeeaf20e50781158", Bytes.of(crypto.bindingManagementKey(home)).hex());
        byte[] hashed = Bytes.fromHex("3b0305000000000280000069040400070008050c").toArray();
        assertEquals("0064da8f2fb3cdef5278ac10", Bytes.of(crypto.authenticator(kbm, COA, CN, hashed)).hex());
    }

    @Test
    void oneInstanceGivesTheSameAnswersInAnyOrder() {
        long a = crypto.homeKeygenToken(KCN, HOA, HOME_NONCE);
        crypto.authenticator(new byte[20], COA, CN, new byte[7]);
        crypto.nonce(KCN, 5);
        assertEquals(a, crypto.homeKeygenToken(KCN, HOA, HOME_NONCE));
        assertEquals(Bytes.of(crypto.nonce(KCN, 5)), Bytes.of(new ReturnRoutabilityCrypto().nonce(KCN, 5)));
        assertNotEquals(Bytes.of(crypto.nonce(KCN, 5)), Bytes.of(crypto.nonce(KCN, 6)));
        // the home token depends on the address, and the care-of token is not the home token of the same inputs
        assertNotEquals(a, crypto.homeKeygenToken(KCN, COA, HOME_NONCE));
        assertNotEquals(crypto.homeKeygenToken(KCN, COA, CARE_OF_NONCE), crypto.careOfKeygenToken(KCN, COA, CARE_OF_NONCE));
    }
}
