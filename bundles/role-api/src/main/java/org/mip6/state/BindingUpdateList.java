package org.mip6.state;

/** The binding update lists of the mobile nodes (RFC 6275 §11.1), by destination and home address. */
public interface BindingUpdateList extends NodeState<BindingUpdateList.Key, BindingUpdateListEntry> {

    /** An entry's key: the destination of the Binding Update and the home address it is for. */
    record Key(org.mip6.net.Ipv6Address destination, org.mip6.net.Ipv6Address homeAddress) {
    }
}
