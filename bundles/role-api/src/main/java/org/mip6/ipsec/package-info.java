/**
 * What a node's IPsec shows (RFC 4301 §4.4): its Security Policy Database and Security Association
 * Database as the {@code ipsec} bundle configured them for Mobile IPv6 (RFC 3776, RFC 4877), registered
 * per node with {@link org.mip6.role.RoleNode#NODE}; read by {@code mip6:spd} and {@code mip6:sad}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.mip6.ipsec;
