package dev.weir.core.internal.validate;

import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.Module;
import java.util.HashSet;
import java.util.Set;

/**
 * Structural checks on compiled code, for tests: every instruction is a known op that fits its
 * function, branch targets are instruction starts of the same function, CALL entries are function
 * entries, slot operands lie inside the frame, JIT_ENTRY comes first if at all, and no function
 * can run off its end.
 */
final class CodeVerifier {
    private CodeVerifier() {
    }

    static void verify(Compiled compiled) {
        int[] code = compiled.code();
        Module module = compiled.module();
        int imported = module.importedFunctionCount();
        int defined = module.functionCount() - imported;
        Set<Integer> entries = new HashSet<Integer>();
        for (int i = 0; i < defined; i++) {
            entries.add(compiled.entry(imported + i));
        }
        for (int i = 0; i < defined; i++) {
            int entry = compiled.entry(imported + i);
            int end = compiled.end(imported + i);
            int frame = code[entry + 2];
            check(code[entry] + code[entry + 1] <= frame, "header exceeds frame", entry);
            Set<Integer> starts = new HashSet<Integer>();
            Set<Integer> targets = new HashSet<Integer>();
            int pc = entry + Op.HEADER_SIZE;
            int last = -1;
            while (pc < end) {
                starts.add(pc);
                int op = code[pc];
                check(op >= 0 && op < Op.COUNT, "unknown op", pc);
                int length = Op.length(code, pc);
                check(pc + length <= end, "instruction overruns its function", pc);
                switch (op) {
                    case Op.BR:
                        targets.add(code[pc + 1]);
                        break;
                    case Op.BR_IF:
                    case Op.BR_IF_EQZ:
                        slot(code[pc + 1], frame, pc);
                        targets.add(code[pc + 2]);
                        break;
                    case Op.BR_TABLE:
                        slot(code[pc + 1], frame, pc);
                        for (int k = 0; k <= code[pc + 2]; k++) {
                            targets.add(code[pc + 3 + k]);
                        }
                        break;
                    case Op.CALL:
                        check(entries.contains(code[pc + 1]), "CALL to a non-entry", pc);
                        // A call without arguments may start the callee's frame right at the end of this one.
                        slot(code[pc + 2], frame + 1, pc);
                        break;
                    case Op.CALL_ARGS: {
                        check(entries.contains(code[pc + 1]), "CALL_ARGS to a non-entry", pc);
                        int n = code[pc + 2];
                        int base = code[pc + 3 + n];
                        slot(base, frame + 1, pc);
                        for (int k = 0; k < n; k++) {
                            slot(code[pc + 3 + k], frame, pc);
                            // Sources below the arguments, so copying one never overwrites another.
                            check(code[pc + 3 + k] < base || code[pc + 3 + k] == base + k,
                                    "CALL_ARGS source inside the arguments", pc);
                        }
                        break;
                    }
                    case Op.COPY:
                        slot(code[pc + 1], frame, pc);
                        slot(code[pc + 2], frame, pc);
                        break;
                    case Op.SELECT:
                        for (int k = 1; k <= 4; k++) {
                            slot(code[pc + k], frame, pc);
                        }
                        break;
                    case Op.I32_CONST:
                    case Op.I64_CONST:
                        slot(code[pc + 1], frame, pc);
                        break;
                    case Op.I32_ADD_I: case Op.I32_AND_I: case Op.I32_OR_I: case Op.I32_XOR_I:
                    case Op.I32_SHL_I: case Op.I32_SHR_S_I: case Op.I32_SHR_U_I: case Op.I32_MUL_I:
                    case Op.I32_EQ_I: case Op.I32_NE_I: case Op.I32_LT_S_I: case Op.I32_LT_U_I:
                    case Op.I32_GT_S_I: case Op.I32_GT_U_I:
                    case Op.I64_ADD_I: case Op.I64_AND_I: case Op.I64_SHL_I: case Op.I64_SHR_S_I:
                    case Op.I64_SHR_U_I:
                        slot(code[pc + 1], frame, pc);
                        slot(code[pc + 2], frame, pc);
                        break;
                    case Op.RETURN_VALUE:
                        slot(code[pc + 1], frame, pc);
                        break;
                    case Op.I32_LOAD_ADD: case Op.I64_LOAD_ADD: case Op.I32_LOAD8_U_ADD:
                        slot(code[pc + 1], frame, pc);
                        slot(code[pc + 2], frame, pc);
                        break;
                    case Op.BR_IF_I32_EQ: case Op.BR_IF_I32_NE: case Op.BR_IF_I32_LT_S: case Op.BR_IF_I32_LT_U:
                    case Op.BR_IF_I32_LE_S: case Op.BR_IF_I32_LE_U:
                        slot(code[pc + 1], frame, pc);
                        slot(code[pc + 2], frame, pc);
                        targets.add(code[pc + 3]);
                        break;
                    case Op.BR_IF_I32_EQ_I: case Op.BR_IF_I32_NE_I: case Op.BR_IF_I32_LT_S_I:
                    case Op.BR_IF_I32_LT_U_I: case Op.BR_IF_I32_GT_S_I: case Op.BR_IF_I32_GT_U_I:
                        slot(code[pc + 1], frame, pc);
                        targets.add(code[pc + 3]);
                        break;
                    case Op.FUEL:
                        check(code[pc + 1] > 0, "FUEL charges no instruction", pc);
                        break;
                    case Op.JIT_LOOP:
                        // The loop's end: an instruction start of this function, or its end.
                        check(code[pc + 1] >= pc + Op.JIT_SIZE && code[pc + 1] <= end, "JIT_LOOP end outside its function", pc);
                        if (code[pc + 1] < end) {
                            targets.add(code[pc + 1]);
                        }
                        break;
                    case Op.JIT_ENTRY:
                        check(pc == entry + Op.HEADER_SIZE, "JIT_ENTRY after the first instruction", pc);
                        check(code[pc + 1] == i, "JIT_ENTRY names another function", pc);
                        check(code[pc + 2] >= 0, "JIT_ENTRY with a negative result count", pc);
                        break;
                    default:
                        if (op > Op.I64_CONST) {
                            for (int k = 1; k < length; k++) {
                                slot(code[pc + k], frame, pc);
                            }
                        }
                        break;
                }
                last = op;
                pc += length;
            }
            for (int target : targets) {
                check(starts.contains(target), "branch target " + target + " is not an instruction start", entry);
            }
            check(last == Op.RETURN || last == Op.RETURN_VALUE || last == Op.BR || last == Op.BR_TABLE || last == Op.UNREACHABLE,
                    "function can run off its end", end);
        }
    }

    private static void slot(int slot, int frameSlots, int pc) {
        check(slot >= 0 && slot < frameSlots, "slot " + slot + " outside the frame of " + frameSlots, pc);
    }

    private static void check(boolean condition, String what, int pc) {
        if (!condition) {
            throw new AssertionError(what + " at pc " + pc);
        }
    }
}
