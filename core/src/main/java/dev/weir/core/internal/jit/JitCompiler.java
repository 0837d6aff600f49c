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
     * Whether 4- and 8-byte accesses go through the memory's little-endian view (one unaligned
     * load or store once C2 has compiled them: matmul 1.5x faster) or byte by byte through the
     * array: on a JVM that only interprets (Zero, -Xint) the view's calls cost 2.4-2.9x more.
     */
    private static final boolean WIDE_THROUGH_VIEW =
            !System.getProperty("java.vm.info", "").contains("interpreted mode");

    /**
     * Most argument slots of a direct call: more go through the interpreter, so that a body's
     * operand stack (16 words and a call's arguments) stays within JitCode.FRAME_BYTES.
     */
    private static final int MAX_DIRECT_ARGUMENT_SLOTS = 16;

    /**
     * Most frame slots plus parameter slots of a compiled function that calls: each is two words
     * of JVM locals, so this bounds the Java stack one compiled wasm frame takes
     * ({@code JitCode.FRAME_BYTES}). Functions with more that call stay in the interpreter.
     */
    public static final int MAX_CALLING_SLOTS = 128;

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
    private final int eaLocal;
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
    /** Where the handler's range starts: after the code that sets the call site's local. */
    private int handlerStart;
    /** Slots the body reads or writes, and writes: the first pass finds them for the second. */
    private final boolean[] used;
    private final boolean[] written;

    private JitCompiler(JitSource module, int entry, int[] code, int from, int to, boolean loop, int slots,
            int paramSlots) {
        int p = 2 * paramSlots;
        this.paramSlots = paramSlots;
        this.fpLocal = p;
        this.instLocal = p + 1;
        this.depthLocal = p + 2;
        this.stackLocal = p + 3;
        this.memLocal = p + 4;
        this.viewLocal = p + 5;
        this.memSizeLocal = p + 6;
        this.globalsLocal = p + 8;
        this.storeLocal = p + 9;
        this.eaLocal = p + 10;
        this.exitPcLocal = p + 12;
        this.caughtLocal = p + 13;
        this.firstSlot = p + 14;
        this.module = module;
        this.entry = entry;
        this.code = code;
        this.from = from;
        this.to = to;
        this.loop = loop;
        this.position = new int[to - from + 1];
        java.util.Arrays.fill(position, -1);
        this.used = new boolean[slots];
        this.written = new boolean[slots];
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
            // Metered code keeps the bound: compiled code has no safe point for a checkpoint, so
            // a function compiled whole would take away the checkpoints its interpreted body and
            // compiled loops allow (CheckpointTest); more functions compiled is not worth that.
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
        JitCompiler compiler = twoPasses(module, entry, code, from, to, false, slots, code[entry], resultSlots);
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
                code[entry + 2], 0, 0);
        if (compiler.out.size() > MAX_METHOD_BYTES) {
            compiler = new JitCompiler(null, entry, code, loopPc + Op.JIT_SIZE, loopPc + Op.JIT_SIZE, true, 0, 0);
            compiler.emitMethod(0, 0);
        }
        return compiler.classBytes(PACKAGE + "L" + region, ~region);
    }

    /** Translates code[from, to) twice: the first pass finds the slots used, the second emits. */
    private static JitCompiler twoPasses(JitSource module, int entry, int[] code, int from, int to, boolean loop,
            int slots, int paramSlots, int resultSlots) {
        JitCompiler scout = new JitCompiler(module, entry, code, from, to, loop, slots, paramSlots);
        scout.emitMethod(paramSlots, resultSlots);
        JitCompiler compiler = new JitCompiler(module, entry, code, from, to, loop, slots, paramSlots);
        System.arraycopy(scout.used, 0, compiler.used, 0, slots);
        System.arraycopy(scout.written, 0, compiler.written, 0, slots);
        // Parts the prologue loads read nothing themselves, so the first pass's reads are all.
        compiler.contextRead = scout.contextRead;
        compiler.emitMethod(paramSlots, resultSlots);
        return compiler;
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
                return op < Op.V128_GLOBAL_GET || op > Op.F64X2_CONVERT_LOW_I32X4_U ? 64 : -1;
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
        int[] parameters = {ILOAD, 2, ALOAD, 9, ILOAD, 10};
        for (int b : parameters) {
            run.u1(b);
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
                firstSlot + 2 * used.length, out, handlerStart, handler);
    }

    /**
     * body()'s descriptor: a function's parameter slots as longs, then fp, the instance and the
     * depth; a function returns its first result slot (0 if it has none), a loop the pc to go on at.
     */
    private static String bodyDescriptor(int paramSlots, boolean loop) {
        StringBuilder descriptor = new StringBuilder("(");
        for (int k = 0; k < paramSlots; k++) {
            descriptor.append('J');
        }
        descriptor.append("I" + INSTANCE_TYPE + "I)");
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
            stackAddress(k);
            lload(2 * k);
            out.u1(LASTORE);
        }
        aload(storeLocal);
        aload(instLocal);
        pushInt(entry);
        local(ILOAD, fpLocal);
        local(ILOAD, depthLocal);
        pushInt(1);
        out.u1(ISUB);
        invokeStatic(SUPER, "callDefined", "(" + STORE_TYPE + INSTANCE_TYPE + "III)J");
        out.u1(POP2);
        if (resultSlots > 0) {
            stackAddress(0);
            out.u1(LALOAD);
        } else {
            out.u1(LCONST_0);
        }
        out.u1(LRETURN);
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
        context(stackLocal, "stack", "[J");
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
        for (int pc = from; pc < to; pc += Op.length(code, pc)) {
            position[pc - from] = out.size();
            instruction(pc, resultSlots);
        }
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
     * A function's entry: below the depths recorded (one compare) and with its frame within the
     * value stack, the body runs; else JitCode.enterCallee decides, which records the new depth,
     * and past the Java stack's share, or with the value stack full, the interpreter runs the
     * function (and traps if the frame does not fit). The check is here, not at each call: the
     * caller keeps nothing alive across the call for it. This code is outside the handler's
     * range, so an exhaustion trap is the caller's, as in the interpreter.
     */
    private void checkOnEntry() {
        local(ILOAD, depthLocal);
        aload(storeLocal);
        invokeStatic(SUPER, "fastDepth", "(" + STORE_TYPE + ")I");
        int deep = jumpForward(IF_ICMPGT);
        absolute(code[entry + 2]);
        aload(stackLocal);
        out.u1(ARRAYLENGTH);
        int fits = jumpForward(IF_ICMPLE);
        bindHere(deep);
        aload(storeLocal);
        local(ILOAD, depthLocal);
        local(ILOAD, fpLocal);
        pushInt(code[entry + 2]);
        pushInt(entry);
        invokeStatic(SUPER, "enterCallee", "(" + STORE_TYPE + "IIII)Z");
        int entered = jumpForward(IFNE);
        emitInterpreted();
        bindHere(fits);
        bindHere(entered);
        handlerStart = out.size();
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
                branch(IFNE, code[pc + 2], pc);
                return;
            case Op.BR_IF_EQZ:
                loadInt(code[pc + 1]);
                branch(IFEQ, code[pc + 2], pc);
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
                invokeStatic(SUPER, "callImport", "(" + STORE_TYPE + INSTANCE_TYPE + "IIII)J");
                keepMemorySize();
                loadResults(base, 0, type.resultSlots());
                return;
            }
            case Op.CALL_INDIRECT: {
                int base = code[pc + 4];
                dev.weir.core.module.FuncType type = module.module().type(code[pc + 1]);
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
                invokeStatic(SUPER, "callIndirect", "(" + STORE_TYPE + INSTANCE_TYPE + "IIJIII)J");
                keepMemorySize();
                loadResults(base, 0, type.resultSlots());
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
                load(code[pc + 2]);
                store(a);
                return;
            case Op.FUEL:
                aload(storeLocal);
                pushInt(code[pc + 1]);
                invokeStatic(SUPER, "charge", "(Ldev/weir/core/Store;I)V");
                return;
            case Op.SELECT: {
                loadInt(code[pc + 4]);
                int otherwise = jumpForward(IFEQ);
                load(code[pc + 2]);
                int end = jumpForward(GOTO);
                bindHere(otherwise);
                load(code[pc + 3]);
                bindHere(end);
                store(a);
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
                load(code[pc + 2]);
                pushLong(MASK32);
                out.u1(LAND);
                effectiveAddress(code[pc + 3], op);
                memoryLoad(op);
                store(a);
                return;
            case Op.I32_LOAD_ADD:
            case Op.I64_LOAD_ADD:
            case Op.I32_LOAD8_U_ADD:
                loadInt(code[pc + 2]);
                pushInt(code[pc + 3]);
                out.u1(IADD);
                out.u1(I2L);
                pushLong(MASK32);
                out.u1(LAND);
                effectiveAddress(code[pc + 4], op);
                memoryLoad(op == Op.I32_LOAD_ADD ? Op.I32_LOAD : op == Op.I64_LOAD_ADD ? Op.I64_LOAD : Op.I32_LOAD8_U);
                store(a);
                return;
            case Op.I32_STORE:
            case Op.I64_STORE:
            case Op.I32_STORE8:
            case Op.I32_STORE16:
                load(code[pc + 1]);
                pushLong(MASK32);
                out.u1(LAND);
                effectiveAddress(code[pc + 3], op);
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
                pushLong(code[pc + 2]);
                store(a);
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
                if (!compare(op, pc) && !fusedBranch(op, pc) && !arithmetic(op, pc)) {
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
        int resultSlots = module.module().functionType(module.functionAt(callee)).resultSlots();
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
            String calleeClass = PACKAGE + "F" + (module.functionAt(callee) - module.module().importedFunctionCount());
            invokeStatic(calleeClass, "body", bodyDescriptor(paramSlots, false));
            if (resultSlots > 0) {
                store(base);
            } else {
                out.u1(POP2);
            }
            if (module.mayGrowMemory(module.functionAt(callee))) {
                reloadMemorySize();
            }
            loadResults(base, 1, resultSlots);
            return;
        }
        storeArguments(base, paramSlots, sources);
        aload(storeLocal);
        aload(instLocal);
        pushInt(callee);
        absolute(base);
        local(ILOAD, depthLocal);
        invokeStatic(SUPER, "callDefined", "(" + STORE_TYPE + INSTANCE_TYPE + "III)J");
        keepMemorySize();
        loadResults(base, 0, resultSlots);
    }

    /** Sets the call site's local to the pc after the call at pc (see JitCode.located). */
    private void callSite(int pc) {
        pushInt(pc + Op.length(code, pc));
        local(ISTORE, exitPcLocal);
    }

    /** Writes the n argument slots to the value stack at base: from base.. or from code[sources..]. */
    private void storeArguments(int base, int n, int sources) {
        for (int k = 0; k < n; k++) {
            stackAddress(base + k);
            load(sources < 0 ? base + k : code[sources + k]);
            out.u1(LASTORE);
        }
    }

    /** Reads a call's result slots first..n-1 back from the value stack at base. */
    private void loadResults(int base, int first, int n) {
        for (int k = first; k < n; k++) {
            stackAddress(base + k);
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
            case Op.BR_IF_I32_NE_I: return intBranch(x, y, true, false, IF_ICMPNE, target, pc);
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
        out.u1(I2L);
        store(dst);
        return true;
    }

    private boolean intImmediate(int x, int imm, int opcode, int dst) {
        loadInt(x);
        pushInt(imm);
        out.u1(opcode);
        out.u1(I2L);
        store(dst);
        return true;
    }

    private boolean intRotate(int x, int y, String method, int dst) {
        loadInt(x);
        loadInt(y);
        invokeStatic("java/lang/Integer", method, "(II)I");
        out.u1(I2L);
        store(dst);
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
        out.u1(LCONST_0);
        int end = jumpForward(GOTO);
        bindHere(taken);
        out.u1(LCONST_1);
        bindHere(end);
        store(dst);
    }

    /**
     * With the u32 address (a long) on the stack: adds the offset, stores the effective address
     * in eaLocal and traps unless the access of op's width fits the memory.
     */
    private void effectiveAddress(int offset, int op) {
        if (offset != 0) {
            pushLong(offset & MASK32);
            out.u1(LADD);
        }
        lstore(eaLocal);
        lload(eaLocal);
        pushLong(width(op));
        out.u1(LADD);
        lload(memSizeLocal);
        out.u1(LCMP);
        int fits = jumpForward(IFLE);
        invokeStatic(SUPER, "outOfBounds", TRAP_DESCRIPTOR);
        out.u1(ATHROW);
        bindHere(fits);
        // 1 and 2 bytes from the array (the view's getShort measured slower: fir 2.9 -> 3.5 ms).
        aload(WIDE_THROUGH_VIEW && width(op) >= 4 ? viewLocal : memLocal);
        lload(eaLocal);
        out.u1(L2I);
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
     * A 4- or 8-byte access with the view or the array (see {@link #WIDE_THROUGH_VIEW}) and the
     * address on the stack: the view's method, or Memory's static one of the same name.
     */
    private void wide(String method, String viewDescriptor, String arrayDescriptor) {
        if (!WIDE_THROUGH_VIEW) {
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

    private void stackAddress(int slot) {
        aload(stackLocal);
        local(ILOAD, fpLocal);
        if (slot != 0) {
            pushInt(slot);
            out.u1(IADD);
        }
    }

    private void load(int slot) {
        used[slot] = true;
        lload(firstSlot + 2 * slot);
    }

    private void loadInt(int slot) {
        load(slot);
        out.u1(L2I);
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

    private void store(int slot) {
        used[slot] = true;
        written[slot] = true;
        lstore(firstSlot + 2 * slot);
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
