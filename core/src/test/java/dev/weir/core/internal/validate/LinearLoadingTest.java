package dev.weir.core.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.internal.binary.ModuleDecoder;
import dev.weir.core.internal.compile.FunctionCompiler;
import dev.weir.core.internal.jit.JitCompiler;
import dev.weir.core.module.Module;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Loading stays linear in a module's size for the shapes that once made it quadratic (issue 16:
 * 100,000 nested loops took 20 s, choosing the JIT tier rescanned each loop body at its end).
 * The work is bounded by a count, the instructions examined to choose tiers, not by wall time.
 */
class LinearLoadingTest {
    private static final int N = 100_000;

    /** The tier-choice steps for a module with one function of type [] -> [] and this body. */
    private static long tierSteps(byte[] body, int jit) {
        Module module = ModuleDecoder.decode(singleFunction(body));
        FunctionCompiler compiler = new FunctionCompiler(true, false, dev.weir.core.internal.jit.JitCompiler.selector(jit));
        FunctionValidator validator = new FunctionValidator(module, compiler, new boolean[module.functionCount()]);
        validator.compile(0, module.body(0));
        // At most one step per int of code emitted, plus one per loop stepped over.
        long bound = compiler.size() + N;
        assertTrue(compiler.tierScanSteps() <= bound,
                "tier choice took " + compiler.tierScanSteps() + " steps for " + compiler.size() + " ints of code");
        return compiler.tierScanSteps();
    }

    @Test
    void nestedEmptyLoopsAreExaminedOnceEach() {
        long steps = tierSteps(nest(0x03, N, new byte[0]), JitCompiler.LOOPS);
        assertTrue(steps >= N - 1, "every loop but the empty innermost is looked at: " + steps);
    }

    @Test
    void nestedLoopsAroundACallAreRefusedWithoutRescanning() {
        // call 0 (itself) innermost: no loop can be compiled, and each says so at its first step.
        tierSteps(nest(0x03, N, new byte[] {0x10, 0x00}), JitCompiler.LOOPS);
    }

    @Test
    void nestedLoopsWithBranchesToEachLevelStayLinear() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < N; i++) {
            body.write(0x03);
            body.write(0x40);
            body.write(0x41); // i32.const 0; br_if 0: a back-edge at every level
            body.write(0x00);
            body.write(0x0D);
            body.write(0x00);
        }
        for (int i = 0; i < N; i++) {
            body.write(0x0B);
        }
        tierSteps(body.toByteArray(), JitCompiler.ALL);
    }

    @Test
    void nestedBlocksIfsAndABrTableLoad() {
        tierSteps(nest(0x02, N, new byte[0]), JitCompiler.LOOPS);
        ByteArrayOutputStream ifs = new ByteArrayOutputStream();
        for (int i = 0; i < N; i++) {
            ifs.write(0x41);
            ifs.write(0x01);
            ifs.write(0x04);
            ifs.write(0x40);
        }
        for (int i = 0; i < N; i++) {
            ifs.write(0x0B);
        }
        tierSteps(ifs.toByteArray(), JitCompiler.LOOPS);
        // br_table to every enclosing loop, inside N nested loops.
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        table.write(0x41);
        table.write(0x00);
        table.write(0x0E);
        leb(table, N);
        for (int i = 0; i < N; i++) {
            leb(table, i);
        }
        leb(table, 0);
        tierSteps(nest(0x03, N, table.toByteArray()), JitCompiler.LOOPS);
    }

    @Test
    void aHugeFlatFunctionOfSiblingLoopsIsExaminedOnce() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < N; i++) {
            body.write(0x03);
            body.write(0x40);
            body.write(0x0B);
        }
        long steps = tierSteps(body.toByteArray(), JitCompiler.LOOPS);
        assertTrue(steps <= 2L * N, "sibling loops: " + steps);
    }

    @Test
    void theInterpreterOnlyPolicyExaminesNothing() {
        assertEquals(0, tierSteps(nest(0x03, N, new byte[0]), JitCompiler.OFF));
    }

    /** depth blocks of the given kind (0x02 block, 0x03 loop) around inner. */
    private static byte[] nest(int kind, int depth, byte[] inner) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            out.write(kind);
            out.write(0x40);
        }
        out.write(inner, 0, inner.length);
        for (int i = 0; i < depth; i++) {
            out.write(0x0B);
        }
        return out.toByteArray();
    }

    private static byte[] singleFunction(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, 0, 8);
        section(out, 1, new byte[] {1, 0x60, 0, 0});
        section(out, 3, new byte[] {1, 0});
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(1);
        leb(code, body.length + 2);
        code.write(0); // no locals
        code.write(body, 0, body.length);
        code.write(0x0B);
        section(out, 10, code.toByteArray());
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] payload) {
        out.write(id);
        leb(out, payload.length);
        out.write(payload, 0, payload.length);
    }

    private static void leb(ByteArrayOutputStream out, int value) {
        do {
            int b = value & 0x7F;
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}
