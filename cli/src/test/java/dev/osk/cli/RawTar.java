package dev.osk.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Builds tar archives entry by entry with whatever headers a test wants (names with '..', links, devices), the
 * way a hostile or careless tool might, compressed with the JDK's gzip. Written from the ustar layout, not with
 * osk's writer, so it can make what osk would never make.
 */
final class RawTar {
    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    RawTar file(String name, String content) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return entry(name, '0', "", b.length, b);
    }

    RawTar entry(String name, char type, String linkName, long size, byte[] content) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        put(h, 124, String.format("%011o\0", size));
        put(h, 136, String.format("%011o\0", 0));
        h[156] = (byte) type;
        put(h, 157, linkName);
        put(h, 257, "ustar\0" + "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte x : h) {
            sum += x & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        tar.writeBytes(h);
        tar.writeBytes(content);
        tar.writeBytes(new byte[(int) ((512 - content.length % 512) % 512)]);
        return this;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, b.length);
    }

    /** The tar bytes, with the end marker. */
    byte[] tar() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tar.toByteArray());
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** Writes the archive, gzip-compressed, to {@code file}. */
    Path writeTo(Path file) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(tar());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * A gzip bomb: a chart whose one template header claims {@code size} bytes, followed by that many zeros,
     * streamed so the test never holds them in memory (a few hundred KiB compressed).
     */
    static Path bomb(Path file, long size) {
        RawTar head = new RawTar().file("bomb/Chart.yaml", "name: bomb\nversion: 0.1.0\n");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(head.tar.toByteArray());
            byte[] h = new RawTar().entry("bomb/templates/zeros.yaml", '0', "", size, new byte[0]).tar.toByteArray();
            out.write(h);
            byte[] zeros = new byte[1 << 20];
            for (long left = size; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
            out.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
