package org.mip6.role;

/**
 * Why a role component is not attached to its node although it is active (its configuration is valid but does
 * not fit the node: a home prefix the node does not advertise, say), or why its attached instance goes on with its
 * configuration before the last change ({@link #ATTACHED}): a service {@link NodeAttachments} registers for as long
 * as the role refuses the node or the change, with {@link RoleNode#NODE}, {@link #CONFIGURATION}, {@link #REASON}
 * and {@link #ATTACHED}, so that {@code mip6:info} shows it beside the component instead of only in the log.
 */
public interface RoleRefusal {

    /** Service property: the PID of the component's configuration. */
    String CONFIGURATION = "mip6.configuration";

    /** Service property: the reason, naming the configuration's PID and field. */
    String REASON = "mip6.refusal";

    /**
     * Service property, a {@link Boolean}: true when the role is attached and what it refused is a change of its
     * configuration (it goes on with the configuration before it); false when it is not attached to the node.
     */
    String ATTACHED = "mip6.attached";

    /** The same as {@link #REASON}. */
    String reason();
}
