package org.mip6.ha.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mip6.ha.HomeRegistrationPolicy;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.state.BindingCacheEntry;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityOption;

/** The home agent engine alone, as timelines on a fake clock (RFC 6275 §9.5.1, §10.3.1-10.3.2, §9.5.5). */
class HomeAgentEngineTest {

    static final long S = 1_000_000_000L;
    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::2");
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::ff:fe00:b");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:3::ff:fe00:b");
    static final int HL = BindingUpdate.H | BindingUpdate.A;

    /** Records what the engine asks of the node, one line per call. */
    static class Recorder implements HomeAgentOutput {
        final List<String> calls = new ArrayList<>();
        final List<BindingAcknowledgement> acks = new ArrayList<>();
        int nextTunnel = 1;
        long lastUsed = Long.MIN_VALUE;

        @Override
        public void sendAcknowledgement(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, int status, int flags,
                                        int sequence, int lifetime, int refreshAdvice) {
            BindingAcknowledgement ack = HomeAgentOutput.acknowledgement(status, flags, sequence, lifetime, refreshAdvice);
            acks.add(ack);
            calls.add("BA " + ack.status() + " seq " + ack.sequence() + " life " + ack.lifetime() + " " + from + " -> " + to
                    + (homeAddress == null ? "" : " rh2 " + homeAddress));
        }

        @Override
        public void sendBindingError(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, int status) {
            calls.add("BE " + status + " " + homeAddress + " -> " + to);
        }

        @Override
        public void sendRefreshRequest(Ipv6Address homeAddress) {
            calls.add("BRR to " + homeAddress);
        }

        @Override
        public void detectDuplicate(int iface, Ipv6Address homeAddress, Ipv6Address address) {
            calls.add("DAD " + address);
        }

        @Override
        public int addBinding(int iface, Ipv6Address homeAgent, Ipv6Address homeAddress, Ipv6Address careOfAddress, boolean ll) {
            calls.add("add " + homeAddress + " via " + careOfAddress + (ll ? " ll" : "") + " tunnel " + nextTunnel);
            return nextTunnel++;
        }

        @Override
        public int moveBinding(int iface, Ipv6Address homeAgent, Ipv6Address homeAddress, Ipv6Address careOfAddress,
                               int oldTunnel) {
            calls.add("move " + homeAddress + " via " + careOfAddress + " tunnel " + oldTunnel + "->" + nextTunnel);
            return nextTunnel++;
        }

        @Override
        public void removeBinding(int iface, Ipv6Address homeAddress, boolean ll, int tunnel) {
            calls.add("remove " + homeAddress + " tunnel " + tunnel);
        }

        @Override
        public long tunnelLastUsed(int tunnel) {
            return lastUsed;
        }

        List<String> take() {
            List<String> c = List.copyOf(calls);
            calls.clear();
            return c;
        }
    }

    final MemoryBindingCache cache = new MemoryBindingCache();
    final Recorder out = new Recorder();
    HomeRegistrationPolicy policy = r -> HomeRegistrationPolicy.ACCEPT;

    HomeAgentEngine engine(HomeAgentParameters p) {
        return new HomeAgentEngine("ha", p, List.of(new ServedPrefix(0, HOME, 86_400, 14_400)), r -> policy.decide(r), cache, out);
    }

    static ReceivedBindingUpdate bu(Ipv6Address coa, Ipv6Address hoa, int seq, int flags, int lifetimeUnits,
                                    MobilityOption... options) {
        return ReceivedBindingUpdate.of(0, HA, coa, hoa, new BindingUpdate(seq, flags, lifetimeUnits, List.of(options)));
    }

    BindingCacheEntry binding() {
        return cache.get("ha", HOA).orElse(null);
    }

    @Test
    void firstRegistrationWaitsForDadThenAcknowledgesOnceWithTheGrantedLifetimeAndRefreshAdvice() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT);
        e.onBindingUpdate(0, bu(COA, HOA, 7, HL, 150)); // 600 s asked
        assertEquals(List.of("DAD " + HOA), out.take(), "§10.3.1: DAD before the first BA");
        assertEquals(null, binding());
        e.onBindingUpdate(S / 2, bu(COA, HOA, 7, HL, 150)); // a retransmission during DAD
        assertEquals(List.of(), out.take());
        e.dadCompleted(S, HOA, true);
        assertEquals(List.of("add " + HOA + " via " + COA + " tunnel 1",
                "BA 0 seq 7 life 150 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        BindingAcknowledgement ba = out.acks.get(0);
        assertEquals(List.of(new MobilityOption.BindingRefreshAdvice(120)), ba.options(), "80 % of 600 s in 4 s units");
        assertEquals(0, ba.flags(), "K only with IKE");
        BindingCacheEntry b = binding();
        assertEquals(COA, b.careOfAddress());
        assertEquals(7, b.sequence());
        assertEquals(S + 600 * S, b.expiresAt());
        assertEquals(1, b.tunnel());
        assertTrue(b.homeRegistration());
    }

    /** The served prefix of an address, matched on the prefixes' halves, is the one {@link Ipv6Prefix#contains} finds. */
    @Test
    void theServedPrefixOfAnAddressIsTheOneThatContainsIt() {
        List<ServedPrefix> served = new ArrayList<>();
        for (String p : List.of("2001:db8:1::/64", "2001:db8:2::/48", "2001:db8:3:0:8000::/65", "2001:db8:4::/127",
                "2001:db8:5::7/128", "2001:db8:8000::/33", "2002::/16")) {
            served.add(new ServedPrefix(served.size(), Ipv6Prefix.parse(p), 86_400, 14_400));
        }
        HomeAgentEngine e = new HomeAgentEngine("ha", HomeAgentParameters.DEFAULT, served, r -> 0, cache, out);
        java.util.SplittableRandom random = new java.util.SplittableRandom(6275);
        for (int k = 0; k < 100_000; k++) {
            ServedPrefix near = served.get(random.nextInt(served.size()));
            long flip = 1L << random.nextInt(64); // an address of the prefix, or one bit away from it
            Ipv6Address a = Ipv6Address.of(near.prefix().address().high() ^ (random.nextInt(4) == 0 ? flip : 0),
                    near.prefix().address().low() ^ (random.nextBoolean() ? random.nextLong() : flip));
            ServedPrefix expected = served.stream().filter(s -> s.prefix().contains(a)).findFirst().orElse(null);
            assertEquals(expected, e.servedPrefix(a), a.toString());
        }
    }

    @Test
    void refreshKeepsTheTunnelAndAMoveReplacesItWithoutDad() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false));
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 150));
        out.take();
        e.onBindingUpdate(10 * S, bu(COA, HOA, 2, HL, 150));
        assertEquals(List.of("BA 0 seq 2 life 150 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        assertEquals(10 * S + 600 * S, binding().expiresAt());
        e.onBindingUpdate(20 * S, bu(COA2, HOA, 3, HL, 150));
        assertEquals(List.of("move " + HOA + " via " + COA2 + " tunnel 1->2",
                "BA 0 seq 3 life 150 " + HA + " -> " + COA2 + " rh2 " + HOA), out.take());
        assertEquals(COA2, binding().careOfAddress());
        // the Alternate Care-of Address is the care-of address; the BA still goes to the source (§9.5.4)
        e.onBindingUpdate(30 * S, bu(COA, HOA, 4, HL, 150, new MobilityOption.AlternateCareOfAddress(COA2)));
        assertEquals(List.of("BA 0 seq 4 life 150 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        assertEquals(COA2, binding().careOfAddress());
    }

    /** An output that records the data path's preparation hints too. */
    private Recorder hinted() {
        return new Recorder() {
            @Override
            public void prepareBinding(Ipv6Address homeAddress) {
                calls.add("prepare " + homeAddress);
            }
        };
    }

    private HomeAgentEngine withoutDad(Recorder output) {
        return new HomeAgentEngine("ha", HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false),
                List.of(new ServedPrefix(0, HOME, 86_400, 14_400)), r -> policy.decide(r), cache, output);
    }

    @Test
    void theDataPathHearsOfANewBindingBeforeItIsMadeAndNotOfARefresh() {
        Recorder hinted = hinted();
        HomeAgentEngine e = withoutDad(hinted);
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 150));
        assertEquals(List.of("prepare " + HOA, "add " + HOA + " via " + COA + " tunnel 1",
                "BA 0 seq 1 life 150 " + HA + " -> " + COA + " rh2 " + HOA), hinted.take());
        e.onBindingUpdate(10 * S, bu(COA, HOA, 2, HL, 150));
        assertEquals(List.of("BA 0 seq 2 life 150 " + HA + " -> " + COA + " rh2 " + HOA), hinted.take());
    }

    @Test
    void aBurstAheadReadsTheBindingsAndPreparesTheDataPathOfTheNewOnesOnly() {
        Recorder hinted = hinted();
        HomeAgentEngine e = withoutDad(hinted);
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 150));
        hinted.take();
        Ipv6Address other = HOME.withInterfaceId(0x77);
        long[] burst = {HOA.high(), HOA.low(), other.high(), other.low(), HOA.high(), HOA.low()};
        e.prefetch(burst, 3);
        assertEquals(List.of(), hinted.take(), "a binding cache this small is not read ahead");
        assertFalse(e.readsAhead(), "and the node need not read the burst for it");
        for (int k = 1; k < HomeAgentEngine.READ_AHEAD_BINDINGS; k++) { // others' bindings, elsewhere
            Ipv6Address h = Ipv6Address.of(0x2001_0db8_0bad_0000L, k);
            cache.put("ha", h, new BindingCacheEntry(h, COA, 1, 0, false, 100, 0, 100 * S, Long.MIN_VALUE, 0));
        }
        BindingCacheEntry before = binding();
        assertTrue(e.readsAhead());
        e.prefetch(burst, 3);
        assertEquals(List.of("prepare " + other), hinted.take(), "the one without a binding");
        assertEquals(before, binding(), "nothing changed");
        assertEquals(Optional.empty(), cache.get("ha", other));
        assertEquals(1, e.counter(HaCounter.BU_RECEIVED), "a hint is not a message");
    }

    @Test
    void lifetimeIsCappedByTheMaximumAndThePrefixValidLifetime() {
        HomeAgentEngine e = new HomeAgentEngine("ha", new HomeAgentParameters(3600, 0, 0, false, 10),
                List.of(new ServedPrefix(0, HOME, 1000, 1000)), policy, cache, out);
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 0xffff));
        // the prefix becomes invalid at the end of the binding: status 1 (§10.3.1)
        assertEquals(List.of("add " + HOA + " via " + COA + " tunnel 1",
                "BA 1 seq 1 life 250 " + HA + " -> " + COA + " rh2 " + HOA), out.take(), "1000 s prefix lifetime");
        assertEquals(List.of(), out.acks.get(0).options(), "no Binding Refresh Advice when configured off");
        HomeAgentEngine e2 = new HomeAgentEngine("ha2", new HomeAgentParameters(400, 80, 90, false, 10),
                List.of(new ServedPrefix(0, HOME, 86_400, 14_400)), policy, cache, out);
        e2.onBindingUpdate(0, bu(COA, HOA, 1, HL, 0xffff));
        assertEquals("BA 0 seq 1 life 100 " + HA + " -> " + COA + " rh2 " + HOA, out.take().get(1));
    }

    /**
     * RFC 6275 §10.3.1: status 1 (accepted but prefix discovery necessary) when the home prefix is
     * deprecated, becomes deprecated during the binding or invalid at its end, lifetimes compared in
     * units of 4 s; status 0 otherwise. The binding is made either way.
     */
    @Test
    void aBindingThatOutlivesTheHomePrefixsPreferredLifetimeIsAcceptedWithStatus1() {
        HomeAgentEngine e = new HomeAgentEngine("ha", new HomeAgentParameters(HomeAgentParameters.MAX_LIFETIME, 80, 0,
                false, 10), List.of(new ServedPrefix(0, HOME, 86_400, 14_403)), policy, cache, out);
        int seq = 1;
        e.onBindingUpdate(0, bu(COA, HOA, seq++, HL, 900)); // 3,600 s: within the preferred lifetime
        assertEquals("BA 0 seq 1 life 900 " + HA + " -> " + COA + " rh2 " + HOA, out.take().get(1));
        e.onBindingUpdate(S, bu(COA, HOA, seq++, HL, 3599)); // 14,396 s: deprecated 4 s after the binding ends
        assertEquals(List.of("BA 0 seq 2 life 3599 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        e.onBindingUpdate(2 * S, bu(COA, HOA, seq++, HL, 3600)); // 14,400 s: 14,403 s is 3,600 units too
        assertEquals(List.of("BA 1 seq 3 life 3600 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        assertEquals(List.of(new MobilityOption.BindingRefreshAdvice(2880)), out.acks.get(2).options(),
                "an acceptance: Binding Refresh Advice as with status 0");
        e.onBindingUpdate(3 * S, bu(COA, HOA, seq++, HL, 0xffff)); // capped at the valid lifetime: invalid at the end
        assertEquals(List.of("BA 1 seq 4 life 21600 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        assertEquals(3 * S + 86_400 * S, binding().expiresAt());
        e.onBindingUpdate(4 * S, bu(COA, HOA, seq++, HL, 100)); // back within it
        assertEquals(List.of("BA 0 seq 5 life 100 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        assertEquals(2, e.counter(HaCounter.BA_PREFIX_DISCOVERY));
        assertEquals(5, e.counter(HaCounter.BU_ACCEPTED));

        HomeAgentEngine deprecated = new HomeAgentEngine("ha2", HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false),
                List.of(new ServedPrefix(0, HOME, 86_400, 3)), policy, cache, out);
        deprecated.onBindingUpdate(0, bu(COA, HOA, 1, HL, 1)); // preferred lifetime under one unit: deprecated
        assertEquals("BA 1 seq 1 life 1 " + HA + " -> " + COA + " rh2 " + HOA, out.take().get(1));
        deprecated.onBindingUpdate(S, bu(COA, HOA, 2, HL, 0)); // a deregistration is plain success (§10.3.2)
        assertEquals(List.of("remove " + HOA + " tunnel 2", "BA 0 seq 2 life 0 " + HA + " -> " + COA + " rh2 " + HOA),
                out.take());
    }

    @Test
    void sequenceNumbersAreComparedModulo65536AndAnOldOneGets135WithTheLastAccepted() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false));
        e.onBindingUpdate(0, bu(COA, HOA, 65534, HL, 100));
        e.onBindingUpdate(S, bu(COA, HOA, 65535, HL, 100));
        e.onBindingUpdate(2 * S, bu(COA, HOA, 0, HL, 100)); // wraps: newer
        e.onBindingUpdate(3 * S, bu(COA, HOA, 1, HL, 100));
        out.take();
        BindingCacheEntry before = binding();
        e.onBindingUpdate(4 * S, bu(COA2, HOA, 65535, HL, 100)); // older across the wrap
        e.onBindingUpdate(5 * S, bu(COA2, HOA, 1, HL, 100)); // the same
        e.onBindingUpdate(6 * S, bu(COA2, HOA, 1 + 32768, HL, 100)); // half the space back: not newer
        assertEquals(List.of("BA 135 seq 1 life 0 " + HA + " -> " + COA2 + " rh2 " + HOA,
                "BA 135 seq 1 life 0 " + HA + " -> " + COA2 + " rh2 " + HOA,
                "BA 135 seq 1 life 0 " + HA + " -> " + COA2 + " rh2 " + HOA), out.take());
        assertEquals(before, binding(), "the binding cache is unchanged");
        assertEquals(3, e.counter(HaCounter.REJECT_SEQUENCE));
        e.onBindingUpdate(7 * S, bu(COA2, HOA, 1 + 32767, HL, 100));
        assertEquals(COA2, binding().careOfAddress());
    }

    @Test
    void rejectionsLeaveTheCacheUnchangedAndAreCountedByReason() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false));
        Ipv6Address foreign = Ipv6Address.parse("2001:db8:9::1");
        e.onBindingUpdate(0, bu(COA, foreign, 1, HL, 100));
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 0)); // deregistration of no binding
        policy = r -> HomeRegistrationPolicy.ADMINISTRATIVELY_PROHIBITED;
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 100));
        policy = r -> { throw new IllegalStateException("broken policy"); };
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 100));
        policy = r -> 7; // below 128: accepted
        e.onBindingUpdate(0, bu(Ipv6Address.parse("fe80::1"), HOA, 1, HL, 100, new MobilityOption.AlternateCareOfAddress(
                Ipv6Address.parse("ff02::1"))));
        assertEquals(List.of("BA 132 seq 1 life 0 " + HA + " -> " + COA + " rh2 " + foreign,
                "BA 133 seq 1 life 0 " + HA + " -> " + COA + " rh2 " + HOA,
                "BA 129 seq 1 life 0 " + HA + " -> " + COA + " rh2 " + HOA,
                "BA 128 seq 1 life 0 " + HA + " -> " + COA + " rh2 " + HOA,
                "BA 174 seq 1 life 0 " + HA + " -> fe80::1 rh2 " + HOA), out.take());
        assertEquals(List.of(), cache.entries("ha"));
        assertEquals(1, e.counter(HaCounter.REJECT_NOT_HOME_SUBNET));
        assertEquals(1, e.counter(HaCounter.REJECT_NOT_HOME_AGENT_FOR_MN));
        assertEquals(2, e.counter(HaCounter.REJECT_POLICY));
        assertEquals(1, e.counter(HaCounter.POLICY_ERRORS));
        assertEquals(1, e.counter(HaCounter.REJECT_INVALID_COA));
    }

    /**
     * The role fills one instance for every Binding Update it reads in place: a request waiting for DAD is the
     * engine's own copy, so the next Binding Update (another home address, then a newer one for the first during
     * its DAD) does not change what the first registration is answered with.
     */
    @Test
    void aReusedReceivedBindingUpdateDoesNotChangeTheRequestsWaitingForDad() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT);
        Ipv6Address second = HOME.withInterfaceId(0x22);
        Ipv6Address otherCoa = COA.withInterfaceId(0x99);
        ReceivedBindingUpdate r = ReceivedBindingUpdate.reusable();
        e.onBindingUpdate(0, r.set(0, HA, COA, HOA, 7, HL, 150, null, -1));
        e.onBindingUpdate(0, r.set(0, HA, otherCoa, second, 40, HL, 100, null, -1));
        e.onBindingUpdate(S / 2, r.set(0, HA, otherCoa, HOA, 8, HL, 50, null, -1)); // newer, during DAD: answered instead
        e.onBindingUpdate(S / 2, r.set(0, HA, COA, HOA, 6, HL, 10, null, -1)); // older: not kept
        assertEquals(List.of("DAD " + HOA, "DAD " + second), out.take());
        r.set(0, HA, COA, HOME.withInterfaceId(0x33), 1, HL, 1, null, -1);
        e.dadCompleted(S, HOA, true);
        e.dadCompleted(S, second, true);
        assertEquals(List.of("add " + HOA + " via " + otherCoa + " tunnel 1",
                "BA 0 seq 8 life 50 " + HA + " -> " + otherCoa + " rh2 " + HOA,
                "add " + second + " via " + otherCoa + " tunnel 2",
                "BA 0 seq 40 life 100 " + HA + " -> " + otherCoa + " rh2 " + second), out.take());
        assertEquals(new ReceivedBindingUpdate(0, HA, COA, HOA, 7, HL, 150, null, -1), bu(COA, HOA, 7, HL, 150),
                "a value: equal to one read from the message's record");
    }

    /**
     * §6.1.8 status 130: a full binding cache (those awaiting DAD counted) refuses new registrations and
     * keeps refreshing, moving and removing the bindings it has; room made by a deregistration is used again.
     */
    @Test
    void aFullBindingCacheRefusesNewRegistrationsWith130AndKeepsServingItsBindings() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT.withMaxBindings(2));
        Ipv6Address second = HOME.withInterfaceId(0x22);
        Ipv6Address third = HOME.withInterfaceId(0x33);
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 100));
        e.onBindingUpdate(0, bu(COA, second, 1, HL, 100)); // both awaiting DAD: the cache is full
        e.onBindingUpdate(0, bu(COA, third, 1, HL, 100));
        assertEquals(List.of("DAD " + HOA, "DAD " + second, "BA 130 seq 1 life 0 " + HA + " -> " + COA + " rh2 " + third),
                out.take());
        e.dadCompleted(S, HOA, true);
        e.dadCompleted(S, second, true);
        out.take();
        e.onBindingUpdate(2 * S, bu(COA, third, 2, HL, 100));
        e.onBindingUpdate(2 * S, bu(COA, HOA, 2, HL, 100)); // a refresh
        assertEquals(List.of("BA 130 seq 2 life 0 " + HA + " -> " + COA + " rh2 " + third,
                "BA 0 seq 2 life 100 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        assertEquals(2, e.counter(HaCounter.REJECT_RESOURCES));
        assertEquals(2, cache.size("ha"));
        e.onBindingUpdate(3 * S, bu(COA, second, 2, HL, 0)); // deregistration: room again
        out.take();
        e.onBindingUpdate(3 * S, bu(COA, third, 3, HL, 100));
        assertEquals(List.of("DAD " + third), out.take());
    }

    @Test
    void silentDropsAndTheCorrespondentRegistrationThatAHomeAgentDoesNotDo() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false));
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 100, new MobilityOption.NonceIndices(1, 2)));
        e.onBindingUpdate(0, bu(COA, Ipv6Address.parse("ff02::1"), 1, HL, 100));
        e.onBindingUpdate(0, bu(COA, Ipv6Address.parse("fe80::b"), 1, HL, 100));
        assertEquals(List.of(), out.take(), "§6.2.6, §9.5.1: silently discarded");
        e.onBindingUpdate(0, bu(COA, HOA, 1, BindingUpdate.A, 100)); // no H
        assertEquals(List.of("BE 2 " + HOA + " -> " + COA), out.take());
        assertEquals(1, e.counter(HaCounter.DROP_NONCE_INDICES));
        assertEquals(2, e.counter(HaCounter.DROP_NOT_UNICAST_HOME));
        assertEquals(List.of(), cache.entries("ha"));
    }

    @Test
    void aCareOfAddressThatIsARegisteredHomeAddressWouldLoopAndIsDropped() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false));
        Ipv6Address other = HOME.withInterfaceId(0x77);
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 100));
        out.take();
        e.onBindingUpdate(0, bu(HOA, other, 1, HL, 100)); // other's care-of address is HOA, itself tunnelled
        assertEquals(List.of(), out.take());
        assertEquals(1, e.counter(HaCounter.DROP_CIRCULAR));
        assertEquals(1, cache.entries("ha").size());
    }

    @Test
    void noServedPrefixMeansNotAHomeAgent131() {
        HomeAgentEngine e = new HomeAgentEngine("ha", HomeAgentParameters.DEFAULT, List.of(), policy, cache, out);
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 100));
        assertEquals(List.of("BA 131 seq 1 life 0 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
    }

    @Test
    void aDuplicateHomeAddressOrLinkLocalAddressGets134AndNoBinding() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT);
        e.onBindingUpdate(0, bu(COA, HOA, 9, HL | BindingUpdate.L, 100));
        Ipv6Address ll = Ipv6Address.parse("fe80::ff:fe00:b");
        assertEquals(List.of("DAD " + HOA, "DAD " + ll), out.take(), "§10.3.1: the link-local address too with L");
        e.dadCompleted(S, HOA, true);
        assertEquals(List.of(), out.take(), "waits for both");
        e.dadCompleted(S, HOA, false); // the link-local probe
        assertEquals(List.of("BA 134 seq 9 life 0 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        assertEquals(List.of(), cache.entries("ha"));
        e.onBindingUpdate(2 * S, bu(COA, HOA, 10, HL | BindingUpdate.L, 100));
        e.dadCompleted(3 * S, HOA, true);
        e.dadCompleted(3 * S, HOA, true); // the link-local probe
        assertEquals("add " + HOA + " via " + COA + " ll tunnel 1", out.take().get(2));
    }

    /**
     * A newer Binding Update for the home address while its DAD runs replaces the request answered when DAD
     * completes (§10.3.1), and may clear L: the link-local probe's outcome still belongs to that binding. It was
     * matched to a pending binding by L, found none, and the binding then waited for DAD forever, each Binding
     * Update dropped (the home-link fuzz test's seed 1583, a forged newer BU).
     */
    @Test
    void aNewerBindingUpdateWithoutLDuringDadIsAnsweredWhenBothProbesAreDone() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT);
        Ipv6Address ll = Ipv6Address.linkLocal(HOA.interfaceId());
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL | BindingUpdate.L, 100));
        assertEquals(List.of("DAD " + HOA, "DAD " + ll), out.take());
        e.onBindingUpdate(S / 2, bu(COA, HOA, 2, HL, 100));
        assertEquals(List.of(), out.take(), "dropped while DAD runs, answered when it is done");
        e.dadCompleted(S, HOA, true);
        e.dadCompleted(S, HOA, true); // the link-local probe
        assertEquals(List.of("add " + HOA + " via " + COA + " tunnel 1", "BA 0 seq 2 life 100 " + HA + " -> " + COA + " rh2 " + HOA),
                out.take());
        assertEquals(0L, e.counters().get("dad.pending"));
    }

    /**
     * Two pending registrations with L whose home addresses share an interface identifier probe the same link-local
     * address: each outcome goes to the binding it was asked for (the node reports the first probe superseded, a
     * duplicate). The outcome used to be matched by the link-local address's interface identifier to whichever
     * pending binding came first, and the other then waited for DAD forever, dropping its Binding Updates (the
     * home-link fuzz test's seed 1583).
     */
    @Test
    void twoHomeAddressesWithOneLinkLocalAddressEachGetTheirOwnOutcome() {
        Ipv6Prefix second = Ipv6Prefix.parse("2001:db8:5::/64"); // a home agent serving two home prefixes
        HomeAgentEngine e = new HomeAgentEngine("ha", HomeAgentParameters.DEFAULT, List.of(new ServedPrefix(0, HOME, 86_400, 14_400),
                new ServedPrefix(0, second, 86_400, 14_400)), policy, cache, out);
        Ipv6Address otherHome = second.withInterfaceId(HOA.interfaceId());
        Ipv6Address ll = Ipv6Address.linkLocal(HOA.interfaceId());
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL | BindingUpdate.L, 100));
        e.onBindingUpdate(0, bu(COA, otherHome, 1, HL | BindingUpdate.L, 100));
        assertEquals(List.of("DAD " + HOA, "DAD " + ll, "DAD " + otherHome, "DAD " + ll), out.take());
        // the node: otherHome's probe of the link-local address supersedes HOA's (a duplicate for HOA)
        e.dadCompleted(0, HOA, false); // the link-local probe
        e.dadCompleted(S, HOA, true);
        assertEquals(List.of("BA 134 seq 1 life 0 " + HA + " -> " + COA + " rh2 " + HOA), out.take());
        e.dadCompleted(S, otherHome, true);
        assertEquals(List.of(), out.take(), "otherHome still waits for its own link-local probe");
        e.dadCompleted(S, otherHome, true); // the link-local probe
        assertEquals(List.of(otherHome), cache.entries("ha").stream().map(BindingCacheEntry::homeAddress).toList());
        assertEquals(0L, e.counters().get("dad.pending"));
    }

    @Test
    void deregistrationRemovesEverythingAndAcknowledgesWithLifetimeZero() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false));
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 100));
        out.take();
        e.onBindingUpdate(S, bu(HOA, HOA, 2, HL, 100)); // back home: care-of address = home address
        assertEquals(List.of("remove " + HOA + " tunnel 1", "BA 0 seq 2 life 0 " + HA + " -> " + HOA), out.take());
        assertEquals(List.of(), cache.entries("ha"));
        e.onBindingUpdate(2 * S, bu(COA, HOA, 3, HL, 100));
        out.take();
        e.onBindingUpdate(3 * S, bu(COA, HOA, 4, HL, 0)); // lifetime 0
        assertEquals(List.of("remove " + HOA + " tunnel 2", "BA 0 seq 4 life 0 " + HA + " -> " + COA + " rh2 " + HOA),
                out.take());
    }

    @Test
    void aBindingInUseGetsARefreshRequestBeforeItExpiresAndExpiryRemovesIt() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false));
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 25)); // 100 s
        out.take();
        assertEquals(90 * S, e.nextDeadline(), "90 % of the lifetime");
        e.onTimer(90 * S);
        assertEquals(List.of(), out.take(), "no traffic since the registration: no request");
        assertEquals(100 * S, e.nextDeadline());
        e.onTimer(100 * S);
        assertEquals(List.of("remove " + HOA + " tunnel 1"), out.take());
        assertEquals(1, e.counter(HaCounter.BINDINGS_EXPIRED));

        e.onBindingUpdate(200 * S, bu(COA, HOA, 2, HL, 25));
        out.take();
        out.lastUsed = 250 * S;
        e.onTimer(290 * S);
        assertEquals(List.of("BRR to " + HOA), out.take());
        e.onBindingUpdate(295 * S, bu(COA, HOA, 3, HL, 25)); // the mobile node refreshed
        out.take();
        e.onTimer(300 * S);
        assertEquals(List.of(), out.take(), "the old expiry is stale");
        assertEquals(COA, binding().careOfAddress());
        assertEquals(385 * S, e.nextDeadline());
        for (int k = 4; k < 10_000; k++) {
            e.onBindingUpdate(296 * S, bu(COA, HOA, k, HL, 25));
        }
        out.take();
        assertEquals(385 * S, e.nextDeadline(), "refreshes leave the binding's one timer where it is: it fires early");
        e.onTimer(385 * S);
        assertEquals(List.of(), out.take());
        assertEquals(386 * S, e.nextDeadline(), "and it is armed again at the binding's own time (296 s + 90 % of 100 s)");
    }

    @Test
    void aNewEngineTakesOverTheBindingsAndTheirTimers() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false));
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 25));
        out.take();
        HomeAgentEngine next = engine(HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false));
        next.restore(50 * S);
        assertEquals(90 * S, next.nextDeadline());
        next.onTimer(100 * S);
        assertEquals(List.of("remove " + HOA + " tunnel 1"), out.take());
        next.onBindingUpdate(101 * S, bu(COA, HOA, 2, HL, 25));
        assertEquals("add " + HOA + " via " + COA + " tunnel 2", out.take().get(0), "new binding after the expiry");
    }

    @Test
    void homeAddressOptionNeedsABindingWithThatCareOfAddressElseBindingError1RateLimited() {
        HomeAgentEngine e = engine(HomeAgentParameters.DEFAULT.withDuplicateAddressDetection(false));
        assertTrue(e.admitHomeAddressOption(0, HOA, COA, HA, true), "a Binding Update is always admitted");
        assertFalse(e.admitHomeAddressOption(0, HOA, COA, HA, false));
        assertEquals(List.of("BE 1 " + HOA + " -> " + COA), out.take());
        e.onBindingUpdate(0, bu(COA, HOA, 1, HL, 25));
        out.take();
        assertTrue(e.admitHomeAddressOption(0, HOA, COA, HA, false));
        assertFalse(e.admitHomeAddressOption(0, HOA, COA2, HA, false), "§9.3.1: the registered care-of address only");
        assertFalse(e.admitHomeAddressOption(0, Ipv6Address.parse("ff0e::1"), COA, HA, true));
        assertEquals(List.of("BE 1 " + HOA + " -> " + COA2), out.take());
        for (int i = 0; i < 30; i++) {
            e.admitHomeAddressOption(S, HOA, COA2, HA, false);
        }
        assertEquals(10, out.take().size(), "a burst of a second's worth (10), then none within the same instant");
        assertEquals(20, e.counter(HaCounter.BE_RATE_LIMITED));
        e.admitHomeAddressOption(S + S / 10, HOA, COA2, HA, false);
        assertEquals(1, out.take().size(), "one more per 100 ms");
    }

    @Test
    void sequenceComparison() {
        assertTrue(SequenceNumbers.newer(1, 0));
        assertTrue(SequenceNumbers.newer(0, 65535));
        assertTrue(SequenceNumbers.newer(32767, 0));
        assertFalse(SequenceNumbers.newer(32768, 0));
        assertFalse(SequenceNumbers.newer(0, 0));
        assertFalse(SequenceNumbers.newer(65535, 0));
    }
}
