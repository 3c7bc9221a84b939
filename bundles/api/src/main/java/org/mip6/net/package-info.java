/** Address value types shared by every mip6 bundle: IPv6 addresses and prefixes, MAC addresses; {@link org.mip6.net.AddressSlots}, the flat table keyed by address that per-binding state is kept in. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.6.0")
package org.mip6.net;
