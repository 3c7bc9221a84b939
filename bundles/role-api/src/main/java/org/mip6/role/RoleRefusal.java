package org.mip6.role;

/**
 * Why a role component is not attached to its node although it is active (its configuration is valid but does
 * not fit the node: a home prefix the node does not advertise, say): a service {@link NodeAttachments} registers
 * for as long as the role refuses the node, with {@link RoleNode#NODE}, {@link #CONFIGURATION} and {@link #REASON},
 * so that {@code mip6:info} shows it beside the component instead of only in the log.
 */
public interface RoleRefusal {

    /** Service property: the PID of the component's configuration. */
    String CONFIGURATION = "mip6.configuration";

    /** Service property: the reason, naming the configuration's PID and field. */
    String REASON = "mip6.refusal";

    /** The same as {@link #REASON}. */
    String reason();
}
