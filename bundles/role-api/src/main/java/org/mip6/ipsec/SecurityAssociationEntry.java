package org.mip6.ipsec;

/**
 * One SAD entry (RFC 4301 §4.4.2) as it is now.
 *
 * @param spi                the Security Parameters Index (unsigned 32 bits)
 * @param direction          "out" or "in"
 * @param mode               "transport" or "tunnel"
 * @param algorithm          the ESP transform, e.g. "aes-gcm-16-128"
 * @param source             the source the SA's packets carry on the wire: the mobile node's end is its care-of
 *                           address, "*" while none is known
 * @param destination        likewise the destination
 * @param mobileSource       whether the source (else the destination) is the mobile node's end, which moves
 * @param sequence           outbound: the last Sequence Number sent; inbound: the highest received
 * @param replayWindow       the anti-replay window's size (inbound), 0 outbound
 * @param replayBitmap       which of the last {@code replayWindow} numbers were received (bit i: sequence - i)
 * @param packets            packets sealed or opened
 * @param octets             ESP octets sealed or opened
 * @param encryptionKey      the encryption key material (for AES-GCM with its 4-octet salt)
 * @param integrityKey       the integrity key (empty for AES-GCM)
 * @param wiresharkEncryption     the encryption algorithm as Wireshark's ESP SA table names it
 * @param wiresharkAuthentication the authentication algorithm as Wireshark names it
 */
public record SecurityAssociationEntry(long spi, String direction, String mode, String algorithm, String source,
                                       String destination, boolean mobileSource, long sequence, int replayWindow, long replayBitmap,
                                       long packets, long octets, byte[] encryptionKey, byte[] integrityKey,
                                       String wiresharkEncryption, String wiresharkAuthentication) {

    /**
     * This SA as a row of Wireshark's ESP SA table (the {@code esp_sa} file of a configuration profile,
     * {@code uat:esp_sa}): protocol, source, destination ("*": any), SPI, encryption algorithm and key,
     * authentication algorithm and key; the mobile node's end is "*", so that the row matches from every
     * care-of address. It holds the keys.
     */
    public String wiresharkRow() {
        return String.join(",", quote("IPv6"), quote(mobileSource ? "*" : source), quote(mobileSource ? destination : "*"), quote(String.format("0x%08x", spi)),
                quote(wiresharkEncryption), quote(hex(encryptionKey)), quote(wiresharkAuthentication),
                quote(integrityKey.length == 0 ? "" : hex(integrityKey)));
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /** Octets as 0x-prefixed hex, as Wireshark reads keys. */
    public static String hex(byte[] b) {
        return "0x" + java.util.HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() { // never the keys
        return String.format("%s %s SPI 0x%08x %s %s -> %s seq %d", direction, mode, spi, algorithm, source, destination,
                sequence);
    }
}
