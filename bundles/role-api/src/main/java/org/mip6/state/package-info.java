/**
 * The Mobile IPv6 state that must outlive a swap of the role bundles (DESIGN §4): binding cache,
 * binding update list, home agents list, return routability secrets, IPsec SA counters and role counters, per node, provided
 * by the {@code state} bundle. Entries
 * hold absolute expiry times on the node's clock, so a new role instance re-arms its timers from what
 * it finds. A node's entries go when the node does (a world reset).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.14.0")
package org.mip6.state;
