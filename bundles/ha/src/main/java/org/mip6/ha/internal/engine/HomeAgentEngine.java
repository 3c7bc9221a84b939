package org.mip6.ha.internal.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mip6.ha.HomeRegistrationPolicy;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.state.BindingCache;
import org.mip6.state.BindingCacheEntry;
import org.mip6.state.BindingCacheSlot;
import org.mip6.state.MobileNetworkPrefixRegistration;
import org.mip6.state.MobileNetworkPrefixes;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityOption;

/**
 * A home agent's registrations as a sans-IO engine (RFC 6275 §9.5.1, §10.3.1-10.3.2, §9.5.5): Binding
 * Updates in, Binding Acknowledgements, DAD requests and data-path changes out through a
 * {@link HomeAgentOutput}; binding expiry and Binding Refresh Requests on its own timers
 * ({@link #nextDeadline()}, {@link #onTimer}). Bindings live in the {@code state} bundle's
 * {@link BindingCache}, so an engine that replaces another picks them up with {@link #restore}.
 * Not thread-safe: the node's thread drives it.
 */
public final class HomeAgentEngine {

    /** The engine's timers: a closed set. */
    enum TimerKind {
        /** RFC 6275 §9.5.5: ask a binding that carries traffic to refresh before it expires. */
        REFRESH_REQUEST,
        /** The binding's lifetime ran out (§10.3.2 applies as for a deregistration, without a BA). */
        EXPIRY
    }

    /** A new binding waiting for DAD (§10.3.1) of its home address and, with L, its link-local address. */
    private static final class PendingDad {
        ReceivedBindingUpdate request;
        ServedPrefix prefix;
        int grantedSeconds;
        int outstanding;
        boolean duplicate;
    }

    private static final long SECOND = 1_000_000_000L;

    private final String node;
    private final HomeAgentParameters parameters;
    private final BindingCache cache;
    private final HomeAgentOutput output;
    private volatile Served served;
    private volatile HomeRegistrationPolicy policy;
    /** The mobile routers served (RFC 3963), and where their registered prefixes are kept; none by default. */
    private volatile PrefixTable prefixTable = PrefixTable.NONE;
    private volatile MobileNetworkPrefixes prefixState;
    private final Map<Ipv6Address, PendingDad> pending = new HashMap<>();
    private final long[] counts = new long[HaCounter.values().length];
    private final long bindingErrorIntervalNanos;
    /** When the Binding Error bucket is next empty (GCRA theoretical arrival time). */
    private long bindingErrorTat = Long.MIN_VALUE;
    private boolean earlierTimer;
    /** The binding a Binding Update is about, read and written without allocating (node thread). */
    private final BindingCacheSlot current = new BindingCacheSlot();
    /** The same for a registration whose DAD completed (it may complete within {@link #onBindingUpdate}). */
    private final BindingCacheSlot afterDad = new BindingCacheSlot();
    /** The same for {@link #careOfAddressFor} (asked while the node sends, perhaps within a Binding Update). */
    private final BindingCacheSlot outbound = new BindingCacheSlot();

    /** The served prefixes and, four longs each, their network's and mask's halves: a match reads no record. */
    private static final class Served {
        final ServedPrefix[] prefixes;
        /** The prefixes alone (the mobile routers' checks, RFC 3963 §6.2). */
        final List<Ipv6Prefix> homePrefixes;
        final long[] bits;

        Served(List<ServedPrefix> served) {
            prefixes = List.copyOf(served).toArray(ServedPrefix[]::new);
            homePrefixes = served.stream().map(ServedPrefix::prefix).toList();
            bits = new long[4 * prefixes.length];
            for (int k = 0; k < prefixes.length; k++) {
                Ipv6Prefix p = prefixes[k].prefix();
                int len = p.length();
                bits[4 * k] = p.address().high();
                bits[4 * k + 1] = p.address().low();
                bits[4 * k + 2] = len >= 64 ? -1L : len == 0 ? 0 : -1L << 64 - len;
                bits[4 * k + 3] = len <= 64 ? 0 : -1L << 128 - len;
            }
        }
    }

    public HomeAgentEngine(String node, HomeAgentParameters parameters, List<ServedPrefix> served,
                           HomeRegistrationPolicy policy, BindingCache cache, HomeAgentOutput output) {
        this.node = Objects.requireNonNull(node, "node");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.served = new Served(served);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.output = Objects.requireNonNull(output, "output");
        this.bindingErrorIntervalNanos = SECOND / parameters.bindingErrorsPerSecond();
    }

    /** The home subnet prefixes served (they follow the node's advertisements). */
    public void setServedPrefixes(List<ServedPrefix> prefixes) {
        this.served = new Served(prefixes);
    }

    /** The acceptance policy now in force (a policy service came or went). */
    public void setPolicy(HomeRegistrationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * The mobile routers this home agent serves (RFC 3963 §6.1.2's Prefix Table; {@link PrefixTable#NONE}: none, the
     * Mobile Router flag ignored) and the state their registered prefixes are kept in (it outlives a swap).
     */
    public void setMobileRouters(PrefixTable table, MobileNetworkPrefixes registered) {
        this.prefixState = Objects.requireNonNull(registered, "registered");
        this.prefixTable = Objects.requireNonNull(table, "table");
    }

    /**
     * Takes over the home registrations found in the binding cache (another engine made them): their
     * timers are kept with them there (one per registration: its refresh request, then its expiry), so
     * there is nothing to rebuild; those already past run at the next timer.
     */
    public void restore(long now) {
    }

    // =============================================================================================
    // Binding Updates

    /**
     * Binding Updates for these home addresses ({@code count} high/low pairs) arrive next, together:
     * the binding cache reads their entries ahead, and the node its tables for those without one (a
     * new binding's proxy entry and tunnel), so that a burst's cache misses overlap. Nothing changes.
     */
    public void prefetch(long[] homeAddresses, int count) {
        if (!readsAhead()) {
            return;
        }
        boolean[] found = prefetchFound;
        if (found.length < count) {
            found = prefetchFound = new boolean[count];
        }
        cache.prefetch(node, homeAddresses, count, found);
        for (int k = 0; k < count; k++) {
            if (!found[k]) {
                output.prepareBinding(Ipv6Address.of(homeAddresses[2 * k], homeAddresses[2 * k + 1]));
            }
        }
    }

    /**
     * Whether {@link #prefetch} does anything now: not below {@link #READ_AHEAD_BINDINGS}, where the tables
     * are in the processor's caches and reading ahead would only read them twice.
     */
    public boolean readsAhead() {
        return cache.size(node) >= READ_AHEAD_BINDINGS;
    }

    /**
     * Below this many bindings the binding cache (about 100 bytes each with its index) and the node's tables
     * stay in a core's own caches between Binding Updates, so {@link #prefetch} does nothing.
     */
    static final int READ_AHEAD_BINDINGS = 4096;

    /** Scratch for {@link #prefetch}. */
    private boolean[] prefetchFound = new boolean[0];

    /**
     * RFC 6275 §9.5.1 validation, then §10.3.1 (registration) or §10.3.2 (deregistration). The common case (a
     * registration in order, for a served home address) reads through this method; each refusal is a method of
     * its own.
     */
    public void onBindingUpdate(long now, ReceivedBindingUpdate r) {
        count(HaCounter.BU_RECEIVED);
        Ipv6Address hoa = r.homeAddress();
        if (!hoa.isUnicastRoutable() || !r.homeRegistration() || r.forbiddenOption() >= 0) {
            refuse(now, r);
            return;
        }
        BindingCacheSlot existing = current;
        boolean exists = cache.read(node, hoa, existing);
        if (!exists) {
            output.prepareBinding(hoa);
        }
        if (exists && !SequenceNumbers.newer(r.sequence(), existing.sequence())) {
            count(HaCounter.REJECT_SEQUENCE); // §9.5.1: status 135 with the last accepted number
            acknowledge(r, 135, existing.sequence(), 0);
            return;
        }
        if (!pending.isEmpty() && pending.containsKey(hoa)) {
            duringDad(r);
            return;
        }
        ServedPrefix prefix = servedPrefix(hoa);
        if (prefix == null) {
            notServed(r);
            return;
        }
        Ipv6Address coa = r.careOfAddress(); // §9.5.1, §6.2.5
        if (r.lifetime() == 0 || coa.equals(hoa)) {
            deregister(r, exists ? existing : null, prefix);
            return;
        }
        if (!acceptable(r, coa, existing, exists)) {
            return;
        }
        int granted = grant(r, prefix);
        if (!exists && parameters.duplicateAddressDetection()) {
            startDad(r, prefix, granted);
            return;
        }
        register(now, r, coa, existing, exists, prefix, granted);
    }

    /** §9.5.1: a home address that is not unicast routable, a correspondent registration, a forbidden option. */
    private void refuse(long now, ReceivedBindingUpdate r) {
        Ipv6Address hoa = r.homeAddress();
        if (!hoa.isUnicastRoutable()) {
            count(HaCounter.DROP_NOT_UNICAST_HOME); // §9.5.1: silently discarded
        } else if (!r.homeRegistration()) {
            // a correspondent registration: this node does not do route optimisation (§9.2 / §11.3.6)
            count(HaCounter.CORRESPONDENT_BU);
            bindingError(now, r.homeAgent(), r.source(), hoa, 2);
        } else if (r.forbiddenOption() == MobilityOption.NONCE_INDICES) {
            count(HaCounter.DROP_NONCE_INDICES); // §6.2.6: never in a home registration
        } else {
            count(HaCounter.DROP_AUTHORIZATION_DATA); // §6.2.7: home registrations are protected by IPsec
        }
    }

    /** A Binding Update for a home address whose DAD is under way: the newest is the one answered when it completes. */
    private void duringDad(ReceivedBindingUpdate r) {
        PendingDad dad = pending.get(r.homeAddress());
        if (SequenceNumbers.newer(r.sequence(), dad.request.sequence())) {
            dad.request = r.copy(); // kept past the call: the role fills its instance again
            dad.grantedSeconds = grant(r, dad.prefix);
        }
        count(HaCounter.DROP_DURING_DAD);
    }

    /** §10.3.1: a home address on no served prefix (131 when this node serves none). */
    private void notServed(ReceivedBindingUpdate r) {
        if (served.prefixes.length == 0) {
            count(HaCounter.REJECT_NOT_HOME_AGENT); // §10.3.1: not configured as a home agent
            acknowledge(r, 131, r.sequence(), 0);
        } else {
            count(HaCounter.REJECT_NOT_HOME_SUBNET);
            acknowledge(r, 132, r.sequence(), 0);
        }
    }

    /**
     * The checks of a registration before anything changes: the binding's kind, the care-of address, the policy
     * and the cache's room. False when the update was refused (answered or dropped, and counted).
     */
    private boolean acceptable(ReceivedBindingUpdate r, Ipv6Address coa, BindingCacheSlot existing, boolean exists) {
        if (exists && !existing.homeRegistration()) {
            count(HaCounter.REJECT_TYPE_CHANGE); // §9.5.1 / RFC 6275 status 139
            acknowledge(r, 139, r.sequence(), 0);
            return false;
        }
        // RFC 3963: a mobile router's BU, or one for a mobile router's binding (bits tested before anything is read)
        if (((r.flags() | (exists ? existing.flags() : 0)) & BindingUpdate.R) != 0 && prefixTable.supportsMobileRouters()
                && refusedAsMobileRouter(r, existing, exists)) {
            return false;
        }
        if (!coa.isUnicastRoutable() || coa.equals(r.homeAgent())) {
            count(HaCounter.REJECT_INVALID_COA);
            acknowledge(r, 174, r.sequence(), 0);
            return false;
        }
        if (servedPrefix(coa) != null && cache.get(node, coa).filter(BindingCacheEntry::homeRegistration).isPresent()) {
            count(HaCounter.DROP_CIRCULAR); // a care-of address that is itself a home address here: a tunnel loop
            return false;
        }
        int status = decide(r, coa, !exists);
        if (status >= 128) {
            count(HaCounter.REJECT_POLICY);
            acknowledge(r, status, r.sequence(), 0);
            return false;
        }
        if (!exists && cache.size(node) + pending.size() >= parameters.maxBindings()) {
            count(HaCounter.REJECT_RESOURCES); // §6.1.8 status 130: the binding cache is full
            acknowledge(r, 130, r.sequence(), 0);
            return false;
        }
        return true;
    }

    /**
     * RFC 3963 §6.2, for a home agent that serves mobile routers: a binding keeps its kind (a mobile router's, with the
     * Mobile Router flag, or a mobile node's: 139 otherwise), and a mobile router registers its prefixes only as the
     * Prefix Table allows (140, 141, 142, 143). True when refused (answered and counted).
     */
    private boolean refusedAsMobileRouter(ReceivedBindingUpdate r, BindingCacheSlot existing, boolean exists) {
        boolean router = r.mobileRouter();
        if (exists && router != ((existing.flags() & BindingUpdate.R) != 0)) {
            count(HaCounter.REJECT_TYPE_CHANGE);
            acknowledge(r, 139, r.sequence(), 0);
            return true;
        }
        if (!router) {
            return false;
        }
        int status = prefixTable.check(r.homeAddress(), r.mobileNetworkPrefixes(), served.homePrefixes);
        if (status == 0) {
            return false;
        }
        count(switch (status) {
            case PrefixTable.MOBILE_ROUTER_OPERATION_NOT_PERMITTED -> HaCounter.REJECT_MOBILE_ROUTER_NOT_PERMITTED;
            case PrefixTable.INVALID_PREFIX -> HaCounter.REJECT_INVALID_PREFIX;
            case PrefixTable.NOT_AUTHORIZED_FOR_PREFIX -> HaCounter.REJECT_PREFIX_NOT_AUTHORIZED;
            default -> HaCounter.REJECT_PREFIXES_MISSING;
        });
        acknowledge(r, status, r.sequence(), 0);
        return true;
    }

    /**
     * RFC 3963 §6.2-6.3: a mobile router's prefixes registered with its binding (those of the Binding Update, or the
     * Prefix Table's in implicit mode) and routed into its tunnel; those it no longer registers, not.
     */
    private void registerPrefixes(Ipv6Address hoa, int tunnel, ReceivedBindingUpdate r) {
        MobileNetworkPrefixes state = prefixState;
        List<Ipv6Prefix> now = prefixTable.registered(hoa, r.mobileNetworkPrefixes());
        List<Ipv6Prefix> before = state.get(node, hoa).map(MobileNetworkPrefixRegistration::prefixes).orElse(List.of());
        output.routePrefixes(tunnel, before, now);
        state.put(node, hoa, new MobileNetworkPrefixRegistration(hoa, now, r.mobileNetworkPrefixes().isEmpty()));
        count(HaCounter.BU_MOBILE_ROUTER);
    }

    private void startDad(ReceivedBindingUpdate r, ServedPrefix prefix, int granted) {
        PendingDad d = new PendingDad();
        d.request = r.copy(); // kept past the call: the role fills its instance again
        d.prefix = prefix;
        d.grantedSeconds = granted;
        d.outstanding = r.linkLocalCompatibility() ? 2 : 1;
        pending.put(r.homeAddress(), d);
        count(HaCounter.DAD_STARTED);
        output.detectDuplicate(prefix.iface(), r.homeAddress(), r.homeAddress());
        if (r.linkLocalCompatibility() && pending.get(r.homeAddress()) == d) {
            output.detectDuplicate(prefix.iface(), r.homeAddress(), linkLocal(r.homeAddress()));
        }
    }

    /**
     * The outcome of a DAD this engine asked for, for the pending binding of {@code homeAddress} (of the home
     * address, or of its link-local address when L is set): when every address of the binding is done,
     * it is made and acknowledged, or refused with status 134 (§10.3.1). The home address names the binding, not
     * the address probed: a newer Binding Update during DAD, which replaces the request answered, may clear L, and
     * two home addresses of different served prefixes may share an interface identifier, so a link-local address
     * (the node's DAD then reports the first request as superseded, a duplicate).
     */
    public void dadCompleted(long now, Ipv6Address homeAddress, boolean unique) {
        PendingDad d = pending.get(homeAddress);
        if (d == null) {
            return;
        }
        d.duplicate |= !unique;
        if (--d.outstanding > 0) {
            return;
        }
        pending.remove(homeAddress);
        ReceivedBindingUpdate r = d.request;
        if (d.duplicate) {
            count(HaCounter.DAD_FAILED);
            count(HaCounter.REJECT_DAD);
            acknowledge(r, 134, r.sequence(), 0);
            return;
        }
        BindingCacheSlot existing = afterDad; // not current: a DAD may complete within onBindingUpdate
        register(now, r, r.careOfAddress(), existing, cache.read(node, homeAddress, existing), d.prefix, d.grantedSeconds);
    }

    /**
     * Makes or updates the binding. {@code slot} holds the binding as it is when {@code exists}, and the
     * binding as it is made afterwards.
     */
    private void register(long now, ReceivedBindingUpdate r, Ipv6Address coa, BindingCacheSlot slot, boolean exists,
                          ServedPrefix prefix, int granted) {
        // A refresh first, the data path's set-up (a new binding, a move) after it: the compiler inlines calls in the
        // order it meets them, and where a million bindings were made before, the set-up's calls are hot too and took
        // the compilation's whole budget, leaving a refresh's own steps as calls (docs/BENCHMARKS.md, 31st run).
        if (exists && slot.careOfAddressIs(coa) && slot.tunnel() != 0) {
            count(HaCounter.BU_REFRESHED);
            store(now, r, coa, slot, slot.lastUsedAt(), slot.timer(), prefix, granted, slot.tunnel());
            return;
        }
        Ipv6Address hoa = r.homeAddress();
        int tunnel;
        if (!exists) {
            tunnel = output.addBinding(prefix.iface(), r.homeAgent(), hoa, coa, r.linkLocalCompatibility());
            count(HaCounter.BU_NEW_BINDINGS);
        } else {
            tunnel = output.moveBinding(prefix.iface(), r.homeAgent(), hoa, coa, slot.tunnel()); // §10.3.1: no DAD
            count(HaCounter.BU_MOVED);
        }
        store(now, r, coa, slot, exists ? slot.lastUsedAt() : Long.MIN_VALUE, exists ? slot.timer() : Long.MAX_VALUE,
                prefix, granted, tunnel);
    }

    /** The binding written to the cache, its timer armed, the BA sent; {@code timer}: the binding's timer until now. */
    private void store(long now, ReceivedBindingUpdate r, Ipv6Address coa, BindingCacheSlot slot, long lastUsed,
                       long timer, ServedPrefix prefix, int granted, int tunnel) {
        Ipv6Address hoa = r.homeAddress();
        BindingCacheSlot e = slot.homeAddress(hoa).careOfAddress(coa)
                .set(r.sequence(), r.flags(), true, granted, now, now + granted * SECOND, lastUsed, tunnel);
        cache.write(node, e);
        if (r.mobileRouter() && prefixTable.supportsMobileRouters()) {
            registerPrefixes(hoa, tunnel, r);
        }
        long first = firstDeadline(e.registeredAt(), e.lifetimeSeconds(), e.expiresAt());
        arm(hoa, first, timer); // a timer that comes no later than the new first deadline stays: it fires early
                                // and arms the binding again (no heap work per refresh)
        count(HaCounter.BU_ACCEPTED);
        int status = 0;
        if (prefix.prefixDiscoveryNecessary(granted)) {
            status = 1; // §10.3.1: the mobile node should solicit its prefixes (§11.7.3)
            count(HaCounter.BA_PREFIX_DISCOVERY);
        }
        acknowledge(r, status, r.sequence(), granted);
    }

    /** RFC 6275 §10.3.2; {@code existing}: null for none. */
    private void deregister(ReceivedBindingUpdate r, BindingCacheSlot existing, ServedPrefix prefix) {
        int seq = r.sequence();
        if (existing == null || !existing.homeRegistration()) {
            count(HaCounter.REJECT_NOT_HOME_AGENT_FOR_MN);
            acknowledge(r, 133, seq, 0);
            return;
        }
        remove(r.homeAddress(), existing.flags(), existing.tunnel(), prefix);
        count(HaCounter.BU_DEREGISTERED);
        count(HaCounter.BU_ACCEPTED);
        acknowledge(r, 0, seq, 0);
    }

    private void remove(Ipv6Address homeAddress, int flags, int tunnel, ServedPrefix prefix) {
        cache.remove(node, homeAddress); // and its timer
        MobileNetworkPrefixes state = prefixState;
        if ((flags & BindingUpdate.R) != 0 && state != null) { // a mobile router's: its prefixes routed no longer
            state.remove(node, homeAddress).ifPresent(m -> output.routePrefixes(0, m.prefixes(), List.of()));
        }
        ServedPrefix p = prefix != null ? prefix : servedPrefix(homeAddress);
        output.removeBinding(p == null ? -1 : p.iface(), homeAddress, (flags & BindingUpdate.L) != 0, tunnel);
    }

    private int decide(ReceivedBindingUpdate r, Ipv6Address coa, boolean newBinding) {
        try {
            int s = policy.decide(new HomeRegistrationPolicy.Request(node, r.homeAgent(), r.homeAddress(), coa,
                    (int) r.lifetimeSeconds(), r.flags(), newBinding));
            if (s < 128) {
                return 0;
            }
            if (s > 255) {
                count(HaCounter.POLICY_ERRORS);
                return 128;
            }
            return s;
        } catch (RuntimeException e) {
            count(HaCounter.POLICY_ERRORS);
            return 128;
        }
    }

    /** §10.3.1: no longer than asked, than the maximum, or than the home prefix's remaining valid lifetime. */
    private int grant(ReceivedBindingUpdate r, ServedPrefix prefix) {
        long s = Math.min(r.lifetimeSeconds(), parameters.maxLifetimeSeconds());
        s = Math.min(s, prefix.validLifetimeSeconds());
        return (int) Math.max(4, s / 4 * 4);
    }

    /** §9.5.4 (a home agent answers every home registration, §10.3.1, whatever the A flag says). */
    private void acknowledge(ReceivedBindingUpdate r, int status, int sequence, int lifetimeSeconds) {
        int advice = 0; // a Binding Refresh Advice's interval, 4 s units (§6.2.4); 0: none
        if (status < 128 && lifetimeSeconds > 0 && parameters.refreshAdvicePercent() > 0) {
            advice = (int) ((long) lifetimeSeconds * parameters.refreshAdvicePercent() / 100 / 4);
        }
        // RFC 3963 §4.2: R when the Binding Update had it and this home agent serves mobile routers
        int flags = r.mobileRouter() && prefixTable.supportsMobileRouters() ? BindingAcknowledgement.R : 0;
        Ipv6Address rh2 = r.source().equals(r.homeAddress()) ? null : r.homeAddress();
        count(HaCounter.BA_SENT);
        output.sendAcknowledgement(r.homeAgent(), r.source(), rh2, status, flags, sequence, lifetimeSeconds / 4, advice);
    }

    /**
     * RFC 6275 §9.3.3: Binding Errors are rate-limited (a second's worth may go at once, then one per
     * interval). Returns whether it was sent.
     */
    public boolean bindingError(long now, Ipv6Address from, Ipv6Address to, Ipv6Address homeAddress, int status) {
        long tat = Math.max(bindingErrorTat, now);
        if (tat - now > SECOND - bindingErrorIntervalNanos) {
            count(HaCounter.BE_RATE_LIMITED);
            return false;
        }
        bindingErrorTat = tat + bindingErrorIntervalNanos;
        count(HaCounter.BE_SENT);
        output.sendBindingError(from, to, homeAddress, status);
        return true;
    }

    /**
     * RFC 6275 §9.3.1: a packet with a Home Address option is processed only when a binding for that
     * home address has its source as care-of address, or when it is a Binding Update; else it is
     * dropped and answered with Binding Error status 1. A home address that is not unicast routable
     * drops the packet silently.
     */
    public boolean admitHomeAddressOption(long now, Ipv6Address homeAddress, Ipv6Address source,
                                          Ipv6Address destination, boolean bindingUpdate) {
        boolean routable = admitBindingUpdate(homeAddress);
        if (!routable || bindingUpdate) {
            return routable;
        }
        BindingCacheEntry e = cache.get(node, homeAddress).orElse(null);
        if (e != null && e.careOfAddress().equals(source)) {
            return true;
        }
        count(HaCounter.HAO_NO_BINDING);
        if (!destination.isMulticast()) {
            bindingError(now, destination, source, homeAddress, 1);
        }
        return false;
    }

    /**
     * RFC 6275 §9.3.2: the care-of address a packet this node originates to {@code address} goes to, with a
     * Type 2 Routing Header, when {@code address} is the home address of a home registration in force;
     * null otherwise (the packet is sent as it is).
     */
    public Ipv6Address careOfAddressFor(long now, Ipv6Address address) {
        BindingCacheSlot b = outbound;
        if (!cache.read(node, address, b) || !b.homeRegistration() || b.expiresAt() <= now || b.careOfAddressIs(address)) {
            return null;
        }
        return b.careOfAddress();
    }

    /** {@link #admitHomeAddressOption} for a Binding Update: any unicast routable home address (§9.5.1 checks the rest). */
    public boolean admitBindingUpdate(Ipv6Address homeAddress) {
        if (!homeAddress.isUnicastRoutable()) {
            count(HaCounter.DROP_HAO_NOT_UNICAST);
            return false;
        }
        return true;
    }

    // =============================================================================================
    // Timers

    /** Makes the binding's timer no later than its first deadline (a later one would fire early and re-arm). */
    private void arm(BindingCacheEntry e) {
        arm(e.homeAddress(), firstDeadline(e.registeredAt(), e.lifetimeSeconds(), e.expiresAt()));
    }

    private void arm(Ipv6Address homeAddress, long at) {
        arm(homeAddress, at, cache.timer(node, homeAddress));
    }

    /** {@link #arm(Ipv6Address, long)} with the binding's timer as it is ({@code current}, read with the binding). */
    private void arm(Ipv6Address homeAddress, long at, long current) {
        if (at < current) {
            cache.setTimer(node, homeAddress, at);
            earlierTimer = true;
        }
    }

    /**
     * Whether a binding's timer was set earlier than it was since the last call (a new registration,
     * usually): only then can {@link #nextDeadline()} have moved earlier, and the node's timer need moving.
     */
    public boolean takeEarlierTimer() {
        boolean b = earlierTimer;
        earlierTimer = false;
        return b;
    }

    /** The registration's first timer: its refresh request, or its expiry when there is none. */
    private long firstDeadline(long registeredAt, int lifetimeSeconds, long expiresAt) {
        long brr = refreshRequestAt(registeredAt, lifetimeSeconds);
        return brr != Long.MAX_VALUE ? brr : expiresAt;
    }

    private long refreshRequestAt(long registeredAt, int lifetimeSeconds) {
        int pct = parameters.refreshRequestPercent();
        return pct == 0 ? Long.MAX_VALUE : registeredAt + lifetimeSeconds * SECOND / 100 * pct;
    }

    /** The earliest pending timer, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        return cache.nextTimer(node);
    }

    /** Runs every timer due at {@code now}. */
    public void onTimer(long now) {
        Ipv6Address hoa;
        while ((hoa = cache.pollTimer(node, now)) != null) {
            BindingCacheEntry e = cache.get(node, hoa).orElse(null);
            if (e == null || !e.homeRegistration()) {
                continue; // the binding went meanwhile (another engine removed it)
            }
            if (now >= e.expiresAt()) {
                remove(e.homeAddress(), e.flags(), e.tunnel(), null);
                count(HaCounter.BINDINGS_EXPIRED);
            } else if (now >= refreshRequestAt(e.registeredAt(), e.lifetimeSeconds())) {
                timer(now, TimerKind.REFRESH_REQUEST, e);
                cache.setTimer(node, hoa, e.expiresAt());
            } else {
                arm(e); // not due yet (restored early): its own time
            }
        }
    }

    private void timer(long now, TimerKind kind, BindingCacheEntry e) {
        if (kind == TimerKind.REFRESH_REQUEST) {
            long used = Math.max(e.lastUsedAt(), output.tunnelLastUsed(e.tunnel()));
            if (used >= e.registeredAt()) { // §9.5.5: only a binding in active use is worth refreshing
                output.sendRefreshRequest(e.homeAddress());
                count(HaCounter.REFRESH_REQUESTS);
            }
        }
    }

    // =============================================================================================
    // Inspection and helpers

    /** Counters by name, in declaration order. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (HaCounter c : HaCounter.values()) {
            m.put(c.key, counts[c.ordinal()]);
        }
        m.put("dad.pending", (long) pending.size());
        return m;
    }

    public long counter(HaCounter c) {
        return counts[c.ordinal()];
    }

    private void count(HaCounter c) {
        counts[c.ordinal()]++;
    }

    /** The served prefix containing {@code a}, or null. */
    public ServedPrefix servedPrefix(Ipv6Address a) {
        Served s = served;
        long[] b = s.bits;
        long high = a.high();
        long low = a.low();
        for (int k = 0; k < s.prefixes.length; k++) {
            if (((high ^ b[4 * k]) & b[4 * k + 2]) == 0 && ((low ^ b[4 * k + 1]) & b[4 * k + 3]) == 0) {
                return s.prefixes[k];
            }
        }
        return null;
    }

    /** The link-local address with the home address's interface identifier (the L flag, §6.1.7). */
    static Ipv6Address linkLocal(Ipv6Address homeAddress) {
        return Ipv6Address.linkLocal(homeAddress.interfaceId());
    }
}
