package org.mip6.shell.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

import org.mip6.wire.mh.MobilityMessageCodec;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The {@link MobilityMessageCodec} services registered when a command runs (deployed bundles that
 * decode an experimental MH type), highest ranking per type; given back when closed.
 */
final class MobilityCodecs implements IntFunction<MobilityMessageCodec<?>>, AutoCloseable {

    private final BundleContext context = FrameworkUtil.getBundle(MobilityCodecs.class).getBundleContext();
    private final Map<Integer, ServiceReference<?>> byType = new HashMap<>();
    private final Map<Integer, MobilityMessageCodec<?>> codecs = new HashMap<>();

    MobilityCodecs() {
        ServiceReference<?>[] refs;
        try {
            refs = context.getServiceReferences(MobilityMessageCodec.class.getName(), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // no filter given
        }
        if (refs != null) {
            for (ServiceReference<?> r : refs) {
                if (r.getProperty(MobilityMessageCodec.MH_TYPE) instanceof Number n) {
                    byType.merge(n.intValue(), r, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
    }

    @Override
    public MobilityMessageCodec<?> apply(int mhType) {
        ServiceReference<?> r = byType.get(mhType);
        if (r == null) {
            return null;
        }
        return codecs.computeIfAbsent(mhType, t -> context.getService(r) instanceof MobilityMessageCodec<?> c ? c : null);
    }

    @Override
    public void close() {
        for (Integer t : codecs.keySet()) {
            try {
                context.ungetService(byType.get(t));
            } catch (IllegalStateException gone) {
                // the bundle stopped meanwhile
            }
        }
        codecs.clear();
    }
}
