package org.mip6.ipsec.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.mip6.ipsec.SecurityAssociationEntry;
import org.mip6.ipsec.SecurityDatabase;
import org.mip6.ipsec.SecurityPolicyEntry;
import org.mip6.net.Ipv6Address;
import org.mip6.role.NamedCounters;
import org.mip6.role.PacketProtection;
import org.mip6.role.Protection;
import org.mip6.role.ReceivedPacket;
import org.mip6.state.SecurityAssociationState;
import org.mip6.state.SecurityAssociations;
import org.mip6.wire.Bytes;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Option;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.PacketCodec;
import org.mip6.wire.Payload;
import org.mip6.wire.Wire;
import org.mip6.wire.mh.MobilityMessage;
import org.mip6.wire.mh.MobilityOption;

/**
 * IPsec between mobile nodes and their home agent, or a correspondent, on one node (RFC 3776, RFC 4877),
 * sans-IO: the SPD made from the configured SAs, their processing (RFC 4301 §5) and ESP (RFC 4303).
 * Transport-mode SAs with a home agent protect every Mobility Header message and the Mobile Prefix
 * Solicitation/Advertisement between home address and home agent, with the home address as selector (the
 * Home Address option and Type 2 Routing Header stay outside ESP, or with {@code iro} are left out and the
 * SA supplies the home address); tunnel-mode SAs protect the Home Test Init / Home Test the home agent
 * relays (with {@code payload} everything it tunnels), their mobile end migrated to each accepted care-of
 * address; transport SAs with a correspondent carry the signalling and the route-optimized path without
 * HAO/RH2 (IPsec route optimization). Not thread-safe: on the node's thread; the read side of
 * {@link SecurityDatabase} may be called from another (values may lag by a packet).
 */
public final class IpsecEngine implements PacketProtection, SecurityDatabase {

    /** The counters, in the order {@code mip6:counters} shows them. */
    public static final List<String> COUNTERS = List.of("esp.sealed", "esp.opened", "esp.no-sa", "esp.replay",
            "esp.bad-icv", "esp.bad-padding", "esp.truncated", "esp.selectors", "esp.sequence-exhausted",
            "esp.tunnel-endpoint", "esp.resynchronised", "policy.clear-refused", "policy.unprotected-home-registration",
            "migrations", "iro.home-address-restored");

    /** Why a packet was refused, for the rate-limited log. */
    public interface Log {
        void refused(String counter, String detail);
    }

    /** One SA at run time: its configuration, its counted state (in {@code state}) and its ESP processing. */
    private static final class Sa {
        final SaConfig config;
        final SecurityAssociationState state;
        final OutboundEsp out;
        final InboundEsp in;

        Sa(SaConfig config, SecurityAssociationState state, OutboundEsp.IvSource ivs) {
            this.config = config;
            this.state = state;
            int spi = (int) config.spi();
            this.out = config.outbound() ? new OutboundEsp(spi, config.keys(), state.sequence(), ivs, config.esn()) : null;
            this.in = config.outbound() ? null : new InboundEsp(spi, config.keys(),
                    new ReplayWindow(state.sequence(), state.replayBitmap()), config.esn());
        }
    }

    private final String node;
    /** "mobile-node", "home-agent" or "correspondent-node". */
    private final String role;
    /** This node is the SAs' fixed end (a home agent or a correspondent node), not the mobile node. */
    private final boolean homeAgent;
    private final boolean requireProtectedHomeRegistration;
    private final List<Sa> sas = new ArrayList<>();
    /** Inbound SAs by SPI (RFC 4301 §4.4.2: the SPI finds the SA). */
    private final Map<Long, Sa> inboundBySpi = new java.util.HashMap<>();
    /** A mobile node's SAs by home address (with its home agent, with correspondents). */
    private final Map<Ipv6Address, List<Sa>> byHome = new java.util.HashMap<>();
    private final NamedCounters counters = new NamedCounters(COUNTERS);
    private final Log log;

    /**
     * @param role   what this node is to the SAs' peers: "mobile-node", "home-agent" or "correspondent-node"
     * @param states the counted state of an SA by {@link SecurityAssociations#key}, made if new
     */
    public IpsecEngine(String node, String role, List<SaConfig> configs, boolean requireProtectedHomeRegistration,
                       long seed, Function<String, SecurityAssociationState> states, Log log) {
        this.node = node;
        if (!List.of("mobile-node", "home-agent", "correspondent-node").contains(role)) {
            throw new IllegalArgumentException("\"" + role + "\" is not mobile-node, home-agent or correspondent-node");
        }
        this.role = role;
        this.homeAgent = !role.equals("mobile-node");
        this.requireProtectedHomeRegistration = requireProtectedHomeRegistration;
        this.log = log;
        for (SaConfig c : configs) {
            SecurityAssociationState st = states.apply(SecurityAssociations.key(c.outbound(), c.spi()));
            Sa sa = new Sa(c, st, new SeededIvs(seed, node, c.spi()));
            sas.add(sa);
            if (!c.outbound()) {
                inboundBySpi.put(c.spi(), sa);
            }
            byHome.computeIfAbsent(c.home(), h -> new ArrayList<>()).add(sa);
        }
    }

    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    @Override
    public String role() {
        return role;
    }

    // =============================================================================================
    // Outbound (RFC 4301 §5.1)

    @Override
    public Outbound outbound(Ipv6Packet p) {
        Payload pl = p.payload();
        boolean signalling = pl instanceof Payload.Mobility || pl instanceof Payload.Icmpv6 i && mobilePrefix(i.message().type());
        if (!(pl instanceof Payload.Tunnel)) {
            Sa sa = transport(true, p.effectiveSource(), p.finalDestination());
            boolean direct = p.homeAddressOption() != null || p.type2RoutingHeader() != null;
            if (sa == null || !signalling && !(sa.config.correspondent() && direct)) {
                // with a home agent only the signalling; with a correspondent the signalling and the route-optimized
                // path (what goes through the home agent's tunnel meanwhile stays as it is: one path per SA, so
                // its sequence numbers arrive in order)
                return BYPASS;
            }
            Ipv6Packet q = sa.config.iro() ? withoutHomeAddressHeaders(p) : p;
            return seal(sa, q, PacketCodec.encode(q), true);
        }
        if (pl instanceof Payload.Tunnel t) { // the HoTI / HoT the home agent relays; with "payload" all it tunnels
            Ipv6Packet inner = t.inner();
            int type = mhType(inner.payload());
            Sa sa = tunnel(true, homeAgent ? inner.destination() : inner.source());
            boolean ours = sa != null && (homeAgent ? p.source() : p.destination()).equals(sa.config.homeAgent());
            boolean covered = ours && (sa.config.payload()
                    || type == (homeAgent ? MobilityMessage.HOME_TEST : MobilityMessage.HOME_TEST_INIT));
            return covered ? seal(sa, p, PacketCodec.encode(inner), false) : BYPASS;
        }
        return BYPASS;
    }

    /**
     * IRO: the packet without its Home Address option and Type 2 Routing Header (the SA stands for the home
     * address); a Binding Update gets an Alternate Care-of Address option with its source, if it had none,
     * so that the care-of address is in ESP too. The MH checksum is then over the addresses on the wire.
     */
    private Ipv6Packet withoutHomeAddressHeaders(Ipv6Packet p) {
        List<ExtensionHeader> headers = new ArrayList<>();
        for (ExtensionHeader h : p.extensionHeaders()) {
            if (h instanceof ExtensionHeader.Type2RoutingHeader) {
                continue;
            }
            if (h instanceof ExtensionHeader.DestinationOptions d) {
                List<Ipv6Option> rest = d.options().stream().filter(o -> !(o instanceof Ipv6Option.HomeAddress)).toList();
                if (!rest.isEmpty()) {
                    headers.add(new ExtensionHeader.DestinationOptions(rest));
                }
                continue;
            }
            headers.add(h);
        }
        Payload payload = p.payload();
        if (!homeAgent && payload instanceof Payload.Mobility m && m.message() instanceof MobilityMessage.BindingUpdate bu
                && bu.options().stream().noneMatch(o -> o instanceof MobilityOption.AlternateCareOfAddress)) {
            List<MobilityOption> options = new ArrayList<>(bu.options());
            int bad = options.size();
            for (int i = 0; i < options.size(); i++) {
                if (options.get(i) instanceof MobilityOption.BindingAuthorizationData) {
                    bad = i; // must stay last (RFC 6275 §6.2.7)
                }
            }
            options.add(bad, new MobilityOption.AlternateCareOfAddress(p.source()));
            payload = new Payload.Mobility(new MobilityMessage.BindingUpdate(bu.sequence(), bu.flags(), bu.lifetime(), options));
        }
        return new Ipv6Packet(p.trafficClass(), p.flowLabel(), p.hopLimit(), p.source(), p.destination(), headers, payload);
    }

    /** Transport mode: the upper layer of {@code encoded} (the whole packet); tunnel mode: {@code encoded} is the inner packet. */
    private Outbound seal(Sa sa, Ipv6Packet p, byte[] encoded, boolean transport) {
        if (sa.out.exhausted()) {
            counters.count("esp.sequence-exhausted");
            log.refused("esp.sequence-exhausted", String.format("SPI 0x%08x has used every sequence number: a new SA"
                    + " is needed (RFC 4303 §3.3.3)", sa.config.spi()));
            return new Discard("SA sequence numbers exhausted");
        }
        byte[] esp;
        if (transport) { // the upper layer: what follows the IPv6 header and the extension headers
            int upper = PacketCodec.encodedLength(p.withExtensionHeaders(List.of())) - PacketCodec.IPV6_HEADER_LENGTH;
            esp = sa.out.seal(p.payload().protocol(), encoded, encoded.length - upper, upper);
        } else {
            esp = sa.out.seal(Wire.IPV6, encoded, 0, encoded.length);
        }
        sa.state.sent(sa.out.sequence(), esp.length);
        counters.count("esp.sealed");
        Payload opaque = new Payload.Esp(Integer.toUnsignedLong(InboundEsp.spiOf(esp, 0)),
                Integer.toUnsignedLong(InboundEsp.spiOf(esp, 4)), Bytes.copyOf(esp, 8, esp.length - 8));
        return new Protect(transport ? p.withPayload(opaque)
                : new Ipv6Packet(p.trafficClass(), p.flowLabel(), p.hopLimit(), p.source(), p.destination(), List.of(), opaque));
    }

    // =============================================================================================
    // Inbound (RFC 4301 §5.2, RFC 4303 §3.4)

    @Override
    public Inbound inbound(ReceivedPacket rp, Bytes espBytes) {
        byte[] esp = espBytes.toArray();
        if (esp.length < 8) {
            return refuse("esp.truncated", esp.length + " octets of ESP from " + rp.packet().source());
        }
        long spi = Integer.toUnsignedLong(InboundEsp.spiOf(esp, 0));
        Sa sa = inboundBySpi.get(spi);
        if (sa == null) {
            return refuse("esp.no-sa", String.format("SPI 0x%08x from %s (RFC 4303 §3.4.2)", spi, rp.packet().source()));
        }
        InboundEsp.Opened o;
        try {
            o = sa.in.open(esp, 0, esp.length);
        } catch (EspException e) {
            String c = switch (e.reason()) {
                case REPLAY -> "esp.replay";
                case BAD_ICV -> "esp.bad-icv";
                case BAD_PADDING -> "esp.bad-padding";
                case TRUNCATED -> "esp.truncated";
            };
            if (e.reason() == EspException.Reason.BAD_PADDING) {
                sa.state.received(sa.in.window().highest(), sa.in.window().bitmap(), 0);
            }
            return refuse(c, String.format("SPI 0x%08x from %s: %s", spi, rp.packet().source(), e.getMessage()));
        }
        sa.state.received(sa.in.window().highest(), sa.in.window().bitmap(), esp.length);
        if (o.resynchronised()) {
            counters.count("esp.resynchronised"); // RFC 4303 A3: 2^32 or more packets lost, the high-order bits found again
        }
        Ipv6Address homeSource = null;
        Ipv6Address homeDestination = null;
        if (!sa.config.tunnel() && sa.config.iro()) { // the home address from the SA, where no option or header said it
            if (homeAgent && rp.careOfAddress() == null && !rp.source().equals(sa.config.home())) {
                homeSource = sa.config.home();
            } else if (!homeAgent && !rp.routingHeader2() && !rp.destination().equals(sa.config.home())) {
                homeDestination = sa.config.home();
            }
        }
        String mismatch = sa.config.tunnel() ? tunnelSelectors(sa, rp, o)
                : transportSelectors(sa, homeSource != null ? homeSource : rp.source(),
                        homeDestination != null ? homeDestination : rp.destination(), o);
        if (mismatch == null && homeSource != null) {
            mismatch = iroCareOfAddress(rp, o);
            if ("no BU".equals(mismatch)) { // anything else from a care-of address: the one registered now
                Ipv6Address bound = sa.state.peer();
                mismatch = rp.packet().source().equals(bound) ? null
                        : "outer source " + rp.packet().source() + " is not the care-of address bound (" + bound + ")";
            }
        }
        if (mismatch != null) {
            return refuse(mismatch.startsWith("outer") ? "esp.tunnel-endpoint" : "esp.selectors",
                    String.format("SPI 0x%08x: %s (RFC 4301 §5.2)", spi, mismatch));
        }
        counters.count("esp.opened");
        if (homeSource != null || homeDestination != null) {
            counters.count("iro.home-address-restored");
        }
        return new Opened(o.nextHeader(), o.payload(), new Protection(spi, sa.config.tunnel(), o.sequence()), homeSource,
                homeDestination);
    }

    /** RFC 4301 §5.2 step 4: what came out of a transport-mode SA must be what its policy covers. */
    private String transportSelectors(Sa sa, Ipv6Address source, Ipv6Address destination, InboundEsp.Opened o) {
        Ipv6Address src = homeAgent ? sa.config.home() : sa.config.homeAgent();
        Ipv6Address dst = homeAgent ? sa.config.homeAgent() : sa.config.home();
        if (!source.equals(src) || !destination.equals(dst)) {
            return source + " -> " + destination + " is not " + src + " -> " + dst;
        }
        byte[] b = o.payload();
        boolean covered = sa.config.correspondent() || o.nextHeader() == Wire.MOBILITY
                || o.nextHeader() == Wire.ICMPV6 && b.length > 0 && mobilePrefix(b[0] & 0xff);
        return covered ? null : "next header " + o.nextHeader() + " is not the Mobility Header or a Mobile Prefix message";
    }

    /**
     * IRO at the home agent: a Binding Update from a care-of address without a Home Address option must name
     * that address in its Alternate Care-of Address option (the care-of address ESP vouches for).
     */
    private static String iroCareOfAddress(ReceivedPacket rp, InboundEsp.Opened o) {
        byte[] b = o.payload();
        if (o.nextHeader() != Wire.MOBILITY || b.length < 3 || (b[2] & 0xff) != MobilityMessage.BINDING_UPDATE) {
            return "no BU";
        }
        Ipv6Address outer = rp.packet().source();
        for (int at = 12; at + 2 <= b.length; ) { // the options after the BU's 6 + 6 octets
            int type = b[at] & 0xff;
            if (type == 0) {
                at++;
                continue;
            }
            int len = b[at + 1] & 0xff;
            if (type == 3 && len == 16 && at + 18 <= b.length) {
                return Ipv6Address.read(b, at + 2).equals(outer) ? null
                        : "the Alternate Care-of Address is not the outer source " + outer;
            }
            at += 2 + len;
        }
        return "a Binding Update from " + outer + " without a Home Address option and without an Alternate Care-of Address";
    }

    /** Tunnel mode: the outer source is the SA's other end now, the inner packet a HoTI from / HoT to the home address. */
    private String tunnelSelectors(Sa sa, ReceivedPacket rp, InboundEsp.Opened o) {
        byte[] b = o.payload();
        if (o.nextHeader() != Wire.IPV6 || b.length < PacketCodec.IPV6_HEADER_LENGTH) {
            return "next header " + o.nextHeader() + " is not an IPv6 packet";
        }
        Ipv6Address outer = rp.packet().source();
        Ipv6Address expected = homeAgent ? sa.state.peer() : sa.config.homeAgent();
        if (expected == null || !outer.equals(expected)) {
            return "outer source " + outer + " is not the SA's end (" + (expected == null ? "no registration yet" : expected) + ")";
        }
        Ipv6Address innerSrc = Ipv6Address.read(b, 8);
        Ipv6Address innerDst = Ipv6Address.read(b, 24);
        int mhType = (b[6] & 0xff) == Wire.MOBILITY && b.length >= 43 ? b[42] & 0xff : -1;
        boolean ok = homeAgent ? innerSrc.equals(sa.config.home()) && (sa.config.payload() || mhType == MobilityMessage.HOME_TEST_INIT)
                : innerDst.equals(sa.config.home()) && (sa.config.payload() || mhType == MobilityMessage.HOME_TEST);
        return ok ? null : "inner " + innerSrc + " -> " + innerDst + " MH type " + mhType + " is not "
                + (sa.config.payload() ? (homeAgent ? "from " : "to ") : homeAgent ? "a Home Test Init from " : "a Home Test to ")
                + sa.config.home();
    }

    private Inbound refuse(String counter, String detail) {
        counters.count(counter);
        log.refused(counter, detail);
        return new Refused(counter + ": " + detail);
    }

    @Override
    public boolean admitsClear(ReceivedPacket rp) {
        Ipv6Packet p = rp.packet();
        if (p.payload() instanceof Payload.Tunnel t) {
            Ipv6Packet inner = t.inner();
            int type = mhType(inner.payload());
            Sa sa = tunnel(false, homeAgent ? inner.source() : inner.destination());
            boolean covered = sa != null && (sa.config.payload()
                    || type == (homeAgent ? MobilityMessage.HOME_TEST_INIT : MobilityMessage.HOME_TEST));
            return !covered || clearRefused((type >= 0 ? "MH type " + type : "a packet") + " tunnelled without ESP from "
                    + p.source());
        }
        boolean signalling = p.payload() instanceof Payload.Mobility
                || p.payload() instanceof Payload.Icmpv6 i && mobilePrefix(i.message().type());
        Sa withCorrespondent = transport(false, rp.source(), rp.destination());
        if (withCorrespondent != null && withCorrespondent.config.correspondent()
                && (p.payload() instanceof Payload.Mobility || rp.homeAddressOption() || rp.routingHeader2())) {
            // IPsec route optimization: its signalling and the direct path are ESP only (data through the
            // home agent's tunnel arrives unprotected from the home address and is not looked at here)
            return clearRefused(what(p) + " between " + rp.source() + " and " + rp.destination() + " without ESP");
        }
        if (!signalling) {
            return true;
        }
        if (transport(false, rp.source(), rp.destination()) != null) {
            return clearRefused(what(p) + " from " + rp.source() + " without ESP (its SA is configured)");
        }
        if (homeAgent && requireProtectedHomeRegistration && p.payload() instanceof Payload.Mobility m
                && m.message() instanceof MobilityMessage.BindingUpdate bu && bu.homeRegistration()) {
            counters.count("policy.unprotected-home-registration");
            log.refused("policy.unprotected-home-registration", "home registration of " + rp.source()
                    + " without ESP: no SA with it, and requireProtectedHomeRegistration is on (RFC 6275 §10.3.1)");
            return false;
        }
        return true;
    }

    private boolean clearRefused(String detail) {
        counters.count("policy.clear-refused");
        log.refused("policy.clear-refused", detail + " (RFC 4301 §5.2)");
        return false;
    }

    private static String what(Ipv6Packet p) {
        return p.payload() instanceof Payload.Mobility m ? m.message().getClass().getSimpleName()
                : p.payload() instanceof Payload.Icmpv6 i ? "ICMPv6 type " + i.message().type() : "packet";
    }

    // =============================================================================================
    // SA migration (RFC 4877 §3.4)

    @Override
    public void migrate(Ipv6Address home, Ipv6Address careOf) {
        boolean moved = false;
        for (Sa s : sas) {
            if (!s.config.home().equals(home)) {
                continue;
            }
            if (!s.config.tunnel()) { // selectors stay the home address; the wire address is shown
                s.state.peer(careOf);
                continue;
            }
            Ipv6Address end = careOf.equals(home) ? null : careOf; // at home: nothing to tunnel
            if (!java.util.Objects.equals(s.state.peer(), end)) {
                s.state.peer(end);
                moved = true;
            }
        }
        if (moved) {
            counters.count("migrations");
        }
    }

    // =============================================================================================
    // Lookups

    /** The transport-mode SA between {@code src} and {@code dst} (a home address and its home agent or a correspondent), or null. */
    private Sa transport(boolean outbound, Ipv6Address src, Ipv6Address dst) {
        boolean homeIsSource = homeAgent != outbound; // a mobile node sends from, its peers receive from, the home address
        List<Sa> l = byHome.get(homeIsSource ? src : dst);
        if (l != null) {
            Ipv6Address peer = homeIsSource ? dst : src;
            for (Sa sa : l) {
                if (!sa.config.tunnel() && sa.config.outbound() == outbound && sa.config.homeAgent().equals(peer)) {
                    return sa;
                }
            }
        }
        return null;
    }

    private Sa tunnel(boolean outbound, Ipv6Address home) {
        List<Sa> l = byHome.get(home);
        if (l != null) {
            for (Sa sa : l) {
                if (sa.config.tunnel() && sa.config.outbound() == outbound) {
                    return sa;
                }
            }
        }
        return null;
    }

    @Override
    public boolean protects(Ipv6Address home, Ipv6Address peer) {
        List<Sa> l = byHome.get(home);
        return l != null && l.stream().anyMatch(sa -> !sa.config.tunnel() && sa.config.homeAgent().equals(peer));
    }

    /** The MH Type of a Mobility Header payload, decoded or (a packet being forwarded) opaque; else -1. */
    static int mhType(Payload p) {
        if (p instanceof Payload.Mobility m) {
            return m.message().mhType();
        }
        if (p instanceof Payload.Opaque o && o.protocol() == Wire.MOBILITY && o.data().length() >= 3) {
            return o.data().get(2);
        }
        return -1;
    }

    private static boolean mobilePrefix(int icmpv6Type) {
        return icmpv6Type == 146 || icmpv6Type == 147;
    }

    // =============================================================================================
    // SecurityDatabase

    @Override
    public List<SecurityPolicyEntry> policies() {
        List<SecurityPolicyEntry> out = new ArrayList<>();
        for (Sa s : sas) {
            SaConfig c = s.config;
            String local = (homeAgent ? c.homeAgent() : c.home()).toString();
            String peer = (homeAgent ? c.home() : c.homeAgent()).toString();
            String src = c.outbound() ? local : peer;
            String dst = c.outbound() ? peer : local;
            String dir = c.outbound() ? "out" : "in";
            if (c.correspondent()) {
                out.add(new SecurityPolicyEntry(dir, src, dst, "MH, and all on the direct path (HAO/RH2)", "protect",
                        "transport, IRO", c.spi()));
            } else if (!c.tunnel()) {
                String mode = c.iro() ? "transport, IRO" : "transport";
                out.add(new SecurityPolicyEntry(dir, src, dst, "MH (all types)", "protect", mode, c.spi()));
                out.add(new SecurityPolicyEntry(dir, src, dst, "ICMPv6 146,147 (MPS, MPA)", "protect", mode, c.spi()));
            } else {
                boolean hoti = homeAgent != c.outbound(); // MN sends HoTI, HA receives it
                String inner = c.payload() ? (hoti ? "all from " : "all to ") + c.home()
                        : hoti ? "MH 1 (HoTI) from " + c.home() : "MH 3 (HoT) to " + c.home();
                String mnEnd = s.state.peer() == null ? "care-of address" : s.state.peer().toString();
                String tsrc = c.outbound() == homeAgent ? c.homeAgent().toString() : mnEnd;
                String tdst = c.outbound() == homeAgent ? mnEnd : c.homeAgent().toString();
                out.add(new SecurityPolicyEntry(dir, tsrc, tdst, inner + " in IPv6", "protect", "tunnel", c.spi()));
            }
        }
        if (homeAgent && requireProtectedHomeRegistration) {
            out.add(new SecurityPolicyEntry("in", "any", "this home agent", "MH 5 (BU, H flag) without an SA", "discard", "", -1));
        }
        out.add(new SecurityPolicyEntry("both", "any", "any", "anything else", "bypass", "", -1));
        return out;
    }

    @Override
    public List<SecurityAssociationEntry> associations() {
        List<SecurityAssociationEntry> out = new ArrayList<>();
        for (Sa s : sas) {
            SaConfig c = s.config;
            Ipv6Address mnEnd = s.state.peer(); // tunnel SAs: migrated to each care-of address
            String mn = mnEnd != null ? mnEnd.toString() : "*";
            String ha = c.homeAgent().toString();
            boolean fromMn = c.outbound() != homeAgent;
            EspAlgorithm a = c.keys().algorithm();
            out.add(new SecurityAssociationEntry(c.spi(), c.outbound() ? "out" : "in",
                    (c.tunnel() ? "tunnel" : c.iro() ? "transport/iro" : "transport") + (c.esn() ? "/esn" : ""),
                    a.id, fromMn ? mn : ha, fromMn ? ha : mn, fromMn, s.state.sequence(), c.outbound() ? 0 : ReplayWindow.SIZE,
                    c.outbound() ? 0 : s.state.replayBitmap(), s.state.packets(), s.state.octets(),
                    c.keys().encryptionKey(), c.keys().integrityKey(), a.wiresharkEncryption(), a.wiresharkAuthentication()));
        }
        return out;
    }

    @Override
    public java.util.Optional<org.mip6.ipsec.DecryptedEsp> decrypt(byte[] esp) {
        if (esp.length < 8) {
            return java.util.Optional.empty();
        }
        long spi = Integer.toUnsignedLong(InboundEsp.spiOf(esp, 0));
        for (Sa s : sas) { // analysis only (the shell): both directions may carry the SPI
            if (s.config.spi() != spi) {
                continue;
            }
            // a cipher of its own, no window: the SA's own are the node thread's; with ESN the high-order bits
            // the packet does not carry are the SA's now, or those before them
            InboundEsp in = new InboundEsp((int) spi, s.config.keys(), new ReplayWindow(), s.config.esn());
            int high = (int) (s.state.sequence() >>> 32);
            for (int h : s.config.esn() && high != 0 ? new int[] {high, high - 1} : new int[] {high}) {
                try {
                    InboundEsp.Opened o = in.inspect(esp, 0, esp.length, h);
                    return java.util.Optional.of(new org.mip6.ipsec.DecryptedEsp(spi, o.sequence(), o.nextHeader(), o.payload()));
                } catch (EspException e) {
                    // another SA with this SPI (the other direction) may open it
                }
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public boolean requiresProtectedHomeRegistration() {
        return requireProtectedHomeRegistration;
    }

    public String node() {
        return node;
    }
}
