package dev.weir.board.cli;

import dev.weir.board.debug.DebugServer;
import dev.weir.board.host.HostBoard;
import dev.weir.camera.SyntheticCamera;
import dev.weir.hal.camera.CameraListener;
import dev.weir.hal.camera.PixelFormat;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.GpioGrant;
import dev.weir.hal.gpio.GpioTrace;
import dev.weir.hal.messaging.MessagingError;
import dev.weir.hal.messaging.MessagingTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code weir run --inspect PORT}: the debug page attached to the module running on the board,
 * showing its pins, frames and messages live (server-sent events). Read-only unless an
 * {@code inspect inject=BCM,...} grant ({@link InspectGrant}) lets the page's buttons drive those
 * input pins, on the host board, as edges into the module's ring; any other injection is refused
 * (HTTP 403) with an audit line on stderr.
 *
 * <p>It hears the run where {@code --trace} does (the GPIO trace, the camera listener, the messaging
 * trace), so without {@code --inspect} nothing more happens on the module's path; the page's timeline
 * is what {@code --trace gpio,camera,messaging} prints, line for line. Besides, it sends each message's
 * payload preview (its first {@value #PREVIEW_BYTES} bytes) and, while a page is connected, a gray
 * preview of a camera frame at most every {@value #PREVIEW_EVERY_MS} ms, at most
 * {@value #PREVIEW_WIDTH} pixels wide: frames are not kept for pages that connect later, only the
 * newest preview.
 */
final class LiveInspection implements GpioTrace, CameraListener, MessagingTrace, AutoCloseable {
    /** Payload bytes a message's preview shows. */
    static final int PREVIEW_BYTES = 64;
    /** Camera previews at most this often, so a fast camera does not flood the page. */
    static final int PREVIEW_EVERY_MS = 100;
    /** A camera preview's width at most (the frame is subsampled by a whole step). */
    static final int PREVIEW_WIDTH = 80;

    private final DebugServer server;
    /** When the last camera preview went out (System.nanoTime), on the module's thread only. */
    private long lastPreview = Long.MIN_VALUE;

    private LiveInspection(DebugServer server) {
        this.server = server;
    }

    /** @param host the host board when the run is on it (injection needs it), else null */
    static LiveInspection start(int port, BoardDescriptor board, List<Grant> grants, final HostBoard host,
            final PrintStream err) throws CliException {
        final List<Integer> inject = new ArrayList<>();
        for (Grant g : grants) {
            if (g instanceof InspectGrant) {
                for (int bcm : ((InspectGrant) g).inject()) {
                    if (!grantedInput(grants, bcm)) {
                        throw CliException.usage("grant refused: " + g.origin() + ": " + g.describe() + ": GPIO " + bcm
                                + " is not granted as an input (add a gpio " + bcm + " input grant)");
                    }
                    if (host == null) {
                        throw CliException.usage("grant refused: " + g.origin() + ": " + g.describe() + ": injection drives"
                                + " simulated inputs and works only on the host board (--board host)");
                    }
                    inject.add(bcm);
                }
            }
        }
        String config = DebugServer.config("weir run", Collections.<String>emptyList(), Collections.<String, String>emptyMap(),
                board, grants, 0, SyntheticCamera.DEFAULT_MOVES, false, true);
        config = config.substring(0, config.length() - 1) + ",\"inject\":" + inject + "}";
        try {
            DebugServer server = new DebugServer(new byte[0], config, port);
            server.onInject(new DebugServer.Injector() {
                @Override
                public String inject(int bcm, int level, String foreign) {
                    String refusal = foreign != null ? "the request came from " + foreign + ", not from the page"
                            : !inject.contains(bcm) ? "no inspect inject= grant names GPIO " + bcm : null;
                    if (refusal != null) {
                        synchronized (err) {
                            err.print("weir: inspect denied: inject GPIO " + bcm + " level " + level + ": " + refusal + "\n");
                            err.flush();
                        }
                        return refusal;
                    }
                    host.setInput(bcm, level);
                    return null;
                }
            });
            err.print("weir: inspect the run at " + server.uri() + "\n");
            err.flush();
            return new LiveInspection(server);
        } catch (IOException e) {
            throw new CliException(ExitStatus.DENIED, "--inspect " + port + ": cannot serve on it (" + e.getMessage() + ")");
        }
    }

    private static boolean grantedInput(List<Grant> grants, int bcm) {
        for (Grant g : grants) {
            if (g instanceof GpioGrant && ((GpioGrant) g).pin() == bcm && ((GpioGrant) g).mode() == GpioGrant.INPUT) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void levelChanged(int bcm, int level, long nanos) {
        server.publish("{\"type\":\"pin\",\"pin\":" + bcm + ",\"level\":" + level + ",\"ms\":" + nanos / 1_000_000L + "}");
    }

    @Override
    public void dutyChanged(int bcm, int duty, long nanos) {
        server.publish("{\"type\":\"pwm\",\"pin\":" + bcm + ",\"duty\":" + duty + ",\"ms\":" + nanos / 1_000_000L + "}");
    }

    @Override
    public void frameDelivered(int camera, long sequence, int width, int height, int format, long nanos) {
        server.publish("{\"type\":\"frame-trace\",\"camera\":" + camera + ",\"n\":" + sequence + ",\"width\":" + width
                + ",\"height\":" + height + ",\"format\":\"" + PixelFormat.name(format) + "\",\"ms\":" + nanos / 1_000_000L + "}");
    }

    @Override
    public void frameDelivered(int camera, long sequence, int width, int height, int format, byte[] memory, int offset,
            long nanos) {
        frameDelivered(camera, sequence, width, height, format, nanos);
        long now = System.nanoTime();
        if (!server.attached() || (lastPreview != Long.MIN_VALUE && now - lastPreview < PREVIEW_EVERY_MS * 1_000_000L)) {
            return;
        }
        lastPreview = now;
        int step = (width + PREVIEW_WIDTH - 1) / PREVIEW_WIDTH;
        int w = width / step;
        int h = height / step;
        int px = format == 2 ? 3 : 1; // rgb24: 3 bytes a pixel; gray8 and yuv420 (its Y plane): 1
        byte[] gray = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = offset + ((y * step) * width + x * step) * px;
                gray[y * w + x] = px == 1 ? memory[at]
                        : (byte) ((77 * (memory[at] & 0xFF) + 150 * (memory[at + 1] & 0xFF) + 29 * (memory[at + 2] & 0xFF)) >> 8);
            }
        }
        server.publishLatest("{\"type\":\"preview\",\"camera\":" + camera + ",\"n\":" + sequence + ",\"ms\":"
                + (nanos / 1_000_000L) + ",\"width\":" + w + ",\"height\":" + h + ",\"gray\":\""
                + java.util.Base64.getEncoder().encodeToString(gray) + "\"}");
    }

    @Override
    public void failed(int camera, int error, String message) {
        // The run's stderr says it; the page shows what the module does with the error.
    }

    @Override
    public void link(String name, String address, boolean opened) {
        server.publish("{\"type\":\"messaging-link\",\"name\":" + DebugServer.string(name) + ",\"address\":"
                + DebugServer.string(address) + ",\"opened\":" + opened + "}");
    }

    @Override
    public void published(String link, byte[] topic, int offset, int length, int bytes, int qos, int result, long nanos) {
        message("publish", link, topic, offset, length, null, -1, bytes, qos, result == 0 ? "ok" : MessagingError.name(result), nanos);
    }

    @Override
    public void received(String link, byte[] topic, int offset, int length, int bytes, int flags, long nanos) {
        message("receive", link, topic, offset, length, null, -1, bytes, flags & 3, null, nanos);
    }

    @Override
    public void published(String link, byte[] topic, int topicOffset, int topicLength, byte[] memory, int payloadOffset,
            int bytes, int qos, int result, long nanos) {
        message("publish", link, topic, topicOffset, topicLength, memory, payloadOffset, bytes, qos,
                result == 0 ? "ok" : MessagingError.name(result), nanos);
    }

    @Override
    public void received(String link, byte[] memory, int topicOffset, int topicLength, int payloadOffset, int bytes,
            int flags, long nanos) {
        message("receive", link, memory, topicOffset, topicLength, memory, payloadOffset, bytes, flags & 3, null, nanos);
    }

    /** One message event; memory null when the payload is not at hand. */
    private void message(String direction, String link, byte[] topic, int topicOffset, int topicLength, byte[] memory,
            int payloadOffset, int bytes, int qos, String result, long nanos) {
        StringBuilder json = new StringBuilder("{\"type\":\"message\",\"dir\":\"").append(direction).append("\",\"link\":")
                .append(DebugServer.string(link)).append(",\"topic\":")
                .append(DebugServer.string(new String(topic, topicOffset, topicLength, StandardCharsets.UTF_8)))
                .append(",\"size\":").append(bytes).append(",\"qos\":").append(qos);
        if (result != null) {
            json.append(",\"result\":\"").append(result).append('"');
        }
        json.append(",\"ms\":").append(nanos / 1_000_000L);
        if (memory != null && payloadOffset >= 0 && payloadOffset <= memory.length) {
            int n = Math.min(Math.min(bytes, PREVIEW_BYTES), memory.length - payloadOffset);
            json.append(",\"preview\":").append(DebugServer.string(preview(memory, payloadOffset, n, bytes > n)));
        }
        server.publish(json.append('}').toString());
    }

    /** The payload's first bytes as text, a byte that is not printable ASCII as '.', and "..." when cut. */
    static String preview(byte[] b, int offset, int length, boolean cut) {
        StringBuilder s = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++) {
            int c = b[offset + i] & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        return cut ? s.append("...").toString() : s.toString();
    }

    /** URI of the page, for tests. */
    java.net.URI uri() {
        return server.uri();
    }

    @Override
    public void close() {
        server.publish("{\"type\":\"exit\"}");
        server.close();
    }
}
