package dev.weir.board.cli;

import dev.weir.board.debug.DebugServer;
import dev.weir.camera.SyntheticCamera;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.GpioTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Collections;
import java.util.List;

/**
 * {@code weir run --inspect PORT}: the debug page attached to the module running on the board,
 * showing its pins live (server-sent events from the GPIO trace), read-only: the page cannot
 * drive inputs. Its timeline is the one {@code --trace gpio} prints.
 */
final class LiveInspection implements GpioTrace, AutoCloseable {
    private final DebugServer server;

    private LiveInspection(DebugServer server) {
        this.server = server;
    }

    static LiveInspection start(int port, BoardDescriptor board, List<Grant> grants, PrintStream err) throws CliException {
        String config = DebugServer.config("weir run", Collections.<String>emptyList(), Collections.<String, String>emptyMap(),
                board, grants, 0, SyntheticCamera.DEFAULT_MOVES, false, true);
        try {
            DebugServer server = new DebugServer(new byte[0], config, port);
            err.print("weir: inspect the run at " + server.uri() + "\n");
            err.flush();
            return new LiveInspection(server);
        } catch (IOException e) {
            throw new CliException(ExitStatus.DENIED, "--inspect " + port + ": cannot serve on it (" + e.getMessage() + ")");
        }
    }

    @Override
    public void levelChanged(int bcm, int level, long nanos) {
        server.publish("{\"type\":\"pin\",\"pin\":" + bcm + ",\"level\":" + level + ",\"ms\":" + nanos / 1_000_000L + "}");
    }

    @Override
    public void dutyChanged(int bcm, int duty, long nanos) {
        server.publish("{\"type\":\"pwm\",\"pin\":" + bcm + ",\"duty\":" + duty + ",\"ms\":" + nanos / 1_000_000L + "}");
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
