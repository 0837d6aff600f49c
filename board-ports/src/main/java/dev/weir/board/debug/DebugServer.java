package dev.weir.board.debug;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weir.hal.camera.CameraGrant;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.BoardPin;
import dev.weir.hal.gpio.GpioGrant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Serves the debug page of {@code weir debug}: the same .wasm, run by the browser's own engine in
 * a Web Worker, with JavaScript implementations of the host interfaces it imports (WASI preview1,
 * weir:gpio, weir:camera) that enforce the same grants as the board. Only on the loopback
 * address. The page needs {@code SharedArrayBuffer} (blocking host calls such as wait-edge wait with
 * {@code Atomics.wait} in the worker), so every response carries the cross-origin isolation
 * headers.
 */
public final class DebugServer implements AutoCloseable {
    /** The page's files, from this package's resources. */
    private static final String[][] FILES = {
        {"/", "index.html", "text/html; charset=utf-8"},
        {"/index.html", "index.html", "text/html; charset=utf-8"},
        {"/page.js", "page.js", "text/javascript; charset=utf-8"},
        {"/worker.js", "worker.js", "text/javascript; charset=utf-8"},
        {"/hosts.js", "hosts.js", "text/javascript; charset=utf-8"},
        {"/mqtt.js", "mqtt.js", "text/javascript; charset=utf-8"},
        {"/style.css", "style.css", "text/css; charset=utf-8"},
    };

    private final HttpServer server;
    /** For a live page ({@link #live}): the events so far, replayed to each page that connects. */
    private final List<String> history = new java.util.ArrayList<>();
    private final List<OutputStream> listeners = new java.util.ArrayList<>();
    /** Events kept for pages that connect late; past it the oldest go. */
    private static final int MAX_HISTORY = 10_000;
    /** Pages connected to the events now; read without a lock to skip work nobody would see. */
    private volatile int attached;
    /** The newest {@link #publishLatest} event, sent to a page when it connects; null for none yet. */
    private String latest;
    /** Drives inputs for a live page; null while the page is read-only. */
    private volatile Injector injector;

    /** Drives an input pin of the module running on the board, for a live page's button. */
    public interface Injector {
        /**
         * Drives GPIO bcm to level; returns null when done, or why not (the page gets HTTP 403).
         * @param foreign who asked when it was not the page itself (another origin), else null: to refuse
         */
        String inject(int bcm, int level, String foreign);
    }

    /**
     * @param wasm    the module the page runs
     * @param config  what the page needs besides it ({@link #config})
     * @param port    0 for any free port
     */
    public DebugServer(final byte[] wasm, String config, int port) throws IOException {
        final byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        for (final String[] file : FILES) {
            final byte[] body = resource(file[1]);
            server.createContext(file[0], exchange -> {
                if (!exchange.getRequestURI().getPath().equals(file[0])) {
                    send(exchange, 404, "text/plain", ("no such file: " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                send(exchange, 200, file[2], body);
            });
        }
        server.createContext("/module.wasm", exchange -> send(exchange, 200, "application/wasm", wasm));
        server.createContext("/events", this::events);
        server.createContext("/inject", this::inject);
        server.createContext("/config.json", exchange -> send(exchange, 200, "application/json", configBytes));
        server.start();
    }

    /**
     * Server-sent events for a live page ({@code weir run --inspect}): every event so far, then each
     * new one as it happens, one JSON object per {@code data:} line.
     */
    private void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Cross-Origin-Embedder-Policy", "require-corp");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        synchronized (history) {
            for (String event : history) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
            }
            if (latest != null) {
                out.write(latest.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            listeners.add(out);
            attached = listeners.size();
        }
    }

    /**
     * Serves a video file for the page's camera at {@code /video} ({@code weir debug --video FILE}),
     * with byte ranges, which the browser's media player asks for when it seeks.
     */
    public void serveVideo(final byte[] video, final String type) {
        server.createContext("/video", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            java.util.regex.Matcher m = range == null ? null
                    : java.util.regex.Pattern.compile("bytes=(\\d*)-(\\d*)").matcher(range.trim());
            if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                send(exchange, 200, type, video);
                return;
            }
            long first;
            long last;
            if (m.group(1).isEmpty()) {
                first = Math.max(0, video.length - Long.parseLong(m.group(2)));
                last = video.length - 1;
            } else {
                first = Long.parseLong(m.group(1));
                last = m.group(2).isEmpty() ? video.length - 1 : Math.min(video.length - 1, Long.parseLong(m.group(2)));
            }
            if (first >= video.length || first > last) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + video.length);
                send(exchange, 416, "text/plain", new byte[0]);
                return;
            }
            exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + video.length);
            send(exchange, 206, type, java.util.Arrays.copyOfRange(video, (int) first, (int) last + 1));
        });
    }

    /** Where the page's {@code POST /inject?pin=BCM&level=L} requests go (a live page only). */
    public void onInject(Injector injector) {
        this.injector = injector;
    }

    /**
     * {@code POST /inject?pin=BCM&level=0|1}: 204 when driven; 403 when refused (read-only page, pin
     * not granted for injection, or a request from another origin: any web page the user has open
     * could otherwise post to the loopback address); 400 for a malformed request.
     */
    private void inject(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String self = "http://127.0.0.1:" + server.getAddress().getPort();
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "text/plain", "POST only\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        int pin = -1;
        int level = -1;
        String query = exchange.getRequestURI().getRawQuery();
        for (String part : query == null ? new String[0] : query.split("&")) {
            try {
                if (part.startsWith("pin=")) {
                    pin = Integer.parseInt(part.substring(4));
                } else if (part.startsWith("level=")) {
                    level = Integer.parseInt(part.substring(6));
                }
            } catch (NumberFormatException e) {
                pin = -1;
            }
        }
        if (pin < 0 || pin > 63 || (level != 0 && level != 1)) {
            send(exchange, 400, "text/plain", "expected pin=BCM&level=0|1\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Injector to = injector;
        String foreign = origin != null && !origin.equals(self) ? origin : null;
        String refusal = to != null ? to.inject(pin, level, foreign)
                : foreign != null ? "a request from " + foreign + ", not from the page" : "the page is read-only";
        if (refusal != null) {
            send(exchange, 403, "text/plain", ("refused: " + refusal + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    /**
     * Sends an event (a JSON object in the page's message format: {@code {"type":"pin",...}}) to
     * every live page, and keeps it for pages that connect later. A page that went away is dropped.
     */
    public void publish(String json) {
        send("data: " + json + "\n\n", true);
    }

    /**
     * Sends an event that only its newest instance matters of (a camera preview) to every live page,
     * kept only as the newest: a page that connects later gets that one, not the history of them.
     */
    public void publishLatest(String json) {
        send("data: " + json + "\n\n", false);
    }

    /** Whether a live page is connected now (a hint: it may connect or go away right after). */
    public boolean attached() {
        return attached > 0;
    }

    private void send(String event, boolean keep) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        synchronized (history) {
            if (keep) {
                if (history.size() == MAX_HISTORY) {
                    history.remove(0);
                }
                history.add(event);
            } else {
                latest = event;
            }
            for (java.util.Iterator<OutputStream> i = listeners.iterator(); i.hasNext(); ) {
                OutputStream out = i.next();
                try {
                    out.write(bytes);
                    out.flush();
                } catch (IOException e) {
                    i.remove();
                }
            }
            attached = listeners.size();
        }
    }

    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://127.0.0.1:" + address.getPort() + "/");
    }

    @Override
    public void close() {
        synchronized (history) {
            for (OutputStream out : listeners) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the page went away first
                }
            }
            listeners.clear();
            attached = 0;
        }
        server.stop(0);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Cross-Origin-Opener-Policy", "same-origin");
        exchange.getResponseHeaders().set("Cross-Origin-Embedder-Policy", "require-corp");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DebugServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the debug page's " + name + " is missing from the jar");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /**
     * The page's configuration as JSON: the module's name and arguments, the environment, the
     * board's pins, the grants, and the synthetic camera's script (frames, moving ranges).
     */
    public static String config(String name, List<String> args, Map<String, String> env, BoardDescriptor board,
            List<Grant> grants, int cameraFrames, int[] cameraMoves, boolean paced) {
        return config(name, args, env, board, grants, cameraFrames, cameraMoves, paced, false);
    }

    /**
     * As above; a live page ({@code weir run --inspect}) runs nothing itself but shows the events
     * of the module running on the board, read-only.
     */
    public static String config(String name, List<String> args, Map<String, String> env, BoardDescriptor board,
            List<Grant> grants, int cameraFrames, int[] cameraMoves, boolean paced, boolean live) {
        StringBuilder json = new StringBuilder("{\"name\":").append(string(name)).append(",\"live\":").append(live)
                .append(",\"args\":[");
        json.append(string(name));
        for (String arg : args) {
            json.append(',').append(string(arg));
        }
        json.append("],\"env\":[");
        boolean first = true;
        for (Map.Entry<String, String> e : env.entrySet()) {
            json.append(first ? "" : ",").append(string(e.getKey() + "=" + e.getValue()));
            first = false;
        }
        json.append("],\"board\":{\"name\":").append(string(board.name())).append(",\"pins\":[");
        first = true;
        for (BoardPin pin : board.pins()) {
            json.append(first ? "" : ",").append("{\"bcm\":").append(pin.bcm()).append(",\"header\":").append(pin.header())
                    .append(",\"pwm\":").append(pin.can(BoardPin.PWM)).append(",\"note\":").append(string(pin.note()))
                    .append('}');
            first = false;
        }
        json.append("]},\"gpio\":[");
        first = true;
        for (Grant grant : grants) {
            if (grant instanceof GpioGrant) {
                GpioGrant g = (GpioGrant) grant;
                json.append(first ? "" : ",").append("{\"pin\":").append(g.pin()).append(",\"mode\":")
                        .append(string(GpioGrant.modeName(g.mode()))).append(",\"pull\":").append(g.pull())
                        .append(",\"edges\":").append(g.edges()).append(",\"initial\":").append(g.initial())
                        .append(",\"shutdown\":").append(g.shutdown()).append(",\"minHz\":").append(g.minHz())
                        .append(",\"maxHz\":").append(g.maxHz()).append(",\"text\":").append(string(g.describe()))
                        .append('}');
                first = false;
            }
        }
        json.append("],\"camera\":[");
        first = true;
        for (Grant grant : grants) {
            if (grant instanceof CameraGrant) {
                CameraGrant c = (CameraGrant) grant;
                json.append(first ? "" : ",").append("{\"id\":").append(c.camera()).append(",\"maxWidth\":")
                        .append(c.maxWidth()).append(",\"maxHeight\":").append(c.maxHeight()).append(",\"maxFps\":")
                        .append(c.maxFps()).append(",\"formats\":[").append(c.allowsFormat(0)).append(',')
                        .append(c.allowsFormat(1)).append(',').append(c.allowsFormat(2)).append("],\"text\":")
                        .append(string(c.describe())).append('}');
                first = false;
            }
        }
        json.append("],\"messaging\":[");
        first = true;
        for (Grant grant : grants) {
            if (grant instanceof dev.weir.hal.messaging.MessagingGrant) {
                dev.weir.hal.messaging.MessagingGrant m = (dev.weir.hal.messaging.MessagingGrant) grant;
                json.append(first ? "" : ",").append("{\"link\":").append(string(m.link())).append(",\"publish\":")
                        .append(strings(m.publishFilters())).append(",\"subscribe\":").append(strings(m.subscribeFilters()))
                        .append(",\"maxQos\":").append(m.maxQos()).append(",\"maxMessage\":").append(m.maxMessage())
                        .append(",\"inbox\":").append(m.inbox()).append('}');
                first = false;
            }
        }
        json.append("],\"identity\":");
        String identity = null;
        for (Grant grant : grants) {
            if (grant instanceof dev.weir.hal.identity.IdentityGrant) {
                identity = ((dev.weir.hal.identity.IdentityGrant) grant).id().toString();
            }
        }
        json.append(identity == null ? "null" : string(identity));
        json.append(",\"synthetic\":{\"frames\":").append(cameraFrames).append(",\"paced\":").append(paced)
                .append(",\"moves\":[");
        for (int i = 0; i < cameraMoves.length; i++) {
            json.append(i == 0 ? "" : ",").append(cameraMoves[i]);
        }
        return json.append("]}}").toString();
    }

    /** The configuration with one more top-level member: {@code with(config, "links", "{...}")}. */
    public static String with(String config, String name, String json) {
        return config.substring(0, config.length() - 1) + "," + string(name) + ":" + json + "}";
    }

    private static String strings(List<String> list) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            b.append(i == 0 ? "" : ",").append(string(list.get(i)));
        }
        return b.append(']').toString();
    }

    public static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
