package dev.weir.core;

import dev.weir.core.module.TrapException;
import dev.weir.core.module.FuncType;

/**
 * A function instance (<a href="https://webassembly.github.io/spec/core/exec/runtime.html#function-instances">spec 4.2.6</a>): a wasm function of an {@link Instance}, or a host function.
 * Get one with {@link Instance#function(String)} and call it from Java with the {@code call}
 * methods: arguments and results are slot-encoded longs (i32 in the low 32 bits, floats as raw
 * bits: {@code Float.floatToRawIntBits}, {@code Double.doubleToRawLongBits}). The fixed-arity
 * forms and {@link #call(long[], long[])} with reused arrays allocate nothing.
 *
 * <p>An i32 result carries meaningless high bits: read it as {@code (int) f.call(...)}.
 * A call made from a host function re-enters the store: it runs above the caller's frame on the
 * same value stack. A host function called directly from Java gets a null caller instance.
 */
public final class Function {
    private static final long[] NO_VALUES = new long[0];

    private final FuncType type;
    /** The Java implementation, or null for a wasm function. */
    final HostFunction host;
    /** The defining instance of a wasm function, null for a host function. */
    final Instance instance;
    /** Index in the defining instance's function space, -1 for a host function. */
    final int functionIndex;
    /** Entry pc (of the header) in the instance's code, -1 for a host function. */
    final int entry;
    /** Slots a host call occupies at its base: arguments in, results out. */
    final int hostSlots;
    /**
     * For call_indirect from compiled code ({@link JitCode#indirectTarget}): the defined index
     * of a wasm function whose code starts with {@code Op.JIT_ENTRY} (fixed when the module was
     * compiled), else -1; read here, one load from the table's callee, instead of from its code.
     */
    final int jitIndex;

    /** Set when the function is adopted by a store (see {@link Store#register}). */
    Store store;
    int id = -1;
    int typeId = -1;

    private Function(FuncType type, HostFunction host, Instance instance, int functionIndex, int entry) {
        this.type = type;
        this.host = host;
        this.instance = instance;
        this.functionIndex = functionIndex;
        this.entry = entry;
        this.hostSlots = Math.max(type.paramSlots(), type.resultSlots());
        int at = entry + dev.weir.core.internal.compile.Op.HEADER_SIZE;
        this.jitIndex = instance != null && instance.code[at] == dev.weir.core.internal.compile.Op.JIT_ENTRY
                ? instance.code[at + 1] : -1;
    }

    /** A host function, to be given to {@link Linker#define(String, String, Function)}. */
    public static Function host(FuncType type, HostFunction implementation) {
        if (type == null || implementation == null) {
            throw new NullPointerException("host function needs a type and an implementation");
        }
        return new Function(type, implementation, null, -1, -1);
    }

    static Function wasm(FuncType type, Instance instance, int functionIndex, int entry) {
        return new Function(type, null, instance, functionIndex, entry);
    }

    public FuncType type() {
        return type;
    }

    /** True for a function implemented in Java. */
    public boolean isHost() {
        return host != null;
    }

    /** Calls with no arguments; returns the first result, or 0 when there is none. */
    public long call() {
        int base = begin(0);
        return finish(base);
    }

    public long call(long a) {
        int base = begin(1);
        store.stack[base] = a;
        return finish(base);
    }

    public long call(long a, long b) {
        int base = begin(2);
        long[] stack = store.stack;
        stack[base] = a;
        stack[base + 1] = b;
        return finish(base);
    }

    public long call(long a, long b, long c) {
        int base = begin(3);
        long[] stack = store.stack;
        stack[base] = a;
        stack[base + 1] = b;
        stack[base + 2] = c;
        return finish(base);
    }

    public long call(long a, long b, long c, long d) {
        int base = begin(4);
        long[] stack = store.stack;
        stack[base] = a;
        stack[base + 1] = b;
        stack[base + 2] = c;
        stack[base + 3] = d;
        return finish(base);
    }

    /** Calls with args (one slot per value, two for v128) and writes all results into results. */
    public void call(long[] args, long[] results) {
        if (args == null) {
            args = NO_VALUES;
        }
        int n = type.resultSlots();
        if (n > 0 && (results == null || results.length < n)) {
            throw new IllegalArgumentException(this + " returns " + n + " slots, the results array holds "
                    + (results == null ? 0 : results.length));
        }
        int base = begin(args.length);
        long[] stack = store.stack;
        System.arraycopy(args, 0, stack, base, args.length);
        invoke(base);
        if (n > 0) {
            System.arraycopy(stack, base, results, 0, n);
        }
    }

    /** Checks the arity and room for the call; returns the base slot of its arguments. */
    private int begin(int argSlots) {
        Store s = store;
        if (s == null) {
            throw new IllegalStateException("host function " + this + " is not linked into a store");
        }
        if (argSlots != type.paramSlots()) {
            throw new IllegalArgumentException(this + " takes " + type.paramSlots() + " argument slots, got "
                    + argSlots);
        }
        int base = s.top;
        int needed = host != null ? hostSlots : instance.code[entry + 2];
        if (base + needed > s.stack.length || s.depth >= s.returnPcs.length) {
            // The first call into the store allocates its stacks (empty until then), then checks again.
            if (!s.allocateStacks() || base + needed > s.stack.length) {
                TrapException trap = Store.exhausted();
                trap.setExhaustedLimit(s.depth >= s.returnPcs.length ? TrapException.CALL_DEPTH : TrapException.VALUE_STACK);
                throw trap;
            }
        }
        return base;
    }

    private long finish(int base) {
        invoke(base);
        return type.resultSlots() == 0 ? 0 : store.stack[base];
    }

    private void invoke(int base) {
        Store s = store;
        if (host == null) {
            Interpreter.execute(s, instance, entry, base);
            return;
        }
        int savedTop = s.top;
        s.top = base + hostSlots;
        try {
            host.call(null, s.stack, base);
        } finally {
            s.top = savedTop;
        }
    }

    @Override
    public String toString() {
        if (host != null) {
            return "host function " + type;
        }
        return instance.module().describeFunction(functionIndex);
    }
}
