package dev.weir.board.cli;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.LinkException;
import dev.weir.core.module.MalformedModuleException;
import dev.weir.core.module.TrapException;
import dev.weir.core.module.WasmException;
import dev.weir.core.CompiledModule;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.GlobalType;
import dev.weir.core.module.Limits;
import dev.weir.core.module.TableType;
import dev.weir.core.module.ValType;
import dev.weir.core.Function;
import dev.weir.core.Global;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Memory;
import dev.weir.core.Store;
import dev.weir.core.StoreLimits;
import dev.weir.core.Table;
import dev.weir.core.Wasm;
import dev.weir.text.Script;
import dev.weir.text.TextFormatException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weir wast FILE...}: runs spec-format scripts (modules, register, actions, every
 * assert_*) against weir, as {@code wasmtime wast} does, and prints {@code FILE: N passed, N
 * failed} per file and a total line. Each failure is one line on stderr, {@code FILE:LINE:
 * command: what happened}. Modules import from the {@code spectest} module the spec's
 * interpreter provides. Exit status 0 when nothing failed, 1 otherwise.
 */
final class WastCommand {
    private final String file;
    private final PrintStream err;
    private final Linker linker;
    private final Map<String, Instance> named = new HashMap<>();
    private Instance current;
    int passed;
    int failed;

    private WastCommand(String file, PrintStream err, StoreLimits limits) {
        this.file = file;
        this.err = err;
        this.linker = new Linker(new Store(limits));
        defineSpectest(linker);
    }

    static int execute(String[] args, PrintStream out, PrintStream err) throws CliException {
        int first = 1;
        StoreLimits limits = new StoreLimits();
        if (args.length > 2 && "--max-memory".equals(args[1])) {
            // Each script gets a store of its own with these limits (memory_grow.wast needs 804 pages).
            limits = limits.withMaxMemoryPages(RunOptions.parseMemorySize(args[2]));
            first = 3;
        }
        if (args.length <= first) {
            throw CliException.usage("wast takes one or more scripts: weir wast [--max-memory SIZE] FILE.wast...");
        }
        int passed = 0;
        int failed = 0;
        for (int i = first; i < args.length; i++) {
            String file = args[i];
            WastCommand run = new WastCommand(file, err, limits);
            run.run(new String(ModuleFiles.readFile(file), StandardCharsets.UTF_8));
            out.println(file + ": " + run.passed + " passed, " + run.failed + " failed");
            passed += run.passed;
            failed += run.failed;
        }
        if (args.length - first > 1) {
            out.println("total: " + passed + " passed, " + failed + " failed");
        }
        return failed == 0 ? ExitStatus.OK : 1;
    }

    private void run(String text) {
        List<Script.Command> commands;
        try {
            commands = Script.parse(text);
        } catch (TextFormatException e) {
            failed++;
            err.println(file + ":" + e.getMessage());
            return;
        }
        for (Script.Command c : commands) {
            String failure;
            try {
                failure = execute(c);
            } catch (WasmException | IllegalArgumentException e) {
                failure = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (StackOverflowError e) {
                failure = "the Java stack overflowed";
            }
            if (failure != null) {
                failed++;
                err.println(file + ":" + c.line + ": " + c.kind.scriptName() + ": " + failure);
            } else if (c.isAssertion()) {
                passed++;
            }
        }
    }

    /** Null on success, else what went wrong. */
    private String execute(Script.Command c) {
        switch (c.kind) {
            case MODULE: {
                current = null;
                current = linker.instantiate(Wasm.parse(c.module.binary()));
                if (c.module.name() != null) {
                    named.put(c.module.name(), current);
                }
                return null;
            }
            case REGISTER:
                linker.define(c.text, instance(c.moduleName));
                return null;
            case ACTION:
                invoke(c.action);
                return null;
            case ASSERT_RETURN:
                return assertReturn(c);
            case ASSERT_TRAP:
            case ASSERT_EXHAUSTION:
                try {
                    if (c.action != null) {
                        invoke(c.action);
                    } else {
                        linker.instantiate(Wasm.parse(c.module.binary()));
                    }
                } catch (TrapException e) {
                    return c.kind == Script.Kind.ASSERT_EXHAUSTION && !e.isExhaustion()
                            ? "expected exhaustion \"" + c.text + "\", got the trap " + e.getMessage() : null;
                }
                return "expected a trap \"" + c.text + "\", there was none";
            case ASSERT_MALFORMED: {
                byte[] binary;
                try {
                    binary = c.module.binary();
                } catch (TextFormatException e) {
                    return null;
                }
                try {
                    Wasm.parse(binary);
                } catch (MalformedModuleException e) {
                    return null;
                }
                return "expected a malformed module \"" + c.text + "\", it was accepted";
            }
            case ASSERT_INVALID:
                try {
                    Wasm.parse(c.module.binary());
                } catch (InvalidModuleException e) {
                    return null;
                } catch (MalformedModuleException e) {
                    // A data index with no data count section is malformed in binary before it is invalid.
                    if (String.valueOf(e.getMessage()).contains("data count section required")) {
                        return null;
                    }
                    throw e;
                }
                return "expected an invalid module \"" + c.text + "\", it was accepted";
            case ASSERT_UNLINKABLE:
            case ASSERT_UNINSTANTIABLE: {
                CompiledModule module = Wasm.parse(c.module.binary());
                try {
                    linker.instantiate(module);
                } catch (LinkException e) {
                    return c.kind == Script.Kind.ASSERT_UNLINKABLE ? null : "expected a trap, got " + e.getMessage();
                } catch (TrapException e) {
                    return c.kind == Script.Kind.ASSERT_UNINSTANTIABLE ? null : "expected a link error, got " + e.getMessage();
                }
                return "expected \"" + c.text + "\", the module instantiated";
            }
            default:
                return "unknown command";
        }
    }

    private Instance instance(String name) {
        Instance instance = name == null ? current : named.get(name);
        if (instance == null) {
            throw new IllegalArgumentException(name == null ? "no current module" : "no module named " + name);
        }
        return instance;
    }

    /** The results of an action, as slots, with their types. */
    private static final class Results {
        final byte[] types;
        final long[] slots;

        Results(byte[] types, long[] slots) {
            this.types = types;
            this.slots = slots;
        }
    }

    private Results invoke(Script.Action action) {
        Instance instance = instance(action.module);
        if (!action.invoke) {
            Global g = instance.global(action.field);
            return new Results(new byte[] {g.type().valType()}, new long[] {g.get(), g.getHigh()});
        }
        Function f = instance.function(action.field);
        FuncType type = f.type();
        if (type.paramCount() != action.args.size()) {
            throw new IllegalArgumentException("\"" + action.field + "\" takes " + type.paramCount() + " arguments");
        }
        int slots = 0;
        for (Script.Value v : action.args) {
            slots += v.type.equals("v128") ? 2 : 1;
        }
        long[] args = new long[slots];
        int at = 0;
        for (Script.Value v : action.args) {
            at += encode(v, args, at);
        }
        long[] results = new long[type.resultSlots()];
        f.call(args, results);
        return new Results(type.results(), results);
    }

    private String assertReturn(Script.Command c) {
        Results r = invoke(c.action);
        if (r.types.length != c.expected.size()) {
            return "expected " + c.expected.size() + " results, got " + r.types.length;
        }
        int at = 0;
        for (int i = 0; i < r.types.length; i++) {
            Script.Value want = c.expected.get(i);
            String got = ValType.name(r.types[i]);
            if (!got.equals(want.type)) {
                return "result " + i + " is a " + got + ", expected a " + want.type;
            }
            if (!matches(want, r.slots, at)) {
                return "result " + i + ": expected " + want + ", got 0x" + Long.toHexString(r.slots[at])
                        + (want.type.equals("v128") ? " 0x" + Long.toHexString(r.slots[at + 1]) : "");
            }
            at += want.type.equals("v128") ? 2 : 1;
        }
        return null;
    }

    /** Writes an argument into slots from at; returns the slots used. */
    private static int encode(Script.Value v, long[] slots, int at) {
        switch (v.type) {
            case "v128": {
                int bits = laneBits(v.laneType);
                for (int k = 0; k < v.values.size(); k++) {
                    long lane = Long.parseUnsignedLong(v.values.get(k));
                    int shift = k * bits;
                    slots[at + shift / 64] |= (bits == 64 ? lane : lane & ((1L << bits) - 1)) << (shift & 63);
                }
                return 2;
            }
            case "externref":
            case "funcref":
                // References from scripts: null is 0; ref.extern N is N + 1, so that it is never null.
                slots[at] = "null".equals(v.value()) ? 0 : Long.parseLong(v.value()) + 1;
                return 1;
            default:
                slots[at] = Long.parseUnsignedLong(v.value());
                return 1;
        }
    }

    private static boolean matches(Script.Value want, long[] slots, int at) {
        switch (want.type) {
            case "i32":
                return (int) slots[at] == (int) Long.parseUnsignedLong(want.value());
            case "f32":
                return floatMatches(want.value(), slots[at] & 0xFFFFFFFFL, 32);
            case "i64":
                return slots[at] == Long.parseUnsignedLong(want.value());
            case "f64":
                return floatMatches(want.value(), slots[at], 64);
            case "externref":
                return "null".equals(want.value()) ? slots[at] == 0
                        : "any".equals(want.value()) ? slots[at] != 0 : slots[at] == Long.parseLong(want.value()) + 1;
            case "funcref":
                return "null".equals(want.value()) ? slots[at] == 0 : slots[at] != 0;
            case "v128": {
                int bits = laneBits(want.laneType);
                for (int k = 0; k < want.values.size(); k++) {
                    int shift = k * bits;
                    long lane = slots[at + shift / 64] >>> (shift & 63);
                    if (bits < 64) {
                        lane &= (1L << bits) - 1;
                    }
                    String w = want.values.get(k);
                    boolean ok = want.laneType.startsWith("f") ? floatMatches(w, lane, bits) : lane == Long.parseUnsignedLong(w);
                    if (!ok) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return false;
        }
    }

    /** Exact bits, or a NaN pattern: canonical (quiet bit only) or arithmetic (quiet bit set). */
    private static boolean floatMatches(String want, long bits, int width) {
        long exponent = width == 32 ? 0x7F800000L : 0x7FF0000000000000L;
        long quiet = width == 32 ? 0x00400000L : 0x0008000000000000L;
        long magnitude = bits & (width == 32 ? 0x7FFFFFFFL : 0x7FFFFFFFFFFFFFFFL);
        switch (want) {
            case "nan:canonical":
                return magnitude == (exponent | quiet);
            case "nan:arithmetic":
                return (magnitude & (exponent | quiet)) == (exponent | quiet);
            default:
                return bits == Long.parseUnsignedLong(want);
        }
    }

    private static int laneBits(String laneType) {
        switch (laneType) {
            case "i8":
                return 8;
            case "i16":
                return 16;
            case "i32":
            case "f32":
                return 32;
            default:
                return 64;
        }
    }

    /**
     * The spectest module the spec's scripts import from (as its reference interpreter defines it):
     * print functions that print nothing, globals holding 666 or 666.6, a table of 10 to 20
     * funcrefs and a memory of 1 to 2 pages.
     */
    private static void defineSpectest(Linker linker) {
        byte[] none = new byte[0];
        byte[][] prints = {none, {ValType.I32}, {ValType.I64}, {ValType.F32}, {ValType.F64},
            {ValType.I32, ValType.F32}, {ValType.F64, ValType.F64}};
        String[] names = {"print", "print_i32", "print_i64", "print_f32", "print_f64", "print_i32_f32", "print_f64_f64"};
        for (int i = 0; i < names.length; i++) {
            linker.define("spectest", names[i], new FuncType(prints[i], none), (caller, stack, base) -> { });
        }
        linker.define("spectest", "global_i32", new Global(new GlobalType(ValType.I32, false), 666));
        linker.define("spectest", "global_i64", new Global(new GlobalType(ValType.I64, false), 666));
        linker.define("spectest", "global_f32", new Global(new GlobalType(ValType.F32, false), Float.floatToRawIntBits(666.6f)));
        linker.define("spectest", "global_f64", new Global(new GlobalType(ValType.F64, false), Double.doubleToRawLongBits(666.6)));
        linker.define("spectest", "table", new Table(new TableType(ValType.FUNCREF, new Limits(10, 20)), 10, 20));
        linker.define("spectest", "memory", new Memory(1, 2));
    }
}
