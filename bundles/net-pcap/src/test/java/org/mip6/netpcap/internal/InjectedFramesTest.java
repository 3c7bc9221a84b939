package org.mip6.netpcap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InjectedFramesTest {

    static byte[] frame(int tag) {
        byte[] f = new byte[60];
        f[59] = (byte) tag;
        return f;
    }

    @Test
    void aFrameIsRecognisedByItsBytesOnceEachTimeItWasAdded() {
        InjectedFrames q = new InjectedFrames(8);
        q.add(frame(1));
        q.add(frame(2));
        q.add(frame(1)); // the host sent the same frame twice
        assertFalse(q.take(frame(3)), "a frame of the world's own nodes goes out");
        assertTrue(q.take(frame(2).clone()), "the tap's copy, not the same array");
        assertTrue(q.take(frame(1)));
        assertTrue(q.take(frame(1)));
        assertFalse(q.take(frame(1)), "seen as often as added, then it is the world's again");
        assertEquals(0, q.size());
    }

    @Test
    void theOldestIsForgottenWhenFull() {
        InjectedFrames q = new InjectedFrames(2);
        q.add(frame(1)); // dropped by the link: the tap never sees it
        q.add(frame(2));
        q.add(frame(3));
        assertEquals(2, q.size());
        assertFalse(q.take(frame(1)));
        assertTrue(q.take(frame(3)));
        assertTrue(q.take(frame(2)));
        assertThrows(IllegalArgumentException.class, () -> new InjectedFrames(0));
    }
}
