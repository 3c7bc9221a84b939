package org.mip6.shell.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mip6.role.RoleCounters;
import org.mip6.role.RoleNode;
import org.mip6.role.RoleTable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The role services the commands read (state, role counters), looked up when a command runs. */
final class RoleServices {

    private RoleServices() {
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(RoleServices.class).getBundleContext();
    }

    /** The service, or a clear error naming the bundle that provides it. */
    static <T> T require(Class<T> type, String bundle) {
        BundleContext c = context();
        ServiceReference<T> r = c.getServiceReference(type);
        T s = r == null ? null : c.getService(r);
        if (s == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " service: is the " + bundle
                    + " bundle started? (mip6:info, bundle:list)");
        }
        return s;
    }

    /** Every role's counters for {@code node}, prefixed with the role's name ({@code ha.bu.received}). */
    static Map<String, Long> roleCounters(String node) {
        BundleContext c = context();
        Map<String, Long> out = new TreeMap<>();
        List<ServiceReference<RoleCounters>> refs = new ArrayList<>();
        try {
            refs.addAll(c.getServiceReferences(RoleCounters.class, "(" + RoleNode.NODE + "=" + node + ")"));
        } catch (InvalidSyntaxException e) {
            return out; // a node name that is no valid filter value has no role counters
        }
        for (ServiceReference<RoleCounters> r : refs) {
            RoleCounters rc = c.getService(r);
            if (rc == null) {
                continue;
            }
            try {
                Object role = r.getProperty(RoleCounters.ROLE);
                rc.counters().forEach((k, v) -> out.put((role == null ? "role" : role) + "." + k, v));
            } finally {
                c.ungetService(r);
            }
        }
        return out;
    }

    /** A node's IPsec databases (bundle org.mip6.ipsec), read now. */
    record Ipsec(String node, org.mip6.ipsec.SecurityDatabase database) {
    }

    /** What {@code mip6:spd} and {@code mip6:sad} say when {@link #ipsec} found none. */
    static String noIpsec(String node) {
        return "no IPsec " + (node == null ? "on any node" : "on " + node) + " (bundle org.mip6.ipsec, etc/org.mip6.ipsec-NAME.cfg)";
    }

    /** The SPD/SAD of {@code node}, or of every node (null) that has IPsec, by node. */
    static List<Ipsec> ipsec(String node) {
        BundleContext c = context();
        List<Ipsec> out = new ArrayList<>();
        Collection<ServiceReference<org.mip6.ipsec.SecurityDatabase>> refs;
        try {
            refs = c.getServiceReferences(org.mip6.ipsec.SecurityDatabase.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        for (ServiceReference<org.mip6.ipsec.SecurityDatabase> r : refs) {
            Object n = r.getProperty(RoleNode.NODE);
            if (n == null || node != null && !node.equals(n)) {
                continue;
            }
            org.mip6.ipsec.SecurityDatabase db = c.getService(r);
            if (db != null) {
                out.add(new Ipsec(n.toString(), db)); // read at once by the command; the service stays registered
                c.ungetService(r);
            }
        }
        out.sort(java.util.Comparator.comparing(Ipsec::node));
        return out;
    }

    /** A table of the roles ({@code mip6.table=name}): title, columns and rows, read now. */
    record Table(String node, String title, List<String> columns, List<List<Object>> rows) {
    }

    /** The roles' tables called {@code name}, of {@code node} or of every node (null), by node. */
    static List<Table> tables(String name, String node) {
        BundleContext c = context();
        List<Table> out = new ArrayList<>();
        Collection<ServiceReference<RoleTable>> refs;
        try {
            refs = c.getServiceReferences(RoleTable.class, "(" + RoleTable.TABLE + "=" + name + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        for (ServiceReference<RoleTable> r : refs) {
            Object n = r.getProperty(RoleNode.NODE);
            if (node != null && !node.equals(n)) {
                continue;
            }
            RoleTable t = c.getService(r);
            if (t == null) {
                continue;
            }
            try {
                out.add(new Table(String.valueOf(n), t.title(), t.columns(), t.rows()));
            } finally {
                c.ungetService(r);
            }
        }
        out.sort(java.util.Comparator.comparing(Table::node).thenComparing(Table::title));
        return out;
    }
}
