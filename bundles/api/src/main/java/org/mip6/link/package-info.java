/** The link contract: ports that carry Ethernet frames, for simulated and live links alike. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.4.0")
package org.mip6.link;
