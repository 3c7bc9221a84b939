package org.mip6.wire.mh;

import java.util.Map;

import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;

/**
 * A codec for a mobility option type this bundle leaves as {@link MobilityOption.UnknownMobilityOption}
 * (RFC 5096's Experimental Mobility Option, type 18, or a draft's new option), registered by a bundle
 * deployed at runtime as an OSGi service with {@link #OPTION_TYPE}: {@code mip6:decode} and
 * {@code mip6:trace} then show the option's fields. Receivers still ignore unknown options (RFC 6275
 * §6.2.1); this is about what a person sees. The highest ranking service wins for a type.
 *
 * <p>Stateless and thread-safe; {@code decode} must reject, never crash on, any input.
 *
 * @param <O> the option
 */
public interface MobilityOptionCodec<O> {

    /** Service property: the option type decoded (an Integer 2-255). */
    String OPTION_TYPE = "mip6.mh.option.type";

    /** The option's name as a line shows it. */
    String name(O option);

    /**
     * The option from its Option Data: the bytes after its Type and Length octets (RFC 6275 §6.2.1).
     *
     * @throws DecodeException with the offset within the Option Data
     */
    O decode(Bytes optionData) throws DecodeException;

    /** The Option Data of {@code option} (at most 255 bytes). */
    Bytes encode(O option);

    /** The fields {@code mip6:decode --json} shows for it, in order. */
    Map<String, Object> describe(O option);
}
