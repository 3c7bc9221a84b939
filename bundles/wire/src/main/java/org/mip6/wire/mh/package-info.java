/** Mobility Header messages and options (RFC 6275 §6.1, §6.2) and their codec. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.5.0")
package org.mip6.wire.mh;
