package org.mip6.examples.experimentalmh;

import java.util.Objects;

import org.mip6.wire.Bytes;

/**
 * An example Experimental Mobility Option (RFC 5096, option type 18) as an experiment might define its
 * Option Data: a one-octet tag, then the tag's value.
 *
 * @param tag   0-255
 * @param value the rest of the Option Data (at most 254 bytes)
 */
public record ExperimentalTag(int tag, Bytes value) {

    /** The Experimental Mobility Option type (RFC 5096 §3). */
    public static final int OPTION_TYPE = 18;

    public ExperimentalTag {
        if (tag < 0 || tag > 255) {
            throw new IllegalArgumentException("tag " + tag + " is not 0-255");
        }
        Objects.requireNonNull(value, "value");
        if (value.length() > 254) {
            throw new IllegalArgumentException(value.length() + " value bytes: at most 254 fit an option");
        }
    }
}
