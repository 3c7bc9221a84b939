package org.mip6.cn.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.ro.BindingAuthority;
import org.mip6.ro.internal.engine.ReturnRoutabilityCrypto;
import org.mip6.ro.internal.engine.ReturnRoutabilityResponder;
import org.mip6.state.ReturnRoutabilitySecret;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.wire.Bytes;
import org.mip6.wire.mh.MobilityHeaderCodec;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityMessage.CareOfTest;
import org.mip6.wire.mh.MobilityMessage.HomeTest;
import org.mip6.wire.mh.MobilityOption;

/** The correspondent node as a timeline on a fake clock, with the ro bundle's responder as its authority. */
class CorrespondentNodeEngineTest {

    static final long S = CorrespondentNodeEngine.SECOND;
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:4::ff:fe00:9");
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::ff:fe00:b");

    record Sent(String what, Ipv6Address to, Ipv6Address homeAddress, Object message, byte[] kbm) {
    }

    final List<Sent> sent = new ArrayList<>();
    final MemoryBindingCache cache = new MemoryBindingCache();
    final ReturnRoutabilityResponder rr = new ReturnRoutabilityResponder(new ReturnRoutabilitySecret(
            Bytes.fromHex("0102030405060708090a0b0c0d0e0f1011121314"), 0, 30 * S));
    final BindingAuthority authority = new BindingAuthority() {
        @Override
        public Authorization authorize(long now, Ipv6Address h, Ipv6Address c, Ipv6Address cn, int hi, int ci, boolean dereg,
                                       byte[] mh, int off, int len) {
            return rr.authorize(now, h, c, cn, hi, ci, dereg, mh, off, len);
        }

        @Override
        public byte[] authenticator(byte[] kbm, Ipv6Address c, Ipv6Address cn, byte[] data) {
            return rr.authenticator(kbm, c, cn, data);
        }
    };
    final ReturnRoutabilityCrypto mn = new ReturnRoutabilityCrypto();
    CorrespondentNodeEngine engine = engine(CorrespondentNodeEngine.Parameters.DEFAULT);

    CorrespondentNodeEngine engine(CorrespondentNodeEngine.Parameters p) {
        return new CorrespondentNodeEngine("cn", cache, p, new CorrespondentNodeEngine.Output() {
            @Override
            public void sendAcknowledgement(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, BindingAcknowledgement ba,
                                            byte[] kbm, Ipv6Address careOfAddress) {
                sent.add(new Sent("BA", to, homeAddress, ba, kbm));
            }

            @Override
            public void sendBindingError(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, int status) {
                sent.add(new Sent("BE" + status, to, homeAddress, null, null));
            }

            @Override
            public void sendRefreshRequest(Ipv6Address from, Ipv6Address homeAddress) {
                sent.add(new Sent("BRR", homeAddress, null, null, null));
            }
        });
    }

    /** The MN's side: tests at {@code at}, then a BU signed with their tokens. */
    CorrespondentNodeEngine.ReceivedUpdate update(long at, Ipv6Address hoa, Ipv6Address coa, int seq, int flags, int lifetime,
                                                  boolean sign) {
        HomeTest hot = rr.homeTest(at, hoa, 1);
        CareOfTest cot = rr.careOfTest(at, coa, 2);
        BindingUpdate bu = new BindingUpdate(seq, flags, lifetime, List.of(new MobilityOption.NonceIndices(hot.nonceIndex(),
                cot.nonceIndex()), MobilityOption.BindingAuthorizationData.placeholder()));
        byte[] mh = MobilityHeaderCodec.encode(bu);
        boolean dereg = lifetime == 0 || coa.equals(hoa);
        byte[] kbm = dereg ? mn.bindingManagementKey(hot.keygenToken()) : mn.bindingManagementKey(hot.keygenToken(), cot.keygenToken());
        if (sign) {
            byte[] auth = mn.authenticator(kbm, coa, CN, MobilityHeaderCodec.authenticatedData(mh, 0, mh.length));
            System.arraycopy(auth, 0, mh, MobilityHeaderCodec.authenticatorOffset(mh, 0, mh.length), auth.length);
        }
        return new CorrespondentNodeEngine.ReceivedUpdate(at, CN, coa, hoa, bu, Bytes.of(mh));
    }

    BindingAcknowledgement lastAck() {
        return (BindingAcknowledgement) sent.get(sent.size() - 1).message();
    }

    @Test
    void anAuthorizedUpdateMakesABindingAndASignedAck() {
        engine.onBindingUpdate(update(10 * S, HOA, COA, 5, BindingUpdate.A, 100, true), authority);
        assertEquals(COA, cache.get("cn", HOA).orElseThrow().careOfAddress());
        assertFalse(cache.get("cn", HOA).orElseThrow().homeRegistration());
        Sent s = sent.get(0);
        assertEquals(COA, s.to());
        assertEquals(HOA, s.homeAddress(), "with a Type 2 Routing Header");
        assertEquals(0, lastAck().status());
        assertEquals(5, lastAck().sequence());
        assertEquals(100, lastAck().lifetime());
        assertTrue(s.kbm() != null && lastAck().options().get(0) instanceof MobilityOption.BindingAuthorizationData);
        assertEquals(1L, engine.counter("binding.created"));
    }

    @Test
    void lifetimeIsCappedAtMaxRrBindingLifetime() {
        engine.onBindingUpdate(update(10 * S, HOA, COA, 5, BindingUpdate.A, 1000, true), authority);
        assertEquals(105, lastAck().lifetime(), "420 s in units of 4 s");
        assertEquals(10 * S + 420 * S, cache.get("cn", HOA).orElseThrow().expiresAt());
    }

    @Test
    void unauthorizedUpdatesChangeNothing() {
        engine.onBindingUpdate(update(10 * S, HOA, COA, 5, BindingUpdate.A, 100, true), authority);
        sent.clear();
        Ipv6Address other = Ipv6Address.parse("2001:db8:3::66");
        engine.onBindingUpdate(update(11 * S, HOA, other, 6, BindingUpdate.A, 100, false), authority); // forged
        CorrespondentNodeEngine.ReceivedUpdate noIndices = new CorrespondentNodeEngine.ReceivedUpdate(11 * S, CN, other, HOA,
                new BindingUpdate(7, BindingUpdate.A, 100, List.of()), Bytes.of(new byte[8]));
        engine.onBindingUpdate(noIndices, authority);
        engine.onBindingUpdate(update(11 * S, HOA, other, 8, BindingUpdate.A, 100, true), null); // no authority now
        assertEquals(COA, cache.get("cn", HOA).orElseThrow().careOfAddress());
        assertEquals(List.of(), sent, "silently dropped");
        assertEquals(1L, engine.counter("bu.bad-authenticator"));
        assertEquals(1L, engine.counter("bu.no-authorization"));
        assertEquals(1L, engine.counter("bu.no-authority"));
    }

    @Test
    void aReplayedUpdateGets135WithTheLastAcceptedNumber() {
        CorrespondentNodeEngine.ReceivedUpdate bu = update(10 * S, HOA, COA, 5, BindingUpdate.A, 100, true);
        engine.onBindingUpdate(bu, authority);
        engine.onBindingUpdate(bu, authority);
        assertEquals(135, lastAck().status());
        assertEquals(5, lastAck().sequence());
        assertEquals(1L, engine.counter("bu.sequence-out-of-window"));
    }

    @Test
    void expiredNoncesGet136To138Unsigned() {
        CorrespondentNodeEngine.ReceivedUpdate old = update(10 * S, HOA, COA, 5, BindingUpdate.A, 100, true);
        engine.onBindingUpdate(new CorrespondentNodeEngine.ReceivedUpdate(300 * S, old.correspondent(), old.source(),
                old.homeAddress(), old.update(), old.mobilityHeader()), authority);
        assertEquals(138, lastAck().status());
        assertNull(sent.get(0).kbm());
        assertEquals(List.of(), lastAck().options());
        assertTrue(cache.get("cn", HOA).isEmpty());
    }

    @Test
    void aHomeRegistrationIsRefusedWith131() {
        BindingUpdate bu = new BindingUpdate(5, BindingUpdate.A | BindingUpdate.H, 100, List.of()); // as to a home agent
        engine.onBindingUpdate(new CorrespondentNodeEngine.ReceivedUpdate(10 * S, CN, COA, HOA, bu,
                Bytes.of(MobilityHeaderCodec.encode(bu))), authority);
        assertEquals(131, lastAck().status());
        assertTrue(cache.get("cn", HOA).isEmpty());
    }

    @Test
    void aHomeRegistrationWithNonceIndicesIsIgnoredSilently() {
        // §9.5.1: with H set, Nonce Indices MUST NOT be present (the IPv6 Ready CN tests BU_A1_H1, BU_A0_H1)
        engine.onBindingUpdate(update(10 * S, HOA, COA, 5, BindingUpdate.A | BindingUpdate.H, 100, true), authority);
        assertEquals(List.of(), sent);
        assertEquals(1L, engine.counter("bu.home-registration-with-nonce-indices"));
        assertTrue(cache.get("cn", HOA).isEmpty());
    }

    @Test
    void deregistrationWithTheHomeTokenOnlyRemovesTheBinding() {
        engine.onBindingUpdate(update(10 * S, HOA, COA, 5, BindingUpdate.A, 100, true), authority);
        engine.onBindingUpdate(update(20 * S, HOA, HOA, 6, BindingUpdate.A, 0, true), authority);
        assertTrue(cache.get("cn", HOA).isEmpty());
        assertEquals(0, lastAck().status());
        assertNull(sent.get(sent.size() - 1).homeAddress(), "from the home address: no Type 2 Routing Header");
        assertEquals(1L, engine.counter("binding.deregistered"));
    }

    @Test
    void theLeastRecentlyUsedBindingIsEvictedWhenTheCacheIsFull() {
        engine = engine(new CorrespondentNodeEngine.Parameters(2, 90, 10));
        Ipv6Address a = Ipv6Address.parse("2001:db8:1::a");
        Ipv6Address b = Ipv6Address.parse("2001:db8:1::b");
        Ipv6Address c = Ipv6Address.parse("2001:db8:1::c");
        engine.onBindingUpdate(update(10 * S, a, COA, 1, 0, 100, true), authority);
        engine.onBindingUpdate(update(11 * S, b, COA, 1, 0, 100, true), authority);
        assertEquals(COA, engine.careOfAddressFor(12 * S, a)); // a is used; b is not
        engine.onBindingUpdate(update(13 * S, c, COA, 1, 0, 100, true), authority);
        assertEquals(List.of(a, c), engine.bindings().stream().map(e -> e.homeAddress()).toList());
        assertEquals(1L, engine.counter("binding.evicted"));
    }

    @Test
    void aHomeAddressOptionWithoutBindingGetsARateLimitedBindingError1() {
        engine.onBindingUpdate(update(10 * S, HOA, COA, 5, 0, 100, true), authority);
        assertTrue(engine.admit(11 * S, CN, HOA, COA, false));
        assertFalse(engine.admit(11 * S, CN, HOA, Ipv6Address.parse("2001:db8:3::1"), false), "another care-of address");
        for (int i = 0; i < 50; i++) {
            assertFalse(engine.admit(12 * S, CN, Ipv6Address.parse("2001:db8:1::77"), COA, false));
        }
        assertTrue(engine.admit(12 * S, CN, Ipv6Address.parse("2001:db8:1::77"), COA, true), "a BU is checked on its own");
        assertEquals(11L, engine.counter("be.sent"), "one at 11 s, then a second's worth at 12 s");
        assertEquals(40L, engine.counter("be.rate-limited"));
        assertEquals("BE1", sent.get(1).what());
        assertEquals(COA, sent.get(2).to());
    }

    @Test
    void aBindingInUseGetsARefreshRequestAndThenExpires() {
        engine.onBindingUpdate(update(10 * S, HOA, COA, 5, 0, 100, true), authority); // 400 s
        assertEquals(10 * S + 400 * S, engine.nextDeadline(), "unused: only the expiry");
        engine.takeEarlierTimer();
        engine.careOfAddressFor(20 * S, HOA);
        assertEquals(10 * S + 360 * S, engine.nextDeadline(), "used: a refresh request at 90 %");
        assertTrue(engine.takeEarlierTimer(), "the first use brought a deadline earlier: the node's timer must move");
        engine.careOfAddressFor(30 * S, HOA);
        assertFalse(engine.takeEarlierTimer(), "later uses do not");
        engine.onTimer(370 * S);
        assertEquals("BRR", sent.get(0).what());
        assertEquals(HOA, sent.get(0).to(), "to the home address, without a Type 2 Routing Header (§6.1)");
        assertNull(sent.get(0).homeAddress());
        assertEquals(410 * S, engine.nextDeadline());
        engine.onTimer(410 * S);
        assertTrue(cache.get("cn", HOA).isEmpty());
        assertEquals(1L, engine.counter("binding.expired"));
        assertNull(engine.careOfAddressFor(411 * S, HOA));
    }

    @Test
    void theKbmOfTheAckIsTheMobileNodes() {
        HomeTest hot = rr.homeTest(10 * S, HOA, 1);
        CareOfTest cot = rr.careOfTest(10 * S, COA, 2);
        engine.onBindingUpdate(update(10 * S, HOA, COA, 5, BindingUpdate.A, 100, true), authority);
        assertArrayEquals(mn.bindingManagementKey(hot.keygenToken(), cot.keygenToken()), sent.get(0).kbm());
    }

    @Test
    void aFloodOfUpdatesFrom100000HomeAddressesLeavesTheCacheAlone() {
        engine = engine(new CorrespondentNodeEngine.Parameters(1024, 90, 10));
        engine.onBindingUpdate(update(10 * S, HOA, COA, 5, 0, 100, true), authority);
        CorrespondentNodeEngine.ReceivedUpdate template = update(10 * S, HOA, COA, 5, 0, 100, false);
        for (int i = 0; i < 100_000; i++) { // forged: no tokens from the tests
            Ipv6Address h = Ipv6Address.parse("2001:db8:1::").withInterfaceId(0x10000L + i);
            engine.onBindingUpdate(new CorrespondentNodeEngine.ReceivedUpdate(11 * S, CN, COA, h, template.update(),
                    template.mobilityHeader()), authority);
        }
        assertEquals(List.of(HOA), engine.bindings().stream().map(e -> e.homeAddress()).toList());
        assertEquals(100_000L, engine.counter("bu.bad-authenticator"));
        assertEquals(COA, cache.get("cn", HOA).orElseThrow().careOfAddress());
        // authorized ones (as if an attacker could run the tests for each address) stay within the bound
        for (int i = 0; i < 5_000; i++) {
            Ipv6Address h = Ipv6Address.parse("2001:db8:1::").withInterfaceId(0x200000L + i);
            engine.onBindingUpdate(update(12 * S, h, COA, 1, 0, 100, true), authority);
        }
        assertEquals(1024, engine.bindings().size());
        assertEquals(5_000L + 1 - 1024, engine.counter("binding.evicted"));
        assertTrue(sent.isEmpty(), "no A flag, nothing answered");
    }

    @Test
    void repeatedDestinationUnreachablesForTheCareOfAddressDeleteTheBinding() {
        engine.onBindingUpdate(update(10 * S, HOA, COA, 5, 0, 100, true), authority);
        engine.destinationUnreachable(11 * S, 3, Ipv6Address.parse("2001:db8:3::1")); // another address
        engine.destinationUnreachable(11 * S, 3, COA);
        engine.destinationUnreachable(12 * S, 0, COA);
        for (int k = 0; k < 5; k++) {
            engine.destinationUnreachable(12 * S, 4, COA); // port unreachable: the mobile node was reached
        }
        assertEquals(COA, engine.careOfAddressFor(12 * S, HOA), "two are no proof, port unreachables none");
        assertEquals(5L, engine.counter("unreachable.port-ignored"));
        engine.destinationUnreachable(13 * S, 3, COA);
        assertNull(engine.careOfAddressFor(13 * S, HOA));
        assertEquals(1L, engine.counter("binding.unreachable"));
    }
}
