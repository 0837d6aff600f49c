package dev.weir.core;

import dev.weir.core.CompiledModule;
import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.ConstExpr;
import dev.weir.core.module.CustomSection;
import dev.weir.core.module.DataSegment;
import dev.weir.core.module.ElementSegment;
import dev.weir.core.module.Export;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.FunctionBody;
import dev.weir.core.module.GlobalType;
import dev.weir.core.module.Import;
import dev.weir.core.module.Limits;
import dev.weir.core.module.MemoryType;
import dev.weir.core.module.Module;
import dev.weir.core.module.TableType;
import dev.weir.core.module.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-assembles {@link CompiledModule}s for interpreter tests, without decoder or validator.
 * Function code is written with pcs relative to the function (its header at 0, so the first
 * instruction is at 3) and CALL's entry operand as a function index; {@link #build()} relocates
 * branch targets and resolves CALL entries.
 */
final class ModuleBuilder {
    static final byte I32 = ValType.I32;
    static final byte I64 = ValType.I64;
    static final byte F32 = ValType.F32;
    static final byte F64 = ValType.F64;
    static final byte FUNCREF = ValType.FUNCREF;
    static final byte EXTERNREF = ValType.EXTERNREF;

    private final List<FuncType> types = new ArrayList<FuncType>();
    private final List<Import> imports = new ArrayList<Import>();
    private final List<Integer> functionTypes = new ArrayList<Integer>();
    private int importedFunctions;
    private final List<TableType> tables = new ArrayList<TableType>();
    private int importedTables;
    private final List<MemoryType> memories = new ArrayList<MemoryType>();
    private int importedMemories;
    private final List<GlobalType> globals = new ArrayList<GlobalType>();
    private int importedGlobals;
    private final List<ConstExpr> globalInits = new ArrayList<ConstExpr>();
    private final List<Export> exports = new ArrayList<Export>();
    private final List<ElementSegment> elements = new ArrayList<ElementSegment>();
    private final List<DataSegment> data = new ArrayList<DataSegment>();
    private final List<int[]> bodies = new ArrayList<int[]>();
    private final List<String> names = new ArrayList<String>();
    private int start = -1;

    static FuncType type(byte[] params, byte... results) {
        return new FuncType(params, results);
    }

    static byte[] params(byte... types) {
        return types;
    }

    int type(FuncType type) {
        int i = types.indexOf(type);
        if (i >= 0) {
            return i;
        }
        types.add(type);
        return types.size() - 1;
    }

    int importFunction(String module, String name, FuncType type) {
        int t = type(type);
        imports.add(Import.function(module, name, t));
        functionTypes.add(t);
        names.add(null);
        return importedFunctions++;
    }

    int importMemory(String module, String name, long min, long max) {
        imports.add(Import.memory(module, name, new MemoryType(new Limits(min, max))));
        memories.add(new MemoryType(new Limits(min, max)));
        return importedMemories++;
    }

    int importTable(String module, String name, byte elementType, long min, long max) {
        TableType t = new TableType(elementType, new Limits(min, max));
        imports.add(Import.table(module, name, t));
        tables.add(t);
        return importedTables++;
    }

    int importGlobal(String module, String name, byte type, boolean mutable) {
        GlobalType g = new GlobalType(type, mutable);
        imports.add(Import.global(module, name, g));
        globals.add(g);
        return importedGlobals++;
    }

    /** A defined function; code starts with its header [paramSlots, localSlots, frameSlots]. */
    int function(String name, FuncType type, int... code) {
        functionTypes.add(type(type));
        bodies.add(code);
        names.add(name);
        int index = functionTypes.size() - 1;
        if (name != null) {
            export(name, ExternalKind.FUNCTION, index);
        }
        return index;
    }

    /** Points the function's CALLs of "function -1" at the function itself, for recursion. */
    void selfCalls(int function) {
        int[] body = bodies.get(function - importedFunctions);
        for (int pc = Op.HEADER_SIZE; pc < body.length; pc += Op.length(body, pc)) {
            if (body[pc] == Op.CALL && body[pc + 1] == -1) {
                body[pc + 1] = function;
            }
        }
    }

    int memory(long min, long max) {
        memories.add(new MemoryType(new Limits(min, max)));
        return memories.size() - 1;
    }

    int table(byte elementType, long min, long max) {
        tables.add(new TableType(elementType, new Limits(min, max)));
        return tables.size() - 1;
    }

    int global(byte type, boolean mutable, ConstExpr init) {
        globals.add(new GlobalType(type, mutable));
        globalInits.add(init);
        return globals.size() - 1;
    }

    ModuleBuilder export(String name, int kind, int index) {
        exports.add(new Export(name, kind, index));
        return this;
    }

    ModuleBuilder start(int function) {
        start = function;
        return this;
    }

    /** An active funcref segment at a constant offset in table 0 holding the given functions. */
    int activeElements(int table, int offset, int... functions) {
        elements.add(new ElementSegment(ElementSegment.ACTIVE, FUNCREF, table, i32(offset), refs(functions)));
        return elements.size() - 1;
    }

    int passiveElements(int... functions) {
        elements.add(new ElementSegment(ElementSegment.PASSIVE, FUNCREF, 0, null, refs(functions)));
        return elements.size() - 1;
    }

    int activeData(int offset, byte... bytes) {
        data.add(new DataSegment(DataSegment.ACTIVE, 0, i32(offset), bytes));
        return data.size() - 1;
    }

    int passiveData(byte... bytes) {
        data.add(new DataSegment(DataSegment.PASSIVE, 0, null, bytes));
        return data.size() - 1;
    }

    static ConstExpr i32(int value) {
        return ConstExpr.of(ConstExpr.I32_CONST, value, 0);
    }

    static ConstExpr i64(long value) {
        return ConstExpr.of(ConstExpr.I64_CONST, value, 0);
    }

    private static ConstExpr[] refs(int[] functions) {
        ConstExpr[] items = new ConstExpr[functions.length];
        for (int i = 0; i < functions.length; i++) {
            items[i] = functions[i] < 0 ? ConstExpr.of(ConstExpr.REF_NULL, FUNCREF, 0)
                    : ConstExpr.of(ConstExpr.REF_FUNC, functions[i], 0);
        }
        return items;
    }

    CompiledModule build() {
        int[] entries = new int[bodies.size()];
        int length = 0;
        for (int i = 0; i < bodies.size(); i++) {
            entries[i] = length;
            length += bodies.get(i).length;
        }
        int[] code = new int[length];
        for (int i = 0; i < bodies.size(); i++) {
            int[] body = bodies.get(i);
            int base = entries[i];
            System.arraycopy(body, 0, code, base, body.length);
            for (int pc = base + Op.HEADER_SIZE; pc < base + body.length; pc += Op.length(code, pc)) {
                switch (code[pc]) {
                    case Op.BR:
                        code[pc + 1] += base;
                        break;
                    case Op.BR_IF:
                    case Op.BR_IF_EQZ:
                        code[pc + 2] += base;
                        break;
                    case Op.BR_TABLE:
                        for (int t = 0; t <= code[pc + 2]; t++) {
                            code[pc + 3 + t] += base;
                        }
                        break;
                    case Op.CALL:
                        code[pc + 1] = entries[code[pc + 1] - importedFunctions];
                        break;
                    default:
                        break;
                }
            }
        }
        int[] fts = new int[functionTypes.size()];
        for (int i = 0; i < fts.length; i++) {
            fts[i] = functionTypes.get(i);
        }
        FunctionBody[] fb = new FunctionBody[bodies.size()];
        for (int i = 0; i < fb.length; i++) {
            fb[i] = new FunctionBody(new byte[0], 0, 0);
        }
        Module module = new Module(new byte[0], types.toArray(new FuncType[0]), imports.toArray(new Import[0]), fts,
                importedFunctions, tables.toArray(new TableType[0]), importedTables,
                memories.toArray(new MemoryType[0]), importedMemories, globals.toArray(new GlobalType[0]),
                importedGlobals, globalInits.toArray(new ConstExpr[0]), exports.toArray(new Export[0]), start,
                elements.toArray(new ElementSegment[0]), data.toArray(new DataSegment[0]), -1, fb,
                new CustomSection[0], "test", names.toArray(new String[0]));
        return new CompiledModule(module, dev.weir.core.internal.compile.CompiledCode.ofEntries(code, entries),
                CompileOptions.defaults());
    }

    Instance instantiate() {
        return new Linker(smallStore()).instantiate(build());
    }

    /** A store with limits small enough that tests can create many quickly. */
    static Store smallStore() {
        return new Store(new StoreLimits().withValueStackSlots(4096).withMaxCallDepth(500).withMaxMemoryPages(4)
                .withMaxTableElements(64));
    }
}
