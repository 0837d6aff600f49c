package dev.weir.board.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test support: Debian's headless chromium, driven over the DevTools protocol (a WebSocket per
 * page, JSON messages) with the JDK's own HTTP client: navigate, evaluate JavaScript, press the
 * mouse on an element, take screenshots. Fails, never skips, when chromium is missing: `make deps`
 * installs it.
 */
final class Chromium implements AutoCloseable {
    static final String BINARY = "/usr/bin/chromium";

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

    Chromium() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package chromium (make deps)");
        }
        profile = Files.createTempDirectory("weir-chromium");
        process = new ProcessBuilder(BINARY, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1200,900",
                // getUserMedia gets chromium's own test camera (a moving pattern), without asking.
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required", "about:blank")
                .redirectErrorStream(true).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String port = null;
        List<String> seen = new ArrayList<>();
        for (String line; port == null && (line = log.readLine()) != null; ) {
            seen.add(line);
            Matcher m = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
            if (m.find()) {
                port = m.group(1);
            }
        }
        if (port == null) {
            throw new IllegalStateException("chromium did not start its DevTools endpoint: " + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                while (log.readLine() != null) {
                    // chromium's own log: not needed
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        HttpClient http = HttpClient.newHttpClient();
        String pages = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher ws = Pattern.compile("\"type\"\\s*:\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(pages);
        if (!ws.find()) {
            throw new IllegalStateException("chromium has no page to drive: " + pages);
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(ws.group(1)), new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    String text = message.toString();
                    message.setLength(0);
                    Matcher id = Pattern.compile("^\\{\"id\":(\\d+),").matcher(text);
                    if (id.find()) {
                        CompletableFuture<String> f = pending.remove(Integer.parseInt(id.group(1)));
                        if (f != null) {
                            f.complete(text);
                        }
                    }
                }
                webSocket.request(1);
                return null;
            }
        }).join();
    }

    /** Sends a DevTools command and waits for its reply (raw JSON). */
    String send(String method, String params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<String> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).join();
        String text = reply.get(30, TimeUnit.SECONDS);
        if (text.contains("\"error\":")) {
            throw new IllegalStateException(method + " failed: " + text);
        }
        return text;
    }

    void navigate(URI uri) throws Exception {
        send("Page.navigate", "{\"url\":\"" + uri + "\"}");
    }

    /** The value of a JavaScript expression that yields a string (or null), in the page. */
    String eval(String expression) throws Exception {
        String reply = send("Runtime.evaluate", "{\"expression\":" + quote("String(" + expression + ")")
                + ",\"returnByValue\":true}");
        // Possessive: a plain (a|b)* recurses once per character and overflows the stack on long values.
        Matcher m = Pattern.compile("\"value\":\"((?:[^\"\\\\]++|\\\\.)*+)\"").matcher(reply);
        return m.find() ? unquote(m.group(1)) : null;
    }

    /** Waits until a JavaScript condition holds in the page, or fails naming it. */
    void await(String condition, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!"true".equals(eval(condition))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the page never reached: " + condition + "; status: "
                        + eval("document.getElementById('status').textContent") + "; stderr: "
                        + eval("document.getElementById('stderr').textContent") + "; stdout: "
                        + eval("document.getElementById('stdout').textContent") + "; timeline: "
                        + eval("document.getElementById('timeline').textContent") + "; audit: "
                        + eval("document.getElementById('audit').textContent"));
            }
            Thread.sleep(50);
        }
    }

    /** Presses (true) or releases the left mouse button on the middle of the element matched by selector. */
    void mouse(String selector, boolean press) throws Exception {
        String box = eval("(() => { const r = document.querySelector(" + quote(selector)
                + ").getBoundingClientRect(); return Math.round(r.x + r.width / 2) + ',' + Math.round(r.y + r.height / 2); })()");
        String[] xy = box.split(",");
        send("Input.dispatchMouseEvent", "{\"type\":\"" + (press ? "mousePressed" : "mouseReleased") + "\",\"x\":" + xy[0]
                + ",\"y\":" + xy[1] + ",\"button\":\"left\",\"clickCount\":1}");
    }

    /** Chooses a file in the page's file input matched by selector, as a user picking it would. */
    void chooseFile(String selector, Path file) throws Exception {
        String document = send("DOM.getDocument", "{}");
        Matcher root = Pattern.compile("\"nodeId\":(\\d+)").matcher(document);
        if (!root.find()) {
            throw new IllegalStateException("no document: " + document);
        }
        String found = send("DOM.querySelector", "{\"nodeId\":" + root.group(1) + ",\"selector\":" + quote(selector) + "}");
        Matcher node = Pattern.compile("\"nodeId\":(\\d+)").matcher(found);
        if (!node.find() || node.group(1).equals("0")) {
            throw new IllegalStateException("no element " + selector + ": " + found);
        }
        send("DOM.setFileInputFiles", "{\"nodeId\":" + node.group(1) + ",\"files\":[" + quote(file.toAbsolutePath().toString())
                + "]}");
    }

    void screenshot(Path file) throws Exception {
        String reply = send("Page.captureScreenshot", "{\"format\":\"png\"}");
        Matcher m = Pattern.compile("\"data\":\"([^\"]+)\"").matcher(reply);
        if (!m.find()) {
            throw new IllegalStateException("no screenshot in " + reply);
        }
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(m.group(1)));
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        // Chromium's helper processes (renderer, GPU, network service) can outlive the browser
        // process by a moment and keep writing to the profile: stop all of them before deleting it.
        List<ProcessHandle> family = new ArrayList<>();
        process.descendants().forEach(family::add);
        family.add(process.toHandle());
        for (ProcessHandle p : family) {
            p.destroy();
        }
        for (ProcessHandle p : family) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        }
        deleteTree(profile);
    }

    /** Deletes a directory tree, tolerating files that disappear while it is walked. */
    private static void deleteTree(Path root) throws IOException {
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.UncheckedIOException e) {
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
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

    static String unquote(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'u': b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4; break;
                default: b.append(e);
            }
        }
        return b.toString();
    }
}
