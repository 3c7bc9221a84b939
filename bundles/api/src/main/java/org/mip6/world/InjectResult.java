package org.mip6.world;

/**
 * What {@link World#inject} put on a link.
 *
 * @param link        the link
 * @param frames      Ethernet frames scheduled
 * @param skipped     records left out: another link type, or shorter than an Ethernet header
 * @param spanNanos   from the first frame to the last (their capture timestamps' difference)
 * @param startNanos  the world's clock when the first frame leaves
 */
public record InjectResult(String link, int frames, int skipped, long spanNanos, long startNanos) {
}
