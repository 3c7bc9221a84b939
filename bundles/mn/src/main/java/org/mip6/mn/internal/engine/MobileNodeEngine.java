package org.mip6.mn.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.role.NamedCounters;
import org.mip6.state.BindingUpdateList;
import org.mip6.state.BindingUpdateListEntry;
import org.mip6.wire.mh.MobilityMessage.BindingAcknowledgement;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityOption;

/**
 * A mobile node's home registration as a sans-IO engine (RFC 6275 §11.5.5, §11.7.1, §11.7.3, §11.8):
 * movement in, Binding Updates out through a {@link MobileNodeOutput}, retransmitted with exponential
 * backoff until a matching Binding Acknowledgement arrives, refreshed before the granted lifetime ends,
 * deregistered on return home. The registration is the {@code state} bundle's binding update list
 * entry (destination the home agent), so an engine that replaces another resumes it ({@link #restore}).
 * Every BU carries a new sequence number, starting from a seeded random one. Not thread-safe: the
 * node's thread drives it.
 */
public final class MobileNodeEngine {

    /** Where the registration stands, read from the list entry. */
    public enum State { NONE, REGISTERING, REGISTERED, DEREGISTERING }

    private static final long SECOND = MobilityParameters.SECOND;

    private final String node;
    private final MobilityParameters parameters;
    private final Ipv6Address homeAddress;
    private final Ipv6Address homeAgent;
    private final boolean linkLocalCompatibility;
    private final BindingUpdateList list;
    private final MobileNodeOutput output;
    private final BindingUpdateList.Key key;
    private final NamedCounters counters = new NamedCounters(List.of(
            "bu.sent", "bu.retransmitted", "bu.refresh", "bu.deferred-rate", "bu.lifetime-capped", "ba.accepted", "ba.1-prefix-discovery",
            "ba.deregistered", "ba.deregistered-no-binding", "ba.rejected", "ba.135-resynchronised", "ba.ignored-sequence", "ba.ignored-source",
            "ba.ignored-no-rh2", "brr.received", "ha.silent"));
    /** When the last {@code maxUpdateRate} BUs went (MAX_UPDATE_RATE, §11.8), oldest first. */
    private final long[] recent;
    private int sequence;
    /** The care-of address now, or null at home. */
    private Ipv6Address careOfAddress;
    /** A BU the rate limit held back: sent at {@link #deferredAt}. */
    private java.util.function.LongConsumer deferred;
    private long deferredAt = Long.MAX_VALUE;

    public MobileNodeEngine(String node, MobilityParameters parameters, Ipv6Address homeAddress, Ipv6Address homeAgent,
                            boolean linkLocalCompatibility, long seed, BindingUpdateList list, MobileNodeOutput output) {
        this.node = Objects.requireNonNull(node, "node");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.homeAddress = Objects.requireNonNull(homeAddress, "homeAddress");
        this.homeAgent = Objects.requireNonNull(homeAgent, "homeAgent");
        this.linkLocalCompatibility = linkLocalCompatibility;
        this.list = Objects.requireNonNull(list, "list");
        this.output = Objects.requireNonNull(output, "output");
        this.key = new BindingUpdateList.Key(homeAgent, homeAddress);
        this.sequence = new SplittableRandom(seed).nextInt(0x10000); // §11.7.1 (a restarted node recovers through 135)
        this.recent = new long[parameters.maxUpdateRate()];
        java.util.Arrays.fill(recent, Long.MIN_VALUE / 2);
    }

    /** A registration found in the list (another engine made it): its sequence and timers go on from there. */
    public void restore(long now, Ipv6Address careOfAddress) {
        this.careOfAddress = careOfAddress;
        entry().ifPresent(e -> sequence = e.sequence());
    }

    private java.util.Optional<BindingUpdateListEntry> entry() {
        return list.get(node, key);
    }

    public State state() {
        BindingUpdateListEntry e = entry().orElse(null);
        if (e == null) {
            return State.NONE;
        }
        if (e.lifetimeSeconds() == 0) {
            return State.DEREGISTERING;
        }
        return e.acknowledged() ? State.REGISTERED : State.REGISTERING;
    }

    public Ipv6Address careOfAddress() {
        return careOfAddress;
    }

    public Ipv6Address homeAgent() {
        return homeAgent;
    }

    // =============================================================================================
    // Movement

    /**
     * The node moved (RFC 6275 §11.5): to a foreign link with care-of address {@code coa} (a new home
     * registration, the first one waiting InitialBindackTimeoutFirstReg), or home ({@code coa} null:
     * deregistration from the home address without a Home Address option, §11.5.5).
     */
    public void moved(long now, Ipv6Address coa) {
        if (Objects.equals(coa, careOfAddress)) {
            return;
        }
        careOfAddress = coa;
        if (coa == null) {
            output.atHome(homeAddress);
            if (state() == State.NONE) {
                return; // never registered: nothing to undo
            }
            output.homeAgentReachable(homeAgent); // §11.5.5: its link-layer address is known from its RA
            send(now, homeAddress, 0, parameters.initialBindackTimeout(), 0);
            return;
        }
        boolean first = state() == State.NONE || state() == State.DEREGISTERING;
        output.away(coa, homeAgent, homeAddress);
        send(now, coa, parameters.lifetimeSeconds(),
                first ? parameters.initialBindackTimeoutFirstReg() : parameters.initialBindackTimeout(), 0);
    }

    /** RFC 6275 §11.7.4: a Binding Refresh Request from the home agent is answered with a new BU. */
    public void onRefreshRequest(long now, Ipv6Address source) {
        count("brr.received");
        if (source.equals(homeAgent) && careOfAddress != null && state() == State.REGISTERED) {
            count("bu.refresh");
            send(now, careOfAddress, parameters.lifetimeSeconds(), parameters.initialBindackTimeout(), 0);
        }
    }

    /**
     * Sends the next BU (a new sequence number) and records it as outstanding. At most
     * {@code maxUpdateRate} per second: past that it is deferred to when the rate allows (§11.8).
     */
    private void send(long now, Ipv6Address from, int lifetimeSeconds, long timeout, int retransmissions) {
        long allowedAt = recent[0] + SECOND;
        if (allowedAt > now) {
            count("bu.deferred-rate");
            deferredAt = allowedAt;
            deferred = t -> send(t, from, lifetimeSeconds, timeout, retransmissions);
            return;
        }
        deferred = null;
        deferredAt = Long.MAX_VALUE;
        System.arraycopy(recent, 1, recent, 0, recent.length - 1);
        recent[recent.length - 1] = now;
        sequence = (sequence + 1) & 0xffff;
        int flags = BindingUpdate.A | BindingUpdate.H | (linkLocalCompatibility ? BindingUpdate.L : 0);
        boolean home = from.equals(homeAddress);
        List<MobilityOption> options = home ? List.of() : List.of(new MobilityOption.AlternateCareOfAddress(from));
        int units = Math.min(0xffff, (lifetimeSeconds + 3) / 4);
        if (lifetimeSeconds > 0) {
            // §11.7.1: no longer than the care-of address and the home address remain valid
            int within = lifetimeUnitsWithin(units, Math.min(output.validUntil(from), output.validUntil(homeAddress)), now);
            if (within < units) {
                units = within;
                count("bu.lifetime-capped");
            }
        }
        int asked = Math.min(lifetimeSeconds, units * 4);
        BindingUpdate bu = new BindingUpdate(sequence, flags, units, options);
        list.put(node, key, new BindingUpdateListEntry(homeAgent, homeAddress, from, sequence, asked, now,
                now + asked * SECOND, false, retransmissions, now + timeout, timeout));
        count(retransmissions > 0 ? "bu.retransmitted" : "bu.sent");
        output.sendBindingUpdate(from, homeAgent, home ? null : homeAddress, bu);
    }

    /**
     * A Binding Update's Lifetime ({@code units} of 4 s) no longer than what is left until {@code until} (node clock;
     * Long.MAX_VALUE: no bound), RFC 6275 §11.7.1 and §11.7.2; at least one unit, as 0 would deregister.
     */
    static int lifetimeUnitsWithin(int units, long until, long now) {
        if (until == Long.MAX_VALUE || (until - now) / SECOND >= units * 4L) {
            return units;
        }
        return (int) Math.max(1, (until - now) / SECOND / 4);
    }

    // =============================================================================================
    // Binding Acknowledgements (§11.7.3)

    /**
     * A Binding Acknowledgement. Only one from the home agent, with the sequence number of the last BU,
     * and (away from home) through a Type 2 Routing Header counts; others are dropped and counted, and
     * never change the list.
     */
    public void onBindingAcknowledgement(long now, Ipv6Address source, BindingAcknowledgement ba, boolean routingHeader) {
        BindingUpdateListEntry e = entry().orElse(null);
        if (!source.equals(homeAgent)) {
            count("ba.ignored-source");
            return;
        }
        if (careOfAddress != null && !routingHeader) {
            count("ba.ignored-no-rh2");
            return;
        }
        if (e == null || e.acknowledged()) {
            count("ba.ignored-sequence");
            return;
        }
        if (ba.status() == 135) {
            // §11.7.3: out of window: the home agent's number tells where to continue from
            count("ba.135-resynchronised");
            sequence = ba.sequence();
            send(now, e.careOfAddress(), e.lifetimeSeconds(), e.timeoutNanos(), 0);
            return;
        }
        if (ba.sequence() != e.sequence()) {
            count("ba.ignored-sequence");
            return;
        }
        if (ba.status() == 133 && e.lifetimeSeconds() == 0) {
            // §10.3.2: the home agent holds no binding for the home address (it expired first): what the
            // deregistration asked for, not a refusal (§11.7.3 would keep BUs from that home agent for the refused
            // entry's lifetime)
            count("ba.deregistered-no-binding");
            deregistered();
            return;
        }
        if (ba.status() >= 128) {
            count("ba.rejected");
            list.remove(node, key); // stop: the registration failed (the role logs and may try another HA)
            output.homeAgentFailed(homeAgent, ba.status(), e.lifetimeSeconds());
            return;
        }
        if (e.lifetimeSeconds() == 0) {
            count("ba.deregistered");
            deregistered();
            return;
        }
        count("ba.accepted");
        long granted = Math.min(ba.lifetimeSeconds(), e.lifetimeSeconds());
        long refreshIn = granted * SECOND / 100 * parameters.refreshPercent();
        for (MobilityOption o : ba.options()) {
            if (o instanceof MobilityOption.BindingRefreshAdvice bra && bra.interval() > 0
                    && bra.interval() * 4L < granted) {
                refreshIn = bra.interval() * 4L * SECOND; // §11.7.3: the home agent's advice
            }
        }
        list.put(node, key, new BindingUpdateListEntry(homeAgent, homeAddress, e.careOfAddress(), e.sequence(),
                (int) granted, e.sentAt(), e.sentAt() + granted * SECOND, true, 0, e.sentAt() + refreshIn,
                parameters.initialBindackTimeout()));
        if (ba.status() == 1) {
            count("ba.1-prefix-discovery"); // §11.7.3: accepted, and the role solicits the home prefixes
        }
        output.registered(e.careOfAddress(), homeAgent, homeAddress, ba.status() == 1);
    }

    /** The deregistration is done (§11.5.5): the list entry goes, and the home address is the node's own again. */
    private void deregistered() {
        list.remove(node, key);
        output.homeAgentReachable(homeAgent); // its answer on the home link: learnt from its advertisement if not from its RA
        output.homeAgentReleased(homeAddress);
    }

    // =============================================================================================
    // Timers

    /** The next retransmission or refresh (or the BU the rate limit held back), or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        if (deferred != null) {
            return deferredAt; // §11.8: the BU held back goes next; it supersedes the entry's retransmission or refresh
        }
        return entry().map(BindingUpdateListEntry::retransmitAt).orElse(Long.MAX_VALUE);
    }

    /**
     * Sends the BU the rate limit held back once it may go; else retransmits an unanswered BU (the timeout doubling
     * up to MAX_BINDACK_TIMEOUT), or refreshes. While a BU is held back, the entry's timer waits for it: a
     * retransmission or refresh already due would only be held back in its place, and wake the node again at once.
     */
    public void onTimer(long now) {
        if (deferred != null) {
            if (now >= deferredAt) {
                deferred.accept(now);
            }
            return;
        }
        BindingUpdateListEntry e = entry().orElse(null);
        if (e == null || now < e.retransmitAt()) {
            return;
        }
        if (e.acknowledged()) {
            count("bu.refresh");
            send(now, e.careOfAddress(), parameters.lifetimeSeconds(), parameters.initialBindackTimeout(), 0);
            return;
        }
        long timeout = Math.min(parameters.maxBindackTimeout(), e.timeoutNanos() * 2);
        send(now, e.careOfAddress(), e.lifetimeSeconds(), timeout, e.retransmissions() + 1);
        if (timeout == parameters.maxBindackTimeout() && e.timeoutNanos() < timeout) {
            count("ha.silent");
            output.homeAgentFailed(homeAgent, 0, 0);
        }
    }

    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    public long counter(String name) {
        return counters.get(name);
    }

    private void count(String c) {
        counters.count(c);
    }
}
