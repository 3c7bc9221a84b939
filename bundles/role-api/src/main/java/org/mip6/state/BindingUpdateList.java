package org.mip6.state;

/** The binding update lists of the mobile nodes (RFC 6275 §11.1), by destination and home address. */
public interface BindingUpdateList extends NodeState<BindingUpdateList.Key, BindingUpdateListEntry> {

    /** An entry's key: the destination of the Binding Update and the home address it is for. */
    record Key(org.mip6.net.Ipv6Address destination, org.mip6.net.Ipv6Address homeAddress) {
    }

    /**
     * RFC 6275 §11.7.3: {@code destination} refused {@code node}'s Binding Update for a reason no other Binding
     * Update corrects; recorded in the list, as the RFC asks, so that none goes there again (the record outlives
     * a swap of the role, as the list does, and goes with the node). Recorded for good; see
     * {@link #refuse(String, org.mip6.net.Ipv6Address, long)}. The default records nothing.
     */
    default void refuse(String node, org.mip6.net.Ipv6Address destination) {
    }

    /**
     * {@link #refuse(String, org.mip6.net.Ipv6Address)} until {@code until} (node clock, ns): §11.1 keeps the
     * record in a list entry, whose lifetime is the one the refused Binding Update asked and which is deleted
     * when that runs out; then a Binding Update may go there again (a refusal forged where the signalling has
     * no IPsec does not bar a home agent for ever). The default records it for good.
     */
    default void refuse(String node, org.mip6.net.Ipv6Address destination, long until) {
        refuse(node, destination);
    }

    /** Whether {@link #refuse} recorded {@code destination} for {@code node}, at any time. */
    default boolean refused(String node, org.mip6.net.Ipv6Address destination) {
        return false;
    }

    /** Whether {@code destination} is recorded refused for {@code node} at {@code now} (node clock, ns). */
    default boolean refused(String node, org.mip6.net.Ipv6Address destination, long now) {
        return refused(node, destination);
    }

    /** The destinations recorded refused for {@code node}, oldest first. */
    default java.util.List<org.mip6.net.Ipv6Address> refusedDestinations(String node) {
        return java.util.List.of();
    }
}
