package org.mip6.ipsec.internal.engine;

/**
 * The ESP transforms RFC 8221 says to implement (and HMAC-SHA1-96 for old peers), with the sizes RFC 4303
 * processing needs: the key material, the IV carried in each packet, the block the plaintext is padded
 * to, and the Integrity Check Value.
 */
public enum EspAlgorithm {
    /** AES-GCM with a 16-octet ICV (RFC 4106), 128-bit key; key material = key (16) + salt (4). */
    AES_GCM_16_128("aes-gcm-16-128", true, 16, 0, 8, 4, 16, null),
    /** AES-GCM with a 16-octet ICV (RFC 4106), 256-bit key; key material = key (32) + salt (4). */
    AES_GCM_16_256("aes-gcm-16-256", true, 32, 0, 8, 4, 16, null),
    /** AES-CBC (RFC 3602) with HMAC-SHA2-256-128 (RFC 4868). */
    AES_CBC_128_HMAC_SHA2_256_128("aes-cbc-128/hmac-sha2-256-128", false, 16, 32, 16, 16, 16, "HmacSHA256"),
    /** AES-CBC (RFC 3602), 256-bit key, with HMAC-SHA2-256-128 (RFC 4868). */
    AES_CBC_256_HMAC_SHA2_256_128("aes-cbc-256/hmac-sha2-256-128", false, 32, 32, 16, 16, 16, "HmacSHA256"),
    /** AES-CBC (RFC 3602) with HMAC-SHA1-96 (RFC 2404): for old peers only (RFC 8221 §6). */
    AES_CBC_128_HMAC_SHA1_96("aes-cbc-128/hmac-sha1-96", false, 16, 20, 16, 16, 12, "HmacSHA1");

    /** The name configuration and {@code mip6:sad} use. */
    public final String id;
    /** Combined mode (AEAD): one key does both. */
    public final boolean aead;
    /** The cipher key in octets (GCM: without the 4-octet salt). */
    public final int cipherKeyLength;
    /** The integrity key in octets (0 for AEAD). */
    public final int integrityKeyLength;
    /** The IV each packet carries. */
    public final int ivLength;
    /** What payload + padding + the 2 trailer octets is a multiple of. */
    public final int block;
    /** The Integrity Check Value. */
    public final int icvLength;
    /** The JCA MAC (null for AEAD). */
    final String mac;

    /** The encryption algorithm as Wireshark's ESP SA table ({@code esp_sa}) names it. */
    public String wiresharkEncryption() {
        return aead ? "AES-GCM with 16 octet ICV [RFC4106]" : "AES-CBC [RFC3602]";
    }

    /** The authentication algorithm as Wireshark names it ("NULL" for AEAD, whose ICV is GCM's). */
    public String wiresharkAuthentication() {
        return switch (this) {
            case AES_GCM_16_128, AES_GCM_16_256 -> "NULL";
            case AES_CBC_128_HMAC_SHA2_256_128, AES_CBC_256_HMAC_SHA2_256_128 -> "HMAC-SHA-256-128 [RFC4868]";
            case AES_CBC_128_HMAC_SHA1_96 -> "HMAC-SHA-1-96 [RFC2404]";
        };
    }

    EspAlgorithm(String id, boolean aead, int cipherKeyLength, int integrityKeyLength, int ivLength, int block,
                 int icvLength, String mac) {
        this.id = id;
        this.aead = aead;
        this.cipherKeyLength = cipherKeyLength;
        this.integrityKeyLength = integrityKeyLength;
        this.ivLength = ivLength;
        this.block = block;
        this.icvLength = icvLength;
        this.mac = mac;
    }

    /** Octets of encryption key material: the cipher key, and GCM's 4-octet salt (RFC 4106 §8.1). */
    public int encryptionKeyMaterial() {
        return cipherKeyLength + (aead ? 4 : 0);
    }

    /** @throws IllegalArgumentException naming the algorithms there are */
    public static EspAlgorithm of(String id) {
        for (EspAlgorithm a : values()) {
            if (a.id.equalsIgnoreCase(id.strip())) {
                return a;
            }
        }
        StringBuilder names = new StringBuilder();
        for (EspAlgorithm a : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(a.id);
        }
        throw new IllegalArgumentException("unknown ESP algorithm \"" + id + "\" (" + names + ")");
    }
}
