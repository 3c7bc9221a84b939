/** Capture files: classic pcap and pcapng reading (compressed with gzip, zstd or lz4 too), classic pcap writing. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.6.0")
package org.mip6.wire.pcap;
