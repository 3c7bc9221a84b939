package org.mip6.wire;

/**
 * What a receiver does about a packet it could not decode, per RFC 6275 §9.2 and RFC 8200 §4.
 * The roles call {@link #of} and carry it out (the stack sends the ICMPv6 error or Binding Error).
 *
 * @param kind    what to do
 * @param code    ICMPv6 Parameter Problem code, or Binding Error status, or -1
 * @param pointer ICMPv6 Parameter Problem pointer (from the start of the IPv6 header), or -1
 */
public record Reaction(Kind kind, int code, int pointer) {

    public enum Kind {
        /** Drop without any answer (bad checksum, truncation, bad options). */
        SILENT_DISCARD,
        /** ICMPv6 Parameter Problem (type 4) with {@link #code} and {@link #pointer}. */
        PARAMETER_PROBLEM,
        /** Binding Error with status {@link #code} (RFC 6275 §6.1.9). */
        BINDING_ERROR
    }

    /** Binding Error status 1: unknown binding for Home Address destination option. */
    public static final int BE_UNKNOWN_BINDING_FOR_HAO = 1;
    /** Binding Error status 2: unrecognized MH Type value. */
    public static final int BE_UNRECOGNIZED_MH_TYPE = 2;

    public static final Reaction SILENT_DISCARD = new Reaction(Kind.SILENT_DISCARD, -1, -1);

    /** The reaction to an MH Type the node does not recognize: Binding Error status 2 (RFC 6275 §9.2). */
    public static final Reaction UNRECOGNIZED_MH_TYPE = new Reaction(Kind.BINDING_ERROR, BE_UNRECOGNIZED_MH_TYPE, -1);

    public static Reaction parameterProblem(int code, int pointer) {
        return new Reaction(Kind.PARAMETER_PROBLEM, code, pointer);
    }

    /**
     * RFC 6275 §9.2: a bad MH checksum is silently discarded; Payload Proto other than 59 and a Header
     * Len below the type's minimum get a Parameter Problem code 0 pointing at that field. A bad Type 2
     * Routing Header or extension header gets a Parameter Problem code 0 at the field (RFC 8200 §4.4);
     * a Hop-by-Hop header anywhere but first gets code 1 at the Next Header field that named it
     * (RFC 8200 §4.1). Everything else is silently discarded.
     */
    public static Reaction of(DecodeException e) {
        int ptr = e.ipv6Offset();
        return switch (e.reason()) {
            case BAD_PAYLOAD_PROTO, BAD_HEADER_LEN, BAD_ROUTING_HEADER ->
                    ptr >= 0 ? parameterProblem(0, ptr) : SILENT_DISCARD;
            case BAD_EXTENSION_HEADER -> e.nextHeaderPointer() >= 0
                    ? parameterProblem(1, e.nextHeaderPointer())
                    : ptr >= 0 ? parameterProblem(0, ptr) : SILENT_DISCARD;
            default -> SILENT_DISCARD;
        };
    }
}
