package org.mip6.ipsec;

/**
 * What an ESP packet carried (RFC 4303 §2): its SPI and Sequence Number, and the payload with its protocol
 * (Next Header), padding and trailer removed.
 */
public record DecryptedEsp(long spi, long sequence, int nextHeader, byte[] payload) {
}
