package dev.weir.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between one simulated board and the broker, so a test can cut the board off as a crash
 * would (the kernel closes a killed process's sockets): the broker sees the connection drop without
 * DISCONNECT and publishes the board's last will. After {@link #cut} it accepts nothing more; {@link
 * #freeze} is the silent failure instead.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;
    private volatile boolean frozen;

    TcpProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(this::accept, "proxy-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    String uri() {
        return "mqtt://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!cut) {
            try {
                Socket in = server.accept();
                if (cut) {
                    in.close();
                    return;
                }
                Socket out = new Socket("127.0.0.1", target);
                sockets.add(in);
                sockets.add(out);
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                int n;
                while ((n = i.read(buf)) > 0) {
                    if (!frozen) {
                        o.write(buf, 0, n);
                        o.flush();
                    }
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Stops carrying bytes either way but keeps the connections open, as a board that lost power or
     * its cable: only the broker's keepalive (1.5 times 2 s) and the controller's heartbeat timeout
     * (3 s) notice.
     */
    void freeze() {
        frozen = true;
    }

    /** Drops every connection at once and refuses new ones. */
    void cut() {
        cut = true;
        closeQuietly(server);
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
