package org.mip6.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mip6.ipsec.internal.engine.EspAlgorithm;
import org.mip6.ipsec.internal.engine.EspKeys;
import org.mip6.ipsec.internal.engine.IpsecEngine;
import org.mip6.ipsec.internal.engine.OutboundEsp;
import org.mip6.ipsec.internal.engine.SaConfig;
import org.mip6.ipsec.internal.engine.SeededIvs;
import org.mip6.net.Ipv6Address;
import org.mip6.role.RoleNode;
import org.mip6.state.SecurityAssociationState;
import org.mip6.wire.Wire;

/**
 * The ESP overhead on a home agent's Binding Update rate (issue 13), as a scenario run: two home agent
 * nodes as in {@link HomeAgentBenchmark}, one plain and one with IPsec (RFC 3776 transport SAs with each of
 * {@code mobileNodes} mobile nodes, AES-GCM-16-128 or another algorithm), refreshed in rounds: every mobile
 * node's BU with the round's sequence number, made before the round (the mobile nodes' sealing is not
 * timed), delivered through the link, validated, cached, and its BA built, sealed (IPsec) and sent back.
 * Rounds alternate between the two nodes; the medians per BU and their ratio are printed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.mip6.benchmarks.HomeAgentIpsecCost [mobileNodes] [rounds] [algorithm]</pre>
 */
public final class HomeAgentIpsecCost {

    private HomeAgentIpsecCost() {
    }

    public static void main(String[] args) throws Exception {
        int mns = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        EspAlgorithm alg = EspAlgorithm.of(args.length > 2 ? args[2] : "aes-gcm-16-128");

        HomeAgentBench plain = new HomeAgentBench();
        HomeAgentBench esp = new HomeAgentBench();
        List<String> sas = new ArrayList<>();
        List<OutboundEsp> sealers = new ArrayList<>();
        for (int i = 0; i < mns; i++) {
            Ipv6Address hoa = HomeAgentBench.homeAddress(i);
            String keyIn = key(alg.encryptionKeyMaterial(), i, 1);
            String keyOut = key(alg.encryptionKeyMaterial(), i, 2);
            String authIn = alg.integrityKeyLength == 0 ? "" : " auth=" + key(alg.integrityKeyLength, i, 3);
            String authOut = alg.integrityKeyLength == 0 ? "" : " auth=" + key(alg.integrityKeyLength, i, 4);
            sas.add("in transport spi=" + (0x10000 + i) + " alg=" + alg.id + " key=" + keyIn + authIn + " mn=" + hoa
                    + " ha=" + HomeAgentBench.HA);
            sas.add("out transport spi=" + (0x20000 + i) + " alg=" + alg.id + " key=" + keyOut + authOut + " mn=" + hoa
                    + " ha=" + HomeAgentBench.HA);
            sealers.add(new OutboundEsp(0x10000 + i, new EspKeys(alg, hex(keyIn), alg.integrityKeyLength == 0 ? null
                    : hex(authIn.substring(6))), 0, new SeededIvs(1, "mn" + i, 0x10000 + i)));
        }
        Map<String, SecurityAssociationState> states = new HashMap<>();
        IpsecEngine ipsec = new IpsecEngine("ha", "home-agent", SaConfig.parseAll(sas.toArray(String[]::new)), false, 1,
                k -> states.computeIfAbsent(k, x -> new SecurityAssociationState()), (c, d) -> {
                    throw new IllegalStateException(c + ": " + d);
                });
        esp.register(ipsec, Map.of(RoleNode.NODE, "ha"));

        // first registrations, then timed refresh rounds
        byte[][] plainFrames = new byte[mns][];
        byte[][] espFrames = new byte[mns][];
        long[] plainNs = new long[rounds];
        long[] espNs = new long[rounds];
        for (int r = 0; r <= rounds; r++) {
            int seq = r + 1;
            for (int i = 0; i < mns; i++) {
                plainFrames[i] = plain.bindingUpdate(i, seq).clone();
                espFrames[i] = seal(plain.bindingUpdate(i, seq), sealers.get(i));
            }
            long a = deliver(plain, plainFrames);
            long b = deliver(esp, espFrames);
            if (r > 0) { // round 0: the first registrations (new bindings), not timed
                plainNs[r - 1] = a;
                espNs[r - 1] = b;
            }
        }
        long expected = (long) mns * (rounds + 1);
        if (plain.accepted() != expected || esp.accepted() != expected) {
            throw new IllegalStateException("accepted " + plain.accepted() + " plain, " + esp.accepted() + " with ESP, of "
                    + expected + ": " + esp.role.counters() + " " + ipsec.counters());
        }
        double p = median(plainNs) / (double) mns;
        double e = median(espNs) / (double) mns;
        System.out.printf("home agent, %d mobile nodes, %d refresh rounds, %s%n", mns, rounds, alg.id);
        System.out.printf("plain BU -> BA:        %8.0f ns per BU (%.2f M BU/s)%n", p, 1e3 / p);
        System.out.printf("ESP BU -> ESP BA:      %8.0f ns per BU (%.2f M BU/s)%n", e, 1e3 / e);
        System.out.printf("ESP / plain:           %8.2f x (ESP's share of the time per BU: %.0f %%)%n", e / p, 100 * (e - p) / e);
        System.out.printf("ESP octets sealed/opened by ha: %s%n", ipsec.counters());
    }

    /** Runs one round: every frame on the link, the node until idle; returns the wall time in ns. */
    private static long deliver(HomeAgentBench bench, byte[][] frames) {
        long t0 = System.nanoTime();
        for (byte[] f : frames) {
            bench.deliver(f);
        }
        bench.run();
        return System.nanoTime() - t0;
    }

    /** The BU frame with its Mobility Header sealed in ESP after the Home Address option (RFC 3776 §4.1). */
    private static byte[] seal(byte[] frame, OutboundEsp sa) {
        int dst = 14 + 40; // the Destination Options header with the HAO
        int mh = dst + 8 * ((frame[dst + 1] & 0xff) + 1);
        byte[] esp = sa.seal(Wire.MOBILITY, frame, mh, frame.length - mh);
        byte[] out = Arrays.copyOf(frame, mh + esp.length);
        System.arraycopy(esp, 0, out, mh, esp.length);
        out[dst] = 50; // the Destination Options header's Next Header: ESP
        int length = out.length - 14 - 40;
        out[14 + 4] = (byte) (length >>> 8);
        out[14 + 5] = (byte) length;
        return out;
    }

    private static String key(int octets, int mn, int which) {
        StringBuilder b = new StringBuilder("0x");
        for (int k = 0; k < octets; k++) {
            b.append(String.format("%02x", (mn * 31 + which * 7 + k) & 0xff));
        }
        return b.toString();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s.startsWith("0x") ? s.substring(2) : s);
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
