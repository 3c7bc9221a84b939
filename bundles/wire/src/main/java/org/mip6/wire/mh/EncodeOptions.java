package org.mip6.wire.mh;

import java.util.List;

/**
 * How to encode a Mobility Header when the bytes are meant to be wrong: tests and fuzzing make
 * deliberately invalid packets here, never by constructing invalid records (DESIGN §6).
 *
 * @param payloadProto   Payload Proto to write (59 is the only valid value)
 * @param headerLenDelta added to the correct Header Len
 * @param padOptions     false writes options back to back, ignoring their alignment
 * @param misalignOptions an extra Pad1 before the first option
 * @param extraOptions   written after the message's own options without the record checks (duplicates, BAD not last)
 */
public record EncodeOptions(int payloadProto, int headerLenDelta, boolean padOptions, boolean misalignOptions,
                            List<MobilityOption> extraOptions) {

    public static final EncodeOptions DEFAULT = new EncodeOptions(MobilityHeaderCodec.PAYLOAD_PROTO_NONE, 0, true, false, List.of());

    public EncodeOptions {
        extraOptions = List.copyOf(extraOptions);
    }

    public EncodeOptions withPayloadProto(int p) {
        return new EncodeOptions(p, headerLenDelta, padOptions, misalignOptions, extraOptions);
    }

    public EncodeOptions withHeaderLenDelta(int d) {
        return new EncodeOptions(payloadProto, d, padOptions, misalignOptions, extraOptions);
    }

    public EncodeOptions withoutPadding() {
        return new EncodeOptions(payloadProto, headerLenDelta, false, misalignOptions, extraOptions);
    }

    public EncodeOptions misaligned() {
        return new EncodeOptions(payloadProto, headerLenDelta, padOptions, true, extraOptions);
    }

    public EncodeOptions withExtraOptions(MobilityOption... extra) {
        return new EncodeOptions(payloadProto, headerLenDelta, padOptions, misalignOptions, List.of(extra));
    }
}
