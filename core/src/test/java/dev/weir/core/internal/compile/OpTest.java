package dev.weir.core.internal.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Op's table agrees with Op's constants: one row per op, named as its constant, lengths and
 * branch targets as the operand kinds say. That the compiler emits what the table says, op by op,
 * SpecSuiteValidationTest checks over the whole spec suite through CodeVerifier.
 */
class OpTest {
    /** The int constants of Op that are not ops. */
    private static final Set<String> NOT_OPS = new HashSet<>(Arrays.asList("HEADER_SIZE", "JIT_SIZE", "COUNT"));

    @Test
    void everyOpConstantHasExactlyOneRowNamedAsTheConstant() throws IllegalAccessException {
        boolean[] constant = new boolean[Op.COUNT];
        int ops = 0;
        for (Field field : Op.class.getFields()) {
            int modifiers = field.getModifiers();
            if (field.getType() != int.class || !Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers)
                    || NOT_OPS.contains(field.getName())) {
                continue;
            }
            int op = field.getInt(null);
            assertTrue(op >= 0 && op < Op.COUNT, field.getName() + " = " + op + " is outside 0.." + (Op.COUNT - 1));
            assertTrue(!constant[op], field.getName() + " = " + op + " shares its number with " + Op.name(op));
            constant[op] = true;
            ops++;
            assertEquals(field.getName(), Op.name(op), "the row of op " + op);
        }
        assertEquals(Op.COUNT, ops, "constants, one per op number");
    }

    @Test
    void namesAreUnique() {
        Set<String> names = new HashSet<>();
        for (int op = 0; op < Op.COUNT; op++) {
            assertTrue(names.add(Op.name(op)), "two ops named " + Op.name(op));
        }
    }

    @Test
    void fixedLengthsAreTheOpcodeAndTheDeclaredOperands() {
        for (int op = 0; op < Op.COUNT; op++) {
            if (op == Op.BR_TABLE || op == Op.CALL_ARGS) {
                continue;
            }
            int[] code = new int[16];
            code[0] = op;
            assertEquals(1 + Op.declaredOperands(op), Op.length(code, 0), Op.name(op));
        }
        assertEquals(Op.JIT_SIZE, Op.length(new int[] {Op.JIT_ENTRY, 0, 0}, 0));
        assertEquals(Op.JIT_SIZE, Op.length(new int[] {Op.JIT_LOOP, 0, 0}, 0));
    }

    @Test
    void countedListsFollowTheirCount() {
        // BR_TABLE(index, count, target*): count + 1 targets, the last the default.
        int[] table = {Op.BR_TABLE, 7, 2, 100, 101, 102};
        assertEquals(6, Op.length(table, 0));
        assertEquals(Op.SLOT, Op.operandKind(table, 0, 1));
        assertEquals(Op.BRANCH_COUNT, Op.operandKind(table, 0, 2));
        for (int i = 3; i < 6; i++) {
            assertEquals(Op.TARGET, Op.operandKind(table, 0, i));
        }
        // CALL_ARGS(entry, n, src*, base): n sources, then base.
        int[] call = {Op.CALL_ARGS, 40, 2, 5, 6, 9};
        assertEquals(6, Op.length(call, 0));
        assertEquals(Op.ENTRY, Op.operandKind(call, 0, 1));
        assertEquals(Op.SLOT_COUNT, Op.operandKind(call, 0, 2));
        for (int i = 3; i < 6; i++) {
            assertEquals(Op.SLOT, Op.operandKind(call, 0, i));
        }
        assertEquals(4, Op.length(new int[] {Op.CALL_ARGS, 40, 0, 9}, 0));
    }

    @Test
    void theBranchesAreTheOpsWithATarget() {
        for (int op = 0; op < Op.COUNT; op++) {
            int at = Op.targetOperand(op);
            boolean branch = Op.name(op).startsWith("BR") && op != Op.BR_TABLE;
            assertEquals(branch, at != 0, Op.name(op));
            if (branch) {
                int[] code = new int[16];
                code[0] = op;
                assertEquals(Op.TARGET, Op.operandKind(code, 0, at), Op.name(op));
            }
        }
        assertEquals(1, Op.targetOperand(Op.BR));
        assertEquals(2, Op.targetOperand(Op.BR_IF));
        assertEquals(3, Op.targetOperand(Op.BR_IF_I32_LT_S_I));
    }

    @Test
    void disassemblyListsEachInstructionWithItsOperands() {
        int[] code = {Op.I32_ADD, 2, 0, 1, Op.BR_TABLE, 2, 1, 9, 12, Op.RETURN};
        assertEquals("0: I32_ADD 2 0 1\n4: BR_TABLE 2 1 9 12\n9: RETURN\n", Op.disassemble(code, 0, code.length));
    }
}
