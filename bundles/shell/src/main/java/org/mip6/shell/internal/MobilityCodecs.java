package org.mip6.shell.internal;

import java.util.HashMap;
import java.util.Map;

import org.mip6.wire.mh.MobilityMessageCodec;
import org.mip6.wire.mh.MobilityOptionCodec;
import org.mip6.wire.text.FrameDescriber;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The {@link MobilityMessageCodec} and {@link MobilityOptionCodec} services registered when a command runs
 * (deployed bundles that decode an experimental MH type or mobility option), highest ranking per type;
 * given back when closed.
 */
final class MobilityCodecs implements FrameDescriber.Extensions, AutoCloseable {

    private final BundleContext context = FrameworkUtil.getBundle(MobilityCodecs.class).getBundleContext();
    private final Map<Integer, ServiceReference<?>> messages = references(MobilityMessageCodec.class, MobilityMessageCodec.MH_TYPE);
    private final Map<Integer, ServiceReference<?>> options = references(MobilityOptionCodec.class, MobilityOptionCodec.OPTION_TYPE);
    private final Map<ServiceReference<?>, Object> gotten = new HashMap<>();

    private Map<Integer, ServiceReference<?>> references(Class<?> type, String property) {
        Map<Integer, ServiceReference<?>> byType = new HashMap<>();
        ServiceReference<?>[] refs;
        try {
            refs = context.getServiceReferences(type.getName(), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // no filter given
        }
        if (refs != null) {
            for (ServiceReference<?> r : refs) {
                if (r.getProperty(property) instanceof Number n) {
                    byType.merge(n.intValue(), r, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        return byType;
    }

    @Override
    public MobilityMessageCodec<?> mobilityMessage(int mhType) {
        return get(messages.get(mhType)) instanceof MobilityMessageCodec<?> c ? c : null;
    }

    @Override
    public MobilityOptionCodec<?> mobilityOption(int optionType) {
        return get(options.get(optionType)) instanceof MobilityOptionCodec<?> c ? c : null;
    }

    private Object get(ServiceReference<?> r) {
        return r == null ? null : gotten.computeIfAbsent(r, context::getService);
    }

    @Override
    public void close() {
        for (ServiceReference<?> r : gotten.keySet()) {
            try {
                context.ungetService(r);
            } catch (IllegalStateException gone) {
                // the bundle stopped meanwhile
            }
        }
        gotten.clear();
    }
}
