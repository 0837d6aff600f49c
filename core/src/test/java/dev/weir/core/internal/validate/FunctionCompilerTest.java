package dev.weir.core.internal.validate;

import static dev.weir.core.internal.validate.TestBinary.F64;
import static dev.weir.core.internal.validate.TestBinary.FUNCREF;
import static dev.weir.core.internal.validate.TestBinary.I32;
import static dev.weir.core.internal.validate.TestBinary.I64;
import static dev.weir.core.internal.validate.TestBinary.V128;
import static dev.weir.core.internal.validate.TestBinary.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.core.internal.compile.Op;
import org.junit.jupiter.api.Test;

/**
 * The code the compiler emits, as {@link Op#disassemble} listings of small functions: the plain
 * translation (step 1) unless a test says it folds locals (step 2).
 */
class FunctionCompilerTest {
    private static final int[] NONE = {};

    /** Header then listing of the only (or the given) defined function. */
    private static String compile(TestBinary binary, int definedIndex) {
        return compile(binary, definedIndex, false);
    }

    private static String folded(TestBinary binary) {
        return compile(binary, 0, true);
    }

    private static String compile(TestBinary binary, int definedIndex, boolean foldLocals) {
        Compiled module = binary.validate(foldLocals);
        int[] code = module.code();
        int importCount = module.module().importedFunctionCount();
        int entry = module.entry(importCount + definedIndex);
        int defined = module.module().functionCount() - importCount;
        int end = definedIndex + 1 < defined ? module.entry(importCount + definedIndex + 1) : code.length;
        return "[" + code[entry] + " " + code[entry + 1] + " " + code[entry + 2] + "]\n"
                + Op.disassemble(code, entry + Op.HEADER_SIZE, end);
    }

    private static String compile(TestBinary binary) {
        return compile(binary, 0);
    }

    @Test
    void addsTwoParamsIntoTheFirstOperandSlotAndCopiesTheResultToSlotZero() {
        String code = compile(new TestBinary().type(params(I32, I32), I32)
                .function(0, NONE, 0x20, 0, 0x20, 1, 0x6A));
        assertEquals("[2 0 4]\n"
                + "3: COPY 2 0\n"
                + "6: COPY 3 1\n"
                + "9: I32_ADD 2 2 3\n"
                + "13: RETURN_VALUE 2\n", code);
    }

    @Test
    void localSetAndTeeWriteTheLocalSlotAndTeeKeepsTheValue() {
        // (local i64) i64.const 5; local.tee 1; local.set 1; local.get 1
        String code = compile(new TestBinary().type(params(I32), I64)
                .function(0, new int[] {I64}, 0x42, 5, 0x22, 1, 0x21, 1, 0x20, 1));
        assertEquals("[1 1 3]\n"
                + "3: I64_CONST 2 5 0\n"
                + "7: COPY 1 2\n"
                + "10: COPY 1 2\n"
                + "13: COPY 2 1\n"
                + "16: RETURN_VALUE 2\n", code);
    }

    @Test
    void resultAlreadyInSlotZeroNeedsNoCopy() {
        String code = compile(new TestBinary().type(NONE, I32).function(0, NONE, 0x41, 7));
        assertEquals("[0 0 1]\n"
                + "3: I32_CONST 0 7\n"
                + "6: RETURN\n", code);
    }

    @Test
    void branchOutOfABlockMovesItsValuesDownToTheLabelHeight() {
        // block (result i32) i32.const 1; i32.const 2; br 0 end
        String code = compile(new TestBinary().type(NONE, I32)
                .function(0, NONE, 0x02, I32, 0x41, 1, 0x41, 2, 0x0C, 0, 0x0B));
        assertEquals("[0 0 2]\n"
                + "3: I32_CONST 0 1\n"
                + "6: I32_CONST 1 2\n"
                + "9: COPY 0 1\n"
                + "12: BR 14\n"
                + "14: RETURN\n", code);
    }

    @Test
    void brIfWithoutMovesIsOneConditionalBranch() {
        // block (result i32) i32.const 1; local.get 0; br_if 0; drop; i32.const 2 end
        String code = compile(new TestBinary().type(params(I32), I32)
                .function(0, NONE, 0x02, I32, 0x41, 1, 0x20, 0, 0x0D, 0, 0x1A, 0x41, 2, 0x0B));
        assertEquals("[1 0 3]\n"
                + "3: I32_CONST 1 1\n"
                + "6: COPY 2 0\n"
                + "9: BR_IF 2 15\n"
                + "12: I32_CONST 1 2\n"
                + "15: RETURN_VALUE 1\n", code);
    }

    @Test
    void brIfWithMovesSkipsTheCopiesWhenNotTaken() {
        // block (result i32) i32.const 9; i32.const 1; local.get 0; br_if 0; drop end
        String code = compile(new TestBinary().type(params(I32), I32)
                .function(0, NONE, 0x02, I32, 0x41, 9, 0x41, 1, 0x20, 0, 0x0D, 0, 0x1A, 0x0B));
        assertEquals("[1 0 4]\n"
                + "3: I32_CONST 1 9\n"
                + "6: I32_CONST 2 1\n"
                + "9: COPY 3 0\n"
                + "12: BR_IF_EQZ 3 20\n"
                + "15: COPY 1 2\n"
                + "18: BR 20\n"
                + "20: RETURN_VALUE 1\n", code);
    }

    @Test
    void ifElseBranchesOverTheElseArm() {
        // local.get 0; if (result i32) i32.const 1 else i32.const 2 end
        String code = compile(new TestBinary().type(params(I32), I32)
                .function(0, NONE, 0x20, 0, 0x04, I32, 0x41, 1, 0x05, 0x41, 2, 0x0B));
        assertEquals("[1 0 2]\n"
                + "3: COPY 1 0\n"
                + "6: BR_IF_EQZ 1 14\n"
                + "9: I32_CONST 1 1\n"
                + "12: BR 17\n"
                + "14: I32_CONST 1 2\n"
                + "17: RETURN_VALUE 1\n", code);
    }

    @Test
    void ifWithoutElseSkipsToTheEnd() {
        // local.get 0; if nop end
        String code = compile(new TestBinary().type(params(I32), NONE)
                .function(0, NONE, 0x20, 0, 0x04, 0x40, 0x01, 0x0B));
        assertEquals("[1 0 2]\n"
                + "3: COPY 1 0\n"
                + "6: BR_IF_EQZ 1 9\n"
                + "9: RETURN\n", code);
    }

    @Test
    void loopBranchesBackToItsStartWithItsParams() {
        // loop (param i32) (result i32): type 1 = [i32] -> [i32]
        // local.get 0; loop(type 1) i32.const 1; i32.sub; local.tee 0; local.get 0; br_if 0 end
        String code = compile(new TestBinary().type(params(I32), I32).type(params(I32), I32)
                .function(0, NONE, 0x20, 0, 0x03, 1, 0x41, 1, 0x6B, 0x22, 0, 0x20, 0, 0x0D, 0, 0x0B));
        assertEquals("[1 0 3]\n"
                + "3: COPY 1 0\n"
                + "6: I32_CONST 2 1\n"
                + "9: I32_SUB 1 1 2\n"
                + "13: COPY 0 1\n"
                + "16: COPY 2 0\n"
                + "19: BR_IF 2 6\n"
                + "22: RETURN_VALUE 1\n", code);
    }

    @Test
    void brTableSendsEntriesThatNeedMovesThroughOneTrampolinePerLabel() {
        // block (result i32) block (result i32) i32.const 5; i32.const 6; local.get 0;
        //   br_table 0 1 0 end end
        String code = compile(new TestBinary().type(params(I32), I32)
                .function(0, NONE, 0x02, I32, 0x02, I32, 0x41, 5, 0x41, 6, 0x20, 0, 0x0E, 2, 0, 1, 0, 0x0B, 0x0B));
        assertEquals("[1 0 4]\n"
                + "3: I32_CONST 1 5\n"
                + "6: I32_CONST 2 6\n"
                + "9: COPY 3 0\n"
                + "12: BR_TABLE 3 2 18 23 18\n"
                + "18: COPY 1 2\n"
                + "21: BR 28\n"
                + "23: COPY 1 2\n"
                + "26: BR 28\n"
                + "28: RETURN_VALUE 1\n", code);
    }

    @Test
    void returnMovesResultsToSlotZeroAndDeadCodeAfterItIsNotEmitted() {
        // i32.const 1; i32.const 2; return; i32.const 3; drop
        String code = compile(new TestBinary().type(NONE, I32, I32)
                .function(0, NONE, 0x41, 1, 0x41, 2, 0x0F, 0x41, 3, 0x1A));
        assertEquals("[0 0 2]\n"
                + "3: I32_CONST 0 1\n"
                + "6: I32_CONST 1 2\n"
                + "9: RETURN\n", code);
    }

    @Test
    void unreachableCodeInNestedBlocksEmitsNothing() {
        // unreachable; block (result i32) i32.const 1 br 0 end; drop; i32.const 4
        String code = compile(new TestBinary().type(NONE, I32)
                .function(0, NONE, 0x00, 0x02, I32, 0x41, 1, 0x0C, 0, 0x0B, 0x1A, 0x41, 4));
        assertEquals("[0 0 1]\n"
                + "3: UNREACHABLE\n", code);
    }

    @Test
    void branchToTheFunctionLabelIsAReturn() {
        // i32.const 1; i32.const 2; br 0
        String code = compile(new TestBinary().type(params(I32), I32)
                .function(0, NONE, 0x41, 1, 0x41, 2, 0x0C, 0));
        assertEquals("[1 0 3]\n"
                + "3: I32_CONST 1 1\n"
                + "6: I32_CONST 2 2\n"
                + "9: RETURN_VALUE 2\n", code);
    }

    @Test
    void callsPassTheBaseSlotAndForwardCallsGetTheCalleeEntry() {
        // import f: [i32] -> [i32]; func 1: i32.const 3; call 0 (import); call 2 (defined, forward); func 2: local.get 0
        TestBinary binary = new TestBinary().type(params(I32), I32).type(NONE, I32)
                .importFunction("env", "f", 0)
                .function(1, NONE, 0x41, 3, 0x10, 0, 0x10, 2)
                .function(0, NONE, 0x20, 0);
        Compiled module = binary.validate(false);
        int calleeEntry = module.entry(2);
        assertEquals("[0 0 1]\n"
                + "3: I32_CONST 0 3\n"
                + "6: CALL_IMPORT 0 0\n"
                + "9: CALL " + calleeEntry + " 0\n"
                + "12: RETURN\n", compile(binary, 0));
        assertEquals("[1 0 2]\n"
                + (calleeEntry + 3) + ": COPY 1 0\n"
                + (calleeEntry + 6) + ": RETURN_VALUE 1\n", compile(binary, 1));
    }

    @Test
    void callIndirectTakesTypeTableIndexSlotAndBase() {
        // table funcref; f64.const 0; i32.const 0; call_indirect (type 1: [f64] -> [])
        TestBinary binary = new TestBinary().type(NONE, NONE).type(params(F64), NONE)
                .table(FUNCREF, 1)
                .function(0, NONE, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x41, 0, 0x11, 1, 0);
        assertEquals("[0 0 2]\n"
                + "3: I64_CONST 0 0 0\n"
                + "7: I32_CONST 1 0\n"
                + "10: CALL_INDIRECT 1 0 1 0\n"
                + "15: RETURN\n", compile(binary));
    }

    @Test
    void selectAndMemoryAccessCarryTheirSlotsAndOffset() {
        // memory 1; local.get 0; local.get 0; i32.const 1; select; i32.load offset=16; i64.extend_i32_u;
        // i32.const 0 (addr) swap via local: simpler: store below
        TestBinary binary = new TestBinary().type(params(I32), I64).memory(1, -1)
                .function(0, NONE, 0x20, 0, 0x20, 0, 0x41, 1, 0x1B, 0x28, 2, 16, 0xAD,
                        0x41, 8, 0x42, 1, 0x3C, 0, 4);
        assertEquals("[1 0 4]\n"
                + "3: COPY 1 0\n"
                + "6: COPY 2 0\n"
                + "9: I32_CONST 3 1\n"
                + "12: SELECT 1 1 2 3\n"
                + "17: I32_LOAD 1 1 16\n"
                + "21: I64_EXTEND_I32_U 1 1\n"
                + "24: I32_CONST 2 8\n"
                + "27: I64_CONST 3 1 0\n"
                + "31: I32_STORE8 2 3 4\n"
                + "35: RETURN_VALUE 1\n", compile(binary));
    }

    @Test
    void reinterpretAndWrapEmitNothing() {
        // local.get 0 (i64); i32.wrap_i64; f32.reinterpret_i32; i32.reinterpret_f32
        String code = compile(new TestBinary().type(params(I64), I32)
                .function(0, NONE, 0x20, 0, 0xA7, 0xBE, 0xBC));
        assertEquals("[1 0 2]\n"
                + "3: COPY 1 0\n"
                + "6: RETURN_VALUE 1\n", code);
    }

    @Test
    void v128LocalsTakeTwoSlotsAndMoveAsTwoCopies() {
        // (param v128 i32) (local v128) local.get 0; local.set 2; local.get 1
        String code = compile(new TestBinary().type(params(V128, I32), I32)
                .function(0, new int[] {V128}, 0x20, 0, 0x21, 2, 0x20, 1));
        assertEquals("[3 2 7]\n"
                + "3: COPY 5 0\n"
                + "6: COPY 6 1\n"
                + "9: COPY 3 5\n"
                + "12: COPY 4 6\n"
                + "15: COPY 5 2\n"
                + "18: RETURN_VALUE 5\n", code);
    }

    @Test
    void refInstructionsMapToConstantsEqzAndRefFunc() {
        // ref.null func; ref.is_null; drop; ref.func 0 (declared by an export); drop
        String code = compile(new TestBinary().type(NONE, NONE)
                .function(0, NONE, 0xD0, FUNCREF, 0xD1, 0x1A, 0xD2, 0, 0x1A)
                .export("f", 0, 0));
        assertEquals("[0 0 1]\n"
                + "3: I64_CONST 0 0 0\n"
                + "7: I64_EQZ 0 0\n"
                + "10: REF_FUNC 0 0\n"
                + "13: RETURN\n", code);
    }

    @Test
    void functionsShareOneCodeArrayInOrder() {
        Compiled module = new TestBinary().type(NONE, NONE)
                .function(0, NONE).function(0, NONE).validate(false);
        assertEquals(0, module.entry(0));
        assertEquals(4, module.entry(1));
        assertArrayEquals(new int[] {0, 0, 0, Op.RETURN, 0, 0, 0, Op.RETURN}, module.code());
        assertEquals(1, module.functionAt(5));
    }

    // ---- step 2: folded locals ---------------------------------------------------------------

    @Test
    void foldedOperandsReadTheLocalsDirectly() {
        String code = folded(new TestBinary().type(params(I32, I32), I32)
                .function(0, NONE, 0x20, 0, 0x20, 1, 0x6A));
        // The frame keeps the folded operands' own slots: they are used when values must be materialized.
        assertEquals("[2 0 4]\n"
                + "3: I32_ADD 2 0 1\n"
                + "7: RETURN_VALUE 2\n", code);
    }

    @Test
    void aResultFollowedByLocalSetIsWrittenStraightIntoTheLocal() {
        // (local i32) local.get 0; i32.const 1; i32.add; local.set 1; local.get 1
        String code = folded(new TestBinary().type(params(I32), I32)
                .function(0, new int[] {I32}, 0x20, 0, 0x41, 1, 0x6A, 0x21, 1, 0x20, 1));
        assertEquals("[1 1 4]\n"
                + "3: I32_ADD_I 1 0 1\n"
                + "7: RETURN_VALUE 1\n", code);
    }

    @Test
    void aFoldedLocalIsCopiedBeforeTheLocalChanges() {
        // local.get 0; i32.const 7; local.set 0; local.get 0; i32.sub  => old p0 - 7
        String code = folded(new TestBinary().type(params(I32), I32)
                .function(0, NONE, 0x20, 0, 0x41, 7, 0x21, 0, 0x20, 0, 0x6B));
        assertEquals("[1 0 3]\n"
                + "3: I32_CONST 2 7\n"
                + "6: COPY 1 0\n"
                + "9: COPY 0 2\n"
                + "12: I32_SUB 1 1 0\n"
                + "16: RETURN_VALUE 1\n", code);
    }

    @Test
    void teeKeepsTheValueReadableFromTheLocal() {
        // (local i32) i32.const 5; local.tee 1; local.get 1; i32.mul
        String code = folded(new TestBinary().type(params(I32), I32)
                .function(0, new int[] {I32}, 0x41, 5, 0x22, 1, 0x20, 1, 0x6C));
        assertEquals("[1 1 4]\n"
                + "3: I32_CONST 1 5\n"
                + "6: I32_MUL 2 1 1\n"
                + "10: RETURN_VALUE 2\n", code);
    }

    @Test
    void foldedValuesAreMaterializedBeforeBranchesAndCalls() {
        // block (result i32) local.get 0; br 0 end
        String code = folded(new TestBinary().type(params(I32), I32)
                .function(0, NONE, 0x02, I32, 0x20, 0, 0x0C, 0, 0x0B));
        assertEquals("[1 0 2]\n"
                + "3: COPY 1 0\n"
                + "6: BR 8\n"
                + "8: RETURN_VALUE 1\n", code);
    }

    @Test
    void noRetargetIntoALocalAcrossALabel() {
        // (local i32) block (result i32) i32.const 1; local.get 0; br_if 0; drop; i32.const 2 end; local.set 1
        String code = folded(new TestBinary().type(params(I32), NONE)
                .function(0, new int[] {I32}, 0x02, I32, 0x41, 1, 0x20, 0, 0x0D, 0, 0x1A, 0x41, 2, 0x0B, 0x21, 1));
        assertEquals("[1 1 4]\n"
                + "3: I32_CONST 2 1\n"
                + "6: BR_IF 0 12\n"
                + "9: I32_CONST 2 2\n"
                + "12: COPY 1 2\n"
                + "15: RETURN\n", code);
    }

    @Test
    void aSingleFoldedResultIsReturnedStraightFromItsLocal() {
        // local.get 1; return
        String code = folded(new TestBinary().type(params(I32, I32), I32)
                .function(0, NONE, 0x20, 1, 0x0F));
        assertEquals("[2 0 3]\n"
                + "3: RETURN_VALUE 1\n", code);
    }

    @Test
    void severalFoldedResultsAreMaterializedBeforeMovingToSlotZero() {
        // local.get 1; local.get 0: returning the params swapped must not clobber slot 0 early.
        String code = folded(new TestBinary().type(params(I32, I32), I32, I32)
                .function(0, NONE, 0x20, 1, 0x20, 0));
        assertEquals("[2 0 4]\n"
                + "3: COPY 2 1\n"
                + "6: COPY 3 0\n"
                + "9: COPY 0 2\n"
                + "12: COPY 1 3\n"
                + "15: RETURN\n", code);
    }
}
