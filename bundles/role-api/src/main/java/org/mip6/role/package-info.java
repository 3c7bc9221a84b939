/**
 * The contract every Mobile IPv6 role (home agent, mobile node, correspondent node, route
 * optimisation, DHAAD, IPsec) plugs into: each node is a {@link org.mip6.role.RoleNode} service with
 * its name in {@link org.mip6.role.RoleNode#NODE}; roles register handlers for that node through the
 * whiteboard ({@link org.mip6.role.MobilityHandler}, {@link org.mip6.role.Icmpv6Handler},
 * {@link org.mip6.role.HomeAddressHandler}, {@link org.mip6.role.RoutingHeader2Handler},
 * {@link org.mip6.role.OutboundHandler}, and IPsec's {@link org.mip6.role.PacketProtection}). A role never uses another bundle's classes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.21.0")
package org.mip6.role;
