package org.mip6.examples.experimentalmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;

class ExperimentalEchoCodecTest {

    final ExperimentalEchoCodec codec = new ExperimentalEchoCodec();

    /** Kind 1, identifier 0x1234, 3 data bytes, one byte of padding: 6 + 10 = 16, a multiple of 8. */
    static final Bytes REQUEST = Bytes.fromHex("0100" + "1234" + "0003" + "abcdef" + "00");

    @Test
    void bytesToRecordAndBack() throws DecodeException {
        ExperimentalEcho e = codec.decode(REQUEST);
        assertEquals(new ExperimentalEcho(ExperimentalEcho.REQUEST, 0x1234, Bytes.fromHex("abcdef")), e);
        assertEquals(REQUEST, codec.encode(e));
        assertEquals("Experimental Echo Request", codec.name(e));
        assertEquals("Experimental Echo Reply", codec.name(e.reply()));
    }

    @Test
    void everyTruncationIsRejected() {
        for (int n = 0; n < 6; n++) {
            int len = n;
            assertThrows(DecodeException.class, () -> codec.decode(Bytes.copyOf(REQUEST.toArray(), 0, len)));
        }
        // data length past the end
        assertThrows(DecodeException.class, () -> codec.decode(Bytes.fromHex("010012340010abcdef000000000000000000")));
        // an unknown kind
        assertThrows(DecodeException.class, () -> codec.decode(Bytes.fromHex("030012340000" + "00000000")));
    }

    @Test
    void anEmptyEchoIsTenBytesOfMessageData() {
        assertEquals(10, codec.encode(new ExperimentalEcho(ExperimentalEcho.REPLY, 7, Bytes.EMPTY)).length());
    }
}
