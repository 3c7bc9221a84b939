package org.mip6.netsim.internal;

/** A topology configuration that cannot be built; names the configuration and the field. */
final class TopologyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    TopologyException(String configuration, String field, String message) {
        super("configuration " + configuration + ", field " + field + ": " + message);
    }
}
