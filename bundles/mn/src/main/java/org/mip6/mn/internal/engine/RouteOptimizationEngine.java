package org.mip6.mn.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.role.NamedCounters;
import org.mip6.state.BindingUpdateList;
import org.mip6.state.BindingUpdateListEntry;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityMessage.BindingError;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityMessage.CareOfTest;
import org.mip6.wire.mh.MobilityMessage.HomeTest;
import org.mip6.wire.mh.MobilityOption;

/**
 * A mobile node's correspondent registrations (RFC 6275 §11.6, §11.7.2, §11.7.3), sans-IO: for each
 * correspondent it is asked to optimize, the return routability tests (Home Test Init through the home
 * agent, Care-of Test Init direct, cookies from the seed, retransmitted with backoff), then a Binding
 * Update with Nonce Indices and Binding Authorization Data under Kbm (lifetime at most
 * MAX_RR_BINDING_LIFETIME), its acknowledgement checked, the binding refreshed before it ends and on a
 * Binding Refresh Request; after a move only the care-of test while the home token is fresh; at home
 * a deregistration with the home token. Binding Error 1 sends traffic back through the tunnel and
 * starts over; Binding Error 2, a refusal or a correspondent that never answers leaves that
 * correspondent alone for {@code retryAfter}. Entries go into the binding update list. Not thread-safe.
 */
public final class RouteOptimizationEngine {

    static final long SECOND = MobilityParameters.SECOND;
    /** RFC 6275 §12. */
    public static final long MAX_TOKEN_LIFETIME = 210 * SECOND;
    public static final int MAX_RR_BINDING_LIFETIME = 420;

    /** What the engine sends; the role makes packets of it. */
    public interface Output {
        /** Through the reverse tunnel while away (§11.6.1), directly at home. */
        void sendHomeTestInit(Ipv6Address homeAddress, Ipv6Address correspondent, long cookie);

        void sendCareOfTestInit(Ipv6Address careOfAddress, Ipv6Address correspondent, long cookie);

        /**
         * A BU to {@code correspondent} from {@code careOfAddress} with a Home Address option for
         * {@code homeAddress} (from the home address without one when {@code careOfAddress} is null), its
         * last option a Binding Authorization Data placeholder to sign under {@code kbm}.
         */
        void sendBindingUpdate(Ipv6Address careOfAddress, Ipv6Address homeAddress, Ipv6Address correspondent,
                               BindingUpdate update, byte[] kbm);

        /** When the care-of address stops being valid (node clock); Long.MAX_VALUE when no lifetime is known. */
        default long validUntil(Ipv6Address careOfAddress) {
            return Long.MAX_VALUE;
        }
    }

    /** The formulas (the ro bundle's {@code BindingKeys}); null while there is none: no route optimisation then. */
    public interface Keys {
        byte[] kbm(long homeToken, long careOfToken);

        byte[] kbm(long homeToken);
    }

    /** Where one correspondent stands. */
    public enum Phase { TESTING, UPDATING, BOUND, DEREGISTERING }

    private static final class Correspondent {
        final Ipv6Address address;
        Phase phase = Phase.TESTING;
        long homeCookie;
        long careOfCookie;
        boolean homePending;
        boolean careOfPending;
        long homeToken;
        int homeIndex;
        long homeAt = Long.MIN_VALUE;
        long careOfToken;
        int careOfIndex;
        long careOfAt = Long.MIN_VALUE;
        Ipv6Address careOfTested;
        long testTimeout;
        long testRetransmitAt = Long.MAX_VALUE;
        byte[] kbm;
        Ipv6Address updateCareOf;
        long updateRetransmitAt = Long.MAX_VALUE;
        long updateTimeout;
        Ipv6Address boundCareOf;
        long boundUntil = Long.MIN_VALUE;
        /**
         * Until when the correspondent may still hold a binding of ours that this entry no longer uses (a
         * Binding Error 1 says only that it has none for the care-of address that packet came from, §9.3.1).
         */
        long mayHoldUntil = Long.MIN_VALUE;
        long refreshAt = Long.MAX_VALUE;
        /** The Sequence Number of the BU outstanding or last sent (-1: none yet). */
        int sequence = -1;
        /** IPsec route optimization: SAs with it protect the BU and BA instead of return routability. */
        boolean ipsec;

        Correspondent(Ipv6Address address) {
            this.address = address;
        }
    }

    private final String node;
    private java.util.function.BiPredicate<Ipv6Address, Ipv6Address> ipsecWith = (home, cn) -> false;
    private final MobilityParameters parameters;
    private long retryAfter;
    private final BindingUpdateList list;
    private final Output output;
    private final SplittableRandom random;
    private final Map<Ipv6Address, Correspondent> correspondents = new LinkedHashMap<>();
    private final Map<Ipv6Address, Long> leftAlone = new LinkedHashMap<>();

    /**
     * At most this many correspondents at once (bindings, and tests under way): route optimization with
     * more is not started (traffic stays on the tunnel), so that packets from a flood of sources do not grow
     * the node's state without bound.
     */
    static final int MAX_CORRESPONDENTS = 1024;
    /** At most this many correspondents remembered as left alone: the expired go first, then the oldest. */
    static final int MAX_LEFT_ALONE = 4096;
    private final NamedCounters counters = new NamedCounters(List.of(
            "hoti.sent", "coti.sent", "hot.accepted", "cot.accepted", "test.ignored", "ipsec.bu", "bu.sent", "bu.retransmitted", "bu.lifetime-capped",
            "ba.accepted", "ba.ignored", "ba.bad-authenticator", "ba.rejected", "ba.135-resynchronised",
            "ba.expired-nonces", "be.1", "be.2", "be.ignored", "brr.received", "rr.gave-up", "binding.expired",
            "binding.deregistered", "cn.no-mipv6", "binding.restored", "rr.limited", "icmp.home-address-option-unsupported"));
    private Ipv6Address homeAddress;
    private Ipv6Address careOfAddress;
    private int sequence;

    public RouteOptimizationEngine(String node, MobilityParameters parameters, long retryAfterNanos, Ipv6Address homeAddress,
                                   long seed, BindingUpdateList list, Output output) {
        this.node = Objects.requireNonNull(node, "node");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.retryAfter = retryAfterNanos;
        this.homeAddress = Objects.requireNonNull(homeAddress, "homeAddress");
        this.list = Objects.requireNonNull(list, "list");
        this.output = Objects.requireNonNull(output, "output");
        this.random = new SplittableRandom(seed ^ 0x6275_0002L);
        this.sequence = random.nextInt(0x10000);
    }

    /** How long a correspondent that never answered, refused, or does not speak Mobile IPv6 is left alone. */
    public void setRetryAfter(long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("retry after must be positive: " + nanos);
        }
        retryAfter = nanos;
    }

    /**
     * A role that replaces another: the correspondent bindings found in the binding update list for
     * {@code homeAddress} (acknowledged, not expired) are used again at once, so traffic stays on the
     * direct path; their keygen tokens went with the old role, so the next refresh runs the tests again.
     * {@code careOf} is where the node was registered; a move since is {@link #moved}'s to handle.
     */
    public void restore(long now, Ipv6Address careOf) {
        careOfAddress = careOf;
        for (BindingUpdateListEntry e : list.entries(node)) {
            if (e.homeRegistration() || !e.homeAddress().equals(homeAddress) || !e.acknowledged() || e.expiresAt() <= now
                    || e.lifetimeSeconds() == 0 || correspondents.containsKey(e.destination())) {
                continue;
            }
            Correspondent c = new Correspondent(e.destination());
            c.phase = Phase.BOUND;
            c.updateCareOf = e.careOfAddress();
            c.boundCareOf = e.careOfAddress();
            c.boundUntil = e.expiresAt();
            c.refreshAt = e.sentAt() + e.lifetimeSeconds() * SECOND / 100 * parameters.refreshPercent();
            correspondents.put(e.destination(), c);
            c.sequence = e.sequence();
            count("binding.restored");
        }
    }

    /** The home address changed (renumbering): bindings of the old one are left to expire. */
    public void setHomeAddress(Ipv6Address hoa) {
        if (!hoa.equals(homeAddress)) {
            for (Correspondent c : new ArrayList<>(correspondents.values())) {
                drop(c);
            }
            homeAddress = hoa;
        }
    }

    /**
     * Start route optimisation with {@code correspondent} (the policy said so): the tests now, unless
     * already under way, away from home, or the correspondent is being left alone.
     */
    public void optimize(long now, Ipv6Address correspondent, Keys keys) {
        boolean ipsec = homeAddress != null && ipsecWith.test(homeAddress, correspondent);
        if (careOfAddress == null || keys == null && !ipsec || correspondents.containsKey(correspondent)
                || leftAlone.getOrDefault(correspondent, Long.MIN_VALUE) > now) {
            return;
        }
        leftAlone.remove(correspondent);
        if (correspondents.size() >= MAX_CORRESPONDENTS) {
            count("rr.limited"); // traffic from a flood of sources stays on the tunnel
            return;
        }
        Correspondent c = new Correspondent(correspondent);
        c.ipsec = ipsec;
        correspondents.put(correspondent, c);
        if (ipsec) {
            count("ipsec.bu");
            update(now, c, keys); // the SAs authorize it: no tests
        } else {
            test(now, c, true, true);
        }
    }

    /** Which correspondents share SAs with a home address of this node (IPsec route optimization). */
    public void setIpsec(java.util.function.BiPredicate<Ipv6Address, Ipv6Address> ipsecWith) {
        this.ipsecWith = Objects.requireNonNull(ipsecWith, "ipsecWith");
    }

    /** Whether the registration with {@code correspondent} is authorized by IPsec (its BA must come under ESP). */
    public boolean byIpsec(Ipv6Address correspondent) {
        Correspondent c = correspondents.get(correspondent);
        return c != null && c.ipsec;
    }

    /** The care-of address to send to {@code correspondent} from directly (with a Home Address option), or null: the tunnel. */
    public Ipv6Address directCareOf(long now, Ipv6Address correspondent) {
        Correspondent c = correspondents.get(correspondent);
        if (c == null || c.boundCareOf == null || careOfAddress == null || !c.boundCareOf.equals(careOfAddress)
                || now >= c.boundUntil) {
            return null;
        }
        return careOfAddress;
    }

    /** The node moved (§11.7.2): a new care-of test (and home test when the home token is stale), or home: deregistrations. */
    public void moved(long now, Ipv6Address coa, Keys keys) {
        if (Objects.equals(coa, careOfAddress)) {
            return; // not a move (a role that replaced another, back where it was)
        }
        careOfAddress = coa;
        for (Correspondent c : new ArrayList<>(correspondents.values())) {
            if (coa == null && c.boundCareOf == null && c.phase != Phase.UPDATING) {
                drop(c); // nothing registered there: nothing to undo
                continue;
            }
            c.phase = coa == null ? Phase.DEREGISTERING : Phase.TESTING;
            c.updateRetransmitAt = Long.MAX_VALUE;
            boolean home = !fresh(c.homeAt, now);
            if (c.ipsec) {
                update(now, c, keys);
            } else if (!home && coa == null) {
                update(now, c, keys);
            } else {
                test(now, c, home, coa != null);
            }
        }
    }

    public void onHomeTest(long now, Ipv6Address from, HomeTest hot, Keys keys) {
        Correspondent c = correspondents.get(from);
        if (c == null || !c.homePending || hot.cookie() != c.homeCookie) {
            count("test.ignored"); // §11.6.2: not for a test we sent
            return;
        }
        count("hot.accepted");
        c.homePending = false;
        c.homeToken = hot.keygenToken();
        c.homeIndex = hot.nonceIndex();
        c.homeAt = now;
        afterTest(now, c, keys);
    }

    public void onCareOfTest(long now, Ipv6Address from, CareOfTest cot, Keys keys) {
        Correspondent c = correspondents.get(from);
        if (c == null || !c.careOfPending || cot.cookie() != c.careOfCookie) {
            count("test.ignored");
            return;
        }
        count("cot.accepted");
        c.careOfPending = false;
        c.careOfToken = cot.keygenToken();
        c.careOfIndex = cot.nonceIndex();
        c.careOfAt = now;
        afterTest(now, c, keys);
    }

    /** The Kbm a BA from {@code correspondent} must be signed with (§11.7.3), or null when none is awaited. */
    public byte[] awaitedKbm(Ipv6Address correspondent) {
        Correspondent c = correspondents.get(correspondent);
        return c == null ? null : c.kbm;
    }

    /** The care-of address the BA's authenticator covers (the BU's), or null. */
    public Ipv6Address awaitedCareOf(Ipv6Address correspondent) {
        Correspondent c = correspondents.get(correspondent);
        return c == null ? null : c.updateCareOf;
    }

    /**
     * §11.7.3: a BA from a correspondent; {@code authentic} says whether its authenticator checked
     * out under the Kbm of the BU (statuses 136-138 come without one).
     */
    public void onBindingAck(long now, Ipv6Address from, BindingAcknowledgement ba, boolean authentic, Keys keys) {
        Correspondent c = correspondents.get(from);
        // a BA for the BU outstanding: same sequence number (135 carries the correspondent's last accepted one)
        if (c == null || (c.phase != Phase.UPDATING && c.phase != Phase.DEREGISTERING)
                || (ba.status() != 135 && ba.sequence() != c.sequence)) {
            count("ba.ignored");
            return;
        }
        boolean nonceStatus = ba.status() >= 136 && ba.status() <= 138;
        if (!authentic && !nonceStatus) {
            count("ba.bad-authenticator");
            return;
        }
        c.updateRetransmitAt = Long.MAX_VALUE;
        if (ba.status() < 128) {
            count("ba.accepted");
            if (c.phase == Phase.DEREGISTERING || c.updateCareOf == null) {
                count("binding.deregistered");
                drop(c);
                return;
            }
            long lifetime = ba.lifetime() * 4L * SECOND;
            c.phase = Phase.BOUND;
            c.boundCareOf = c.updateCareOf;
            c.boundUntil = now + lifetime;
            c.refreshAt = now + lifetime / 100 * parameters.refreshPercent();
            list.put(node, key(c), entry(c, now, ba.lifetime() * 4, true, c.boundUntil));
        } else if (ba.status() == 135) {
            count("ba.135-resynchronised");
            sequence = ba.sequence();
            update(now, c, keys);
        } else if (nonceStatus) {
            count("ba.expired-nonces");
            test(now, c, ba.status() != 137, ba.status() != 136 && c.updateCareOf != null);
        } else {
            count("ba.rejected");
            leaveAlone(now, c);
        }
    }

    /** §11.3.6 and §11.6.1: Binding Error 1 (the correspondent lost the binding), 2 (it does not know the message). */
    public void onBindingError(long now, Ipv6Address from, BindingError be, Keys keys) {
        Correspondent c = correspondents.get(from);
        if (c == null) {
            count("be.ignored"); // §11.3.6: no Binding Update List entry for its source
            return;
        }
        Ipv6Address about = be.homeAddress();
        if (!about.equals(homeAddress) && (be.status() == 1 || !about.isUnspecified())) {
            count("be.ignored"); // §6.1.9: about another home address's binding (a packet that was not ours)
            return;
        }
        if (be.status() == 1) {
            count("be.1");
            long mayHold = Math.max(c.mayHoldUntil, c.boundUntil);
            drop(c); // back to the tunnel, and the tests again
            optimize(now, from, keys);
            Correspondent again = correspondents.get(from);
            if (again != null) {
                again.mayHoldUntil = mayHold; // it may hold our binding for another care-of address: do not give up on it
            }
        } else if (be.status() == 2) {
            count("be.2");
            if (holdsBinding(c, now)) {
                // it accepted our Binding Update and holds a binding: the error is about another MH type (or
                // forged). The entry stays while that binding lives (§11.1), so that the next move updates it;
                // forgetting it would leave the correspondent sending to this care-of address until expiry
                return;
            }
            leaveAloneUntil(from, now + parameters.maxBindackTimeout(), now); // §11.3.6: it does not speak Mobile IPv6
            drop(c);
        } else {
            count("be.ignored"); // a status §6.1.9 does not define
        }
    }

    /**
     * §11.6.1, §9.2: the correspondent answered a Mobility Header with a Parameter Problem for its Next
     * Header: it does not speak Mobile IPv6, and is left alone (traffic stays on the tunnel).
     */
    public void notSupported(long now, Ipv6Address correspondent) {
        count("cn.no-mipv6");
        Correspondent c = correspondents.get(correspondent);
        if (c != null) {
            drop(c);
        }
        leaveAloneUntil(correspondent, now + retryAfter, now);
    }

    /**
     * §11.3.6: a Parameter Problem, Code 2, about a Home Address option this node sent: logged and
     * discarded (correspondents that did return routability must support the option); nothing changes.
     */
    public void homeAddressOptionUnsupported() {
        count("icmp.home-address-option-unsupported");
    }

    /** §11.7.4: a Binding Refresh Request from a correspondent: refresh now. */
    public void onRefreshRequest(long now, Ipv6Address from, Keys keys) {
        Correspondent c = correspondents.get(from);
        if (c != null && c.phase == Phase.BOUND) {
            count("brr.received");
            refresh(now, c, keys);
        }
    }

    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (Correspondent c : correspondents.values()) {
            next = Math.min(next, Math.min(c.testRetransmitAt, c.updateRetransmitAt));
            if (c.phase == Phase.BOUND) {
                next = Math.min(next, Math.min(c.refreshAt, c.boundUntil));
            }
        }
        return next;
    }

    public void onTimer(long now, Keys keys) {
        for (Correspondent c : new ArrayList<>(correspondents.values())) {
            if (c.phase == Phase.BOUND && now >= c.boundUntil) {
                count("binding.expired");
                drop(c);
            } else if (c.testRetransmitAt <= now) {
                if (c.testTimeout >= parameters.maxBindackTimeout() && !holdsBinding(c, now)) {
                    count("rr.gave-up"); // the correspondent does not answer: it may not speak Mobile IPv6
                    leaveAlone(now, c);
                } else {
                    c.testTimeout = Math.min(parameters.maxBindackTimeout(), c.testTimeout * 2);
                    resendTests(now, c);
                }
            } else if (c.updateRetransmitAt <= now) {
                if (c.updateTimeout >= parameters.maxBindackTimeout() && !holdsBinding(c, now)) {
                    count("rr.gave-up");
                    leaveAlone(now, c);
                } else {
                    count("bu.retransmitted");
                    c.updateTimeout = Math.min(parameters.maxBindackTimeout(), c.updateTimeout * 2);
                    send(now, c, keys, c.updateTimeout);
                }
            } else if (c.phase == Phase.BOUND && c.refreshAt <= now) {
                refresh(now, c, keys);
            }
        }
    }

    /**
     * One row per correspondent for the shell: address, phase, home nonce index and token age (s, -1:
     * none), care-of nonce index and token age, whether packets go direct now, the cookies of the tests
     * awaiting an answer.
     */
    public List<List<Object>> snapshot(long now) {
        List<List<Object>> rows = new ArrayList<>();
        for (Correspondent c : new ArrayList<>(correspondents.values())) {
            String pending = (c.homePending ? String.format("home %016x", c.homeCookie) : "")
                    + (c.homePending && c.careOfPending ? ", " : "")
                    + (c.careOfPending ? String.format("care-of %016x", c.careOfCookie) : "");
            rows.add(List.of(c.address, c.phase.name().toLowerCase(java.util.Locale.ROOT), c.homeIndex,
                    c.homeAt == Long.MIN_VALUE ? -1 : (now - c.homeAt) / SECOND, c.careOfIndex,
                    c.careOfAt == Long.MIN_VALUE ? -1 : (now - c.careOfAt) / SECOND,
                    directCareOf(now, c.address) != null ? "yes" : "no", pending.isEmpty() ? "-" : pending));
        }
        return rows;
    }

    /** Whether route optimisation with {@code correspondent} is under way or in use (tests, update or binding). */
    public boolean involves(Ipv6Address correspondent) {
        return correspondents.containsKey(correspondent);
    }

    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    public long counter(String name) {
        return counters.get(name);
    }

    // ---------------------------------------------------------------------------------------------

    private void refresh(long now, Correspondent c, Keys keys) {
        c.refreshAt = Long.MAX_VALUE;
        if (c.ipsec) {
            update(now, c, keys);
            return;
        }
        boolean home = !fresh(c.homeAt, now);
        boolean careOf = !fresh(c.careOfAt, now) || !Objects.equals(careOfAddress, c.careOfTested);
        if (home || careOf) {
            c.phase = Phase.TESTING;
            test(now, c, home, careOf);
        } else {
            update(now, c, keys);
        }
    }

    /** A keygen token received at {@code at} is still good (§5.2.7: MAX_TOKEN_LIFETIME); MIN_VALUE: none received. */
    private static boolean fresh(long at, long now) {
        return at != Long.MIN_VALUE && now - at < MAX_TOKEN_LIFETIME;
    }

    private void test(long now, Correspondent c, boolean home, boolean careOf) {
        c.testTimeout = parameters.initialBindackTimeout();
        if (home) {
            c.homePending = true;
            c.homeCookie = random.nextLong();
        }
        if (careOf) {
            c.careOfPending = true;
            c.careOfCookie = random.nextLong();
            c.careOfTested = careOfAddress;
        }
        resendTests(now, c);
    }

    private void resendTests(long now, Correspondent c) {
        if (c.homePending) {
            count("hoti.sent");
            output.sendHomeTestInit(homeAddress, c.address, c.homeCookie);
        }
        if (c.careOfPending) {
            count("coti.sent");
            output.sendCareOfTestInit(c.careOfTested, c.address, c.careOfCookie);
        }
        c.testRetransmitAt = now + c.testTimeout;
    }

    private void afterTest(long now, Correspondent c, Keys keys) {
        if (!c.homePending && !c.careOfPending) {
            c.testRetransmitAt = Long.MAX_VALUE;
            update(now, c, keys);
        }
    }

    /** §11.7.2: the BU under Kbm of the tokens (the home token alone for a deregistration). */
    private void update(long now, Correspondent c, Keys keys) {
        if (keys == null && !c.ipsec) {
            return; // the formulas went away: the retransmission timer tries again
        }
        boolean deregistration = careOfAddress == null;
        c.updateCareOf = careOfAddress;
        c.kbm = c.ipsec ? null : deregistration ? keys.kbm(c.homeToken) : keys.kbm(c.homeToken, c.careOfToken);
        c.phase = deregistration ? Phase.DEREGISTERING : Phase.UPDATING;
        c.updateTimeout = parameters.initialBindackTimeout();
        sequence = (sequence + 1) & 0xffff;
        c.sequence = sequence;
        send(now, c, keys, c.updateTimeout);
    }

    private void send(long now, Correspondent c, Keys keys, long timeout) {
        int lifetime = c.updateCareOf == null ? 0 : MAX_RR_BINDING_LIFETIME / 4;
        if (lifetime > 0) {
            // §11.7.2: no longer than the home registration and the care-of address remain
            long until = output.validUntil(c.updateCareOf);
            for (BindingUpdateListEntry h : list.entries(node)) {
                if (h.homeRegistration() && h.homeAddress().equals(homeAddress) && h.lifetimeSeconds() > 0) {
                    until = Math.min(until, h.expiresAt());
                }
            }
            int within = MobileNodeEngine.lifetimeUnitsWithin(lifetime, until, now);
            if (within < lifetime) {
                lifetime = within;
                count("bu.lifetime-capped");
            }
        }
        BindingUpdate bu = new BindingUpdate(c.sequence, BindingUpdate.A, lifetime, c.ipsec ? List.of() : List.of(
                new MobilityOption.NonceIndices(c.homeIndex, c.updateCareOf == null ? 0 : c.careOfIndex),
                MobilityOption.BindingAuthorizationData.placeholder()));
        count("bu.sent");
        output.sendBindingUpdate(c.updateCareOf, homeAddress, c.address, bu, c.kbm);
        c.updateRetransmitAt = now + timeout;
        list.put(node, key(c), entry(c, now, lifetime * 4, false, now + lifetime * 4L * SECOND));
    }

    private BindingUpdateListEntry entry(Correspondent c, long now, int lifetimeSeconds, boolean acknowledged, long expiresAt) {
        return new BindingUpdateListEntry(c.address, homeAddress, c.updateCareOf == null ? homeAddress : c.updateCareOf,
                c.sequence, lifetimeSeconds, now, expiresAt, acknowledged, 0,
                acknowledged ? Long.MAX_VALUE : c.updateRetransmitAt, c.updateTimeout, false);
    }

    private BindingUpdateList.Key key(Correspondent c) {
        return new BindingUpdateList.Key(c.address, homeAddress);
    }

    /**
     * Whether the correspondent still holds a binding of ours (accepted, not expired). Its entry then stays
     * (§11.1) and the tests and Binding Update go on at MAX_BINDACK_TIMEOUT (§11.8) until one gets through
     * or the binding expires: giving up would leave it sending to a care-of address the node has left.
     */
    private static boolean holdsBinding(Correspondent c, long now) {
        return c.boundCareOf != null && now < c.boundUntil || now < c.mayHoldUntil;
    }

    private void leaveAloneUntil(Ipv6Address correspondent, long until, long now) {
        leftAlone.remove(correspondent); // to the end: the newest
        leftAlone.put(correspondent, until);
        if (leftAlone.size() > MAX_LEFT_ALONE) {
            leftAlone.values().removeIf(t -> t <= now);
            for (var it = leftAlone.keySet().iterator(); leftAlone.size() > MAX_LEFT_ALONE; ) {
                it.next();
                it.remove();
            }
        }
    }

    /** How many correspondents are remembered as left alone (tests). */
    int leftAloneCount() {
        return leftAlone.size();
    }

    private void leaveAlone(long now, Correspondent c) {
        leaveAloneUntil(c.address, now + retryAfter, now);
        drop(c);
    }

    private void drop(Correspondent c) {
        correspondents.remove(c.address);
        list.remove(node, key(c));
    }

    private void count(String name) {
        counters.count(name);
    }
}
