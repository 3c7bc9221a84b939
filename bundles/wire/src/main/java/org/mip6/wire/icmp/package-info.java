/** ICMPv6 messages, Neighbor Discovery options with their Mobile IPv6 extensions, and their codec; Multicast Listener Discovery messages (0.2). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.mip6.wire.icmp;
