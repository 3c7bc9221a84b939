package org.mip6.ro.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.ro.BindingAuthority;
import org.mip6.ro.BindingAuthority.Authorization;
import org.mip6.state.ReturnRoutabilitySecret;
import org.mip6.wire.Bytes;
import org.mip6.wire.mh.MobilityHeaderCodec;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityMessage.CareOfTest;
import org.mip6.wire.mh.MobilityMessage.HomeTest;
import org.mip6.wire.mh.MobilityOption;

/** The correspondent's return routability as a timeline: tests, then Binding Updates signed as a mobile node would. */
class ReturnRoutabilityResponderTest {

    static final long S = 1_000_000_000L;
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::ff:fe00:b");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:4::ff:fe00:9");
    static final ReturnRoutabilitySecret SECRET = new ReturnRoutabilitySecret(
            Bytes.fromHex("0102030405060708090a0b0c0d0e0f1011121314"), 0, 30 * S);

    final ReturnRoutabilityResponder cn = new ReturnRoutabilityResponder(SECRET);
    final ReturnRoutabilityCrypto mn = new ReturnRoutabilityCrypto();

    /** A BU as the mobile node sends it after the tests: Nonce Indices, then the authenticator under Kbm. */
    byte[] signedUpdate(HomeTest hot, CareOfTest cot, int lifetime) {
        BindingUpdate bu = new BindingUpdate(7, BindingUpdate.A, lifetime, List.of(
                new MobilityOption.NonceIndices(hot.nonceIndex(), cot == null ? 0 : cot.nonceIndex()),
                MobilityOption.BindingAuthorizationData.placeholder()));
        byte[] mh = MobilityHeaderCodec.encode(bu);
        byte[] kbm = cot == null ? mn.bindingManagementKey(hot.keygenToken())
                : mn.bindingManagementKey(hot.keygenToken(), cot.keygenToken());
        byte[] auth = mn.authenticator(kbm, COA, CN, MobilityHeaderCodec.authenticatedData(mh, 0, mh.length));
        System.arraycopy(auth, 0, mh, MobilityHeaderCodec.authenticatorOffset(mh, 0, mh.length), auth.length);
        return mh;
    }

    Authorization authorize(long now, byte[] mh, boolean deregistration) {
        BindingUpdate bu;
        try {
            bu = (BindingUpdate) MobilityHeaderCodec.decode(mh, 0, mh.length);
        } catch (org.mip6.wire.DecodeException e) {
            throw new AssertionError(e);
        }
        MobilityOption.NonceIndices ni = bu.options().stream().filter(o -> o instanceof MobilityOption.NonceIndices)
                .map(o -> (MobilityOption.NonceIndices) o).findFirst().orElseThrow();
        return cn.authorize(now, HOA, COA, CN, ni.homeNonceIndex(), ni.careOfNonceIndex(), deregistration, mh, 0, mh.length);
    }

    @Test
    void aBindingUpdateSignedWithTheTestsTokensIsAuthorizedAndItsKbmSignsTheAck() {
        HomeTest hot = cn.homeTest(5 * S, HOA, 0x1111);
        CareOfTest cot = cn.careOfTest(6 * S, COA, 0x2222);
        assertEquals(0x1111, hot.cookie());
        assertEquals(0x2222, cot.cookie());
        assertEquals(0, hot.nonceIndex());
        Authorization a = authorize(7 * S, signedUpdate(hot, cot, 100), false);
        assertEquals(BindingAuthority.AUTHORIZED, a.status());
        assertArrayEquals(mn.bindingManagementKey(hot.keygenToken(), cot.keygenToken()), a.kbm());
        assertEquals(1L, cn.counters().get("bu.authorized"));
    }

    @Test
    void aChangedByteOrAnotherCareOfAddressFailsTheAuthenticator() {
        HomeTest hot = cn.homeTest(5 * S, HOA, 1);
        CareOfTest cot = cn.careOfTest(5 * S, COA, 2);
        byte[] mh = signedUpdate(hot, cot, 100);
        mh[9] ^= 1; // the lifetime
        assertEquals(BindingAuthority.BAD_AUTHENTICATOR, authorize(6 * S, mh, false).status());
        byte[] ok = signedUpdate(hot, cot, 100);
        assertEquals(BindingAuthority.BAD_AUTHENTICATOR, cn.authorize(6 * S, HOA, Ipv6Address.parse("2001:db8:3::1"), CN,
                hot.nonceIndex(), cot.nonceIndex(), false, ok, 0, ok.length).status());
        assertEquals(2L, cn.counters().get("bu.bad-authenticator"));
    }

    @Test
    void noncesAreAcceptedForMaxNonceLifetimeAfterTheyWereMade() {
        HomeTest hot = cn.homeTest(29 * S, HOA, 1); // nonce 0, made at 0
        CareOfTest cot = cn.careOfTest(31 * S, COA, 2); // nonce 1, made at 30 s
        assertEquals(1, cot.nonceIndex());
        assertEquals(BindingAuthority.AUTHORIZED, authorize(240 * S, signedUpdate(hot, cot, 100), false).status());
        assertEquals(BindingAuthority.EXPIRED_HOME_NONCE_INDEX, authorize(241 * S, signedUpdate(hot, cot, 100), false).status());
        assertEquals(BindingAuthority.EXPIRED_NONCES, authorize(271 * S, signedUpdate(hot, cot, 100), false).status());
        HomeTest fresh = cn.homeTest(260 * S, HOA, 3);
        assertEquals(BindingAuthority.EXPIRED_CARE_OF_NONCE_INDEX, authorize(271 * S, signedUpdate(fresh, cot, 100), false).status());
        // a token taken just before a new nonce and used for the whole MAX_TOKEN_LIFETIME is still accepted
        HomeTest late = cn.homeTest(299 * S, HOA, 4);
        CareOfTest lateCot = cn.careOfTest(299 * S, COA, 5);
        assertEquals(BindingAuthority.AUTHORIZED, authorize(299 * S + 210 * S, signedUpdate(late, lateCot, 100), false).status());
    }

    @Test
    void aDeregistrationNeedsOnlyTheHomeToken() {
        HomeTest hot = cn.homeTest(5 * S, HOA, 1);
        Authorization a = authorize(6 * S, signedUpdate(hot, null, 0), true);
        assertEquals(BindingAuthority.AUTHORIZED, a.status());
        assertArrayEquals(mn.bindingManagementKey(hot.keygenToken()), a.kbm());
    }

    @Test
    void indicesWrapModulo65536() {
        long t = 70_000L * 30 * S; // counter 70,000: index 4,464
        HomeTest hot = cn.homeTest(t, HOA, 1);
        CareOfTest cot = cn.careOfTest(t, COA, 2);
        assertEquals(70_000 & 0xffff, hot.nonceIndex());
        assertEquals(BindingAuthority.AUTHORIZED, authorize(t + 10 * S, signedUpdate(hot, cot, 100), false).status());
    }

    @Test
    void aResponderMadeAgainFromTheSameSecretAnswersTheSame() {
        HomeTest a = cn.homeTest(100 * S, HOA, 9);
        HomeTest b = new ReturnRoutabilityResponder(SECRET).homeTest(100 * S, HOA, 9);
        assertEquals(a, b);
    }
}
