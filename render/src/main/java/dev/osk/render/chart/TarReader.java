package dev.osk.render.chart;

import dev.osk.render.Location;
import dev.osk.render.OskException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.utils.ArchiveUtils;

/**
 * Reads a tar stream into memory, within limits: at most {@code maxEntries} entries and {@code maxBytes} bytes of
 * tar stream (headers, contents and padding), counted as they are read, so a small compressed file that unpacks to
 * gigabytes is stopped at the limit. Apache Commons Compress parses the headers, so what GNU tar, bsdtar, Go's
 * archive/tar (helm package) and Python's tarfile write is read: ustar with its prefix field, pax extended headers
 * and GNU long names, each folded into the entry it describes. It reports what each entry is (its type and link
 * target included) and leaves judging them to the caller; it refuses only what it cannot read or hold: a header
 * without ustar magic (pre-POSIX archives), a bad checksum, a truncated stream, names that are not UTF-8, and sparse
 * files (whose stored bytes say nothing about the size they unpack to).
 */
public final class TarReader {
    /** One entry: its path, its type flag ('0' file, '5' folder, '1' hard link, '2' symlink, ...). */
    public record Entry(String name, char type, String linkName, byte[] content) {
        public boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }
    }

    private static final int BLOCK = 512;

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
        Counted counted = new Counted(in);
        Headers tar = new Headers(counted);
        List<Entry> entries = new ArrayList<>();
        while (true) {
            TarArchiveEntry e;
            try {
                e = tar.getNextEntry();
            } catch (OskException | ZipException | EOFException refusedOrCompression) {
                throw refusedOrCompression;
            } catch (IOException damaged) {
                throw damaged(damaged, entries.size());
            }
            if (e == null) {
                break;
            }
            if (entries.size() == maxEntries) {
                throw problem("more than " + maxEntries + " entries");
            }
            String name = e.getName();
            if (name.indexOf('\uFFFD') >= 0 || e.getLinkName().indexOf('\uFFFD') >= 0) {
                throw problem("an entry name is not UTF-8");
            }
            if (e.isSparse()) {
                throw problem("entry '" + name + "' is a sparse file; chart archives hold only plain files and"
                        + " folders");
            }
            if (e.getSize() > maxBytes - counted.count) {
                throw tooBig();
            }
            byte[] content = new byte[(int) e.getSize()];
            try {
                if (tar.readNBytes(content, 0, content.length) < content.length) {
                    throw problem("truncated archive");
                }
            } catch (OskException | ZipException | EOFException refusedOrCompression) {
                throw refusedOrCompression;
            } catch (IOException damaged) {
                throw damaged(damaged, entries.size());
            }
            entries.add(new Entry(name, (char) (e.getLinkFlag() & 0xff), e.getLinkName(), content));
        }
        if (!tar.sawEndMarker) {
            throw problem(counted.count == 0 ? "empty archive"
                    : counted.count < BLOCK ? "not a tar archive (shorter than one header)"
                    : entries.isEmpty() ? "truncated archive" : "truncated archive (no end marker)");
        }
        if (entries.isEmpty()) {
            throw problem("empty archive");
        }
        // read to the end so the compression layer checks its trailer, still within the limit
        byte[] sink = new byte[8192];
        while (counted.read(sink) >= 0) {
            // discarded
        }
        return entries;
    }

    private OskException damaged(IOException e, int index) {
        String detail = e.getMessage() == null ? "" : e.getMessage();
        if (detail.startsWith("Truncated") || detail.startsWith("premature end")) {
            return problem("truncated archive");
        }
        if (detail.startsWith("Error detected parsing the header")) {
            return problem("not a tar archive (bad header at entry " + (index + 1) + ")");
        }
        return problem("damaged archive at entry " + (index + 1) + " (" + detail + ")");
    }

    private OskException problem(String detail) {
        return new OskException(Location.of(source), detail);
    }

    private OskException tooBig() {
        return problem("unpacks to more than " + (maxBytes >> 20) + " MiB; refusing to read further");
    }

    /**
     * The library's stream, watched where it reads a header: each header must carry ustar magic and a good
     * checksum (the library would take a damaged one for the end of the archive or for a pre-POSIX header), and
     * the end marker must be an all-zero block, not the stream simply stopping.
     */
    private final class Headers extends TarArchiveInputStream {
        private boolean sawEndMarker;
        private int headers;

        Headers(InputStream in) {
            super(in, StandardCharsets.UTF_8.name());
        }

        @Override
        protected byte[] readRecord() throws IOException {
            byte[] record = super.readRecord();
            if (record == null || sawEndMarker || ArchiveUtils.isArrayZero(record, record.length)) {
                return record;
            }
            headers++;
            String magic = new String(record, 257, 6, StandardCharsets.US_ASCII);
            if (!magic.equals("ustar\0") && !magic.equals("ustar ")) {
                throw problem("not a ustar archive (header " + headers + " has no ustar magic)");
            }
            if (!checksumOk(record)) {
                throw problem("not a tar archive (bad header checksum at header " + headers + ")");
            }
            return record;
        }

        @Override
        protected boolean isEOFRecord(byte[] record) {
            boolean end = super.isEOFRecord(record);
            if (end && record != null) {
                sawEndMarker = true;
            }
            return end;
        }
    }

    /** The library's checksum test (unsigned or signed sums, as old tars wrote them); a garbled field fails it. */
    private static boolean checksumOk(byte[] header) {
        try {
            return TarUtils.verifyCheckSum(header);
        } catch (IllegalArgumentException notOctal) {
            return false;
        }
    }

    /** The tar stream, counted against the byte limit. */
    private final class Counted extends FilterInputStream {
        private long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, 8192));
            if (skipped > 0) {
                add(skipped);
            }
            return skipped;
        }

        private void add(long n) {
            count += n;
            if (count > maxBytes) {
                throw tooBig();
            }
        }
    }
}
