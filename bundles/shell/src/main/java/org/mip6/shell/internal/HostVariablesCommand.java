package org.mip6.shell.internal;

import java.util.StringJoiner;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.node.HostVariables;
import org.mip6.world.World;

/**
 * {@code mip6:host-variables [NODE]}: each interface's host variables (RFC 4861 §6.3.2): CurHopLimit,
 * BaseReachableTime, the ReachableTime drawn from it, RetransTimer (ms), and which of them a Router Advertisement
 * set (§6.3.4; the rest are the node's defaults).
 */
@Service
@Command(scope = "mip6", name = "host-variables", description = "RFC 4861 host variables of every node's interfaces, or of one"
        + " node's: CurHopLimit, BaseReachableTime, ReachableTime, RetransTimer (ms), and which a Router Advertisement set")
public class HostVariablesCommand extends NodeTableCommand {

    @Override
    Rows table(World world, String node) {
        return perNode(world, node, World::hostVariables, v -> new Object[] {"eth" + v.iface(), v.curHopLimit(),
                v.baseReachableTimeMillis(), v.reachableTimeMillis(), v.retransTimerMillis(), advertised(v)},
                "Node", "Interface", "CurHopLimit", "BaseReachableTime", "ReachableTime", "RetransTimer", "From RA");
    }

    /** Which of the variables an RA set: hop-limit, reachable-time, retrans-timer (comma-separated), or "-". */
    static String advertised(HostVariables v) {
        StringJoiner set = new StringJoiner(",").setEmptyValue("-");
        if (v.curHopLimitAdvertised()) {
            set.add("hop-limit");
        }
        if (v.reachableTimeAdvertised()) {
            set.add("reachable-time");
        }
        if (v.retransTimerAdvertised()) {
            set.add("retrans-timer");
        }
        return set.toString();
    }
}
