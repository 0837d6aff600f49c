package dev.weir.hal.camera;

import dev.weir.core.Instance;
import dev.weir.core.Memory;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.host.GrantedHost;
import dev.weir.hal.host.HostInterface;

/**
 * Cameras for one module instance: the {@value #MODULE} import functions, backed by the host's
 * {@link CameraDevice}s (camera 0, 1, ... in the order given) and guarded by the instance's {@link
 * Grants}, the same way {@code GpioHost} guards pins.
 * <p>
 * {@code open} is the only call checked against the grants (camera number, resolution, frame rate,
 * pixel format); every refusal goes to the audit listener. {@code capture} then writes the next frame
 * straight into the module's memory (the driver reads from its producer into {@link Memory#array()}),
 * writes the sequence number and timestamp, and returns the frame's size: no byte[] and no object per
 * frame. A failing producer gives the module a negated {@link CameraError} and the operator one line
 * through the {@link CameraListener}; the failure sticks to the handle.
 * <p>
 * Revoking a grant stops the cameras opened under it; their handles then answer {@link
 * CameraError#REVOKED}. {@link #close()} stops every camera when the run ends. Module calls and
 * revocations synchronize on this object. The functions are the table {@link #INTERFACE}; handles,
 * denials, revocation and shutdown are {@link GrantedHost}'s, as for every granted interface.
 */
public final class CameraHost extends GrantedHost {
    /** The import module name (see hal/wit/camera.wit). */
    public static final String MODULE = "weir:camera";
    /** Bytes capture writes at info_ptr: u64 sequence, u64 timestamp in nanoseconds. */
    public static final int INFO_SIZE = 16;
    public static final int DEFAULT_MAX_HANDLES = 8;

    private static final int OPEN = 0;
    private static final int CAPTURE = 1;
    private static final int FRAME_SIZE = 2;
    private static final int CLOSE = 3;

    /** The {@value #MODULE} functions: every one takes i32s and returns one i32 (hal/wit/camera.wit). */
    public static final HostInterface INTERFACE = HostInterface.builder(MODULE)
            .function(OPEN, "open", "iiiii", "i")
            .function(CAPTURE, "capture", "iiii", "i")
            .function(FRAME_SIZE, "frame-size", "i", "i")
            .function(CLOSE, "close", "i", "i")
            .build();

    private final CameraDevice[] devices;
    private final boolean[] inUse;
    private final long startNanos;
    private volatile CameraListener listener;
    private volatile boolean traceFrames;

    // Per-slot state, indexed like the handle table.
    private final int[] camera;
    private final int[] width;
    private final int[] height;
    private final int[] format;
    private final int[] frameBytes;
    private final long[] sequence;
    /** The frame rate each slot was opened at, for checkpoints. */
    private final int[] rate;
    /** The sticky error of a failed camera (positive), 0 while it works. */
    private final int[] failed;

    public CameraHost(CameraDevice[] devices, Grants grants) {
        this(devices, grants, DEFAULT_MAX_HANDLES);
    }

    public CameraHost(CameraDevice[] devices, Grants grants, int maxHandles) {
        super(INTERFACE, "camera", grants, maxHandles, CameraError.REVOKED, CameraError.BAD_HANDLE);
        this.devices = devices.clone();
        this.inUse = new boolean[devices.length];
        this.startNanos = System.nanoTime();
        this.camera = new int[maxHandles];
        this.width = new int[maxHandles];
        this.height = new int[maxHandles];
        this.format = new int[maxHandles];
        this.frameBytes = new int[maxHandles];
        this.sequence = new long[maxHandles];
        this.rate = new int[maxHandles];
        this.failed = new int[maxHandles];
    }

    /**
     * Who hears of failures, and of every delivered frame when {@code traceFrames} ({@code weir run
     * --trace camera}); null for nobody.
     */
    public CameraHost listener(CameraListener l, boolean traceFrames) {
        this.listener = l;
        this.traceFrames = traceFrames;
        return this;
    }

    public long startNanos() {
        return startNanos;
    }

    /** The module's calls, by their row in {@link #INTERFACE}; results are i32s. */
    @Override
    public void dispatch(int id, Instance caller, long[] s, int b) {
        int r;
        switch (id) {
            case OPEN:
                r = open((int) s[b], (int) s[b + 1], (int) s[b + 2], (int) s[b + 3], (int) s[b + 4]);
                break;
            case CAPTURE:
                r = capture(INTERFACE.memory(caller, id), (int) s[b], (int) s[b + 1], (int) s[b + 2], (int) s[b + 3]);
                break;
            case FRAME_SIZE:
                r = frameSize((int) s[b]);
                break;
            case CLOSE:
                r = close((int) s[b]);
                break;
            default:
                throw new IllegalStateException("no camera function " + id);
        }
        s[b] = r & 0xFFFFFFFFL;
    }

    // ---- opening: the only place requests are checked against grants ----

    /**
     * open: starts camera {@code id} at this geometry; returns a handle or a negated {@link CameraError}.
     */
    public synchronized int open(int id, int w, int h, int fmt, int fps) {
        String request = "camera " + id + " at " + w + "x" + h + " " + PixelFormat.name(fmt) + " " + fps + " fps";
        int bytes = PixelFormat.frameBytes(w, h, fmt);
        if (bytes < 0 || fps <= 0) {
            return deny(CameraError.INVALID_ARGUMENT, request, "not a valid frame geometry, format and frame rate");
        }
        CameraGrant granted = null;
        String mismatch = null;
        for (Grant g : grantsInForce()) {
            if (!(g instanceof CameraGrant) || ((CameraGrant) g).camera() != id) {
                continue;
            }
            String why = ((CameraGrant) g).refusal(w, h, fmt, fps);
            if (why == null) {
                granted = (CameraGrant) g;
                break;
            }
            mismatch = mismatch == null ? why : mismatch;
        }
        if (granted == null) {
            return mismatch == null ? deny(CameraError.NOT_ALLOWED, request, "no grant names camera " + id)
                    : deny(CameraError.MODE_NOT_ALLOWED, request, mismatch);
        }
        if (id < 0 || id >= devices.length) {
            return deny(CameraError.NO_SUCH_CAMERA, request, "this host has " + devices.length + " camera"
                    + (devices.length == 1 ? "" : "s") + " (give one with --camera)");
        }
        if (inUse[id]) {
            return deny(CameraError.ALREADY_IN_USE, request, "camera " + id + " is already open");
        }
        int handle = table.allocate();
        if (handle < 0) {
            return deny(CameraError.NO_SPACE, request, "all " + table.capacity() + " handles are open");
        }
        int i = table.lookup(handle);
        int r = devices[id].start(w, h, fmt, fps);
        if (r < 0) {
            table.release(i);
            devices[id].stop();
            fail(id, -r, devices[id].failure());
            return r;
        }
        inUse[id] = true;
        camera[i] = id;
        width[i] = w;
        height[i] = h;
        format[i] = fmt;
        frameBytes[i] = bytes;
        sequence[i] = 0;
        failed[i] = 0;
        rate[i] = fps;
        table.setGrant(i, granted);
        return handle;
    }

    /** A camera handle's record in a checkpoint: camera, geometry, format and frame rate. */
    @Override
    protected void saveSlot(int i, java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(camera[i]);
        out.writeInt(width[i]);
        out.writeInt(height[i]);
        out.writeInt(format[i]);
        out.writeInt(rate[i]);
    }

    @Override
    protected int restoreSlot(java.io.DataInputStream in) throws java.io.IOException {
        int id = in.readInt();
        int w = in.readInt();
        int h = in.readInt();
        int fmt = in.readInt();
        int fps = in.readInt();
        int got = open(id, w, h, fmt, fps);
        if (got < 0) {
            throw new IllegalArgumentException("the program holds camera " + id + " at " + w + "x" + h + " "
                    + PixelFormat.name(fmt) + " " + fps + " fps, which this board does not grant or have ("
                    + CameraError.name(-got) + ")");
        }
        return got;
    }

    @Override
    protected String errorName(int error) {
        return CameraError.name(error);
    }

    private void fail(int id, int error, String message) {
        CameraListener l = listener;
        if (l != null) {
            l.failed(id, error, message != null ? message : CameraError.name(error));
        }
    }

    // ---- the data path ----

    /** frame-size: the bytes of one frame of an open handle. */
    public synchronized int frameSize(int handle) {
        int i = slot(handle, FRAME_SIZE);
        return i < 0 ? i : frameBytes[i];
    }

    /**
     * capture: writes the next frame at {@code address} (the region is {@code length} bytes and must
     * hold a whole frame) and, unless {@code infoAddress} is 0, the frame's u64 sequence number and u64
     * timestamp (nanoseconds since the camera started) at {@code infoAddress}. Returns the frame's size
     * in bytes or a negated {@link CameraError}. Traps when a region lies outside the memory.
     */
    public synchronized int capture(Memory memory, int handle, int address, int length, int infoAddress) {
        int i = slot(handle, CAPTURE);
        if (i < 0) {
            return i;
        }
        if (failed[i] != 0) {
            return -failed[i];
        }
        int bytes = frameBytes[i];
        memory.checkRange(address, length);
        if (length < bytes) {
            return -CameraError.INVALID_ARGUMENT;
        }
        if (infoAddress != 0) {
            memory.checkRange(infoAddress, INFO_SIZE);
        }
        int id = camera[i];
        byte[] array = memory.array();
        int r = devices[id].readFrame(array, address, bytes);
        if (r < 0) {
            failed[i] = -r;
            fail(id, -r, devices[id].failure());
            return r;
        }
        long seq = sequence[i]++;
        if (infoAddress != 0) {
            Memory.putLong(array, infoAddress, seq);
            Memory.putLong(array, infoAddress + 8, devices[id].frameTimeNanos());
        }
        if (traceFrames) {
            CameraListener l = listener;
            if (l != null) {
                l.frameDelivered(id, seq, width[i], height[i], format[i], array, address, System.nanoTime() - startNanos);
            }
        }
        return bytes;
    }

    /** close: stops the camera and releases the handle. */
    public int close(int handle) {
        return closeHandle(handle, CLOSE);
    }

    @Override
    protected void release(int i) {
        devices[camera[i]].stop();
        inUse[camera[i]] = false;
    }
}
