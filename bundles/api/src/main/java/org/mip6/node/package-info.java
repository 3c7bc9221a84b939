/** The node contract: IPv6 hosts and routers that the network bundles create through a NodeFactory. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.12.0")
package org.mip6.node;
