package org.mip6.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.ipsec.SecurityPolicyEntry;

/**
 * {@code mip6:spd [NODE] [--no-format]}: the Security Policy Database of each node with IPsec (RFC 4301
 * §4.4.1; RFC 3776 between mobile nodes and home agents), in the order it is searched, and whether a home
 * agent refuses home registrations without ESP from mobile nodes it has no SAs with (RFC 6275 §10.3.1).
 */
@Service
@Command(scope = "mip6", name = "spd", description = "IPsec policies (SPD) of every node with IPsec, or of one:"
        + " direction, selectors, action, mode and SA")
public class SpdCommand extends IpsecCommand {

    @Override
    void print(List<RoleServices.Ipsec> dbs) {
        for (RoleServices.Ipsec i : dbs) {
            String title = i.node() + ": " + (!i.database().role().equals("home-agent") ? i.database().role().replace('-', ' ')
                    : i.database().requiresProtectedHomeRegistration()
                    ? "home agent; home registrations without ESP are refused (RFC 6275 §10.3.1)"
                    : "home agent; home registrations without ESP are refused only from mobile nodes with SAs here"
                    + " (requireProtectedHomeRegistration = false)");
            System.out.println(noFormat ? "# " + title : title);
            Rows rows = new Rows("Dir", "Source", "Destination", "Traffic", "Action", "Mode", "SPI");
            for (SecurityPolicyEntry p : i.database().policies()) {
                rows.add(p.direction(), p.source(), p.destination(), p.traffic(), p.action(), p.mode(),
                        p.spi() < 0 ? "" : String.format("0x%08x", p.spi()));
            }
            rows.print(System.out, !noFormat);
        }
    }
}
