package org.mip6.node;

import java.util.List;

import org.mip6.net.MacAddress;

/** An interface of a node: its MAC, the link it is attached to (or null) and its addresses. */
public record InterfaceStatus(int index, String port, MacAddress mac, String link, List<AddressStatus> addresses) {

    public InterfaceStatus {
        addresses = List.copyOf(addresses);
    }
}
