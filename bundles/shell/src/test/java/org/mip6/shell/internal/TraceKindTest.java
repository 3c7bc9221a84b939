package org.mip6.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What mip6:trace calls a frame (--type), from mip6:decode's description of it. */
class TraceKindTest {

    static TraceCommand.Kind kind(Map<String, Object> d) {
        return TraceCommand.kind(d, Set.of("2001:db8:1::100"), Set.of());
    }

    @Test
    void mldQueriesAndReportsAreTheirOwnKind() {
        for (int type : new int[] {130, 131, 132, 143}) {
            assertEquals(TraceCommand.Kind.MLD, kind(Map.of("icmpv6", Map.of("type", type))), "type " + type);
        }
        assertNull(kind(Map.of("icmpv6", Map.of("type", 133))), "a Router Solicitation is none of the kinds");
        assertEquals(TraceCommand.Kind.ND, kind(Map.of("icmpv6", Map.of("type", 135, "target", "2001:db8:1::100"))));
        assertEquals(TraceCommand.Kind.MALFORMED, kind(Map.of("icmpv6", Map.of("type", 143), "error", Map.of())));
        assertEquals(EnumSet.of(TraceCommand.Kind.MLD, TraceCommand.Kind.RA), TraceCommand.Kind.parse(List.of("mld,ra")));
        assertTrue(TraceCommand.Kind.parse(List.of("all")).contains(TraceCommand.Kind.MLD));
        assertTrue(!TraceCommand.Kind.parse(null).contains(TraceCommand.Kind.MLD), "not in the default: every node reports");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceCommand.Kind.parse(List.of("igmp")));
        assertTrue(e.getMessage().contains("mld"), e.getMessage());
    }
}
