package dev.weir.board.cli;

import dev.weir.board.gpio.Boards;
import dev.weir.fleet.FleetException;
import dev.weir.fleet.node.BoardCapacity;
import dev.weir.fleet.node.InstanceSpec;
import dev.weir.fleet.node.ModuleRunner;
import dev.weir.fleet.node.RunningModule;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantSyntaxException;
import dev.weir.hal.camera.CameraGrant;
import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.BoardPin;
import dev.weir.hal.gpio.GpioGrant;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The board side of a fleet node ({@code weir node}): runs each assigned instance as {@code weir run}
 * would (one {@link EmbeddedRun} each: WASI, GPIO, camera, messaging and identity from the instance's
 * grants and links), and reports what this board offers. A node may offer fewer pins than its board
 * has ({@code --pins}); an instance whose grants name a pin or camera the node does not offer is
 * refused in one line before anything is opened.
 */
public final class BoardModuleRunner implements ModuleRunner {
    /** Memory kept for weir itself, the agent and the broker client, not offered to instances. */
    static final long RESERVED_HEAP = 48L << 20;

    private final String board;
    private final List<String> cameras;
    private final List<Integer> pins;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param board the board port's name, or null to detect it (raspberry-pi on a Pi, host elsewhere)
     * @param cameras camera specs as {@code weir run --camera} takes them: camera 0, 1, ... in order
     * @param pins the BCM pins offered to instances, or null for every pin of the board
     * @param out where the instances' stdout lines go, each prefixed with {@code [INSTANCE]}
     * @param err where their stderr lines and weir's denials go
     */
    public BoardModuleRunner(String board, List<String> cameras, List<Integer> pins, PrintStream out, PrintStream err) {
        BoardDescriptor descriptor = Boards.describe(board, Boards.systemRoot());
        this.board = board;
        this.cameras = Collections.unmodifiableList(new ArrayList<>(cameras));
        List<Integer> all = new ArrayList<>();
        for (BoardPin p : descriptor.pins()) {
            all.add(p.bcm());
        }
        if (pins != null) {
            for (int p : pins) {
                if (!all.contains(p)) {
                    throw new IllegalArgumentException("--pins: GPIO " + p + " is not a pin of the " + descriptor.name()
                            + " board (" + all + ")");
                }
            }
        }
        this.pins = Collections.unmodifiableList(new ArrayList<>(pins != null ? pins : all));
        this.out = out;
        this.err = err;
    }

    @Override
    public BoardCapacity capacity() {
        long memory = Math.max(0, Runtime.getRuntime().maxMemory() - RESERVED_HEAP);
        return new BoardCapacity(System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), memory, pins,
                cameras);
    }

    @Override
    public RunningModule start(InstanceSpec spec, byte[] wasm, byte[] snapshot) throws FleetException {
        RunOptions options = options(spec);
        options.appBytes = wasm;
        options.resumeBytes = snapshot;
        return new EmbeddedRun(spec.instanceId(), options, out, err).start();
    }

    /** weir run's options for an instance: its grants, links and arguments on this board's ports. */
    RunOptions options(InstanceSpec spec) throws FleetException {
        RunOptions o = new RunOptions();
        o.app = spec.instanceId();
        o.gpio.board = board;
        o.gpio.cameras.addAll(cameras);
        String where = spec.instanceId() + ": grants";
        int lineNumber = 0;
        for (String line : spec.grants() == null ? new String[0] : spec.grants().split("\n")) {
            lineNumber++;
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Grant g;
            try {
                g = CameraSetup.grantFile().parseLine(trimmed, where + " line " + lineNumber);
            } catch (GrantSyntaxException e) {
                throw new FleetException("instance " + e.getMessage());
            }
            if (g instanceof GpioGrant && !pins.contains(((GpioGrant) g).pin())) {
                throw new FleetException("instance " + spec.instanceId() + " needs GPIO " + ((GpioGrant) g).pin()
                        + ", which this node does not offer (pins " + pins + ")");
            }
            if (g instanceof CameraGrant && ((CameraGrant) g).camera() >= cameras.size()) {
                throw new FleetException("instance " + spec.instanceId() + " needs camera " + ((CameraGrant) g).camera()
                        + ", and this node offers " + (cameras.isEmpty() ? "no camera" : cameras.size() + " (" + cameras + ")"));
            }
            o.gpio.grantLines.add(trimmed);
        }
        if (spec.spiffeId() != null && !spec.grants().contains("identity ")) {
            o.gpio.grantLines.add("identity " + spec.spiffeId());
        }
        for (Map.Entry<String, String> link : spec.links().entrySet()) {
            String uri = link.getValue();
            if (!uri.contains("client-id=")) {
                // The instance's broker session follows it from board to board (QoS 1 messages wait in it).
                uri = uri + ",client-id=" + clientId(spec.instanceId(), link.getKey());
            }
            o.links.add(link.getKey() + "=" + uri);
        }
        o.programArgs.addAll(spec.args());
        return o;
    }

    /** The MQTT client identity of an instance's link: its id, with characters brokers may dislike replaced. */
    static String clientId(String instanceId, String link) {
        StringBuilder b = new StringBuilder("weir-");
        for (char c : (instanceId + "-" + link).toCharArray()) {
            b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return b.toString();
    }
}
