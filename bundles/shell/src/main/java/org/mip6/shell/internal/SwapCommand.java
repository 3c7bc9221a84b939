package org.mip6.shell.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.world.NodeStatus;
import org.mip6.world.World;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * {@code mip6:swap BUNDLE [URL]}: replaces one role bundle while the world runs. The bundle is updated
 * (from its location, or from URL); when its components are not all active within the timeout (one
 * failed to activate, a reference stays unsatisfied, or a role handler threw meanwhile) the previous
 * revision is put back, and its instance gets the messages the nodes held. Role bundles export nothing,
 * so nothing else is refreshed; messages for the role wait in the nodes' hold queues meanwhile.
 */
@Service
@Command(scope = "mip6", name = "swap", description = "Replace a role bundle under traffic (from its location or URL), "
        + "rolling back to the previous revision if its components do not come up")
public class SwapCommand implements Action {

    /** Bundles that are not swapped in place: they export API, and a refresh would restart their importers. */
    static final Set<String> API = Set.of("org.mip6.api", "org.mip6.wire", "org.mip6.role-api");

    @Reference
    BundleContext bundleContext;

    @Reference(optional = true)
    ServiceComponentRuntime scr;

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "bundle", required = true, description = "Bundle id or symbolic name (e.g. org.mip6.ha)")
    @Completion(SwappableBundleCompleter.class)
    String which;

    @Argument(index = 1, name = "url", required = false, description = "Where the new revision is; default: the bundle's location")
    String url;

    @Option(name = "--timeout", description = "How long the new revision's components may take to come up (default 10s)")
    String timeout = "10s";

    @Override
    public Object execute() throws Exception {
        Bundle b = find(which);
        if (API.contains(b.getSymbolicName())) {
            throw new IllegalArgumentException(b.getSymbolicName() + " exports API: it is not swapped in place (its importers"
                    + " would be refreshed); update it with bundle:update and bundle:refresh");
        }
        if (scr == null) {
            throw new IllegalStateException("no Service Component Runtime: cannot tell whether the new revision came up");
        }
        long limit = org.mip6.time.Durations.parseNanos(timeout, java.util.concurrent.TimeUnit.SECONDS);
        Map<String, Integer> expected = activeConfigurations(b); // what must be up again
        byte[] previous = currentRevision(b); // the revision to go back to: the running one, not the location's
        String before = b.getVersion().toString();
        Map<String, Long> heldBefore = perNode("hold.held");
        long errorsBefore = counter("role.errors");
        byte[] next;
        String from = url == null ? b.getLocation() : url;
        try (InputStream in = new URL(from).openStream()) {
            next = in.readAllBytes();
        } catch (java.io.IOException e) {
            // nothing was changed: the running revision stays
            throw new IllegalArgumentException("cannot read " + from + ": " + (e instanceof java.io.FileNotFoundException
                    ? "no such file, or not readable" : IoErrors.why(e)) + "; " + b.getSymbolicName() + " " + before
                    + " left as it is", e);
        }
        long start = System.nanoTime();
        String problem = updateAndStart(b, next);
        if (problem == null) {
            problem = awaitActive(b, expected, start + limit, errorsBefore);
        }
        long took = System.nanoTime() - start;
        if (problem == null) {
            System.out.printf("swapped %s %s -> %s in %d ms; %s%n", b.getSymbolicName(), before,
                    b.getVersion(), took / 1_000_000, held(heldBefore));
            return null;
        }
        String failedVersion = b.getSymbolicName() + " " + b.getVersion();
        String again = updateAndStart(b, previous);
        if (again == null) {
            again = awaitActive(b, expected, System.nanoTime() + limit, counter("role.errors"));
        }
        System.out.printf("swap of %s failed (%s): rolled back to %s %s%s; %s%n", failedVersion, problem,
                b.getSymbolicName(), b.getVersion(), again == null ? "" : ", which is not up either: " + again,
                held(heldBefore));
        return null;
    }

    /**
     * Updates {@code b} to {@code revision}; when the framework updated it but could not start it again
     * (Felix gives up on its global resolve lock while another thread resolves), starts it again, a few
     * times. Null once it is active, else why not.
     */
    static String updateAndStart(Bundle b, byte[] revision) throws InterruptedException {
        org.osgi.framework.BundleException last = null;
        org.osgi.framework.wiring.BundleRevision before = b.adapt(org.osgi.framework.wiring.BundleRevision.class);
        try {
            b.update(new ByteArrayInputStream(revision));
        } catch (org.osgi.framework.BundleException e) {
            if (b.adapt(org.osgi.framework.wiring.BundleRevision.class) == before) {
                return "failed: " + e.getMessage(); // not updated at all (not a bundle, a bad manifest): still the old one
            }
            last = e;
        }
        for (int attempt = 0; attempt < 10 && b.getState() != Bundle.ACTIVE; attempt++) {
            Thread.sleep(50);
            try {
                b.start();
            } catch (org.osgi.framework.BundleException e) {
                last = e;
            }
        }
        if (b.getState() == Bundle.ACTIVE) {
            return null;
        }
        return "failed: " + (last == null ? "bundle " + InfoCommand.bundleState(b.getState()).toLowerCase() : last.getMessage());
    }

    /**
     * The running revision of {@code b} as a jar, its entries read from the bundle itself: after a swap
     * from a URL the bundle's location still names the first build, so re-reading it would roll back to
     * that one instead of the revision that was running.
     */
    static byte[] currentRevision(Bundle b) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        URL manifest = b.getEntry("META-INF/MANIFEST.MF");
        if (manifest == null) {
            throw new java.io.IOException(b.getSymbolicName() + " has no manifest entry to rebuild its running revision from");
        }
        try (InputStream m = manifest.openStream();
             java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(bytes, new java.util.jar.Manifest(m))) {
            java.util.ArrayDeque<String> dirs = new java.util.ArrayDeque<>(java.util.List.of("/"));
            while (!dirs.isEmpty()) {
                java.util.Enumeration<String> paths = b.getEntryPaths(dirs.pop());
                while (paths != null && paths.hasMoreElements()) {
                    String path = paths.nextElement();
                    if (path.endsWith("/")) {
                        dirs.push(path);
                        out.putNextEntry(new java.util.jar.JarEntry(path));
                        continue;
                    }
                    if (path.equals("META-INF/MANIFEST.MF")) {
                        continue; // written first, above
                    }
                    out.putNextEntry(new java.util.jar.JarEntry(path));
                    try (InputStream in = b.getEntry(path).openStream()) {
                        in.transferTo(out);
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    private Bundle find(String idOrName) {
        Bundle[] all = bundleContext.getBundles();
        for (Bundle b : all) {
            if (String.valueOf(b.getBundleId()).equals(idOrName) || idOrName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new IllegalArgumentException("no bundle \"" + idOrName + "\" (mip6:info lists the workbench's bundles)");
    }

    /**
     * Null once {@code b}'s components have at least as many active configurations as before the swap,
     * none failed and no role handler threw; else what is wrong (at once for a failed activation, else at
     * the deadline).
     */
    private String awaitActive(Bundle b, Map<String, Integer> expected, long deadline, long errorsBefore)
            throws InterruptedException {
        String problem = "not started";
        while (System.nanoTime() < deadline) {
            problem = problem(b);
            if (problem == null) {
                Map<String, Integer> now = activeConfigurations(b);
                for (Map.Entry<String, Integer> e : expected.entrySet()) {
                    if (now.getOrDefault(e.getKey(), 0) < e.getValue()) {
                        problem = e.getKey() + " not active yet";
                    }
                }
            }
            if (problem == null && counter("role.errors") > errorsBefore) {
                problem = "a role handler threw (mip6:counters: role.errors)";
            }
            if (problem == null || problem.startsWith("failed")) {
                return problem;
            }
            Thread.sleep(50);
        }
        return problem;
    }

    private String problem(Bundle b) {
        if (b.getState() != Bundle.ACTIVE) {
            return "bundle " + InfoCommand.bundleState(b.getState()).toLowerCase();
        }
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return "failed: " + d.name + ": " + InfoCommand.detail(c);
                }
                if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                        || c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                    return d.name + " " + InfoCommand.detail(c);
                }
            }
        }
        return null;
    }

    /** Active (or satisfied) configurations of each of the bundle's components. */
    private Map<String, Integer> activeConfigurations(Bundle b) {
        Map<String, Integer> m = new java.util.TreeMap<>();
        if (b.getState() != Bundle.ACTIVE) {
            return m;
        }
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED) {
                    m.merge(d.name, 1, Integer::sum);
                }
            }
        }
        return m;
    }

    /**
     * "N messages held meanwhile, for up to T ms": the messages the nodes held since {@code before}, and the
     * pause, the longest any of them waited for the role (the oldest of each node's latest released batch).
     * Messages still queued (the new revision took none yet) are counted but have no wait.
     */
    private String held(Map<String, Long> before) {
        Map<String, Long> now = perNode("hold.held");
        Map<String, Long> waits = perNode("hold.wait.last.us");
        long count = 0;
        long pauseMicros = 0;
        for (Map.Entry<String, Long> e : now.entrySet()) {
            long n = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (n > 0) {
                count += n;
                pauseMicros = Math.max(pauseMicros, waits.getOrDefault(e.getKey(), 0L));
            }
        }
        return count == 0 ? "no messages held" : String.format(java.util.Locale.ROOT,
                "%d messages held meanwhile, for up to %.1f ms", count, pauseMicros / 1000.0);
    }

    /** A counter of each of the world's nodes (empty without a world). */
    private Map<String, Long> perNode(String name) {
        Map<String, Long> m = new java.util.HashMap<>();
        World w = world;
        if (w != null) {
            for (NodeStatus n : w.nodes()) {
                m.put(n.name(), n.counters().getOrDefault(name, 0L));
            }
        }
        return m;
    }

    /** A counter summed over the world's nodes (0 without a world). */
    private long counter(String name) {
        return perNode(name).values().stream().mapToLong(Long::longValue).sum();
    }
}
