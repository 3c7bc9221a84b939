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
}
