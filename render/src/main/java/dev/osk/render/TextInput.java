package dev.osk.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Every file and stream osk reads as text or bytes, read within a bound: the size is counted while reading, so
 * {@code /dev/zero} or a huge file stops at the limit instead of filling memory. Only regular files are opened (a
 * FIFO would block for ever, a device never ends): anything else is refused with what it is. Text must be UTF-8;
 * a byte that is not is reported with its offset.
 */
public final class TextInput {
    /** The most bytes of one YAML input: a values file, Chart.yaml, a manifest file, standard input. */
    public static final int MAX_YAML_BYTES = 16 << 20;
    /** The most bytes of one template or partial. */
    public static final int MAX_TEMPLATE_BYTES = 16 << 20;
    /** The most bytes of one file a chart packs (a template, a values file, any other file). */
    public static final int MAX_CHART_FILE_BYTES = 16 << 20;
    /** The most bytes of a {@code --set-file} file (a ConfigMap or Secret holds at most 1 MiB). */
    public static final int MAX_SET_FILE_BYTES = 1 << 20;

    private TextInput() {
    }

    /** What is at a path, as far as reading it goes. */
    public enum Type {
        MISSING("missing"), FILE("a file"), FOLDER("a folder"), FIFO("a FIFO (named pipe)"),
        CHARACTER_DEVICE("a character device"), BLOCK_DEVICE("a block device"), SOCKET("a socket"),
        OTHER("not a regular file");

        /** How messages name it. */
        public final String text;

        Type(String text) {
            this.text = text;
        }
    }

    /** What {@code path} is (links followed). */
    public static Type type(Path path) {
        return type(path, true);
    }

    /** What {@code path} is; with {@code followLinks} false a link is {@link Type#OTHER}. */
    public static Type type(Path path, boolean followLinks) {
        LinkOption[] opts = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class, opts);
        } catch (IOException e) {
            return Type.MISSING;
        }
        if (a.isRegularFile()) {
            return Type.FILE;
        }
        if (a.isDirectory()) {
            return Type.FOLDER;
        }
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", opts);
            switch (mode & 0170000) {
                case 0010000:
                    return Type.FIFO;
                case 0020000:
                    return Type.CHARACTER_DEVICE;
                case 0060000:
                    return Type.BLOCK_DEVICE;
                case 0140000:
                    return Type.SOCKET;
                default:
                    return Type.OTHER;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Type.OTHER;
        }
    }

    /**
     * The UTF-8 text of the regular file {@code file}, at most {@code maxBytes} long; {@code shown} names it in
     * messages ({@code what} says what it is, e.g. "values file", for the size message).
     */
    public static String read(Path file, String shown, int maxBytes, String what) {
        return decode(bytes(file, shown, maxBytes, what), shown);
    }

    /** The bytes of the regular file {@code file}, at most {@code maxBytes}. */
    public static byte[] bytes(Path file, String shown, int maxBytes, String what) {
        Type t = type(file);
        if (t == Type.MISSING) {
            throw new OskException(Location.of(shown), "no such file");
        }
        if (t != Type.FILE) {
            throw new OskException(Location.of(shown), "is " + t.text + ", not a regular file; osk reads only"
                    + " regular files");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return bounded(in, shown, maxBytes, what);
        } catch (NoSuchFileException e) {
            throw new OskException(Location.of(shown), "no such file");
        } catch (IOException e) {
            throw new OskException(Location.of(shown), "cannot read: " + reason(e));
        }
    }

    /** The UTF-8 text of a stream (standard input), at most {@code maxBytes}. */
    public static String read(InputStream in, String shown, int maxBytes, String what) {
        try {
            return decode(bounded(in, shown, maxBytes, what), shown);
        } catch (IOException e) {
            throw new OskException(Location.of(shown), "cannot read: " + reason(e));
        }
    }

    private static byte[] bounded(InputStream in, String shown, int maxBytes, String what) throws IOException {
        byte[] buf = new byte[Math.min(maxBytes + 1, 1 << 16)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > maxBytes) {
                    throw tooLarge(shown, maxBytes, what);
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) maxBytes + 1, (long) n * 2));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n > maxBytes) {
            throw tooLarge(shown, maxBytes, what);
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    private static OskException tooLarge(String shown, int maxBytes, String what) {
        return new OskException(Location.of(shown), "is larger than " + size(maxBytes) + ", the most osk reads from"
                + " " + what);
    }

    /** {@code 16 MiB}, {@code 1 MiB}, {@code 512 KiB}. */
    public static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }

    /** Strict UTF-8: the first byte that does not decode is reported with its offset. */
    public static String decode(byte[] bytes, String shown) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            throw new OskException(Location.of(shown), String.format("is not UTF-8 text (byte 0x%02x at offset %d"
                    + " is not part of a UTF-8 character)", bytes[in.position()] & 0xff, in.position()));
        }
        r = d.flush(out);
        out.flip();
        return out.toString();
    }

    /** An I/O error's reason, without the path the message already names. */
    public static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fse) {
            m = fse.getReason() != null ? fse.getReason() : e.getClass().getSimpleName();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
