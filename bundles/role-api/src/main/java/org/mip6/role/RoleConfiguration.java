package org.mip6.role;

import java.util.Map;
import java.util.function.Supplier;

import org.mip6.world.World;

/**
 * Checks a role component's configuration field by field: a value that makes no sense is refused with
 * an {@link IllegalArgumentException} that names the configuration's PID and the field
 * ({@code configuration org.mip6.ha~ha, field maxLifetime: ...}), which the component logs before it
 * refuses to activate, so that nothing half-starts.
 */
public final class RoleConfiguration {

    private final String pid;
    private final Map<String, Object> properties;

    /** @param properties the component's properties (their {@code service.pid} names the configuration) */
    public RoleConfiguration(Map<String, Object> properties, String defaultPid) {
        this.pid = String.valueOf(properties.getOrDefault("service.pid", defaultPid));
        this.properties = properties;
    }

    public String pid() {
        return pid;
    }

    /** The value {@code check} computes, or its refusal with the PID and {@code field} named. */
    public <T> T field(String field, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("configuration ")) {
                throw e;
            }
            throw new IllegalArgumentException("configuration " + pid + ", field " + field + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fields of type boolean, as written: Declarative Services reads any text but "true" (in any case) as
     * false, so a typo ("ture", "yes", " true") would silently turn an option off; such a value is refused.
     */
    public void booleans(String... fields) {
        for (String f : fields) {
            if (properties.get(f) instanceof String s && !s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
                field(f, () -> {
                    throw new IllegalArgumentException("\"" + s + "\" is neither true nor false");
                });
            }
        }
    }

    /** Field {@code node}: a name, of a node the world has when there is a running world. */
    public String node(String configured, World world) {
        return field("node", () -> {
            String n = configured == null ? "" : configured.strip();
            if (n.isEmpty()) {
                throw new IllegalArgumentException("must name a node");
            }
            if (world == null) {
                return n;
            }
            // not world.nodes(): an activation must not wait for the world's thread, which may be offering
            // nodes to this very component during a reset
            java.util.List<String> names = world.nodeNames();
            if (names.isEmpty()) {
                return n; // the world is stopping: the role attaches when a node of that name is offered
            }
            if (!names.contains(n)) {
                throw new IllegalArgumentException("the world has no node \"" + n + "\" (it has " + names + ")");
            }
            return n;
        });
    }
}
