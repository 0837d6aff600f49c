package dev.weir.core.internal.validate;

import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.Module;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Structural checks on compiled code, for tests, read through {@link Op}'s table of operand kinds:
 * every instruction is a known op that fits its function, branch targets are instruction starts of
 * the same function, CALL entries are function entries, slot operands lie inside the frame,
 * JIT_ENTRY comes first if at all, and no function can run off its end.
 */
final class CodeVerifier {
    /** The ops met so far in verified code, for the tests that check Op's table covers the compiler. */
    static final BitSet seen = new BitSet(Op.COUNT);

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
                seen.set(op);
                // Every operand by the kind Op's table gives it: the table, not this test, knows
                // the shapes, and a length that differs from what the compiler emits shows up here
                // as a misread operand or a branch into the middle of an instruction.
                for (int k = 1; k < length; k++) {
                    int operand = code[pc + k];
                    switch (Op.operandKind(code, pc, k)) {
                        case Op.SLOT:
                            // A call's base may be the frame's end: a callee without arguments.
                            slot(operand, isCall(op) && k == length - 1 ? frame + 1 : frame, pc);
                            break;
                        case Op.TARGET:
                            targets.add(operand);
                            break;
                        case Op.ENTRY:
                            check(entries.contains(operand), Op.name(op) + " to a non-entry", pc);
                            break;
                        case Op.END:
                            // The loop's end: an instruction start of this function, or its end.
                            check(operand >= pc + length && operand <= end, Op.name(op) + " end outside its function", pc);
                            if (operand < end) {
                                targets.add(operand);
                            }
                            break;
                        case Op.INDEX:
                        case Op.BRANCH_COUNT:
                        case Op.SLOT_COUNT:
                            check(operand >= 0, "negative " + Op.name(op) + " operand " + k, pc);
                            break;
                        default:
                            break; // IMM, OFFSET: any bits
                    }
                }
                switch (op) {
                    case Op.CALL_ARGS: {
                        int n = code[pc + 2];
                        int base = code[pc + 3 + n];
                        for (int k = 0; k < n; k++) {
                            // Sources below the arguments, so copying one never overwrites another.
                            check(code[pc + 3 + k] < base || code[pc + 3 + k] == base + k,
                                    "CALL_ARGS source inside the arguments", pc);
                        }
                        break;
                    }
                    case Op.FUEL:
                        check(code[pc + 1] > 0, "FUEL charges no instruction", pc);
                        break;
                    case Op.JIT_ENTRY:
                        check(pc == entry + Op.HEADER_SIZE, "JIT_ENTRY after the first instruction", pc);
                        check(code[pc + 1] == i, "JIT_ENTRY names another function", pc);
                        check(code[pc + 2] >= 0, "JIT_ENTRY with a negative result count", pc);
                        break;
                    default:
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

    private static boolean isCall(int op) {
        return op == Op.CALL || op == Op.CALL_ARGS || op == Op.CALL_IMPORT || op == Op.CALL_INDIRECT;
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
