package org.mip6.examples.experimentalmh;

import java.util.LinkedHashMap;
import java.util.Map;

import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.mh.MobilityMessageCodec;
import org.osgi.service.component.annotations.Component;

/**
 * The codec of {@link ExperimentalEcho}, registered for MH type 11: while this bundle is active,
 * {@code mip6:decode} and {@code mip6:trace} show its fields instead of an unknown type's bytes.
 */
@Component(service = MobilityMessageCodec.class, property = MobilityMessageCodec.MH_TYPE + ":Integer=" + ExperimentalEcho.MH_TYPE)
public final class ExperimentalEchoCodec implements MobilityMessageCodec<ExperimentalEcho> {

    /** Kind, Reserved, Identifier, Data Length. */
    static final int FIXED = 6;

    @Override
    public String name(ExperimentalEcho m) {
        return m.kind() == ExperimentalEcho.REQUEST ? "Experimental Echo Request" : "Experimental Echo Reply";
    }

    @Override
    public ExperimentalEcho decode(Bytes d) throws DecodeException {
        if (d.length() < FIXED) {
            throw new DecodeException(DecodeReason.TRUNCATED, d.length(), "an experimental echo needs " + FIXED
                    + " bytes of Message Data, got " + d.length());
        }
        int kind = d.get(0);
        if (kind != ExperimentalEcho.REQUEST && kind != ExperimentalEcho.REPLY) {
            throw new DecodeException(DecodeReason.BAD_LENGTH, 0, "kind " + kind + " is not 1 (request) or 2 (reply)");
        }
        int identifier = d.get(2) << 8 | d.get(3);
        int length = d.get(4) << 8 | d.get(5);
        if (FIXED + length > d.length()) {
            throw new DecodeException(DecodeReason.BAD_LENGTH, 4, "Data Length " + length + " runs past the "
                    + d.length() + " bytes of Message Data");
        }
        byte[] all = d.toArray();
        return new ExperimentalEcho(kind, identifier, Bytes.copyOf(all, FIXED, length));
    }

    @Override
    public Bytes encode(ExperimentalEcho m) {
        int n = FIXED + m.data().length();
        while ((6 + n) % 8 != 0) {
            n++; // zero padding: the Mobility Header is a multiple of 8 octets (RFC 6275 §6.1.1)
        }
        byte[] b = new byte[n];
        b[0] = (byte) m.kind();
        b[2] = (byte) (m.identifier() >>> 8);
        b[3] = (byte) m.identifier();
        b[4] = (byte) (m.data().length() >>> 8);
        b[5] = (byte) m.data().length();
        m.data().copyTo(b, FIXED);
        return Bytes.of(b);
    }

    @Override
    public Map<String, Object> describe(ExperimentalEcho m) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("kind", m.kind());
        f.put("identifier", m.identifier());
        f.put("data", m.data().hex());
        return f;
    }
}
