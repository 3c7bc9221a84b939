package org.mip6.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/** Derivation of 64-bit interface identifiers. */
public final class InterfaceIdentifiers {

    private InterfaceIdentifiers() {
    }

    /**
     * Modified EUI-64 interface identifier of a MAC address (RFC 4291 Appendix A): insert ff:fe in the
     * middle and invert the universal/local bit.
     */
    public static long eui64(MacAddress mac) {
        long m = mac.value();
        long oui = m >>> 24;
        long nic = m & 0xff_ffffL;
        return ((oui << 40) | (0xfffeL << 24) | nic) ^ 0x0200_0000_0000_0000L;
    }

    /**
     * Semantically opaque interface identifier of RFC 7217 §5:
     * {@code RID = F(Prefix, Net_Iface, Network_ID, DAD_Counter, secret_key)} with F = SHA-256, the
     * identifier being the first 64 bits of the digest. The inputs are hashed in that order: the 8
     * prefix bytes, the UTF-8 interface name, the UTF-8 network id (may be empty), the DAD counter as
     * one byte, then the key. The result avoids the reserved identifiers of RFC 5453 by moving to the
     * next DAD counter, as §6 of RFC 7217 asks.
     */
    public static long stableOpaque(Ipv6Prefix prefix, String netIface, String networkId, int dadCounter,
                                    byte[] secretKey) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(netIface, "netIface");
        Objects.requireNonNull(secretKey, "secretKey");
        if (prefix.length() > 64) {
            throw new IllegalArgumentException("RFC 7217 identifiers need a prefix of at most /64, got " + prefix);
        }
        if (dadCounter < 0 || dadCounter > 255) {
            throw new IllegalArgumentException("DAD counter must be 0..255, got " + dadCounter);
        }
        if (secretKey.length < 16) {
            throw new IllegalArgumentException("RFC 7217 §5 asks for a secret key of at least 128 bits, got "
                    + secretKey.length * 8);
        }
        for (int counter = dadCounter; counter <= 255; counter++) {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java platform", e);
            }
            byte[] p = new byte[8];
            Ipv6Address.writeLong(p, 0, prefix.address().high());
            sha.update(p);
            sha.update(netIface.getBytes(StandardCharsets.UTF_8));
            sha.update(networkId == null ? new byte[0] : networkId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) counter);
            sha.update(secretKey);
            long iid = Ipv6Address.readLong(sha.digest(), 0);
            if (!isReserved(iid)) {
                return iid;
            }
        }
        throw new IllegalStateException("no unreserved identifier for DAD counters " + dadCounter + "..255");
    }

    /**
     * Reserved interface identifiers of RFC 5453 §3: subnet-router anycast (0), the IANA Ethernet
     * block 0200:5eff:fe00:0000-0200:5eff:feff:ffff, and the RFC 2526 subnet anycast range
     * fdff:ffff:ffff:ff80-fdff:ffff:ffff:ffff.
     */
    public static boolean isReserved(long iid) {
        return iid == 0L
                || (iid >>> 24) == 0x0200_5eff_feL
                || (iid & ~0x7fL) == 0xfdff_ffff_ffff_ff80L;
    }
}
