package dev.osk.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A resident osk: one JVM that stays up between commands and runs each one that {@code osk-client} (the
 * launcher's small C client, {@code cli/src/main/c/osk-client.c}) sends over a Unix socket, so a command pays
 * neither the JVM's start-up nor its warm-up. Each command runs as {@link Main#run} runs it in a process of its
 * own, on its own thread, with the client's working directory, environment, arguments and standard input, its
 * standard output and error sent back as they are written, then its exit code.
 *
 * <p>Frames, both ways: a type byte, a 4-byte big-endian length, the payload. Client to server: {@code S} the
 * launcher's stamp of the jar, {@code C} the working directory, {@code A} an argument, {@code E} an environment
 * entry (NAME=value), {@code G} run, then {@code I} standard input bytes and {@code Z} its end, when asked. Server
 * to client: {@code O} standard output bytes, {@code R} standard error bytes, {@code N} send standard input,
 * {@code X} the exit code (4 bytes), or {@code T} instead of running: this server belongs to another build of the
 * jar and is stopping (the client then leaves the command to a new JVM).
 *
 * <p>The socket lives in a folder only its user can enter. The server stops after {@code idleSeconds} without a
 * command, and when a client's stamp is not its own.
 */
final class ResidentServer {
    private final Path socket;
    private final String stamp;
    private final long idleMillis;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong lastActivity = new AtomicLong(System.currentTimeMillis());
    private volatile boolean stopping;
    /** Whether the heap was given back (see {@link #shrink}) since the last command. */
    private volatile boolean collected = true;
    /** Heap in use after a command above which it is collected at once. */
    private static final long LARGE_HEAP = 96L << 20;
    /** Collects the old generation early during a command (null when the collector is not the serial one). */
    private final TenuredLimit tenuredLimit = TenuredLimit.install();

    ResidentServer(Path socket, String stamp, long idleSeconds) {
        this.socket = socket;
        this.stamp = stamp;
        this.idleMillis = idleSeconds * 1000;
    }

    /** {@code java -cp osk.jar dev.osk.cli.ResidentServer SOCKET STAMP IDLE_SECONDS}, started by the launcher. */
    public static void main(String[] args) throws IOException {
        new ResidentServer(Path.of(args[0]), args[1], Long.parseLong(args[2])).serve();
        System.exit(0);
    }

    /** Serves until idle for the idle time, or a client's stamp is not this server's; then returns. */
    void serve() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            // another server got there first, or a dead one left its socket: a live one answers, a dead one not
            if (answers(socket)) {
                return;
            }
            Files.deleteIfExists(socket);
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        Thread idle = new Thread(() -> watchIdle(server), "osk-server-idle");
        idle.setDaemon(true);
        idle.start();
        try {
            while (!stopping) {
                SocketChannel client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    break; // closed by the idle watch or a stale stamp
                }
                lastActivity.set(System.currentTimeMillis());
                running.incrementAndGet();
                collected = false;
                Thread t = new Thread(() -> {
                    try (SocketChannel c = client) {
                        handle(c, server);
                    } catch (IOException | RuntimeException e) {
                        // the client went away; nothing to tell it
                    } finally {
                        lastActivity.set(System.currentTimeMillis());
                        // the last command out of a large one returns its garbage at once, so the heap shrinks
                        // back (-XX:MaxHeapFreeRatio) before the next; the client already has its exit code
                        if (running.decrementAndGet() == 0) {
                            if (usedHeap() > LARGE_HEAP) {
                                collect();
                            }
                            if (tenuredLimit != null) {
                                tenuredLimit.reset();
                            }
                        }
                    }
                }, "osk-command");
                t.start();
            }
        } finally {
            server.close();
            Files.deleteIfExists(socket);
        }
        // let the commands still running finish before the JVM exits
        while (running.get() > 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Collects the heap (right after a large command: its garbage goes before the next command's). */
    private void collect() {
        System.gc();
    }

    /**
     * Collects the heap and gives it back to the system, once the resident osk is idle. The launcher starts it with
     * {@code -XX:-ShrinkHeapInSteps}, so that one full collection shrinks the heap to what is left (the serial
     * collector would otherwise shrink it a step per collection): a render of 100,000 objects would leave the heap
     * it grew to committed while the resident osk waits.
     */
    private void shrink() {
        collected = true;
        System.gc();
    }

    private static boolean answers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private void watchIdle(ServerSocketChannel server) {
        while (!stopping) {
            try {
                Thread.sleep(Math.min(idleMillis, 1000));
            } catch (InterruptedException e) {
                return;
            }
            long quiet = System.currentTimeMillis() - lastActivity.get();
            if (running.get() == 0 && quiet >= idleMillis) {
                stop(server);
            } else if (running.get() == 0 && quiet >= 1000 && !collected) {
                shrink(); // after a command or a burst of commands
            }
        }
    }

    private void stop(ServerSocketChannel server) {
        stopping = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void handle(SocketChannel channel, ServerSocketChannel server) throws IOException {
        DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
        Frames frames = new Frames(new DataOutputStream(Channels.newOutputStream(channel)));
        String clientStamp = null;
        String cwd = null;
        List<String> args = new ArrayList<>();
        Map<String, String> env = new HashMap<>();
        for (;;) {
            byte[] payload = readFrame(in);
            int type = payload[0] & 0xff;
            String text = new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
            switch (type) {
                case 'S' -> clientStamp = text;
                case 'C' -> cwd = text;
                case 'A' -> args.add(text);
                case 'E' -> {
                    int eq = text.indexOf('=');
                    if (eq > 0) {
                        env.put(text.substring(0, eq), text.substring(eq + 1));
                    }
                }
                case 'G' -> {
                    if (!stamp.equals(clientStamp) || cwd == null) {
                        frames.send('T', new byte[0]);
                        stop(server);
                        return;
                    }
                    run(Path.of(cwd), args, env, in, frames);
                    return;
                }
                default -> throw new IOException("unknown frame " + type);
            }
        }
    }

    private static void run(Path cwd, List<String> args, Map<String, String> env, DataInputStream in, Frames frames)
            throws IOException {
        StdoutWriter out = new StdoutWriter(frames.stream('O'));
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(frames.stream('R'), StandardCharsets.UTF_8),
                true);
        InputStream stdin = new ClientInput(in, frames);
        int code = Workspace.withEnv(env, () -> Main.run(cwd, stdin, out, err, args.toArray(String[]::new)));
        out.flush();
        err.flush();
        frames.send('X', java.nio.ByteBuffer.allocate(4).putInt(code).array());
    }

    /** One frame from the client: its type byte, then its payload. */
    private static byte[] readFrame(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        int length = in.readInt();
        if (length < 0 || length > 1 << 24) {
            throw new IOException("frame of " + length + " bytes");
        }
        byte[] frame = new byte[length + 1];
        frame[0] = (byte) type;
        in.readFully(frame, 1, length);
        return frame;
    }

    /** Frames to the client, from the command's threads (stdout, stderr and the exit code interleave). */
    private static final class Frames {
        private final DataOutputStream out;

        Frames(DataOutputStream out) {
            this.out = out;
        }

        synchronized void send(int type, byte[] b, int off, int len) throws IOException {
            out.writeByte(type);
            out.writeInt(len);
            out.write(b, off, len);
            out.flush();
        }

        void send(int type, byte[] b) throws IOException {
            send(type, b, 0, b.length);
        }

        OutputStream stream(int type) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    send(type, new byte[] {(byte) b});
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len > 0) {
                        send(type, b, off, len);
                    }
                }
            };
        }
    }

    /** The client's standard input, asked for on the first read (a command that reads none never waits on it). */
    private static final class ClientInput extends InputStream {
        private final DataInputStream in;
        private final Frames frames;
        private boolean asked;
        private boolean ended;
        private byte[] chunk = new byte[0];
        private int pos;

        ClientInput(DataInputStream in, Frames frames) {
            this.in = in;
            this.frames = frames;
        }

        private boolean fill() throws IOException {
            if (!asked) {
                asked = true;
                frames.send('N', new byte[0]);
            }
            while (!ended && pos == chunk.length) {
                byte[] frame = readFrame(in);
                if (frame[0] == 'Z') {
                    ended = true;
                } else if (frame[0] == 'I') {
                    chunk = frame;
                    pos = 1;
                } else {
                    throw new IOException("unexpected frame " + frame[0] + " in standard input");
                }
            }
            return pos < chunk.length;
        }

        @Override
        public synchronized int read() throws IOException {
            return fill() ? chunk[pos++] & 0xff : -1;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
