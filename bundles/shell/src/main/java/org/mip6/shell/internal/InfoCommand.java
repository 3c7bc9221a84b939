package org.mip6.shell.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.role.RoleRefusal;
import org.mip6.world.World;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** {@code mip6:info}: the mip6 bundles and their DS components, as a user checks them after a hot swap. */
@Service
@Command(scope = "mip6", name = "info",
        description = "Lists the installed mip6 bundles and their Declarative Services components with their state")
public class InfoCommand implements Action {

    static final String PREFIX = "org.mip6.";

    @Reference
    BundleContext bundleContext;

    @Reference(optional = true)
    ServiceComponentRuntime scr;

    @Option(name = "--no-format", description = "One line per row, cells separated by single tabs (for scripts)")
    boolean noFormat;

    @Override
    public Object execute() {
        List<Bundle> bundles = Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith(PREFIX))
                .sorted(Comparator.comparingLong(Bundle::getBundleId))
                .collect(Collectors.toList());

        System.out.println("mip6 bundles: " + bundles.size());
        Rows bt = new Rows("ID", "State", "Version", "Symbolic name", "Name");
        for (Bundle b : bundles) {
            bt.add(b.getBundleId(), bundleState(b.getState()), b.getVersion(), b.getSymbolicName(),
                    b.getHeaders().get("Bundle-Name"));
        }
        bt.print(System.out, !noFormat);

        if (scr == null) {
            System.out.println("Service Component Runtime is not available: component states unknown");
            return null;
        }
        List<Refusal> refusals = refusals();
        worldRefusal().ifPresent(refusals::add);
        List<Described> components = new ArrayList<>(); // one reading of SCR for the whole table
        for (Bundle b : bundles) {
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                boolean enabled = scr.isComponentEnabled(d);
                components.add(new Described(b.getBundleId(), d, enabled,
                        enabled ? scr.getComponentConfigurationDTOs(d) : List.of()));
            }
        }
        Map<String, List<String>> failed = failedProviders(components);
        List<ComponentRow> rows = new ArrayList<>();
        for (Described x : components) {
            ComponentDescriptionDTO d = x.description();
            if (!x.enabled()) {
                rows.add(new ComponentRow(x.bundle(), d.name, "DISABLED", ""));
                continue;
            }
            if (x.configurations().isEmpty()) {
                rows.add(new ComponentRow(x.bundle(), d.name,
                        d.configurationPolicy.equals("require") ? "WAITING FOR CONFIGURATION" : "ENABLED", ""));
            }
            for (ComponentConfigurationDTO c : x.configurations()) {
                rows.add(new ComponentRow(x.bundle(), d.name, componentState(c.state),
                        unobtainable(detail(c, refused(refusals, x.bundle(), c.properties)), d, failed)));
            }
        }
        System.out.println();
        System.out.println("mip6 components: " + rows.size());
        Rows ct = new Rows("Bundle", "Component", "State", "Detail");
        rows.sort(Comparator.comparingLong(ComponentRow::bundle).thenComparing(ComponentRow::name));
        for (ComponentRow r : rows) {
            ct.add(r.bundle, r.name, r.state, r.detail);
        }
        ct.print(System.out, !noFormat);
        return null;
    }

    private record ComponentRow(long bundle, String name, String state, String detail) {
    }

    /** A component as SCR describes it, with its configurations (none when disabled). */
    private record Described(long bundle, ComponentDescriptionDTO description, boolean enabled,
                             java.util.Collection<ComponentConfigurationDTO> configurations) {
    }

    /** An active component that refused what it was given (a role its node, the world a topology edit): what to show. */
    record Refusal(long bundle, String configuration, String detail) {
    }

    /** A {@link RoleRefusal}'s line: a change its attached instance refused, or the node it is not attached to. */
    static String refusalDetail(Object attached, Object reason) {
        return (Boolean.TRUE.equals(attached) ? "configuration change not applied: " : "not attached: ") + reason;
    }

    private List<Refusal> refusals() {
        List<Refusal> l = new ArrayList<>();
        try {
            for (ServiceReference<RoleRefusal> r : bundleContext.getServiceReferences(RoleRefusal.class, null)) {
                Bundle b = r.getBundle();
                if (b != null) {
                    l.add(new Refusal(b.getBundleId(), String.valueOf(r.getProperty(RoleRefusal.CONFIGURATION)),
                            refusalDetail(r.getProperty(RoleRefusal.ATTACHED), r.getProperty(RoleRefusal.REASON))));
                }
            }
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        return l;
    }

    /**
     * The world's last topology edit, when it was refused: shown beside the component that is the world (the running
     * world stays as it was, and {@code mip6:world} says the same).
     */
    private java.util.Optional<Refusal> worldRefusal() {
        ServiceReference<World> r = bundleContext.getServiceReference(World.class);
        World w = r == null ? null : bundleContext.getService(r);
        if (w == null) {
            return java.util.Optional.empty();
        }
        try {
            String error = w.topologyError();
            Object pid = r.getProperty("service.pid");
            return error == null || r.getBundle() == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new Refusal(r.getBundle().getBundleId(), String.valueOf(pid),
                    "last topology edit not applied: " + error));
        } finally {
            bundleContext.ungetService(r);
        }
    }

    /** What the component of {@code bundle} with these properties refused, joined by "; "; "" for nothing. */
    static String refused(List<Refusal> refusals, long bundle, Map<String, Object> properties) {
        Object pid = properties == null ? null : properties.get("service.pid");
        return refusals.stream().filter(r -> r.bundle() == bundle && r.configuration().equals(String.valueOf(pid)))
                .map(Refusal::detail).sorted().collect(Collectors.joining("; "));
    }

    static String detail(ComponentConfigurationDTO c) {
        return detail(c, "");
    }

    /** @param refused what {@link #refused} found for an active component */
    static String detail(ComponentConfigurationDTO c, String refused) {
        if (c.state == ComponentConfigurationDTO.ACTIVE && !refused.isEmpty()) {
            return refused;
        }
        if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE && c.unsatisfiedReferences != null) {
            return "missing: " + Arrays.stream(c.unsatisfiedReferences).map(u -> u.name)
                    .collect(Collectors.joining(", "));
        }
        if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION && c.failure != null) {
            return notANumber(thrown(c.failure), c.properties);
        }
        return "";
    }

    /** Service interface -> the mip6 components providing it that failed to activate. */
    private static Map<String, List<String>> failedProviders(List<Described> components) {
        Map<String, List<String>> m = new java.util.HashMap<>();
        for (Described x : components) {
            ComponentDescriptionDTO d = x.description();
            if (d.serviceInterfaces != null && x.configurations().stream()
                    .anyMatch(c -> c.state == ComponentConfigurationDTO.FAILED_ACTIVATION)) {
                for (String i : d.serviceInterfaces) {
                    m.computeIfAbsent(i, k -> new ArrayList<>()).add(d.name);
                }
            }
        }
        return m;
    }

    private static final java.util.regex.Pattern UNOBTAINABLE =
            java.util.regex.Pattern.compile("Unable to get service for reference (\\S+)");

    /**
     * SCR's "Unable to get service for reference $000": the component needed a service whose own component failed
     * to activate (the service stays registered). Says which service, and which component to look at.
     */
    static String unobtainable(String detail, ComponentDescriptionDTO d, Map<String, List<String>> failed) {
        java.util.regex.Matcher m = UNOBTAINABLE.matcher(detail);
        if (!m.find() || d.references == null) {
            return detail;
        }
        for (var r : d.references) {
            if (r.name.equals(m.group(1))) {
                List<String> by = failed.getOrDefault(r.interfaceName, List.of());
                return "needs " + r.interfaceName + (by.isEmpty() ? ", which could not be got"
                        : ", whose component failed to activate: " + String.join(", ", by) + " (its row says why)");
            }
        }
        return detail;
    }

    private static final java.util.regex.Pattern NOT_A_NUMBER =
            java.util.regex.Pattern.compile("NumberFormatException: For input string: \"(.*)\"");

    /**
     * A number field holding text fails in SCR, before the component sees its configuration, with only the text
     * in the message: the field is named here from the configuration's properties, as a component names its own
     * refusals ({@code configuration org.mip6.ha~ha, field maxLifetime: "abc" is not a number}).
     */
    static String notANumber(String thrown, Map<String, Object> properties) {
        java.util.regex.Matcher m = NOT_A_NUMBER.matcher(thrown);
        if (!m.find() || properties == null) {
            return thrown;
        }
        String text = m.group(1);
        List<String> fields = new ArrayList<>();
        properties.forEach((k, v) -> {
            if (v instanceof String s && s.equals(text)) {
                fields.add(k);
            }
        });
        if (fields.isEmpty()) {
            return thrown;
        }
        fields.sort(null);
        return "configuration " + properties.getOrDefault("service.pid", "?") + ", field " + String.join(" or ", fields)
                + ": \"" + text + "\" is not a number";
    }

    /**
     * A failure's stack trace as SCR records it, in one line: what the component threw (the first
     * "Caused by: ...", since a constructor's exception reaches SCR wrapped in an InvocationTargetException;
     * a role's names the configuration's PID and field), else the first line.
     */
    static String thrown(String failure) {
        String f = failure.strip();
        for (String line : f.split("\n")) {
            String l = line.strip();
            if (l.startsWith("Caused by: ")) {
                return l.substring("Caused by: ".length());
            }
        }
        int nl = f.indexOf('\n');
        return nl > 0 ? f.substring(0, nl).strip() : f;
    }

    static String bundleState(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "Active";
            case Bundle.RESOLVED -> "Resolved";
            case Bundle.INSTALLED -> "Installed";
            case Bundle.STARTING -> "Starting";
            case Bundle.STOPPING -> "Stopping";
            case Bundle.UNINSTALLED -> "Uninstalled";
            default -> "Unknown(" + state + ")";
        };
    }

    static String componentState(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED REFERENCE";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED CONFIGURATION";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED ACTIVATION";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}
