package org.mip6.ipsec.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Extended Sequence Numbers with AES-CBC and HMAC (RFC 4303 §2.2.1, §3.3.2.1, §3.4.4.1): the high-order 32 bits
 * of the sequence number are not sent but are in the ICV, appended after the packet. Scapy's ESP leaves them out
 * of its HMAC, so this checks against the rule written out in Python over the {@code cryptography} package's AES
 * and the standard library's {@code hmac}: it opens what we seal and seals what we open, past 2^32. Skips, saying
 * why, without python3-cryptography (CI installs it).
 */
class EsnIntegrityCrossCheckTest {

    /** Python's hash and the ICV's length for each CBC transform. */
    static final Map<EspAlgorithm, List<String>> HMAC = Map.of(
            EspAlgorithm.AES_CBC_128_HMAC_SHA2_256_128, List.of("sha256", "16"),
            EspAlgorithm.AES_CBC_256_HMAC_SHA2_256_128, List.of("sha256", "16"),
            EspAlgorithm.AES_CBC_128_HMAC_SHA1_96, List.of("sha1", "12"));

    static final String SCRIPT = String.join("\n",
            "import hashlib, hmac, struct, sys",
            "from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes",
            "mode, hashname, icvlen, spi, ekey, akey, data, seq = sys.argv[1:9]",
            "icvlen, spi, seq = int(icvlen), int(spi), int(seq)",
            "ekey, akey, data = bytes.fromhex(ekey), bytes.fromhex(akey), bytes.fromhex(data)",
            "def icv(esp):  # RFC 4303 2.2.1: the high-order 32 bits after the packet, in the ICV only",
            "    return hmac.new(akey, esp + struct.pack('>I', seq >> 32), getattr(hashlib, hashname)).digest()[:icvlen]",
            "if mode == 'seal':",
            "    iv = bytes(range(16))",
            "    padlen = -(len(data) + 2) % 16",
            "    plain = data + bytes(range(1, padlen + 1)) + bytes([padlen, 135])",
            "    e = Cipher(algorithms.AES(ekey), modes.CBC(iv)).encryptor()",
            "    esp = struct.pack('>II', spi, seq & 0xffffffff) + iv + e.update(plain) + e.finalize()",
            "    print((esp + icv(esp)).hex())",
            "else:",
            "    esp, tag = data[:-icvlen], data[-icvlen:]",
            "    if struct.unpack('>II', esp[:8]) != (spi, seq & 0xffffffff):",
            "        sys.exit('SPI or low-order sequence bits differ')",
            "    d = Cipher(algorithms.AES(ekey), modes.CBC(esp[8:24])).decryptor()",
            "    plain = d.update(esp[24:]) + d.finalize()",
            "    ok = hmac.compare_digest(icv(esp), tag)",
            "    print('ok' if ok else 'bad-icv', plain[-1], plain[:-2 - plain[-2]].hex())");

    @ParameterizedTest
    @EnumSource(value = EspAlgorithm.class, names = {"AES_CBC_128_HMAC_SHA2_256_128", "AES_CBC_256_HMAC_SHA2_256_128",
            "AES_CBC_128_HMAC_SHA1_96"})
    void theHighOrderBitsAreInTheIcvAsPythonComputesIt(EspAlgorithm a) throws Exception {
        String py = ScapyEspCrossCheckTest.python("cryptography.hazmat.primitives.ciphers",
                "python3-cryptography not installed: skipping the ESN cross-check (apt-get install python3-cryptography; CI has it)");
        Path script = Files.createTempFile("esn-", ".py");
        script.toFile().deleteOnExit();
        Files.writeString(script, SCRIPT);
        EspKeys k = EspTest.keys(a, 6);
        HexFormat hex = HexFormat.of();
        long high = 5;
        byte[] ours = new OutboundEsp(EspTest.SPI, k, (high << 32) + 40, (s, out, off, len) -> out[off] = (byte) s, true)
                .seal(135, EspTest.MH, 0, EspTest.MH.length);
        List<String> common = List.of(HMAC.get(a).get(0), HMAC.get(a).get(1), Integer.toString(EspTest.SPI),
                hex.formatHex(k.encryptionKey()), hex.formatHex(k.integrityKey()));
        assertEquals("ok 135 " + hex.formatHex(EspTest.MH), python(py, script, "open", common, ours, (high << 32) + 41),
                "Python's ICV over the packet and the high-order bits 5, then its plaintext");
        assertTrue(python(py, script, "open", common, ours, 41).startsWith("bad-icv "),
                "without the high-order bits (subspace 0) the ICV differs: they are in it");

        byte[] theirs = hex.parseHex(python(py, script, "seal", common, EspTest.MH, (high << 32) + 7));
        InboundEsp.Opened o = new InboundEsp(EspTest.SPI, k, new ReplayWindow((high << 32) + 3, 1), true)
                .open(theirs, 0, theirs.length);
        assertEquals((high << 32) + 7, o.sequence(), "placed in subspace 5 by the window (RFC 4303 A2.2)");
        assertEquals(135, o.nextHeader());
        assertArrayEquals(EspTest.MH, o.payload());
        InboundEsp wrong = new InboundEsp(EspTest.SPI, k, new ReplayWindow(3, 1), true);
        assertEquals(EspException.Reason.BAD_ICV, assertThrows(EspException.class,
                () -> wrong.open(theirs, 0, theirs.length)).reason(), "a window in subspace 0 computes another ICV");
    }

    private static String python(String py, Path script, String mode, List<String> common, byte[] data, long seq)
            throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(mode));
        args.addAll(common);
        args.add(HexFormat.of().formatHex(data));
        args.add(Long.toString(seq));
        return ScapyEspCrossCheckTest.run(py, script, args.toArray(String[]::new));
    }
}
