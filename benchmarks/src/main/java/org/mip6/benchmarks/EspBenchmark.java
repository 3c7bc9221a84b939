package org.mip6.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.mip6.ipsec.internal.engine.EspAlgorithm;
import org.mip6.ipsec.internal.engine.EspKeys;
import org.mip6.ipsec.internal.engine.InboundEsp;
import org.mip6.ipsec.internal.engine.OutboundEsp;
import org.mip6.ipsec.internal.engine.ReplayWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ESP per packet and core (bundle ipsec): sealing and opening a Binding Update's Mobility Header (16
 * octets) and a 1,400-octet payload, per algorithm. Baseline in the same run: the JDK {@code Cipher} and
 * {@code Mac} calls alone on the same bytes (what ESP cannot do with less), so the ratio is what the ESP
 * framing, padding, trailer checks and anti-replay window cost on top. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar EspBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class EspBenchmark {

    @Param({"aes-gcm-16-128", "aes-gcm-16-256", "aes-cbc-128/hmac-sha2-256-128", "aes-cbc-256/hmac-sha2-256-128",
            "aes-cbc-128/hmac-sha1-96"})
    String algorithm;

    @Param({"16", "1400"})
    int size;

    static final int PACKETS = 1 << 14;

    EspAlgorithm a;
    EspKeys keys;
    OutboundEsp out;
    InboundEsp in;
    byte[] payload;
    /** PACKETS sealed packets with sequence numbers 1..PACKETS, opened in turn (the window accepts each once). */
    byte[][] sealed;
    int next;
    // the baseline's own instances, reused as ours are
    Cipher cipher;
    Mac mac;
    SecretKeySpec key;
    byte[] iv;
    byte[] plain;
    byte[] ciphertext;
    /** GCM refuses an IV twice with one key: a counter in the IV's last octets. */
    long ivCounter;
    /** The IV {@link #ciphertext} was made with (setUp's), for the GCM baseline's open. */
    byte[] gcmIv;

    @Setup
    public void setUp() throws Exception {
        a = EspAlgorithm.of(algorithm);
        SplittableRandom r = new SplittableRandom(1);
        byte[] enc = new byte[a.encryptionKeyMaterial()];
        byte[] auth = new byte[a.integrityKeyLength];
        r.nextBytes(enc);
        r.nextBytes(auth);
        keys = new EspKeys(a, enc, auth);
        payload = new byte[size];
        r.nextBytes(payload);
        OutboundEsp sealer = new OutboundEsp(0x1001, keys, 0, new SplittableRandom(2));
        sealed = new byte[PACKETS][];
        for (int i = 0; i < PACKETS; i++) {
            sealed[i] = sealer.seal(135, payload, 0, payload.length);
        }
        out = new OutboundEsp(0x1001, keys, 0, new SplittableRandom(2));
        in = new InboundEsp(0x1001, keys, new ReplayWindow());
        key = new SecretKeySpec(enc, 0, a.cipherKeyLength, "AES");
        cipher = Cipher.getInstance(a.aead ? "AES/GCM/NoPadding" : "AES/CBC/NoPadding");
        if (!a.aead) {
            mac = Mac.getInstance(a == EspAlgorithm.AES_CBC_128_HMAC_SHA1_96 ? "HmacSHA1" : "HmacSHA256");
            mac.init(new SecretKeySpec(auth, mac.getAlgorithm()));
        }
        iv = new byte[a.aead ? 12 : 16];
        plain = new byte[sealed[0].length - 8 - a.ivLength - a.icvLength];  // payload, padding and trailer
        ciphertext = baselineSeal();
        gcmIv = iv.clone();
    }

    /** Ours: a sequence number, padding and trailer, the IV, the cipher and the ICV, the packet assembled. */
    @Benchmark
    public byte[] seal() {
        if (out.sequence() == OutboundEsp.MAX_SEQUENCE - 1) {
            out = new OutboundEsp(0x1001, keys, 0, new SplittableRandom(2));
        }
        return out.seal(135, payload, 0, payload.length);
    }

    /** Ours: the replay check, the ICV, decryption, the trailer checks, the window moved. */
    @Benchmark
    public Object open() throws Exception {
        if (next == PACKETS) {
            next = 0;
            in = new InboundEsp(0x1001, keys, new ReplayWindow()); // once per 16,384 packets
        }
        byte[] p = sealed[next++];
        return in.open(p, 0, p.length);
    }

    /** The JDK calls alone on the same plaintext length: encrypt (GCM with its tag; CBC, then the HMAC). */
    @Benchmark
    public byte[] baselineSeal() throws Exception {
        ivCounter++;
        for (int i = 0; i < 8; i++) {
            iv[iv.length - 1 - i] = (byte) (ivCounter >>> (8 * i));
        }
        if (a.aead) {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(iv, 0, 8);
            return cipher.doFinal(plain);
        }
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        byte[] c = cipher.doFinal(plain);
        mac.update(c);
        mac.doFinal();
        return c;
    }

    /** The JDK calls alone: verify and decrypt what baselineSeal made (GCM checks its tag; CBC: HMAC, then decrypt). */
    @Benchmark
    public byte[] baselineOpen() throws Exception {
        if (a.aead) {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, gcmIv));
            cipher.updateAAD(iv, 0, 8);
            return cipher.doFinal(ciphertext);
        }
        mac.update(ciphertext);
        mac.doFinal();
        cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
        return cipher.doFinal(ciphertext);
    }
}
