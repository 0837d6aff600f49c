package dev.weir.core.internal.validate;

import static dev.weir.core.internal.validate.TestBinary.FUNCREF;
import static dev.weir.core.internal.validate.TestBinary.I32;
import static dev.weir.core.internal.validate.TestBinary.I64;
import static dev.weir.core.internal.validate.TestBinary.params;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.ConstExpr;
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
import org.junit.jupiter.api.Test;

/** Module-level validation rules (spec 3.4): limits, exports, start, globals and segments. */
class ModuleValidatorTest {
    private static final int[] NONE = {};

    private static void invalid(TestBinary binary, String rule) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, binary::validate);
        assertTrue(e.getMessage().startsWith(rule), e.getMessage());
    }

    private static void invalid(Module module, String rule) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> ModuleValidator.validate(module));
        assertTrue(e.getMessage().startsWith(rule), e.getMessage());
    }

    /** A module with no functions, built by hand, for rules the decoder might already enforce. */
    private static Module module(MemoryType[] memories, GlobalType[] globals, ConstExpr[] inits, Export[] exports,
            ElementSegment[] elements, DataSegment[] data, Import[] imports, int importedGlobals) {
        return new Module(new byte[0], new FuncType[0], imports, new int[0], 0, new TableType[0], 0, memories, 0,
                globals, importedGlobals, inits, exports, -1, elements, data, -1, new FunctionBody[0],
                new dev.weir.core.module.CustomSection[0], null, new String[0]);
    }

    private static Module memories(MemoryType... memories) {
        return module(memories, new GlobalType[0], new ConstExpr[0], new Export[0], new ElementSegment[0],
                new DataSegment[0], new Import[0], 0);
    }

    @Test
    void checksMemoryLimits() {
        invalid(new TestBinary().memory(2, 1), "size minimum must not be greater than maximum");
        invalid(new TestBinary().memory(65537, -1), "memory size must be at most 65536 pages (4GiB)");
        invalid(new TestBinary().memory(0, 65537), "memory size must be at most 65536 pages (4GiB)");
        new TestBinary().memory(65536, 65536).validate();
    }

    @Test
    void allowsOneMemoryOnly() {
        MemoryType one = new MemoryType(new Limits(1, -1));
        invalid(memories(one, one), "multiple memories");
    }

    @Test
    void exportNamesAreUniqueAndIndexesExist() {
        invalid(new TestBinary().type(NONE, NONE).function(0, NONE).export("a", 0, 0).export("a", 0, 0),
                "duplicate export name");
        invalid(new TestBinary().type(NONE, NONE).function(0, NONE).export("a", 0, 1), "unknown function 1");
        invalid(new TestBinary().export("m", 2, 0), "unknown memory 0");
        invalid(new TestBinary().export("g", 3, 0), "unknown global 0");
        invalid(new TestBinary().export("t", 1, 0), "unknown table 0");
    }

    @Test
    void startFunctionMustTakeAndReturnNothing() {
        invalid(new TestBinary().type(NONE, I32).function(0, NONE, 0x41, 0).start(0), "start function");
        invalid(new TestBinary().type(NONE, NONE).function(0, NONE).start(1), "unknown function 1");
        new TestBinary().type(NONE, NONE).function(0, NONE).start(0).validate();
    }

    @Test
    void globalInitializersAreConstantAndOfTheGlobalsType() {
        invalid(new TestBinary().global(I32, false, 0x42, 0), "type mismatch");
        invalid(new TestBinary().global(I32, false, 0x41, 0, 0x41, 0), "type mismatch");
        // global.get of a defined global is not visible in 2.0 constant expressions.
        invalid(new TestBinary().global(I32, false, 0x41, 0).global(I32, false, 0x23, 0), "unknown global 0");
        invalid(new TestBinary().importGlobal("env", "g", I32, true).global(I32, false, 0x23, 0),
                "constant expression required");
        new TestBinary().importGlobal("env", "g", I32, false).global(I32, false, 0x23, 0).validate();
    }

    @Test
    void constantExpressionsRejectOtherInstructions() {
        GlobalType i32 = new GlobalType(ValType.I32, false);
        ConstExpr add = new ConstExpr(new int[] {0x41, 0x41, 0x6A}, new long[] {1, 2, 0}, 5);
        invalid(module(new MemoryType[0], new GlobalType[] {i32}, new ConstExpr[] {add}, new Export[0],
                new ElementSegment[0], new DataSegment[0], new Import[0], 0), "constant expression required");
    }

    @Test
    void refFuncInAGlobalDeclaresTheFunction() {
        new TestBinary().type(NONE, NONE).global(FUNCREF, false, 0xD2, 0)
                .function(0, NONE, 0xD2, 0, 0x1A).validate();
        invalid(new TestBinary().type(NONE, NONE).global(FUNCREF, false, 0xD2, 3).function(0, NONE),
                "unknown function 3");
    }

    @Test
    void segmentsNeedTheirTableOrMemoryAndAnI32Offset() {
        invalid(new TestBinary().type(NONE, NONE).function(0, NONE).activeElements(0), "unknown table 0");
        new TestBinary().type(NONE, NONE).table(FUNCREF, 1).function(0, NONE).activeElements(0).validate();
        ConstExpr i64Offset = ConstExpr.of(ConstExpr.I64_CONST, 0, 3);
        MemoryType one = new MemoryType(new Limits(1, -1));
        invalid(module(new MemoryType[] {one}, new GlobalType[0], new ConstExpr[0], new Export[0],
                new ElementSegment[0], new DataSegment[] {new DataSegment(DataSegment.ACTIVE, 0, i64Offset, new byte[1])},
                new Import[0], 0), "type mismatch");
        invalid(module(new MemoryType[0], new GlobalType[0], new ConstExpr[0], new Export[0], new ElementSegment[0],
                new DataSegment[] {new DataSegment(DataSegment.ACTIVE, 0, ConstExpr.of(ConstExpr.I32_CONST, 0, 3),
                        new byte[1])}, new Import[0], 0), "unknown memory 0");
    }

    @Test
    void elementItemsMustHaveTheSegmentsType() {
        ElementSegment segment = new ElementSegment(ElementSegment.PASSIVE, ValType.FUNCREF, 0, null,
                new ConstExpr[] {ConstExpr.of(ConstExpr.REF_NULL, ValType.EXTERNREF, 9)});
        invalid(module(new MemoryType[0], new GlobalType[0], new ConstExpr[0], new Export[0],
                new ElementSegment[] {segment}, new DataSegment[0], new Import[0], 0), "type mismatch");
    }

    @Test
    void importedFunctionsNeedAKnownType() {
        invalid(new TestBinary().type(NONE, NONE).importFunction("env", "f", 3), "unknown type 3");
        new TestBinary().type(params(I64), NONE).importFunction("env", "f", 0).validate();
        Import global = Import.global("env", "g", new GlobalType(ValType.I32, false));
        module(new MemoryType[0], new GlobalType[] {global.globalType()}, new ConstExpr[0],
                new Export[] {new Export("g", ExternalKind.GLOBAL, 0)}, new ElementSegment[0], new DataSegment[0],
                new Import[] {global}, 1);
    }
}
