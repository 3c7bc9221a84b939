package org.mip6.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mip6.ipsec.SecurityAssociationEntry;

/**
 * {@code mip6:sad [NODE] [--show-keys] [--wireshark FILE] [--no-format]}: the Security Association
 * Database of each node with IPsec (RFC 4301 §4.4.2): SPI, direction, mode, algorithm, the addresses on
 * the wire ("*": a mobile node's care-of address), sequence numbers, the replay window, packets and octets.
 * Keys only with {@code --show-keys}. {@code --wireshark FILE} writes the SAs as Wireshark's ESP SA table
 * (the {@code esp_sa} file of a configuration profile), so that
 * {@code tshark -C PROFILE -o esp.enable_encryption_decode:TRUE} decrypts a capture.
 */
@Service
@Command(scope = "mip6", name = "sad", description = "IPsec SAs (SAD) of every node with IPsec, or of one: SPI, mode,"
        + " algorithm, addresses, sequence numbers, replay window, packets; --wireshark FILE for tshark")
public class SadCommand extends IpsecCommand {

    @Option(name = "--show-keys", description = "Also the keys (a debugging session; never shown otherwise)")
    boolean showKeys;

    @Option(name = "--wireshark", description = "Write the SAs to FILE as Wireshark's ESP SA table (esp_sa)")
    String wireshark;

    @Override
    TrailingOptions moreOptions(TrailingOptions options) {
        return options.flag(() -> showKeys = true, "--show-keys").value(v -> wireshark = v, "--wireshark");
    }

    @Override
    void print(List<RoleServices.Ipsec> dbs) {
        if (wireshark != null) {
            write(dbs);
            return;
        }
        // Seq: the last sent (out) or highest received (in); Window: its size and bitmap (bit i: Seq - i seen)
        List<String> columns = new ArrayList<>(List.of("Node", "SPI", "Dir", "Mode", "Algorithm", "Source", "Destination",
                "Seq", "Window", "Packets", "Octets"));
        if (showKeys) {
            columns.addAll(List.of("Encryption key", "Integrity key"));
        }
        Rows rows = new Rows(columns.toArray(String[]::new));
        for (RoleServices.Ipsec i : dbs) {
            for (SecurityAssociationEntry e : i.database().associations()) {
                List<Object> r = new ArrayList<>(List.of(i.node(), String.format("0x%08x", e.spi()), e.direction(), e.mode(),
                        e.algorithm(), e.source(), e.destination(), e.sequence(),
                        e.replayWindow() == 0 ? "" : e.replayWindow() + " 0x" + Long.toHexString(e.replayBitmap()),
                        e.packets(), e.octets()));
                if (showKeys) {
                    r.add(SecurityAssociationEntry.hex(e.encryptionKey()));
                    r.add(e.integrityKey().length == 0 ? "" : SecurityAssociationEntry.hex(e.integrityKey()));
                }
                rows.add(r.toArray());
            }
        }
        rows.print(System.out, !noFormat);
    }

    /** Both directions of every SA, once per SPI and direction (the peers' tables hold the same SAs). */
    private void write(List<RoleServices.Ipsec> dbs) {
        List<String> lines = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RoleServices.Ipsec i : dbs) {
            for (SecurityAssociationEntry e : i.database().associations()) {
                if (seen.add(e.spi() + " " + e.source() + " " + e.destination())) {
                    lines.add(e.wiresharkRow());
                }
            }
        }
        Path f = Path.of(wireshark);
        try {
            if (f.getParent() != null) {
                Files.createDirectories(f.getParent());
            }
            Files.write(f, lines);
        } catch (IOException e) {
            throw IoErrors.cannotWrite(f, e);
        }
        System.out.println(lines.size() + " SAs written to " + f.toAbsolutePath() + " (Wireshark's ESP SA table: copy it"
                + " to a profile as esp_sa, then tshark -C PROFILE -o esp.enable_encryption_decode:TRUE"
                + " -o esp.enable_authentication_check:TRUE -r CAPTURE)");
    }
}
