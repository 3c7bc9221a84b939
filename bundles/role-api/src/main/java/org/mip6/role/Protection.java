package org.mip6.role;

/**
 * How a received packet was protected: under the inbound ESP SA {@code spi}, in transport mode or in
 * tunnel mode (RFC 4303; for Mobile IPv6, RFC 3776 §4).
 *
 * @param spi      the SA's Security Parameters Index (an unsigned 32-bit value)
 * @param tunnel   tunnel mode (the packet came out of an ESP tunnel), else transport mode
 * @param sequence the ESP Sequence Number it carried
 */
public record Protection(long spi, boolean tunnel, long sequence) {

    @Override
    public String toString() {
        return String.format("ESP %s SPI 0x%08x seq %d", tunnel ? "tunnel" : "transport", spi, sequence);
    }
}
