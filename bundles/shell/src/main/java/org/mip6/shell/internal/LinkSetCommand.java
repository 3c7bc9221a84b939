package org.mip6.shell.internal;

import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.time.Durations;
import org.mip6.world.LinkStatus;
import org.mip6.world.World;

/**
 * {@code mip6:link-set LINK [--delay D] [--jitter D] [--loss P] [--bandwidth B] [--mtu M]}: how a link behaves
 * from now on, changed in place (the nodes, their bindings and the captures stay; a reset brings the
 * configured values back).
 */
@Service
@Command(scope = "mip6", name = "link-set", description = "Changes a link's delay, jitter, loss, bandwidth or MTU in place, from now on")
public class LinkSetCommand implements Action {

    @Reference(optional = true)
    World world;

    @Argument(index = 0, name = "link", required = true, description = "Link name")
    @Completion(LinkCompleter.class)
    String link;

    @Argument(index = 1, name = "options", required = false, multiValued = true,
            description = "The options may also follow the link")
    java.util.List<String> rest;

    @Option(name = "--delay", description = "Propagation delay (e.g. 20ms, 500us; a bare number is ms)")
    String delay;

    @Option(name = "--jitter", description = "Extra delay drawn from [0, jitter) per frame and receiver (a bare number is ms)")
    String jitter;

    @Option(name = "--loss", description = "Probability a receiver misses a frame, below 1: 0.05 (or '5%', quoted)")
    String loss;

    @Option(name = "--bandwidth", description = "Bit/s of the shared medium: 2000000, 2M, 64k, 1G; 0 for unlimited")
    String bandwidth;

    @Option(name = "--mtu", description = "Largest IPv6 packet, 1280..65535: the attached interfaces take it (routers advertise it)")
    String mtu;

    @Option(name = "--no-format", description = "LINK, delay ns, jitter ns, loss, bit/s, MTU: tab-separated")
    boolean noFormat;

    @Override
    public Object execute() {
        World world = Worlds.require(this.world);
        java.util.List<String> extra = new TrailingOptions().value(v -> delay = v, "--delay").value(v -> jitter = v, "--jitter")
                .value(v -> loss = v, "--loss").value(v -> bandwidth = v, "--bandwidth").value(v -> mtu = v, "--mtu")
                .flag(() -> noFormat = true, "--no-format")
                .parse(rest);
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("unexpected " + String.join(" ", extra) + " (mip6:link-set LINK [--delay D]"
                    + " [--jitter D] [--loss P] [--bandwidth B] [--mtu M] [--no-format])");
        }
        if (delay == null && jitter == null && loss == null && bandwidth == null && mtu == null) {
            throw new IllegalArgumentException("nothing to change: give --delay, --jitter, --loss, --bandwidth or --mtu");
        }
        LinkStatus now = world.links().stream().filter(l -> l.name().equals(link)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no link named " + link + " (links: "
                        + String.join(", ", world.links().stream().map(LinkStatus::name).toList()) + ")"));
        LinkStatus l = world.setLinkBehaviour(link,
                delay == null ? now.delayNanos() : Durations.parseNanos(delay, TimeUnit.MILLISECONDS),
                jitter == null ? now.jitterNanos() : Durations.parseNanos(jitter, TimeUnit.MILLISECONDS),
                loss == null ? now.loss() : loss(loss),
                bandwidth == null ? now.bitsPerSecond() : bitsPerSecond(bandwidth), mtu == null ? now.mtu() : mtu(mtu));
        if (noFormat) {
            System.out.println(l.name() + "\t" + l.delayNanos() + "\t" + l.jitterNanos() + "\t" + l.loss() + "\t"
                    + l.bitsPerSecond() + "\t" + l.mtu());
        } else {
            System.out.printf("%s: delay %s, jitter %s, loss %.2f %%, bandwidth %s, MTU %d%n", l.name(),
                    Durations.formatMillis(l.delayNanos()), Durations.formatMillis(l.jitterNanos()), l.loss() * 100,
                    l.bitsPerSecond() == 0 ? "unlimited" : l.bitsPerSecond() + " bit/s", l.mtu());
        }
        return null;
    }

    static int mtu(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--mtu must be a number of octets (1280..65535), got \"" + text + "\"");
        }
    }

    /** {@code 0.05} or {@code 5%} (which the shell takes only quoted: Gogo reads a bare {@code %} itself). */
    static double loss(String text) {
        String t = text.strip();
        try {
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--loss must be a probability below 1 (0.05) or a quoted percentage ('5%'), got \"" + text + "\"");
        }
    }

    /** Bit/s, with an optional decimal k, M or G. */
    static long bitsPerSecond(String text) {
        String t = text.strip();
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k', 'K' -> unit = 1_000;
                case 'M' -> unit = 1_000_000;
                case 'G' -> unit = 1_000_000_000;
                default -> unit = 1;
            }
        }
        String number = unit == 1 ? t : t.substring(0, t.length() - 1).strip();
        try {
            double v = Double.parseDouble(number) * unit;
            if (v < 0 || v > Long.MAX_VALUE || v != Math.rint(v)) {
                throw new NumberFormatException();
            }
            return (long) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--bandwidth must be bit/s (2000000, 2M, 64k, 1G; 0: unlimited), got \""
                    + text + "\"");
        }
    }
}
