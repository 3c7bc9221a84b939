package org.mip6.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mip6.net.Ipv6Address;
import org.mip6.state.PendingPrefixAdvertisement;
import org.mip6.state.PendingPrefixAdvertisements;
import org.mip6.state.WithdrawnHomeLink;

class PrefixAdvertisementsCommandTest {

    static final long S = 1_000_000_000L;

    /** What the state holds for ha, as the dhaad bundle writes it (a scheduled first transmission has no wait yet). */
    static PendingPrefixAdvertisements state(List<PendingPrefixAdvertisement> entries) {
        Map<Ipv6Address, PendingPrefixAdvertisement> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(e.homeAddress(), e));
        return new PendingPrefixAdvertisements() {
            public Optional<PendingPrefixAdvertisement> get(String node, Ipv6Address key) {
                return Optional.ofNullable(m.get(key));
            }

            public void put(String node, Ipv6Address key, PendingPrefixAdvertisement entry) {
                m.put(key, entry);
            }

            public Optional<PendingPrefixAdvertisement> remove(String node, Ipv6Address key) {
                return Optional.ofNullable(m.remove(key));
            }

            public List<PendingPrefixAdvertisement> entries(String node) {
                return node.equals("ha") ? new ArrayList<>(m.values()) : List.of();
            }

            public void clear(String node) {
                m.clear();
            }

            public List<String> nodes() {
                return List.of("ha");
            }

            public List<WithdrawnHomeLink> withdrawnHomeLinks(String node) {
                return List.of();
            }

            public void withdrawnHomeLinks(String node, List<WithdrawnHomeLink> links) {
            }
        };
    }

    /** Soonest first: the state (scheduled, or sent and waiting to go again), the seconds until it goes, what is left. */
    @Test
    void scheduledAndSentAdvertisementsSoonestFirst() {
        Ipv6Address a = Ipv6Address.parse("2001:db8:1::a");
        Ipv6Address b = Ipv6Address.parse("2001:db8:1::b");
        PendingPrefixAdvertisements s = state(List.of(new PendingPrefixAdvertisement(a, 0, 712 * S, 0, 4),
                new PendingPrefixAdvertisement(b, 1, 16 * S + S / 2, 6 * S, 2)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrefixAdvertisementsCommand.rows(s, List.of("ha"), 10 * S).print(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        assertEquals("ha\t2001:db8:1::b\tsent\t6.500\t2\nha\t2001:db8:1::a\tscheduled\t702.000\t4\n",
                out.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }
}
