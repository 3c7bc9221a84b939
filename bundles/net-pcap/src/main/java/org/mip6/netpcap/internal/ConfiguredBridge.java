package org.mip6.netpcap.internal;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

import org.mip6.world.LiveLinks;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A live link from configuration (factory PID {@code org.mip6.live}; e.g. {@code etc/org.mip6.live-home.cfg}
 * with {@code link = home} and {@code interface = veth0}): the bridge {@code mip6:live bridge} would make,
 * made when the configuration and the world's {@link LiveLinks} are there and ended when either goes.
 * So a bridge comes back by itself when the world component restarts (a new time mode in
 * {@code etc/org.mip6.world.cfg}, say), which drops the bridges made by command. A configuration that
 * cannot be bridged (a link the world lacks, a virtual-time world, an interface pcap cannot open) is
 * refused with its PID and field named, logged, and nothing is bridged.
 */
@Component(configurationPid = "org.mip6.live", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ConfiguredBridge.Config.class, factory = true)
public final class ConfiguredBridge {

    @ObjectClassDefinition(name = "mip6 live link", description = "A world link bridged to a host interface through pcap")
    public @interface Config {
        @AttributeDefinition(description = "The world's link (its name in the topology)")
        String link();

        @AttributeDefinition(name = "Interface", description = "The host's network interface (a veth end, say)")
        String interface$();
    }

    private static final System.Logger LOG = System.getLogger("org.mip6.live");
    /** Linux: at most 15 bytes, none of them '/', ':' or white space (dev_valid_name). */
    private static final Pattern INTERFACE = Pattern.compile("[^/:\\s]{1,15}");

    private final LiveLinks links;
    private final String link;
    private final String iface;

    @Activate
    public ConfiguredBridge(@Reference LiveLinks links, Config config, Map<String, Object> properties) {
        this.links = links;
        String pid = String.valueOf(properties.getOrDefault("service.pid", "org.mip6.live"));
        String l = config.link() == null ? "" : config.link().strip();
        String iface = config.interface$() == null ? "" : config.interface$().strip();
        try {
            if (l.isEmpty()) {
                throw refused(pid, "link", "must name a link of the world");
            }
            if (!INTERFACE.matcher(iface).matches()) {
                throw refused(pid, "interface", iface.isEmpty() ? "must name a host interface"
                        : "\"" + iface + "\" is not an interface name (1-15 characters, no '/', ':' or space)");
            }
            try {
                links.bridge(l, iface);
            } catch (IllegalArgumentException e) {
                String m = String.valueOf(e.getMessage());
                throw refused(pid, m.startsWith("no link") || m.startsWith("link ") ? "link" : "interface", m);
            } catch (IllegalStateException e) { // the world's time mode (etc/org.mip6.world.cfg), not this file's
                throw refused(pid, "link", "link " + l + " not bridged to " + iface + ": " + e.getMessage());
            } catch (IOException e) {
                throw refused(pid, "interface", "link " + l + " not bridged to " + iface + ": " + e.getMessage());
            }
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            throw e;
        }
        this.link = l;
        this.iface = iface;
        LOG.log(System.Logger.Level.INFO, "{0}: link {1} bridged to interface {2}", pid, l, iface);
    }

    private static IllegalArgumentException refused(String pid, String field, String why) {
        return new IllegalArgumentException("configuration " + pid + ", field " + field + ": " + why);
    }

    /** Ends the bridge it made (one made again by command since, to another interface, stays). */
    @Deactivate
    void close() {
        for (LiveLinks.Bridge b : links.bridges()) {
            if (b.link().equals(link) && b.iface().equals(iface)) {
                links.unbridge(link);
            }
        }
    }
}
