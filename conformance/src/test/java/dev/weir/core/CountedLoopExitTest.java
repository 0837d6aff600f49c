package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.weir.text.Wat;
import org.junit.jupiter.api.Test;

/**
 * Loops that end with {@code i32.ne} against a constant, as clang ends a loop with a known trip
 * count. The JIT compiles such an exit as {@code <} or {@code >} where the counter can only step
 * onto the limit (JitCompiler.countedExit), so that C2 makes a counted loop of it; these loops
 * are the shapes where it may and the near misses where it must not, each with a second exit
 * that stops a loop which steps past its limit. Every one returns the same in both tiers.
 * In package dev.weir.core for CompiledModule.jitFunction; here for the text format (Wat).
 */
class CountedLoopExitTest {
    /**
     * Each function takes (start, skip) and returns iterations * 100000 + the counter's last
     * value (low bits), so a loop that stops early or late gives another number.
     */
    private static final String MODULE = String.join("\n",
            "(module",
            // Up by 4 from a constant onto 636: compiled as <.
            "  (func (export \"up\") (param $start i32) (param $skip i32) (result i32) (local $i i32) (local $n i32)",
            "    (local.set $i (i32.const 0))",
            "    (loop $next",
            "      (local.set $n (i32.add (local.get $n) (i32.const 1)))",
            "      (br_if $next (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 636))))",
            "    (i32.add (i32.mul (local.get $n) (i32.const 100000)) (local.get $i)))",
            // Down by 3 from 30 onto -6, through zero: compiled as >.
            "  (func (export \"down\") (param $start i32) (param $skip i32) (result i32) (local $i i32) (local $n i32)",
            "    (local.set $i (i32.const 30))",
            "    (loop $next",
            "      (local.set $n (i32.add (local.get $n) (i32.const 1)))",
            "      (br_if $next (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const -3))) (i32.const -6))))",
            "    (i32.add (i32.mul (local.get $n) (i32.const 100000)) (local.get $i)))",
            // From 1 by 4: 636 is never met, so the loop goes on past it until the other exit.
            "  (func (export \"misaligned\") (param $start i32) (param $skip i32) (result i32) (local $i i32) (local $n i32)",
            "    (local.set $i (i32.const 1))",
            "    (block $out (loop $next",
            "      (local.set $n (i32.add (local.get $n) (i32.const 1)))",
            "      (br_if $out (i32.gt_u (local.get $n) (i32.const 500)))",
            "      (br_if $next (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 636)))))",
            "    (i32.add (i32.mul (local.get $n) (i32.const 100000)) (i32.and (local.get $i) (i32.const 65535))))",
            // The body writes the counter too: it jumps over 64 and goes on.
            "  (func (export \"written\") (param $start i32) (param $skip i32) (result i32) (local $i i32) (local $n i32)",
            "    (local.set $i (i32.const 0))",
            "    (block $out (loop $next",
            "      (local.set $n (i32.add (local.get $n) (i32.const 1)))",
            "      (br_if $out (i32.gt_u (local.get $n) (i32.const 500)))",
            "      (if (i32.eq (local.get $i) (i32.const 56)) (then (local.set $i (i32.const 60))))",
            "      (br_if $next (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 64)))))",
            "    (i32.add (i32.mul (local.get $n) (i32.const 100000)) (i32.and (local.get $i) (i32.const 65535))))",
            // A second branch back after the exit: the counter passes the limit and the ne goes on.
            "  (func (export \"twoBackEdges\") (param $start i32) (param $skip i32) (result i32) (local $i i32) (local $n i32) (local $k i32)",
            "    (local.set $i (i32.const 0))",
            "    (block $out (loop $next",
            "      (local.set $n (i32.add (local.get $n) (i32.const 1)))",
            "      (br_if $out (i32.gt_u (local.get $n) (i32.const 500)))",
            "      (br_if $next (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 16)))",
            "      (local.set $k (i32.add (local.get $k) (i32.const 1)))",
            "      (br_if $next (i32.lt_u (local.get $k) (i32.const 3)))))",
            "    (i32.add (i32.mul (local.get $n) (i32.const 100000)) (i32.and (local.get $i) (i32.const 65535))))",
            // A branch past the constant into the loop: the counter starts from the parameter.
            "  (func (export \"enteredPast\") (param $start i32) (param $skip i32) (result i32) (local $i i32) (local $n i32)",
            "    (local.set $i (local.get $start))",
            "    (block $b",
            "      (br_if $b (local.get $skip))",
            "      (local.set $i (i32.const 0)))",
            "    (block $out (loop $next",
            "      (local.set $n (i32.add (local.get $n) (i32.const 1)))",
            "      (br_if $out (i32.gt_u (local.get $n) (i32.const 500)))",
            "      (br_if $next (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 64)))))",
            "    (i32.add (i32.mul (local.get $n) (i32.const 100000)) (i32.and (local.get $i) (i32.const 65535))))",
            // Up by 4 onto the smallest i32: it wraps there, which < would not see.
            "  (func (export \"wraps\") (param $start i32) (param $skip i32) (result i32) (local $i i32) (local $n i32)",
            "    (local.set $i (i32.const 2147483640))",
            "    (block $out (loop $next",
            "      (local.set $n (i32.add (local.get $n) (i32.const 1)))",
            "      (br_if $out (i32.gt_u (local.get $n) (i32.const 500)))",
            "      (br_if $next (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const -2147483648)))))",
            "    (i32.add (i32.mul (local.get $n) (i32.const 100000)) (i32.and (local.get $i) (i32.const 65535))))",
            // Nested: the inner loop's constant runs again on each outer iteration.
            "  (func (export \"nested\") (param $start i32) (param $skip i32) (result i32) (local $i i32) (local $j i32) (local $n i32)",
            "    (local.set $j (i32.const 0))",
            "    (loop $outer",
            "      (local.set $i (i32.const -8))",
            "      (loop $inner",
            "        (local.set $n (i32.add (local.get $n) (local.get $i)))",
            "        (br_if $inner (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 2))) (i32.const 8))))",
            "      (br_if $outer (i32.ne (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 5))))",
            "    (i32.add (i32.mul (local.get $n) (i32.const 100000)) (local.get $i))))");

    private static final String[] NAMES = {"up", "down", "misaligned", "written", "twoBackEdges", "enteredPast", "wraps", "nested"};

    private static Instance instantiate(CompileOptions.Jit policy) {
        return new Linker(new Store()).instantiate(Wasm.parse(Wat.toBinary(MODULE), CompileOptions.defaults().withJit(policy)));
    }

    @Test
    void loopsEndingInNotEqualExitWhereTheInterpreterDoes() {
        Instance interpreter = instantiate(CompileOptions.Jit.OFF);
        Instance compiled = instantiate(CompileOptions.Jit.ALL);
        for (int f = 0; f < NAMES.length; f++) {
            assertNotNull(compiled.compiledModule().jitFunction(f), NAMES[f] + " is compiled");
            for (int skip = 0; skip < 2; skip++) {
                for (int start : new int[] {0, 1, 3, 64, -4}) {
                    Function a = interpreter.function(NAMES[f]);
                    Function b = compiled.function(NAMES[f]);
                    assertEquals(a.call(start, skip), b.call(start, skip), NAMES[f] + "(" + start + ", " + skip + ")");
                }
            }
        }
        // What the loops do, so that the shapes are what the comments say.
        assertEquals(159 * 100000 + 636, (int) interpreter.function("up").call(0, 0));
        assertEquals(12 * 100000 - 6, (int) interpreter.function("down").call(0, 0));
        assertEquals(501 * 100000 + (1 + 500 * 4), (int) interpreter.function("misaligned").call(0, 0));
        assertEquals(2 * 100000, (int) interpreter.function("wraps").call(0, 0));
    }
}
