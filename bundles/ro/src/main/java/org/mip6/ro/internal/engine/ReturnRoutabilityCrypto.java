package org.mip6.ro.internal.engine;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.mip6.net.Ipv6Address;

/**
 * The formulas of return routability (RFC 6275 §5.2.5, §6.2.7) with HMAC_SHA1 and SHA1. One instance
 * keeps its {@link Mac} and {@link MessageDigest} (making them is what costs): not thread-safe, one per
 * node thread.
 */
public final class ReturnRoutabilityCrypto {

    /** Nonces and keygen tokens are 64 bits (§5.2.2, §5.2.5). */
    public static final int NONCE_LENGTH = 8;

    /** The authenticator is First(96, ...) (§6.2.7). */
    public static final int AUTHENTICATOR_LENGTH = 12;

    private static final byte HOME = 0;
    private static final byte CARE_OF = 1;
    /** Nonces are made with the same key as tokens, told apart by this last byte (tokens end in 0 or 1). */
    private static final byte NONCE = 2;

    /** Keyed with Kcn (tokens and nonces) and {@link #hmac} with each Kbm, so neither is keyed again for the other. */
    private final Mac tokenHmac;
    private final Mac hmac;
    private final MessageDigest sha1;
    private final byte[] block = new byte[20];
    /** The key {@link #hmac} holds (the same array: Kcn, every time for a correspondent): no new key schedule. */
    private byte[] keyed;
    private byte[] tokenKeyed;

    public ReturnRoutabilityCrypto() {
        try {
            hmac = Mac.getInstance("HmacSHA1");
            tokenHmac = Mac.getInstance("HmacSHA1");
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA1 / SHA-1", e);
        }
    }

    /** §5.2.5: home keygen token = First(64, HMAC_SHA1(Kcn, home address | nonce | 0)). */
    public long homeKeygenToken(byte[] kcn, Ipv6Address homeAddress, byte[] nonce) {
        return token(kcn, homeAddress, nonce, HOME);
    }

    /** §5.2.5: care-of keygen token = First(64, HMAC_SHA1(Kcn, care-of address | nonce | 1)). */
    public long careOfKeygenToken(byte[] kcn, Ipv6Address careOfAddress, byte[] nonce) {
        return token(kcn, careOfAddress, nonce, CARE_OF);
    }

    /**
     * Nonce number {@code counter} of a correspondent node (§5.2.2 leaves how to make them to the node):
     * First(64, HMAC_SHA1(Kcn, counter | 2)), unpredictable without Kcn and the same again for a role
     * that replaces another with the same Kcn.
     */
    public byte[] nonce(byte[] kcn, long counter) {
        try {
            tokenKey(kcn);
            for (int i = 7; i >= 0; i--) {
                tokenHmac.update((byte) (counter >>> (8 * i)));
            }
            tokenHmac.update(NONCE);
            tokenHmac.doFinal(block, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return Arrays.copyOf(block, NONCE_LENGTH);
    }

    /** §5.2.5: Kbm = SHA1(home keygen token | care-of keygen token). */
    public byte[] bindingManagementKey(long homeKeygenToken, long careOfKeygenToken) {
        sha1.reset();
        update(sha1, homeKeygenToken);
        update(sha1, careOfKeygenToken);
        return sha1.digest();
    }

    /** §5.2.5: for a deregistration (lifetime 0, or care-of address = home address), Kbm = SHA1(home keygen token). */
    public byte[] bindingManagementKey(long homeKeygenToken) {
        sha1.reset();
        update(sha1, homeKeygenToken);
        return sha1.digest();
    }

    /** §6.2.7: First(96, HMAC_SHA1(Kbm, care-of address | correspondent address | mobility data)). */
    public byte[] authenticator(byte[] kbm, Ipv6Address careOfAddress, Ipv6Address correspondent, byte[] mobilityData) {
        try {
            key(kbm);
            hmac.update(careOfAddress.toBytes());
            hmac.update(correspondent.toBytes());
            hmac.update(mobilityData);
            hmac.doFinal(block, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return Arrays.copyOf(block, AUTHENTICATOR_LENGTH);
    }

    private long token(byte[] kcn, Ipv6Address address, byte[] nonce, byte which) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("a nonce is 8 bytes, got " + nonce.length);
        }
        try {
            tokenKey(kcn);
            tokenHmac.update(address.toBytes());
            tokenHmac.update(nonce);
            tokenHmac.update(which);
            tokenHmac.doFinal(block, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        long t = 0;
        for (int i = 0; i < 8; i++) {
            t = (t << 8) | (block[i] & 0xff);
        }
        return t;
    }

    /**
     * Keys the HMAC with {@code key} unless it holds that very array already (doFinal leaves it keyed):
     * callers never change a key array they passed.
     */
    private void key(byte[] key) throws GeneralSecurityException {
        if (key != keyed) {
            hmac.init(new SecretKeySpec(key, "HmacSHA1"));
            keyed = key;
        }
    }

    private void tokenKey(byte[] kcn) throws GeneralSecurityException {
        if (kcn != tokenKeyed) {
            tokenHmac.init(new SecretKeySpec(kcn, "HmacSHA1"));
            tokenKeyed = kcn;
        }
    }

    private static void update(MessageDigest d, long v) {
        for (int i = 7; i >= 0; i--) {
            d.update((byte) (v >>> (8 * i)));
        }
    }
}
