package org.mip6.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Completes what {@code mip6:swap} replaces in place: the installed mip6 bundles that export no API. */
@Service
public class SwappableBundleCompleter implements Completer {

    @Reference
    BundleContext bundleContext;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter s = new StringsCompleter();
        for (Bundle b : bundleContext.getBundles()) {
            String n = b.getSymbolicName();
            if (n != null && n.startsWith(InfoCommand.PREFIX) && !SwapCommand.API.contains(n)) {
                s.getStrings().add(n);
            }
        }
        return s.complete(session, commandLine, candidates);
    }
}
