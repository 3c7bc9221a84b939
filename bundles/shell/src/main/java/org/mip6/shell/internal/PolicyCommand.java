package org.mip6.shell.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.ha.HomeRegistrationPolicy;
import org.mip6.ro.RouteOptimizationPolicy;
import org.mip6.role.RoleNode;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * {@code mip6:policy}: the extension points' services now registered, the home agents' acceptance
 * policies ({@code HomeRegistrationPolicy}) and the mobile nodes' route-optimization policies
 * ({@code RouteOptimizationPolicy}): kind, the node it is for, the bundle it comes from, its ranking, and
 * whether it is the one in use (the highest ranking; on a tie the oldest). Without one, the roles'
 * configuration decides.
 */
@Service
@Command(scope = "mip6", name = "policy", description = "The acceptance and route-optimization policies registered, "
        + "their bundles and which one is in use")
public class PolicyCommand implements Action {

    @Reference
    BundleContext bundleContext;

    @Option(name = "--no-format", description = "One line per row, cells separated by single tabs")
    boolean noFormat;

    @Override
    public Object execute() throws InvalidSyntaxException {
        Rows rows = new Rows("Kind", "Node", "Bundle", "Version", "Ranking", "In use");
        int n = add(rows, "acceptance (ha)", HomeRegistrationPolicy.class)
                + add(rows, "route optimization (mn)", RouteOptimizationPolicy.class);
        if (n == 0) {
            System.out.println("no policy service registered: the home agents' acl (etc/org.mip6.ha-NAME.cfg) and the mobile"
                    + " nodes' routeOptimization and routeOptimizationRules (etc/org.mip6.mn-NAME.cfg) decide");
            return null;
        }
        rows.print(System.out, !noFormat);
        return null;
    }

    private <T> int add(Rows rows, String kind, Class<T> type) throws InvalidSyntaxException {
        Collection<ServiceReference<T>> refs = bundleContext.getServiceReferences(type, null);
        List<ServiceReference<T>> sorted = new ArrayList<>(refs);
        sorted.sort(Comparator.naturalOrder()); // ServiceReference order: ranking, then id
        java.util.Set<String> inUse = new java.util.HashSet<>();
        for (int i = sorted.size() - 1; i >= 0; i--) { // highest first
            ServiceReference<T> r = sorted.get(i);
            Object node = r.getProperty(RoleNode.NODE);
            String target = node == null ? "any" : node.toString();
            boolean used = !inUse.contains(target) && !inUse.contains("any");
            inUse.add(target);
            Object ranking = r.getProperty(Constants.SERVICE_RANKING);
            rows.add(kind, target, r.getBundle().getSymbolicName(), r.getBundle().getVersion(),
                    ranking == null ? 0 : ranking, used ? "yes" : "no");
        }
        return sorted.size();
    }
}
