package org.mip6.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What mip6:info says of a component that failed to activate. */
class InfoCommandTest {

    @Test
    void aConstructorsExceptionIsShownAsItThrewIt() {
        String failure = """
                java.lang.reflect.InvocationTargetException
                \tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)
                \tat org.apache.felix.scr.impl.inject.internal.ComponentConstructorImpl.newInstance(ComponentConstructorImpl.java:326)
                Caused by: java.lang.IllegalArgumentException: configuration org.mip6.mn~mn, field node: the world has no node "mx"
                \tat org.mip6.role.RoleConfiguration.field(RoleConfiguration.java:35)
                \t... 21 more
                Caused by: java.lang.IllegalArgumentException: the world has no node "mx"
                \tat org.mip6.role.RoleConfiguration.field(RoleConfiguration.java:30)
                \t... 21 more
                """;
        assertEquals("java.lang.IllegalArgumentException: configuration org.mip6.mn~mn, field node: the world has no node \"mx\"",
                InfoCommand.thrown(failure));
        assertEquals("java.lang.IllegalStateException: boom", InfoCommand.thrown("java.lang.IllegalStateException: boom\n\tat x.y(Z.java:1)\n"));
        assertEquals("plain", InfoCommand.thrown(" plain "));
    }

    /** SCR fails a number field holding text before the component runs, naming only the text: the field is found. */
    @Test
    void aNumberFieldHoldingTextIsNamed() {
        String thrown = "org.osgi.service.component.ComponentException: java.lang.NumberFormatException: For input string: \"abc\"";
        assertEquals("configuration org.mip6.ha~ha, field maxLifetime: \"abc\" is not a number", InfoCommand.notANumber(thrown,
                java.util.Map.of("service.pid", "org.mip6.ha~ha", "maxLifetime", "abc", "node", "ha", "preference", 0)));
        assertEquals(thrown, InfoCommand.notANumber(thrown, java.util.Map.of("service.pid", "org.mip6.ha~ha")));
        assertEquals("java.lang.IllegalStateException: boom", InfoCommand.notANumber("java.lang.IllegalStateException: boom", null));
    }

    /** An active role that refused its node (a prefix the node does not advertise) says so beside its component. */
    @Test
    void aRefusedNodeIsShownBesideItsComponent() {
        var refusals = java.util.List.of(new InfoCommand.Refusal(49, "org.mip6.ha~ha", "not attached: configuration org.mip6.ha~ha, field prefixes: x"),
                new InfoCommand.Refusal(48, "org.mip6.ha~ha", "not attached: configuration org.mip6.ha~ha, field prefixes: y"));
        var c = new org.osgi.service.component.runtime.dto.ComponentConfigurationDTO();
        c.state = org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.ACTIVE;
        c.properties = java.util.Map.of("service.pid", "org.mip6.ha~ha");
        assertEquals("not attached: configuration org.mip6.ha~ha, field prefixes: x",
                InfoCommand.detail(c, InfoCommand.refused(refusals, 49, c.properties)));
        assertEquals("", InfoCommand.detail(c, InfoCommand.refused(refusals, 49, java.util.Map.of("service.pid", "org.mip6.ha~ha2"))));
        assertEquals("", InfoCommand.detail(c, InfoCommand.refused(refusals, 47, c.properties)));
    }

    /** A change of its configuration the attached role refused, against a node it is not attached to. */
    @Test
    void aRefusedChangeIsNotShownAsNotAttached() {
        assertEquals("configuration change not applied: configuration org.mip6.ha~ha, field prefixes: x",
                InfoCommand.refusalDetail(true, "configuration org.mip6.ha~ha, field prefixes: x"));
        assertEquals("not attached: y", InfoCommand.refusalDetail(false, "y"));
        assertEquals("not attached: z", InfoCommand.refusalDetail(null, "z"), "a refusal registered before the property");
    }

    /** A component that could not get a service whose own component failed: which service, and where to look. */
    @Test
    void aServiceWhoseComponentFailedIsNamed() {
        var d = new org.osgi.service.component.runtime.dto.ComponentDescriptionDTO();
        var r = new org.osgi.service.component.runtime.dto.ReferenceDTO();
        r.name = "$000";
        r.interfaceName = "org.mip6.world.World";
        d.references = new org.osgi.service.component.runtime.dto.ReferenceDTO[] {r};
        String scr = "java.lang.InstantiationException: Unable to get service for reference $000";
        assertEquals("needs org.mip6.world.World, whose component failed to activate: org.mip6.netsim.internal.EmbeddedWorld"
                + " (its row says why)", InfoCommand.unobtainable(scr, d,
                java.util.Map.of("org.mip6.world.World", java.util.List.of("org.mip6.netsim.internal.EmbeddedWorld"))));
        assertEquals("needs org.mip6.world.World, which could not be got", InfoCommand.unobtainable(scr, d, java.util.Map.of()));
        assertEquals("boom", InfoCommand.unobtainable("boom", d, java.util.Map.of()));
    }
}
