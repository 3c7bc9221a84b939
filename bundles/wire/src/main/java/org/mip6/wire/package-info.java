/** Byte-exact codecs for IPv6, the Mobility Header, ICMPv6 and their MIPv6 extensions. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.7.0")
package org.mip6.wire;
