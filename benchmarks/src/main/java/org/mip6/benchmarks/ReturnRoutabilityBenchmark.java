package org.mip6.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.mip6.net.Ipv6Address;
import org.mip6.ro.internal.engine.ReturnRoutabilityCrypto;
import org.mip6.ro.internal.engine.ReturnRoutabilityResponder;
import org.mip6.state.ReturnRoutabilitySecret;
import org.mip6.wire.Bytes;
import org.mip6.wire.mh.MobilityHeaderCodec;
import org.mip6.wire.mh.MobilityMessage.BindingUpdate;
import org.mip6.wire.mh.MobilityMessage.CareOfTest;
import org.mip6.wire.mh.MobilityMessage.HomeTest;
import org.mip6.wire.mh.MobilityOption;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A correspondent node's return routability per core (bundle ro): a Home Test made (one keygen token),
 * and a Binding Update authorized (two tokens, Kbm, the authenticator over the Mobility Header: three
 * HMAC-SHA1 and one SHA1, each instance reused). Baselines in the same run: the same HMACs and SHA1
 * with the plain JDK {@code Mac.getInstance} / {@code MessageDigest.getInstance} per call, as an
 * implementation that does not keep its instances would. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar ReturnRoutabilityBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReturnRoutabilityBenchmark {

    static final long S = 1_000_000_000L;
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::ff:fe00:b");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::ff:fe00:b");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:4::ff:fe00:9");
    static final byte[] KCN = Bytes.fromHex("0102030405060708090a0b0c0d0e0f1011121314").toArray();

    ReturnRoutabilityResponder responder;
    byte[] bu;
    int homeIndex;
    int careOfIndex;
    long cookie;
    byte[] nonce = new byte[8];
    byte[] data;

    @Setup
    public void setUp() {
        responder = new ReturnRoutabilityResponder(new ReturnRoutabilitySecret(Bytes.of(KCN), 0, 30 * S));
        HomeTest hot = responder.homeTest(10 * S, HOA, 1);
        CareOfTest cot = responder.careOfTest(10 * S, COA, 2);
        homeIndex = hot.nonceIndex();
        careOfIndex = cot.nonceIndex();
        bu = MobilityHeaderCodec.encode(new BindingUpdate(7, BindingUpdate.A, 105, List.of(
                new MobilityOption.NonceIndices(homeIndex, careOfIndex), MobilityOption.BindingAuthorizationData.placeholder())));
        ReturnRoutabilityCrypto mn = new ReturnRoutabilityCrypto();
        byte[] kbm = mn.bindingManagementKey(hot.keygenToken(), cot.keygenToken());
        data = MobilityHeaderCodec.authenticatedData(bu, 0, bu.length);
        byte[] auth = mn.authenticator(kbm, COA, CN, data);
        System.arraycopy(auth, 0, bu, MobilityHeaderCodec.authenticatorOffset(bu, 0, bu.length), auth.length);
    }

    @Benchmark
    public Object homeTest() {
        return responder.homeTest(11 * S, HOA, cookie++);
    }

    @Benchmark
    public Object authorizeBindingUpdate() {
        return responder.authorize(11 * S, HOA, COA, CN, homeIndex, careOfIndex, false, bu, 0, bu.length);
    }

    /** Baseline of {@link #homeTest}: one HMAC-SHA1 with a new JDK Mac. */
    @Benchmark
    public byte[] jdkMacPerCallHomeToken() throws Exception {
        return jdkToken(HOA, 0);
    }

    /** HMAC_SHA1(Kcn, address | nonce | 0 for home, 1 for care-of) with a new JDK Mac (RFC 6275 §5.2.5). */
    private byte[] jdkToken(Ipv6Address address, int kind) throws Exception {
        Mac m = Mac.getInstance("HmacSHA1");
        m.init(new SecretKeySpec(KCN, "HmacSHA1"));
        m.update(address.toBytes());
        m.update(nonce);
        m.update((byte) kind);
        return m.doFinal();
    }

    /** Baseline of {@link #authorizeBindingUpdate}: its three HMAC-SHA1 and one SHA1 with new JDK instances. */
    @Benchmark
    public byte[] jdkMacPerCallAuthorization() throws Exception {
        byte[] home = jdkToken(HOA, 0);
        byte[] careOf = jdkToken(COA, 1);
        java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-1");
        d.update(home, 0, 8);
        d.update(careOf, 0, 8);
        byte[] kbm = d.digest();
        Mac a = Mac.getInstance("HmacSHA1");
        a.init(new SecretKeySpec(kbm, "HmacSHA1"));
        a.update(COA.toBytes());
        a.update(CN.toBytes());
        a.update(data);
        return a.doFinal();
    }
}
