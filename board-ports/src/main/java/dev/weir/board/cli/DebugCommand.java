package dev.weir.board.cli;

import dev.weir.board.debug.DebugServer;
import dev.weir.board.host.HostBoard;
import dev.weir.camera.SyntheticCamera;
import dev.weir.hal.capability.Grant;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weir debug}: serves a page on the loopback address that runs the module in the browser's
 * own engine, with its pins, camera and output drawn, under the same grants as {@code weir run}
 * (dev.weir.board.debug). Runs until interrupted.
 */
final class DebugCommand {
    static final String HELP = "usage: weir debug [OPTIONS] APP.wasm [ARGS...]\n"
            + "\n"
            + "Serves a web page (http://127.0.0.1:PORT/) that runs APP.wasm in the browser's own WebAssembly\n"
            + "engine, with JavaScript versions of WASI preview1, weir:gpio, weir:camera, weir:messaging and\n"
            + "weir:identity that enforce the same grants as weir run: the board's header with outputs as LEDs\n"
            + "and granted inputs as buttons to press, the camera's frames, messages, stdout and stderr, denials,\n"
            + "and a timeline of pins, frames and messages in the format of `weir run --trace gpio`, `--trace\n"
            + "camera` and `--trace messaging` that can be saved. Open it in a browser and use the browser's\n"
            + "developer tools to step through the module. Stop with Ctrl-C.\n"
            + "\n"
            + "options:\n"
            + "  --grants FILE      grants, as for weir run (gpio, camera, messaging, identity lines)\n"
            + "  --grant LINE       one grant line\n"
            + "  --port N           the port (default 0: any free port, printed)\n"
            + "  --env NAME=VALUE   an environment variable for the module\n"
            + "  --camera synthetic[:frames=N,move=A-B,...,paced]  the synthetic camera's script (default: 120\n"
            + "                     frames, moving in 30-59 and 80-99, as on the host board)\n"
            + "  --camera webcam    the browser's webcam (getUserMedia; the browser asks for permission)\n"
            + "  --camera pick      a video file the user picks on the page\n"
            + "  --video FILE       a video file (.webm, .mp4, .ogv, .mkv, in a codec the browser plays): frame N\n"
            + "                     is the one shown at N/fps seconds; its end ends the stream\n"
            + "  --link NAME=ws://HOST:PORT[/PATH]  the broker of the module's messaging link NAME, reached by the\n"
            + "                     page over MQTT over WebSockets (MQTT 3.1.1, QoS 0 and 1, no user name or\n"
            + "                     password; mosquitto: 'listener PORT' + 'protocol websockets'). A granted\n"
            + "                     link without --link is a loopback on the page.\n";

    private DebugCommand() {
    }

    static int execute(String[] args, PrintStream out) throws CliException {
        DebugServer server = start(args, out);
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
        return ExitStatus.OK;
    }

    /**
     * The broker of a --link as the page reaches it: MQTT over WebSockets, ws://HOST:PORT[/PATH]
     * (a browser cannot open a plain TCP connection, so mqtt:// is refused with what to give instead).
     */
    static String brokerUri(String option, String uri) throws CliException {
        java.net.URI u;
        try {
            u = new java.net.URI(uri);
        } catch (java.net.URISyntaxException e) {
            u = null;
        }
        if (u == null || !("ws".equals(u.getScheme()) || "wss".equals(u.getScheme())) || u.getHost() == null) {
            throw CliException.usage("--link " + option + ": the page reaches a broker over MQTT over WebSockets only:"
                    + " give ws://HOST:PORT (mosquitto: a 'listener PORT' with 'protocol websockets')");
        }
        if (u.getPort() < 0 || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            throw CliException.usage("--link " + option + ": expected ws://HOST:PORT[/PATH] (with a port; no user, query"
                    + " or options)");
        }
        return uri;
    }

    /** Checks the options and the module, starts serving, and says where. */
    static DebugServer start(String[] args, PrintStream out) throws CliException {
        GpioOptions gpio = new GpioOptions();
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        String source = "synthetic";
        String video = null;
        int port = 0;
        int frames = SyntheticCamera.DEFAULT_FRAMES;
        int[] moves = SyntheticCamera.DEFAULT_MOVES;
        boolean paced = false;
        int i = 1;
        for (; i < args.length && args[i].startsWith("--"); i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw CliException.usage(name + " needs a value (see weir help debug)");
            }
            String value = args[++i];
            switch (name) {
                case "--grants": case "--grant":
                    gpio.apply(name, value);
                    break;
                case "--port":
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 0 || port > 65535) {
                        throw CliException.usage("--port " + value + ": not a port number (0 for any free port)");
                    }
                    break;
                case "--link": {
                    int eq = value.indexOf('=');
                    String link = eq < 0 ? "" : value.substring(0, eq);
                    if (!dev.weir.hal.messaging.MessagingGrant.isLinkName(link)) {
                        throw CliException.usage("--link " + value + ": expected NAME=ws://HOST:PORT[/PATH], NAME being"
                                + " letters, digits, - and _");
                    }
                    if (links.containsKey(link)) {
                        throw CliException.usage("--link " + value + ": link " + link + " is given twice");
                    }
                    links.put(link, brokerUri(value, value.substring(eq + 1)));
                    break;
                }
                case "--env":
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw CliException.usage("--env " + value + ": expected NAME=VALUE");
                    }
                    env.put(value.substring(0, eq), value.substring(eq + 1));
                    break;
                case "--video":
                    video = value;
                    source = "video";
                    break;
                case "--camera":
                    if (value.equals("webcam") || value.equals("pick")) {
                        source = value;
                        break;
                    }
                    if (!value.equals("synthetic") && !value.startsWith("synthetic:")) {
                        throw CliException.usage("--camera " + value + ": the debug page's cameras are synthetic[:...],"
                                + " webcam and pick (or --video FILE)");
                    }
                    source = "synthetic";
                    List<Integer> ranges = new ArrayList<>();
                    for (String part : value.equals("synthetic") ? new String[0] : value.substring(10).split(",")) {
                        try {
                            if (part.startsWith("frames=")) {
                                frames = Integer.parseInt(part.substring(7));
                            } else if (part.startsWith("move=")) {
                                String[] ab = part.substring(5).split("-");
                                ranges.add(Integer.parseInt(ab[0]));
                                ranges.add(Integer.parseInt(ab[1]));
                            } else if (part.equals("paced")) {
                                paced = true;
                            } else {
                                throw new NumberFormatException();
                            }
                        } catch (RuntimeException e) {
                            throw CliException.usage("--camera " + value + ": '" + part
                                    + "' is not frames=N, move=FIRST-LAST or paced");
                        }
                    }
                    if (!ranges.isEmpty()) {
                        moves = new int[ranges.size()];
                        for (int k = 0; k < moves.length; k++) {
                            moves[k] = ranges.get(k);
                        }
                    }
                    break;
                default:
                    throw CliException.usage("unknown option " + name + " for weir debug (see weir help debug)");
            }
        }
        if (i >= args.length) {
            throw CliException.usage("weir debug needs a module: weir debug [OPTIONS] APP.wasm [ARGS...]");
        }
        String file = args[i];
        byte[] wasm = ModuleFiles.read(file);
        ModuleFiles.parse(file, wasm);
        List<Grant> grants = GpioSetup.readGrants(gpio);
        String name = file.substring(file.lastIndexOf('/') + 1);
        String config = DebugServer.config(name, Arrays.asList(args).subList(i + 1, args.length), env,
                HostBoard.simulatedHeader(), grants, frames, moves, paced);
        StringBuilder linkJson = new StringBuilder("{");
        for (Map.Entry<String, String> e : links.entrySet()) {
            linkJson.append(linkJson.length() > 1 ? "," : "").append(DebugServer.string(e.getKey())).append(':')
                    .append(DebugServer.string(e.getValue()));
        }
        config = DebugServer.with(config, "links", linkJson.append('}').toString());
        config = DebugServer.with(config, "source", DebugServer.string(source));
        byte[] videoBytes = null;
        String videoType = null;
        if (video != null) {
            String lower = video.toLowerCase(java.util.Locale.ROOT);
            videoType = lower.endsWith(".webm") ? "video/webm" : lower.endsWith(".mp4") || lower.endsWith(".m4v") ? "video/mp4"
                    : lower.endsWith(".ogv") || lower.endsWith(".ogg") ? "video/ogg" : lower.endsWith(".mkv") ? "video/x-matroska"
                    : null;
            if (videoType == null) {
                throw CliException.usage("--video " + video + ": not a video the browser plays (.webm, .mp4, .ogv or .mkv)");
            }
            try {
                videoBytes = java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(video));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new CliException(ExitStatus.FILE_NOT_FOUND, "--video " + video + ": no such file");
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new CliException(ExitStatus.FILE_NOT_FOUND, "--video " + video + ": cannot read it (" + e.getMessage() + ")");
            }
        }
        DebugServer server;
        try {
            server = new DebugServer(wasm, config, port);
            if (videoBytes != null) {
                server.serveVideo(videoBytes, videoType);
            }
        } catch (IOException e) {
            throw new CliException(ExitStatus.DENIED, "weir debug: cannot serve on port " + port + " (" + e.getMessage() + ")");
        }
        out.println("weir debug: " + name + " at " + server.uri() + " (open it in a browser; Ctrl-C stops)");
        out.flush();
        return server;
    }
}
