package dev.weir.hal.gpio;

import dev.weir.core.Checkpoint;
import dev.weir.core.Store;
import dev.weir.core.Instance;
import dev.weir.core.Memory;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.capability.HandleTable;
import dev.weir.hal.host.GrantedHost;
import dev.weir.hal.host.HostInterface;
import java.util.List;

/**
 * GPIO for one module instance: the {@value #MODULE} import functions, backed by a board's
 * {@link GpioDriver} and guarded by the instance's {@link Grants}.
 * <p>
 * The module opens a pin with {@code get-digital-in}, {@code get-digital-out} or {@code get-pwm-out};
 * the request is checked against the board (does the pin exist, can it do this) and the grants (is
 * this pin granted in this mode, with this pull, these edges, this frequency), and every refusal goes
 * to the audit listener. On success the module gets a handle from this instance's {@link HandleTable}.
 * Everything after that (read, set-state, toggle, set-duty, poll-edge, wait-edge) takes and returns
 * i32 values, allocates nothing, and fails with a negated {@link GpioError} for a handle that is not
 * open: stale, closed, revoked or made up.
 * <p>
 * Edges seen by the driver go into a preallocated {@link EdgeRing}; the module drains it with {@code
 * poll-edge} or waits with {@code wait-edge} and a timeout. No callback ever enters wasm.
 * <p>
 * Revoking a grant ({@link Grants#revoke}) closes every handle opened under it: outputs go to their
 * shutdown level, PWM switches off, and the handle's next use returns {@link GpioError#REVOKED}.
 * {@link #close()} does the same for every handle when the run ends.
 * <p>
 * The functions are the table {@link #INTERFACE}; handles, denials, revocation and shutdown are
 * {@link GrantedHost}'s, as for every granted interface.
 * <p>
 * Thread-safety: the module's calls and revocations synchronize on this object; the driver's input
 * events only touch the ring (its own lock) and read slot fields, so a driver thread never waits for a
 * module call that is waiting for the driver.
 */
public final class GpioHost extends GrantedHost {
    /** The import module name (wasi:gpio's names for the functions; see hal/wit/gpio.wit). */
    public static final String MODULE = "weir:gpio";

    /** Flag bits of get-digital-in / get-digital-out; bits 0..3 are wasi:gpio's {@code digital-flags}. */
    public static final int FLAG_ACTIVE_HIGH = 1;
    public static final int FLAG_ACTIVE_LOW = 1 << 1;
    public static final int FLAG_PULL_UP = 1 << 2;
    public static final int FLAG_PULL_DOWN = 1 << 3;
    /** weir's: put rising (0 to 1) edges of the input into the event ring. */
    public static final int FLAG_EDGE_RISING = 1 << 4;
    /** weir's: put falling (1 to 0) edges of the input into the event ring. */
    public static final int FLAG_EDGE_FALLING = 1 << 5;
    private static final int KNOWN_FLAGS = (1 << 6) - 1;

    /** Edge kinds in events: the level the pin went to, plus one. */
    public static final int EVENT_RISING = 1;
    public static final int EVENT_FALLING = 2;
    /** Bytes of one event in linear memory: i32 handle, i32 edge, u64 nanoseconds since start. */
    public static final int EVENT_SIZE = 16;

    /** The most duty value: 10000 hundredths of a percent. */
    public static final int DUTY_MAX = 10_000;

    public static final int DEFAULT_MAX_HANDLES = 32;
    public static final int DEFAULT_RING_CAPACITY = 256;

    private static final int GET_DIGITAL_IN = 0;
    private static final int GET_DIGITAL_OUT = 1;
    private static final int GET_PWM_OUT = 2;
    private static final int CLOSE = 3;
    private static final int READ = 4;
    private static final int SET_STATE = 5;
    private static final int TOGGLE = 6;
    private static final int SET_DUTY = 7;
    private static final int SET_FREQUENCY = 8;
    private static final int POLL_EDGE = 9;
    private static final int WAIT_EDGE = 10;
    private static final int EDGES_LOST = 11;

    /** The {@value #MODULE} functions: every one takes i32s and returns one i32 (hal/wit/gpio.wit). */
    public static final HostInterface INTERFACE = HostInterface.builder(MODULE)
            .function(GET_DIGITAL_IN, "get-digital-in", "ii", "i")
            .function(GET_DIGITAL_OUT, "get-digital-out", "ii", "i")
            .function(GET_PWM_OUT, "get-pwm-out", "ii", "i")
            .function(CLOSE, "close", "i", "i")
            .function(READ, "read", "i", "i")
            .function(SET_STATE, "set-state", "ii", "i")
            .function(TOGGLE, "toggle", "i", "i")
            .function(SET_DUTY, "set-duty", "ii", "i")
            .function(SET_FREQUENCY, "set-frequency", "ii", "i")
            .function(POLL_EDGE, "poll-edge", "i", "i")
            .function(WAIT_EDGE, "wait-edge", "ii", "i")
            .function(EDGES_LOST, "edges-lost", "", "i")
            .build();

    private final GpioDriver driver;
    private final BoardDescriptor board;
    private final EdgeRing ring;
    private final long startNanos;
    private volatile GpioTrace trace;
    private final GpioDriver.InputListener inputs;

    // Per-slot state, indexed like the handle table.
    private final int[] line;
    private final int[] pin;
    private final int[] mode;
    private final int[] activeLow;
    /** Physical level last driven (outputs) or seen (inputs); duty for PWM. */
    private final int[] level;
    private final int[] edgeMask;
    /** The open handle of each slot, 0 when closed: what the driver's event thread checks. */
    private final int[] liveHandle;
    /** What each slot was opened with: the flags (inputs, outputs) or the frequency (PWM), for checkpoints. */
    private final int[] openArg;

    /** A host with {@link #DEFAULT_MAX_HANDLES} handles and a ring of {@link #DEFAULT_RING_CAPACITY} events. */
    public GpioHost(GpioDriver driver, Grants grants) {
        this(driver, grants, DEFAULT_MAX_HANDLES, DEFAULT_RING_CAPACITY);
    }

    public GpioHost(GpioDriver driver, Grants grants, int maxHandles, int ringCapacity) {
        super(INTERFACE, "gpio", grants, maxHandles, GpioError.REVOKED, GpioError.BAD_HANDLE);
        this.driver = driver;
        this.board = driver.board();
        this.ring = new EdgeRing(ringCapacity);
        this.startNanos = System.nanoTime();
        this.line = new int[maxHandles];
        this.pin = new int[maxHandles];
        this.mode = new int[maxHandles];
        this.activeLow = new int[maxHandles];
        this.level = new int[maxHandles];
        this.edgeMask = new int[maxHandles];
        this.liveHandle = new int[maxHandles];
        this.openArg = new int[maxHandles];
        this.inputs = new GpioDriver.InputListener() {
            @Override
            public void inputChanged(int cookie, int newLevel, long nanoTime) {
                onInput(cookie, newLevel, nanoTime);
            }
        };
    }

    /**
     * Checks every gpio grant against the board; returns the first refusal ("blinky.grants:2: GPIO 40
     * does not exist on host ...") or null when the board can honour them all.
     */
    public static String checkGrants(BoardDescriptor board, List<Grant> grants) {
        for (Grant g : grants) {
            if (g instanceof GpioGrant) {
                String why = board.refusal((GpioGrant) g);
                if (why != null) {
                    return g.origin() + ": " + g.describe() + ": " + why;
                }
            }
        }
        return null;
    }

    /** Where pin changes are reported ({@code weir run --trace gpio}); null for nowhere. */
    public GpioHost trace(GpioTrace t) {
        this.trace = t;
        return this;
    }

    /** The System.nanoTime() this host counts event and trace times from. */
    public long startNanos() {
        return startNanos;
    }

    public BoardDescriptor board() {
        return board;
    }

    /** The module's calls, by their row in {@link #INTERFACE}; results are i32s. */
    @Override
    public void dispatch(int id, Instance caller, long[] s, int b) {
        int r;
        switch (id) {
            case GET_DIGITAL_IN:
                r = openInput((int) s[b], (int) s[b + 1]);
                break;
            case GET_DIGITAL_OUT:
                r = openOutput((int) s[b], (int) s[b + 1]);
                break;
            case GET_PWM_OUT:
                r = openPwm((int) s[b], (int) s[b + 1]);
                break;
            case CLOSE:
                r = close((int) s[b]);
                break;
            case READ:
                r = read((int) s[b]);
                break;
            case SET_STATE:
                r = setState((int) s[b], (int) s[b + 1]);
                break;
            case TOGGLE:
                r = toggle((int) s[b]);
                break;
            case SET_DUTY:
                r = setDuty((int) s[b], (int) s[b + 1]);
                break;
            case SET_FREQUENCY:
                r = setFrequency((int) s[b], (int) s[b + 1]);
                break;
            case POLL_EDGE:
                r = takeEdge(INTERFACE.memory(caller, id), (int) s[b], 0);
                break;
            case WAIT_EDGE:
                r = waitEdge(caller, INTERFACE.memory(caller, id), (int) s[b], (int) s[b + 1]);
                break;
            case EDGES_LOST:
                r = ring.takeLost();
                break;
            default:
                throw new IllegalStateException("no gpio function " + id);
        }
        s[b] = r & 0xFFFFFFFFL;
    }

    // ---- opening: the only place requests are checked against grants ----

    /** get-digital-in: opens {@code bcm} as an input; returns a handle or a negated {@link GpioError}. */
    public synchronized int openInput(int bcm, int flags) {
        if ((flags & ~KNOWN_FLAGS) != 0 || (flags & (FLAG_PULL_UP | FLAG_PULL_DOWN)) == (FLAG_PULL_UP | FLAG_PULL_DOWN)
                || (flags & (FLAG_ACTIVE_HIGH | FLAG_ACTIVE_LOW)) == (FLAG_ACTIVE_HIGH | FLAG_ACTIVE_LOW)) {
            return deny(GpioError.INVALID_ARGUMENT, "input on GPIO " + bcm, "flags 0x" + Integer.toHexString(flags)
                    + " are not a valid combination");
        }
        int pull = (flags & FLAG_PULL_UP) != 0 ? GpioGrant.PULL_UP : (flags & FLAG_PULL_DOWN) != 0 ? GpioGrant.PULL_DOWN : -1;
        int edges = ((flags & FLAG_EDGE_RISING) != 0 ? GpioGrant.EDGE_RISING : 0)
                | ((flags & FLAG_EDGE_FALLING) != 0 ? GpioGrant.EDGE_FALLING : 0);
        GpioGrant g = find(GpioGrant.INPUT, bcm, pull, edges, 0, describeInput(bcm, pull, edges));
        if (g == null) {
            return lastDenial;
        }
        int handle = table.allocate();
        if (handle < 0) {
            return deny(GpioError.NO_SPACE, "input on GPIO " + bcm, "all " + table.capacity() + " handles are open");
        }
        int i = table.lookup(handle);
        fill(i, handle, GpioGrant.INPUT, bcm, flags, g, edges);
        openArg[i] = flags;
        int l = driver.openInput(bcm, g.pull(), inputs, handle);
        if (l < 0) {
            return failOpen(i, l);
        }
        line[i] = l;
        int now = driver.read(l);
        level[i] = now < 0 ? 0 : now;
        return handle;
    }

    /** get-digital-out: opens {@code bcm} as an output at the grant's initial level. */
    public synchronized int openOutput(int bcm, int flags) {
        if ((flags & ~(FLAG_ACTIVE_HIGH | FLAG_ACTIVE_LOW)) != 0
                || (flags & (FLAG_ACTIVE_HIGH | FLAG_ACTIVE_LOW)) == (FLAG_ACTIVE_HIGH | FLAG_ACTIVE_LOW)) {
            return deny(GpioError.INVALID_ARGUMENT, "output on GPIO " + bcm, "flags 0x" + Integer.toHexString(flags)
                    + " are not valid for an output (only active-high or active-low)");
        }
        GpioGrant g = find(GpioGrant.OUTPUT, bcm, -1, 0, 0, "output on GPIO " + bcm);
        if (g == null) {
            return lastDenial;
        }
        int handle = table.allocate();
        if (handle < 0) {
            return deny(GpioError.NO_SPACE, "output on GPIO " + bcm, "all " + table.capacity() + " handles are open");
        }
        int i = table.lookup(handle);
        fill(i, handle, GpioGrant.OUTPUT, bcm, flags, g, 0);
        openArg[i] = flags;
        int l = driver.openOutput(bcm, g.initial(), g.shutdown());
        if (l < 0) {
            return failOpen(i, l);
        }
        line[i] = l;
        level[i] = g.initial();
        traceLevel(bcm, g.initial());
        return handle;
    }

    /** get-pwm-out: opens the PWM channel of {@code bcm} at {@code frequencyHz}, duty 0. */
    public synchronized int openPwm(int bcm, int frequencyHz) {
        GpioGrant g = find(GpioGrant.PWM, bcm, -1, 0, frequencyHz, "pwm on GPIO " + bcm + " at " + frequencyHz + " Hz");
        if (g == null) {
            return lastDenial;
        }
        int handle = table.allocate();
        if (handle < 0) {
            return deny(GpioError.NO_SPACE, "pwm on GPIO " + bcm, "all " + table.capacity() + " handles are open");
        }
        int i = table.lookup(handle);
        fill(i, handle, GpioGrant.PWM, bcm, 0, g, 0);
        openArg[i] = frequencyHz;
        int l = driver.openPwm(bcm, frequencyHz);
        if (l < 0) {
            return failOpen(i, l);
        }
        line[i] = l;
        level[i] = 0;
        return handle;
    }

    private void fill(int i, int handle, int m, int bcm, int flags, GpioGrant g, int edges) {
        line[i] = -1;
        mode[i] = m;
        pin[i] = bcm;
        activeLow[i] = (flags & FLAG_ACTIVE_LOW) != 0 ? 1 : 0;
        edgeMask[i] = edges;
        table.setGrant(i, g);
        liveHandle[i] = handle;
    }

    private int failOpen(int i, int error) {
        liveHandle[i] = 0;
        table.release(i);
        return error;
    }

    private static String describeInput(int bcm, int pull, int edges) {
        return "input on GPIO " + bcm + (pull == GpioGrant.PULL_UP ? " pull=up" : pull == GpioGrant.PULL_DOWN
                ? " pull=down" : "") + (edges == 0 ? "" : " edge=" + new String[] {"none", "rising", "falling", "both"}[edges]);
    }

    private int lastDenial;

    /** The grant covering the request, or null after reporting the denial (its code in lastDenial). */
    private GpioGrant find(int wanted, int bcm, int pull, int edges, int frequency, String request) {
        BoardPin bp = board.pin(bcm);
        if (bp == null) {
            lastDenial = deny(GpioError.UNDEFINED_PIN, request, "the " + board.name() + " board has no GPIO " + bcm);
            return null;
        }
        if (wanted == GpioGrant.PWM ? !bp.can(BoardPin.PWM) : !bp.can(BoardPin.DIGITAL)) {
            lastDenial = deny(GpioError.PIN_MODE_NOT_AVAILABLE, request, "GPIO " + bcm + " cannot do "
                    + GpioGrant.modeName(wanted) + " on " + board.name());
            return null;
        }
        String mismatch = null;
        for (Grant grant : grantsInForce()) {
            if (!(grant instanceof GpioGrant) || ((GpioGrant) grant).pin() != bcm) {
                continue;
            }
            GpioGrant g = (GpioGrant) grant;
            String why = null;
            if (g.mode() != wanted) {
                why = "granted only as " + g.describe();
            } else if (wanted == GpioGrant.INPUT && pull >= 0 && pull != g.pull()) {
                why = "the grant fixes " + g.describe().substring(g.describe().indexOf("pull="));
            } else if (wanted == GpioGrant.INPUT && (edges & ~g.edges()) != 0) {
                why = "the grant allows edge=" + new String[] {"none", "rising", "falling", "both"}[g.edges()];
            } else if (wanted == GpioGrant.PWM && (frequency < g.minHz() || frequency > g.maxHz())) {
                why = "the grant allows " + g.minHz() + ".." + g.maxHz() + " Hz";
            }
            if (why == null) {
                for (int i = 0; i < liveHandle.length; i++) {
                    if (table.isOpen(i) && pin[i] == bcm) {
                        lastDenial = deny(GpioError.ALREADY_IN_USE, request, "GPIO " + bcm + " is already open");
                        return null;
                    }
                }
                return g;
            }
            mismatch = mismatch == null ? why : mismatch;
        }
        lastDenial = mismatch == null
                ? deny(GpioError.PIN_NOT_ALLOWED, request, "no grant names GPIO " + bcm)
                : deny(GpioError.PIN_MODE_NOT_ALLOWED, request, mismatch);
        return null;
    }

    @Override
    protected String errorName(int error) {
        return GpioError.name(error);
    }

    // ---- the data path: primitives only, no allocation ----

    /** close: releases the handle; an output goes to its shutdown level. */
    public int close(int handle) {
        return closeHandle(handle, CLOSE);
    }

    @Override
    protected void release(int i) {
        liveHandle[i] = 0;
        driver.close(line[i]);
        if (mode[i] == GpioGrant.OUTPUT) {
            int shutdown = ((GpioGrant) table.grantOf(i)).shutdown();
            if (level[i] != shutdown) {
                level[i] = shutdown;
                traceLevel(pin[i], shutdown);
            }
        } else if (mode[i] == GpioGrant.PWM && level[i] != 0) {
            level[i] = 0;
            traceDuty(pin[i], 0);
        }
    }

    /** read: the logical state (0 inactive, 1 active) of an input or output. */
    public synchronized int read(int handle) {
        int i = slot(handle, READ);
        if (i < 0) {
            return i;
        }
        if (mode[i] == GpioGrant.PWM) {
            return -GpioError.OPERATION_NOT_SUPPORTED;
        }
        int v = driver.read(line[i]);
        return v < 0 ? v : v ^ activeLow[i];
    }

    /** set-state: drives an output to a logical state, 0 inactive or 1 active. */
    public synchronized int setState(int handle, int state) {
        int i = slot(handle, SET_STATE);
        if (i < 0) {
            return i;
        }
        if (mode[i] != GpioGrant.OUTPUT) {
            return -GpioError.OPERATION_NOT_SUPPORTED;
        }
        if (state != 0 && state != 1) {
            return -GpioError.INVALID_ARGUMENT;
        }
        return drive(i, state ^ activeLow[i]);
    }

    /** toggle: inverts an output. */
    public synchronized int toggle(int handle) {
        int i = slot(handle, TOGGLE);
        if (i < 0) {
            return i;
        }
        if (mode[i] != GpioGrant.OUTPUT) {
            return -GpioError.OPERATION_NOT_SUPPORTED;
        }
        return drive(i, level[i] ^ 1);
    }

    private int drive(int i, int physical) {
        int r = driver.write(line[i], physical);
        if (r < 0) {
            return r;
        }
        if (level[i] != physical) {
            level[i] = physical;
            traceLevel(pin[i], physical);
        }
        return 0;
    }

    /** set-duty: the duty cycle of a PWM handle in hundredths of a percent, 0..10000. */
    public synchronized int setDuty(int handle, int duty) {
        int i = slot(handle, SET_DUTY);
        if (i < 0) {
            return i;
        }
        if (mode[i] != GpioGrant.PWM) {
            return -GpioError.OPERATION_NOT_SUPPORTED;
        }
        if (duty < 0 || duty > DUTY_MAX) {
            return -GpioError.INVALID_ARGUMENT;
        }
        int r = driver.setDuty(line[i], duty);
        if (r < 0) {
            return r;
        }
        if (level[i] != duty) {
            level[i] = duty;
            traceDuty(pin[i], duty);
        }
        return 0;
    }

    /** set-frequency: within the range the grant allows; outside it is a denial. */
    public synchronized int setFrequency(int handle, int hz) {
        int i = slot(handle, SET_FREQUENCY);
        if (i < 0) {
            return i;
        }
        if (mode[i] != GpioGrant.PWM) {
            return -GpioError.OPERATION_NOT_SUPPORTED;
        }
        GpioGrant g = (GpioGrant) table.grantOf(i);
        if (hz < g.minHz() || hz > g.maxHz()) {
            return deny(GpioError.PIN_MODE_NOT_ALLOWED, "pwm on GPIO " + pin[i] + " at " + hz + " Hz",
                    "the grant allows " + g.minHz() + ".." + g.maxHz() + " Hz");
        }
        return driver.setFrequency(line[i], hz);
    }

    /**
     * poll-edge / wait-edge: moves the oldest edge event to {@code address} (16 bytes: i32 handle, i32
     * edge, u64 nanoseconds since start), waiting up to timeoutMillis (0: not at all, negative:
     * forever). Returns 1 when an event was written, 0 when there was none. Traps when the 16 bytes are
     * outside memory. Not synchronized on this host, so revocations and driver events go on meanwhile.
     */
    public int takeEdge(Memory memory, int address, int timeoutMillis) {
        memory.checkRange(address, EVENT_SIZE);
        if (!ring.take(timeoutMillis)) {
            return 0;
        }
        byte[] bytes = memory.array();
        Memory.putInt(bytes, address, ring.handle());
        Memory.putInt(bytes, address + 4, ring.edge());
        Memory.putLong(bytes, address + 8, ring.time());
        return 1;
    }

    /**
     * wait-edge as a checkpoint's safe point: waits in slices of {@link #CHECKPOINT_POLL_MILLIS} and,
     * when the store asks for a checkpoint and no edge has come, gives up having done nothing
     * ({@link Checkpoint.Pending}), so the restored program waits again.
     */
    private int waitEdge(Instance caller, Memory memory, int address, int timeoutMillis) {
        Store store = caller.store();
        if (timeoutMillis == 0) {
            return takeEdge(memory, address, 0);
        }
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
        for (;;) {
            if (store.checkpointRequested()) {
                throw new Checkpoint.Pending();
            }
            long left = timeoutMillis > 0 ? (deadline - System.nanoTime()) / 1_000_000L : CHECKPOINT_POLL_MILLIS;
            if (left <= 0) {
                return takeEdge(memory, address, 0);
            }
            if (takeEdge(memory, address, (int) Math.min(left, CHECKPOINT_POLL_MILLIS)) == 1) {
                return 1;
            }
        }
    }

    /** How often a waiting wait-edge looks whether a checkpoint was asked for. */
    static final int CHECKPOINT_POLL_MILLIS = 20;

    /**
     * A pin handle's record in a checkpoint: what it was opened as, with what, and its level
     * (outputs) or duty (PWM). Queued edge events follow the handles ({@link #saveEvents}).
     */
    @Override
    protected void saveSlot(int i, java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(mode[i]);
        out.writeInt(pin[i]);
        out.writeInt(openArg[i]);
        out.writeInt(level[i]);
    }

    @Override
    protected int restoreSlot(java.io.DataInputStream in) throws java.io.IOException {
        int m = in.readInt();
        int bcm = in.readInt();
        int arg = in.readInt();
        int lvl = in.readInt();
        String what = m == GpioGrant.INPUT ? "an input" : m == GpioGrant.OUTPUT ? "an output" : "PWM at " + arg + " Hz";
        int got = m == GpioGrant.INPUT ? openInput(bcm, arg) : m == GpioGrant.OUTPUT ? openOutput(bcm, arg)
                : openPwm(bcm, arg);
        if (got < 0) {
            throw new IllegalArgumentException("the program holds GPIO " + bcm + " as " + what
                    + ", which this board does not grant (" + GpioError.name(-got) + ")");
        }
        if (m == GpioGrant.OUTPUT) {
            setState(got, lvl ^ activeLow[table.lookup(got)]);
        } else if (m == GpioGrant.PWM) {
            setDuty(got, lvl);
        }
        return got;
    }

    /** The queued edges travel with a checkpoint, times as this run counted them. */
    @Override
    protected void saveEvents(java.io.DataOutputStream out) throws java.io.IOException {
        ring.save(out);
    }

    @Override
    protected void restoreEvents(java.io.DataInputStream in) throws java.io.IOException {
        int n = in.readInt();
        if (n < 0 || n > ring.capacity()) {
            throw new java.io.IOException("bad edge count");
        }
        int[] handles = new int[n];
        int[] edges = new int[n];
        long[] times = new long[n];
        for (int k = 0; k < n; k++) {
            handles[k] = in.readInt();
            edges[k] = in.readInt();
            times[k] = in.readLong();
            synchronized (this) {
                if (table.lookup(handles[k]) < 0) {
                    throw new java.io.IOException("an edge of a handle that is not open");
                }
            }
        }
        ring.restore(handles, edges, times);
    }

    /** Events dropped because the ring was full, since the last call (the edges-lost function). */
    public int edgesLost() {
        return ring.takeLost();
    }

    /** Events waiting in the ring. */
    public int pendingEdges() {
        return ring.size();
    }

    /** Called by the driver, on its thread, for every level change of an open input. */
    private void onInput(int handle, int newLevel, long nanoTime) {
        int i = handle % liveHandle.length;
        if (handle <= 0 || liveHandle[i] != handle) {
            return;
        }
        int previous = level[i];
        level[i] = newLevel;
        if (previous == newLevel) {
            return;
        }
        long t = nanoTime - startNanos;
        GpioTrace tr = trace;
        if (tr != null) {
            tr.levelChanged(pin[i], newLevel, t);
        }
        int kind = newLevel == 1 ? EVENT_RISING : EVENT_FALLING;
        if ((edgeMask[i] & (newLevel == 1 ? GpioGrant.EDGE_RISING : GpioGrant.EDGE_FALLING)) != 0) {
            ring.offer(handle, kind, t);
        }
    }

    private void traceLevel(int bcm, int value) {
        GpioTrace tr = trace;
        if (tr != null) {
            tr.levelChanged(bcm, value, System.nanoTime() - startNanos);
        }
    }

    private void traceDuty(int bcm, int duty) {
        GpioTrace tr = trace;
        if (tr != null) {
            tr.dutyChanged(bcm, duty, System.nanoTime() - startNanos);
        }
    }

    // ---- shutdown ----

    /**
     * Closes every open handle (outputs to their shutdown levels, PWM off) and stops listening to the
     * grants. The driver stays open: it belongs to the board, not to the instance.
     */
    @Override
    public synchronized void close() {
        super.close();
        ring.clear();
    }
}
