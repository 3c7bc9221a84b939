package org.mip6.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.mip6.world.LinkStatus;
import org.mip6.world.World;

/** Completes link names of the running world. */
@Service
public class LinkCompleter implements Completer {

    @Reference(optional = true)
    World world;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter s = new StringsCompleter();
        if (world == null) {
            return -1;
        }
        for (LinkStatus l : world.links()) {
            s.getStrings().add(l.name());
        }
        return s.complete(session, commandLine, candidates);
    }
}
