package org.mip6.state;

/** The correspondent nodes' return routability secrets, one per node under {@link #KEY}. */
public interface ReturnRoutabilitySecrets extends NodeState<String, ReturnRoutabilitySecret> {

    /** The one key of a node's secret. */
    String KEY = "kcn";
}
