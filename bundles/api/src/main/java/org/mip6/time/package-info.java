/**
 * The time contract: a {@link org.mip6.time.Clock}, a single-threaded {@link org.mip6.time.Scheduler}
 * and its virtual-time variant. Components take time from here, never from {@code System}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.mip6.time;
