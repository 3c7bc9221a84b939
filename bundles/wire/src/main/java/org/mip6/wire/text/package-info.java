/** Human and JSON descriptions of decoded frames (mip6:decode). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.mip6.wire.text;
