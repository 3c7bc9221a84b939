package org.mip6.stack.internal.engine;

/**
 * Neighbor Discovery and autoconfiguration constants, RFC 4861 §10 and RFC 4862 defaults, in one place.
 *
 * @param retransTimerNanos            RETRANS_TIMER: between NS retransmissions and DAD probes (1 s)
 * @param dupAddrDetectTransmits       DupAddrDetectTransmits (1; 0 disables DAD)
 * @param reachableTimeNanos           REACHABLE_TIME (30 s)
 * @param delayFirstProbeNanos         DELAY_FIRST_PROBE_TIME (5 s)
 * @param maxMulticastSolicit          MAX_MULTICAST_SOLICIT (3)
 * @param maxUnicastSolicit            MAX_UNICAST_SOLICIT (3)
 * @param maxRtrSolicitations          MAX_RTR_SOLICITATIONS (3)
 * @param rtrSolicitationIntervalNanos RTR_SOLICITATION_INTERVAL (4 s)
 * @param maxRtrSolicitationDelayNanos MAX_RTR_SOLICITATION_DELAY (1 s): random delay before the first RS / DAD probe
 * @param optimisticDad                RFC 4429: use a tentative address at once (for movement experiments)
 * @param maxQueuedPerNeighbor         packets held while a neighbour resolves
 */
public record NdParameters(long retransTimerNanos, int dupAddrDetectTransmits, long reachableTimeNanos,
                           long delayFirstProbeNanos, int maxMulticastSolicit, int maxUnicastSolicit,
                           int maxRtrSolicitations, long rtrSolicitationIntervalNanos,
                           long maxRtrSolicitationDelayNanos, boolean optimisticDad, int maxQueuedPerNeighbor) {

    public static final long SECOND = 1_000_000_000L;

    public static final NdParameters DEFAULT = new NdParameters(SECOND, 1, 30 * SECOND, 5 * SECOND, 3, 3, 3,
            4 * SECOND, SECOND, false, 8);

    public NdParameters {
        if (retransTimerNanos <= 0 || reachableTimeNanos <= 0 || delayFirstProbeNanos <= 0
                || rtrSolicitationIntervalNanos <= 0 || maxRtrSolicitationDelayNanos < 0) {
            throw new IllegalArgumentException("ND timers must be positive");
        }
        if (dupAddrDetectTransmits < 0 || maxMulticastSolicit < 1 || maxUnicastSolicit < 1 || maxRtrSolicitations < 0
                || maxQueuedPerNeighbor < 1) {
            throw new IllegalArgumentException("ND counts out of range");
        }
    }

    public NdParameters withDad(int transmits, long retransNanos) {
        return new NdParameters(retransNanos, transmits, reachableTimeNanos, delayFirstProbeNanos, maxMulticastSolicit,
                maxUnicastSolicit, maxRtrSolicitations, rtrSolicitationIntervalNanos, maxRtrSolicitationDelayNanos,
                optimisticDad, maxQueuedPerNeighbor);
    }

    public NdParameters withOptimisticDad(boolean on) {
        return new NdParameters(retransTimerNanos, dupAddrDetectTransmits, reachableTimeNanos, delayFirstProbeNanos,
                maxMulticastSolicit, maxUnicastSolicit, maxRtrSolicitations, rtrSolicitationIntervalNanos,
                maxRtrSolicitationDelayNanos, on, maxQueuedPerNeighbor);
    }
}
