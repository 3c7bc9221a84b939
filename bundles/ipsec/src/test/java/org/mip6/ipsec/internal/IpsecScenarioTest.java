package org.mip6.ipsec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mip6.cn.internal.CorrespondentNodeRole;
import org.mip6.cn.internal.engine.CorrespondentNodeEngine;
import org.mip6.ha.internal.HomeAgentRole;
import org.mip6.ha.internal.engine.HomeAgentParameters;
import org.mip6.ipsec.SecurityAssociationEntry;
import org.mip6.ipsec.internal.engine.IpsecEngine;
import org.mip6.ipsec.internal.engine.SaConfig;
import org.mip6.mn.internal.MobileNodeRole;
import org.mip6.mn.internal.ScenarioRoles;
import org.mip6.mn.internal.engine.MobileNodeEngine;
import org.mip6.mn.internal.engine.MobilityParameters;
import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;
import org.mip6.netsim.internal.DefaultWorld;
import org.mip6.ro.internal.BindingKeysComponent;
import org.mip6.ro.internal.ResponderRole;
import org.mip6.role.MobilityHandler;
import org.mip6.role.RoleNode;
import org.mip6.stack.internal.FrameMutator;
import org.mip6.stack.internal.StackNodeFactory;
import org.mip6.stack.internal.VirtualTimeScenario;
import org.mip6.stack.internal.engine.Tshark;
import org.mip6.state.ReturnRoutabilitySecret;
import org.mip6.state.SecurityAssociationState;
import org.mip6.state.internal.MemoryBindingCache;
import org.mip6.state.internal.MemoryBindingUpdateList;
import org.mip6.state.internal.MemorySecurityAssociations;
import org.mip6.wire.Bytes;
import org.mip6.wire.ExtensionHeader;
import org.mip6.wire.Ipv6Option;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.mh.MobilityMessage;

/**
 * RFC 3776 between mn and ha in the shipped world on virtual time: BU/BA, BRR and MPS/MPA in ESP transport
 * mode, the Home Test Init / Home Test through ha in ESP tunnel mode whose mobile end follows every move,
 * unprotected and replayed signalling refused, a swap that keeps sequence numbers; and tshark, given the SAs
 * as Wireshark's ESP SA table, decrypts every ESP packet and finds the signalling inside.
 */
class IpsecScenarioTest extends VirtualTimeScenario {

    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Address HA = HOME.withInterfaceId(2);
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address COA1 = Ipv6Address.parse("2001:db8:2::ff:fe00:b");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:3::ff:fe00:b");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:4::ff:fe00:9");
    static final List<String> LINKS = List.of("foreign1", "foreign2", "cn-link", "home");

    /** The SAs seen from mn (ha's are the same with in and out swapped). */
    static final List<String> MN_SAS = List.of(
            "out transport spi=0x1001 alg=aes-gcm-16-128 key=0x000102030405060708090a0b0c0d0e0f10111213 mn=" + HOA + " ha=" + HA,
            "in transport spi=0x1002 alg=aes-gcm-16-128 key=0x101112131415161718191a1b1c1d1e1f20212223 mn=" + HOA + " ha=" + HA,
            "out tunnel spi=0x1003 alg=aes-cbc-128/hmac-sha2-256-128 key=0x202122232425262728292a2b2c2d2e2f"
                    + " auth=0x303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f mn=" + HOA + " ha=" + HA,
            "in tunnel spi=0x1004 alg=aes-cbc-128/hmac-sha1-96 key=0x505152535455565758595a5b5c5d5e5f"
                    + " auth=0x606162636465666768696a6b6c6d6e6f70717273 mn=" + HOA + " ha=" + HA);

    @TempDir
    Path dir;
    final StackNodeFactory nodes = new StackNodeFactory();
    final MemoryBindingCache cache = new MemoryBindingCache();
    final MemoryBindingUpdateList bul = new MemoryBindingUpdateList();
    final MemorySecurityAssociations sad = new MemorySecurityAssociations();
    final BindingKeysComponent keys = new BindingKeysComponent();
    final List<String> warnings = new ArrayList<>();
    MobileNodeRole mnRole;
    HomeAgentRole haRole;
    HomeAgentParameters haParameters = HomeAgentParameters.DEFAULT;
    IpsecEngine mnIpsec;
    IpsecEngine haIpsec;
    Runnable haIpsecRegistration;
    RoleNode cn;
    /** Frames ha received on the home link, as they came. */
    final List<byte[]> toHa = new ArrayList<>();

    static List<SaConfig> mirrored(List<String> sas) {
        return SaConfig.parseAll(sas.stream().map(s -> s.startsWith("out ") ? "in " + s.substring(4) : "out " + s.substring(3))
                .toArray(String[]::new));
    }

    IpsecEngine ipsec(String node, boolean homeAgent, List<SaConfig> sas) {
        return new IpsecEngine(node, homeAgent ? "home-agent" : "mobile-node", sas, homeAgent, 6275, key -> sad.get(node, key).orElseGet(() -> {
            SecurityAssociationState s = new SecurityAssociationState();
            sad.put(node, key, s);
            return s;
        }), (counter, detail) -> warnings.add(node + " " + counter + ": " + detail));
    }

    /** IRO on the transport SAs: signalling without Home Address option and Type 2 Routing Header. */
    boolean iro;
    /** "payload" on the tunnel SAs: everything ha tunnels to and from mn in ESP (RFC 3776 §5.2.4). */
    boolean payload;
    /** SAs between mn and cn too: IPsec route optimization. */
    boolean withCorrespondent;
    IpsecEngine cnIpsec;
    CorrespondentNodeRole cnRole;
    final List<Long> rtts = new ArrayList<>();
    long pingSentAt;

    /** mn's SAs with cn (cn's are the same with in and out swapped). */
    static final List<String> MN_CN_SAS = List.of(
            "out transport spi=0x2001 alg=aes-gcm-16-256 key=0x" + "a5".repeat(36) + " mn=" + HOA + " cn=" + CN,
            "in transport spi=0x2002 alg=aes-gcm-16-256 key=0x" + "5a".repeat(36) + " mn=" + HOA + " cn=" + CN);

    /** "esn" on every SA: Extended Sequence Numbers (RFC 4303 §2.2.1). */
    boolean esn;

    List<String> mnSas() {
        return MN_SAS.stream().map(s -> iro && s.contains(" transport ") ? s + " iro" : s)
                .map(s -> payload && s.contains(" tunnel ") ? s + " payload" : s).map(s -> esn ? s + " esn" : s).toList();
    }

    void world() throws Exception {
        DefaultWorld.create(net, nodes, 6275, Duration.ofSeconds(3), Duration.ofSeconds(10));
        for (String l : LINKS) {
            net.startCapture(l, dir.resolve(l + ".pcap"));
        }
        byte[] haMac = nodes.roleNode("ha").interfaces().get(0).mac().toBytes();
        net.tap((link, nanos, frame) -> {
            if (link.equals("home") && java.util.Arrays.equals(frame, 0, 6, haMac, 0, 6)) {
                toHa.add(frame);
            }
        });
        RoleNode ha = nodes.roleNode("ha");
        RoleNode mn = nodes.roleNode("mn");
        cn = nodes.roleNode("cn");
        run(5);
        clock.execute(() -> {
            List<String> mine = new ArrayList<>(mnSas());
            if (withCorrespondent) {
                mine.addAll(MN_CN_SAS);
                cnIpsec = new IpsecEngine("cn", "correspondent-node", mirrored(MN_CN_SAS), false, 6275,
                        key -> sad.get("cn", key).orElseGet(() -> {
                            SecurityAssociationState s = new SecurityAssociationState();
                            sad.put("cn", key, s);
                            return s;
                        }), (counter, detail) -> warnings.add("cn " + counter + ": " + detail));
                nodes.register(cnIpsec, Map.of(RoleNode.NODE, "cn"));
            }
            mnIpsec = ipsec("mn", false, SaConfig.parseAll(mine.toArray(String[]::new)));
            haIpsec = ipsec("ha", true, mirrored(mnSas()));
            nodes.register(mnIpsec, Map.of(RoleNode.NODE, "mn"));
            haIpsecRegistration = nodes.register(haIpsec, Map.of(RoleNode.NODE, "ha"));
            haRole = ScenarioRoles.homeAgent(nodes, ha, cache, haParameters);
            mnRole = new MobileNodeRole(mn, 0, HOME, HOA, HA, MobilityParameters.DEFAULT, 11, bul);
            mnRole.setRouteOptimization(() -> keys, 1);
            ScenarioRoles.mobileNode(nodes, "mn", mnRole);
            ResponderRole rr = new ResponderRole(cn, new ReturnRoutabilitySecret(
                    Bytes.fromHex("00112233445566778899aabbccddeeff00112233"), cn.nanos(), 30 * S));
            for (int t : new int[] {1, 2}) {
                nodes.register(rr.mobilityHandler(), Map.of(RoleNode.NODE, "cn", MobilityHandler.MH_TYPE, t));
            }
            cnRole = new CorrespondentNodeRole(cn, cache, CorrespondentNodeEngine.Parameters.DEFAULT,
                    rr::authority);
            nodes.register(cnRole.mobilityHandler(), Map.of(RoleNode.NODE, "cn", MobilityHandler.MH_TYPE, 5));
            nodes.register(cnRole.homeAddressHandler(), Map.of(RoleNode.NODE, "cn"));
            // as the component registers it: §9.3.4, Destination Unreachable about packets sent to a care-of address
            nodes.register(cnRole.unreachableHandler(), Map.of(RoleNode.NODE, "cn", org.mip6.role.Icmpv6Handler.ICMPV6_TYPE, 1));
            nodes.register(cnRole.outboundHandler(), Map.of(RoleNode.NODE, "cn"));
            cnRole.start();
            cn.addListener(new org.mip6.node.NodeListener() {
                @Override
                public void echoReply(long now, Ipv6Address from, int identifier, int sequence) {
                    rtts.add(now - pingSentAt);
                }
            });
        });
        run(1);
    }

    long mn(String counter) {
        return mnRole.counters().get(counter);
    }

    long ha(String counter) {
        return haIpsec.counters().get(counter);
    }

    /** An echo from cn to the home address; its round trip in ms, or -1. */
    long ping() {
        int before = rtts.size();
        clock.execute(() -> {
            pingSentAt = clock.nanos();
            cn.ping(HOA, 42, 1, 16);
        });
        run(2);
        return rtts.size() > before ? rtts.get(rtts.size() - 1) / 1_000_000 : -1;
    }

    @Test
    void aCorrespondentSharingSasWithTheMobileNodeIsRouteOptimizedUnderEspWithoutReturnRoutabilityOrHaoRh2()
            throws Exception {
        withCorrespondent = true;
        world();
        move("foreign1");
        run(5);
        long tunnelled = ping(); // through ha both ways (ESP end to end inside the tunnel); mn's reply starts RO
        run(1);
        assertEquals(1L, mn("ro.ipsec.bu"), mnRole.counters().toString());
        assertEquals(0L, mn("ro.hoti.sent") + mn("ro.coti.sent"), "no return routability: " + mnRole.counters());
        assertEquals(1L, mn("ro.ba.accepted"), diagnostics() + "\ncn ipsec " + cnIpsec.counters() + "\ncn " + cnRole.counters());
        assertEquals(1L, cnRole.counters().get("bu.ipsec-authorized"));
        assertEquals(COA1, cache.get("cn", HOA).orElseThrow().careOfAddress());
        long direct = ping();
        assertTrue(tunnelled > 0 && direct > 0 && direct < tunnelled, tunnelled + " ms tunnelled, " + direct + " ms direct");
        assertEquals(26, direct, "the direct path: cn-link 1 + backbone 10 + foreign1 2 ms each way");

        move("foreign2");
        run(5);
        assertEquals(COA2, cache.get("cn", HOA).orElseThrow().careOfAddress(), mnRole.counters().toString());
        assertEquals(32, ping(), "direct to the new care-of address");
        move("home");
        run(5);
        assertTrue(cache.get("cn", HOA).isEmpty(), "cn's binding deregistered from home");
        assertTrue(ping() > 0);
        assertEquals(List.of(), warnings);
        assertEquals(0L, mn("ro.hoti.sent") + mn("ro.coti.sent"));

        for (String l : LINKS) {
            net.stopCapture(l);
            Tshark.check(dir.resolve(l + ".pcap"));
        }
        for (String l : List.of("foreign1", "foreign2", "cn-link")) {
            Path pcap = dir.resolve(l + ".pcap");
            String headers = Tshark.fields(pcap, "(ipv6.src == " + CN + " || ipv6.dst == " + CN + ")"
                    + " && (ipv6.dstopts || ipv6.routing)", "frame.number");
            assertEquals("", headers.strip(), l + ": HAO or RH2 between mn and cn");
            String clear = Tshark.fields(pcap, "mipv6 && (ipv6.src == " + CN + " || ipv6.dst == " + CN + ")", "frame.number");
            assertEquals("", clear.strip(), l + ": mobility signalling between mn and cn in the clear");
        }
        String direct1 = Tshark.fields(dir.resolve("foreign1.pcap"), "esp && (ipv6.src == " + CN + " || ipv6.dst == " + CN + ")",
                "ipv6.src", "ipv6.dst");
        assertTrue(direct1.contains(COA1 + "\t" + CN) && direct1.contains(CN + "\t" + COA1), "ESP between care-of address and cn: "
                + direct1);
        Path profile = espSaProfile();
        String inside = tshark(profile, dir.resolve("foreign1.pcap"), "esp && (ipv6.src == " + CN + " || ipv6.dst == " + CN + ")",
                "esp.protocol", "mip6.mhtype", "icmpv6.type", "esp.icv_good");
        assertTrue(inside.lines().anyMatch(x -> x.startsWith("0x87\t5\t")), "the BU inside:\n" + inside);
        assertTrue(inside.lines().anyMatch(x -> x.startsWith("0x3a\t\t128\t") || x.startsWith("0x3a\t\t129\t")),
                "echoes inside:\n" + inside);
        assertTrue(inside.lines().allMatch(x -> x.endsWith("\t1")), "good ICVs:\n" + inside);

    }

    /**
     * RFC 6275 §9.5.5 under RFC 3776: ha's Binding Refresh Request goes to the home address (no Type 2
     * Routing Header on a BRR, §6.1), in ESP transport with mn's SA like every MH between them, and through
     * the binding's tunnel; mn opens it and answers with a protected BU.
     */
    @Test
    void theRefreshRequestReachesTheMobileNodeInEspThroughTheTunnel() throws Exception {
        haParameters = new HomeAgentParameters(3600, 80, 50, true, 10); // asked at 50 %, before mn's own refresh at 80 %
        world();
        move("foreign1");
        run(5);
        assertTrue(ping() > 0); // the binding carries traffic
        long sent = mn("bu.sent");
        run(300);
        assertEquals(1L, mn("brr.received"), diagnostics());
        assertEquals(sent + 1, mn("bu.sent"));
        assertEquals(List.of(), warnings);
        net.stopCapture("foreign1");
        Path pcap = dir.resolve("foreign1.pcap");
        Tshark.check(pcap);
        String brr = tshark(espSaProfile(), pcap, "ipv6.nxt == 41 && mip6.mhtype == 0", "ipv6.src", "ipv6.dst",
                "esp.icv_good");
        assertEquals(HA + "," + HA + "\t" + COA1 + "," + HOA + "\t1", brr.strip(),
                "the BRR: ha to the care-of address outside, ha to the home address inside, ESP authenticated");
    }

    /**
     * The direct path between mn and cn is ESP only: a packet with a Home Address option for mn's home address
     * from its bound care-of address, in the clear (ar-f1 forging it), is admitted by cn's binding but refused
     * by its policy, and not answered.
     */
    @Test
    void aCorrespondentSharingSasRefusesTheDirectPathInTheClear() throws Exception {
        withCorrespondent = true;
        world();
        move("foreign1");
        run(5);
        ping();
        run(1);
        assertEquals(COA1, cache.get("cn", HOA).orElseThrow().careOfAddress());
        long echoes = cnRole.counters().get("hao.admitted");
        clock.execute(() -> nodes.roleNode("ar-f1").send(new Ipv6Packet(0, 0, 64, COA1, CN, List.of(
                ExtensionHeader.DestinationOptions.homeAddress(HOA)), new Payload.Icmpv6(
                new org.mip6.wire.icmp.Icmpv6Message.EchoRequest(9, 9, Bytes.EMPTY)))));
        run(1);
        assertEquals(echoes + 1, cnRole.counters().get("hao.admitted"), "cn's binding admitted its Home Address option");
        assertEquals(1L, cnIpsec.counters().get("policy.clear-refused"), cnIpsec.counters().toString());
        assertEquals(1, warnings.size(), warnings.toString());
    }

    /** Echoes from cn to the home address every 50 ms for a second: how many went unanswered. */
    int lostOfTwenty() {
        int before = rtts.size();
        for (int k = 0; k < 20; k++) {
            clock.execute(() -> cn.ping(HOA, 43, 1, 16));
            run(0.05);
        }
        run(1);
        return 20 - (rtts.size() - before);
    }

    @Test
    void registrationAndHomeTestsGoUnderEspAcrossMovesAndTsharkDecryptsThem() throws Exception {
        world();
        move("foreign1");
        run(5);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state(), diagnostics());
        assertEquals(COA1, cache.get("ha", HOA).orElseThrow().careOfAddress());
        assertEquals(0, lostOfTwenty(), "no loss after the BA (through the tunnel, then route optimized)");
        ping(); // cn -> mn through ha; mn's reply starts return routability: HoTI/HoT through the ESP tunnel
        assertEquals(1L, mn("ro.ba.accepted"), mnRole.counters().toString());

        move("foreign2");
        run(5);
        assertEquals(COA2, cache.get("ha", HOA).orElseThrow().careOfAddress());
        assertEquals(0, lostOfTwenty(), "no loss after the BA from foreign2");
        run(500); // the correspondent binding is refreshed past MAX_TOKEN_LIFETIME: a new home test, through the migrated tunnel SA
        ping();
        assertTrue(mn("ro.hoti.sent") >= 2, mnRole.counters().toString());
        assertTrue(mn("ro.ba.accepted") >= 2, mnRole.counters().toString());

        move("home");
        run(5);
        assertEquals(MobileNodeEngine.State.NONE, mnRole.engine().state());
        assertTrue(cache.get("ha", HOA).isEmpty(), "deregistered");
        assertEquals(0, lostOfTwenty(), "no loss at home after the deregistration");
        assertEquals(List.of(), warnings, "nothing refused");
        assertEquals(0L, ha("policy.clear-refused") + mnIpsec.counters().get("policy.clear-refused"));
        assertTrue(ha("esp.opened") >= 6, haIpsec.counters().toString());

        for (String l : LINKS) {
            net.stopCapture(l);
            Tshark.check(dir.resolve(l + ".pcap"));
        }
        // in the clear: nothing between mn and ha but ESP (HoTI/HoT between ha and cn are ha's to relay)
        for (String l : LINKS) {
            String clear = Tshark.fields(dir.resolve(l + ".pcap"), "(mipv6 || icmpv6.type == 146 || icmpv6.type == 147)"
                    + " && (ipv6.src == " + HA + " || ipv6.dst == " + HA + ")", "frame.number", "mip6.mhtype");
            assertEquals("", clear.strip(), l + ": signalling between mn and ha in the clear");
        }
        // Wireshark's ESP SA table from the SAs: tshark opens every ESP packet and finds the signalling inside
        Path profile = espSaProfile();
        Map<String, String> decrypted = new java.util.LinkedHashMap<>();
        for (String l : LINKS) {
            decrypted.put(l, tshark(profile, dir.resolve(l + ".pcap"), "esp", "esp.spi", "esp.protocol", "mip6.mhtype",
                    "icmpv6.type", "esp.icv_good", "_ws.expert.message"));
        }
        String all = String.join("\n", decrypted.values().stream().map(String::strip).filter(x -> !x.isEmpty()).toList());
        assertTrue(all.lines().count() >= 10, all);
        for (String line : all.lines().toList()) {
            String[] f = line.split("\t", -1);
            // spi, protocol, MH type, ICMPv6 type, ICV good, expert message
            assertTrue(List.of("0x87", "0x3a", "0x29").contains(f[1]), "MH, ICMPv6 or IPv6 inside: " + line);
            assertTrue(!f[2].isEmpty() || !f[3].isEmpty(), "decrypted: " + line);
            assertEquals("1", f[4], "good ICV: " + line);
            assertTrue(f.length < 6 || f[5].isEmpty(), "no expert message: " + line);
        }
        assertTrue(all.lines().anyMatch(x -> x.split("\t")[2].startsWith("5")), "a BU inside ESP:\n" + all);
        assertTrue(all.lines().anyMatch(x -> x.split("\t")[2].startsWith("6")), "a BA inside ESP:\n" + all);
        assertTrue(all.lines().anyMatch(x -> x.split("\t")[2].startsWith("1")), "a HoTI inside ESP:\n" + all);
        assertTrue(all.lines().anyMatch(x -> x.split("\t")[2].startsWith("3")), "a HoT inside ESP:\n" + all);
        for (String l : List.of("foreign1", "foreign2")) {
            Path pcap = dir.resolve(l + ".pcap");
            String lengths = Tshark.fields(pcap, "esp && esp.spi == 0x00001001", "frame.len")
                    + Tshark.fields(pcap, "esp && esp.spi == 0x00001002", "frame.len");
            System.out.println("RFC 6275 " + l + ": transport-mode ESP frames mn->ha (BU, MPS), then ha->mn (BA, MPA), octets: " + lengths.strip().replace('\n', ' '));
        }
        for (String l : LINKS) {
            String bad = tshark(profile, dir.resolve(l + ".pcap"), "_ws.expert.severity >= 6291456 || _ws.malformed"
                    + " || esp.icv_good == 0 || icmpv6.checksum.status == 0", "frame.number", "_ws.expert.message");
            assertEquals("", bad.strip(), l + ": decrypted with warnings");
        }
    }

    /**
     * Extended Sequence Numbers on every SA, each one's counter and window at 2^32 - 1 (as a swap would leave
     * them): the registrations, the home test and the BAs go on past 2^32 — the first packet carries low-order
     * bits 0 — with nothing refused on either side.
     */
    @Test
    void withExtendedSequenceNumbersTheSasGoOnPastTwoToTheThirtyTwo() throws Exception {
        esn = true;
        long edge = (1L << 32) - 1;
        for (String sa : MN_SAS) {
            long spi = Long.decode(sa.split("spi=")[1].split(" ")[0]);
            boolean mnSends = sa.startsWith("out ");
            SecurityAssociationState sender = new SecurityAssociationState();
            sender.sent(edge, 0);
            SecurityAssociationState receiver = new SecurityAssociationState();
            receiver.received(edge, 1, 0);
            sad.put(mnSends ? "mn" : "ha", org.mip6.state.SecurityAssociations.key(true, spi), sender);
            sad.put(mnSends ? "ha" : "mn", org.mip6.state.SecurityAssociations.key(false, spi), receiver);
        }
        world();
        move("foreign1");
        run(5);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state(), diagnostics());
        ping(); // return routability: HoTI and HoT through the tunnel SAs
        move("foreign2");
        run(5);
        assertEquals(COA2, cache.get("ha", HOA).orElseThrow().careOfAddress(), diagnostics());
        assertEquals(0, lostOfTwenty());
        assertEquals(List.of(), warnings, "nothing refused");
        for (IpsecEngine e : List.of(mnIpsec, haIpsec)) {
            for (SecurityAssociationEntry sa : e.associations()) {
                assertTrue(sa.mode().endsWith("/esn"), sa.toString());
                assertTrue(sa.sequence() > edge, "past 2^32: " + sa);
            }
        }
        assertEquals(0L, ha("esp.bad-icv") + ha("esp.replay"));
        for (String l : LINKS) {
            net.stopCapture(l);
            Tshark.check(dir.resolve(l + ".pcap")); // ESP dissects; Wireshark 4.0 cannot check ESN ICVs
        }
    }

    @Test
    void withIroTheSignallingCarriesNoHomeAddressOptionOrRoutingHeaderAndTheSaSuppliesTheHomeAddress() throws Exception {
        iro = true;
        world();
        move("foreign1");
        run(5);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state(), diagnostics());
        assertEquals(COA1, cache.get("ha", HOA).orElseThrow().careOfAddress());
        ping();
        assertEquals(1L, mn("ro.ba.accepted"), "return routability through the ESP tunnel: " + mnRole.counters());
        move("foreign2");
        run(5);
        assertEquals(COA2, cache.get("ha", HOA).orElseThrow().careOfAddress(), diagnostics());
        move("home");
        run(5);
        assertTrue(cache.get("ha", HOA).isEmpty(), "deregistered");
        assertEquals(List.of(), warnings);
        assertTrue(ha("iro.home-address-restored") >= 3 && mnIpsec.counters().get("iro.home-address-restored") >= 2,
                haIpsec.counters() + " " + mnIpsec.counters());
        for (String l : LINKS) {
            net.stopCapture(l);
            Tshark.check(dir.resolve(l + ".pcap"));
        }
        for (String l : List.of("foreign1", "foreign2")) {
            Path pcap = dir.resolve(l + ".pcap");
            String withHeaders = Tshark.fields(pcap, "esp && (ipv6.src == " + HA + " || ipv6.dst == " + HA + ")"
                    + " && (ipv6.dstopts || ipv6.routing)", "frame.number");
            assertEquals("", withHeaders.strip(), l + ": HAO or RH2 in signalling between mn and ha");
            String lengths = Tshark.fields(pcap, "esp && esp.spi == 0x00001001", "frame.len")
                    + Tshark.fields(pcap, "esp && esp.spi == 0x00001002", "frame.len");
            System.out.println("IRO " + l + ": transport-mode ESP frames mn->ha (BU, MPS), then ha->mn (BA, MPA), octets: " + lengths.strip().replace('\n', ' '));
        }
    }

    @Test
    void withPayloadProtectionEverythingHaTunnelsToAndFromMnIsInEsp() throws Exception {
        payload = true;
        world();
        clock.execute(() -> mnRole.setRouteOptimization(() -> keys, f -> false)); // everything through the tunnel
        move("foreign1");
        run(5);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state(), diagnostics());
        assertEquals(0, lostOfTwenty(), "echoes through the ESP tunnel both ways");
        assertEquals(List.of(), warnings);
        assertTrue(ha("esp.opened") >= 20 && ha("esp.sealed") >= 20, haIpsec.counters().toString());
        net.stopCapture("foreign1");
        Path pcap = dir.resolve("foreign1.pcap");
        Tshark.check(pcap);
        assertEquals("", Tshark.fields(pcap, "ipv6.nxt == 41", "frame.number").strip(), "no IPv6-in-IPv6 in the clear");
        assertTrue(Tshark.fields(pcap, "esp && esp.spi == 0x00001004", "frame.number").lines().count() >= 20);
    }

    @Test
    void unprotectedAndReplayedSignallingIsRefusedAndChangesNothing() throws Exception {
        world();
        move("foreign1");
        run(5);
        var before = cache.get("ha", HOA).orElseThrow();
        long bas = haRole.counters().get("ba.sent");
        // a BU for mn's home address without ESP, from cn with a Home Address option
        MobilityMessage.BindingUpdate bu = new MobilityMessage.BindingUpdate(before.sequence() + 1 & 0xffff,
                MobilityMessage.BindingUpdate.A | MobilityMessage.BindingUpdate.H, 100, List.of());
        clock.execute(() -> cn.send(new Ipv6Packet(0, 0, 64, CN, HA, List.of(new ExtensionHeader.DestinationOptions(
                List.of(new Ipv6Option.HomeAddress(HOA)))), new Payload.Mobility(bu))));
        run(2);
        assertEquals(before, cache.get("ha", HOA).orElseThrow(), "binding unchanged");
        assertEquals(bas, haRole.counters().get("ba.sent"), "no BA");
        assertEquals(1L, ha("policy.clear-refused"));
        // a replay of the last ESP packet mn sent ha (its refresh BU)
        byte[] last = toHa.stream().filter(f -> f.length > 62 && (f[20] & 0xff) == 60 && (f[54] & 0xff) == 50).reduce((a, b) -> b).orElseThrow();
        long opened = ha("esp.opened");
        clock.execute(() -> net.link("home").inject(last));
        run(1);
        assertEquals(1L, ha("esp.replay"), haIpsec.counters().toString());
        assertEquals(opened, ha("esp.opened"));
        assertEquals(before, cache.get("ha", HOA).orElseThrow(), "binding unchanged");
    }

    @Test
    void aSwapOfIpsecKeepsTheSequenceNumbersAndNoReplayWindowComplains() throws Exception {
        world();
        move("foreign1");
        run(5);
        long seq = sad.get("ha", "out 0x00001002").orElseThrow().sequence();
        assertTrue(seq >= 1);
        clock.execute(() -> {
            haIpsecRegistration.run(); // the bundle goes...
            haIpsec = ipsec("ha", true, mirrored(mnSas())); // ...and its replacement comes, from the state it left
            haIpsecRegistration = nodes.register(haIpsec, Map.of(RoleNode.NODE, "ha"));
        });
        run(1);
        ping();
        run(600); // refreshes in both directions under the new instance
        assertTrue(sad.get("ha", "out 0x00001002").orElseThrow().sequence() > seq);
        assertEquals(0L, mnIpsec.counters().get("esp.replay") + ha("esp.replay"), warnings.toString());
        assertEquals(List.of(), warnings);
        assertEquals(MobileNodeEngine.State.REGISTERED, mnRole.engine().state());
    }

    /**
     * The default world's protection under frames built outside the roles: 20,000 mutated copies of its own
     * traffic (ESP transport and tunnel between mn and ha, RAs, ND, the tests with cn, tunnelled data;
     * {@link FrameMutator}, half with Payload Length and checksum made right again) injected where they were
     * seen. Nothing throws; ESP that fails its ICV, replays or names no SA, and signalling in the clear, is
     * refused and counted; ha's binding for mn is only ever what mn's own protected BUs made it; afterwards
     * mn registers again and cn reaches its home address. Not every seed can pass that last part: a forged
     * RA on cn-link may give cn the foreign prefixes as on-link (RFC 4861 §6.3.4 believes it; only SEND
     * would not), as in the test below. Which seeds do that changes whenever the world's traffic does; in
     * a sweep of seeds 1-30 on 2026-12-02 it was seed 24, seen so in its capture; nothing threw in any. In a
     * sweep of seeds 1-200 and 3776 in one run on 2026-12-04 ({@code -Dmip6.fuzz.seeds=1-200,3776}, 32 s for
     * both tests), 10 (21, 37, 38, 79, 91, 94, 104, 153, 156, 189), each with such a prefix at cn; nothing threw.
     * Seeds 201-3000 (5 min for both tests): 98 here and 127 below, each with such a prefix; nothing threw, and
     * ha's binding was never other than mn's protected BUs made it. Seeds 6001-9000 (the session after): 128 here
     * and 141 below, each with such a prefix; nothing threw.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fuzzSeeds")
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a seed that never ends fails
    void mutatedFramesOnEveryLinkBreakNothingUnderIpsec(long seed) throws Exception {
        fuzzed(seed);
    }

    /**
     * The same with IPsec route optimization (mn and cn share SAs; the direct path is ESP). Not every seed
     * can pass the last part: when a forged RA on cn-link gives cn an on-link prefix covering mn's care-of
     * or home address, cn resolves it on its own link for the prefix's valid lifetime (RFC 4861 §6.3.4
     * believes it; only SEND would not) and its echoes never leave (in a sweep of seeds 1-200 on 2026-12-02,
     * 10 did so, each seen with such a prefix at cn; nothing threw in any; in the sweep of 2026-12-04 also 10:
     * 7, 80, 89, 96, 122, 128, 154, 156, 162, 177).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fuzzSeeds")
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a seed that never ends fails
    void mutatedFramesOnEveryLinkBreakNothingWithIpsecRouteOptimization(long seed) throws Exception {
        withCorrespondent = true;
        fuzzed(seed);
    }

    /**
     * Hours under IPsec on virtual time ({@code -Dmip6.soak.hours}, 4 by default), everything on: IRO signalling,
     * mn's tunnelled traffic in ESP, and IPsec route optimization with cn. mn moves on after 5 minutes and after 20
     * minutes in turn (foreign1, foreign2, home, foreign2, ...) and cn pings its home address every 30 s from 20 s
     * after each move: every echo is answered, the SAs migrate with every move (RFC 4877 §3.4) and no ESP packet is
     * ever refused (no replay, no bad ICV, no SA missing, nothing in the clear where ESP is due), the state stays
     * bounded, nothing throws. Four hours take under a second; a year ({@code -Dmip6.soak.hours=8760}, 42,048 moves)
     * passed in 54 s on 2026-12-04.
     */
    @Test
    void hoursOfMovesUnderIpsecRefuseNoPacketOfTheNodesOwn() throws Exception {
        withCorrespondent = true;
        iro = true;
        payload = true;
        world();
        long failuresBefore = clock.taskFailures();
        List<String> lost = soak(4, List.of("foreign1", "foreign2", "home", "foreign2"), () -> ping() >= 0,
                m -> assertTrue(cache.entries("ha").size() <= 1 && cache.entries("cn").size() <= 1 && bul.entries("mn").size() <= 2,
                        "after move " + m + ": ha " + cache.entries("ha") + ", cn " + cache.entries("cn") + ", mn " + bul.entries("mn")));
        assertEquals(List.of(), lost, diagnostics());
        assertEquals(failuresBefore, clock.taskFailures(), "a scheduler task threw (see the log)");
        for (String n : List.of("ha", "mn", "cn")) {
            assertEquals(0L, nodes.roleNode(n).counters().getOrDefault("role.errors", 0L), n + ": a role's handler threw");
        }
        for (IpsecEngine e : List.of(mnIpsec, haIpsec, cnIpsec)) {
            for (String c : List.of("esp.bad-icv", "esp.no-sa", "esp.replay", "esp.truncated", "policy.clear-refused")) {
                assertEquals(0L, e.counters().get(c), c + "\n" + diagnostics());
            }
        }
        assertTrue(mn("bu.refresh") > 0, "home registrations refreshed within the long stays: " + mnRole.counters());
    }

    /** The seeds the two fuzz tests run with ({@link FrameMutator#seeds}). */
    static java.util.stream.LongStream fuzzSeeds() {
        return FrameMutator.seeds(3776);
    }

    private void fuzzed(long seed) throws Exception {
        world();
        FrameMutator.Seeds seeds = new FrameMutator.Seeds(5_000);
        net.tap(seeds); // from here on (world() tapped frames to ha for other tests)
        move("foreign1");
        run(5);
        assertTrue(ping() > 0);
        run(2);
        move("foreign2");
        run(5);
        assertTrue(ping() > 0);
        run(2);
        long failuresBefore = clock.taskFailures();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        java.util.Set<Ipv6Address> careOfs = new java.util.HashSet<>();
        java.util.Set<Ipv6Address> sentByMn = new java.util.HashSet<>(List.of(COA1, COA2));
        for (int batch = 0; batch < 1_000; batch++) {
            for (int k = 0; k < 20; k++) {
                seeds.injectOneMutated(net, r);
            }
            run(0.1);
            bul.entries("mn").forEach(b -> sentByMn.add(b.careOfAddress())); // mn's own BUs (a forged RA may give it a new one)
            cache.get("ha", HOA).ifPresent(b -> careOfs.add(b.careOfAddress()));
        }
        assertEquals(failuresBefore, clock.taskFailures(), "a scheduler task threw (see the log)");
        for (String n : List.of("ha", "mn", "cn")) {
            assertEquals(0L, nodes.roleNode(n).counters().getOrDefault("role.errors", 0L), n + ": a role's handler threw");
        }
        long refused = 0;
        for (IpsecEngine e : withCorrespondent ? List.of(mnIpsec, haIpsec, cnIpsec) : List.of(mnIpsec, haIpsec)) {
            for (String c : List.of("esp.bad-icv", "esp.no-sa", "esp.replay", "esp.truncated", "policy.clear-refused")) {
                refused += e.counters().get(c);
            }
        }
        assertTrue(refused > 100, "refusals counted: " + diagnostics());
        // a forged BU never registers (every MH between mn and ha is ESP): only care-of addresses mn sent
        assertTrue(sentByMn.containsAll(careOfs), "ha's binding pointed at " + careOfs + ", mn sent " + sentByMn);

        move("foreign1");
        boolean answered = false;
        for (int k = 0; k < 120 && !answered; k++) {
            run(1);
            answered = mnRole.engine().state() == MobileNodeEngine.State.REGISTERED && ping() > 0;
        }
        assertTrue(answered, "cn's echo to the home address is answered after the fuzzing\n" + diagnostics());
        assertEquals(COA1, cache.get("ha", HOA).orElseThrow().careOfAddress());
    }

    String diagnostics() {
        RoleNode mnNode = nodes.roleNode("mn");
        RoleNode cnNode = nodes.roleNode("cn");
        return "warnings " + warnings + "\nmn ipsec " + mnIpsec.counters() + "\nha ipsec " + haIpsec.counters() + "\nmn "
                + mnRole.counters() + "\nha " + haRole.counters() + "\nha node " + nodes.roleNode("ha").counters()
                + "\nmn node " + mnNode.counters() + "\nmn " + mnRole.engine().state() + ", bul " + bul.entries("mn")
                + "\nha bc " + cache.entries("ha") + "\nmn interfaces " + mnNode.interfaces() + "\nmn routes " + mnNode.routes()
                + "\ncn node " + cnNode.counters() + "\ncn bc " + cache.entries("cn") + "\ncn interfaces " + cnNode.interfaces()
                + "\ncn routes " + cnNode.routes() + "\ncn neighbors " + cnNode.neighbors() + "\ncn host variables "
                + cnNode.hostVariables();
    }

    /** A Wireshark configuration profile whose esp_sa table is every SA of mn (ha's are the same SAs). */
    Path espSaProfile() throws Exception {
        Path profile = dir.resolve("config/wireshark/profiles/mip6");
        Files.createDirectories(profile);
        List<String> rows = new ArrayList<>();
        for (SecurityAssociationEntry e : mnIpsec.associations()) {
            rows.add(e.wiresharkRow());
        }
        Files.write(profile.resolve("esp_sa"), rows);
        return profile;
    }

    String tshark(Path profile, Path pcap, String filter, String... fields) throws Exception {
        Assumptions.assumeTrue(Tshark.available(), "tshark not installed (apt-get install tshark; CI has it)");
        List<String> cmd = new ArrayList<>(List.of("tshark", "-C", "mip6", "-o", "esp.enable_encryption_decode:TRUE",
                "-o", "esp.enable_authentication_check:TRUE", "-r", pcap.toString(), "-Y", filter, "-T", "fields"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        return out;
    }
}
