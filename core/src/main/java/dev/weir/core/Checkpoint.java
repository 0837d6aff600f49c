package dev.weir.core;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one running instance, taken at a safe point of the interpreter's driver: its
 * memories, globals and tables, the value stack and call frames of the activation, the store's
 * fuel, and sections the host adds for its own state (open files, device handles). A checkpoint
 * continues in a fresh instance of the same module, in this JVM or another.
 *
 * <p>How it is taken: {@link Store#enableCheckpoints} slices the fuel of metered code, so the
 * interpreter's loop returns to its driver every slice; the driver, and every host call, looks at
 * a volatile flag that {@link Store#requestCheckpoint} sets from any thread. Nothing in the loop
 * checks it. The frames are read where they are (the store's arrays), without unwinding. Code
 * that runs as JVM bytecode (the JIT tier) keeps frames on the Java stack, which cannot be read:
 * under {@link CompileOptions.Jit#DEOPT}, what checkpointable runs should compile with, compiled
 * functions have safe points too (a fuel slice's end, a host call), where they spill their frames
 * into the store's arrays and return, and the driver takes the checkpoint with interpreter frames
 * only (docs/checkpoint.md). Under the other policies compiled functions have no safe point
 * inside, and a host call made from them is none: {@link CompileOptions.Jit#LEAVES} compiles only
 * code that calls nothing, which always returns to the interpreter.
 *
 * <p>{@link #toBytes} writes a wasm coredump in the
 * tool-conventions layout ({@code core}, {@code coremodules}, {@code coreinstances},
 * {@code corestack} custom sections; memories, globals and memory contents in the memory,
 * global and data sections) with weir's own {@code weir-checkpoint} section, which is bound to
 * the module's SHA-256 and carries what a coredump lacks to continue exactly. docs/checkpoint.md
 * describes every byte. Limits: one instance (frames that span instances are refused), and
 * reference values held in locals are not remapped (table contents are).
 */
public final class Checkpoint {
    /** The version of the {@code weir-checkpoint} section this class writes and reads. */
    public static final int FORMAT_VERSION = 1;
    static final String WEIR_SECTION = "weir-checkpoint";
    static final String HOST_PREFIX = "weir-host:";
    private static final Charset UTF8 = Charset.forName("UTF-8");
    private static final int PAGE = 65536;

    private final String options;
    private final int codeLength;
    private final long fuelRemaining;
    private final long fuelConsumed;
    private final int entryFp;
    private final int pc;
    private final int fp;
    /** Per frame, where its caller resumes; [0] is the host entry (-1). */
    private final int[] returnPcs;
    /** The value stack from entryFp to the end of the youngest frame. */
    private final long[] slots;
    private final int[] memoryPages;
    /** Per memory, its bytes up to the last non-zero one. */
    private final byte[][] memories;
    private final long[] globalValues;
    private final long[] globalHighs;
    /** Per table, per element: the function's index in the instance's function index space + 1, 0 for null. */
    private final int[][] tables;
    private final LinkedHashMap<String, byte[]> hostSections = new LinkedHashMap<String, byte[]>();
    private String moduleName = "module.wasm";

    private Checkpoint(String options, int codeLength, long fuelRemaining, long fuelConsumed, int entryFp, int pc,
            int fp, int[] returnPcs, long[] slots, int[] memoryPages, byte[][] memories, long[] globalValues,
            long[] globalHighs, int[][] tables) {
        this.options = options;
        this.codeLength = codeLength;
        this.fuelRemaining = fuelRemaining;
        this.fuelConsumed = fuelConsumed;
        this.entryFp = entryFp;
        this.pc = pc;
        this.fp = fp;
        this.returnPcs = returnPcs;
        this.slots = slots;
        this.memoryPages = memoryPages;
        this.memories = memories;
        this.globalValues = globalValues;
        this.globalHighs = globalHighs;
        this.tables = tables;
    }

    /** The run stopped at a checkpoint its handler asked to stop at. */
    public static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Checkpoint checkpoint;

        Stopped(Checkpoint checkpoint) {
            super("stopped at a checkpoint", null, false, false);
            this.checkpoint = checkpoint;
        }

        public Checkpoint checkpoint() {
            return checkpoint;
        }
    }

    /**
     * Thrown by a blocking host function (a wait for an edge, a sleep) that gave up, having done
     * nothing, because {@link Store#checkpointRequested()}: the checkpoint is taken before the
     * call, and the restored run makes the call again.
     */
    public static final class Pending extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Pending() {
            super("a checkpoint is pending", null, false, false);
        }
    }

    /** A snapshot that cannot be restored: corrupt, truncated, for another module or another weir. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** At a safe point of the driver: captures, hands it to the handler, stops if it says so. */
    static void take(Store store, Instance inst, int pc, int fp, int depth, int entryFp, int slotsEnd) {
        store.checkpointRequested = false;
        Checkpoint checkpoint = capture(store, inst, pc, fp, depth, entryFp, slotsEnd);
        if (store.checkpointHandler.onCheckpoint(checkpoint)) {
            throw new Stopped(checkpoint);
        }
    }

    private static Checkpoint capture(Store store, Instance inst, int pc, int fp, int depth, int entryFp,
            int slotsEnd) {
        int[] returnPcs = Arrays.copyOf(store.returnPcs, depth);
        for (int d = 1; d < depth; d++) {
            if (returnPcs[d] < 0) {
                throw new IllegalStateException("checkpoint: the call stack spans instances; weir checkpoints one instance");
            }
        }
        CompiledModule compiled = inst.compiledModule();
        int end = Math.max(slotsEnd, fp + inst.code[compiled.entry(compiled.functionAt(pc)) + 2]);
        long[] slots = Arrays.copyOfRange(store.stack, entryFp, end);
        int[] pages = new int[inst.memories.length];
        byte[][] memories = new byte[inst.memories.length][];
        for (int m = 0; m < memories.length; m++) {
            Memory memory = inst.memories[m];
            byte[] bytes = memory.array();
            int used = memory.size();
            while (used > 0 && bytes[used - 1] == 0) {
                used--;
            }
            pages[m] = memory.pages();
            memories[m] = Arrays.copyOf(bytes, used);
        }
        long[] values = new long[inst.globals.length];
        long[] highs = new long[inst.globals.length];
        for (int g = 0; g < values.length; g++) {
            values[g] = inst.globals[g].value;
            highs[g] = inst.globals[g].high;
        }
        int[][] tables = new int[inst.tables.length][];
        for (int t = 0; t < tables.length; t++) {
            Table table = inst.tables[t];
            int[] elements = new int[table.size];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = functionIndexOf(inst, table.elements[i], t, i);
            }
            tables[t] = elements;
        }
        Checkpoint checkpoint = new Checkpoint(compiled.options().toString(), inst.code.length, store.fuelRemaining(),
                store.fuelConsumed(), entryFp, pc, fp, returnPcs, slots, pages, memories, values, highs, tables);
        checkpoint.bindFrames(inst);
        return checkpoint;
    }

    /** A funcref as an index into the instance's functions + 1 (0 for null), which another store maps back. */
    private static int functionIndexOf(Instance inst, long reference, int table, int element) {
        if (reference == 0) {
            return 0;
        }
        Function f = inst.store().functionOf(reference);
        for (int i = 0; i < inst.functions.length; i++) {
            if (inst.functions[i] == f) {
                return i + 1;
            }
        }
        throw new IllegalStateException("checkpoint: table " + table + " element " + element
                + " refers to a function this instance does not import or define");
    }

    /** Names the module in the coredump's {@code core} and {@code coremodules} sections. */
    public void setModuleName(String name) {
        this.moduleName = name;
    }

    /** Adds the host's own state under name (kept as the custom section {@code weir-host:name}). */
    public void putHostSection(String name, byte[] content) {
        hostSections.put(name, content.clone());
    }

    /**
     * The compile options the checkpointed code was compiled with, as {@link CompileOptions#toString}
     * names them; {@link #restore} requires the same, so a resuming embedder compiles with the JIT
     * policy named here ({@code jit=leaves ...}).
     */
    public String compileOptions() {
        return options;
    }

    /** The host section of that name, or null. */
    public byte[] hostSection(String name) {
        byte[] content = hostSections.get(name);
        return content == null ? null : content.clone();
    }

    /** Fuel left at the checkpoint (what a restore gives the store). */
    public long fuelRemaining() {
        return fuelRemaining;
    }

    /** Call frames at the checkpoint. */
    public int depth() {
        return returnPcs.length;
    }

    /** Bytes of linear memory the checkpoint holds (up to each memory's last non-zero byte). */
    public long memoryBytes() {
        long n = 0;
        for (byte[] m : memories) {
            n += m.length;
        }
        return n;
    }

    /**
     * Writes the state into a fresh instance of the same module (compiled with the same options),
     * whose store runs nothing: first checks everything, then writes, so a checkpoint that does
     * not fit changes nothing. Then {@link #resume} continues the run.
     *
     * @throws Invalid naming what does not fit
     */
    public void restore(Instance inst) {
        Store store = inst.store();
        CompiledModule compiled = inst.compiledModule();
        if (!compiled.options().toString().equals(options) || inst.code.length != codeLength) {
            throw new Invalid("checkpoint was taken with compile options " + options + ", this module has "
                    + compiled.options());
        }
        if (store.depth != 0) {
            throw new Invalid("checkpoint restores into a store that runs nothing");
        }
        store.allocateStacks();
        if (entryFp < 0 || (long) entryFp + slots.length > store.stack.length || returnPcs.length > store.returnPcs.length) {
            throw new Invalid("checkpoint needs " + (entryFp + slots.length) + " stack slots and " + returnPcs.length
                    + " frames; the store has " + store.stack.length + " and " + store.returnPcs.length);
        }
        if (returnPcs.length == 0 || returnPcs[0] != -1 || !codeAt(pc) || fp < entryFp || fp > entryFp + slots.length) {
            throw new Invalid("checkpoint's frames are damaged");
        }
        int frameFp = fp;
        for (int d = returnPcs.length - 1; d >= 1; d--) {
            if (!codeAt(returnPcs[d]) || returnPcs[d] == 0) {
                throw new Invalid("checkpoint's frame " + d + " is damaged");
            }
            frameFp -= inst.code[returnPcs[d] - 1];
            if (frameFp < entryFp) {
                throw new Invalid("checkpoint's frame " + d + " is damaged");
            }
        }
        if (memories.length != inst.memories.length || globalValues.length != inst.globals.length
                || tables.length != inst.tables.length) {
            throw new Invalid("checkpoint has " + memories.length + " memories, " + globalValues.length + " globals, "
                    + tables.length + " tables; the instance " + inst.memories.length + ", " + inst.globals.length
                    + ", " + inst.tables.length);
        }
        for (int m = 0; m < memories.length; m++) {
            Memory memory = inst.memories[m];
            if (memoryPages[m] < memory.pages() || memoryPages[m] > memory.maxPages()
                    || memories[m].length > (long) memoryPages[m] * PAGE) {
                throw new Invalid("checkpoint's memory " + m + " has " + memoryPages[m] + " pages; the instance's has "
                        + memory.pages() + " to " + memory.maxPages());
            }
        }
        for (int t = 0; t < tables.length; t++) {
            Table table = inst.tables[t];
            if (tables[t].length > table.maxSize() || tables[t].length < table.size) {
                throw new Invalid("checkpoint's table " + t + " has " + tables[t].length + " elements; the instance's "
                        + table.size + " to " + table.maxSize());
            }
            for (int index : tables[t]) {
                if (index < 0 || index > inst.functions.length) {
                    throw new Invalid("checkpoint's table " + t + " refers to function " + (index - 1) + ", which does not exist");
                }
            }
        }
        bindFrames(inst);
        // Everything fits: write.
        for (int m = 0; m < memories.length; m++) {
            Memory memory = inst.memories[m];
            memory.grow(memoryPages[m] - memory.pages());
            byte[] bytes = memory.array();
            System.arraycopy(memories[m], 0, bytes, 0, memories[m].length);
            Arrays.fill(bytes, memories[m].length, memory.size(), (byte) 0);
        }
        for (int g = 0; g < globalValues.length; g++) {
            inst.globals[g].value = globalValues[g];
            inst.globals[g].high = globalHighs[g];
        }
        for (int t = 0; t < tables.length; t++) {
            Table table = inst.tables[t];
            int[] elements = tables[t];
            for (int i = 0; i < elements.length; i++) {
                table.elements[i] = elements[i] == 0 ? 0 : inst.functions[elements[i] - 1].id + 1L;
            }
            Arrays.fill(table.elements, elements.length, table.size, 0L);
            table.size = elements.length;
        }
        System.arraycopy(slots, 0, store.stack, entryFp, slots.length);
        System.arraycopy(returnPcs, 0, store.returnPcs, 0, returnPcs.length);
        Arrays.fill(store.frameInstances, 0, returnPcs.length, null);
        store.restoreFuel(fuelRemaining, fuelConsumed);
        restoredInto = inst;
    }

    private transient Instance restoredInto;

    private boolean codeAt(int at) {
        return at >= 0 && at < codeLength;
    }

    /**
     * Continues the run {@link #restore} set up, to the end of the function the host had called,
     * and returns that function's results (one slot per value).
     */
    public long[] resume() {
        Instance inst = restoredInto;
        if (inst == null) {
            throw new IllegalStateException("restore the checkpoint into an instance first");
        }
        restoredInto = null;
        Store store = inst.store();
        CompiledModule compiled = inst.compiledModule();
        int bottomPc = returnPcs.length == 1 ? pc : returnPcs[1];
        int results = compiled.module().functionType(compiled.functionAt(bottomPc)).resultSlots();
        store.top = entryFp;
        Interpreter.resume(store, inst, pc, fp, returnPcs.length, entryFp);
        return Arrays.copyOfRange(store.stack, entryFp, entryFp + results);
    }

    // ---- the file ----

    /**
     * The checkpoint as a wasm coredump with weir's sections, bound to moduleHash (the 32-byte
     * SHA-256 of the module binary the run was instantiated from). Uncompressed: the file layer
     * ({@code dev.weir.hal.checkpoint.SnapshotFile}) hashes and deflates, which core, kept to a
     * small part of compact1, leaves to it.
     */
    public byte[] toBytes(byte[] moduleHash) {
        Out file = new Out();
        file.raw(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Out s = new Out();
        s.u8(0).name(moduleName);
        file.custom("core", s);
        s = new Out();
        s.u32(1).u8(0).name(moduleName);
        file.custom("coremodules", s);
        s = new Out();
        s.u32(1).u8(0).u32(0).u32(memories.length);
        for (int m = 0; m < memories.length; m++) {
            s.u32(m);
        }
        s.u32(globalValues.length);
        for (int g = 0; g < globalValues.length; g++) {
            s.u32(g);
        }
        file.custom("coreinstances", s);
        file.custom("corestack", corestack());
        // Memory section (5): each memory's size in pages, as a minimum.
        s = new Out();
        s.u32(memories.length);
        for (int pages : memoryPages) {
            s.u8(0).u32(pages);
        }
        file.section(5, s);
        // Global section (6): constant i64 globals with each value (v128 high halves are weir's).
        s = new Out();
        s.u32(globalValues.length);
        for (long value : globalValues) {
            s.u8(0x7E).u8(0).u8(0x42).s64(value).u8(0x0B);
        }
        file.section(6, s);
        file.custom(WEIR_SECTION, weirSection(moduleHash));
        for (Map.Entry<String, byte[]> host : hostSections.entrySet()) {
            Out h = new Out();
            h.raw(host.getValue());
            file.custom(HOST_PREFIX + host.getKey(), h);
        }
        // Data section (11): one active segment per memory, up to its last non-zero byte.
        s = new Out();
        s.u32(memories.length);
        for (int m = 0; m < memories.length; m++) {
            if (m == 0) {
                s.u8(0);
            } else {
                s.u8(2).u32(m);
            }
            s.u8(0x41).u8(0).u8(0x0B).u32(memories[m].length).raw(memories[m]);
        }
        file.section(11, s);
        return Arrays.copyOf(file.bytes, file.size);
    }

    /**
     * The frames youngest first, each frame's slots as i64 locals and an empty operand stack;
     * the code offset is weir's (the pc in its compiled code from the function's start), not the
     * wasm binary's, which weir does not keep.
     */
    private Out corestack() {
        Out s = new Out();
        s.u8(0).name("main").u32(returnPcs.length);
        int frameEnd = entryFp + slots.length;
        for (int d = returnPcs.length - 1; d >= 0; d--) {
            int framePc = d == returnPcs.length - 1 ? pc : returnPcs[d + 1];
            s.u8(0).u32(0).u32(frameFunctions[d]).u32(framePc - frameEntries[d]);
            s.u32(frameEnd - frameFps[d]);
            for (int k = frameFps[d]; k < frameEnd; k++) {
                s.u8(0x7E).s64(slots[k - entryFp]);
            }
            s.u32(0);
            frameEnd = frameFps[d];
        }
        return s;
    }

    /** Per frame (oldest first): its function's index, the code offset of its header, its fp. */
    private int[] frameFunctions;
    private int[] frameEntries;
    private int[] frameFps;

    /** Works out each frame's function and fp from the code (the frames themselves store neither). */
    private void bindFrames(Instance inst) {
        CompiledModule compiled = inst.compiledModule();
        int depth = returnPcs.length;
        frameFunctions = new int[depth];
        frameEntries = new int[depth];
        frameFps = new int[depth];
        int frameFp = fp;
        for (int d = depth - 1; d >= 0; d--) {
            int framePc = d == depth - 1 ? pc : returnPcs[d + 1];
            frameFunctions[d] = compiled.functionAt(framePc);
            frameEntries[d] = compiled.entry(frameFunctions[d]);
            frameFps[d] = frameFp;
            if (d > 0) {
                frameFp -= inst.code[returnPcs[d] - 1];
            }
        }
    }

    private Out weirSection(byte[] moduleHash) {
        if (moduleHash.length != 32) {
            throw new IllegalArgumentException("a module hash is 32 bytes (SHA-256), got " + moduleHash.length);
        }
        Out s = new Out();
        s.u32(FORMAT_VERSION).raw(moduleHash).name(options).u32(codeLength);
        s.i64(fuelRemaining).i64(fuelConsumed).u32(entryFp).u32(pc).u32(fp);
        s.u32(returnPcs.length - 1);
        for (int d = 1; d < returnPcs.length; d++) {
            s.u32(returnPcs[d]);
        }
        s.u32(slots.length);
        for (long slot : slots) {
            s.i64(slot);
        }
        s.u32(globalHighs.length);
        for (long high : globalHighs) {
            s.i64(high);
        }
        s.u32(tables.length);
        for (int[] table : tables) {
            s.u32(table.length);
            for (int element : table) {
                s.u32(element);
            }
        }
        return s;
    }

    /**
     * Reads a checkpoint written by {@link #toBytes} for the module with that SHA-256. Checks
     * every section's bounds, the format version and the module's hash; nothing is restored yet.
     *
     * @throws Invalid with a one-line reason
     */
    public static Checkpoint fromBytes(byte[] file, byte[] moduleHash) {
        In in = new In(file, 0, file.length);
        if (file.length < 8 || file[0] != 0 || file[1] != 'a' || file[2] != 's' || file[3] != 'm' || file[4] != 1
                || file[5] != 0 || file[6] != 0 || file[7] != 0) {
            throw new Invalid("not a weir checkpoint (no wasm header)");
        }
        in.at = 8;
        In weir = null;
        int[] pages = null;
        long[] values = null;
        byte[][] data = null;
        String moduleName = null;
        LinkedHashMap<String, byte[]> host = new LinkedHashMap<String, byte[]>();
        while (in.at < in.end) {
            int id = in.u8();
            int size = in.u32();
            if (size > in.end - in.at) {
                throw new Invalid("checkpoint is truncated: section " + id + " needs " + size + " bytes");
            }
            In s = new In(file, in.at, in.at + size);
            in.at += size;
            if (id == 0) {
                String name = s.name();
                if (name.equals(WEIR_SECTION)) {
                    weir = s;
                } else if (name.startsWith(HOST_PREFIX)) {
                    host.put(name.substring(HOST_PREFIX.length()), Arrays.copyOfRange(file, s.at, s.end));
                } else if (name.equals("core")) {
                    s.expect(0);
                    moduleName = s.name();
                }
            } else if (id == 5) {
                pages = new int[s.u32()];
                for (int m = 0; m < pages.length; m++) {
                    s.expect(0);
                    pages[m] = s.u32();
                }
            } else if (id == 6) {
                values = new long[s.u32()];
                for (int g = 0; g < values.length; g++) {
                    s.expect(0x7E);
                    s.expect(0);
                    s.expect(0x42);
                    values[g] = s.s64();
                    s.expect(0x0B);
                }
            } else if (id == 11) {
                data = new byte[s.u32()][];
                for (int m = 0; m < data.length; m++) {
                    int flag = s.u8();
                    if (flag != (m == 0 ? 0 : 2) || (flag == 2 && s.u32() != m)) {
                        throw new Invalid("checkpoint's data segment " + m + " is damaged");
                    }
                    s.expect(0x41);
                    s.expect(0);
                    s.expect(0x0B);
                    data[m] = s.bytes(s.u32());
                }
            }
        }
        if (weir == null || pages == null || values == null || data == null || data.length != pages.length) {
            throw new Invalid("checkpoint is incomplete: it lacks the " + (weir == null ? "weir-checkpoint"
                    : pages == null ? "memory" : values == null ? "global" : "data") + " section");
        }
        int version = weir.u32();
        if (version != FORMAT_VERSION) {
            throw new Invalid("checkpoint format version " + version + ", this weir reads version " + FORMAT_VERSION);
        }
        byte[] hash = weir.bytes(32);
        byte[] expected = moduleHash;
        if (!Arrays.equals(hash, expected)) {
            throw new Invalid("checkpoint is for another module (SHA-256 " + hex(hash) + ", this module " + hex(expected) + ")");
        }
        String options = weir.name();
        int codeLength = weir.u32();
        long fuelRemaining = weir.i64();
        long fuelConsumed = weir.i64();
        int entryFp = weir.u32();
        int pc = weir.u32();
        int fp = weir.u32();
        int[] returnPcs = new int[weir.count(4) + 1];
        returnPcs[0] = -1;
        for (int d = 1; d < returnPcs.length; d++) {
            returnPcs[d] = weir.u32();
        }
        long[] slots = new long[weir.count(8)];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = weir.i64();
        }
        long[] highs = new long[weir.count(8)];
        if (highs.length != values.length) {
            throw new Invalid("checkpoint has " + values.length + " globals but " + highs.length + " high halves");
        }
        for (int g = 0; g < highs.length; g++) {
            highs[g] = weir.i64();
        }
        int[][] tables = new int[weir.count(1)][];
        for (int t = 0; t < tables.length; t++) {
            tables[t] = new int[weir.count(1)];
            for (int i = 0; i < tables[t].length; i++) {
                tables[t][i] = weir.u32();
            }
        }
        if (weir.at != weir.end) {
            throw new Invalid("checkpoint's weir-checkpoint section has " + (weir.end - weir.at) + " bytes too many");
        }
        if (fuelRemaining < 0) {
            throw new Invalid("checkpoint's fuel is negative");
        }
        Checkpoint c = new Checkpoint(options, codeLength, fuelRemaining, fuelConsumed, entryFp, pc, fp, returnPcs,
                slots, pages, data, values, highs, tables);
        c.hostSections.putAll(host);
        if (moduleName != null) {
            c.moduleName = moduleName;
        }
        return c;
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(Character.forDigit((bytes[i] >> 4) & 15, 16)).append(Character.forDigit(bytes[i] & 15, 16));
        }
        return s.append("...").toString();
    }

    /** A growable byte buffer writing the wasm binary encodings the file needs. */
    private static final class Out {
        byte[] bytes = new byte[256];
        int size;

        private void room(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }

        Out u8(int b) {
            room(1);
            bytes[size++] = (byte) b;
            return this;
        }

        Out raw(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
            return this;
        }

        Out u32(int value) {
            long v = value & 0xFFFFFFFFL;
            do {
                int b = (int) (v & 0x7F);
                v >>>= 7;
                u8(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Out s64(long v) {
            for (;;) {
                int b = (int) (v & 0x7F);
                v >>= 7;
                if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
                    return u8(b);
                }
                u8(b | 0x80);
            }
        }

        Out i64(long v) {
            room(8);
            for (int i = 0; i < 8; i++) {
                bytes[size++] = (byte) (v >>> (8 * i));
            }
            return this;
        }

        Out name(String s) {
            byte[] b = s.getBytes(UTF8);
            return u32(b.length).raw(b);
        }

        void section(int id, Out content) {
            u8(id).u32(content.size);
            room(content.size);
            System.arraycopy(content.bytes, 0, bytes, size, content.size);
            size += content.size;
        }

        void custom(String name, Out content) {
            Out s = new Out();
            s.name(name);
            s.room(content.size);
            System.arraycopy(content.bytes, 0, s.bytes, s.size, content.size);
            s.size += content.size;
            section(0, s);
        }
    }

    /** A cursor over a section; any read past its end is an {@link Invalid} naming the truncation. */
    private static final class In {
        final byte[] bytes;
        int at;
        final int end;

        In(byte[] bytes, int at, int end) {
            this.bytes = bytes;
            this.at = at;
            this.end = end;
        }

        int u8() {
            if (at >= end) {
                throw new Invalid("checkpoint is truncated at byte " + at);
            }
            return bytes[at++] & 0xFF;
        }

        void expect(int b) {
            int got = u8();
            if (got != b) {
                throw new Invalid("checkpoint is damaged at byte " + (at - 1) + ": 0x" + Integer.toHexString(got)
                        + " where 0x" + Integer.toHexString(b) + " belongs");
            }
        }

        int u32() {
            long v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (v > 0xFFFFFFFFL) {
                        break;
                    }
                    return (int) v;
                }
            }
            throw new Invalid("checkpoint is damaged at byte " + at + ": a number does not fit 32 bits");
        }

        /** A vector length, checked against what remains at minBytes each. */
        int count(int minBytes) {
            int n = u32();
            if (n < 0 || (long) n * minBytes > end - at) {
                throw new Invalid("checkpoint is damaged at byte " + at + ": " + (n & 0xFFFFFFFFL) + " entries do not fit");
            }
            return n;
        }

        long s64() {
            long v = 0;
            int shift = 0;
            int b;
            do {
                if (shift >= 70) {
                    throw new Invalid("checkpoint is damaged at byte " + at + ": a number does not fit 64 bits");
                }
                b = u8();
                v |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (shift < 64 && (b & 0x40) != 0) {
                v |= -1L << shift;
            }
            return v;
        }

        long i64() {
            if (end - at < 8) {
                throw new Invalid("checkpoint is truncated at byte " + at);
            }
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (bytes[at++] & 0xFFL) << (8 * i);
            }
            return v;
        }

        byte[] bytes(int n) {
            if (n < 0 || n > end - at) {
                throw new Invalid("checkpoint is truncated at byte " + at);
            }
            byte[] b = Arrays.copyOfRange(bytes, at, at + n);
            at += n;
            return b;
        }

        String name() {
            return new String(bytes(u32()), UTF8);
        }
    }
}
