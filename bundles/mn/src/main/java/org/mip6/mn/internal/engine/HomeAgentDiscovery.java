package org.mip6.mn.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import org.mip6.net.Ipv6Address;
import org.mip6.net.Ipv6Prefix;

/**
 * Dynamic Home Agent Address Discovery from the mobile node's side as a sans-IO engine (RFC 6275
 * §11.4.1): a DHAAD Request to the home prefix's Home-Agents anycast address, retransmitted after
 * INITIAL_DHAAD_TIMEOUT (3 s) doubling, DHAAD_RETRIES (4) times; the reply with its identifier gives
 * the home agents, most preferred first. Not thread-safe: the node's thread drives it.
 */
public final class HomeAgentDiscovery {

    /** RFC 6275 §12. */
    public static final long INITIAL_DHAAD_TIMEOUT = 3 * MobilityParameters.SECOND;
    public static final int DHAAD_RETRIES = 4;

    /** Sends one DHAAD Request. */
    @FunctionalInterface
    public interface Output {
        void sendRequest(Ipv6Address source, Ipv6Address anycast, int identifier);
    }

    private volatile Ipv6Prefix homePrefix;
    private final SplittableRandom random;
    private final Output output;
    private Ipv6Address source;
    private int identifier = -1;
    private int retriesLeft;
    private long timeout;
    private long retransmitAt = Long.MAX_VALUE;
    private long requests;
    private long failures;
    private long badAddresses;

    /** The home prefix changed (RFC 6275 §11.4.3): requests go to its Home-Agents anycast address from now on. */
    public void setHomePrefix(Ipv6Prefix prefix) {
        this.homePrefix = Objects.requireNonNull(prefix, "prefix");
    }

    public HomeAgentDiscovery(Ipv6Prefix homePrefix, long seed, Output output) {
        this.homePrefix = Objects.requireNonNull(homePrefix, "homePrefix");
        this.random = new SplittableRandom(seed);
        this.output = Objects.requireNonNull(output, "output");
    }

    /** Starts (or restarts) discovery from {@code source}, the care-of address. */
    public void start(long now, Ipv6Address source) {
        this.source = Objects.requireNonNull(source, "source");
        identifier = random.nextInt(0x10000);
        retriesLeft = DHAAD_RETRIES;
        timeout = INITIAL_DHAAD_TIMEOUT;
        send(now);
    }

    private void send(long now) {
        requests++;
        retransmitAt = now + timeout;
        output.sendRequest(source, homePrefix.homeAgentsAnycast(), identifier);
    }

    /** Gives up the outstanding request, if any (the node came home). */
    public void stop() {
        identifier = -1;
        retransmitAt = Long.MAX_VALUE;
    }

    /** Whether a request is outstanding. */
    public boolean running() {
        return identifier >= 0;
    }

    /**
     * A DHAAD Reply: with the identifier of the outstanding request it returns the home agents to try, in its
     * order, leaving out addresses no home agent has and those that {@code refused} us (§11.7.3), and ends
     * discovery when one is left; with none left the request is retransmitted as if no reply had come (an
     * empty list). Any other reply is ignored (null).
     */
    public List<Ipv6Address> onReply(long now, int replyIdentifier, List<Ipv6Address> homeAgents,
                                     Predicate<Ipv6Address> refused) {
        if (identifier < 0 || replyIdentifier != identifier) {
            return null;
        }
        List<Ipv6Address> usable = new ArrayList<>(homeAgents.size());
        for (Ipv6Address a : homeAgents) {
            if (!a.isUnicastRoutable()) {
                badAddresses++; // a home agent's global address is unicast (§10.5.1): a Binding Update never goes there
            } else if (!refused.test(a)) {
                usable.add(a);
            }
        }
        if (usable.isEmpty()) {
            return List.of(); // no home agent to try: as if no reply came, the request goes again when its timer runs out
        }
        identifier = -1;
        retransmitAt = Long.MAX_VALUE;
        return List.copyOf(usable);
    }

    /** Addresses DHAAD Replies listed that no home agent can have (multicast, link-local, unspecified, loopback). */
    public long badAddresses() {
        return badAddresses;
    }

    public long nextDeadline() {
        return retransmitAt;
    }

    /** Retransmits, doubling the timeout; after DHAAD_RETRIES retransmissions gives up. Returns whether it gave up. */
    public boolean onTimer(long now) {
        if (identifier < 0 || now < retransmitAt) {
            return false;
        }
        if (retriesLeft == 0) {
            identifier = -1;
            retransmitAt = Long.MAX_VALUE;
            failures++;
            return true;
        }
        retriesLeft--;
        timeout *= 2;
        send(now);
        return false;
    }

    public long requests() {
        return requests;
    }

    public long failures() {
        return failures;
    }
}
