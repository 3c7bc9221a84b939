package org.mip6.examples.experimentalmh;

import java.util.Map;

import org.mip6.net.Ipv6Address;
import org.mip6.role.MobilityHandler;
import org.mip6.role.NodeAttachments;
import org.mip6.role.RoleNode;
import org.mip6.wire.DecodeException;
import org.mip6.wire.Ipv6Packet;
import org.mip6.wire.Payload;
import org.mip6.wire.mh.MobilityMessage;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A role handler for MH type 11 on one node (default {@code cn}): answers an {@link ExperimentalEcho}
 * request with its reply, from the address it was sent to. While this bundle is active the node no
 * longer answers type 11 with Binding Error status 2 (RFC 6275 §9.2); when it goes, it does again.
 * PID {@code org.mip6.examples.experimentalmh}.
 */
@Component(immediate = true, configurationPid = "org.mip6.examples.experimentalmh")
@Designate(ocd = ExperimentalEchoResponder.Config.class)
public final class ExperimentalEchoResponder {

    @ObjectClassDefinition(name = "mip6 example: experimental Mobility Header echo")
    public @interface Config {
        @AttributeDefinition(description = "The node that answers experimental echoes")
        String node() default "cn";
    }

    private static final System.Logger LOG = System.getLogger("experimental-mh");

    private final ExperimentalEchoCodec codec = new ExperimentalEchoCodec();
    private final NodeAttachments<RoleNode> attachments;

    @Activate
    public ExperimentalEchoResponder(BundleContext context, Config config) {
        this.attachments = new NodeAttachments<>(context, config.node(), (node, services) -> {
            services.register(MobilityHandler.class, (rx, m) -> answer(node, rx, m), MobilityHandler.MH_TYPE, ExperimentalEcho.MH_TYPE);
            return node;
        }, node -> { });
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNode(RoleNode node, Map<String, Object> props) {
        attachments.added(node, props);
    }

    void removeNode(RoleNode node, Map<String, Object> props) {
        attachments.removed(node);
    }

    @Deactivate
    void deactivate() {
        attachments.close();
    }

    /** On the node's thread. */
    private void answer(RoleNode node, org.mip6.role.ReceivedPacket rx, MobilityMessage m) {
        if (!(m instanceof MobilityMessage.UnknownMobilityMessage u)) {
            return;
        }
        ExperimentalEcho echo;
        try {
            echo = codec.decode(u.body());
        } catch (DecodeException e) {
            LOG.log(System.Logger.Level.DEBUG, node.name() + ": a malformed experimental echo from " + rx.source() + ": " + e.getMessage());
            return;
        }
        if (echo.kind() != ExperimentalEcho.REQUEST || rx.destination().isMulticast()) {
            return;
        }
        Ipv6Address from = rx.destination();
        node.send(Ipv6Packet.of(from, rx.source(), 64, new Payload.Mobility(
                new MobilityMessage.UnknownMobilityMessage(ExperimentalEcho.MH_TYPE, codec.encode(echo.reply())))));
    }
}
