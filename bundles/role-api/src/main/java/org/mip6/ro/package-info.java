/**
 * Return routability as a service (RFC 6275 §5.2): the correspondent node's half, through which the
 * correspondent role authorizes Binding Updates and signs its Binding Acknowledgements without knowing
 * how the keys are made. The bundle that provides it (the {@code ro} bundle for RFC 6275's return
 * routability) can be replaced by another scheme at runtime.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.mip6.ro;
