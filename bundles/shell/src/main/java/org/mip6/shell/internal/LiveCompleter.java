package org.mip6.shell.internal;

import java.io.File;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.mip6.world.LinkStatus;
import org.mip6.world.LiveLinks;
import org.mip6.world.World;

/** {@code mip6:live}'s words: after bridge, a world link then a host interface; after stop, a bridged link. */
@Service
public class LiveCompleter implements Completer {

    @Reference(optional = true)
    World world;

    @Reference(optional = true)
    LiveLinks live;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String[] words = commandLine.getArguments();
        int at = commandLine.getCursorArgumentIndex();
        String action = words.length > 1 ? words[1] : "";
        StringsCompleter s = new StringsCompleter();
        if (at == 2 && action.equals("bridge") && world != null) {
            for (LinkStatus l : world.links()) {
                s.getStrings().add(l.name());
            }
        } else if (at == 2 && action.equals("stop") && live != null) {
            for (LiveLinks.Bridge b : live.bridges()) {
                s.getStrings().add(b.link());
            }
        } else if (at == 3 && action.equals("bridge")) {
            String[] names = new File("/sys/class/net").list(); // Linux: the host's interfaces
            if (names != null) {
                s.getStrings().addAll(List.of(names));
            }
        } else {
            return -1;
        }
        return s.complete(session, commandLine, candidates);
    }
}
