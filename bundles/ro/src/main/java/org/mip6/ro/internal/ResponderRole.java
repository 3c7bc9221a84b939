package org.mip6.ro.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mip6.net.Ipv6Address;
import org.mip6.ro.BindingAuthority;
import org.mip6.ro.internal.engine.ReturnRoutabilityResponder;
import org.mip6.role.MobilityHandler;
import org.mip6.role.RoleNode;
import org.mip6.role.RoleTable;
import org.mip6.state.ReturnRoutabilitySecret;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.mh.MobilityMessage;

/**
 * Return routability on a correspondent node (RFC 6275 §9.4): the {@link ReturnRoutabilityResponder}
 * wired to the node. A Home Test Init is answered with a Home Test to its source (the home address:
 * the reply goes back through the home agent), a Care-of Test Init with a Care-of Test to its source
 * (the care-of address); either one with a Home Address option is dropped (§9.4.1, §9.4.3). The
 * {@link BindingAuthority} it offers lets the correspondent role check Binding Updates with the same
 * tokens. No OSGi here; every method runs on the node's thread.
 */
public final class ResponderRole {

    private final RoleNode node;
    private final ReturnRoutabilityResponder engine;
    private long hotiReceived;
    private long cotiReceived;
    private long ignoredWithHao;
    private volatile boolean closed;

    public ResponderRole(RoleNode node, ReturnRoutabilitySecret secret) {
        this.node = Objects.requireNonNull(node, "node");
        this.engine = new ReturnRoutabilityResponder(secret);
    }

    public void close() {
        closed = true;
    }

    public ReturnRoutabilityResponder engine() {
        return engine;
    }

    /** Home Test Init (MH Type 1) and Care-of Test Init (MH Type 2). */
    public MobilityHandler mobilityHandler() {
        return (p, m) -> {
            if (closed) {
                return;
            }
            if (p.homeAddressOption()) {
                ignoredWithHao++; // §9.4.1, §9.4.3: a test init never carries a Home Address option
                return;
            }
            Ipv6Address self = p.destination();
            if (m instanceof MobilityMessage.HomeTestInit hoti) {
                hotiReceived++;
                send(self, p.source(), engine.homeTest(p.now(), p.source(), hoti.cookie()));
            } else if (m instanceof MobilityMessage.CareOfTestInit coti) {
                cotiReceived++;
                send(self, p.source(), engine.careOfTest(p.now(), p.source(), coti.cookie()));
            }
        };
    }

    /** The correspondent role's view of it (see {@link BindingAuthority}). */
    public BindingAuthority authority() {
        return new BindingAuthority() {
            @Override
            public Authorization authorize(long now, Ipv6Address homeAddress, Ipv6Address careOfAddress,
                                           Ipv6Address correspondent, int homeNonceIndex, int careOfNonceIndex,
                                           boolean deregistration, byte[] mobilityHeader, int offset, int length) {
                return engine.authorize(now, homeAddress, careOfAddress, correspondent, homeNonceIndex, careOfNonceIndex,
                        deregistration, mobilityHeader, offset, length);
            }

            @Override
            public byte[] authenticator(byte[] kbm, Ipv6Address careOfAddress, Ipv6Address correspondent, byte[] data) {
                return engine.authenticator(kbm, careOfAddress, correspondent, data);
            }
        };
    }

    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("hoti.received", hotiReceived);
        m.put("coti.received", cotiReceived);
        m.put("test-init.ignored-hao", ignoredWithHao);
        m.putAll(engine.counters());
        m.put("nonce.index", (long) engine.currentIndex(node.nanos()));
        return m;
    }

    /** {@code mip6:rr}: the nonces accepted now. */
    public RoleTable table() {
        return new RoleTable() {
            @Override
            public String title() {
                return "return routability of correspondent node " + node.name() + ": nonces accepted now (Kcn in the state bundle)";
            }

            @Override
            public List<String> columns() {
                return List.of("Node", "Nonce index", "Made (s ago)", "Accepted for (s)");
            }

            @Override
            public List<List<Object>> rows() {
                List<List<Object>> rows = new java.util.ArrayList<>();
                for (long[] n : engine.acceptedNonces(node.nanos())) {
                    rows.add(List.of(node.name(), n[0], n[1] / 1_000_000_000L, n[2] / 1_000_000_000L));
                }
                return rows;
            }
        };
    }

    private void send(Ipv6Address from, Ipv6Address to, MobilityMessage m) {
        node.send(Ipv6Packet.of(from, to, node.hopLimit(), new Payload.Mobility(m)));
    }
}
