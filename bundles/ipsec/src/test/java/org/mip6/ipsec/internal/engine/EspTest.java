package org.mip6.ipsec.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ESP sealing and opening per algorithm: the packet's layout, the trailer, the ICV, replays, truncations. */
class EspTest {

    static final int SPI = 0x0000_1001;
    /** A Binding Update's Mobility Header (16 octets), the payload ESP protects between MN and HA. */
    static final byte[] MH = HexFormat.of().parseHex("3b010500f19d0001c000009601020000");

    static EspKeys keys(EspAlgorithm a, int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] enc = new byte[a.encryptionKeyMaterial()];
        byte[] auth = new byte[a.integrityKeyLength];
        r.nextBytes(enc);
        r.nextBytes(auth);
        return new EspKeys(a, enc, auth);
    }

    static OutboundEsp out(EspAlgorithm a) {
        return new OutboundEsp(SPI, keys(a, 1), 0, new SplittableRandom(7));
    }

    static InboundEsp in(EspAlgorithm a) {
        return new InboundEsp(SPI, keys(a, 1), new ReplayWindow());
    }

    @ParameterizedTest
    @EnumSource(EspAlgorithm.class)
    void sealedAndOpenedWithItsLayout(EspAlgorithm a) throws EspException {
        OutboundEsp o = out(a);
        byte[] esp = o.seal(135, MH, 0, MH.length);
        assertEquals(o.sealedLength(MH.length), esp.length);
        assertEquals(SPI, InboundEsp.spiOf(esp, 0));
        assertEquals(1, InboundEsp.spiOf(esp, 4), "the first packet of an SA has sequence number 1");
        int encrypted = esp.length - 8 - a.ivLength - a.icvLength;
        assertEquals(0, encrypted % a.block, "payload, padding and trailer fill whole blocks");
        assertEquals(0, (8 + a.ivLength + encrypted) % 4, "the ICV starts on a 4-octet boundary");
        assertTrue(encrypted - MH.length - 2 < a.block, "no more padding than needed");
        if (a.aead) {
            assertEquals(1, InboundEsp.spiOf(esp, 12), "GCM's IV is the sequence number");
        }
        InboundEsp.Opened opened = in(a).open(esp, 0, esp.length);
        assertArrayEquals(MH, opened.payload());
        assertEquals(135, opened.nextHeader());
        assertEquals(1, opened.sequence());
        byte[] second = o.seal(58, new byte[1], 0, 1);
        assertEquals(2, InboundEsp.spiOf(second, 4));
        assertEquals(2, o.sequence());
    }

    @ParameterizedTest
    @EnumSource(EspAlgorithm.class)
    void everyFlippedBitIsRejected(EspAlgorithm a) {
        byte[] esp = out(a).seal(135, MH, 0, MH.length);
        for (int bit = 8 * 4; bit < esp.length * 8; bit++) { // the SPI selects the SA: from the sequence number on
            byte[] bad = esp.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            InboundEsp i = in(a);
            EspException e = assertThrows(EspException.class, () -> i.open(bad, 0, bad.length), "bit " + bit);
            assertTrue(e.reason() == EspException.Reason.BAD_ICV || e.reason() == EspException.Reason.REPLAY,
                    "bit " + bit + ": " + e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(EspAlgorithm.class)
    void everyTruncationIsRejected(EspAlgorithm a) {
        byte[] esp = out(a).seal(135, MH, 0, MH.length);
        for (int len = 8; len < esp.length; len++) {
            int n = len;
            InboundEsp i = in(a);
            assertThrows(EspException.class, () -> i.open(esp, 0, n), "length " + n);
        }
    }

    @ParameterizedTest
    @EnumSource(EspAlgorithm.class)
    void aReplayIsDroppedAndTheWindowAcceptsLateOnes(EspAlgorithm a) throws EspException {
        OutboundEsp o = out(a);
        byte[] first = o.seal(135, MH, 0, MH.length);
        byte[] second = o.seal(135, MH, 0, MH.length);
        InboundEsp i = in(a);
        i.open(second, 0, second.length);
        assertEquals(1, i.open(first, 0, first.length).sequence(), "late, inside the window");
        assertEquals(EspException.Reason.REPLAY, assertThrows(EspException.class, () -> i.open(second, 0, second.length)).reason());
    }

    @ParameterizedTest
    @EnumSource(EspAlgorithm.class)
    void wrongKeysDoNotOpen(EspAlgorithm a) {
        byte[] esp = out(a).seal(135, MH, 0, MH.length);
        InboundEsp other = new InboundEsp(SPI, keys(a, 2), new ReplayWindow());
        assertEquals(EspException.Reason.BAD_ICV, assertThrows(EspException.class, () -> other.open(esp, 0, esp.length)).reason());
        assertEquals(0, other.window().highest(), "a forged packet does not move the window");
    }

    @ParameterizedTest
    @EnumSource(EspAlgorithm.class)
    void anSaCarriedAcrossASwapGoesOnFromItsSequenceNumber(EspAlgorithm a) {
        OutboundEsp o = new OutboundEsp(SPI, keys(a, 1), OutboundEsp.MAX_SEQUENCE - 1, new SplittableRandom(7));
        byte[] last = o.seal(135, MH, 0, MH.length);
        assertEquals(-1, InboundEsp.spiOf(last, 4), "2^32 - 1");
        assertThrows(IllegalStateException.class, () -> o.seal(135, MH, 0, MH.length), "a sequence number never cycles");
    }

    /**
     * Extended Sequence Numbers (RFC 4303 §2.2.1): across 2^32 the packet carries the low-order 32 bits, the
     * receiver places them by its window, and the ICV covers the high-order bits it never sees.
     */
    @ParameterizedTest
    @EnumSource(EspAlgorithm.class)
    void extendedSequenceNumbersCrossTwoToTheThirtyTwo(EspAlgorithm a) throws EspException {
        long start = OutboundEsp.MAX_SEQUENCE - 1;
        OutboundEsp o = new OutboundEsp(SPI, keys(a, 1), start, (s, out, off, len) -> out[off] = (byte) s, true);
        InboundEsp i = new InboundEsp(SPI, keys(a, 1), new ReplayWindow(start, 1), true);
        byte[][] sent = new byte[4][];
        for (int k = 0; k < sent.length; k++) {
            sent[k] = o.seal(135, MH, 0, MH.length);
        }
        assertEquals(-1, InboundEsp.spiOf(sent[0], 4), "2^32 - 1");
        assertEquals(0, InboundEsp.spiOf(sent[1], 4), "2^32: the low-order 32 bits, 0");
        assertEquals(2, InboundEsp.spiOf(sent[3], 4));
        if (a.aead) {
            assertEquals(1, InboundEsp.spiOf(sent[1], 8), "GCM's IV is the whole 64-bit number");
        }
        assertEquals(1L << 32, i.open(sent[1], 0, sent[1].length).sequence(), "low bits 0: 2^32, not a replay of 0");
        assertEquals((1L << 32) + 2, i.open(sent[3], 0, sent[3].length).sequence());
        assertEquals(OutboundEsp.MAX_SEQUENCE, i.open(sent[0], 0, sent[0].length).sequence(), "late, the subspace before");
        assertEquals(EspException.Reason.REPLAY, assertThrows(EspException.class,
                () -> i.open(sent[1], 0, sent[1].length)).reason());
        assertEquals((1L << 32) + 1, i.open(sent[2], 0, sent[2].length).sequence());

        // the high-order bits are in the ICV: a receiver without ESN, or placing them elsewhere, does not verify it
        byte[] third = sent[3];
        InboundEsp plain = new InboundEsp(SPI, keys(a, 1), new ReplayWindow(), false);
        assertEquals(EspException.Reason.BAD_ICV, assertThrows(EspException.class,
                () -> plain.open(third, 0, third.length)).reason());
        InboundEsp behind = new InboundEsp(SPI, keys(a, 1), new ReplayWindow(1, 1), true);
        assertEquals(EspException.Reason.BAD_ICV, assertThrows(EspException.class,
                () -> behind.open(third, 0, third.length)).reason(), "placed in subspace 0");
        assertEquals(1, behind.window().highest(), "and the window did not move");
        assertEquals((1L << 32) + 2, behind.inspect(third, 0, third.length, 1).sequence(), "analysis, told the subspace");
    }

    /**
     * RFC 4303 Appendix A3: after 2^32 or more packets lost in a row the window places the low-order bits in the
     * wrong subspace and every packet fails the ICV; after {@link InboundEsp#RESYNC_AFTER} such failures in a row
     * the receiver tries the next high-order values, and the first packet that verifies so moves the window, after
     * which packets open as usual. Forged packets (a bad ICV under every guess) never move it.
     */
    @ParameterizedTest
    @EnumSource(EspAlgorithm.class)
    void afterTwoToTheThirtyTwoPacketsLostTheReceiverResynchronises(EspAlgorithm a) throws EspException {
        long sent = (2L << 32) + 2000; // two subspaces ahead of the receiver: A2.2 places it in subspace 0
        OutboundEsp o = new OutboundEsp(SPI, keys(a, 1), sent, (s, out, off, len) -> out[off] = (byte) s, true);
        InboundEsp i = new InboundEsp(SPI, keys(a, 1), new ReplayWindow(1000, 1), true);
        byte[] forged = o.seal(135, MH, 0, MH.length);
        forged[forged.length - 1] ^= 1;
        for (int k = 0; k < 3 * InboundEsp.RESYNC_AFTER; k++) {
            assertEquals(EspException.Reason.BAD_ICV, assertThrows(EspException.class,
                    () -> i.open(forged, 0, forged.length)).reason());
        }
        assertEquals(1000, i.window().highest(), "forged packets tried with every guess do not move the window");

        InboundEsp fresh = new InboundEsp(SPI, keys(a, 1), new ReplayWindow(1000, 1), true);
        for (int k = 1; k < InboundEsp.RESYNC_AFTER; k++) {
            byte[] p = o.seal(135, MH, 0, MH.length);
            assertEquals(EspException.Reason.BAD_ICV, assertThrows(EspException.class, () -> fresh.open(p, 0, p.length)).reason(),
                    "failure " + k + " of the trigger");
        }
        byte[] p = o.seal(135, MH, 0, MH.length);
        InboundEsp.Opened opened = fresh.open(p, 0, p.length);
        assertEquals(sent + 1 + InboundEsp.RESYNC_AFTER, opened.sequence(), "found with the high-order bits 2");
        assertTrue(opened.resynchronised());
        assertArrayEquals(MH, opened.payload());
        byte[] next = o.seal(135, MH, 0, MH.length);
        InboundEsp.Opened after = fresh.open(next, 0, next.length);
        assertEquals(sent + 2 + InboundEsp.RESYNC_AFTER, after.sequence());
        assertTrue(!after.resynchronised(), "placed by the window again");

        // a packet that verifies in between resets the count: the next failure is the first again
        OutboundEsp ahead = new OutboundEsp(SPI, keys(a, 1), sent, (s, out, off, len) -> out[off] = (byte) s, true);
        OutboundEsp inStep = new OutboundEsp(SPI, keys(a, 1), 1000, (s, out, off, len) -> out[off] = (byte) s, true);
        InboundEsp counting = new InboundEsp(SPI, keys(a, 1), new ReplayWindow(1000, 1), true);
        for (int k = 1; k < InboundEsp.RESYNC_AFTER; k++) {
            byte[] q = ahead.seal(135, MH, 0, MH.length);
            assertThrows(EspException.class, () -> counting.open(q, 0, q.length));
        }
        byte[] genuine = inStep.seal(135, MH, 0, MH.length);
        assertEquals(1001, counting.open(genuine, 0, genuine.length).sequence());
        byte[] q = ahead.seal(135, MH, 0, MH.length);
        assertEquals(EspException.Reason.BAD_ICV, assertThrows(EspException.class, () -> counting.open(q, 0, q.length)).reason(),
                "one failure since the packet that verified: no retries yet");
    }

    @ParameterizedTest
    @EnumSource(EspAlgorithm.class)
    void withoutExtendedSequenceNumbersTheHighOrderBitsAreNotCovered(EspAlgorithm a) throws EspException {
        byte[] esn = new OutboundEsp(SPI, keys(a, 1), 0, (s, out, off, len) -> { }, true).seal(135, MH, 0, MH.length);
        byte[] plain = new OutboundEsp(SPI, keys(a, 1), 0, (s, out, off, len) -> { }, false).seal(135, MH, 0, MH.length);
        assertEquals(esn.length, plain.length);
        assertTrue(!java.util.Arrays.equals(esn, plain), "four zero octets in the ICV make it another one");
        assertEquals(1, new InboundEsp(SPI, keys(a, 1), new ReplayWindow(), true).open(esn, 0, esn.length).sequence());
    }

    @ParameterizedTest
    @EnumSource(EspAlgorithm.class)
    void keysOfTheWrongLengthAreRefused(EspAlgorithm a) {
        assertThrows(IllegalArgumentException.class, () -> new EspKeys(a, new byte[a.encryptionKeyMaterial() + 1],
                new byte[a.integrityKeyLength]));
        assertThrows(IllegalArgumentException.class, () -> new EspKeys(a, new byte[a.encryptionKeyMaterial()],
                new byte[a.integrityKeyLength + 1]));
        assertTrue(new EspKeys(a, new byte[a.encryptionKeyMaterial()], new byte[a.integrityKeyLength]).toString()
                .contains("keys not shown"));
    }
}
