/** Address value types shared by every mip6 bundle: IPv6 addresses and prefixes, MAC addresses. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.mip6.net;
