package org.mip6.ipsec.internal.engine;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptographic transform of one SA direction on the JDK's providers: AES-GCM as RFC 4106 uses it
 * (nonce = salt || IV, AAD = SPI || Sequence Number), or AES-CBC with an HMAC over the ESP header, IV and
 * ciphertext (RFC 4303 §3.3.4). With Extended Sequence Numbers the high-order 32 bits, never sent, are
 * covered too: in the AAD between SPI and the low-order bits (RFC 4106 §5), or after the ciphertext for the
 * HMAC (RFC 4303 §2.2.1). Not thread-safe: one per SA direction, on the node's thread.
 */
final class EspCipher {

    private final EspAlgorithm algorithm;
    private final SecretKeySpec key;
    private final byte[] salt;
    private final Cipher cipher;
    private final Mac mac;

    EspCipher(EspKeys keys) {
        this.algorithm = keys.algorithm();
        byte[] material = keys.encryptionKey();
        this.key = new SecretKeySpec(material, 0, algorithm.cipherKeyLength, "AES");
        this.salt = algorithm.aead ? Arrays.copyOfRange(material, algorithm.cipherKeyLength, material.length) : null;
        try {
            this.cipher = Cipher.getInstance(algorithm.aead ? "AES/GCM/NoPadding" : "AES/CBC/NoPadding");
            this.mac = algorithm.aead ? null : Mac.getInstance(algorithm.mac);
            if (mac != null) {
                mac.init(new SecretKeySpec(keys.integrityKey(), algorithm.mac));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + algorithm.id + ": " + e, e);
        }
    }

    /**
     * Encrypts {@code plain} (payload, padding and trailer) into {@code out} at {@code at}, after the ESP
     * header at {@code header} and the IV already written at {@code at - ivLength}; then the ICV. Returns
     * the end.
     */
    int seal(byte[] out, int header, int at, byte[] plain, byte[] sequenceHigh) {
        try {
            byte[] iv = Arrays.copyOfRange(out, at - algorithm.ivLength, at);
            if (algorithm.aead) {
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(algorithm.icvLength * 8, nonce(iv)));
                aad(out, header, sequenceHigh);
                return at + cipher.doFinal(plain, 0, plain.length, out, at);
            }
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            int end = at + cipher.doFinal(plain, 0, plain.length, out, at);
            mac.update(out, header, end - header);
            if (sequenceHigh != null) {
                mac.update(sequenceHigh);
            }
            byte[] icv = mac.doFinal();
            System.arraycopy(icv, 0, out, end, algorithm.icvLength);
            return end + algorithm.icvLength;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.id + " sealing failed: " + e, e);
        }
    }

    /**
     * Verifies and decrypts the ESP packet {@code esp[off, off + len)}: the plaintext (payload, padding,
     * trailer). {@code sequenceHigh}: the high-order 32 bits of its Extended Sequence Number (null without
     * ESN). @throws EspException BAD_ICV when the ICV does not verify
     */
    byte[] open(byte[] esp, int off, int len, byte[] sequenceHigh) throws EspException {
        int ivAt = off + 8;
        int dataAt = ivAt + algorithm.ivLength;
        byte[] iv = Arrays.copyOfRange(esp, ivAt, dataAt);
        try {
            if (algorithm.aead) {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(algorithm.icvLength * 8, nonce(iv)));
                aad(esp, off, sequenceHigh);
                return cipher.doFinal(esp, dataAt, off + len - dataAt);
            }
            int icvAt = off + len - algorithm.icvLength;
            mac.update(esp, off, icvAt - off);
            if (sequenceHigh != null) {
                mac.update(sequenceHigh);
            }
            byte[] expected = Arrays.copyOf(mac.doFinal(), algorithm.icvLength);
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(esp, icvAt, off + len))) {
                throw new EspException(EspException.Reason.BAD_ICV, "the ICV does not verify");
            }
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
            return cipher.doFinal(esp, dataAt, icvAt - dataAt);
        } catch (AEADBadTagException e) {
            throw new EspException(EspException.Reason.BAD_ICV, "the ICV does not verify");
        } catch (GeneralSecurityException e) {
            throw new EspException(EspException.Reason.TRUNCATED, "the ciphertext does not decrypt: " + e.getMessage());
        }
    }

    /** RFC 4106 §5: SPI || Sequence Number, or SPI || high-order 32 bits || low-order 32 bits with ESN. */
    private void aad(byte[] esp, int header, byte[] sequenceHigh) {
        if (sequenceHigh == null) {
            cipher.updateAAD(esp, header, 8);
            return;
        }
        cipher.updateAAD(esp, header, 4);
        cipher.updateAAD(sequenceHigh);
        cipher.updateAAD(esp, header + 4, 4);
    }

    /** RFC 4106 §4: the 12-octet nonce, salt then IV. */
    private byte[] nonce(byte[] iv) {
        byte[] n = new byte[12];
        System.arraycopy(salt, 0, n, 0, 4);
        System.arraycopy(iv, 0, n, 4, 8);
        return n;
    }
}
