/** Capture files: classic pcap and pcapng reading, classic pcap writing. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.4.0")
package org.mip6.wire.pcap;
