package dev.osk.cli;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * osk's standard output: a buffered UTF-8 {@link PrintWriter} that, unlike a plain one, remembers why a write
 * failed (a full disk, a closed pipe, a closed descriptor), so that {@link Main} can say so and exit 1 instead of
 * swallowing the error.
 */
final class StdoutWriter extends PrintWriter {
    private final Recording stream;

    private StdoutWriter(Recording stream) {
        super(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16));
        this.stream = stream;
    }

    StdoutWriter(OutputStream out) {
        this(new Recording(out));
    }

    /** Writes {@code bytes} as they are (a binary picture), after the text written so far. */
    void writeBytes(byte[] bytes) {
        flush();
        try {
            stream.write(bytes, 0, bytes.length);
        } catch (IOException e) {
            setError();
        }
    }

    /** The first write error, or null. */
    IOException failure() {
        return stream.failure;
    }

    /** Passes bytes through and keeps the first exception the stream threw. */
    private static final class Recording extends FilterOutputStream {
        private IOException failure;

        Recording(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        private void record(IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
