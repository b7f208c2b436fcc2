package dev.osk.render.release;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a POSIX ustar archive of regular files, reproducibly: entries sorted by path, every file mode 0644,
 * owner and group 0 with empty names, one modification time for all, no folder entries (readers create folders
 * as needed), the end marker and padding to whole 10 KiB records as tar itself writes them.
 *
 * <p>Written here, not by Commons Compress's {@code TarArchiveOutputStream} (which reads archives for osk): that
 * writer ends numeric fields with a space ({@code "0000644 "}) where this one ends them with a NUL, keeps the file
 * type bits in the mode field, and writes a path over 100 bytes as a pax or GNU long-name record instead of
 * splitting it into the ustar prefix field; any of these changes the bytes, and so the published digests, of every
 * archive osk has written.
 */
public final class TarWriter {
    static final int BLOCK = 512;
    static final int RECORD = 20 * BLOCK;
    /** The largest modification time an 11-digit octal field holds (the year 2242). */
    public static final long MAX_MTIME = 077777777777L;

    private final long mtime;
    private final SortedMap<String, byte[]> files = new TreeMap<>();

    /** @param mtime seconds since 1970-01-01T00:00:00Z, given to every entry */
    public TarWriter(long mtime) {
        if (mtime < 0 || mtime > MAX_MTIME) {
            throw new IllegalArgumentException("modification time " + mtime + " does not fit a tar header");
        }
        this.mtime = mtime;
    }

    /**
     * Adds a file at {@code path}: relative, '/'-separated, without empty, {@code .} or {@code ..} parts, at most
     * 255 bytes (split between the ustar prefix and name fields at a '/').
     */
    public TarWriter add(String path, byte[] content) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.indexOf('\\') >= 0
                || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a relative file path: '" + path + "'");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("not a plain relative path: '" + path + "'");
            }
        }
        split(path.getBytes(StandardCharsets.UTF_8));
        if (files.putIfAbsent(path, content) != null) {
            throw new IllegalArgumentException("'" + path + "' added twice");
        }
        return this;
    }

    /** The archive bytes. */
    public byte[] toByteArray() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] content = e.getValue();
            out.writeBytes(header(e.getKey(), content.length));
            out.writeBytes(content);
            out.writeBytes(new byte[padding(content.length)]);
        }
        out.writeBytes(new byte[2 * BLOCK]);
        int rest = out.size() % RECORD;
        if (rest != 0) {
            out.writeBytes(new byte[RECORD - rest]);
        }
        return out.toByteArray();
    }

    static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    private byte[] header(String path, long size) {
        byte[] h = new byte[BLOCK];
        byte[][] parts = split(path.getBytes(StandardCharsets.UTF_8));
        System.arraycopy(parts[1], 0, h, 0, parts[1].length);
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = '0';
        ascii(h, 257, "ustar\0");
        ascii(h, 263, "00");
        octal(h, 329, 8, 0);
        octal(h, 337, 8, 0);
        System.arraycopy(parts[0], 0, h, 345, parts[0].length);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String chk = String.format("%06o", sum);
        ascii(h, 148, chk + "\0 ");
        return h;
    }

    /** {prefix, name}: the whole path in name when it fits in 100 bytes, else split at a '/'. */
    private static byte[][] split(byte[] path) {
        if (path.length <= 100) {
            return new byte[][] {new byte[0], path};
        }
        for (int i = Math.min(path.length - 1, 155); i > 0; i--) {
            if (path[i] == '/' && path.length - i - 1 <= 100) {
                byte[] prefix = java.util.Arrays.copyOfRange(path, 0, i);
                byte[] name = java.util.Arrays.copyOfRange(path, i + 1, path.length);
                return new byte[][] {prefix, name};
            }
        }
        throw new IllegalArgumentException("path too long for a ustar archive (at most 255 bytes, a '/' splitting"
                + " it into 155 + 100): '" + new String(path, StandardCharsets.UTF_8) + "'");
    }

    private static void octal(byte[] h, int off, int width, long value) {
        String s = Long.toOctalString(value);
        String padded = "0".repeat(width - 1 - s.length()) + s;
        ascii(h, off, padded + "\0");
    }

    private static void ascii(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
