package org.mip6.stack.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.mip6.net.Ipv6Address;
import org.mip6.net.MacAddress;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.icmp.Icmpv6Message.RouterAdvertisement;
import org.mip6.wire.icmp.Icmpv6Message.RouterSolicitation;
import org.mip6.wire.icmp.NdOption;

/**
 * The router side of router discovery (RFC 4861 §6.2) with the Mobile IPv6 extensions (RFC 6275 §7):
 * unsolicited RAs at random intervals between MinRtrAdvInterval and MaxRtrAdvInterval (down to
 * 30/70 ms), answers to solicitations (delayed up to MAX_RA_DELAY_TIME, rate-limited), the H flag, the R flag with the router's address in the
 * Prefix Information option, the Advertisement Interval and Home Agent Information options.
 */
final class RouterAdvertiser {

    private final SplittableRandom random;
    private final TimerTable timers;
    private final Emitter emitter;
    private final AddressTable addresses;
    private final NeighborCache neighbors;

    RouterAdvertiser(SplittableRandom random, TimerTable timers, Emitter emitter, AddressTable addresses,
                     NeighborCache neighbors) {
        this.random = random;
        this.timers = timers;
        this.emitter = emitter;
        this.addresses = addresses;
        this.neighbors = neighbors;
    }

    /** An advertising interface came up: the first RA after a short random delay (RFC 4861 §6.2.4). */
    void linkUp(long now, Iface i) {
        if (i.router != null) {
            timers.set(now + random.nextLong(Math.min(i.router.maxIntervalNanos(), 16 * NdParameters.SECOND)),
                    TimerKind.RA_UNSOLICITED, i.index, null);
        }
    }

    /** A role changed what the interface advertises (RFC 6275 §7.3: it became a home agent): advertise at once. */
    void reconfigure(long now, Iface i, RouterConfig rc, List<Transmit> out) {
        if (i.router == null) {
            throw new IllegalArgumentException("interface " + i.index + " does not advertise");
        }
        i.router = rc;
        if (i.up) {
            send(now, i, out);
        }
    }

    void linkDown(Iface i) {
        i.answeringSolicitation = false;
        timers.cancel(TimerKind.RA_UNSOLICITED, i.index, null);
    }

    /** The link-local address became valid: advertise soon, not leaving early solicitations waiting (RFC 4861 §6.2.2). */
    void dadCompleted(long now, Iface i, AddressEntry e) {
        if (i.router == null || !e.address.isLinkLocal()) {
            return;
        }
        long soon = now + random.nextLong(500_000_000L);
        if (soon < timers.deadline(TimerKind.RA_UNSOLICITED, i.index, null)) {
            timers.set(soon, TimerKind.RA_UNSOLICITED, i.index, null);
        }
    }

    /** RA_UNSOLICITED: advertise, then pick the next instant uniformly in [Min, Max]RtrAdvInterval. */
    void advertiseTimer(long now, Iface i, List<Transmit> out) {
        if (!i.up || i.router == null) {
            return;
        }
        send(now, i, out);
        RouterConfig rc = i.router;
        long span = rc.maxIntervalNanos() - rc.minIntervalNanos();
        timers.set(now + rc.minIntervalNanos() + (span > 0 ? random.nextLong(span) : 0), TimerKind.RA_UNSOLICITED,
                i.index, null);
    }

    /** RFC 4861 §10: the most a solicited RA waits. */
    static final long MAX_RA_DELAY_TIME = 500_000_000L;
    /** RFC 4861 §10: the least time between multicast RAs; RFC 6275 §7.5 lets a mobility router go down to its MinRtrAdvInterval. */
    static final long MIN_DELAY_BETWEEN_RAS = 3 * NdParameters.SECOND;

    /**
     * RFC 4861 §6.2.6: the solicitor's link-layer address is learned, and the answer goes out at a random
     * time within MAX_RA_DELAY_TIME of the first solicitation (one answer for every solicitation in
     * between). It is the interface's next multicast RA brought forward to that time, unless multicast RAs
     * are rate-limited then (no sooner than MinDelayBetweenRAs after the last one; RFC 6275 §7.5 lets a
     * mobility router go as low as its MinRtrAdvInterval): then the solicitor alone gets an RA at that time
     * (unicast, as §6.2.6 allows; a solicitation from the unspecified address waits for the multicast). An
     * RA already due sooner answers as it is. A multicast answer resets the interval timer.
     */
    void onRs(long now, Iface i, Ipv6Packet p, RouterSolicitation rs, List<Transmit> out) {
        if (i.router == null || p.hopLimit() != 255) {
            return;
        }
        Ipv6Address solicitor = p.source();
        MacAddress sllao = NeighborCache.sourceLinkLayer(rs.options());
        if (sllao != null && !solicitor.isUnspecified()) {
            neighbors.learn(now, i, solicitor, sllao, false, false, out);
        }
        if (i.answeringSolicitation) {
            return; // a multicast answer is on its way: its delay counts from the first solicitation
        }
        long at = now + random.nextLong(MAX_RA_DELAY_TIME + 1);
        long next = timers.deadline(TimerKind.RA_UNSOLICITED, i.index, null);
        if (next <= at) {
            return;
        }
        long allowed = i.lastMulticastRa == Long.MIN_VALUE ? now
                : i.lastMulticastRa + Math.min(MIN_DELAY_BETWEEN_RAS, i.router.minIntervalNanos());
        if (allowed <= at || solicitor.isUnspecified()) {
            at = Math.max(at, allowed);
            if (at < next) {
                timers.set(at, TimerKind.RA_UNSOLICITED, i.index, null);
                i.answeringSolicitation = true;
            }
        } else if (timers.deadline(TimerKind.RA_SOLICITED, i.index, solicitor) == Long.MAX_VALUE) {
            timers.set(at, TimerKind.RA_SOLICITED, i.index, solicitor);
        }
    }

    /** RA_SOLICITED: the RA to one solicitor, while multicast RAs are rate-limited (RFC 4861 §6.2.6). */
    void solicitedTimer(long now, Iface i, Ipv6Address solicitor, List<Transmit> out) {
        if (!i.up || i.router == null) {
            return;
        }
        Ipv6Packet ra = advertisement(i, solicitor);
        if (ra != null) {
            neighbors.resolveAndSend(now, i, solicitor, ra, out);
        }
    }

    private void send(long now, Iface i, List<Transmit> out) {
        i.answeringSolicitation = false;
        Ipv6Packet ra = advertisement(i, Ipv6Address.ALL_NODES);
        if (ra != null) {
            i.lastMulticastRa = now;
            emitter.emit(i, MacAddress.ofMulticast(Ipv6Address.ALL_NODES), ra, out);
        }
    }

    /** The interface's RA to {@code destination}, or null without a valid link-local address to send it from. */
    private Ipv6Packet advertisement(Iface i, Ipv6Address destination) {
        RouterConfig rc = i.router;
        List<NdOption> opts = new ArrayList<>();
        opts.add(new NdOption.SourceLinkLayerAddress(i.mac));
        opts.add(new NdOption.Mtu(i.mtu));
        for (NdOption.PrefixInformation pi : rc.prefixes()) {
            if (rc.homeAgent()) {
                // RFC 6275 §7.2: R flag, the prefix field holds the router's global address
                Ipv6Address global = null;
                for (AddressEntry e : addresses.entries(i.index)) {
                    if (pi.prefix().contains(e.address) && !e.address.isLinkLocal() && !e.anycast) {
                        global = e.address;
                    }
                }
                opts.add(new NdOption.PrefixInformation(pi.prefixLength(), pi.onLink(), pi.autonomous(), global != null,
                        pi.validLifetime(), pi.preferredLifetime(), global != null ? global : pi.address()));
            } else {
                opts.add(pi);
            }
        }
        if (rc.advertisementInterval()) {
            opts.add(new NdOption.AdvertisementInterval(rc.maxIntervalNanos() / 1_000_000L));
        }
        if (rc.homeAgent() && rc.homeAgentInformation() != null) {
            opts.add(rc.homeAgentInformation());
        }
        Ipv6Address src = i.linkLocal();
        AddressEntry ll = addresses.own(i, src);
        if (ll == null || ll.state != AddressState.PREFERRED) {
            return null; // RFC 4861 §6.2.2: advertise from a valid link-local address only
        }
        return Ipv6Packet.of(src, destination, 255, new Payload.Icmpv6(new RouterAdvertisement(64,
                rc.homeAgent() ? RouterAdvertisement.H : 0, rc.routerLifetime(), 0, 0, opts)));
    }
}
