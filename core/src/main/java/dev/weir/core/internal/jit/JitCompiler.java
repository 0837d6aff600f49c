package dev.weir.core.internal.jit;

import dev.weir.core.internal.compile.JitSelector;
import dev.weir.core.internal.compile.Op;

/**
 * Compiles {@link Op} code to a JVM method, which HotSpot then compiles to machine code like any
 * other: the second tier, where the interpreter's dispatch is the cost. It takes a function whole
 * ({@link Op#JIT_ENTRY}), calls included, or a loop that calls nothing in a function it does not
 * take ({@link Op#JIT_LOOP}). Each class has a static {@code body()}, which compiled callers call
 * directly, and {@code run()}, which the interpreter calls; docs/RATIONALE.md says how calls,
 * traps and the Java stack's bound work.
 *
 * <p>Each frame slot the code uses becomes a JVM {@code long} local, so C2 allocates registers
 * across the whole body; i32 and f32 values are the low 32 bits, as in the interpreter. Branch
 * targets become labels. A function reads its parameters from the value stack and writes its
 * results back at RETURN; a call writes the arguments to the value stack at the callee's frame
 * and reads the results back from there. A loop reads the slots it uses, and at each exit (a
 * branch out, a return, its end) writes back those it changed and returns the pc where the
 * interpreter goes on.
 *
 * <p>Under the {@code deopt} policy ({@link JitSource#deoptimizable}) a function's FUEL and host
 * calls are safe points: with a checkpoint due they throw {@code JitCode.DEOPT}, and the body's
 * handler spills the slots below its call in flight into the value stack and writes that call's
 * frame record, so the interpreter can go on with the frame (docs/checkpoint.md).
 */
public final class JitCompiler {
    /** Never compile: the interpreter runs everything. */
    public static final int OFF = 0;
    /**
     * The default: compile functions with a loop on their first call, the others once hot
     * (CompiledModule's weir.jit.hotCalls); the name is from when only loops were compiled.
     */
    public static final int LOOPS = 1;
    /** Compile every function it can on its first call: for testing the compiler against the spec suite. */
    public static final int ALL = 2;


    /**
     * Whether the JVM compiles bytecode (HotSpot's C2), not only interprets it (Zero, -Xint).
     * Only then do 4- and 8-byte accesses go through the memory's little-endian view (one
     * unaligned load or store once C2 has compiled them: matmul 1.5x faster; interpreted, the
     * view's calls cost 2.4-2.9x more than byte by byte through the array), a recursive function
     * get a twin ({@link #TWIN}) and a loop that calls end in a GOTO ({@link #conditionalBranch}):
     * shapes for C2's inlining and safepoints, which an interpreting JVM would only pay for.
     */
    private static final boolean COMPILING_JVM =
            !System.getProperty("java.vm.info", "").contains("interpreted mode");

    /**
     * Most argument slots of a direct call: more go through the interpreter, so that a body's
     * operand stack (16 words and a call's arguments) stays within JitCode.FRAME_BYTES.
     */
    private static final int MAX_DIRECT_ARGUMENT_SLOTS = 16;
    /**
     * At most this many functions in a call_indirect's switch (indirectSwitch, indirectDispatch);
     * more go through callIndirect.
     */
    private static final int MAX_INDIRECT_CANDIDATES = 64;

    /**
     * Most frame slots plus parameter slots of a compiled function that calls: each is two words
     * of JVM locals, so this bounds the Java stack one compiled wasm frame takes
     * ({@code JitCode.FRAME_BYTES}). Functions with more that call stay in the interpreter.
     */
    public static final int MAX_CALLING_SLOTS = 128;
    /**
     * Most frame plus parameter slots of a function whose call_indirect calls compiled callees
     * through a dispatch method (indirectDispatch): half of MAX_CALLING_SLOTS, so that its JVM
     * frame and the dispatch method's (at most 9 + 2 x 16 words of locals, 6 + 2 x 16 of operand
     * stack) together stay within JitCode.FRAME_BYTES, which bounds one frame of
     * MAX_CALLING_SLOTS. Larger functions call through callIndirect.
     */
    private static final int MAX_DISPATCHING_SLOTS = MAX_CALLING_SLOTS / 2;

    /** C2 inlines a hot callee of at most this many bytes of bytecode (FreqInlineSize's default). */
    private static final int INLINE_BYTES = 325;

    /** HotSpot compiles no method of more than 8000 bytes of bytecode (HugeMethodLimit). */
    private static final int MAX_METHOD_BYTES = 7900;

    /** Typical bytecode per instruction, for choosing functions (see {@link #chosen}). */
    private static final int TYPICAL_BYTES = 24;
    /** The same with over 100 slots, when locals past 255 take WIDE loads and stores. */
    private static final int TYPICAL_WIDE_BYTES = 32;

    private static final String SUPER = "dev/weir/core/JitCode";
    private static final String LOADER = "dev/weir/core/internal/jit/JitLoader";
    private static final String GLOBAL = "dev/weir/core/Global";
    private static final String STORE_TYPE = "Ldev/weir/core/Store;";
    private static final String INSTANCE_TYPE = "Ldev/weir/core/Instance;";
    /** run(), and body(), the same code as a static method that compiled callers call directly. */
    private static final String RUN_DESCRIPTOR =
            "([JI[BLjava/nio/ByteBuffer;J[Ldev/weir/core/Global;" + STORE_TYPE + INSTANCE_TYPE + "I)I";
    /**
     * A function that calls itself has a second copy of body() by this name, and each copy's
     * direct calls of the function go to the other. C2 inlines a method into itself only once
     * (MaxRecursiveInlineLevel) but two methods that call each other twice each, so a recursive
     * function gets four levels inlined instead of two (docs/RATIONALE.md).
     */
    private static final String TWIN = "twin";
    /** Where generated classes live: F + defined index for functions, L + region for loops. */
    public static final String PACKAGE = "dev/weir/core/internal/jit/generated/";
    private static final String BUFFER = "java/nio/ByteBuffer";
    private static final String MEMORY = "dev/weir/core/Memory";
    private static final String TRAP_DESCRIPTOR = "()Ldev/weir/core/module/TrapException;";
    private static final long MASK32 = 0xFFFFFFFFL;

    // JVM locals of the static body(): a function's parameters (two words each), fp, the
    // instance and the depth; what the code reads of the instance (value stack, memory, globals,
    // store), loaded once on entry; a scratch effective address; then the slots.
    private final int stackLocal;
    private final int fpLocal;
    private final int memLocal;
    private final int viewLocal;
    private final int memSizeLocal;
    private final int globalsLocal;
    private final int storeLocal;
    private final int instLocal;
    /** Frames in use, this function's included: its callees' frame records go at this index. */
    private final int depthLocal;
    /**
     * A parameter: a depth at or below which frames need no {@link #checkOnEntry} slow path
     * (JitCode.fastLimit: the store's fast depth, and the depth to which frames of at most
     * MAX_CALLING_SLOTS slots surely fit the value stack, as the caller knew them).
     */
    private final int limitLocal;
    private final int eaLocal;
    /** The effective address as an int, where {@link #eaInt} says the last access checked it so. */
    private final int eaIntLocal;
    /**
     * A loop's exit: the pc where the interpreter goes on. In a function, the call site: the pc
     * after the call in flight, for its frame record if a trap unwinds through it.
     */
    private final int exitPcLocal;
    /** What the handler caught. */
    private final int caughtLocal;
    private final int firstSlot;
    /** The fixup target that stands for a loop's exit block. */
    private static final int EXIT_BLOCK = Integer.MIN_VALUE;
    /** Fixup kind flag: the branch goes to the exit stub for its target pc. */
    private static final int TO_EXIT = 8;

    // JVM opcodes used here (JVM spec chapter 6).
    private static final int ICONST_0 = 0x03;
    private static final int LCONST_0 = 0x09;
    private static final int LCONST_1 = 0x0a;
    private static final int BIPUSH = 0x10;
    private static final int SIPUSH = 0x11;
    private static final int LDC_W = 0x13;
    private static final int LDC2_W = 0x14;
    private static final int ILOAD = 0x15;
    private static final int ISTORE = 0x36;
    private static final int LLOAD = 0x16;
    private static final int ALOAD = 0x19;
    private static final int LALOAD = 0x2f;
    private static final int AALOAD = 0x32;
    private static final int BALOAD = 0x33;
    private static final int LSTORE = 0x37;
    private static final int LASTORE = 0x50;
    private static final int BASTORE = 0x54;
    private static final int POP = 0x57;
    private static final int DUP = 0x59;
    private static final int IADD = 0x60;
    private static final int LADD = 0x61;
    private static final int FADD = 0x62;
    private static final int DADD = 0x63;
    private static final int ISUB = 0x64;
    private static final int LSUB = 0x65;
    private static final int FSUB = 0x66;
    private static final int DSUB = 0x67;
    private static final int IMUL = 0x68;
    private static final int LMUL = 0x69;
    private static final int FMUL = 0x6a;
    private static final int DMUL = 0x6b;
    private static final int FDIV = 0x6e;
    private static final int DDIV = 0x6f;
    private static final int ISHL = 0x78;
    private static final int LSHL = 0x79;
    private static final int ISHR = 0x7a;
    private static final int LSHR = 0x7b;
    private static final int IUSHR = 0x7c;
    private static final int LUSHR = 0x7d;
    private static final int IAND = 0x7e;
    private static final int LAND = 0x7f;
    private static final int IOR = 0x80;
    private static final int LOR = 0x81;
    private static final int IXOR = 0x82;
    private static final int LXOR = 0x83;
    private static final int I2L = 0x85;
    private static final int L2I = 0x88;
    private static final int I2B = 0x91;
    private static final int I2S = 0x93;
    private static final int LCMP = 0x94;
    private static final int FCMPL = 0x95;
    private static final int FCMPG = 0x96;
    private static final int DCMPL = 0x97;
    private static final int DCMPG = 0x98;
    private static final int IFEQ = 0x99;
    private static final int IFNE = 0x9a;
    private static final int IFLT = 0x9b;
    private static final int IFGE = 0x9c;
    private static final int IFGT = 0x9d;
    private static final int IFLE = 0x9e;
    private static final int IF_ICMPEQ = 0x9f;
    private static final int IF_ICMPNE = 0xa0;
    private static final int IF_ICMPLT = 0xa1;
    private static final int IF_ICMPGE = 0xa2;
    private static final int IF_ICMPGT = 0xa3;
    private static final int IF_ICMPLE = 0xa4;
    private static final int GOTO = 0xa7;
    private static final int TABLESWITCH = 0xaa;
    private static final int LOOKUPSWITCH = 0xab;
    private static final int IRETURN = 0xac;
    private static final int LRETURN = 0xad;
    private static final int RETURN = 0xb1;
    private static final int INVOKEVIRTUAL = 0xb6;
    private static final int INVOKESPECIAL = 0xb7;
    private static final int INVOKESTATIC = 0xb8;
    private static final int NEW = 0xbb;
    private static final int ATHROW = 0xbf;
    private static final int ARRAYLENGTH = 0xbe;
    private static final int ASTORE = 0x3a;
    private static final int POP2 = 0x58;
    private static final int WIDE = 0xc4;

    private final ClassFile classFile = new ClassFile();
    private final Bytes out = new Bytes(2048);
    /** A function's parameter slots, which body() takes as JVM arguments; 0 for a loop. */
    private final int paramSlots;
    /** A function's result slots: body() returns the first, and leaves any others on the value stack. */
    private int resultSlots;
    /** Most words a direct call's arguments take on the JVM operand stack. */
    private int maxArgumentWords;
    /** Bits by JVM local (from stackLocal) of the instance's parts the code reads: the first pass finds them. */
    private long contextRead;
    /** The module, for the types of callees; null for a loop, which calls nothing. */
    private final JitSource module;
    /** The header pc of the function the code belongs to: where a trap in it is located. */
    private final int entry;
    private final int[] code;
    private final int from;
    private final int to;
    /** Whether this is a loop (JIT_LOOP), else a whole function (JIT_ENTRY). */
    private final boolean loop;
    /** Bytecode position of each Op pc's instruction (index pc - from), -1 until emitted. */
    private final int[] position;
    /** Branches to patch: bytecode position of the offset, of its instruction, target Op pc, width. */
    private int[] fixups = new int[64];
    private int fixupCount;
    /** A loop's exits: each target pc outside the loop, and the position of its stub. */
    private int[] exits = new int[16];
    private int exitCount;
    /** A function's handler (see {@code JitCode.located}), -1 for a loop: what the JVM's handler table names. */
    private int handler = -1;
    /** Whether call_indirect may switch to direct calls (indirectCall); off if they make the method too large. */
    private boolean allowIndirectSwitches;
    /** Whether a call_indirect was compiled with a switch. */
    private boolean indirectSwitches;
    /**
     * Whether call_indirect calls a dispatch method (indirectDispatch) rather than switching
     * inline (indirectSwitch): tried first, and kept only if the body is then small enough for C2
     * to inline (functionClass).
     */
    private boolean dispatchIndirectCalls;
    /** Whether a call_indirect was compiled as a call of a dispatch method. */
    private boolean dispatched;
    /**
     * Where the constant-pool index of each direct call of the function itself sits in the code:
     * body() calls twin() there, and twin(), the same code, calls body() (see {@link #TWIN}).
     */
    private int[] selfCalls = new int[4];
    private int selfCallCount;
    /** The type and table of each dispatch method the class has, in pairs (dispatchMethod). */
    private int[] dispatchKeys = new int[8];
    private int dispatchCount;
    /** Where the handler's range starts: after the code that sets the call site's local. */
    private int handlerStart;
    /**
     * A function compiled under the {@code deopt} policy: its FUEL and host calls are safe points
     * (JitCode.chargeAt, callImportAt, callIndirectAt), its nested interpreter activations can
     * deoptimize (callDefinedAt), and its handler spills its slots when JitCode.DEOPT passes.
     */
    private final boolean deopt;
    /** Slots the body reads or writes, and writes: the first pass finds them for the second. */
    private final boolean[] used;
    private final boolean[] written;
    /**
     * Slots some write of which may be any long (an i64, a float, a v128 half, a call's or a
     * helper's result): the first pass marks them. The others get only i32 values, each the
     * sign extension of its low half, and a function keeps them in JVM int locals (intSlot).
     */
    private final boolean[] wide;
    /** COPY and SELECT: pairs (destination, source); a destination is wide if a source is. */
    private int[] copies = new int[32];
    private int copyCount;
    /**
     * Slots whose value at this point of the pass is an i32 result written since the last
     * label: a copy from one carries an i32 whatever else the slot holds elsewhere, so it makes
     * no pair (an operand-stack slot holds i32s in one place and v128 halves in another).
     */
    private boolean[] narrow;
    /** Op pcs (index pc - from) where control joins, every branch's target: lane state and narrow are forgotten there. */
    private boolean[] labels;
    /** Whether every source loadForCopy loaded since the last storeCopy was narrow. */
    private boolean copyNarrow = true;
    /**
     * The second pass of a function: the slots kept as JVM int locals (no wide write), null
     * for the first pass and for loops. Reading one as a long sign-extends it, which gives
     * back the very long the slot would hold: i32 results are stored sign-extended.
     */
    private boolean[] intSlot;

    private JitCompiler(JitSource module, int entry, int[] code, int from, int to, boolean loop, int slots,
            int paramSlots) {
        int p = 2 * paramSlots;
        this.paramSlots = paramSlots;
        this.fpLocal = p;
        this.instLocal = p + 1;
        this.depthLocal = p + 2;
        this.limitLocal = p + 3;
        // A loop's last parameter; a function loads it from the instance if it reads it.
        this.stackLocal = p + 4;
        this.memLocal = p + 5;
        this.viewLocal = p + 6;
        this.memSizeLocal = p + 7;
        this.globalsLocal = p + 9;
        this.storeLocal = p + 10;
        this.eaLocal = p + 11;
        this.exitPcLocal = p + 13;
        this.caughtLocal = p + 14;
        this.eaIntLocal = p + 15;
        this.firstSlot = p + 16;
        this.module = module;
        this.entry = entry;
        this.code = code;
        this.from = from;
        this.to = to;
        this.loop = loop;
        this.deopt = !loop && module != null && module.deoptimizable();
        this.position = new int[to - from + 1];
        java.util.Arrays.fill(position, -1);
        this.used = new boolean[slots];
        this.written = new boolean[slots];
        this.wide = new boolean[slots];
    }

    /**
     * What the compiler asks to decide which code runs as JVM bytecode under a policy: null
     * for {@link #OFF}, so that nothing is marked.
     */
    public static JitSelector selector(int policy) {
        return policy == OFF ? null : new Selector(policy);
    }

    private static final class Selector implements JitSelector {
        private final int policy;

        Selector(int policy) {
            this.policy = policy;
        }

        @Override
        public boolean function(int[] code, int from, int to, int frameSlots) {
            return chosen(policy, code, from, to, frameSlots);
        }

        @Override
        public boolean loop(int[] code, int from, int to) {
            return chosenLoop(policy, code, from, to);
        }
    }


    /**
     * Whether the policy compiles the function whose body is code[from, to): a function of
     * supported instructions whose bytecode, as estimated, fits HotSpot's compile limit, with
     * few enough slots if it calls, and, unless the policy is {@link #ALL}, that has a loop (a
     * branch backwards).
     *
     * <p>The estimate is typical, not an upper bound: wasm instructions compile to about 20-24
     * bytes of bytecode on average (measured on the Rust examples: 23 B unmetered, 20 B
     * metered; 34 B at most for a function of over 50 instructions), while the bound, 64 B per
     * instruction, turned away about a tenth of the functions that fit. A function the estimate
     * lets through but whose bytecode passes the limit is measured when generated and then runs
     * in the interpreter ({@link #functionClass}), its loops still compiled one by one.
     * Metered code keeps the bound (see below).
     */
    public static boolean chosen(int policy, int[] code, int from, int to, int frameSlots) {
        if (policy == OFF) {
            return false;
        }
        boolean calls = false;
        // Entry code loads or zeroes each slot. With many slots, locals past 255 take WIDE forms.
        int typical = frameSlots > 100 ? TYPICAL_WIDE_BYTES : TYPICAL_BYTES;
        long bytes = 16L + 6L * frameSlots;
        long bound = 16L + 16L * frameSlots;
        boolean metered = false;
        for (int pc = from; pc < to; pc += Op.length(code, pc)) {
            int op = code[pc];
            int size = maxBytes(op);
            if (size < 0) {
                return false;
            }
            boolean call = isCall(op);
            int table = op == Op.BR_TABLE ? 16 + 4 * (code[pc + 2] + 1) : -1;
            bytes += table >= 0 ? table : call ? size : Math.min(size, typical);
            bound += table >= 0 ? table : size;
            calls |= call;
            metered |= op == Op.FUEL;
        }
        if (metered) {
            // Metered code keeps the bound: under policies other than deopt compiled code has no
            // safe point for a checkpoint, so a function compiled whole would take away the
            // checkpoints its interpreted body and compiled loops allow (CheckpointTest).
            bytes = bound;
        }
        // A function that calls has its parameters twice among its JVM locals (as arguments and
        // as slots): both count against the bound of JitCode.FRAME_BYTES.
        int paramSlots = code[from - Op.JIT_SIZE - Op.HEADER_SIZE];
        return bytes <= MAX_METHOD_BYTES && (!calls || frameSlots + paramSlots <= MAX_CALLING_SLOTS);
    }

    /**
     * Whether the function whose body is code[from, to) has a loop (a branch backwards): such a
     * function runs long per call, so it is compiled on its first call, the others once hot.
     */
    public static boolean hasLoop(int[] code, int from, int to) {
        for (int pc = from; pc < to; pc += Op.length(code, pc)) {
            int target = branchTarget(code, pc);
            if (target >= 0 && target <= pc) {
                return true;
            }
            if (code[pc] == Op.BR_TABLE) {
                for (int i = 0; i <= code[pc + 2]; i++) {
                    if (code[pc + 3 + i] <= pc) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isCall(int op) {
        return op == Op.CALL || op == Op.CALL_ARGS || op == Op.CALL_IMPORT || op == Op.CALL_INDIRECT
                || op == Op.MEMORY_GROW;
    }

    /**
     * Whether a loop, code[from, to) from its label to its end, can run as JVM bytecode: it calls
     * nothing and has only supported instructions. {@link #loopClass} checks the size.
     */
    public static boolean chosenLoop(int policy, int[] code, int from, int to) {
        if (policy == OFF) {
            return false;
        }
        for (int pc = from; pc < to; pc += Op.length(code, pc)) {
            if (maxBytes(code[pc]) < 0 || isCall(code[pc])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The class file of the defined function definedIndex of module (one {@link #chosen}
     * accepted), named {@link #PACKAGE} F + definedIndex. If its bytecode would pass C2's limit,
     * the class only hands its frame to the interpreter, and tooLarge[definedIndex] is set.
     */
    static byte[] functionClass(JitSource module, int definedIndex, boolean[] tooLarge) {
        int[] code = module.codeUnsafe();
        int functionIndex = definedIndex + module.module().importedFunctionCount();
        int entry = module.entry(functionIndex);
        int to = module.end(functionIndex);
        int resultSlots = code[entry + Op.HEADER_SIZE + 2];
        // A body that can't return (it ends in unreachable) may have fewer slots than results.
        int slots = Math.max(code[entry + 2], resultSlots);
        int from = entry + Op.HEADER_SIZE + Op.JIT_SIZE;
        JitCompiler compiler = twoPasses(module, entry, code, from, to, false, slots, code[entry], resultSlots, true,
                true);
        if (compiler.dispatched && compiler.out.size() > INLINE_BYTES) {
            // Too large to be inlined anyway: the switches inline save the dispatch method's
            // frame and call (emu, an opcode table in its loop, went from 1.71x to 1.28x of
            // Chicory's compiler with dispatch methods everywhere).
            compiler = twoPasses(module, entry, code, from, to, false, slots, code[entry], resultSlots, true, false);
        }
        if (compiler.out.size() > MAX_METHOD_BYTES && compiler.indirectSwitches) {
            compiler = twoPasses(module, entry, code, from, to, false, slots, code[entry], resultSlots, false,
                    false);
        }
        if (compiler.out.size() > MAX_METHOD_BYTES) {
            tooLarge[definedIndex] = true;
            compiler = new JitCompiler(module, entry, code, from, from, false, 0, code[entry]);
            compiler.resultSlots = resultSlots;
            compiler.emitInterpreted();
        }
        return compiler.classBytes(PACKAGE + "F" + definedIndex, definedIndex);
    }

    /**
     * Generates the class for the loop whose {@link Op#JIT_LOOP} is at loopPc, in the function
     * whose header is at entry, and loads it. A loop whose bytecode would be too large for C2
     * gets code that only tells the interpreter to run the loop itself.
     */
    static byte[] loopClass(int[] code, int entry, int loopPc, int region) {
        JitCompiler compiler = twoPasses(null, entry, code, loopPc + Op.JIT_SIZE, code[loopPc + 1], true,
                code[entry + 2], 0, 0, false, false);
        if (compiler.out.size() > MAX_METHOD_BYTES) {
            compiler = new JitCompiler(null, entry, code, loopPc + Op.JIT_SIZE, loopPc + Op.JIT_SIZE, true, 0, 0);
            compiler.emitMethod(0, 0);
        }
        return compiler.classBytes(PACKAGE + "L" + region, ~region);
    }

    /** Translates code[from, to) twice: the first pass finds the slots used, the second emits. */
    private static JitCompiler twoPasses(JitSource module, int entry, int[] code, int from, int to, boolean loop,
            int slots, int paramSlots, int resultSlots, boolean indirectSwitches, boolean dispatch) {
        JitCompiler scout = new JitCompiler(module, entry, code, from, to, loop, slots, paramSlots);
        scout.allowIndirectSwitches = indirectSwitches;
        scout.dispatchIndirectCalls = dispatch;
        scout.emitMethod(paramSlots, resultSlots);
        JitCompiler compiler = new JitCompiler(module, entry, code, from, to, loop, slots, paramSlots);
        compiler.allowIndirectSwitches = indirectSwitches;
        compiler.dispatchIndirectCalls = dispatch;
        System.arraycopy(scout.used, 0, compiler.used, 0, slots);
        System.arraycopy(scout.written, 0, compiler.written, 0, slots);
        // Parts the prologue loads read nothing themselves, so the first pass's reads are all.
        compiler.contextRead = scout.contextRead;
        if (!loop) {
            compiler.intSlot = scout.intSlots(module, entry);
        }
        compiler.emitMethod(paramSlots, resultSlots);
        return compiler;
    }

    /**
     * After the first pass of a function: the slots that can be JVM int locals. A parameter
     * slot qualifies if its parameter is an i32; a copy's destination does not if a source does
     * not (repeated until nothing changes).
     */
    private boolean[] intSlots(JitSource module, int entry) {
        dev.weir.core.module.FuncType type = module.module().functionType(module.functionAt(entry));
        int slot = 0;
        for (byte param : type.params()) {
            int size = param == dev.weir.core.module.ValType.V128 ? 2 : 1;
            if (param != dev.weir.core.module.ValType.I32) {
                for (int k = 0; k < size && slot + k < wide.length; k++) {
                    wide[slot + k] = true;
                }
            }
            slot += size;
        }
        for (boolean changed = true; changed;) {
            changed = false;
            for (int i = 0; i < copyCount; i += 2) {
                if (wide[copies[i + 1]] && !wide[copies[i]]) {
                    wide[copies[i]] = true;
                    changed = true;
                }
            }
        }
        boolean[] ints = new boolean[wide.length];
        for (int s = 0; s < ints.length; s++) {
            ints[s] = used[s] && !wide[s];
        }
        return ints;
    }

    private byte[] classBytes(String internalName, int key) {
        emitClass(internalName, key);
        return classFile.toBytes(0x0031, internalName, SUPER);
    }

    /** The target of a branch other than BR_TABLE, or -1. */
    private static int branchTarget(int[] code, int pc) {
        switch (code[pc]) {
            case Op.BR:
                return code[pc + 1];
            case Op.BR_IF:
            case Op.BR_IF_EQZ:
                return code[pc + 2];
            case Op.BR_IF_I32_EQ:
            case Op.BR_IF_I32_NE:
            case Op.BR_IF_I32_LT_S:
            case Op.BR_IF_I32_LT_U:
            case Op.BR_IF_I32_LE_S:
            case Op.BR_IF_I32_LE_U:
            case Op.BR_IF_I32_EQ_I:
            case Op.BR_IF_I32_NE_I:
            case Op.BR_IF_I32_LT_S_I:
            case Op.BR_IF_I32_LT_U_I:
            case Op.BR_IF_I32_GT_S_I:
            case Op.BR_IF_I32_GT_U_I:
                return code[pc + 3];
            default:
                return -1;
        }
    }

    /** An upper bound of the bytecode an op compiles to, or -1 if it can't be compiled. */
    private static int maxBytes(int op) {
        switch (op) {
            case Op.CALL:
            case Op.CALL_ARGS:
            case Op.CALL_IMPORT:
            case Op.CALL_INDIRECT:
                // An estimate (arguments and results are not known here): see chosen.
                return 160;
            case Op.MEMORY_INIT:
            case Op.DATA_DROP:
            case Op.TABLE_GET:
            case Op.TABLE_SET:
            case Op.TABLE_SIZE:
            case Op.TABLE_GROW:
            case Op.TABLE_FILL:
            case Op.TABLE_COPY:
            case Op.TABLE_INIT:
            case Op.ELEM_DROP:
            case Op.REF_FUNC:
            case Op.JIT_ENTRY:
                return -1;
            case Op.JIT_LOOP:
                return 0;
            default:
                return isVector(op) ? maxVectorBytes(op) : 64;
        }
    }

    private void emitClass(String name, int key) {
        Bytes init = new Bytes(8);
        init.u1(ALOAD);
        init.u1(0);
        init.u1(INVOKESPECIAL);
        init.u2(classFile.methodRef(SUPER, "<init>", "()V"));
        init.u1(RETURN);
        classFile.method(0x0001, "<init>", "()V", 1, 1, init);

        Bytes clinit = new Bytes(16);
        clinit.u1(NEW);
        clinit.u2(classFile.classRef(name));
        clinit.u1(DUP);
        clinit.u1(INVOKESPECIAL);
        clinit.u2(classFile.methodRef(name, "<init>", "()V"));
        pushInt(clinit, key);
        clinit.u1(INVOKESTATIC);
        clinit.u2(classFile.methodRef(LOADER, "register", "(Ljava/lang/Object;I)V"));
        clinit.u1(RETURN);
        classFile.method(0x0008, "<clinit>", "()V", 3, 0, clinit);

        // run() passes its arguments on to body(), which compiled callers call directly: a
        // function's parameters from the value stack, its first result back to it.
        Bytes run = new Bytes(64);
        boolean storesResult = !loop && resultSlots > 0;
        if (storesResult) {
            run.u1(ALOAD);
            run.u1(1);
            run.u1(ILOAD);
            run.u1(2);
        }
        for (int k = 0; k < paramSlots; k++) {
            run.u1(ALOAD);
            run.u1(1);
            run.u1(ILOAD);
            run.u1(2);
            pushInt(run, k);
            run.u1(IADD);
            run.u1(LALOAD);
        }
        // fp, the instance, the depth, then the limit (and a loop's value stack).
        int[] parameters = {ILOAD, 2, ALOAD, 9, ILOAD, 10, ALOAD, 8, ILOAD, 10, ILOAD, 2};
        for (int b : parameters) {
            run.u1(b);
        }
        run.u1(INVOKESTATIC);
        run.u2(classFile.methodRef(SUPER, "fastLimit", "(" + STORE_TYPE + "II)I"));
        if (loop) {
            run.u1(ALOAD);
            run.u1(1);
        }
        run.u1(INVOKESTATIC);
        run.u2(classFile.methodRef(name, "body", bodyDescriptor(paramSlots, loop)));
        if (!loop) {
            run.u1(storesResult ? LASTORE : POP2);
            pushInt(run, -1);
        }
        run.u1(IRETURN);
        classFile.method(0x0001, "run", RUN_DESCRIPTOR, 2 * paramSlots + 16, 11, run);

        classFile.method(0x0009, "body", bodyDescriptor(paramSlots, loop), 16 + maxArgumentWords,
                firstSlot + 2 * used.length + laneLocalCount, out, handlerStart, handler);
        if (selfCallCount > 0) {
            Bytes twin = new Bytes(out.size());
            twin.append(out);
            int body = classFile.methodRef(name, "body", bodyDescriptor(paramSlots, loop));
            for (int i = 0; i < selfCallCount; i++) {
                twin.patch2(selfCalls[i], body);
            }
            classFile.method(0x0009, TWIN, bodyDescriptor(paramSlots, loop), 16 + maxArgumentWords,
                    firstSlot + 2 * used.length + laneLocalCount, twin, handlerStart, handler);
        }
    }

    /**
     * body()'s descriptor: a function's parameter slots as longs, then fp, the instance, the
     * depth and the fast depth limit (limitLocal), and for a loop the value stack; a function
     * returns its first result slot (0 if it has none), a loop the pc to go on at.
     */
    private static String bodyDescriptor(int paramSlots, boolean loop) {
        StringBuilder descriptor = new StringBuilder("(");
        for (int k = 0; k < paramSlots; k++) {
            descriptor.append('J');
        }
        descriptor.append("I" + INSTANCE_TYPE + "II" + (loop ? "[J)" : ")"));
        return descriptor.append(loop ? 'I' : 'J').toString();
    }

    private void pushInt(Bytes to, int value) {
        if (value >= -1 && value <= 5) {
            to.u1(ICONST_0 + value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            to.u1(SIPUSH);
            to.u2(value);
        } else {
            to.u1(LDC_W);
            to.u2(classFile.intConstant(value));
        }
    }

    /**
     * The body of a function too large for C2: it runs the function in the interpreter on the
     * frame its caller set up (arguments at fp, its frame record written).
     */
    private void emitInterpreted() {
        for (int k = 0; k < paramSlots; k++) {
            stackFromInstance(k);
            lload(2 * k);
            out.u1(LASTORE);
        }
        storeFromInstance();
        aload(instLocal);
        pushInt(entry);
        local(ILOAD, fpLocal);
        local(ILOAD, depthLocal);
        pushInt(1);
        out.u1(ISUB);
        invokeStatic(SUPER, deopt ? "callDefinedAt" : "callDefined", "(" + STORE_TYPE + INSTANCE_TYPE + "III)J");
        out.u1(POP2);
        if (resultSlots > 0) {
            stackFromInstance(0);
            out.u1(LALOAD);
        } else {
            out.u1(LCONST_0);
        }
        out.u1(LRETURN);
    }

    /**
     * Pushes the value stack, loaded from the instance, and fp + slot: for the slow paths, so
     * that a function reads the value stack on entry only if its own code uses it.
     */
    private void stackFromInstance(int slot) {
        aload(instLocal);
        invokeStatic(SUPER, "stack", "(" + INSTANCE_TYPE + ")[J");
        absolute(slot);
    }

    /**
     * The run method's code. A function loads its parameters and zeroes the other slots it uses
     * (declared locals must start at zero, and the JVM verifier wants each local set before any
     * read); a loop loads every slot it uses, and stores back the ones it writes when it exits.
     */
    private void emitMethod(int paramSlots, int resultSlots) {
        this.resultSlots = resultSlots;
        if (!loop) {
            // The handler reads the call site: set before the range the handler covers.
            out.u1(ICONST_0);
            local(ISTORE, exitPcLocal);
        }
        // What the code reads of the instance, from it: C2 keeps these in registers, and a
        // caller inlined with its callee loads them once.
        if (!loop) {
            context(stackLocal, "stack", "[J");
        }
        context(storeLocal, "store", STORE_TYPE);
        context(memLocal, "memoryArray", "[B");
        context(viewLocal, "memoryView", "L" + BUFFER + ";");
        context(globalsLocal, "globals", "[L" + GLOBAL + ";");
        if (reads(memSizeLocal)) {
            aload(instLocal);
            invokeStatic(SUPER, "memorySize", "(" + INSTANCE_TYPE + ")J");
            lstore(memSizeLocal);
        }
        if (!loop) {
            checkOnEntry();
        }
        for (int s = 0; s < used.length; s++) {
            if (!used[s]) {
                continue;
            }
            if (isInt(s)) {
                if (s < paramSlots) {
                    lload(2 * s);
                    out.u1(L2I);
                } else {
                    out.u1(ICONST_0);
                }
                local(ISTORE, firstSlot + 2 * s);
                continue;
            }
            if (loop) {
                stackAddress(s);
                out.u1(LALOAD);
            } else if (s < paramSlots) {
                lload(2 * s);
            } else {
                out.u1(LCONST_0);
            }
            lstore(firstSlot + 2 * s);
        }
        if (deopt) {
            // The handler spills the slots: every one it reads is set before the range it covers.
            handlerStart = out.size();
        }
        findLabels();
        initLanes();
        fallsIn = true;
        for (int pc = from; pc < to; pc += Op.length(code, pc)) {
            if (labels[pc - from]) {
                java.util.Arrays.fill(narrow, false);
            }
            lanesBefore(pc);
            position[pc - from] = out.size();
            instruction(pc, resultSlots);
            int op = code[pc];
            fallsIn = op != Op.BR && op != Op.BR_TABLE && op != Op.RETURN && op != Op.RETURN_VALUE
                    && op != Op.UNREACHABLE;
        }
        packAllLanes();
        laneState = null;
        position[to - from] = out.size();
        if (loop) {
            // Falling off the loop's end, then each exit's stub, then the exit block.
            exit(to);
            for (int i = 0; i < exitCount; i += 2) {
                exits[i + 1] = out.size();
                pushInt(exits[i]);
                local(ISTORE, exitPcLocal);
                branch(GOTO, EXIT_BLOCK, 0);
            }
            int exitBlock = out.size();
            for (int s = 0; s < written.length; s++) {
                if (written[s]) {
                    stackAddress(s);
                    load(s);
                    out.u1(LASTORE);
                }
            }
            local(ILOAD, exitPcLocal);
            out.u1(IRETURN);
            resolveFixups(exitBlock);
        } else {
            resolveFixups(-1);
            // A trap anywhere in the body, its callees' included, is located here if no frame
            // further in did: this function at this depth (JitCode.located).
            handler = out.size();
            local(ASTORE, caughtLocal);
            if (deopt) {
                deoptHandler();
            }
            // The store from the instance: the handler covers code before storeLocal is set.
            aload(instLocal);
            invokeStatic(SUPER, "store", "(" + INSTANCE_TYPE + ")" + STORE_TYPE);
            aload(caughtLocal);
            pushInt(entry);
            local(ILOAD, depthLocal);
            local(ILOAD, exitPcLocal);
            invokeStatic(SUPER, "located", "(" + STORE_TYPE + "Ljava/lang/Throwable;III)Ljava/lang/Throwable;");
            out.u1(ATHROW);
        }
    }

    /**
     * The handler's path for JitCode.DEOPT: the frame's slots go to the value stack, where the
     * interpreter finds them, the record of the call in flight is written (JitCode.deoptFrame),
     * and the frame is gone. Traps and other exceptions go on to the code after it.
     */
    private void deoptHandler() {
        aload(caughtLocal);
        invokeStatic(SUPER, "isDeopt", "(Ljava/lang/Throwable;)Z");
        int other = jumpForward(IFEQ);
        storeFromInstance();
        aload(instLocal);
        local(ILOAD, depthLocal);
        local(ILOAD, exitPcLocal);
        invokeStatic(SUPER, "deoptFrame", "(" + STORE_TYPE + INSTANCE_TYPE + "II)I");
        // The slots below that bound: from the call in flight's base on, they are its callee's,
        // which spilled them already.
        local(ISTORE, exitPcLocal);
        for (int s = 0; s < used.length; s++) {
            if (used[s]) {
                local(ILOAD, exitPcLocal);
                pushInt(s);
                int calleeSlot = jumpForward(IF_ICMPLE);
                stackAddress(s);
                if (isInt(s)) {
                    // An int local holds an i32 result: on the value stack it is sign-extended, as load() widens it.
                    local(ILOAD, firstSlot + 2 * s);
                    out.u1(I2L);
                } else {
                    lload(firstSlot + 2 * s);
                }
                out.u1(LASTORE);
                bindHere(calleeSlot);
            }
        }
        aload(caughtLocal);
        out.u1(ATHROW);
        bindHere(other);
    }

    /**
     * A function's entry: below the depths recorded (one compare) and with its frame within the
     * value stack, the body runs; else JitCode.enterCallee decides, which records the new depth,
     * and past the Java stack's share, or with the value stack full, the interpreter runs the
     * function (and traps if the frame does not fit). The check is here, not at each call: the
     * caller keeps nothing alive across the call for it. This code is outside the handler's
     * range, so an exhaustion trap is the caller's, as in the interpreter.
     */
    private void checkOnEntry() {
        int frameSlots = code[entry + 2];
        local(ILOAD, depthLocal);
        local(ILOAD, limitLocal);
        int fits;
        if (frameSlots <= MAX_CALLING_SLOTS) {
            // The limit says the frame fits the value stack (JitCode.fastLimit).
            fits = jumpForward(IF_ICMPLE);
        } else {
            // A leaf with a larger frame checks it.
            int deep = jumpForward(IF_ICMPGT);
            absolute(frameSlots);
            aload(instLocal);
            invokeStatic(SUPER, "stack", "(" + INSTANCE_TYPE + ")[J");
            out.u1(ARRAYLENGTH);
            fits = jumpForward(IF_ICMPLE);
            bindHere(deep);
        }
        storeFromInstance();
        local(ILOAD, depthLocal);
        local(ILOAD, fpLocal);
        pushInt(code[entry + 2]);
        pushInt(entry);
        invokeStatic(SUPER, "enterCallee", "(" + STORE_TYPE + "IIII)Z");
        int entered = jumpForward(IFNE);
        emitInterpreted();
        bindHere(entered);
        // Entered: the store's fast depth is now at least this depth; callees get the new limit.
        storeFromInstance();
        local(ILOAD, depthLocal);
        local(ILOAD, fpLocal);
        invokeStatic(SUPER, "fastLimit", "(" + STORE_TYPE + "II)I");
        local(ISTORE, limitLocal);
        bindHere(fits);
        handlerStart = out.size();
    }

    /** Pushes the store, loaded from the instance (not storeLocal, which the prologue may not set). */
    private void storeFromInstance() {
        aload(instLocal);
        invokeStatic(SUPER, "store", "(" + INSTANCE_TYPE + ")" + STORE_TYPE);
    }

    private void context(int local, String part, String type) {
        if (reads(local)) {
            aload(instLocal);
            invokeStatic(SUPER, part, "(" + INSTANCE_TYPE + ")" + type);
            local(ASTORE, local);
        }
    }

    private boolean reads(int local) {
        return (contextRead & 1L << (local - stackLocal)) != 0;
    }

    /**
     * After a call or memory.grow: the memory may have grown, which replaces its array (memories
     * grow on demand) and changes its size. Reloads what the code reads of them.
     */
    private void reloadMemorySize() {
        context(memLocal, "memoryArray", "[B");
        context(viewLocal, "memoryView", "L" + BUFFER + ";");
        if (reads(memSizeLocal)) {
            aload(instLocal);
            invokeStatic(SUPER, "memorySize", "(" + INSTANCE_TYPE + ")J");
            lstore(memSizeLocal);
        }
    }

    /**
     * A helper's returned memory size (a long on the stack): kept if the code reads the size; the
     * array and view, which a grown memory replaces, are taken again.
     */
    private void keepMemorySize() {
        if (reads(memSizeLocal)) {
            lstore(memSizeLocal);
        } else {
            out.u1(POP2);
        }
        context(memLocal, "memoryArray", "[B");
        context(viewLocal, "memoryView", "L" + BUFFER + ";");
    }

    private void resolveFixups(int exitBlock) {
        for (int i = 0; i < fixupCount; i += 4) {
            int target = fixups[i + 2];
            int offset = ((fixups[i + 3] & TO_EXIT) != 0 ? exitStub(target) : bytecodePosition(target, exitBlock))
                    - fixups[i + 1];
            if ((fixups[i + 3] & 4) == 0) {
                out.patch2(fixups[i], offset);
            } else {
                out.patch4(fixups[i], offset);
            }
        }
    }

    private int bytecodePosition(int target, int exitBlock) {
        if (target == EXIT_BLOCK) {
            return exitBlock;
        }
        return position[target - from];
    }

    private int exitStub(int target) {
        for (int i = 0; i < exitCount; i += 2) {
            if (exits[i] == target) {
                return exits[i + 1];
            }
        }
        throw new IllegalStateException("no exit stub for pc " + target);
    }

    /** A loop's exit to the interpreter at pc: a jump to the stub for pc, made once per pc. */
    private void exit(int pc) {
        noteExit(pc);
        int start = out.size();
        out.u1(GOTO);
        addFixup(out.size(), start, pc, 2 | TO_EXIT);
        out.u2(0);
    }

    private void instruction(int pc, int resultSlots) {
        int op = code[pc];
        int a = pc + 1 < code.length ? code[pc + 1] : 0;
        switch (op) {
            case Op.UNREACHABLE:
                trap("unreachable");
                return;
            case Op.BR:
                branch(GOTO, code[pc + 1], pc);
                return;
            case Op.BR_IF:
                loadInt(code[pc + 1]);
                conditionalBranch(IFNE, IFEQ, code[pc + 2], pc);
                return;
            case Op.BR_IF_EQZ:
                loadInt(code[pc + 1]);
                conditionalBranch(IFEQ, IFNE, code[pc + 2], pc);
                return;
            case Op.BR_TABLE:
                brTable(pc);
                return;
            case Op.RETURN:
            case Op.RETURN_VALUE:
                if (loop) {
                    // The interpreter returns, with the frame stored back.
                    exit(pc);
                    return;
                }
                if (op == Op.RETURN_VALUE) {
                    load(code[pc + 1]);
                } else {
                    // Results after the first go to the value stack; the first is returned.
                    for (int s = 1; s < resultSlots; s++) {
                        stackAddress(s);
                        load(s);
                        out.u1(LASTORE);
                    }
                    if (resultSlots > 0) {
                        load(0);
                    } else {
                        out.u1(LCONST_0);
                    }
                }
                out.u1(LRETURN);
                return;
            case Op.JIT_LOOP:
                // A loop inside compiled code: its label follows.
                return;
            case Op.CALL:
                call(pc, code[pc + 1], code[pc + 2], -1);
                return;
            case Op.CALL_ARGS:
                call(pc, code[pc + 1], code[pc + 3 + code[pc + 2]], pc + 3);
                return;
            case Op.CALL_IMPORT: {
                int base = code[pc + 2];
                dev.weir.core.module.FuncType type = module.module().functionType(code[pc + 1]);
                storeArguments(base, type.paramSlots(), -1);
                callSite(pc);
                aload(storeLocal);
                aload(instLocal);
                pushInt(code[pc + 1]);
                absolute(base);
                local(ILOAD, depthLocal);
                pushInt(pc + Op.length(code, pc));
                if (deopt) {
                    pushInt(pc);
                    local(ILOAD, fpLocal);
                    invokeStatic(SUPER, "callImportAt", "(" + STORE_TYPE + INSTANCE_TYPE + "IIIIII)J");
                } else {
                    invokeStatic(SUPER, "callImport", "(" + STORE_TYPE + INSTANCE_TYPE + "IIII)J");
                }
                keepMemorySize();
                loadResults(base, 0, type.resultSlots());
                return;
            }
            case Op.CALL_INDIRECT: {
                int base = code[pc + 4];
                dev.weir.core.module.FuncType type = module.module().type(code[pc + 1]);
                if (dispatchIndirectCalls && indirectDispatch(pc, type, base)) {
                    return;
                }
                int done = indirectSwitch(pc, type, base);
                storeArguments(base, type.paramSlots(), -1);
                callSite(pc);
                aload(storeLocal);
                aload(instLocal);
                pushInt(code[pc + 1]);
                pushInt(code[pc + 2]);
                load(code[pc + 3]);
                absolute(base);
                local(ILOAD, depthLocal);
                pushInt(pc + Op.length(code, pc));
                if (deopt) {
                    pushInt(pc);
                    local(ILOAD, fpLocal);
                    invokeStatic(SUPER, "callIndirectAt", "(" + STORE_TYPE + INSTANCE_TYPE + "IIJIIIII)J");
                } else {
                    invokeStatic(SUPER, "callIndirect", "(" + STORE_TYPE + INSTANCE_TYPE + "IIJIII)J");
                }
                keepMemorySize();
                loadResults(base, 0, type.resultSlots());
                if (done >= 0) {
                    bindHere(done);
                }
                return;
            }
            case Op.MEMORY_GROW:
                aload(instLocal);
                load(code[pc + 2]);
                invokeStatic(SUPER, "memoryGrow", "(" + INSTANCE_TYPE + "J)J");
                store(a);
                reloadMemorySize();
                return;
            case Op.COPY:
                if (copyLanes(pc)) {
                    return;
                }
                loadForCopy(code[pc + 2], a);
                storeCopy(a);
                return;
            case Op.FUEL:
                aload(storeLocal);
                pushInt(code[pc + 1]);
                if (deopt) {
                    // A safe point: pc, the frame and its depth say where the interpreter goes on.
                    aload(instLocal);
                    pushInt(pc);
                    local(ILOAD, fpLocal);
                    local(ILOAD, depthLocal);
                    invokeStatic(SUPER, "chargeAt", "(" + STORE_TYPE + "I" + INSTANCE_TYPE + "III)V");
                } else {
                    invokeStatic(SUPER, "charge", "(Ldev/weir/core/Store;I)V");
                }
                return;
            case Op.SELECT: {
                loadInt(code[pc + 4]);
                int otherwise = jumpForward(IFEQ);
                loadForCopy(code[pc + 2], a);
                int end = jumpForward(GOTO);
                bindHere(otherwise);
                loadForCopy(code[pc + 3], a);
                bindHere(end);
                storeCopy(a);
                return;
            }
            case Op.GLOBAL_GET:
                aload(globalsLocal);
                pushInt(code[pc + 2]);
                out.u1(AALOAD);
                out.u1(INVOKEVIRTUAL);
                out.u2(classFile.methodRef(GLOBAL, "get", "()J"));
                store(a);
                return;
            case Op.GLOBAL_SET:
                aload(globalsLocal);
                pushInt(code[pc + 1]);
                out.u1(AALOAD);
                load(code[pc + 2]);
                out.u1(INVOKEVIRTUAL);
                out.u2(classFile.methodRef(GLOBAL, "set", "(J)V"));
                return;
            case Op.I32_LOAD:
                if (splatLoad(pc)) {
                    return;
                }
                // fall through
            case Op.I64_LOAD:
            case Op.I32_LOAD8_S:
            case Op.I32_LOAD8_U:
            case Op.I32_LOAD16_S:
            case Op.I32_LOAD16_U:
            case Op.I64_LOAD8_S:
            case Op.I64_LOAD8_U:
            case Op.I64_LOAD16_S:
            case Op.I64_LOAD16_U:
            case Op.I64_LOAD32_S:
            case Op.I64_LOAD32_U:
                address(pc, code[pc + 2], 0, code[pc + 3], width(op));
                memoryAt(0, width(op));
                memoryLoad(op);
                if (op == Op.I32_LOAD || op == Op.I32_LOAD8_S || op == Op.I32_LOAD8_U || op == Op.I32_LOAD16_S
                        || op == Op.I32_LOAD16_U) {
                    storeI32(a);
                } else {
                    store(a);
                }
                return;
            case Op.I32_LOAD_ADD:
            case Op.I64_LOAD_ADD:
            case Op.I32_LOAD8_U_ADD:
                if (op == Op.I32_LOAD_ADD && splatLoad(pc)) {
                    return;
                }
                address(pc, code[pc + 2], code[pc + 3], code[pc + 4], width(op));
                memoryAt(0, width(op));
                memoryLoad(op == Op.I32_LOAD_ADD ? Op.I32_LOAD : op == Op.I64_LOAD_ADD ? Op.I64_LOAD : Op.I32_LOAD8_U);
                if (op == Op.I64_LOAD_ADD) {
                    store(a);
                } else {
                    storeI32(a);
                }
                return;
            case Op.I32_STORE:
            case Op.I64_STORE:
            case Op.I32_STORE8:
            case Op.I32_STORE16:
                address(pc, code[pc + 1], 0, code[pc + 3], width(op));
                memoryAt(0, width(op));
                memoryStore(op, code[pc + 2]);
                return;
            case Op.MEMORY_SIZE:
                lload(memSizeLocal);
                pushInt(16);
                out.u1(LUSHR);
                store(a);
                return;
            case Op.MEMORY_FILL:
            case Op.MEMORY_COPY:
                aload(memLocal);
                lload(memSizeLocal);
                load(code[pc + 1]);
                load(code[pc + 2]);
                load(code[pc + 3]);
                invokeStatic(SUPER, op == Op.MEMORY_FILL ? "memoryFill" : "memoryCopy", "([BJJJJ)V");
                return;
            case Op.I32_CONST:
                pushInt(code[pc + 2]);
                storeInt(a);
                return;
            case Op.I64_CONST:
                pushLong((code[pc + 2] & MASK32) | (long) code[pc + 3] << 32);
                store(a);
                return;
            case Op.I32_EQZ:
                loadInt(code[pc + 2]);
                condition(IFEQ, a);
                return;
            case Op.I64_EQZ:
                load(code[pc + 2]);
                out.u1(LCONST_0);
                out.u1(LCMP);
                condition(IFEQ, a);
                return;
            case Op.I64_EXTEND_I32_S:
                loadInt(code[pc + 2]);
                out.u1(I2L);
                store(a);
                return;
            case Op.I64_EXTEND_I32_U:
                load(code[pc + 2]);
                pushLong(MASK32);
                out.u1(LAND);
                store(a);
                return;
            default:
                if (isVector(op)) {
                    vector(op, pc);
                } else if (!compare(op, pc) && !fusedBranch(op, pc) && !arithmetic(op, pc)) {
                    numeric(op, pc);
                }
        }
    }

    /**
     * CALL or CALL_ARGS of the function whose header is at callee, its frame at slot base: the
     * arguments go to the value stack, where the callee's frame starts. A compiled callee is
     * called directly, a JVM call of its body() (its frame record is written only if a trap
     * unwinds through it, JitCode.located), unless the Java stack's share is used up; then, and for a callee that is not compiled, the
     * interpreter runs it (JitCode.callDefined). The results come back from the value stack, and
     * the memory's array and size are read again if the callee may have grown the memory
     * (JitSource.mayGrowMemory).
     */
    private void call(int pc, int callee, int base, int sources) {
        int paramSlots = code[callee];
        // Few arguments, so that the JVM operand stack stays within JitCode.FRAME_BYTES too.
        boolean compiled = code[callee + Op.HEADER_SIZE] == Op.JIT_ENTRY && paramSlots <= MAX_DIRECT_ARGUMENT_SLOTS;
        dev.weir.core.module.FuncType type = module.module().functionType(module.functionAt(callee));
        int resultSlots = type.resultSlots();
        if (compiled) {
            callSite(pc);
            // The arguments as JVM arguments, then run()'s.
            for (int k = 0; k < paramSlots; k++) {
                load(sources < 0 ? base + k : code[sources + k]);
            }
            maxArgumentWords = Math.max(maxArgumentWords, 2 * paramSlots);
            absolute(base);
            aload(instLocal);
            local(ILOAD, depthLocal);
            pushInt(1);
            out.u1(IADD);
            local(ILOAD, limitLocal);
            String calleeClass = PACKAGE + "F" + (module.functionAt(callee) - module.module().importedFunctionCount());
            boolean self = callee == entry && COMPILING_JVM;
            if (self) {
                // The twin; emitClass points the twin's copy of this call back at body().
                if (selfCallCount == selfCalls.length) {
                    selfCalls = java.util.Arrays.copyOf(selfCalls, 2 * selfCallCount);
                }
                selfCalls[selfCallCount++] = out.size() + 1;
            }
            invokeStatic(calleeClass, self ? TWIN : "body", bodyDescriptor(paramSlots, false));
            storeFirstResult(type, base);
            if (module.mayGrowMemory(module.functionAt(callee))) {
                reloadMemorySize();
            }
            loadResults(base, 1, resultSlots);
            return;
        }
        storeArguments(base, paramSlots, sources);
        if (deopt) {
            // A deoptimization from the nested interpreter writes this call's record from it.
            callSite(pc);
        }
        aload(storeLocal);
        aload(instLocal);
        pushInt(callee);
        absolute(base);
        local(ILOAD, depthLocal);
        invokeStatic(SUPER, deopt ? "callDefinedAt" : "callDefined", "(" + STORE_TYPE + INSTANCE_TYPE + "III)J");
        keepMemorySize();
        loadResults(base, 0, resultSlots);
    }

    /**
     * The fast path of the CALL_INDIRECT at pc: JitCode.indirectTarget checks the element as
     * callIndirect does and names the compiled function of this instance it refers to, and a
     * switch over the module's compiled functions of the call's type calls it directly, as
     * call() does (no value stack, no virtual run()). Other callees (host functions, other
     * instances, functions that are not compiled) take the default: the code after this, which
     * calls callIndirect. Returns the jump to the end of the call to bind, or -1 if there is no
     * fast path (too many argument slots, no candidate, or too large a method).
     */
    private int indirectSwitch(int pc, dev.weir.core.module.FuncType type, int base) {
        int paramSlots = type.paramSlots();
        if (!allowIndirectSwitches || paramSlots > MAX_DIRECT_ARGUMENT_SLOTS) {
            return -1;
        }
        int[] candidates = indirectCandidates(type);
        if (candidates == null) {
            return -1;
        }
        int count = candidates.length;
        indirectSwitches = true;
        int resultSlots = type.resultSlots();
        callSite(pc);
        aload(storeLocal);
        aload(instLocal);
        pushInt(code[pc + 1]);
        pushInt(code[pc + 2]);
        load(code[pc + 3]);
        invokeStatic(SUPER, "indirectTarget", "(" + STORE_TYPE + INSTANCE_TYPE + "IIJ)I");
        int start = out.size();
        int defaultOffset = lookupSwitch(out, candidates);
        int pairs = defaultOffset + 8;
        int[] joins = new int[count];
        for (int i = 0; i < count; i++) {
            out.patch4(pairs + 8 * i + 4, out.size() - start);
            for (int k = 0; k < paramSlots; k++) {
                load(base + k);
            }
            maxArgumentWords = Math.max(maxArgumentWords, 2 * paramSlots);
            absolute(base);
            aload(instLocal);
            local(ILOAD, depthLocal);
            pushInt(1);
            out.u1(IADD);
            local(ILOAD, limitLocal);
            invokeStatic(PACKAGE + "F" + candidates[i], "body", bodyDescriptor(paramSlots, false));
            storeFirstResult(type, base);
            joins[i] = jumpForward(GOTO);
        }
        for (int join : joins) {
            bindHere(join);
        }
        // call_indirect marks the caller as one that may grow the memory.
        reloadMemorySize();
        loadResults(base, 1, resultSlots);
        int done = jumpForward(GOTO);
        out.patch4(defaultOffset, out.size() - start);
        return done;
    }

    /**
     * The CALL_INDIRECT at pc as a call of the class's dispatch method for its type and table
     * ({@link #dispatchMethod}), which checks the element and calls a compiled callee of this
     * instance directly, as call() does (no value stack, no virtual run()), and any other through
     * callIndirect. Returns false, and emits nothing, where there is no dispatch method: too
     * many argument slots, no candidate or too many, too large a method, or too large a frame
     * (see {@link #MAX_DISPATCHING_SLOTS}); the caller then calls callIndirect itself.
     */
    private boolean indirectDispatch(int pc, dev.weir.core.module.FuncType type, int base) {
        int paramSlots = type.paramSlots();
        if (!allowIndirectSwitches || paramSlots > MAX_DIRECT_ARGUMENT_SLOTS
                || code[entry + 2] + this.paramSlots > MAX_DISPATCHING_SLOTS) {
            return false;
        }
        String dispatch = dispatchMethod(code[pc + 1], code[pc + 2], type);
        if (dispatch == null) {
            return false;
        }
        indirectSwitches = true;
        dispatched = true;
        callSite(pc);
        load(code[pc + 3]);
        for (int k = 0; k < paramSlots; k++) {
            load(base + k);
        }
        maxArgumentWords = Math.max(maxArgumentWords, 2 * paramSlots + 2);
        absolute(base);
        aload(instLocal);
        local(ILOAD, depthLocal);
        local(ILOAD, limitLocal);
        pushInt(pc + Op.length(code, pc));
        if (deopt) {
            pushInt(pc);
            local(ILOAD, fpLocal);
        }
        invokeStatic(className(), dispatch, dispatchDescriptor(paramSlots));
        storeFirstResult(type, base);
        // call_indirect marks the caller as one that may grow the memory.
        reloadMemorySize();
        loadResults(base, 1, type.resultSlots());
        return true;
    }

    /** This function's class. */
    private String className() {
        return PACKAGE + "F" + (module.functionAt(entry) - module.module().importedFunctionCount());
    }

    /**
     * A dispatch method's descriptor: the element, the arguments, the call's base (absolute),
     * the instance, the caller's depth and limit, the pc after the call, and under the deopt
     * policy the call's pc and the caller's fp; it returns the first result, as body() does.
     */
    private String dispatchDescriptor(int paramSlots) {
        StringBuilder descriptor = new StringBuilder("(J");
        for (int k = 0; k < paramSlots; k++) {
            descriptor.append('J');
        }
        return descriptor.append("I" + INSTANCE_TYPE + "III" + (deopt ? "II" : "") + ")J").toString();
    }

    /**
     * The name of this class's dispatch method for call_indirect of type typeIndex through table
     * tableIndex, added to the class on first use, or null if the module has no compiled function
     * of the type or more than MAX_INDIRECT_CANDIDATES. It checks the element as callIndirect
     * does (JitCode.indirectTarget: the same traps), then a lookupswitch over the candidates (the
     * module's compiled functions of the type) calls the one the element names, as a direct call
     * calls it; any other callee (a host function, another instance's, one not compiled) gets its
     * arguments on the value stack and goes through callIndirect. All of it is a method of its
     * own, not part of the caller's body, so that a caller like `calls`' step stays small enough
     * for C2 to inline it into its own callers: with the switch over its 16 candidates inline, step
     * took about 950 bytes of bytecode (C2's FreqInlineSize is 325), and with only the switch moved
     * out 367 bytes, compiled to 2,848 bytes of code (over InlineSmallCode, 2,500); either way every
     * step was a real JVM call from its loop. Now it is 274 bytes and inlined. The dispatch method
     * costs a JVM frame per indirect call, counted in JitCode.FRAME_BYTES (MAX_DISPATCHING_SLOTS).
     */
    private String dispatchMethod(int typeIndex, int tableIndex, dev.weir.core.module.FuncType type) {
        String name = "indirect" + typeIndex + "_" + tableIndex;
        for (int i = 0; i < dispatchCount; i += 2) {
            if (dispatchKeys[i] == typeIndex && dispatchKeys[i + 1] == tableIndex) {
                return name;
            }
        }
        int[] candidates = indirectCandidates(type);
        if (candidates == null) {
            return null;
        }
        int count = candidates.length;
        int paramSlots = type.paramSlots();
        // Locals: the element, the arguments, base, the instance, depth, limit, resume, [pc, fp].
        int base = 2 + 2 * paramSlots;
        int inst = base + 1;
        int depth = base + 2;
        int limit = base + 3;
        int resume = base + 4;
        Bytes d = new Bytes(128 + 24 * count + 16 * paramSlots);
        d.u1(ALOAD);
        d.u1(inst);
        invokeStatic(d, SUPER, "store", "(" + INSTANCE_TYPE + ")" + STORE_TYPE);
        d.u1(ALOAD);
        d.u1(inst);
        pushInt(d, typeIndex);
        pushInt(d, tableIndex);
        d.u1(LLOAD);
        d.u1(0);
        invokeStatic(d, SUPER, "indirectTarget", "(" + STORE_TYPE + INSTANCE_TYPE + "IIJ)I");
        int start = d.size();
        int defaultOffset = lookupSwitch(d, candidates);
        int pairs = defaultOffset + 8;
        String descriptor = bodyDescriptor(paramSlots, false);
        for (int i = 0; i < count; i++) {
            d.patch4(pairs + 8 * i + 4, d.size() - start);
            for (int k = 0; k < paramSlots; k++) {
                d.u1(LLOAD);
                d.u1(2 + 2 * k);
            }
            int[] rest = {ILOAD, base, ALOAD, inst, ILOAD, depth, ICONST_0 + 1, IADD, ILOAD, limit};
            for (int b : rest) {
                d.u1(b);
            }
            invokeStatic(d, PACKAGE + "F" + candidates[i], "body", descriptor);
            d.u1(LRETURN);
        }
        // Any other callee (indirectTarget gave -1): as the interpreter calls it.
        d.patch4(defaultOffset, d.size() - start);
        for (int k = 0; k < paramSlots; k++) {
            d.u1(ALOAD);
            d.u1(inst);
            invokeStatic(d, SUPER, "stack", "(" + INSTANCE_TYPE + ")[J");
            d.u1(ILOAD);
            d.u1(base);
            pushInt(d, k);
            d.u1(IADD);
            d.u1(LLOAD);
            d.u1(2 + 2 * k);
            d.u1(LASTORE);
        }
        d.u1(ALOAD);
        d.u1(inst);
        invokeStatic(d, SUPER, "store", "(" + INSTANCE_TYPE + ")" + STORE_TYPE);
        d.u1(ALOAD);
        d.u1(inst);
        pushInt(d, typeIndex);
        pushInt(d, tableIndex);
        d.u1(LLOAD);
        d.u1(0);
        int[] rest = {ILOAD, base, ILOAD, depth, ILOAD, resume};
        for (int b : rest) {
            d.u1(b);
        }
        if (deopt) {
            d.u1(ILOAD);
            d.u1(resume + 1);
            d.u1(ILOAD);
            d.u1(resume + 2);
            invokeStatic(d, SUPER, "callIndirectAt", "(" + STORE_TYPE + INSTANCE_TYPE + "IIJIIIII)J");
        } else {
            invokeStatic(d, SUPER, "callIndirect", "(" + STORE_TYPE + INSTANCE_TYPE + "IIJIII)J");
        }
        d.u1(POP2);
        if (type.resultSlots() > 0) {
            d.u1(ALOAD);
            d.u1(inst);
            invokeStatic(d, SUPER, "stack", "(" + INSTANCE_TYPE + ")[J");
            d.u1(ILOAD);
            d.u1(base);
            d.u1(LALOAD);
        } else {
            d.u1(LCONST_0);
        }
        d.u1(LRETURN);
        classFile.method(0x000A, name, dispatchDescriptor(paramSlots), Math.max(2 * paramSlots + 6, 14),
                resume + (deopt ? 3 : 1), d);
        if (dispatchCount == dispatchKeys.length) {
            dispatchKeys = java.util.Arrays.copyOf(dispatchKeys, 2 * dispatchCount);
        }
        dispatchKeys[dispatchCount++] = typeIndex;
        dispatchKeys[dispatchCount++] = tableIndex;
        return name;
    }

    /**
     * The defined indices of the module's compiled functions of this type, the candidates of a
     * call_indirect's switch; null if there are none or more than MAX_INDIRECT_CANDIDATES.
     */
    private int[] indirectCandidates(dev.weir.core.module.FuncType type) {
        dev.weir.core.module.Module m = module.module();
        int imported = m.importedFunctionCount();
        int[] candidates = new int[MAX_INDIRECT_CANDIDATES];
        int count = 0;
        for (int f = imported; f < m.functionCount(); f++) {
            if (m.type(m.functionTypeIndex(f)).equals(type)
                    && code[module.entry(f) + Op.HEADER_SIZE] == Op.JIT_ENTRY) {
                if (count == candidates.length) {
                    return null;
                }
                candidates[count++] = f - imported;
            }
        }
        return count == 0 ? null : java.util.Arrays.copyOf(candidates, count);
    }

    /**
     * Appends a LOOKUPSWITCH over keys (ascending) with every offset 0, for the caller to patch
     * relative to the opcode's position; returns where the default offset is, the pairs' offsets
     * following at 8 + 8 x i + 4.
     */
    private static int lookupSwitch(Bytes to, int[] keys) {
        to.u1(LOOKUPSWITCH);
        while (to.size() % 4 != 0) {
            to.u1(0);
        }
        int defaultOffset = to.size();
        to.u4(0);
        to.u4(keys.length);
        for (int key : keys) {
            to.u4(key);
            to.u4(0);
        }
        return defaultOffset;
    }

    private void invokeStatic(Bytes to, String owner, String name, String descriptor) {
        to.u1(INVOKESTATIC);
        to.u2(classFile.methodRef(owner, name, descriptor));
    }

    /** Stores the first result a body() returned (none: drops it); an i32 comes sign-extended. */
    private void storeFirstResult(dev.weir.core.module.FuncType type, int base) {
        if (type.resultSlots() == 0) {
            out.u1(POP2);
        } else if (type.result(0) == dev.weir.core.module.ValType.I32) {
            storeI32(base);
        } else {
            store(base);
        }
    }

    /** Sets the call site's local to the pc after the call at pc (see JitCode.located). */
    private void callSite(int pc) {
        pushInt(pc + Op.length(code, pc));
        local(ISTORE, exitPcLocal);
    }

    /** Writes the n argument slots to the value stack at base: from base.. or from code[sources..]. */
    private void storeArguments(int base, int n, int sources) {
        for (int k = 0; k < n; k++) {
            callStackAddress(base + k);
            load(sources < 0 ? base + k : code[sources + k]);
            out.u1(LASTORE);
        }
    }

    /** Reads a call's result slots first..n-1 back from the value stack at base. */
    private void loadResults(int base, int first, int n) {
        for (int k = first; k < n; k++) {
            callStackAddress(base + k);
            out.u1(LALOAD);
            store(base + k);
        }
    }

    /** Pushes fp + slot, an absolute index in the value stack. */
    private void absolute(int slot) {
        local(ILOAD, fpLocal);
        if (slot != 0) {
            pushInt(slot);
            out.u1(IADD);
        }
    }

    /** Compares with a 0/1 result. */
    private boolean compare(int op, int pc) {
        int dst = code[pc + 1];
        int x = code[pc + 2];
        int y = code[pc + 3];
        switch (op) {
            case Op.I32_EQ: return intCompare(x, y, false, IF_ICMPEQ, dst);
            case Op.I32_NE: return intCompare(x, y, false, IF_ICMPNE, dst);
            case Op.I32_LT_S: return intCompare(x, y, false, IF_ICMPLT, dst);
            case Op.I32_LT_U: return intCompare(x, y, true, IF_ICMPLT, dst);
            case Op.I32_GT_S: return intCompare(x, y, false, IF_ICMPGT, dst);
            case Op.I32_GT_U: return intCompare(x, y, true, IF_ICMPGT, dst);
            case Op.I32_LE_S: return intCompare(x, y, false, IF_ICMPLE, dst);
            case Op.I32_LE_U: return intCompare(x, y, true, IF_ICMPLE, dst);
            case Op.I32_GE_S: return intCompare(x, y, false, IF_ICMPGE, dst);
            case Op.I32_GE_U: return intCompare(x, y, true, IF_ICMPGE, dst);
            case Op.I64_EQ: return longCompare(x, y, false, IFEQ, dst);
            case Op.I64_NE: return longCompare(x, y, false, IFNE, dst);
            case Op.I64_LT_S: return longCompare(x, y, false, IFLT, dst);
            case Op.I64_LT_U: return longCompare(x, y, true, IFLT, dst);
            case Op.I64_GT_S: return longCompare(x, y, false, IFGT, dst);
            case Op.I64_GT_U: return longCompare(x, y, true, IFGT, dst);
            case Op.I64_LE_S: return longCompare(x, y, false, IFLE, dst);
            case Op.I64_LE_U: return longCompare(x, y, true, IFLE, dst);
            case Op.I64_GE_S: return longCompare(x, y, false, IFGE, dst);
            case Op.I64_GE_U: return longCompare(x, y, true, IFGE, dst);
            // NaN compares false (true for ne): fcmpg makes NaN 1, fcmpl makes it -1.
            case Op.F32_EQ: return floatCompare(x, y, FCMPL, IFEQ, dst);
            case Op.F32_NE: return floatCompare(x, y, FCMPL, IFNE, dst);
            case Op.F32_LT: return floatCompare(x, y, FCMPG, IFLT, dst);
            case Op.F32_GT: return floatCompare(x, y, FCMPL, IFGT, dst);
            case Op.F32_LE: return floatCompare(x, y, FCMPG, IFLE, dst);
            case Op.F32_GE: return floatCompare(x, y, FCMPL, IFGE, dst);
            case Op.F64_EQ: return floatCompare(x, y, DCMPL, IFEQ, dst);
            case Op.F64_NE: return floatCompare(x, y, DCMPL, IFNE, dst);
            case Op.F64_LT: return floatCompare(x, y, DCMPG, IFLT, dst);
            case Op.F64_GT: return floatCompare(x, y, DCMPL, IFGT, dst);
            case Op.F64_LE: return floatCompare(x, y, DCMPG, IFLE, dst);
            case Op.F64_GE: return floatCompare(x, y, DCMPL, IFGE, dst);
            case Op.I32_EQ_I: return intCompareImmediate(x, y, false, IF_ICMPEQ, dst);
            case Op.I32_NE_I: return intCompareImmediate(x, y, false, IF_ICMPNE, dst);
            case Op.I32_LT_S_I: return intCompareImmediate(x, y, false, IF_ICMPLT, dst);
            case Op.I32_LT_U_I: return intCompareImmediate(x, y, true, IF_ICMPLT, dst);
            case Op.I32_GT_S_I: return intCompareImmediate(x, y, false, IF_ICMPGT, dst);
            case Op.I32_GT_U_I: return intCompareImmediate(x, y, true, IF_ICMPGT, dst);
            default:
                return false;
        }
    }

    /** Compares fused with the branch that uses them. */
    private boolean fusedBranch(int op, int pc) {
        int x = code[pc + 1];
        int y = code[pc + 2];
        int target = code[pc + 3];
        switch (op) {
            case Op.BR_IF_I32_EQ: return intBranch(x, y, false, false, IF_ICMPEQ, target, pc);
            case Op.BR_IF_I32_NE: return intBranch(x, y, false, false, IF_ICMPNE, target, pc);
            case Op.BR_IF_I32_LT_S: return intBranch(x, y, false, false, IF_ICMPLT, target, pc);
            case Op.BR_IF_I32_LT_U: return intBranch(x, y, false, true, IF_ICMPLT, target, pc);
            case Op.BR_IF_I32_LE_S: return intBranch(x, y, false, false, IF_ICMPLE, target, pc);
            case Op.BR_IF_I32_LE_U: return intBranch(x, y, false, true, IF_ICMPLE, target, pc);
            case Op.BR_IF_I32_EQ_I: return intBranch(x, y, true, false, IF_ICMPEQ, target, pc);
            case Op.BR_IF_I32_NE_I: return intBranch(x, y, true, false, countedExit(pc), target, pc);
            case Op.BR_IF_I32_LT_S_I: return intBranch(x, y, true, false, IF_ICMPLT, target, pc);
            case Op.BR_IF_I32_LT_U_I: return intBranch(x, y, true, true, IF_ICMPLT, target, pc);
            case Op.BR_IF_I32_GT_S_I: return intBranch(x, y, true, false, IF_ICMPGT, target, pc);
            case Op.BR_IF_I32_GT_U_I: return intBranch(x, y, true, true, IF_ICMPGT, target, pc);
            default:
                return false;
        }
    }

    /** Arithmetic the JVM has instructions for. */
    private boolean arithmetic(int op, int pc) {
        int dst = code[pc + 1];
        int x = code[pc + 2];
        int y = code[pc + 3];
        switch (op) {
            case Op.I32_ADD: return intBinary(x, y, IADD, dst);
            case Op.I32_SUB: return intBinary(x, y, ISUB, dst);
            case Op.I32_MUL: return intBinary(x, y, IMUL, dst);
            case Op.I32_AND: return intBinary(x, y, IAND, dst);
            case Op.I32_OR: return intBinary(x, y, IOR, dst);
            case Op.I32_XOR: return intBinary(x, y, IXOR, dst);
            case Op.I32_SHL: return intBinary(x, y, ISHL, dst);
            case Op.I32_SHR_S: return intBinary(x, y, ISHR, dst);
            case Op.I32_SHR_U: return intBinary(x, y, IUSHR, dst);
            case Op.I32_ROTL: return intRotate(x, y, "rotateLeft", dst);
            case Op.I32_ROTR: return intRotate(x, y, "rotateRight", dst);
            case Op.I32_ADD_I: return intImmediate(x, y, IADD, dst);
            case Op.I32_AND_I: return intImmediate(x, y, IAND, dst);
            case Op.I32_OR_I: return intImmediate(x, y, IOR, dst);
            case Op.I32_XOR_I: return intImmediate(x, y, IXOR, dst);
            case Op.I32_SHL_I: return intImmediate(x, y, ISHL, dst);
            case Op.I32_SHR_S_I: return intImmediate(x, y, ISHR, dst);
            case Op.I32_SHR_U_I: return intImmediate(x, y, IUSHR, dst);
            case Op.I32_MUL_I: return intImmediate(x, y, IMUL, dst);
            case Op.I64_ADD: return longBinary(x, y, LADD, dst);
            case Op.I64_SUB: return longBinary(x, y, LSUB, dst);
            case Op.I64_MUL: return longBinary(x, y, LMUL, dst);
            case Op.I64_AND: return longBinary(x, y, LAND, dst);
            case Op.I64_OR: return longBinary(x, y, LOR, dst);
            case Op.I64_XOR: return longBinary(x, y, LXOR, dst);
            case Op.I64_SHL: return longShift(x, y, LSHL, dst);
            case Op.I64_SHR_S: return longShift(x, y, LSHR, dst);
            case Op.I64_SHR_U: return longShift(x, y, LUSHR, dst);
            case Op.I64_ADD_I: return longImmediate(x, y, LADD, dst);
            case Op.I64_AND_I: return longImmediate(x, y, LAND, dst);
            case Op.I64_SHL_I: return longShiftImmediate(x, y, LSHL, dst);
            case Op.I64_SHR_S_I: return longShiftImmediate(x, y, LSHR, dst);
            case Op.I64_SHR_U_I: return longShiftImmediate(x, y, LUSHR, dst);
            case Op.F32_ADD: return floatBinary(x, y, FADD, dst);
            case Op.F32_SUB: return floatBinary(x, y, FSUB, dst);
            case Op.F32_MUL: return floatBinary(x, y, FMUL, dst);
            case Op.F32_DIV: return floatBinary(x, y, FDIV, dst);
            case Op.F64_ADD: return doubleBinary(x, y, DADD, dst);
            case Op.F64_SUB: return doubleBinary(x, y, DSUB, dst);
            case Op.F64_MUL: return doubleBinary(x, y, DMUL, dst);
            case Op.F64_DIV: return doubleBinary(x, y, DDIV, dst);
            default:
                return false;
        }
    }

    /** The rest: a call to the interpreter's own definition ({@code JitCode.numeric}). */
    private void numeric(int op, int pc) {
        pushInt(op);
        load(code[pc + 2]);
        if (Op.length(code, pc) == 4) {
            load(code[pc + 3]);
        } else {
            out.u1(LCONST_0);
        }
        invokeStatic(SUPER, "numeric", "(IJJ)J");
        store(code[pc + 1]);
    }

    // ---- vectors -----------------------------------------------------------------------------
    // A v128 is two slots, as in the interpreter (SimdInstructions): lo (bytes 0-7) in slot s and
    // hi (bytes 8-15) in s + 1, so each is a JVM long local and C2 keeps both in registers. The
    // ops clang's vectorizer emits in loops are bytecode here, lane by lane on ints, floats and
    // longs; other lane-wise ops call JitSimd once per half; the few that mix halves run the
    // interpreter's definition on the frame in the value stack (vectorByInterpreter). Each op
    // reads all its operands before it writes its result, which may be one of them.

    private static final int INEG = 0x74;
    private static final int I2F = 0x86;
    private static final int F2I = 0x8b;
    private static final int DUP2 = 0x5c;
    private static final String SIMD = "dev/weir/core/JitSimd";
    private static final long LANES8 = 0x0101010101010101L;
    private static final long LANES16 = 0x0001000100010001L;
    private static final long LANES32 = 0x0000000100000001L;
    private static final long HIGH8 = 0x8080808080808080L;
    private static final long HIGH16 = 0x8000800080008000L;

    private static boolean isVector(int op) {
        return op >= Op.V128_GLOBAL_GET && op <= Op.F64X2_CONVERT_LOW_I32X4_U;
    }

    /** An upper bound of the bytecode of vector op (with wide locals): the shuffle's bytes are picked one run at a time. */
    private static int maxVectorBytes(int op) {
        return op == Op.I8X16_SHUFFLE ? 400 : 200;
    }

    private void vector(int op, int pc) {
        if (pc == fusedSplat) {
            // splatLoad took it over: the shuffle after it reads the bytes.
            return;
        }
        int dst = code[pc + 1];
        int a = code[pc + 2];
        switch (op) {
            case Op.V128_CONST:
                pushLong((code[pc + 2] & MASK32) | (long) code[pc + 3] << 32);
                store(dst);
                pushLong((code[pc + 4] & MASK32) | (long) code[pc + 5] << 32);
                store(dst + 1);
                return;
            case Op.V128_GLOBAL_GET:
                aload(globalsLocal);
                pushInt(a);
                out.u1(AALOAD);
                out.u1(DUP);
                invokeVirtual(GLOBAL, "get", "()J");
                store(dst);
                invokeVirtual(GLOBAL, "getHigh", "()J");
                store(dst + 1);
                return;
            case Op.V128_GLOBAL_SET:
                aload(globalsLocal);
                pushInt(dst);
                out.u1(AALOAD);
                load(a);
                load(a + 1);
                invokeVirtual(GLOBAL, "setV128", "(JJ)V");
                return;
            case Op.V128_LOAD:
                address(pc, a, 0, code[pc + 3], 16);
                loadAt(0, 8);
                loadAt(8, 8);
                storeVector(dst);
                return;
            case Op.V128_LOAD8_SPLAT:
            case Op.V128_LOAD16_SPLAT:
            case Op.V128_LOAD32_SPLAT:
            case Op.V128_LOAD64_SPLAT: {
                int bytes = 1 << (op - Op.V128_LOAD8_SPLAT);
                address(pc, a, 0, code[pc + 3], bytes);
                loadAt(0, bytes);
                splat(bytes, dst);
                return;
            }
            case Op.V128_LOAD32_ZERO:
            case Op.V128_LOAD64_ZERO: {
                address(pc, a, 0, code[pc + 3], op == Op.V128_LOAD32_ZERO ? 4 : 8);
                loadAt(0, op == Op.V128_LOAD32_ZERO ? 4 : 8);
                out.u1(LCONST_0);
                storeVector(dst);
                return;
            }
            case Op.V128_LOAD8X8_S:
            case Op.V128_LOAD8X8_U:
            case Op.V128_LOAD16X4_S:
            case Op.V128_LOAD16X4_U:
            case Op.V128_LOAD32X2_S:
            case Op.V128_LOAD32X2_U:
                address(pc, a, 0, code[pc + 3], 8);
                loadAt(0, 8);
                // The address is used: its local holds the loaded bytes.
                lstore(eaLocal);
                pushInt(op);
                lload(eaLocal);
                invokeStatic(SIMD, "widenLow", "(IJ)J");
                pushInt(op);
                lload(eaLocal);
                pushInt(32);
                out.u1(LUSHR);
                invokeStatic(SIMD, "widenLow", "(IJ)J");
                storeVector(dst);
                return;
            case Op.V128_STORE:
                address(pc, dst, 0, code[pc + 3], 16);
                storeAt(0, 8, a, 0);
                storeAt(8, 8, a + 1, 0);
                return;
            case Op.V128_STORE8_LANE:
            case Op.V128_STORE16_LANE:
            case Op.V128_STORE32_LANE:
            case Op.V128_STORE64_LANE: {
                int bytes = 1 << (op - Op.V128_STORE8_LANE);
                int bit = code[pc + 4] * bytes * 8;
                address(pc, dst, 0, code[pc + 3], bytes);
                if (bytes == 4 && laneState != null && laneState[a] != NO_LANES) {
                    memoryAt(0, 4);
                    local(ILOAD, laneLocal(a, code[pc + 4]));
                    wide("putInt", "(II)Ljava/nio/ByteBuffer;", "([BII)V");
                    return;
                }
                storeAt(0, bytes, a + (bit >> 6), bit & 63);
                return;
            }
            case Op.I8X16_SHUFFLE:
                if (laneState != null) {
                    for (int lane = 0; lane < 4; lane++) {
                        shuffleLane32(pc, lane);
                    }
                    lanesFromStack(dst);
                    return;
                }
                shuffleHalf(pc, 0);
                shuffleHalf(pc, 8);
                storeVector(dst);
                return;
            case Op.I8X16_SWIZZLE:
                for (int h = 0; h < 2; h++) {
                    load(a);
                    load(a + 1);
                    load(code[pc + 3] + h);
                    invokeStatic(SIMD, "swizzle", "(JJJ)J");
                }
                storeVector(dst);
                return;
            case Op.I8X16_SPLAT:
                load(a);
                splat(1, dst);
                return;
            case Op.I16X8_SPLAT:
                load(a);
                splat(2, dst);
                return;
            case Op.I32X4_SPLAT:
            case Op.F32X4_SPLAT:
                if (laneState != null) {
                    for (int lane = 0; lane < 4; lane++) {
                        loadInt(a);
                    }
                    lanesFromStack(dst);
                    return;
                }
                load(a);
                splat(4, dst);
                return;
            case Op.I64X2_SPLAT:
            case Op.F64X2_SPLAT:
                load(a);
                splat(8, dst);
                return;
            case Op.I8X16_EXTRACT_LANE_S:
            case Op.I8X16_EXTRACT_LANE_U:
                extractLane(a, code[pc + 3] * 8, 8, op == Op.I8X16_EXTRACT_LANE_S, dst);
                return;
            case Op.I16X8_EXTRACT_LANE_S:
            case Op.I16X8_EXTRACT_LANE_U:
                extractLane(a, code[pc + 3] * 16, 16, op == Op.I16X8_EXTRACT_LANE_S, dst);
                return;
            case Op.I32X4_EXTRACT_LANE:
            case Op.F32X4_EXTRACT_LANE:
                if (laneState != null && laneState[a] != NO_LANES) {
                    local(ILOAD, laneLocal(a, code[pc + 3]));
                    out.u1(I2L);
                    pushLong(MASK32);
                    out.u1(LAND);
                    store(dst);
                    return;
                }
                extractLane(a, code[pc + 3] * 32, 32, false, dst);
                return;
            case Op.I64X2_EXTRACT_LANE:
            case Op.F64X2_EXTRACT_LANE:
                extractLane(a, code[pc + 3] * 64, 64, false, dst);
                return;
            case Op.I8X16_REPLACE_LANE:
                replaceLane(a, code[pc + 3], code[pc + 4] * 8, 8, dst);
                return;
            case Op.I16X8_REPLACE_LANE:
                replaceLane(a, code[pc + 3], code[pc + 4] * 16, 16, dst);
                return;
            case Op.I32X4_REPLACE_LANE:
            case Op.F32X4_REPLACE_LANE:
                replaceLane(a, code[pc + 3], code[pc + 4] * 32, 32, dst);
                return;
            case Op.I64X2_REPLACE_LANE:
            case Op.F64X2_REPLACE_LANE:
                replaceLane(a, code[pc + 3], code[pc + 4] * 64, 64, dst);
                return;
            case Op.V128_BITSELECT: {
                int b = code[pc + 3];
                int c = code[pc + 4];
                for (int h = 0; h < 2; h++) {
                    load(a + h);
                    load(c + h);
                    out.u1(LAND);
                    load(b + h);
                    load(c + h);
                    pushLong(-1);
                    out.u1(LXOR);
                    out.u1(LAND);
                    out.u1(LOR);
                }
                storeVector(dst);
                return;
            }
            default:
                break;
        }
        if (op >= Op.V128_LOAD8_LANE && op <= Op.V128_LOAD64_LANE || !vectorHalves(op, pc)) {
            vectorByInterpreter(op, pc);
        }
    }

    /**
     * The lane-wise ops of two slots, each half computed on its own: inline for the common ones,
     * else through JitSimd's per-half definitions. False for ops that mix halves.
     */
    private boolean vectorHalves(int op, int pc) {
        int dst = code[pc + 1];
        int a = code[pc + 2];
        int b = Op.length(code, pc) > 3 ? code[pc + 3] : -1;
        switch (op) {
            case Op.V128_NOT:
            case Op.V128_AND:
            case Op.V128_ANDNOT:
            case Op.V128_OR:
            case Op.V128_XOR:
            case Op.I8X16_ADD:
            case Op.I8X16_SUB:
            case Op.I16X8_ADD:
            case Op.I16X8_SUB:
            case Op.I64X2_ADD:
            case Op.I64X2_SUB:
            case Op.I64X2_MUL:
            case Op.I64X2_SHL:
            case Op.I64X2_SHR_S:
            case Op.I64X2_SHR_U:
            case Op.F32X4_ABS:
            case Op.F32X4_NEG:
            case Op.F64X2_ABS:
            case Op.F64X2_NEG:
            case Op.F64X2_ADD:
            case Op.F64X2_SUB:
            case Op.F64X2_MUL:
            case Op.F64X2_DIV:
                half64(op, a, b, 0);
                half64(op, a, b, 1);
                break;
            case Op.I32X4_ADD:
            case Op.I32X4_SUB:
            case Op.I32X4_MUL:
            case Op.I32X4_SHL:
            case Op.I32X4_SHR_S:
            case Op.I32X4_SHR_U:
            case Op.I32X4_MIN_S:
            case Op.I32X4_MIN_U:
            case Op.I32X4_MAX_S:
            case Op.I32X4_MAX_U:
            case Op.I32X4_ABS:
            case Op.I32X4_NEG:
            case Op.I32X4_TRUNC_SAT_F32X4_S:
            case Op.F32X4_ADD:
            case Op.F32X4_SUB:
            case Op.F32X4_MUL:
            case Op.F32X4_DIV:
            case Op.F32X4_SQRT:
            case Op.F32X4_CONVERT_I32X4_S:
                if (laneState != null) {
                    lanes32ToLocals(op, a, b, dst);
                    return true;
                }
                lanes32(op, a, b, 0);
                lanes32(op, a, b, 1);
                break;
            default:
                if (op < Op.I8X16_EQ || mixesHalves(op)) {
                    return false;
                }
                int length = Op.length(code, pc);
                for (int h = 0; h < 2; h++) {
                    pushInt(op);
                    load(a + h);
                    if (length == 3) {
                        invokeStatic(SIMD, "unaryHalf", "(IJ)J");
                    } else if (isVectorShift(op)) {
                        loadInt(b);
                        invokeStatic(SIMD, "shift", "(IJI)J");
                    } else {
                        load(b + h);
                        invokeStatic(SIMD, "binaryHalf", "(IJJ)J");
                    }
                }
        }
        storeVector(dst);
        return true;
    }

    /** The ops after the lane accesses whose result halves depend on both halves of an operand, or that give an i32. */
    private static boolean mixesHalves(int op) {
        switch (op) {
            case Op.V128_ANY_TRUE:
            case Op.I8X16_ALL_TRUE:
            case Op.I16X8_ALL_TRUE:
            case Op.I32X4_ALL_TRUE:
            case Op.I64X2_ALL_TRUE:
            case Op.I8X16_BITMASK:
            case Op.I16X8_BITMASK:
            case Op.I32X4_BITMASK:
            case Op.I64X2_BITMASK:
            case Op.I8X16_NARROW_I16X8_S:
            case Op.I8X16_NARROW_I16X8_U:
            case Op.I16X8_NARROW_I32X4_S:
            case Op.I16X8_NARROW_I32X4_U:
            case Op.F32X4_DEMOTE_F64X2_ZERO:
            case Op.F64X2_PROMOTE_LOW_F32X4:
            case Op.I32X4_TRUNC_SAT_F64X2_S_ZERO:
            case Op.I32X4_TRUNC_SAT_F64X2_U_ZERO:
            case Op.F64X2_CONVERT_LOW_I32X4_S:
            case Op.F64X2_CONVERT_LOW_I32X4_U:
                return true;
            default:
                // The extends and extmuls.
                String name = Op.name(op);
                return name.contains("EXTEND") || name.contains("EXTMUL");
        }
    }

    private static boolean isVectorShift(int op) {
        switch (op) {
            case Op.I8X16_SHL:
            case Op.I8X16_SHR_S:
            case Op.I8X16_SHR_U:
            case Op.I16X8_SHL:
            case Op.I16X8_SHR_S:
            case Op.I16X8_SHR_U:
            case Op.I32X4_SHL:
            case Op.I32X4_SHR_S:
            case Op.I32X4_SHR_U:
            case Op.I64X2_SHL:
            case Op.I64X2_SHR_S:
            case Op.I64X2_SHR_U:
                return true;
            default:
                return false;
        }
    }

    /** Pushes half h of op's result computed on whole longs: bitwise, SWAR for 8/16-bit lanes, 64-bit lanes. */
    private void half64(int op, int a, int b, int h) {
        switch (op) {
            case Op.V128_NOT:
                load(a + h);
                pushLong(-1);
                out.u1(LXOR);
                return;
            case Op.V128_AND:
            case Op.V128_OR:
            case Op.V128_XOR:
                load(a + h);
                load(b + h);
                out.u1(op == Op.V128_AND ? LAND : op == Op.V128_OR ? LOR : LXOR);
                return;
            case Op.V128_ANDNOT:
                load(a + h);
                load(b + h);
                pushLong(-1);
                out.u1(LXOR);
                out.u1(LAND);
                return;
            case Op.I8X16_ADD:
            case Op.I16X8_ADD: {
                // Lanes added without carries across them: ((a & ~H) + (b & ~H)) ^ ((a ^ b) & H).
                long high = op == Op.I8X16_ADD ? HIGH8 : HIGH16;
                load(a + h);
                pushLong(~high);
                out.u1(LAND);
                load(b + h);
                pushLong(~high);
                out.u1(LAND);
                out.u1(LADD);
                load(a + h);
                load(b + h);
                out.u1(LXOR);
                pushLong(high);
                out.u1(LAND);
                out.u1(LXOR);
                return;
            }
            case Op.I8X16_SUB:
            case Op.I16X8_SUB: {
                // ((a | H) - (b & ~H)) ^ ((a ^ ~b) & H).
                long high = op == Op.I8X16_SUB ? HIGH8 : HIGH16;
                load(a + h);
                pushLong(high);
                out.u1(LOR);
                load(b + h);
                pushLong(~high);
                out.u1(LAND);
                out.u1(LSUB);
                load(a + h);
                load(b + h);
                pushLong(-1);
                out.u1(LXOR);
                out.u1(LXOR);
                pushLong(high);
                out.u1(LAND);
                out.u1(LXOR);
                return;
            }
            case Op.I64X2_ADD:
            case Op.I64X2_SUB:
            case Op.I64X2_MUL:
                load(a + h);
                load(b + h);
                out.u1(op == Op.I64X2_ADD ? LADD : op == Op.I64X2_SUB ? LSUB : LMUL);
                return;
            case Op.I64X2_SHL:
            case Op.I64X2_SHR_S:
            case Op.I64X2_SHR_U:
                load(a + h);
                loadInt(b);
                out.u1(op == Op.I64X2_SHL ? LSHL : op == Op.I64X2_SHR_S ? LSHR : LUSHR);
                return;
            case Op.F32X4_ABS:
            case Op.F64X2_ABS:
                load(a + h);
                pushLong(op == Op.F32X4_ABS ? 0x7FFFFFFF7FFFFFFFL : Long.MAX_VALUE);
                out.u1(LAND);
                return;
            case Op.F32X4_NEG:
            case Op.F64X2_NEG:
                load(a + h);
                pushLong(op == Op.F32X4_NEG ? 0x8000000080000000L : Long.MIN_VALUE);
                out.u1(LXOR);
                return;
            default:
                // F64X2 add, sub, mul, div.
                loadFloat(a + h, false);
                loadFloat(b + h, false);
                out.u1(op == Op.F64X2_ADD ? DADD : op == Op.F64X2_SUB ? DSUB : op == Op.F64X2_MUL ? DMUL : DDIV);
                invokeStatic("java/lang/Double", "doubleToRawLongBits", "(D)J");
        }
    }

    /** Pushes half h of a 32-bit-lane op's result, its two lanes computed as ints or floats. */
    private void lanes32(int op, int a, int b, int h) {
        for (int lane = 0; lane < 2; lane++) {
            lane32Result(op, a, b, 2 * h + lane);
            out.u1(I2L);
            if (lane == 0) {
                pushLong(MASK32);
                out.u1(LAND);
            } else {
                pushInt(32);
                out.u1(LSHL);
                out.u1(LOR);
            }
        }
    }

    /** Pushes lane i (0-3) of a 32-bit-lane op's result as an int (a float's bits). */
    private void lane32Result(int op, int a, int b, int i) {
        boolean floats = op >= Op.F32X4_ABS && op <= Op.F32X4_DIV || op == Op.I32X4_TRUNC_SAT_F32X4_S;
        lane32(a, i, floats);
        if (op == Op.I32X4_SHL || op == Op.I32X4_SHR_S || op == Op.I32X4_SHR_U) {
            loadInt(b);
        } else if (b >= 0 && op != Op.I32X4_ABS && op != Op.I32X4_NEG && op != Op.F32X4_SQRT
                && op != Op.I32X4_TRUNC_SAT_F32X4_S && op != Op.F32X4_CONVERT_I32X4_S) {
            lane32(b, i, floats);
        }
        switch (op) {
            case Op.I32X4_ADD: out.u1(IADD); break;
            case Op.I32X4_SUB: out.u1(ISUB); break;
            case Op.I32X4_MUL: out.u1(IMUL); break;
            case Op.I32X4_SHL: out.u1(ISHL); break;
            case Op.I32X4_SHR_S: out.u1(ISHR); break;
            case Op.I32X4_SHR_U: out.u1(IUSHR); break;
            case Op.I32X4_MIN_S: invokeStatic("java/lang/Math", "min", "(II)I"); break;
            case Op.I32X4_MAX_S: invokeStatic("java/lang/Math", "max", "(II)I"); break;
            case Op.I32X4_MIN_U: invokeStatic(SIMD, "minU", "(II)I"); break;
            case Op.I32X4_MAX_U: invokeStatic(SIMD, "maxU", "(II)I"); break;
            case Op.I32X4_ABS: invokeStatic("java/lang/Math", "abs", "(I)I"); break;
            case Op.I32X4_NEG: out.u1(INEG); break;
            // Java's narrowing saturates and makes NaN 0, as trunc_sat wants.
            case Op.I32X4_TRUNC_SAT_F32X4_S: out.u1(F2I); break;
            case Op.F32X4_CONVERT_I32X4_S: out.u1(I2F); break;
            case Op.F32X4_ADD: out.u1(FADD); break;
            case Op.F32X4_SUB: out.u1(FSUB); break;
            case Op.F32X4_MUL: out.u1(FMUL); break;
            case Op.F32X4_DIV: out.u1(FDIV); break;
            default:
                // F32X4_SQRT: in double, then rounded once, as the interpreter does.
                out.u1(0x8d); // f2d
                invokeStatic("java/lang/Math", "sqrt", "(D)D");
                out.u1(0x90); // d2f
        }
        if (op >= Op.F32X4_ABS && op <= Op.F32X4_DIV || op == Op.F32X4_CONVERT_I32X4_S) {
            invokeStatic("java/lang/Float", "floatToRawIntBits", "(F)I");
        }
    }

    /** Pushes 32-bit lane i (0-3) of the v128 at slot a, as an int or a float: from its lane locals if they hold it. */
    private void lane32(int a, int i, boolean asFloat) {
        if (laneState != null && laneState[a] != NO_LANES) {
            local(ILOAD, laneLocal(a, i));
        } else {
            load(a + (i >> 1));
            if ((i & 1) == 1) {
                pushInt(32);
                out.u1(LUSHR);
            }
            out.u1(L2I);
        }
        if (asFloat) {
            invokeStatic("java/lang/Float", "intBitsToFloat", "(I)F");
        }
    }

    // Lane locals: in code that calls nothing, a v128 that 32-bit-lane ops compute stays in four
    // JVM int locals, and its two long slots are packed only when something else reads them, at
    // a branch or a branch target (packLanes). A chain of i32x4 or f32x4 ops then runs on ints,
    // as the scalar code would, without taking lanes apart and putting them together between
    // the ops. The state is known at compile time: straight-line code between labels.

    /** Lane state by slot (of a v128 starting there), null where lane locals are not used: in code that calls. */
    private byte[] laneState;
    /** The slot's long locals hold the value, the lane locals nothing. */
    private static final byte NO_LANES = 0;
    /** Both hold it. */
    private static final byte LANES_CLEAN = 1;
    /** Only the lane locals hold it: the longs are stale until packed. */
    private static final byte LANES_DIRTY = 2;

    /** Sets up lane locals for code that calls nothing; the first pass and the second see the same. */
    private void initLanes() {
        for (int pc = from; pc < to; pc += Op.length(code, pc)) {
            if (isCall(code[pc])) {
                return;
            }
        }
        laneState = new byte[used.length + 1];
        laneLocalCount = 4 * used.length;
        loopEnds = new int[to - from + 1];
        joinLabels = new boolean[to - from + 1];
        carried = new boolean[to - from + 1][];
        for (int pc = from; pc < to; pc += Op.length(code, pc)) {
            int target = branchTarget(code, pc);
            if (target >= from && target <= to) {
                if (target <= pc) {
                    loopEnds[target - from] = pc;
                } else {
                    joinLabels[target - from] = true;
                }
            }
            if (code[pc] == Op.BR_TABLE) {
                for (int i = 0; i <= code[pc + 2]; i++) {
                    int t = code[pc + 3 + i];
                    if (t >= from && t <= to) {
                        joinLabels[t - from] = true;
                    }
                }
            }
        }
    }

    /** Fills labels, starts, firstBranchTo and lastBranchTo, and starts narrow with nothing known. */
    private void findLabels() {
        narrow = new boolean[used.length];
        labels = new boolean[to - from + 1];
        firstBranchTo = new int[to - from + 1];
        lastBranchTo = new int[to - from + 1];
        starts = new boolean[to - from + 1];
        for (int pc = from; pc < to; pc += Op.length(code, pc)) {
            starts[pc - from] = true;
            int target = branchTarget(code, pc);
            if (target >= from && target <= to) {
                label(target, pc);
            }
            if (code[pc] == Op.BR_TABLE) {
                for (int i = 0; i <= code[pc + 2]; i++) {
                    int t = code[pc + 3 + i];
                    if (t >= from && t <= to) {
                        label(t, pc);
                    }
                }
            }
        }
        inLeafLoop = new boolean[to - from + 1];
        for (int t = from; t < to; t++) {
            int last = lastBranchTo[t - from];
            if (labels[t - from] && last >= t && !callsIn(t, last)) {
                java.util.Arrays.fill(inLeafLoop, t - from, last - from + 1, true);
            }
        }
    }

    /** Op pcs (index pc - from) in a loop that calls nothing: accesses there check int addresses (see address). */
    private boolean[] inLeafLoop;

    private void label(int target, int pc) {
        if (!labels[target - from]) {
            labels[target - from] = true;
            firstBranchTo[target - from] = pc;
        }
        lastBranchTo[target - from] = pc;
    }

    /** Op pcs (index pc - from) where an instruction starts. */
    private boolean[] starts;
    /** Per label (index pc - from): the first and the last pc that branches to it. */
    private int[] firstBranchTo;
    private int[] lastBranchTo;

    /**
     * The JVM compare for the loop exit BR_IF_I32_NE_I at pc: IF_ICMPLT or IF_ICMPGT where the
     * counter can only step up or down to the limit, else IF_ICMPNE. C2 makes a counted loop
     * (no safepoint poll per iteration, range checks out of the loop) only of an exit test
     * {@code <} or {@code >}, or {@code !=} with a step of 1; clang ends a loop with a known trip
     * count by {@code i32.ne}, with the step of a vectorized or unrolled loop (4, 16, ...).
     * The test is the same where the function does this and nothing else to the counter x:
     * {@code x = V0} falls into the loop's JIT_LOOP, the loop's one write of x is
     * {@code x = x + S} just before this branch, this is the loop's last branch back, and V0
     * steps by S onto the limit without passing it. Then every value the branch sees lies
     * between V0 + S and the limit, and only the limit is not below (above) it.
     */
    private int countedExit(int pc) {
        int x = code[pc + 1];
        int limit = code[pc + 2];
        int target = code[pc + 3];
        int add = pc - 4;
        int header = target - Op.JIT_SIZE;
        int init = header - 3;
        if (loop || init < from || target > pc || !starts[init - from] || !starts[header - from]
                || !starts[add - from] || code[header] != Op.JIT_LOOP || code[init] != Op.I32_CONST
                || code[init + 1] != x || code[add] != Op.I32_ADD_I || code[add + 1] != x || code[add + 2] != x
                || labels[pc - from] || labels[header - from] || firstBranchTo[target - from] < target
                || lastBranchTo[target - from] != pc) {
            return IF_ICMPNE;
        }
        long start = code[init + 2];
        long step = code[add + 3];
        long distance = limit - start;
        if (step == 0 || distance == 0 || (distance > 0) != (step > 0) || distance % step != 0) {
            return IF_ICMPNE;
        }
        for (int at = target; at < add; at += Op.length(code, at)) {
            int op = code[at];
            if (isCall(op) || Op.length(code, at) > 1 && Op.operandKind(code, at, 1) == Op.SLOT
                    && (code[at + 1] == x || code[at + 1] == x - 1)) {
                // A write of x, or a read where a write could be (a store's address): not counted.
                return IF_ICMPNE;
            }
        }
        return step > 0 ? IF_ICMPLT : IF_ICMPGT;
    }

    private int laneLocal(int slot, int i) {
        return firstSlot + 2 * used.length + 4 * slot + i;
    }

    /** JVM locals the lane locals take. */
    private int laneLocalCount;

    /** Before the instruction at pc: packs every dirty v128 where control may leave or join. */
    private void lanesBefore(int pc) {
        if (laneState == null) {
            return;
        }
        int op = code[pc];
        boolean target = labels[pc - from];
        int branch = branchTarget(code, pc);
        // Back to a loop's label that carries lanes: they must hold the value along this way too.
        boolean[] keep = branch >= from && branch <= pc ? carried[branch - from] : null;
        if (keep != null) {
            for (int s = 0; s < keep.length; s++) {
                if (keep[s] && laneState[s] == NO_LANES) {
                    unpackLanes(s);
                }
            }
        }
        boolean[] carry = target ? carriedInto(pc) : null;
        if (carry != null) {
            for (int s = 0; s < carry.length; s++) {
                if (carry[s] && laneState[s] == NO_LANES) {
                    unpackLanes(s);
                }
            }
        }
        if (target || branch >= 0) {
            // Into a label or along a branch: a v128 that the code there overwrites before
            // reading it stays unpacked (a loop's temporaries, at its back edge), and so does one
            // that the loop's label carries in lanes; a conditional branch's other way goes on
            // with the lanes.
            for (int s = 0; s < laneState.length; s++) {
                if (laneState[s] == LANES_DIRTY && !(target && (carry != null && carry[s] || deadAt(pc, s)))
                        && !(branch >= 0 && (keep != null && keep[s] || deadAt(branch, s)))) {
                    packLanes(s);
                }
            }
        } else if (isCall(op) || op == Op.BR_TABLE || op == Op.RETURN || op == Op.RETURN_VALUE || op == Op.JIT_LOOP
                || op == Op.UNREACHABLE || deopt && op == Op.FUEL) {
            // (FUEL in deopt code is a safe point: the handler spills the slots, packed.)
            packAllLanes();
        }
        if (target) {
            carried[pc - from] = carry;
            for (int s = 0; s < laneState.length; s++) {
                // The longs of a carried v128 may be stale along the back edges: dirty.
                laneState[s] = carry != null && carry[s] ? LANES_DIRTY : NO_LANES;
            }
        }
        if (op == Op.SELECT) {
            // Its operands are read on two JVM paths: packed before, on both.
            lanesRead(code[pc + 2]);
            lanesRead(code[pc + 3]);
        }
    }

    // Lanes carried around a loop: a v128 that the loop computes with lane ops and that lives
    // across its label (an accumulator, say) is in lane locals at the label. Where control falls
    // into the label it is put there if it is not, and every branch back to the label does the
    // same, instead of packing it into its longs at the back edge and taking it apart again at
    // the top of each iteration. Only for labels entered by falling in and by branches back (no
    // br_table, no branch forward to them).

    /** By op pc (index pc - from): the slots of the v128s whose lane locals hold them at that label, or null. */
    private boolean[][] carried;
    /** By op pc: for a loop's label, the pc of the last branch back to it, else 0. */
    private int[] loopEnds;
    /** By op pc: labels that a branch forward or a br_table targets, which carry no lanes. */
    private boolean[] joinLabels;
    /** Whether control can fall from the op before into the next: set by the emitting loop. */
    private boolean fallsIn;

    /** At the label pc, where control falls in: the v128s to carry in lanes into the loop, or null. */
    private boolean[] carriedInto(int pc) {
        int end = loopEnds[pc - from];
        if (!fallsIn || end == 0 || joinLabels[pc - from]) {
            return null;
        }
        boolean[] carry = null;
        for (int at = pc; at <= end; at += Op.length(code, at)) {
            int s = code[at + 1];
            // One v128 per slot pair: none that overlaps one already carried.
            if (producesLanes(code[at]) && (carry == null || !carry[s] && (s == 0 || !carry[s - 1]) && !carry[s + 1])
                    && !deadAt(pc, s)) {
                if (carry == null) {
                    carry = new boolean[laneState.length];
                }
                carry[s] = true;
            }
        }
        return carry;
    }

    /** Vector ops whose result the code keeps in lane locals (see {@link #lanesFromStack}). */
    private static boolean producesLanes(int op) {
        switch (op) {
            case Op.I32X4_ADD:
            case Op.I32X4_SUB:
            case Op.I32X4_MUL:
            case Op.I32X4_SHL:
            case Op.I32X4_SHR_S:
            case Op.I32X4_SHR_U:
            case Op.I32X4_MIN_S:
            case Op.I32X4_MIN_U:
            case Op.I32X4_MAX_S:
            case Op.I32X4_MAX_U:
            case Op.I32X4_ABS:
            case Op.I32X4_NEG:
            case Op.F32X4_ADD:
            case Op.F32X4_SUB:
            case Op.F32X4_MUL:
            case Op.F32X4_DIV:
                return true;
            default:
                return false;
        }
    }

    /** Reads the v128 at slot from its longs into its lane locals. */
    private void unpackLanes(int slot) {
        for (int h = 0; h < 2; h++) {
            load(slot + h);
            out.u1(L2I);
            local(ISTORE, laneLocal(slot, 2 * h));
            load(slot + h);
            pushInt(32);
            out.u1(LUSHR);
            out.u1(L2I);
            local(ISTORE, laneLocal(slot, 2 * h + 1));
        }
        laneState[slot] = LANES_CLEAN;
    }

    /**
     * Whether the v128 at slot is dead at pc: on every way from there, both its slots are written
     * before either is read, and before any call or exit. The ways followed are the straight line
     * and, two deep, the branches in the code being compiled (a loop's back edge and its exit);
     * a br_table or a call ends the search, and so does a return, where only results live. Ops
     * other than COPY, the vector ones and those {@link #writesFirstSlot} names count every slot
     * operand that equals a slot as a read of it.
     */
    private boolean deadAt(int pc, int slot) {
        return deadAt(pc, slot, 2);
    }

    private boolean deadAt(int pc, int slot, int depth) {
        boolean low = false;
        boolean high = false;
        int start = pc;
        for (; pc < to; pc += Op.length(code, pc)) {
            int op = code[pc];
            if (op == Op.RETURN && !loop) {
                // The frame ends: only its results, in the first slots, live on.
                return slot >= resultSlots;
            }
            if (isCall(op) || op == Op.BR_TABLE || op == Op.RETURN || op == Op.UNREACHABLE) {
                return false;
            }
            if (op == Op.JIT_LOOP) {
                // A loop's header inside compiled code: nothing runs there.
                continue;
            }
            int length = Op.length(code, pc);
            String kinds = op == Op.COPY || writesFirstSlot(op) ? "sS" : isVector(op) ? vectorOperands(op, length) : null;
            for (int i = 1; i < length; i++) {
                byte declared = Op.operandKind(code, pc, i);
                char kind = declared == Op.IMM || declared == Op.OFFSET || declared == Op.TARGET ? '-'
                        : kinds == null ? 'R' : i - 1 < kinds.length() ? kinds.charAt(i - 1) : '-';
                int x = code[pc + i];
                boolean readsLow = kind == 'R' || kind == 'S' ? x == slot : kind == 'V' && (x == slot || x + 1 == slot);
                boolean readsHigh = kind == 'R' || kind == 'S' ? x == slot + 1 : kind == 'V' && (x == slot + 1 || x + 1 == slot + 1);
                if (readsLow && !low || readsHigh && !high) {
                    return false;
                }
            }
            if (op == Op.RETURN_VALUE) {
                // The frame ends: only the value returned, read above, lives on.
                return true;
            }
            int target = branchTarget(code, pc);
            if (target >= start && target <= pc) {
                // Back into the code just searched, which reads neither slot before writing it:
                // that way only repeats it, and this way goes on.
                continue;
            }
            if (target >= 0) {
                // Along the branch the search starts afresh (what this way wrote is not counted).
                if (depth == 0 || target < from || target >= to || !deadAt(target, slot, depth - 1)) {
                    return false;
                }
                if (op == Op.BR) {
                    return true;
                }
                continue;
            }
            if (kinds != null) {
                int x = code[pc + 1];
                if (kinds.charAt(0) == 's' || kinds.charAt(0) == 'v') {
                    low |= x == slot || kinds.charAt(0) == 'v' && x + 1 == slot;
                    high |= x == slot + 1 || kinds.charAt(0) == 'v' && x + 1 == slot + 1;
                }
            }
            if (low && high) {
                return true;
            }
        }
        return false;
    }

    /** Scalar ops that write their first operand's slot whole and read only their other slot operands. */
    private static boolean writesFirstSlot(int op) {
        switch (op) {
            case Op.I32_CONST:
            case Op.I64_CONST:
            case Op.I32_LOAD:
            case Op.I32_LOAD_ADD:
            case Op.I64_LOAD_ADD:
            case Op.I32_LOAD8_U_ADD:
                return true;
            default:
                return false;
        }
    }

    private void packAllLanes() {
        if (laneState == null) {
            return;
        }
        for (int s = 0; s < laneState.length; s++) {
            if (laneState[s] == LANES_DIRTY) {
                packLanes(s);
            }
        }
    }

    /** Before a read of slot's long: packs a dirty v128 that covers it. */
    private void lanesRead(int slot) {
        if (laneState == null) {
            return;
        }
        for (int k = Math.max(0, slot - 1); k <= slot; k++) {
            if (laneState[k] == LANES_DIRTY) {
                packLanes(k);
            }
        }
    }

    /** Before a write of slot's long: packs a dirty v128 that covers it (its other half lives on), then forgets it. */
    private void lanesWritten(int slot) {
        if (laneState == null) {
            return;
        }
        for (int k = Math.max(0, slot - 1); k <= slot; k++) {
            if (laneState[k] == LANES_DIRTY) {
                packLanes(k);
            }
            laneState[k] = NO_LANES;
        }
    }

    /** Writes the v128 at slot from its lane locals to its two long locals. */
    private void packLanes(int slot) {
        laneState[slot] = LANES_CLEAN;
        for (int h = 0; h < 2; h++) {
            local(ILOAD, laneLocal(slot, 2 * h));
            out.u1(I2L);
            pushLong(MASK32);
            out.u1(LAND);
            local(ILOAD, laneLocal(slot, 2 * h + 1));
            out.u1(I2L);
            pushInt(32);
            out.u1(LSHL);
            out.u1(LOR);
            used[slot + h] = true;
            written[slot + h] = true;
            wide[slot + h] = true;
            narrow[slot + h] = false;
            lstore(firstSlot + 2 * (slot + h));
        }
    }

    // A splat of a 32-bit load into a shuffle is how clang widens four bytes to four i32 lanes
    // (i32.load, i32x4.splat, then i8x16.shuffle picking each byte with zeros above it). Taking
    // the loaded int apart again costs a shift and a mask per lane and keeps four values live
    // from the load on; the shuffle instead reads each byte it picks from memory, at a constant
    // offset from one address that C2 keeps in a register, as scalar code does.

    /** The pc of an I32X4_SPLAT that {@link #splatLoad} took over (it emits nothing), else -1. */
    private int fusedSplat = -1;
    /** The pc of the I8X16_SHUFFLE that reads the taken-over splat's bytes from memory at the checked address. */
    private int fusedShuffle = -1;
    /** The v128 slot the taken-over splat writes: the shuffle operand whose bytes come from memory. */
    private int fusedSlot = -1;

    /**
     * At an i32 load whose value only an i32x4.splat reads, whose v128 only the i8x16.shuffle
     * right after reads (in code with lane locals, neither a branch target): checks the address
     * (see address) and has the shuffle read the bytes. False, emitting nothing, otherwise.
     */
    private boolean splatLoad(int pc) {
        if (laneState == null) {
            return false;
        }
        int t = code[pc + 1];
        int splat = pc + Op.length(code, pc);
        if (splat >= to || code[splat] != Op.I32X4_SPLAT || code[splat + 2] != t || labels[splat - from]) {
            return false;
        }
        int v = code[splat + 1];
        int shuffle = splat + Op.length(code, splat);
        if (shuffle >= to || code[shuffle] != Op.I8X16_SHUFFLE || labels[shuffle - from]
                || code[shuffle + 2] != v && code[shuffle + 3] != v) {
            return false;
        }
        // The splat overwrites the loaded i32, and the code overwrites the splat before reading it.
        if (t != v && t != v + 1 || code[shuffle + 1] != v && !deadAt(shuffle + Op.length(code, shuffle), v)) {
            return false;
        }
        if (code[pc] == Op.I32_LOAD_ADD) {
            address(pc, code[pc + 2], code[pc + 3], code[pc + 4], 4);
        } else {
            address(pc, code[pc + 2], 0, code[pc + 3], 4);
        }
        // What the load and the splat would have written is dead: forget any lanes there.
        lanesWritten(v);
        lanesWritten(v + 1);
        fusedSplat = splat;
        fusedShuffle = shuffle;
        fusedSlot = v;
        return true;
    }

    /** The pc of a COPY that copyLanes did with the one before it, else -1. */
    private int copiedWithPrevious = -1;

    /**
     * A v128 copy (two COPYs, of slots s and s + 1) of a v128 held in lane locals: lane locals
     * to lane locals, without packing. True if it emitted the copy, or this COPY is its second half.
     */
    private boolean copyLanes(int pc) {
        if (pc == copiedWithPrevious) {
            return true;
        }
        int dst = code[pc + 1];
        int src = code[pc + 2];
        int next = pc + Op.length(code, pc);
        if (laneState == null || laneState[src] == NO_LANES || next >= to || code[next] != Op.COPY
                || code[next + 1] != dst + 1 || code[next + 2] != src + 1 || labels[next - from]) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            local(ILOAD, laneLocal(src, i));
        }
        lanesFromStack(dst);
        copiedWithPrevious = next;
        return true;
    }

    /** A 32-bit-lane op whose four result lanes go to dst's lane locals (code that calls nothing). */
    private void lanes32ToLocals(int op, int a, int b, int dst) {
        for (int i = 0; i < 4; i++) {
            lane32Result(op, a, b, i);
        }
        lanesFromStack(dst);
    }

    /** With four int lanes on the stack (lane 0 deepest): they become the v128 at dst, in its lane locals. */
    private void lanesFromStack(int dst) {
        // The v128s that overlap dst by one slot keep their other half: packed first.
        for (int k = Math.max(0, dst - 1); k <= dst + 1; k++) {
            if (k != dst && laneState[k] == LANES_DIRTY) {
                packLanes(k);
            }
            laneState[k] = NO_LANES;
        }
        for (int i = 3; i >= 0; i--) {
            local(ISTORE, laneLocal(dst, i));
        }
        laneState[dst] = LANES_DIRTY;
        // The longs are written when packed; the first pass marks them so both passes agree on the frame.
        used[dst] = true;
        used[dst + 1] = true;
        narrow[dst] = false;
        narrow[dst + 1] = false;
    }

    /** With the two halves (lo, then hi) on the stack: stores them to the v128 at dst. */
    private void storeVector(int dst) {
        store(dst + 1);
        store(dst);
    }

    /** With a lane value (a long, its low bytes the lane) on the stack: the splat of it to the v128 at dst. */
    private void splat(int bytes, int dst) {
        if (bytes == 4) {
            // x & MASK32 | x << 32 (eaLocal as scratch): C2 sees through it when lanes are taken apart again.
            lstore(eaLocal);
            lload(eaLocal);
            pushLong(MASK32);
            out.u1(LAND);
            lload(eaLocal);
            pushInt(32);
            out.u1(LSHL);
            out.u1(LOR);
        } else if (bytes < 8) {
            pushLong((1L << (8 * bytes)) - 1);
            out.u1(LAND);
            pushLong(bytes == 1 ? LANES8 : LANES16);
            out.u1(LMUL);
        }
        out.u1(DUP2);
        storeVector(dst);
    }

    private void extractLane(int a, int bit, int bits, boolean signed, int dst) {
        load(a + (bit >> 6));
        if ((bit & 63) != 0) {
            pushInt(bit & 63);
            out.u1(LUSHR);
        }
        if (signed) {
            out.u1(L2I);
            out.u1(bits == 8 ? I2B : I2S);
            out.u1(I2L);
        } else if (bits < 64 && bit % 64 + bits < 64) {
            pushLong((1L << bits) - 1);
            out.u1(LAND);
        }
        store(dst);
    }

    private void replaceLane(int a, int value, int bit, int bits, int dst) {
        int h = bit >> 6;
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        for (int half = 0; half < 2; half++) {
            if (half != h) {
                load(a + half);
                continue;
            }
            if (bits < 64) {
                load(a + half);
                pushLong(~(mask << (bit & 63)));
                out.u1(LAND);
            }
            load(value);
            if (bits < 64) {
                if ((bit & 63) + bits < 64) {
                    pushLong(mask);
                    out.u1(LAND);
                }
                if ((bit & 63) != 0) {
                    pushInt(bit & 63);
                    out.u1(LSHL);
                }
                out.u1(LOR);
            }
        }
        storeVector(dst);
    }

    /**
     * Pushes 32-bit lane i of i8x16.shuffle's result as an int: bytes picked in runs of
     * consecutive source bytes within one source lane, read as ints (from lane locals if held).
     */
    private void shuffleLane32(int pc, int i) {
        int a = code[pc + 2];
        int b = code[pc + 3];
        boolean pushed = false;
        int j = 4 * i;
        while (j < 4 * i + 4) {
            int source = shuffleLane(pc, j);
            int to = (j - 4 * i) * 8;
            if (pc == fusedShuffle && (source < 16 ? a : b) == fusedSlot) {
                // A byte of the splat of the i32 at the checked address (splatLoad): byte source & 3 of memory there.
                memoryAt(source & 3, 1);
                out.u1(BALOAD);
                pushInt(0xFF);
                out.u1(IAND);
                if (to != 0) {
                    pushInt(to);
                    out.u1(ISHL);
                }
                if (pushed) {
                    out.u1(IOR);
                }
                pushed = true;
                j++;
                continue;
            }
            int run = 1;
            while (j + run < 4 * i + 4 && shuffleLane(pc, j + run) == source + run && (source + run & 3) != 0) {
                run++;
            }
            int from = (source & 3) * 8;
            lane32(source < 16 ? a : b, (source & 15) >> 2, false);
            if (from != 0) {
                pushInt(from);
                out.u1(IUSHR);
            }
            if (from + run * 8 < 32 && to + run * 8 < 32) {
                pushInt((int) ((1L << (run * 8)) - 1));
                out.u1(IAND);
            }
            if (to != 0) {
                pushInt(to);
                out.u1(ISHL);
            }
            if (pushed) {
                out.u1(IOR);
            }
            pushed = true;
            j += run;
        }
    }

    /**
     * Pushes the half of i8x16.shuffle's result from output byte first: bytes picked in runs of
     * consecutive source bytes within one source half (a lane-sized pick is one run).
     */
    private void shuffleHalf(int pc, int first) {
        int a = code[pc + 2];
        int b = code[pc + 3];
        boolean pushed = false;
        int j = first;
        while (j < first + 8) {
            int source = shuffleLane(pc, j);
            int run = 1;
            while (j + run < first + 8 && shuffleLane(pc, j + run) == source + run && (source + run & 7) != 0) {
                run++;
            }
            int word = source >> 3;
            int from = (source & 7) * 8;
            int to = (j - first) * 8;
            load(word == 0 ? a : word == 1 ? a + 1 : word == 2 ? b : b + 1);
            if (from != 0) {
                pushInt(from);
                out.u1(LUSHR);
            }
            if (from + run * 8 < 64 && to + run * 8 < 64) {
                pushLong((1L << (run * 8)) - 1);
                out.u1(LAND);
            }
            if (to != 0) {
                pushInt(to);
                out.u1(LSHL);
            }
            if (pushed) {
                out.u1(LOR);
            }
            pushed = true;
            j += run;
        }
    }

    /** The source byte (0-31: a's then b's) of shuffle output byte i. */
    private int shuffleLane(int pc, int i) {
        return code[pc + 4 + (i >> 2)] >>> ((i & 3) * 8) & 31;
    }

    /** Pushes the memory's array or view and the last checked effective address + plus (see address), for an access of width bytes. */
    private void memoryAt(int plus, int bytes) {
        // 1 and 2 bytes from the array (the view's getShort measured slower: fir 2.9 -> 3.5 ms).
        aload(COMPILING_JVM && bytes >= 4 ? viewLocal : memLocal);
        if (eaInt) {
            local(ILOAD, eaIntLocal);
        } else {
            lload(eaLocal);
            out.u1(L2I);
        }
        if (plus != 0) {
            pushInt(plus);
            out.u1(IADD);
        }
    }

    /** Pushes the bytes (1, 2, 4 or 8, zero-extended to a long) at eaLocal + plus. */
    private void loadAt(int plus, int bytes) {
        memoryAt(plus, bytes);
        switch (bytes) {
            case 1:
                out.u1(BALOAD);
                out.u1(I2L);
                pushLong(0xFF);
                out.u1(LAND);
                return;
            case 2:
                invokeStatic(MEMORY, "getShort", "([BI)S");
                out.u1(I2L);
                pushLong(0xFFFF);
                out.u1(LAND);
                return;
            case 4:
                wide("getInt", "(I)I", "([BI)I");
                out.u1(I2L);
                pushLong(MASK32);
                out.u1(LAND);
                return;
            default:
                wide("getLong", "(I)J", "([BI)J");
        }
    }

    /** Stores the low bytes (1, 2, 4 or 8) of slot value shifted right by bit at eaLocal + plus. */
    private void storeAt(int plus, int bytes, int value, int bit) {
        memoryAt(plus, bytes);
        load(value);
        if (bit != 0) {
            pushInt(bit);
            out.u1(LUSHR);
        }
        switch (bytes) {
            case 1:
                out.u1(L2I);
                out.u1(I2B);
                out.u1(BASTORE);
                return;
            case 2:
                out.u1(L2I);
                out.u1(I2S);
                invokeStatic(MEMORY, "putShort", "([BIS)V");
                return;
            case 4:
                out.u1(L2I);
                wide("putInt", "(II)Ljava/nio/ByteBuffer;", "([BII)V");
                return;
            default:
                wide("putLong", "(IJ)Ljava/nio/ByteBuffer;", "([BIJ)V");
        }
    }

    /**
     * The rest (lane loads, narrow, extend, extmul, bitmask, all_true, the f64x2/i32x4
     * conversions): the operands go to the frame in the value stack, the interpreter's
     * definition runs there (JitSimd.execute), and the result comes back.
     */
    private void vectorByInterpreter(int op, int pc) {
        String kinds = vectorOperands(op, Op.length(code, pc));
        for (int i = 0; i < kinds.length(); i++) {
            char kind = kinds.charAt(i);
            int slot = code[pc + 1 + i];
            if (kind == 'V' || kind == 'S') {
                spill(slot);
                if (kind == 'V') {
                    spill(slot + 1);
                }
            }
        }
        boolean memory = op >= Op.V128_LOAD8_LANE && op <= Op.V128_LOAD64_ZERO || op >= Op.V128_LOAD && op <= Op.V128_STORE;
        pushInt(pc);
        aload(stackLocal);
        local(ILOAD, fpLocal);
        if (memory) {
            aload(memLocal);
            lload(memSizeLocal);
        } else {
            out.u1(0x01); // aconst_null
            out.u1(LCONST_0);
        }
        aload(instLocal);
        invokeStatic(SIMD, "execute", "(I[JI[BJ" + INSTANCE_TYPE + ")V");
        char result = kinds.charAt(0);
        if (result == 'v' || result == 's') {
            reload(code[pc + 1]);
            if (result == 'v') {
                reload(code[pc + 1] + 1);
            }
        }
    }

    /**
     * The kinds of a vector op's operands, one letter each: v or s a v128 or scalar result, V or S
     * a v128 or scalar operand, - an immediate.
     */
    private static String vectorOperands(int op, int length) {
        if (op >= Op.V128_LOAD && op <= Op.V128_LOAD64_SPLAT || op == Op.V128_LOAD32_ZERO || op == Op.V128_LOAD64_ZERO) {
            return "vS-";
        }
        if (op >= Op.V128_LOAD8_LANE && op <= Op.V128_LOAD64_LANE) {
            return "vSV--";
        }
        if (op >= Op.V128_STORE8_LANE && op <= Op.V128_STORE64_LANE) {
            return "SV--";
        }
        switch (op) {
            case Op.V128_GLOBAL_GET:
                return "v-";
            case Op.V128_GLOBAL_SET:
                return "-V";
            case Op.V128_STORE:
                return "SV-";
            case Op.V128_CONST:
                return "v----";
            case Op.I8X16_SHUFFLE:
                return "vVV----";
            case Op.V128_ANY_TRUE:
            case Op.I8X16_ALL_TRUE:
            case Op.I16X8_ALL_TRUE:
            case Op.I32X4_ALL_TRUE:
            case Op.I64X2_ALL_TRUE:
            case Op.I8X16_BITMASK:
            case Op.I16X8_BITMASK:
            case Op.I32X4_BITMASK:
            case Op.I64X2_BITMASK:
                return "sV";
            default:
                break;
        }
        if (op >= Op.I8X16_SPLAT && op <= Op.F64X2_SPLAT) {
            return "vS";
        }
        if (op >= Op.I8X16_EXTRACT_LANE_S && op <= Op.F64X2_REPLACE_LANE) {
            return length == 4 ? "sV-" : "vVS-";
        }
        if (isVectorShift(op)) {
            return "vVS";
        }
        return length == 3 ? "vV" : length == 4 ? "vVV" : "vVVV";
    }

    private void spill(int slot) {
        stackAddress(slot);
        load(slot);
        out.u1(LASTORE);
    }

    private void reload(int slot) {
        stackAddress(slot);
        out.u1(LALOAD);
        store(slot);
    }

    // ---- pieces ------------------------------------------------------------------------------

    private boolean intCompare(int x, int y, boolean unsigned, int branch, int dst) {
        loadInt(x);
        flip(unsigned);
        loadInt(y);
        flip(unsigned);
        condition(branch, dst);
        return true;
    }

    private boolean intCompareImmediate(int x, int imm, boolean unsigned, int branch, int dst) {
        loadInt(x);
        flip(unsigned);
        pushInt(unsigned ? imm ^ Integer.MIN_VALUE : imm);
        condition(branch, dst);
        return true;
    }

    private boolean longCompare(int x, int y, boolean unsigned, int branch, int dst) {
        load(x);
        if (unsigned) {
            pushLong(Long.MIN_VALUE);
            out.u1(LXOR);
        }
        load(y);
        if (unsigned) {
            pushLong(Long.MIN_VALUE);
            out.u1(LXOR);
        }
        out.u1(LCMP);
        condition(branch, dst);
        return true;
    }

    private boolean floatCompare(int x, int y, int compare, int branch, int dst) {
        boolean isFloat = compare == FCMPL || compare == FCMPG;
        loadFloat(x, isFloat);
        loadFloat(y, isFloat);
        out.u1(compare);
        condition(branch, dst);
        return true;
    }

    private boolean intBranch(int x, int y, boolean immediate, boolean unsigned, int branch, int target, int pc) {
        loadInt(x);
        flip(unsigned);
        if (immediate) {
            pushInt(unsigned ? y ^ Integer.MIN_VALUE : y);
        } else {
            loadInt(y);
            flip(unsigned);
        }
        branch(branch, target, pc);
        return true;
    }

    private boolean intBinary(int x, int y, int opcode, int dst) {
        loadInt(x);
        loadInt(y);
        out.u1(opcode);
        storeInt(dst);
        return true;
    }

    private boolean intImmediate(int x, int imm, int opcode, int dst) {
        loadInt(x);
        pushInt(imm);
        out.u1(opcode);
        storeInt(dst);
        return true;
    }

    private boolean intRotate(int x, int y, String method, int dst) {
        loadInt(x);
        loadInt(y);
        invokeStatic("java/lang/Integer", method, "(II)I");
        storeInt(dst);
        return true;
    }

    private boolean longBinary(int x, int y, int opcode, int dst) {
        load(x);
        load(y);
        out.u1(opcode);
        store(dst);
        return true;
    }

    private boolean longShift(int x, int y, int opcode, int dst) {
        load(x);
        loadInt(y);
        out.u1(opcode);
        store(dst);
        return true;
    }

    private boolean longImmediate(int x, int imm, int opcode, int dst) {
        load(x);
        pushLong(imm);
        out.u1(opcode);
        store(dst);
        return true;
    }

    private boolean longShiftImmediate(int x, int imm, int opcode, int dst) {
        load(x);
        pushInt(imm);
        out.u1(opcode);
        store(dst);
        return true;
    }

    private boolean floatBinary(int x, int y, int opcode, int dst) {
        loadFloat(x, true);
        loadFloat(y, true);
        out.u1(opcode);
        invokeStatic("java/lang/Float", "floatToRawIntBits", "(F)I");
        out.u1(I2L);
        store(dst);
        return true;
    }

    private boolean doubleBinary(int x, int y, int opcode, int dst) {
        loadFloat(x, false);
        loadFloat(y, false);
        out.u1(opcode);
        invokeStatic("java/lang/Double", "doubleToRawLongBits", "(D)J");
        store(dst);
        return true;
    }

    /** Unsigned i32 compares are signed compares of both values with the sign bit flipped. */
    private void flip(boolean unsigned) {
        if (unsigned) {
            pushInt(Integer.MIN_VALUE);
            out.u1(IXOR);
        }
    }

    /** Consumes the int (or lcmp/fcmp result) compare operands on the stack: dst = 1 if the branch is taken, else 0. */
    private void condition(int branch, int dst) {
        int taken = jumpForward(branch);
        out.u1(ICONST_0);
        int end = jumpForward(GOTO);
        bindHere(taken);
        out.u1(ICONST_0 + 1);
        bindHere(end);
        storeInt(dst);
    }

    /** Whether the last access's address was checked as an int, in eaIntLocal (else a long, in eaLocal). */
    private boolean eaInt;

    /**
     * The i32 in slot plus the i32 plus (wrapping), the access's address: checks that bytes from
     * there plus offset fit the memory, trapping otherwise, and keeps the effective address for
     * {@link #memoryAt}. Under a compiling JVM, in a loop that calls nothing (pc is the
     * access's op), the check and the address are ints where they fit: C2 takes an int compare
     * against a loop-invariant limit, of an induction variable plus invariants, for a range check
     * and moves it (with the Java array's own range checks on the same index) out of a counted
     * loop; a long address hides the index from it. Elsewhere the int form only costs bytecode
     * (a compare more and the limit computed at every access: emu 17% slower), so the long one
     * stays (docs/RATIONALE.md, "Why are addresses in loops checked as ints?").
     */
    private void address(int pc, int slot, int plus, int offset, int bytes) {
        eaInt = COMPILING_JVM && inLeafLoop[pc - from] && (offset & MASK32) <= Integer.MAX_VALUE - bytes;
        if (!eaInt) {
            if (plus != 0) {
                loadInt(slot);
                pushInt(plus);
                out.u1(IADD);
                out.u1(I2L);
            } else {
                load(slot);
            }
            pushLong(MASK32);
            out.u1(LAND);
            checkedAddress(offset, bytes);
            return;
        }
        loadInt(slot);
        if (plus != 0) {
            pushInt(plus);
            out.u1(IADD);
        }
        local(ISTORE, eaIntLocal);
        // The memory is smaller than 2 GiB (a Java array), so an address with the sign bit set
        // never fits; then address < max(0, size - offset - bytes + 1): the two compares are the
        // shape C2 folds into one unsigned compare, and max keeps the limit's type non-negative.
        local(ILOAD, eaIntLocal);
        int negative = jumpForward(IFLT);
        local(ILOAD, eaIntLocal);
        lload(memSizeLocal);
        out.u1(L2I);
        pushInt(offset + bytes - 1);
        out.u1(ISUB);
        out.u1(ICONST_0);
        invokeStatic("java/lang/Math", "max", "(II)I");
        int fits = jumpForward(IF_ICMPLT);
        bindHere(negative);
        trap("outOfBounds");
        bindHere(fits);
        if (offset != 0) {
            local(ILOAD, eaIntLocal);
            pushInt(offset);
            out.u1(IADD);
            local(ISTORE, eaIntLocal);
        }
    }

    /**
     * With a u32 address (a long) on the stack: adds offset and stores the effective address in
     * eaLocal, trapping unless bytes from there fit the memory.
     */
    private void checkedAddress(int offset, int bytes) {
        if (offset != 0) {
            pushLong(offset & MASK32);
            out.u1(LADD);
        }
        lstore(eaLocal);
        // ea > size - bytes rather than ea + bytes > size: size - bytes does not change in a loop
        // that neither calls nor grows the memory, so C2 computes it once, before the loop, and
        // each access compares ea with a register (scalar sobel's kernel: 10% less time).
        lload(eaLocal);
        lload(memSizeLocal);
        pushLong(bytes);
        out.u1(LSUB);
        out.u1(LCMP);
        int fits = jumpForward(IFLE);
        trap("outOfBounds");
        bindHere(fits);
    }

    private static int width(int op) {
        switch (op) {
            case Op.I64_LOAD:
            case Op.I64_LOAD_ADD:
            case Op.I64_STORE:
                return 8;
            case Op.I32_LOAD:
            case Op.I32_LOAD_ADD:
            case Op.I64_LOAD32_S:
            case Op.I64_LOAD32_U:
            case Op.I32_STORE:
                return 4;
            case Op.I32_LOAD16_S:
            case Op.I32_LOAD16_U:
            case Op.I64_LOAD16_S:
            case Op.I64_LOAD16_U:
            case Op.I32_STORE16:
                return 2;
            default:
                return 1;
        }
    }

    /** With mem and the int address on the stack: pushes the loaded slot value. */
    private void memoryLoad(int op) {
        switch (op) {
            case Op.I64_LOAD:
                wide("getLong", "(I)J", "([BI)J");
                return;
            case Op.I32_LOAD:
            case Op.I64_LOAD32_S:
                wide("getInt", "(I)I", "([BI)I");
                out.u1(I2L);
                return;
            case Op.I64_LOAD32_U:
                wide("getInt", "(I)I", "([BI)I");
                out.u1(I2L);
                pushLong(MASK32);
                out.u1(LAND);
                return;
            case Op.I32_LOAD16_S:
            case Op.I64_LOAD16_S:
                invokeStatic(MEMORY, "getShort", "([BI)S");
                out.u1(I2L);
                return;
            case Op.I32_LOAD16_U:
            case Op.I64_LOAD16_U:
                invokeStatic(MEMORY, "getShort", "([BI)S");
                pushInt(0xFFFF);
                out.u1(IAND);
                out.u1(I2L);
                return;
            case Op.I32_LOAD8_S:
            case Op.I64_LOAD8_S:
                out.u1(BALOAD);
                out.u1(I2L);
                return;
            default:
                out.u1(BALOAD);
                pushInt(0xFF);
                out.u1(IAND);
                out.u1(I2L);
        }
    }

    /** With mem and the int address on the stack: stores the low bytes of slot value. */
    private void memoryStore(int op, int value) {
        switch (op) {
            case Op.I64_STORE:
                load(value);
                wide("putLong", "(IJ)Ljava/nio/ByteBuffer;", "([BIJ)V");
                return;
            case Op.I32_STORE:
                loadInt(value);
                wide("putInt", "(II)Ljava/nio/ByteBuffer;", "([BII)V");
                return;
            case Op.I32_STORE16:
                loadInt(value);
                out.u1(I2S);
                invokeStatic(MEMORY, "putShort", "([BIS)V");
                return;
            default:
                loadInt(value);
                out.u1(I2B);
                out.u1(BASTORE);
        }
    }

    /**
     * A 4- or 8-byte access with the view or the array (see {@link #COMPILING_JVM}) and the
     * address on the stack: the view's method, or Memory's static one of the same name.
     */
    private void wide(String method, String viewDescriptor, String arrayDescriptor) {
        if (!COMPILING_JVM) {
            invokeStatic(MEMORY, method, arrayDescriptor);
            return;
        }
        invokeVirtual(BUFFER, method, viewDescriptor);
        if (viewDescriptor.endsWith("ByteBuffer;")) {
            // The view's put methods return the view itself.
            out.u1(POP);
        }
    }

    private void brTable(int pc) {
        int count = code[pc + 2];
        if (count == 0) {
            branch(GOTO, code[pc + 3], pc);
            return;
        }
        loadInt(code[pc + 1]);
        int start = out.size();
        out.u1(TABLESWITCH);
        while (out.size() % 4 != 0) {
            out.u1(0);
        }
        // Out of range (negative too) takes the default, the last target, as BR_TABLE says.
        wideBranch(code[pc + 3 + count], start);
        out.u4(0);
        out.u4(count - 1);
        for (int i = 0; i < count; i++) {
            wideBranch(code[pc + 3 + i], start);
        }
    }

    private void trap(String method) {
        invokeStatic(SUPER, method, TRAP_DESCRIPTOR);
        out.u1(ATHROW);
    }

    /**
     * A branch on an i32 in a slot (BR_IF, BR_IF_EQZ). Back to the head of a loop that calls, it
     * is a forward branch over a GOTO (under C2, COMPILING_JVM): C2 polls for safepoints at
     * backward branches, and the JVM state at the poll would then hold the condition, which C2
     * materializes (a CMOV and a compare again each iteration) where at the GOTO it is dead and
     * the compare branches directly. A loop that calls nothing keeps the backward branch, the
     * shape C2's counted loops want (docs/RATIONALE.md, "Why is a br_if back to a loop that
     * calls a branch over a GOTO?").
     */
    private void conditionalBranch(int opcode, int inverse, int target, int pc) {
        if (!COMPILING_JVM || target > pc || target < from || !callsIn(target, pc)) {
            branch(opcode, target, pc);
            return;
        }
        int skip = jumpForward(inverse);
        branch(GOTO, target, pc);
        bindHere(skip);
    }

    /** Whether code[start, end) has a call. */
    private boolean callsIn(int start, int end) {
        for (int pc = start; pc < end; pc += Op.length(code, pc)) {
            if (isCall(code[pc])) {
                return true;
            }
        }
        return false;
    }

    /** A branch to the instruction at Op pc target, patched once all are placed. */
    private void branch(int opcode, int target, int pc) {
        int start = out.size();
        out.u1(opcode);
        addFixup(out.size(), start, target, 2);
        out.u2(0);
    }

    private void wideBranch(int target, int start) {
        addFixup(out.size(), start, target, 4);
        out.u4(0);
    }

    /**
     * A branch offset to patch at at, relative to start, to the instruction at Op pc target (or
     * EXIT_BLOCK); kind is its width in bytes, 2 or 4, with TO_EXIT for an exit's stub.
     */
    private void addFixup(int at, int start, int target, int kind) {
        if (target != EXIT_BLOCK && (kind & TO_EXIT) == 0 && (target < from || target >= to)) {
            // A branch out of a loop leaves through the stub for its target.
            noteExit(target);
            kind |= TO_EXIT;
        }
        if (fixupCount + 4 > fixups.length) {
            fixups = java.util.Arrays.copyOf(fixups, fixups.length * 2);
        }
        fixups[fixupCount++] = at;
        fixups[fixupCount++] = start;
        fixups[fixupCount++] = target;
        fixups[fixupCount++] = kind;
    }

    private void noteExit(int target) {
        if (!loop) {
            throw new IllegalStateException("branch to pc " + target + " outside function [" + from + ", " + to + ")");
        }
        for (int i = 0; i < exitCount; i += 2) {
            if (exits[i] == target) {
                return;
            }
        }
        if (exitCount + 2 > exits.length) {
            exits = java.util.Arrays.copyOf(exits, exits.length * 2);
        }
        exits[exitCount++] = target;
        exits[exitCount++] = -1;
    }

    /** A forward jump within one instruction's bytecode: returns its position, for {@link #bindHere}. */
    private int jumpForward(int opcode) {
        int start = out.size();
        out.u1(opcode);
        out.u2(0);
        return start;
    }

    private void bindHere(int jump) {
        out.patch2(jump + 1, out.size() - jump);
    }

    /**
     * stackAddress for a call that passes values on the value stack (imports, call_indirect's
     * default, callees that are not compiled): in a function, the value stack is loaded from the
     * instance here, so that a function whose only use of it is such a call does not load it on
     * every entry (on a JVM that only interprets, two calls each time).
     */
    private void callStackAddress(int slot) {
        if (loop) {
            stackAddress(slot);
        } else {
            stackFromInstance(slot);
        }
    }

    private void stackAddress(int slot) {
        aload(stackLocal);
        local(ILOAD, fpLocal);
        if (slot != 0) {
            pushInt(slot);
            out.u1(IADD);
        }
    }

    private void load(int slot) {
        lanesRead(slot);
        used[slot] = true;
        if (isInt(slot)) {
            local(ILOAD, firstSlot + 2 * slot);
            out.u1(I2L);
        } else {
            lload(firstSlot + 2 * slot);
        }
    }

    private void loadInt(int slot) {
        if (isInt(slot)) {
            lanesRead(slot);
            used[slot] = true;
            local(ILOAD, firstSlot + 2 * slot);
        } else {
            load(slot);
            out.u1(L2I);
        }
    }

    /** Whether the slot is a JVM int local (see intSlot). */
    private boolean isInt(int slot) {
        return intSlot != null && intSlot[slot];
    }

    private void loadFloat(int slot, boolean isFloat) {
        if (isFloat) {
            loadInt(slot);
            invokeStatic("java/lang/Float", "intBitsToFloat", "(I)F");
        } else {
            load(slot);
            invokeStatic("java/lang/Double", "longBitsToDouble", "(J)D");
        }
    }

    /** Stores the long on the stack, which may be any value: the slot stays a long local. */
    private void store(int slot) {
        wide[slot] = true;
        narrow[slot] = false;
        if (isInt(slot)) {
            throw new IllegalStateException("slot " + slot + " was taken for an int local but gets a long");
        }
        storeLong(slot);
    }

    private void storeLong(int slot) {
        lanesWritten(slot);
        used[slot] = true;
        written[slot] = true;
        lstore(firstSlot + 2 * slot);
    }

    /** Stores the int on the stack, an i32 result. */
    private void storeInt(int slot) {
        narrow[slot] = true;
        if (isInt(slot)) {
            lanesWritten(slot);
            used[slot] = true;
            written[slot] = true;
            local(ISTORE, firstSlot + 2 * slot);
        } else {
            out.u1(I2L);
            storeLong(slot);
        }
    }

    /** Stores the long on the stack, an i32 result sign-extended (as I2L leaves it). */
    private void storeI32(int slot) {
        if (isInt(slot)) {
            out.u1(L2I);
            storeInt(slot);
        } else {
            storeLong(slot);
            narrow[slot] = true;
        }
    }

    /** dst = src, for COPY and SELECT: dst is an int local only if src is one. */
    private void loadForCopy(int src, int dst) {
        if (copyCount == copies.length) {
            copies = java.util.Arrays.copyOf(copies, 2 * copyCount);
        }
        // A narrow source holds an i32 here whatever it holds elsewhere: no pair, which would widen dst for nothing.
        if (!narrow[src]) {
            copies[copyCount++] = dst;
            copies[copyCount++] = src;
            copyNarrow = false;
        }
        if (isInt(dst)) {
            loadInt(src);
        } else {
            load(src);
        }
    }

    /** Stores what loadForCopy loaded for dst. */
    private void storeCopy(int dst) {
        if (isInt(dst)) {
            storeInt(dst);
        } else {
            storeLong(dst);
        }
        narrow[dst] = copyNarrow;
        copyNarrow = true;
    }

    private void lload(int local) {
        local(LLOAD, local);
    }

    private void lstore(int local) {
        local(LSTORE, local);
    }

    private void aload(int local) {
        local(ALOAD, local);
    }

    private void local(int opcode, int local) {
        int part = local - stackLocal;
        if ((opcode == ALOAD || opcode == LLOAD) && part >= 0 && part < 8) {
            contextRead |= 1L << part;
        }
        if (local > 255) {
            out.u1(WIDE);
            out.u1(opcode);
            out.u2(local);
        } else {
            out.u1(opcode);
            out.u1(local);
        }
    }

    private void pushInt(int value) {
        if (value >= -1 && value <= 5) {
            out.u1(ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            out.u1(BIPUSH);
            out.u1(value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            out.u1(SIPUSH);
            out.u2(value);
        } else {
            out.u1(LDC_W);
            out.u2(classFile.intConstant(value));
        }
    }

    private void pushLong(long value) {
        if (value == 0 || value == 1) {
            out.u1(LCONST_0 + (int) value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            pushInt((int) value);
            out.u1(I2L);
        } else {
            out.u1(LDC2_W);
            out.u2(classFile.longConstant(value));
        }
    }

    private void invokeVirtual(String owner, String name, String descriptor) {
        out.u1(INVOKEVIRTUAL);
        out.u2(classFile.methodRef(owner, name, descriptor));
    }

    private void invokeStatic(String owner, String name, String descriptor) {
        out.u1(INVOKESTATIC);
        out.u2(classFile.methodRef(owner, name, descriptor));
    }
}
