package org.mip6.ipsec.internal.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * CBC IVs (RFC 3602 §2: unpredictable) drawn from the world's seed: the Sequence Number encrypted under an
 * AES key made from the seed, the node and the SPI. Same seed, same IVs, same pcap; nobody without the seed
 * predicts them; and an SA that goes on after a swap goes on with the same IVs.
 */
public final class SeededIvs implements OutboundEsp.IvSource {

    private final Cipher aes;

    public SeededIvs(long seed, String node, long spi) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update("mip6 ESP IV ".getBytes(StandardCharsets.US_ASCII));
            for (int i = 7; i >= 0; i--) {
                d.update((byte) (seed >>> (8 * i)));
            }
            d.update(node.getBytes(StandardCharsets.UTF_8));
            for (int i = 3; i >= 0; i--) {
                d.update((byte) (spi >>> (8 * i)));
            }
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(d.digest(), 0, 16, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES: " + e, e);
        }
    }

    @Override
    public void iv(long sequence, byte[] out, int off, int len) {
        byte[] block = new byte[16];
        for (int i = 0; i < 8; i++) {
            block[15 - i] = (byte) (sequence >>> (8 * i));
        }
        try {
            byte[] iv = aes.doFinal(block);
            System.arraycopy(iv, 0, out, off, len);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
