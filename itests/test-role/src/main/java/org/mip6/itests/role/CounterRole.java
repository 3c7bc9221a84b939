package org.mip6.itests.role;

import java.util.Arrays;

import org.mip6.role.MobilityHandler;
import org.mip6.role.ReceivedPacket;
import org.mip6.role.RoleNode;
import org.mip6.wire.Bytes;
import org.mip6.wire.mh.MobilityMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A role for the integration tests: on node {@code cn} it handles the experimental MH Type 11 (RFC
 * 5096) and answers each message with a UDP datagram to the sender's port 9999 carrying the message's
 * first four bytes, so a test on the sending node sees every message the role handled, in order.
 */
@Component(property = {RoleNode.NODE + "=cn", MobilityHandler.MH_TYPE + ":Integer=11"})
public final class CounterRole implements MobilityHandler {

    public static final int MH_TYPE = 11;
    public static final int REPLY_PORT = 9999;

    private final RoleNode node;

    @Activate
    public CounterRole(@Reference(target = "(" + RoleNode.NODE + "=cn)") RoleNode node) {
        this.node = node;
    }

    @Override
    public void onMobility(ReceivedPacket packet, MobilityMessage message) {
        if (message instanceof MobilityMessage.UnknownMobilityMessage m && m.body().length() >= 4) {
            byte[] seq = Arrays.copyOf(m.body().toArray(), 4);
            node.sendUdp(packet.source(), REPLY_PORT, REPLY_PORT, seq);
        }
    }

    /** The message the test sends: MH Type 11 with {@code seq} in its first four bytes (10 bytes: the MH is 16). */
    public static MobilityMessage message(int seq) {
        byte[] body = new byte[10];
        body[0] = (byte) (seq >>> 24);
        body[1] = (byte) (seq >>> 16);
        body[2] = (byte) (seq >>> 8);
        body[3] = (byte) seq;
        return new MobilityMessage.UnknownMobilityMessage(MH_TYPE, Bytes.of(body));
    }
}
