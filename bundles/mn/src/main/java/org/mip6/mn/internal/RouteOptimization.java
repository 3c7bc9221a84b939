package org.mip6.mn.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.mip6.mn.internal.engine.MobilityParameters;
import org.mip6.mn.internal.engine.RouteOptimizationEngine;
import org.mip6.net.Ipv6Address;
import org.mip6.ro.BindingKeys;
import org.mip6.ro.RouteOptimizationPolicy;
import org.mip6.role.ReceivedPacket;
import org.mip6.role.RoleNode;
import org.mip6.state.BindingUpdateList;
import org.mip6.wire.Bytes;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.mh.MobilityHeaderCodec;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.mh.MobilityOption;

/**
 * A mobile node's route optimisation (RFC 6275 §11.3.1, §11.6, §11.7.2) on its node: the
 * {@link RouteOptimizationEngine} fed by the mobile node role. Packets from the home address to a
 * correspondent with a binding leave from the care-of address with a Home Address option; the others
 * go through the tunnel, and when the policy says so for a correspondent the tests start.
 * Home Test Inits go through the reverse tunnel; Binding Updates are signed with the ro bundle's
 * {@link BindingKeys}, and Binding Acknowledgements from correspondents are believed only when their
 * authenticator checks out. Every method runs on the node's thread.
 */
final class RouteOptimization implements RouteOptimizationEngine.Output {

    /** Destinations whose tunnelled packets are counted at most (then the count starts over). */
    private static final int COUNTED = 1024;

    private final RoleNode node;
    private final java.util.function.ToLongFunction<Ipv6Address> validUntil;
    private final IntSupplier tunnel;
    private final RouteOptimizationEngine engine;
    /** Per destination: packets sent through the tunnel, and when the first of them went. */
    private final Map<Ipv6Address, long[]> tunnelled = new HashMap<>();
    /**
     * Signalling that leaves directly (not through the tunnel) while the node has no route to its correspondent:
     * back home, the home link's router may not have advertised yet (the home agent's RA, with Router Lifetime 0,
     * told the node it is home), and RFC 5942 assumes nothing off the link on-link. Held, the latest per
     * correspondent and message type, until a default router advertises, instead of dropped and retransmitted
     * a second or more later while the correspondent still sends to the care-of address left behind.
     */
    private final Map<Held, Ipv6Packet> held = new LinkedHashMap<>();
    private long heldCount;

    private record Held(Ipv6Address correspondent, int type) {
    }
    private volatile Supplier<BindingKeys> keys = () -> null;
    private volatile Predicate<RouteOptimizationPolicy.Flow> policy = f -> false;

    /** Correspondents that never answered the tests, or refused, are left alone this long. */
    static final long RETRY_AFTER = 300 * MobilityParameters.SECOND;

    /** §11.3.6's log of ICMP errors about what this node sent. */
    private final org.mip6.role.RateLimitedLog log;

    /**
     * @param validUntil when an address of the node stops being valid (Long.MAX_VALUE: not known)
     * @param tunnel     the reverse tunnel's id while away, else 0
     */
    RouteOptimization(RoleNode node, MobilityParameters parameters, Ipv6Address homeAddress, long seed,
                      BindingUpdateList list, java.util.function.ToLongFunction<Ipv6Address> validUntil, IntSupplier tunnel) {
        this.node = Objects.requireNonNull(node, "node");
        this.validUntil = Objects.requireNonNull(validUntil, "validUntil");
        this.engine = new RouteOptimizationEngine(node.name(), parameters, RETRY_AFTER, homeAddress, seed, list, this);
        this.engine.setIpsec(node::sharesSecurityAssociations); // IPsec route optimization where SAs say so
        this.tunnel = Objects.requireNonNull(tunnel, "tunnel");
        this.log = new org.mip6.role.RateLimitedLog(System.getLogger("org.mip6.mn"), node.name());
    }

    /** Route optimisation with a correspondent when {@code policy} says so, signing with these formulas. */
    void configure(Supplier<BindingKeys> keys, Predicate<RouteOptimizationPolicy.Flow> policy) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    RouteOptimizationEngine engine() {
        return engine;
    }

    RouteOptimizationEngine.Keys keys() {
        BindingKeys k = keys.get();
        if (k == null) {
            return null;
        }
        return new RouteOptimizationEngine.Keys() {
            @Override
            public byte[] kbm(long homeToken, long careOfToken) {
                return k.bindingManagementKey(homeToken, careOfToken);
            }

            @Override
            public byte[] kbm(long homeToken) {
                return k.bindingManagementKey(homeToken);
            }
        };
    }

    /**
     * A packet from the home address {@code p} while away: rewritten to leave directly (§11.3.1: from
     * the care-of address, with a Home Address option), or null for the tunnel.
     */
    Ipv6Packet direct(long now, Ipv6Packet p, Ipv6Address homeAddress, Ipv6Address homeAgent) {
        Ipv6Address dst = p.destination();
        if (dst.isMulticast() || dst.isLinkLocal() || dst.equals(homeAgent)) {
            return null;
        }
        Ipv6Address coa = engine.directCareOf(now, dst);
        if (coa != null) {
            List<ExtensionHeader> ext = new ArrayList<>();
            ext.add(ExtensionHeader.DestinationOptions.homeAddress(homeAddress));
            ext.addAll(p.extensionHeaders());
            return new Ipv6Packet(p.trafficClass(), p.flowLabel(), p.hopLimit(), coa, dst, ext, p.payload());
        }
        if (engine.involves(dst)) {
            return null; // under way: the tests or the update are out
        }
        if (tunnelled.size() >= COUNTED && !tunnelled.containsKey(dst)) {
            tunnelled.clear();
        }
        long[] flow = tunnelled.computeIfAbsent(dst, d -> new long[] {0, now});
        flow[0]++;
        if (policy.test(new RouteOptimizationPolicy.Flow(node.name(), homeAddress, dst, flow[0], now - flow[1]))) {
            tunnelled.remove(dst);
            engine.optimize(now, dst, keys());
        }
        return null;
    }

    void moved(long now, Ipv6Address careOf) {
        held.clear(); // the last link's: what the move calls for is sent (or held) again
        engine.moved(now, careOf, keys());
    }

    /** Messages from correspondents: tests (MH 3, 4), their BAs (6), Binding Errors (7), refresh requests (0). */
    void onMobility(ReceivedPacket p, MobilityMessage m, Ipv6Address homeAddress) {
        Ipv6Address from = p.packet().source();
        long now = p.now();
        if (m instanceof MobilityMessage.HomeTest hot) {
            engine.onHomeTest(now, from, hot, keys());
        } else if (m instanceof MobilityMessage.CareOfTest cot) {
            engine.onCareOfTest(now, from, cot, keys());
        } else if (m instanceof MobilityMessage.BindingAcknowledgement ba) {
            // under IPsec route optimization the SA vouches for the BA (it came under ESP), else its authenticator
            engine.onBindingAck(now, from, ba, engine.byIpsec(from) ? p.protectedByEsp() : authentic(p, from, homeAddress),
                    keys());
        } else if (m instanceof MobilityMessage.BindingError be) {
            engine.onBindingError(now, from, be, keys());
        } else if (m instanceof MobilityMessage.BindingRefreshRequest) {
            engine.onRefreshRequest(now, from, keys());
        }
    }

    /**
     * ICMPv6 Parameter Problems (Type 4): code 1 pointing at a Next Header of 135 in a packet this node
     * sent to a correspondent means the correspondent does not know the Mobility Header (§9.2); code 2
     * pointing at a Home Address option, that it does not support the option, which §11.3.6 has logged
     * and discarded (counted: {@code icmp.home-address-option-unsupported}).
     */
    org.mip6.role.Icmpv6Handler parameterProblemHandler() {
        return (p, m) -> {
            if (!(m instanceof org.mip6.wire.icmp.Icmpv6Message.ParameterProblem pp) || pp.code() != 1 && pp.code() != 2) {
                return;
            }
            byte[] invoking = pp.invokingPacket().toArray();
            if (invoking.length < 40 || pp.pointer() >= invoking.length) {
                return;
            }
            int at = invoking[(int) pp.pointer()] & 0xff;
            if (pp.code() == 1 && at == 135) {
                engine.notSupported(p.now(), Ipv6Address.read(invoking, 24));
            } else if (pp.code() == 2 && at == org.mip6.wire.Ipv6Option.HOME_ADDRESS) {
                engine.homeAddressOptionUnsupported();
                log.warn("Parameter Problem from " + p.source() + ": it does not support the Home Address option"
                        + " (RFC 6275 §11.3.6: discarded)");
            }
        };
    }

    /** §11.7.3: the BA's authenticator under the Kbm of the BU outstanding to {@code from}. */
    private boolean authentic(ReceivedPacket p, Ipv6Address from, Ipv6Address homeAddress) {
        byte[] kbm = engine.awaitedKbm(from);
        BindingKeys k = keys.get();
        Bytes raw = p.mobilityHeader();
        if (kbm == null || k == null || raw == null) {
            return false;
        }
        byte[] mh = raw.toArray();
        int at = MobilityHeaderCodec.authenticatorOffset(mh, 0, mh.length);
        if (at < 0 || at + 12 > mh.length) {
            return false;
        }
        Ipv6Address coa = engine.awaitedCareOf(from);
        byte[] expected = k.authenticator(kbm, coa == null ? homeAddress : coa, from,
                MobilityHeaderCodec.authenticatedData(mh, 0, mh.length));
        return java.security.MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(mh, at, at + 12));
    }

    long nextDeadline() {
        return engine.nextDeadline();
    }

    void onTimer(long now) {
        engine.onTimer(now, keys());
    }

    void counters(Map<String, Long> into) {
        engine.counters().forEach((k, v) -> into.put("ro." + k, v));
        into.put("ro.held-for-route", heldCount);
    }

    // RouteOptimizationEngine.Output

    @Override
    public long validUntil(Ipv6Address careOfAddress) {
        return validUntil.applyAsLong(careOfAddress);
    }

    @Override
    public void sendHomeTestInit(Ipv6Address homeAddress, Ipv6Address correspondent, long cookie) {
        Ipv6Packet hoti = Ipv6Packet.of(homeAddress, correspondent, node.hopLimit(),
                new Payload.Mobility(new MobilityMessage.HomeTestInit(cookie, List.of())));
        int t = tunnel.getAsInt();
        if (t != 0) {
            node.sendThrough(t, hoti); // §11.6.1: through the home agent
        } else {
            sendDirect(hoti, MobilityMessage.HOME_TEST_INIT);
        }
    }

    @Override
    public void sendCareOfTestInit(Ipv6Address careOfAddress, Ipv6Address correspondent, long cookie) {
        sendDirect(Ipv6Packet.of(careOfAddress, correspondent, node.hopLimit(),
                new Payload.Mobility(new MobilityMessage.CareOfTestInit(cookie, List.of()))), MobilityMessage.CARE_OF_TEST_INIT);
    }

    /** Sends {@code p} (MH Type {@code type}) now if it has a route, else holds it ({@link #held}). */
    private void sendDirect(Ipv6Packet p, int type) {
        if (node.hasRoute(p.destination())) {
            node.send(p);
            return;
        }
        held.put(new Held(p.destination(), type), p);
        heldCount++;
    }

    /** A default router advertised: what was held and now has a route leaves, in the order it was held. */
    void sendHeld() {
        for (var it = held.entrySet().iterator(); it.hasNext(); ) {
            Ipv6Packet p = it.next().getValue();
            if (node.hasRoute(p.destination())) {
                it.remove();
                node.send(p);
            }
        }
    }

    @Override
    public void sendBindingUpdate(Ipv6Address careOfAddress, Ipv6Address homeAddress, Ipv6Address correspondent,
                                  MobilityMessage.BindingUpdate update, byte[] kbm) {
        Ipv6Address coa = careOfAddress == null ? homeAddress : careOfAddress;
        List<ExtensionHeader> hao = careOfAddress == null ? List.of() : List.of(ExtensionHeader.DestinationOptions.homeAddress(homeAddress));
        if (kbm == null) { // IPsec route optimization: the node's SA with the correspondent protects it as it is
            sendDirect(new Ipv6Packet(0, 0, node.hopLimit(), coa, correspondent, hao, new Payload.Mobility(update)),
                    MobilityMessage.BINDING_UPDATE);
            return;
        }
        BindingKeys k = keys.get();
        if (k == null) {
            return;
        }
        byte[] mh = MobilityHeaderCodec.encode(update);
        byte[] auth = k.authenticator(kbm, coa, correspondent, MobilityHeaderCodec.authenticatedData(mh, 0, mh.length));
        List<MobilityOption> options = new ArrayList<>(update.options());
        options.set(options.size() - 1, new MobilityOption.BindingAuthorizationData(Bytes.of(auth)));
        MobilityMessage.BindingUpdate signed = new MobilityMessage.BindingUpdate(update.sequence(), update.flags(),
                update.lifetime(), options);
        sendDirect(new Ipv6Packet(0, 0, node.hopLimit(), coa, correspondent, hao, new Payload.Mobility(signed)),
                MobilityMessage.BINDING_UPDATE);
    }
}
