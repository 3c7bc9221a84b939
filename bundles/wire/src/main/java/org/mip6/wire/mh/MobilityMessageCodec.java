package org.mip6.wire.mh;

import java.util.Map;

import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;

/**
 * A codec for a Mobility Header type this bundle leaves as {@link MobilityMessage.UnknownMobilityMessage}:
 * RFC 5096's experimental type 11, or a draft's new message. A bundle deployed at runtime registers it as
 * an OSGi service with {@link #MH_TYPE}; from then on {@code mip6:decode} and {@code mip6:trace} show the
 * message's fields, and the node's role whiteboard can deliver the type to a handler of the same bundle
 * ({@code org.mip6.role.MobilityHandler}). When the bundle goes, the type is unknown again. The highest
 * ranking service wins for a type.
 *
 * <p>Stateless and thread-safe; {@code decode} must reject, never crash on, any input.
 *
 * @param <M> the message
 */
public interface MobilityMessageCodec<M> {

    /** Service property: the MH Type decoded (an Integer 0-255). */
    String MH_TYPE = "mip6.mh.type";

    /** The message's name as a line shows it ("Experimental Echo Request"). */
    String name(M message);

    /**
     * The message from its Message Data: the bytes after the 6-byte fixed part of the Mobility Header
     * (RFC 6275 §6.1.1; RFC 5096 §2), padding and options included.
     *
     * @throws DecodeException with the offset within the Message Data
     */
    M decode(Bytes messageData) throws DecodeException;

    /** The Message Data of {@code message}: 6 + its length must be a multiple of 8 (RFC 6275 §6.1.1). */
    Bytes encode(M message);

    /** The fields {@code mip6:decode --json} shows for it, in order (values: strings, numbers, booleans, lists). */
    Map<String, Object> describe(M message);
}
