package dev.osk.render.chart;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Reads exactly one gzip member (RFC 1952): the header, the DEFLATE data (inflated by {@link Inflater}), and the
 * trailer, whose CRC-32 and length must match; anything after the member is an error. The JDK's
 * {@link java.util.zip.GZIPInputStream} silently ignores bytes after a member that do not form another gzip header,
 * so an archive with garbage (or a second payload) appended would pass as if it were whole.
 */
final class GzipDecoder extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[1 << 16];
    private int bufLen;
    private boolean done;

    GzipDecoder(InputStream in) throws IOException {
        this.in = in;
        header();
    }

    private void header() throws IOException {
        if (raw() != 0x1f || raw() != 0x8b) {
            throw new ZipException("not in gzip format");
        }
        if (raw() != 8) {
            throw new ZipException("unsupported compression method");
        }
        int flags = raw();
        for (int i = 0; i < 6; i++) {
            raw(); // modification time, extra flags, operating system
        }
        if ((flags & FEXTRA) != 0) {
            int len = raw() | raw() << 8;
            for (int i = 0; i < len; i++) {
                raw();
            }
        }
        if ((flags & FNAME) != 0) {
            while (raw() != 0) {
                // the file name
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (raw() != 0) {
                // the comment
            }
        }
        if ((flags & FHCRC) != 0) {
            raw();
            raw();
        }
    }

    /** One byte of the compressed file, outside the DEFLATE data. */
    private int raw() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("truncated");
        }
        return b;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException(e.getMessage() == null ? "invalid DEFLATE data" : e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                trailer();
                done = true;
                return -1;
            }
            if (inflater.needsDictionary()) {
                throw new ZipException("invalid DEFLATE data (a preset dictionary)");
            }
            if (inflater.needsInput()) {
                bufLen = in.read(buf);
                if (bufLen < 0) {
                    throw new EOFException("truncated");
                }
                inflater.setInput(buf, 0, bufLen);
            }
        }
    }

    /** The CRC-32 and length after the DEFLATE data, and nothing after them. */
    private void trailer() throws IOException {
        int left = inflater.getRemaining();
        int at = bufLen - left;
        byte[] t = new byte[8];
        for (int i = 0; i < 8; i++) {
            if (at < bufLen) {
                t[i] = buf[at++];
            } else {
                t[i] = (byte) raw();
            }
        }
        long storedCrc = le32(t, 0);
        long storedSize = le32(t, 4);
        if (storedCrc != crc.getValue()) {
            throw new ZipException("bad CRC-32 in the gzip trailer");
        }
        if (storedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ZipException("bad length in the gzip trailer");
        }
        if (at < bufLen || in.read() >= 0) {
            throw new ZipException("data after the end of the compressed stream");
        }
    }

    private static long le32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
