package org.mip6.examples.experimentalmh;

import java.util.LinkedHashMap;
import java.util.Map;

import org.mip6.wire.Bytes;
import org.mip6.wire.DecodeException;
import org.mip6.wire.DecodeReason;
import org.mip6.wire.mh.MobilityOptionCodec;
import org.osgi.service.component.annotations.Component;

/**
 * The codec of {@link ExperimentalTag}, registered for mobility option type 18: while this bundle is
 * active, {@code mip6:decode} and {@code mip6:trace} show the option's tag and value in any Mobility
 * Header that carries it. Receivers still ignore the option (RFC 6275 §6.2.1).
 */
@Component(service = MobilityOptionCodec.class,
        property = MobilityOptionCodec.OPTION_TYPE + ":Integer=" + ExperimentalTag.OPTION_TYPE)
public final class ExperimentalTagCodec implements MobilityOptionCodec<ExperimentalTag> {

    @Override
    public String name(ExperimentalTag o) {
        return "Experimental Tag";
    }

    @Override
    public ExperimentalTag decode(Bytes d) throws DecodeException {
        if (d.length() < 1) {
            throw new DecodeException(DecodeReason.TRUNCATED, 0, "an experimental tag needs at least its tag octet");
        }
        return new ExperimentalTag(d.get(0), Bytes.copyOf(d.toArray(), 1, d.length() - 1));
    }

    @Override
    public Bytes encode(ExperimentalTag o) {
        byte[] b = new byte[1 + o.value().length()];
        b[0] = (byte) o.tag();
        o.value().copyTo(b, 1);
        return Bytes.of(b);
    }

    @Override
    public Map<String, Object> describe(ExperimentalTag o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tag", o.tag());
        m.put("value", o.value().hex());
        return m;
    }
}
