package org.mip6.ha;

import org.mip6.net.Ipv6Address;

/**
 * Decides whether a home agent accepts a home registration it could serve: RFC 6275 §10.3.1 lets a
 * home agent reject a Binding Update "for any other reason" (status 129 administratively prohibited,
 * 130 insufficient resources). The first experimental extension point of the workbench.
 *
 * <p>Contract: registered as a service, with {@code mip6.node=NAME} to apply to one node only (without
 * it, to every home agent); the highest {@code service.ranking} wins, and with none registered the home
 * agent applies its configured ACL. The home agent asks after the RFC's own checks (sequence number,
 * home subnet, deregistration of an unknown binding) and before anything changes: a rejection leaves
 * the binding cache as it was. It is called on the node's thread for every Binding Update, refreshes
 * included, so it must be fast and must not block. A policy that throws, or returns a status that is
 * not a rejection code, is treated as 128 (reason unspecified) and counted.
 */
@FunctionalInterface
public interface HomeRegistrationPolicy {

    /** Accept (any status below 128). */
    int ACCEPT = 0;
    /** Reason unspecified. */
    int REASON_UNSPECIFIED = 128;
    /** Administratively prohibited. */
    int ADMINISTRATIVELY_PROHIBITED = 129;
    /** Insufficient resources. */
    int INSUFFICIENT_RESOURCES = 130;

    /**
     * What is asked for.
     *
     * @param node             the home agent's node
     * @param homeAgent        the home agent address the Binding Update was sent to
     * @param homeAddress      the mobile node's home address
     * @param careOfAddress    the care-of address (the Alternate Care-of Address when present)
     * @param lifetimeSeconds  the lifetime requested (before the home agent's caps)
     * @param flags            the Binding Update's flags (A, H, L, K as in the codec's {@code BindingUpdate})
     * @param newBinding       whether there is no binding for the home address yet
     */
    record Request(String node, Ipv6Address homeAgent, Ipv6Address homeAddress, Ipv6Address careOfAddress,
                   int lifetimeSeconds, int flags, boolean newBinding) {
    }

    /** @return {@link #ACCEPT}, or a Binding Acknowledgement status from 128 to 255 */
    int decide(Request request);
}
