package org.mip6.ipsec.internal.engine;

import java.util.Objects;

/**
 * The keys of one SA direction, manually keyed (RFC 3776 §4.1): the algorithm, the encryption key
 * material (GCM: key and salt) and the integrity key (none for GCM).
 */
public record EspKeys(EspAlgorithm algorithm, byte[] encryptionKey, byte[] integrityKey) {

    public EspKeys {
        Objects.requireNonNull(algorithm, "algorithm");
        encryptionKey = encryptionKey.clone();
        integrityKey = integrityKey == null ? new byte[0] : integrityKey.clone();
        if (encryptionKey.length != algorithm.encryptionKeyMaterial()) {
            throw new IllegalArgumentException(algorithm.id + " needs " + algorithm.encryptionKeyMaterial()
                    + " octets of encryption key" + (algorithm.aead ? " (key and 4-octet salt)" : "") + ", got "
                    + encryptionKey.length);
        }
        if (integrityKey.length != algorithm.integrityKeyLength) {
            throw new IllegalArgumentException(algorithm.id + " needs " + algorithm.integrityKeyLength
                    + " octets of integrity key, got " + integrityKey.length);
        }
    }

    @Override
    public byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    @Override
    public byte[] integrityKey() {
        return integrityKey.clone();
    }

    @Override
    public String toString() {
        return "EspKeys[" + algorithm.id + ", keys not shown]"; // never in logs
    }
}
