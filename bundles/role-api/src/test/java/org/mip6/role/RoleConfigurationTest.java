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

    /** Declarative Services would read "yes" or " true" as false: such a boolean is refused; true and false in any case, or a Boolean, pass. */
    @Test
    void aBooleanThatIsNeitherTrueNorFalseIsRefused() {
        RoleConfiguration c = new RoleConfiguration(Map.of("service.pid", "org.mip6.ha~ha", "dad", "TRUE", "managedFlag", false,
                "otherFlag", "false"), "org.mip6.ha");
        c.booleans("dad", "managedFlag", "otherFlag", "absent");
        for (String bad : new String[] {"yes", " true", "1", ""}) {
            RoleConfiguration r = new RoleConfiguration(Map.of("service.pid", "org.mip6.ha~ha", "dad", bad), "org.mip6.ha");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.booleans("otherFlag", "dad"));
            assertEquals("configuration org.mip6.ha~ha, field dad: \"" + bad + "\" is neither true nor false", e.getMessage());
        }
    }
}
