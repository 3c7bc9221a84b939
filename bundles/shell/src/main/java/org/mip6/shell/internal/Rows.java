package org.mip6.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.karaf.shell.support.table.ShellTable;

/**
 * A command's table: bordered for people, or with {@code --no-format} one line per row with the
 * cells separated by single tabs and nothing padded, for {@code cut -f} and {@code awk -F'\t'}.
 */
final class Rows {

    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();

    Rows(String... columns) {
        this.columns = List.of(columns);
    }

    void add(Object... cells) {
        rows.add(cells);
    }

    void print(PrintStream out, boolean format) {
        if (!format) {
            for (Object[] r : rows) {
                out.println(Stream.of(r).map(String::valueOf).collect(Collectors.joining("\t")));
            }
            return;
        }
        ShellTable t = new ShellTable();
        columns.forEach(t::column);
        for (Object[] r : rows) {
            t.addRow().addContent(r);
        }
        t.print(out, true);
    }
}
