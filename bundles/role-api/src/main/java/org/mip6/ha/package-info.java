/**
 * The home agent's extension points: {@link org.mip6.ha.HomeRegistrationPolicy}, the acceptance
 * policy of home registrations (RFC 6275 §10.3.1).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.mip6.ha;
