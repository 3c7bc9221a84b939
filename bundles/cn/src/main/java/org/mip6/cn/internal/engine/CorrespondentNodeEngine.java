package org.mip6.cn.internal.engine;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.mip6.net.Ipv6Address;
import org.mip6.ro.BindingAuthority;
import org.mip6.ro.BindingAuthority.Authorization;
import org.mip6.role.NamedCounters;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingCacheEntry;
import org.mip6.wire.Bytes;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityOption;

/**
 * A correspondent node (RFC 6275 §9), sans-IO: correspondent registrations (§9.5.1) authorized by
 * return routability through a {@link BindingAuthority}, the binding cache bounded with the least
 * recently used binding evicted, Binding Refresh Requests to bindings in use (§9.5.5), expiry, the
 * admission of packets with a Home Address option (§9.3.1) and the care-of address for packets to a
 * home address (§9.3.2). Every call takes {@code now}; what to send goes to {@link Output}.
 */
public final class CorrespondentNodeEngine {

    public static final long SECOND = 1_000_000_000L;
    /** RFC 6275 §12. */
    public static final int MAX_RR_BINDING_LIFETIME = 420;

    /**
     * @param maxBindings           correspondent bindings kept at most (the least recently used goes)
     * @param refreshRequestPercent a Binding Refresh Request at this % of a binding's lifetime when it was
     *                              used since it was registered (0: never)
     * @param bindingErrorsPerSecond Binding Errors sent per second at most (§9.3.3)
     */
    public record Parameters(int maxBindings, int refreshRequestPercent, int bindingErrorsPerSecond) {
        public static final Parameters DEFAULT = new Parameters(1024, 90, 10);

        public Parameters {
            if (maxBindings < 1) {
                throw new IllegalArgumentException("maxBindings must be at least 1, got " + maxBindings);
            }
            if (refreshRequestPercent < 0 || refreshRequestPercent > 99) {
                throw new IllegalArgumentException("refreshRequestPercent must be 0..99, got " + refreshRequestPercent);
            }
            if (bindingErrorsPerSecond < 1) {
                throw new IllegalArgumentException("bindingErrorsPerSecond must be at least 1, got " + bindingErrorsPerSecond);
            }
        }
    }

    /** What the engine sends; the role makes packets of it. */
    public interface Output {
        /**
         * A BA from {@code from} to {@code to}, with a Type 2 Routing Header for {@code homeAddress}
         * unless null; with a Binding Authorization Data option under {@code kbm} (computed over
         * {@code careOfAddress} and {@code from}) unless {@code kbm} is null (§6.1.8).
         */
        void sendAcknowledgement(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, BindingAcknowledgement ba,
                                 byte[] kbm, Ipv6Address careOfAddress);

        void sendBindingError(Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, int status);

        /**
         * A Binding Refresh Request (§9.5.5) to a binding's home address, without a Type 2 Routing Header
         * (§6.1 allows one on a Binding Acknowledgement only): the mobile node's home agent tunnels it on.
         */
        void sendRefreshRequest(Ipv6Address from, Ipv6Address homeAddress);
    }

    /**
     * A Binding Update as received.
     *
     * @param correspondent  this node's address it was sent to
     * @param source         its IPv6 source (the care-of address unless an Alternate Care-of Address says otherwise)
     * @param homeAddress    from its Home Address option, or its source without one
     * @param mobilityHeader the Mobility Header as received (what the authenticator covers)
     * @param ipsec          it arrived under an ESP SA this node shares with the home address (IPsec route
     *                       optimization): authorized by the SA instead of return routability
     */
    public record ReceivedUpdate(long now, Ipv6Address correspondent, Ipv6Address source, Ipv6Address homeAddress,
                                 BindingUpdate update, Bytes mobilityHeader, boolean ipsec) {

        public ReceivedUpdate(long now, Ipv6Address correspondent, Ipv6Address source, Ipv6Address homeAddress,
                              BindingUpdate update, Bytes mobilityHeader) {
            this(now, correspondent, source, homeAddress, update, mobilityHeader, false);
        }
    }

    private final String node;
    private final BindingCache cache;
    private final Parameters parameters;
    private final Output output;
    /** This node's address each binding registered with (for its refresh requests; lost in a swap). */
    private final Map<Ipv6Address, Ipv6Address> correspondentOf = new LinkedHashMap<>();
    private final Set<Ipv6Address> refreshRequested = new HashSet<>();
    /** ICMPv6 Destination Unreachable messages about each binding's care-of address since its last update. */
    private final Map<Ipv6Address, Integer> unreachable = new LinkedHashMap<>();
    /** A binding's first use brought its refresh request before the node's timer ({@link #takeEarlierTimer}). */
    private boolean earlierTimer;
    /** §9.3.4: this many Destination Unreachables about a care-of address delete its bindings. */
    static final int UNREACHABLE_LIMIT = 3;
    /** RFC 4443 §3.1: Destination Unreachable code 4, from the packet's destination itself. */
    static final int PORT_UNREACHABLE = 4;
    private final NamedCounters counters = new NamedCounters(List.of(
            "bu.received", "bu.ipsec-authorized", "bu.no-authorization", "bu.no-authority", "bu.bad-authenticator", "bu.expired-nonces",
            "bu.home-registration-refused", "bu.home-registration-with-nonce-indices", "bu.invalid-address", "bu.sequence-out-of-window",
            "bu.registration-type-change", "binding.created", "binding.refreshed", "binding.deregistered",
            "binding.expired", "binding.evicted", "binding.unreachable", "unreachable.port-ignored", "ba.sent",
            "brr.sent", "be.sent", "be.rate-limited", "hao.admitted", "hao.no-binding"));
    private long bindingErrorTat;

    public CorrespondentNodeEngine(String node, BindingCache cache, Parameters parameters, Output output) {
        this.node = Objects.requireNonNull(node, "node");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.output = Objects.requireNonNull(output, "output");
    }

    /** RFC 6275 §9.5.1 for a node that is not a home agent. */
    public void onBindingUpdate(ReceivedUpdate r, BindingAuthority authority) {
        count("bu.received");
        BindingUpdate bu = r.update();
        Ipv6Address hoa = r.homeAddress();
        if (!hoa.isUnicastRoutable()) {
            count("bu.invalid-address");
            return;
        }
        Ipv6Address rh2 = r.source().equals(hoa) ? null : hoa;
        MobilityOption.NonceIndices ni = null;
        Ipv6Address coa = r.source();
        for (MobilityOption o : bu.options()) {
            if (o instanceof MobilityOption.NonceIndices n) {
                ni = n;
            } else if (o instanceof MobilityOption.AlternateCareOfAddress alt) {
                coa = alt.address();
            }
        }
        if ((bu.flags() & BindingUpdate.H) != 0) {
            if (ni != null) {
                count("bu.home-registration-with-nonce-indices"); // §9.5.1: MUST NOT be present; silently ignored
                return;
            }
            count("bu.home-registration-refused"); // 131: this node is no home agent
            acknowledge(r, rh2, 131, bu.sequence(), 0, null, r.source());
            return;
        }
        List<MobilityOption> options = bu.options();
        boolean badLast = !options.isEmpty() && options.get(options.size() - 1) instanceof MobilityOption.BindingAuthorizationData;
        if (!r.ipsec() && (ni == null || !badLast || r.mobilityHeader() == null)) {
            count("bu.no-authorization"); // §9.5.1: silently discarded
            return;
        }
        if (!coa.isUnicastRoutable()) {
            count("bu.invalid-address");
            return;
        }
        boolean deregistration = bu.lifetime() == 0 || coa.equals(hoa);
        byte[] kbm = null; // under IPsec the SA authorized it, and the BA goes back under it, unsigned
        if (r.ipsec()) {
            count("bu.ipsec-authorized");
        } else {
            if (authority == null) {
                count("bu.no-authority"); // no return routability on this node now: nothing can be checked
                return;
            }
            byte[] mh = r.mobilityHeader().toArray();
            Authorization a = authority.authorize(r.now(), hoa, coa, r.correspondent(), ni.homeNonceIndex(),
                    ni.careOfNonceIndex(), deregistration, mh, 0, mh.length);
            if (a.status() == BindingAuthority.BAD_AUTHENTICATOR) {
                count("bu.bad-authenticator");
                return;
            }
            if (!a.authorized()) {
                count("bu.expired-nonces"); // 136-138, unsigned: no key could be made
                acknowledge(r, rh2, a.status(), bu.sequence(), 0, null, coa);
                return;
            }
            kbm = a.kbm();
        }
        BindingCacheEntry existing = cache.get(node, hoa).orElse(null);
        if (existing != null && existing.homeRegistration()) {
            count("bu.registration-type-change");
            acknowledge(r, rh2, 139, bu.sequence(), 0, kbm, coa);
            return;
        }
        if (existing != null && !newer(bu.sequence(), existing.sequence())) {
            count("bu.sequence-out-of-window");
            acknowledge(r, rh2, 135, existing.sequence(), 0, kbm, coa);
            return;
        }
        if (deregistration) {
            if (existing != null) {
                remove(hoa);
                count("binding.deregistered");
            }
            if ((bu.flags() & BindingUpdate.A) != 0) {
                acknowledge(r, rh2, 0, bu.sequence(), 0, kbm, coa);
            }
            return;
        }
        int lifetime = Math.min(bu.lifetime() * 4, MAX_RR_BINDING_LIFETIME) / 4 * 4;
        if (existing == null) {
            evictIfFull();
            count("binding.created");
        } else {
            count("binding.refreshed");
        }
        long now = r.now();
        cache.put(node, hoa, new BindingCacheEntry(hoa, coa, bu.sequence(), bu.flags(), false, lifetime, now,
                now + lifetime * SECOND, existing == null ? Long.MIN_VALUE : existing.lastUsedAt(), 0));
        correspondentOf.put(hoa, r.correspondent());
        refreshRequested.remove(hoa);
        unreachable.remove(hoa);
        if ((bu.flags() & BindingUpdate.A) != 0) {
            acknowledge(r, rh2, 0, bu.sequence(), lifetime / 4, kbm, coa);
        }
    }

    /**
     * §9.3.1: a packet with a Home Address option is admitted when a correspondent binding has its
     * IPv6 source as care-of address (or it is a message checked on its own: a Binding Update, or a test
     * init that return routability ignores); otherwise it is dropped and answered with a Binding Error
     * status 1 (rate-limited, §9.3.3).
     */
    public boolean admit(long now, Ipv6Address self, Ipv6Address homeAddress, Ipv6Address careOfAddress, boolean exempt) {
        if (exempt) {
            return true;
        }
        BindingCacheEntry e = cache.get(node, homeAddress).orElse(null);
        if (e != null && !e.homeRegistration() && e.careOfAddress().equals(careOfAddress) && e.expiresAt() > now) {
            count("hao.admitted");
            used(e, now);
            return true;
        }
        count("hao.no-binding");
        if (homeAddress.isUnicastRoutable()) {
            bindingError(now, self, careOfAddress, homeAddress, 1);
        }
        return false;
    }

    /** §9.3.2: the care-of address to send a packet for {@code destination} to, or null (no binding). */
    public Ipv6Address careOfAddressFor(long now, Ipv6Address destination) {
        BindingCacheEntry e = cache.get(node, destination).orElse(null);
        if (e == null || e.homeRegistration() || e.expiresAt() <= now) {
            return null;
        }
        used(e, now);
        return e.careOfAddress();
    }

    /**
     * §9.3.4: an ICMPv6 Destination Unreachable ({@code code}) about a packet sent to {@code careOfAddress}:
     * the bindings with that care-of address are deleted after {@link #UNREACHABLE_LIMIT} of them (packets
     * then go to the home address, through the home agent). Port unreachable (code 4, RFC 4443 §3.1) is not
     * counted: the mobile node itself sent it, so the care-of address was reached.
     */
    public void destinationUnreachable(long now, int code, Ipv6Address careOfAddress) {
        if (code == PORT_UNREACHABLE) {
            count("unreachable.port-ignored");
            return;
        }
        for (BindingCacheEntry e : bindings()) {
            if (e.careOfAddress().equals(careOfAddress)
                    && unreachable.merge(e.homeAddress(), 1, Integer::sum) >= UNREACHABLE_LIMIT) {
                remove(e.homeAddress());
                count("binding.unreachable");
            }
        }
    }

    /** §9.3.3: rate-limited (a second's worth at once, then one per interval). Returns whether it went. */
    public boolean bindingError(long now, Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, int status) {
        long interval = SECOND / parameters.bindingErrorsPerSecond();
        long tat = Math.max(bindingErrorTat, now);
        if (tat - now > SECOND - interval) {
            count("be.rate-limited");
            return false;
        }
        bindingErrorTat = tat + interval;
        count("be.sent");
        output.sendBindingError(from, to, homeAddress, status);
        return true;
    }

    /**
     * Whether a binding's first use since its registration gave it a refresh request deadline since the
     * last call: only then can {@link #nextDeadline()} have moved earlier, and the node's timer need moving.
     */
    public boolean takeEarlierTimer() {
        boolean b = earlierTimer;
        earlierTimer = false;
        return b;
    }

    /** The next expiry or refresh request, or Long.MAX_VALUE. */
    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (BindingCacheEntry e : cache.entries(node)) {
            if (e.homeRegistration()) {
                continue;
            }
            next = Math.min(next, e.expiresAt());
            long brr = refreshAt(e);
            if (brr != Long.MAX_VALUE) {
                next = Math.min(next, brr);
            }
        }
        return next;
    }

    public void onTimer(long now) {
        for (BindingCacheEntry e : cache.entries(node)) {
            if (e.homeRegistration()) {
                continue;
            }
            if (e.expiresAt() <= now) {
                remove(e.homeAddress());
                count("binding.expired");
            } else if (refreshAt(e) <= now) {
                refreshRequested.add(e.homeAddress());
                count("brr.sent");
                output.sendRefreshRequest(correspondentOf.get(e.homeAddress()), e.homeAddress());
            }
        }
    }

    /** The node's correspondent bindings now, for the shell and tests. */
    public List<BindingCacheEntry> bindings() {
        return cache.entries(node).stream().filter(e -> !e.homeRegistration()).toList();
    }

    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    public long counter(String name) {
        return counters.get(name);
    }

    /** When to ask for a refresh: used since registered, not asked yet, and the address it registered with known. */
    private long refreshAt(BindingCacheEntry e) {
        if (parameters.refreshRequestPercent() == 0 || e.lastUsedAt() <= e.registeredAt()
                || refreshRequested.contains(e.homeAddress()) || !correspondentOf.containsKey(e.homeAddress())) {
            return Long.MAX_VALUE;
        }
        return e.registeredAt() + e.lifetimeSeconds() * SECOND / 100 * parameters.refreshRequestPercent();
    }

    private void used(BindingCacheEntry e, long now) {
        if (e.lastUsedAt() <= e.registeredAt() && parameters.refreshRequestPercent() > 0) {
            earlierTimer = true; // its first use: a refresh request is due now (§9.5.5), earlier than the expiry
        }
        if (e.lastUsedAt() < now) {
            cache.put(node, e.homeAddress(), new BindingCacheEntry(e.homeAddress(), e.careOfAddress(), e.sequence(),
                    e.flags(), false, e.lifetimeSeconds(), e.registeredAt(), e.expiresAt(), now, e.tunnel()));
        }
    }

    /** The cache is full: the correspondent binding used least recently (or oldest, unused) goes. */
    private void evictIfFull() {
        List<BindingCacheEntry> mine = bindings();
        if (mine.size() < parameters.maxBindings()) {
            return;
        }
        BindingCacheEntry victim = null;
        for (BindingCacheEntry e : mine) {
            long used = Math.max(e.lastUsedAt(), e.registeredAt());
            if (victim == null || used < Math.max(victim.lastUsedAt(), victim.registeredAt())) {
                victim = e;
            }
        }
        remove(victim.homeAddress());
        count("binding.evicted");
    }

    private void remove(Ipv6Address hoa) {
        cache.remove(node, hoa);
        correspondentOf.remove(hoa);
        refreshRequested.remove(hoa);
        unreachable.remove(hoa);
    }

    private void acknowledge(ReceivedUpdate r, Ipv6Address rh2, int status, int sequence, int lifetimeUnits, byte[] kbm,
                             Ipv6Address careOf) {
        count("ba.sent");
        output.sendAcknowledgement(r.correspondent(), r.source(), rh2,
                new BindingAcknowledgement(status, 0, sequence, lifetimeUnits, kbm == null ? List.of()
                        : List.of(MobilityOption.BindingAuthorizationData.placeholder())), kbm, careOf);
    }

    private void count(String c) {
        counters.count(c);
    }

    /** RFC 6275 §9.5.1: {@code a} is newer than {@code b} modulo 2^16 (less than 2^15 ahead). */
    static boolean newer(int a, int b) {
        int d = (a - b) & 0xffff;
        return d != 0 && d < 0x8000;
    }
}
