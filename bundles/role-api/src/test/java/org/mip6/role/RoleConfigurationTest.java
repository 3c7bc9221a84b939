package org.mip6.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.mip6.world.World;

/** A role's {@code node} field checked against the world, when it runs and while it stops. */
class RoleConfigurationTest {

    final RoleConfiguration fields = new RoleConfiguration(Map.of("service.pid", "org.mip6.mn~mn"), "org.mip6.mn");

    /**
     * A world whose {@code nodeNames()} is {@code names}; nothing else may be called (an activation must not
     * wait for the world's thread, which {@code nodes()} does).
     */
    static World world(Supplier<List<String>> names) {
        return (World) Proxy.newProxyInstance(World.class.getClassLoader(), new Class<?>[] {World.class}, (p, m, a) -> {
            if (m.getName().equals("nodeNames")) {
                return names.get();
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }

    @Test
    void aNodeTheWorldHasIsAcceptedAnotherIsRefusedWithThePidAndField() {
        World w = world(() -> List.of("mn", "ha"));
        assertEquals("mn", fields.node(" mn ", w));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fields.node("mx", w));
        assertEquals("configuration org.mip6.mn~mn, field node: the world has no node \"mx\" (it has [mn, ha])", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fields.node(" ", null));
        assertEquals("mx", fields.node("mx", null));
    }

    /** A world that is not running has no names: the name cannot be checked, and the role waits for the node. */
    @Test
    void aStoppingWorldDoesNotFailTheActivation() {
        assertEquals("mn", fields.node("mn", world(List::of)));
    }
}
