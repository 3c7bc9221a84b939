package org.mip6.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** mip6:swap completes the role bundles, not the API bundles it refuses, nor other bundles. */
class SwappableBundleCompleterTest {

    static Bundle bundle(String name) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> m.getName().equals("getSymbolicName") ? name : null);
    }

    static CommandLine typed(String word) {
        return (CommandLine) Proxy.newProxyInstance(CommandLine.class.getClassLoader(), new Class<?>[] {CommandLine.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getCursorArgument" -> word;
                    case "getArgumentPosition" -> word.length();
                    case "getBuffer" -> "mip6:swap " + word;
                    case "getBufferPosition" -> ("mip6:swap " + word).length();
                    case "getCursorArgumentIndex" -> 1;
                    case "getArguments" -> new String[] {"mip6:swap", word};
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void completesTheRoleBundles() {
        SwappableBundleCompleter c = new SwappableBundleCompleter();
        Bundle[] all = {bundle("org.apache.felix.scr"), bundle("org.mip6.api"), bundle("org.mip6.ha"), bundle("org.mip6.mn"),
                bundle("org.mip6.role-api"), bundle("org.mip6.wire"), bundle(null)};
        c.bundleContext = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> m.getName().equals("getBundles") ? all : null);
        List<String> candidates = new ArrayList<>();
        c.complete(null, typed("org.mip6."), candidates);
        assertEquals(List.of("org.mip6.ha", "org.mip6.mn"), candidates.stream().map(String::strip).sorted().toList());
        candidates.clear();
        c.complete(null, typed("org.mip6.h"), candidates);
        assertEquals(List.of("org.mip6.ha"), candidates.stream().map(String::strip).toList());
    }
}
