package dev.osk.render.release;

import dev.osk.render.Location;
import dev.osk.render.OskException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a ustar (or GNU tar) stream into memory, within limits: at most {@code maxEntries} entries and
 * {@code maxBytes} bytes of tar stream (headers, contents and padding), counted as they are read, so a small
 * compressed file that unpacks to gigabytes is stopped at the limit. It reports what each entry is (its type and
 * link target included) and leaves judging them to the caller; it refuses only what it cannot read.
 */
public final class TarReader {
    /** One entry: its path as stored, its type flag ('0' file, '5' folder, '1' hard link, '2' symlink, ...). */
    public record Entry(String name, char type, String linkName, byte[] content) {
        public boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }
    }

    private final String source;
    private final int maxEntries;
    private final long maxBytes;

    /**
     * @param source how the archive is named in messages
     * @param maxEntries the most entries accepted
     * @param maxBytes the most bytes of tar stream accepted
     */
    public TarReader(String source, int maxEntries, long maxBytes) {
        this.source = source;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** Every entry up to the end marker; the rest of the stream is read (within the limit) and ignored. */
    public List<Entry> read(InputStream in) throws IOException {
        Bounded s = new Bounded(in);
        List<Entry> entries = new ArrayList<>();
        byte[] h = new byte[TarWriter.BLOCK];
        while (true) {
            if (!s.block(h, entries.isEmpty())) {
                if (entries.isEmpty()) {
                    throw problem("empty archive");
                }
                throw problem("truncated archive (no end marker)");
            }
            if (zero(h)) {
                break;
            }
            if (entries.size() == maxEntries) {
                throw problem("more than " + maxEntries + " entries");
            }
            checksum(h, entries.size());
            String magic = new String(h, 257, 6, StandardCharsets.US_ASCII);
            boolean posix = magic.equals("ustar\0");
            if (!posix && !magic.equals("ustar ")) {
                throw problem("not a ustar archive (entry " + (entries.size() + 1) + " has no ustar magic)");
            }
            String name = text(h, 0, 100);
            if (posix) {
                String prefix = text(h, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            char type = (char) (h[156] & 0xff);
            long size = number(h, 124, 12, name);
            if (size > maxBytes - s.count) {
                throw tooBig();
            }
            byte[] content = new byte[(int) size];
            s.fully(content);
            s.skip(TarWriter.padding(size));
            entries.add(new Entry(name, type, text(h, 157, 100), content));
        }
        // read to the end so the compression layer checks its trailer, still within the limit
        byte[] sink = new byte[8192];
        while (s.read(sink) >= 0) {
            // discarded
        }
        return entries;
    }

    private OskException problem(String detail) {
        return new OskException(Location.of(source), detail);
    }

    private OskException tooBig() {
        return problem("unpacks to more than " + (maxBytes >> 20) + " MiB; refusing to read further");
    }

    private static boolean zero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private void checksum(byte[] h, int index) {
        long stored;
        try {
            stored = number(h, 148, 8, null);
        } catch (OskException e) {
            throw problem("not a tar archive (bad header checksum at entry " + (index + 1) + ")");
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < h.length; i++) {
            int b = i >= 148 && i < 156 ? ' ' : h[i];
            unsigned += b & 0xff;
            signed += (byte) b;
        }
        if (stored != unsigned && stored != signed) {
            throw problem("not a tar archive (bad header checksum at entry " + (index + 1) + ")");
        }
    }

    private long number(byte[] h, int off, int width, String entry) {
        if ((h[off] & 0x80) != 0) {
            throw entry == null ? problem("bad number") : tooBig();
        }
        long v = 0;
        int i = off;
        int end = off + width;
        while (i < end && h[i] == ' ') {
            i++;
        }
        boolean any = false;
        for (; i < end; i++) {
            byte b = h[i];
            if (b == 0 || b == ' ') {
                break;
            }
            if (b < '0' || b > '7') {
                throw problem("bad number in the header" + (entry == null ? "" : " of '" + entry + "'"));
            }
            v = v * 8 + (b - '0');
            any = true;
            if (v > Long.MAX_VALUE / 16) {
                throw tooBig();
            }
        }
        if (!any && entry == null) {
            throw problem("bad number");
        }
        return v;
    }

    private String text(byte[] h, int off, int width) {
        int end = off;
        while (end < off + width && h[end] != 0) {
            end++;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(h, off, end - off)).toString();
        } catch (CharacterCodingException e) {
            throw problem("an entry name is not UTF-8");
        }
    }

    /** The tar stream, counted against the byte limit. */
    private final class Bounded {
        private final InputStream in;
        private long count;

        Bounded(InputStream in) {
            this.in = in;
        }

        /** Reads one block; false at a clean end of stream before it. */
        boolean block(byte[] b, boolean first) throws IOException {
            int n = in.readNBytes(b, 0, b.length);
            add(n);
            if (n == 0) {
                return false;
            }
            if (n < b.length) {
                throw problem(first ? "not a tar archive (shorter than one header)" : "truncated archive");
            }
            return true;
        }

        void fully(byte[] b) throws IOException {
            int n = in.readNBytes(b, 0, b.length);
            add(n);
            if (n < b.length) {
                throw problem("truncated archive");
            }
        }

        void skip(int n) throws IOException {
            fully(new byte[n]);
        }

        int read(byte[] b) throws IOException {
            int n = in.read(b);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) {
            count += n;
            if (count > maxBytes) {
                throw tooBig();
            }
        }
    }
}
