package org.mip6.ipsec.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ESP against an implementation nobody here wrote: Scapy's {@code SecurityAssociation} (on the
 * {@code cryptography} package) opens what we seal and seals what we open, per algorithm, in IPv6
 * transport mode. Skips, saying why, without Scapy and python3-cryptography (CI installs both).
 */
class ScapyEspCrossCheckTest {

    /** Scapy's names for our algorithms: encryption, integrity. */
    static final Map<EspAlgorithm, List<String>> SCAPY = Map.of(
            EspAlgorithm.AES_GCM_16_128, List.of("AES-GCM", "NULL"),
            EspAlgorithm.AES_GCM_16_256, List.of("AES-GCM", "NULL"),
            EspAlgorithm.AES_CBC_128_HMAC_SHA2_256_128, List.of("AES-CBC", "SHA2-256-128"),
            EspAlgorithm.AES_CBC_256_HMAC_SHA2_256_128, List.of("AES-CBC", "SHA2-256-128"),
            EspAlgorithm.AES_CBC_128_HMAC_SHA1_96, List.of("AES-CBC", "HMAC-SHA1-96"));

    static final String SCRIPT = String.join("\n",
            "import sys",
            "from scapy.layers.inet6 import IPv6",
            "from scapy.layers.ipsec import SecurityAssociation, ESP",
            "from scapy.packet import Raw",
            "mode, crypt, auth, spi, ekey, akey, data, seq = sys.argv[1:9]",
            "esn = int(sys.argv[9]) if len(sys.argv) > 9 else -1  # the high-order 32 bits with ESN",
            "sa = SecurityAssociation(ESP, spi=int(spi), crypt_algo=crypt, crypt_key=bytes.fromhex(ekey),",
            "                         auth_algo=auth, auth_key=bytes.fromhex(akey) if akey != '-' else None,",
            "                         esn_en=esn >= 0, esn=max(esn, 0))",
            "if mode == 'open':",
            "    p = sa.decrypt(IPv6(bytes(IPv6(src='2001:db8:1::b', dst='2001:db8:1::2', nh=50) / Raw(bytes.fromhex(data)))))",
            "    print(p.nh, bytes(p.payload).hex())",
            "else:",
            "    p = IPv6(src='2001:db8:1::b', dst='2001:db8:1::2', nh=135) / Raw(bytes.fromhex(data))",
            "    e = sa.encrypt(p, seq_num=int(seq))",
            "    print(bytes(e[ESP]).hex())");

    static String python() {
        return python("scapy.layers.ipsec, cryptography", "Scapy with python3-cryptography not installed: skipping the"
                + " ESP cross-check (apt-get install python3-scapy python3-cryptography; CI has them)");
    }

    /** A Python that imports {@code modules}, or the test skips saying {@code absent}. */
    static String python(String modules, String absent) {
        for (String py : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(py, "-c", "import " + modules).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return py;
                }
            } catch (IOException | InterruptedException e) {
                // next
            }
        }
        Assumptions.assumeTrue(false, absent);
        return null;
    }

    static String run(String py, Path script, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(py, script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** Scapy's SA with the keys of {@code k}: {@code high} < 0 without ESN, else its high-order 32 bits. */
    record ScapySa(String py, Path script, EspKeys k, long high) {
        static ScapySa of(EspKeys k, long high) throws IOException {
            String py = python();
            Path script = Files.createTempFile("esp-", ".py");
            script.toFile().deleteOnExit();
            Files.writeString(script, SCRIPT);
            return new ScapySa(py, script, k, high);
        }

        private String[] args(String mode, byte[] data, long seq) {
            EspAlgorithm a = k.algorithm();
            HexFormat hex = HexFormat.of();
            return new String[] {mode, SCAPY.get(a).get(0), SCAPY.get(a).get(1), Integer.toString(EspTest.SPI),
                hex.formatHex(k.encryptionKey()), a.aead ? "-" : hex.formatHex(k.integrityKey()), hex.formatHex(data),
                Long.toString(seq), Long.toString(high)};
        }

        /** Scapy opens {@code esp}: its Next Header and plaintext (hex). */
        String[] open(byte[] esp) throws Exception {
            return run(py, script, args("open", esp, 0)).split(" ");
        }

        /** Scapy seals {@code payload} (Next Header 135) with the low-order bits {@code seq}. */
        byte[] seal(byte[] payload, long seq) throws Exception {
            return HexFormat.of().parseHex(run(py, script, args("seal", payload, seq)));
        }
    }

    @ParameterizedTest
    @EnumSource(EspAlgorithm.class)
    void scapyOpensWhatWeSealAndWeOpenWhatScapySeals(EspAlgorithm a) throws Exception {
        EspKeys k = EspTest.keys(a, 3);
        ScapySa scapy = ScapySa.of(k, -1);
        byte[] ours = new OutboundEsp(EspTest.SPI, k, 41, new SplittableRandom(5)).seal(135, EspTest.MH, 0, EspTest.MH.length);
        String[] opened = scapy.open(ours);
        assertEquals("135", opened[0], "Scapy's Next Header");
        assertEquals(HexFormat.of().formatHex(EspTest.MH), opened[1], "Scapy's plaintext");

        byte[] theirs = scapy.seal(EspTest.MH, 7);
        InboundEsp.Opened o = new InboundEsp(EspTest.SPI, k, new ReplayWindow()).open(theirs, 0, theirs.length);
        assertEquals(7, o.sequence());
        assertEquals(135, o.nextHeader());
        assertArrayEquals(EspTest.MH, o.payload());
    }

    /**
     * The same with Extended Sequence Numbers (RFC 4303 §2.2.1) past 2^32: Scapy's {@code esn_en}, for AES-GCM
     * (the high-order bits in the AAD, RFC 4106 §5). Scapy's ESP HMAC leaves them out (only its AH covers
     * them), against RFC 4303 §2.2.1, so the CBC transforms are not compared with it here.
     */
    @ParameterizedTest
    @EnumSource(value = EspAlgorithm.class, names = {"AES_GCM_16_128", "AES_GCM_16_256"})
    void extendedSequenceNumbersAgreeWithScapy(EspAlgorithm a) throws Exception {
        EspKeys k = EspTest.keys(a, 4);
        long high = 5;
        ScapySa scapy = ScapySa.of(k, high);
        byte[] ours = new OutboundEsp(EspTest.SPI, k, (high << 32) + 40, (s, out, off, len) -> out[off] = (byte) s, true)
                .seal(135, EspTest.MH, 0, EspTest.MH.length);
        assertEquals(41, InboundEsp.spiOf(ours, 4), "the low-order 32 bits on the wire");
        String[] opened = scapy.open(ours);
        assertEquals("135", opened[0], "Scapy's Next Header, the high-order bits in its ICV check");
        assertEquals(HexFormat.of().formatHex(EspTest.MH), opened[1], "Scapy's plaintext");

        byte[] theirs = scapy.seal(EspTest.MH, 7);
        InboundEsp.Opened o = new InboundEsp(EspTest.SPI, k, new ReplayWindow((high << 32) + 3, 1), true)
                .open(theirs, 0, theirs.length);
        assertEquals((high << 32) + 7, o.sequence());
        assertArrayEquals(EspTest.MH, o.payload());
        InboundEsp wrong = new InboundEsp(EspTest.SPI, k, new ReplayWindow(3, 1), true); // places it in subspace 0
        assertEquals(EspException.Reason.BAD_ICV, org.junit.jupiter.api.Assertions.assertThrows(EspException.class,
                () -> wrong.open(theirs, 0, theirs.length)).reason());
    }
}
