/** The running embedded network (the workbench's world) as a service for the shell and tests. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.11.0")
package org.mip6.world;
