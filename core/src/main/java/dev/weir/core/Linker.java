package dev.weir.core;

import dev.weir.core.module.LinkException;
import dev.weir.core.module.TrapException;
import dev.weir.core.CompiledModule;
import dev.weir.core.module.ConstExpr;
import dev.weir.core.module.DataSegment;
import dev.weir.core.module.ElementSegment;
import dev.weir.core.module.Export;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.GlobalType;
import dev.weir.core.module.Import;
import dev.weir.core.module.Limits;
import dev.weir.core.module.MemoryType;
import dev.weir.core.module.Module;
import dev.weir.core.module.TableType;
import dev.weir.core.module.ValType;

import java.util.HashMap;

/**
 * Resolves a module's imports by module and field name, then instantiates it (<a href="https://webassembly.github.io/spec/core/exec/modules.html#instantiation">spec 4.5.4</a>).
 * Missing or mistyped imports throw {@link dev.weir.core.module.LinkException}; a trap while
 * initializing (segments out of bounds, start function) throws {@link dev.weir.core.module.TrapException}.
 *
 * <p>Memories and tables are allocated at their full capacity: the declared maximum, capped by
 * the store's {@link StoreLimits}, so that growing them never allocates.
 */
public final class Linker {
    /** The most pages a Java byte array can hold. */
    private static final int MAX_ARRAY_PAGES = (Integer.MAX_VALUE - 8) / MemoryType.PAGE_SIZE;

    private final Store store;
    /** "module\0name" to a Function, Table, Memory or Global. */
    private final HashMap<String, Object> definitions = new HashMap<String, Object>();

    public Linker(Store store) {
        if (store == null) {
            throw new NullPointerException("store");
        }
        this.store = store;
    }

    public Store store() {
        return store;
    }

    public Linker define(String module, String name, Function function) {
        store.register(function);
        return put(module, name, function);
    }

    /** Shorthand for {@code define(module, name, Function.host(type, implementation))}. */
    public Linker define(String module, String name, FuncType type, HostFunction implementation) {
        return define(module, name, Function.host(type, implementation));
    }

    public Linker define(String module, String name, Memory memory) {
        return put(module, name, memory);
    }

    public Linker define(String module, String name, Table table) {
        return put(module, name, table);
    }

    public Linker define(String module, String name, Global global) {
        return put(module, name, global);
    }

    /** Makes every export of the instance importable under moduleName (the spec tests' "register"). */
    public Linker define(String moduleName, Instance instance) {
        if (instance.store() != store) {
            throw new IllegalArgumentException("instance belongs to another store");
        }
        for (String name : instance.exportNames()) {
            put(moduleName, name, instance.exportValue(name));
        }
        return this;
    }

    private Linker put(String module, String name, Object value) {
        if (module == null || name == null || value == null) {
            throw new NullPointerException("define needs a module name, a name and a value");
        }
        definitions.put(key(module, name), value);
        return this;
    }

    private static String key(String module, String name) {
        return module + '\0' + name;
    }

    /** Links, allocates (memory, tables, globals up front), initializes segments, runs the start function. */
    public Instance instantiate(CompiledModule compiled) {
        Module m = compiled.module();
        Function[] functions = new Function[m.functionCount()];
        Table[] tables = new Table[m.tableCount()];
        Memory[] memories = new Memory[m.memoryCount()];
        Global[] globals = new Global[m.globalCount()];
        resolveImports(m, functions, tables, memories, globals);
        chargeStore(m);

        // Allocation (spec 4.5.3.10). Tables and memories come first: the instance caches memory 0.
        for (int t = m.importedTableCount(); t < tables.length; t++) {
            tables[t] = allocateTable(m.table(t), t);
        }
        for (int i = m.importedMemoryCount(); i < memories.length; i++) {
            memories[i] = allocateMemory(m.memory(i), i);
        }
        int[] typeIds = new int[m.typeCount()];
        for (int i = 0; i < typeIds.length; i++) {
            typeIds[i] = store.typeId(m.type(i));
        }
        long[][] elements = new long[m.elementCount()][];
        byte[][] data = new byte[m.dataSegmentCount()][];
        HashMap<String, Object> exports = new HashMap<String, Object>();
        Instance instance = new Instance(compiled, store, functions, typeIds, memories, tables, globals, elements,
                data, exports);

        // Functions before globals, so ref.func in initializers can name them.
        for (int f = m.importedFunctionCount(); f < functions.length; f++) {
            functions[f] = Function.wasm(m.functionType(f), instance, f, compiled.entry(f));
            store.register(functions[f]);
        }
        for (int g = m.importedGlobalCount(); g < globals.length; g++) {
            if (m.global(g).valType() == ValType.V128) {
                globals[g] = evaluateV128(m.global(g), m.globalInit(g), globals);
            } else {
                globals[g] = new Global(m.global(g), evaluate(m.globalInit(g), functions, globals));
            }
        }
        for (int i = 0; i < m.exportCount(); i++) {
            Export e = m.export(i);
            exports.put(e.name(), external(e, functions, tables, memories, globals));
        }
        for (int i = 0; i < elements.length; i++) {
            ElementSegment segment = m.element(i);
            long[] references = new long[segment.size()];
            for (int j = 0; j < references.length; j++) {
                references[j] = evaluate(segment.item(j), functions, globals);
            }
            elements[i] = references;
        }
        for (int i = 0; i < data.length; i++) {
            data[i] = m.dataSegment(i).bytesUnsafe();
        }

        // Initialization (spec 4.5.4 steps 14-16): a trap leaves earlier segments' writes in place.
        for (int i = 0; i < elements.length; i++) {
            ElementSegment segment = m.element(i);
            if (segment.mode() == ElementSegment.ACTIVE) {
                long offset = evaluate(segment.offset(), functions, globals) & 0xFFFFFFFFL;
                Instructions.tableInit(tables[segment.tableIndex()], elements[i], offset, 0, elements[i].length);
            }
            if (segment.mode() != ElementSegment.PASSIVE) {
                elements[i] = Instance.DROPPED_ELEMENTS;
            }
        }
        for (int i = 0; i < data.length; i++) {
            DataSegment segment = m.dataSegment(i);
            if (segment.mode() == DataSegment.ACTIVE) {
                long offset = evaluate(segment.offset(), functions, globals) & 0xFFFFFFFFL;
                Instructions.memoryInit(memories[segment.memoryIndex()], data[i], offset, 0, data[i].length);
                data[i] = Instance.DROPPED_DATA;
            }
        }
        if (m.startFunction() >= 0) {
            Function start = functions[m.startFunction()];
            start.call(null, null);
        }
        return instance;
    }

    private void resolveImports(Module m, Function[] functions, Table[] tables, Memory[] memories,
            Global[] globals) {
        int f = 0;
        int t = 0;
        int mem = 0;
        int g = 0;
        for (int i = 0; i < m.importCount(); i++) {
            Import imp = m.importAt(i);
            Object value = definitions.get(key(imp.module(), imp.name()));
            if (value == null) {
                throw new LinkException(LinkException.Kind.UNKNOWN_IMPORT, imp.module(), imp.name(),
                        "unknown import " + imp.module() + "." + imp.name());
            }
            boolean compatible = Instance.kindOf(value) == imp.kind();
            switch (imp.kind()) {
                case ExternalKind.FUNCTION:
                    compatible = compatible && ((Function) value).type().equals(m.type(imp.typeIndex()));
                    if (compatible) {
                        store.register((Function) value);
                        functions[f++] = (Function) value;
                    }
                    break;
                case ExternalKind.TABLE:
                    compatible = compatible && matches((Table) value, imp.tableType());
                    if (compatible) {
                        tables[t++] = (Table) value;
                    }
                    break;
                case ExternalKind.MEMORY:
                    compatible = compatible && matches((Memory) value, imp.memoryType());
                    if (compatible) {
                        memories[mem++] = (Memory) value;
                    }
                    break;
                default:
                    compatible = compatible && matches((Global) value, imp.globalType());
                    if (compatible) {
                        globals[g++] = (Global) value;
                    }
                    break;
            }
            if (!compatible) {
                throw new LinkException(LinkException.Kind.INCOMPATIBLE_IMPORT, imp.module(), imp.name(),
                        "incompatible import type for " + imp.module() + "." + imp.name()
                        + ": expected " + describe(m, imp) + ", got " + describe(value));
            }
        }
    }

    /** Limits matching (spec 4.5.2): at least the declared minimum, at most the declared maximum if any. */
    private static boolean matches(long actualMin, long actualMax, Limits declared) {
        if (actualMin < declared.min()) {
            return false;
        }
        return !declared.hasMax() || (actualMax >= 0 && actualMax <= declared.max());
    }

    private static boolean matches(Table table, TableType declared) {
        return table.type().elementType() == declared.elementType()
                && matches(table.size(), table.type().limits().max(), declared.limits());
    }

    private static boolean matches(Memory memory, MemoryType declared) {
        return matches(memory.pages(), memory.declaredMaxPages(), declared.limits());
    }

    private static boolean matches(Global global, GlobalType declared) {
        return global.type().valType() == declared.valType() && global.type().isMutable() == declared.isMutable();
    }

    private static String describe(Module m, Import imp) {
        switch (imp.kind()) {
            case ExternalKind.FUNCTION:
                return "function " + m.type(imp.typeIndex());
            case ExternalKind.TABLE:
                return "table " + imp.tableType();
            case ExternalKind.MEMORY:
                return "memory " + imp.memoryType();
            default:
                return "global " + imp.globalType();
        }
    }

    private static String describe(Object value) {
        if (value instanceof Function) {
            return "function " + ((Function) value).type();
        }
        if (value instanceof Table) {
            Table t = (Table) value;
            return "table " + t.type() + " of size " + t.size();
        }
        if (value instanceof Memory) {
            Memory mem = (Memory) value;
            return "memory of " + mem.pages() + " pages, maximum "
                    + (mem.declaredMaxPages() < 0 ? "none" : Long.toString(mem.declaredMaxPages()));
        }
        return "global " + ((Global) value).type();
    }

    /**
     * Counts what instantiating m adds to the store against its totals (StoreLimits), before
     * anything is allocated: a module over a total is refused whole with a LinkException.
     */
    private void chargeStore(Module m) {
        long elements = 0;
        for (int t = m.importedTableCount(); t < m.tableCount(); t++) {
            elements += store.limits().reserveMemory() ? tableCapacity(m.table(t), t) : m.table(t).limits().min();
        }
        for (int i = 0; i < m.elementCount(); i++) {
            elements += m.element(i).size();
        }
        long data = 0;
        for (int i = 0; i < m.dataSegmentCount(); i++) {
            if (m.dataSegment(i).mode() == DataSegment.PASSIVE) {
                data += m.dataSegment(i).bytesUnsafe().length;
            }
        }
        store.usage.charge(m.tableCount() - m.importedTableCount(), elements,
                m.globalCount() - m.importedGlobalCount(), m.functionCount() - m.importedFunctionCount(), data);
    }

    /** The size a table may grow to: its maximum, capped by the store's limit per table. */
    private long tableCapacity(TableType type, int index) {
        Limits limits = type.limits();
        int limit = store.limits().maxTableElements();
        if (limits.min() > limit) {
            throw new LinkException(LinkException.Kind.TABLE_LIMIT, null, null, "table " + index + " needs " + limits.min()
                    + " elements, more than the store limit of " + limit + " per table (StoreLimits.withMaxTableElements)");
        }
        return limits.hasMax() ? Math.min(limits.max(), limit) : limit;
    }

    private Table allocateTable(TableType type, int index) {
        long capacity = tableCapacity(type, index);
        int initial = (int) type.limits().min();
        Table table = new Table(type, initial, (int) capacity);
        table.usage = store.usage;
        if (store.limits().reserveMemory() && capacity > initial) {
            // Reserving: the whole capacity now (charged above), so table.grow never allocates.
            table.reserve();
        }
        return table;
    }

    private Memory allocateMemory(MemoryType type, int index) {
        Limits limits = type.limits();
        int limit = Math.min(store.limits().maxMemoryPages(), MAX_ARRAY_PAGES);
        if (limits.min() > limit) {
            throw new LinkException(LinkException.Kind.MEMORY_LIMIT, null, null, "memory " + index + " needs " + limits.min()
                    + " pages, more than the store limit of " + limit + " pages");
        }
        long capacity = limits.hasMax() ? Math.min(limits.max(), limit) : limit;
        Memory memory = new Memory((int) limits.min(), (int) capacity, limits.max());
        if (store.limits().reserveMemory()) {
            memory.reserve();
        }
        return memory;
    }

    private static Object external(Export e, Function[] functions, Table[] tables, Memory[] memories,
            Global[] globals) {
        switch (e.kind()) {
            case ExternalKind.FUNCTION:
                return functions[e.index()];
            case ExternalKind.TABLE:
                return tables[e.index()];
            case ExternalKind.MEMORY:
                return memories[e.index()];
            default:
                return globals[e.index()];
        }
    }

    /**
     * A v128 global's initial value: v128.const (two entries, low then high 64 bits, see
     * {@link ConstExpr#V128_CONST}) or global.get of another v128 global, the only constant
     * expressions of that type.
     */
    private static Global evaluateV128(GlobalType type, ConstExpr expr, Global[] globals) {
        Global global = new Global(type, 0);
        if (expr.opcode(0) == ConstExpr.GLOBAL_GET) {
            Global source = globals[(int) expr.immediate(0)];
            global.setV128(source.value, source.high);
        } else {
            global.setV128(expr.immediate(0), expr.immediate(1));
        }
        return global;
    }

    /**
     * Evaluates a constant expression (spec 3.3.10) to a slot value: constants, ref.null,
     * ref.func, global.get, and the extended-constant i32/i64 add, sub and mul.
     */
    static long evaluate(ConstExpr expr, Function[] functions, Global[] globals) {
        long[] stack = new long[expr.length()];
        int sp = 0;
        for (int i = 0; i < expr.length(); i++) {
            long immediate = expr.immediate(i);
            switch (expr.opcode(i)) {
                case ConstExpr.I32_CONST:
                case ConstExpr.I64_CONST:
                case ConstExpr.F32_CONST:
                case ConstExpr.F64_CONST:
                    stack[sp++] = immediate;
                    break;
                case ConstExpr.REF_NULL:
                    stack[sp++] = 0;
                    break;
                case ConstExpr.REF_FUNC:
                    stack[sp++] = functions[(int) immediate].id + 1L;
                    break;
                case ConstExpr.GLOBAL_GET:
                    stack[sp++] = globals[(int) immediate].value;
                    break;
                case 0x6A:
                    sp--;
                    stack[sp - 1] = (int) stack[sp - 1] + (int) stack[sp];
                    break;
                case 0x6B:
                    sp--;
                    stack[sp - 1] = (int) stack[sp - 1] - (int) stack[sp];
                    break;
                case 0x6C:
                    sp--;
                    stack[sp - 1] = (int) stack[sp - 1] * (int) stack[sp];
                    break;
                case 0x7C:
                    sp--;
                    stack[sp - 1] = stack[sp - 1] + stack[sp];
                    break;
                case 0x7D:
                    sp--;
                    stack[sp - 1] = stack[sp - 1] - stack[sp];
                    break;
                case 0x7E:
                    sp--;
                    stack[sp - 1] = stack[sp - 1] * stack[sp];
                    break;
                default:
                    throw new IllegalStateException("unsupported constant instruction 0x"
                            + Integer.toHexString(expr.opcode(i)) + " at offset 0x" + Integer.toHexString(expr.offset()));
            }
        }
        return stack[sp - 1];
    }
}
