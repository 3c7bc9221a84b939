package org.mip6.role;

import java.util.List;

/**
 * A role's state as a table for the shell: registered with {@link RoleNode#NODE} and {@link #TABLE}
 * naming the table ({@code rr} for {@code mip6:rr}), so that the shell shows what a role holds without
 * knowing its classes. Called from the shell's thread: implementations copy what they show.
 */
public interface RoleTable {

    /** Service property: which table this is. */
    String TABLE = "mip6.table";

    /** What the table is about, e.g. "correspondent node: nonces". */
    String title();

    List<String> columns();

    /** The rows now, each as many cells as {@link #columns()}. */
    List<List<Object>> rows();
}
