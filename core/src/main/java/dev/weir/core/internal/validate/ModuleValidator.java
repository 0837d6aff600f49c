package dev.weir.core.internal.validate;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.internal.compile.FunctionCompiler;
import dev.weir.core.internal.compile.CompiledCode;
import dev.weir.core.internal.compile.JitSelector;
import dev.weir.core.module.ConstExpr;
import dev.weir.core.module.DataSegment;
import dev.weir.core.module.ElementSegment;
import dev.weir.core.module.Export;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.Import;
import dev.weir.core.module.Limits;
import dev.weir.core.module.MemoryType;
import dev.weir.core.module.Module;
import dev.weir.core.module.ValType;

/**
 * Validates a decoded module (spec 3.4, WebAssembly 2.0 without SIMD) and compiles every function
 * body on the way, with one {@link FunctionValidator} whose scratch state serves all functions.
 */
public final class ModuleValidator {
    private ModuleValidator() {
    }

    /** As {@link #validate(Module, boolean, boolean, JitSelector)}: locals folded, unmetered, interpreted. */
    public static CompiledCode validate(Module module) {
        return validate(module, true, false, null);
    }

    /** As {@link #validate(Module, boolean, boolean, JitSelector)}: unmetered, interpreted. */
    public static CompiledCode validate(Module module, boolean foldLocals) {
        return validate(module, foldLocals, false, null);
    }

    /** As {@link #validate(Module, boolean, boolean, JitSelector)}, interpreted. */
    public static CompiledCode validate(Module module, boolean foldLocals, boolean metered) {
        return validate(module, foldLocals, metered, null);
    }

    /**
     * Validates the module and compiles every function body.
     *
     * @param foldLocals whether the compiler folds locals into their consumers (both ways give
     *                   equivalent code; the spec suite runs both)
     * @param metered    whether the code counts executed wasm instructions against the fuel
     * @param jit        which functions and loops run as JVM bytecode; null for none
     * @throws dev.weir.core.module.InvalidModuleException naming the rule, function index and offset
     * @throws dev.weir.core.module.MalformedModuleException for malformed instruction encodings in bodies
     */
    public static CompiledCode validate(Module module, boolean foldLocals, boolean metered, JitSelector jit) {
        return validate(module, foldLocals, metered, jit, false);
    }

    /**
     * As {@link #validate(Module, boolean, boolean, JitSelector)}; interruptible code notices
     * {@code Store.interrupt} at function entries and loop labels even when not metered (see
     * {@link FunctionCompiler#interruptible}).
     */
    public static CompiledCode validate(Module module, boolean foldLocals, boolean metered, JitSelector jit,
            boolean interruptible) {
        boolean[] declared = declaredFunctions(module);
        FunctionCompiler compiler = new FunctionCompiler(foldLocals, metered, jit).interruptible(interruptible);
        FunctionValidator functions = new FunctionValidator(module, compiler, declared);
        int imported = module.importedFunctionCount();
        int defined = module.functionCount() - imported;
        int[] entries = new int[defined];
        int[] ends = new int[defined];
        try {
            validateModuleFields(module);
            for (int i = 0; i < defined; i++) {
                entries[i] = functions.compile(imported + i, module.body(i));
                ends[i] = compiler.size();
            }
        } catch (InvalidModuleException e) {
            // Decoding precedes validation in the spec: a malformed body anywhere wins.
            for (int i = 0; i < defined; i++) {
                functions.checkWellFormed(imported + i, module.body(i));
            }
            throw e;
        }
        compiler.patchCalls(entries, imported);
        return new CompiledCode(compiler.toArray(), entries, ends, metered, compiler.jitLoopCount());
    }

    /** C.refs (spec 3.4.10): functions named in element segments, exports and global initializers. */
    private static boolean[] declaredFunctions(Module module) {
        boolean[] declared = new boolean[module.functionCount()];
        for (int i = 0; i < module.elementCount(); i++) {
            ElementSegment segment = module.element(i);
            for (int j = 0; j < segment.size(); j++) {
                declare(declared, segment.item(j));
            }
        }
        for (int i = 0; i < module.exportCount(); i++) {
            Export export = module.export(i);
            if (export.kind() == ExternalKind.FUNCTION && export.index() >= 0 && export.index() < declared.length) {
                declared[export.index()] = true;
            }
        }
        for (int g = module.importedGlobalCount(); g < module.globalCount(); g++) {
            declare(declared, module.globalInit(g));
        }
        return declared;
    }

    private static void declare(boolean[] declared, ConstExpr expr) {
        for (int i = 0; i < expr.length(); i++) {
            long index = expr.immediate(i);
            if (expr.opcode(i) == ConstExpr.REF_FUNC && index >= 0 && index < declared.length) {
                declared[(int) index] = true;
            }
        }
    }

    private static void validateModuleFields(Module module) {
        int typeCount = module.typeCount();
        for (int i = 0; i < module.importCount(); i++) {
            Import imp = module.importAt(i);
            switch (imp.kind()) {
                case ExternalKind.FUNCTION:
                    if (imp.typeIndex() < 0 || imp.typeIndex() >= typeCount) {
                        throw invalid("unknown type " + imp.typeIndex());
                    }
                    break;
                case ExternalKind.TABLE:
                    checkReferenceType(imp.tableType().elementType());
                    checkLimits(imp.tableType().limits(), 0xFFFFFFFFL, "table size must be at most 2^32-1");
                    break;
                case ExternalKind.MEMORY:
                    checkMemoryLimits(imp.memoryType());
                    break;
                case ExternalKind.GLOBAL:
                    break;
                default:
                    throw invalid("unknown import kind " + imp.kind());
            }
        }
        for (int f = 0; f < module.functionCount(); f++) {
            int typeIndex = module.functionTypeIndex(f);
            if (typeIndex < 0 || typeIndex >= typeCount) {
                throw invalid("unknown type " + typeIndex);
            }
        }
        for (int t = module.importedTableCount(); t < module.tableCount(); t++) {
            checkReferenceType(module.table(t).elementType());
            checkLimits(module.table(t).limits(), 0xFFFFFFFFL, "table size must be at most 2^32-1");
        }
        if (module.memoryCount() > 1) {
            throw invalid("multiple memories");
        }
        for (int m = module.importedMemoryCount(); m < module.memoryCount(); m++) {
            checkMemoryLimits(module.memory(m));
        }
        for (int g = module.importedGlobalCount(); g < module.globalCount(); g++) {
            checkConstExpr(module, module.globalInit(g), module.global(g).valType());
        }
        checkExports(module);
        int start = module.startFunction();
        if (start >= 0) {
            if (start >= module.functionCount()) {
                throw invalid("unknown function " + start);
            }
            FuncType type = module.functionType(start);
            if (type.paramCount() != 0 || type.resultCount() != 0) {
                throw invalid("start function must have type [] -> []");
            }
        }
        for (int i = 0; i < module.elementCount(); i++) {
            ElementSegment segment = module.element(i);
            byte elementType = segment.elementType();
            checkReferenceType(elementType);
            for (int j = 0; j < segment.size(); j++) {
                checkConstExpr(module, segment.item(j), elementType);
            }
            if (segment.mode() == ElementSegment.ACTIVE) {
                int table = segment.tableIndex();
                if (table < 0 || table >= module.tableCount()) {
                    throw invalid("unknown table " + table);
                }
                checkConstExpr(module, segment.offset(), ValType.I32);
                if (module.table(table).elementType() != elementType) {
                    throw invalid("type mismatch");
                }
            }
        }
        for (int i = 0; i < module.dataSegmentCount(); i++) {
            DataSegment segment = module.dataSegment(i);
            if (segment.mode() == DataSegment.ACTIVE) {
                if (segment.memoryIndex() < 0 || segment.memoryIndex() >= module.memoryCount()) {
                    throw invalid("unknown memory " + segment.memoryIndex());
                }
                checkConstExpr(module, segment.offset(), ValType.I32);
            }
        }
    }

    private static void checkExports(Module module) {
        java.util.HashSet<String> names = new java.util.HashSet<String>();
        for (int i = 0; i < module.exportCount(); i++) {
            Export export = module.export(i);
            int index = export.index();
            int count;
            switch (export.kind()) {
                case ExternalKind.FUNCTION:
                    count = module.functionCount();
                    break;
                case ExternalKind.TABLE:
                    count = module.tableCount();
                    break;
                case ExternalKind.MEMORY:
                    count = module.memoryCount();
                    break;
                case ExternalKind.GLOBAL:
                    count = module.globalCount();
                    break;
                default:
                    throw invalid("unknown export kind " + export.kind());
            }
            if (index < 0 || index >= count) {
                throw invalid("unknown " + ExternalKind.name(export.kind()) + " " + index);
            }
            if (!names.add(export.name())) {
                throw invalid("duplicate export name \"" + export.name() + "\"");
            }
        }
    }

    private static void checkMemoryLimits(MemoryType type) {
        checkLimits(type.limits(), MemoryType.MAX_PAGES, "memory size must be at most 65536 pages (4GiB)");
    }

    /** Spec 3.2.1: both bounds within range, then min <= max. */
    private static void checkLimits(Limits limits, long range, String rangeRule) {
        if (limits.min() < 0 || limits.min() > range || (limits.hasMax() && limits.max() > range)) {
            throw invalid(rangeRule);
        }
        if (limits.hasMax() && limits.min() > limits.max()) {
            throw invalid("size minimum must not be greater than maximum");
        }
    }

    private static void checkReferenceType(int type) {
        if (!ValType.isReference(type)) {
            throw invalid("type mismatch: " + ValType.name(type) + " is not a reference type");
        }
    }

    /**
     * A constant expression (spec 3.3.10) of the given result type: constants, ref.null,
     * ref.func and global.get of an immutable imported global.
     */
    private static void checkConstExpr(Module module, ConstExpr expr, int expected) {
        if (expr == null) {
            throw invalid("type mismatch: missing constant expression");
        }
        int[] stack = new int[expr.length()];
        int height = 0;
        for (int i = 0; i < expr.length(); i++) {
            int opcode = expr.opcode(i);
            long immediate = expr.immediate(i);
            int type;
            switch (opcode) {
                case ConstExpr.I32_CONST:
                    type = ValType.I32;
                    break;
                case ConstExpr.I64_CONST:
                    type = ValType.I64;
                    break;
                case ConstExpr.F32_CONST:
                    type = ValType.F32;
                    break;
                case ConstExpr.F64_CONST:
                    type = ValType.F64;
                    break;
                case ConstExpr.V128_CONST:
                    if (i + 1 >= expr.length() || expr.opcode(i + 1) != ConstExpr.V128_CONST_HIGH) {
                        throw invalid("constant expression required", expr.offset());
                    }
                    i++;
                    type = ValType.V128;
                    break;
                case ConstExpr.REF_NULL:
                    type = (int) immediate;
                    break;
                case ConstExpr.REF_FUNC:
                    if (immediate < 0 || immediate >= module.functionCount()) {
                        throw invalid("unknown function " + immediate, expr.offset());
                    }
                    type = ValType.FUNCREF;
                    break;
                case ConstExpr.GLOBAL_GET:
                    // 2.0: only imported globals are visible to constant expressions.
                    if (immediate < 0 || immediate >= module.importedGlobalCount()) {
                        throw invalid("unknown global " + immediate, expr.offset());
                    }
                    if (module.global((int) immediate).isMutable()) {
                        throw invalid("constant expression required", expr.offset());
                    }
                    type = module.global((int) immediate).valType();
                    break;
                default:
                    throw invalid("constant expression required", expr.offset());
            }
            stack[height++] = type;
        }
        if (height != 1 || stack[0] != expected) {
            throw invalid("type mismatch", expr.offset());
        }
    }

    private static InvalidModuleException invalid(String rule) {
        return new InvalidModuleException(rule, -1, 0);
    }

    private static InvalidModuleException invalid(String rule, int offset) {
        return new InvalidModuleException(rule, -1, offset);
    }
}
