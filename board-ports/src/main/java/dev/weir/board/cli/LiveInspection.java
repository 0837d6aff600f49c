package dev.weir.board.cli;

import dev.weir.board.debug.DebugServer;
import dev.weir.board.host.HostBoard;
import dev.weir.camera.SyntheticCamera;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.GpioGrant;
import dev.weir.hal.gpio.GpioTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code weir run --inspect PORT}: the debug page attached to the module running on the board,
 * showing its pins live (server-sent events from the GPIO trace). Read-only unless an
 * {@code inspect inject=BCM,...} grant ({@link InspectGrant}) lets the page's buttons drive those
 * input pins, on the host board, as edges into the module's ring; any other injection is refused
 * (HTTP 403) with an audit line on stderr. Its timeline is the one {@code --trace gpio} prints.
 */
final class LiveInspection implements GpioTrace, AutoCloseable {
    private final DebugServer server;

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
