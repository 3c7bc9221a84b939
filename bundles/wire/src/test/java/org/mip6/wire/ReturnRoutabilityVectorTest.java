package org.mip6.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.mip6.wire.mh.MobilityHeaderCodec;

/** ../shared/reference/rr-vector.txt: the codec hands the ro bundle exactly the bytes RFC 6275 §5.2.6 hashes. */
class ReturnRoutabilityVectorTest {

    static final String HASHED = "3b0305000000000280000069040400070008050c";
    static final String KBM = "290877217f1036ec97fad9bdf1d9ed6bfe7691b2";
    static final String AUTHENTICATOR = "0064da8f2fb3cdef5278ac10";

    @Test
    void mobilityDataOfTheBindingUpdateIsTheVector() throws Exception {
        byte[] frame = PacketCodec.encodeEthernet(Vectors.all().stream().filter(v -> v.name().equals("bu-cn-rr"))
                .findFirst().orElseThrow().frame());
        int mhOff = 14 + 40 + 24;
        byte[] mh = Arrays.copyOfRange(frame, mhOff, frame.length);
        assertEquals(32, mh.length);
        assertEquals(HASHED, Bytes.of(MobilityHeaderCodec.authenticatedData(mh, 0, mh.length)).hex());
        assertEquals(mh.length - 12, MobilityHeaderCodec.authenticatorOffset(mh, 0, mh.length));

        // and the authenticator in the frame is First(96, HMAC_SHA1(Kbm, CoA | CN | data)) of that vector
        Mac hmac = Mac.getInstance("HmacSHA1");
        hmac.init(new SecretKeySpec(Bytes.fromHex(KBM).toArray(), "HmacSHA1"));
        hmac.update(Vectors.COA.toBytes());
        hmac.update(Vectors.CN.toBytes());
        hmac.update(MobilityHeaderCodec.authenticatedData(mh, 0, mh.length));
        assertEquals(AUTHENTICATOR, Bytes.of(Arrays.copyOf(hmac.doFinal(), 12)).hex());
        assertEquals(AUTHENTICATOR, Bytes.copyOf(mh, mh.length - 12, 12).hex());
    }
}
