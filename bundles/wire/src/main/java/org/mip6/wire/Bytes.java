package org.mip6.wire;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string: opaque payloads, unknown option data, authenticators. */
public final class Bytes {

    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}. */
    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** A copy of {@code len} bytes of {@code buf} from {@code off}. */
    public static Bytes copyOf(byte[] buf, int off, int len) {
        return len == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(buf, off, off + len));
    }

    /** Parses lowercase or uppercase hex, no separators. */
    public static Bytes fromHex(String hex) {
        return hex.isEmpty() ? EMPTY : new Bytes(HEX.parseHex(hex));
    }

    public int length() {
        return data.length;
    }

    public int get(int index) {
        return data[index] & 0xff;
    }

    public byte[] toArray() {
        return data.clone();
    }

    public void copyTo(byte[] buf, int off) {
        System.arraycopy(data, 0, buf, off, data.length);
    }

    public String hex() {
        return HEX.formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return data.length <= 64 ? hex() : HEX.formatHex(data, 0, 64) + "...(" + data.length + " bytes)";
    }
}
