package dev.weir.benchmarks;

/**
 * A large text module for timing the text parser: a fixed set of functions repeated with fresh
 * identifiers until the text reaches a size. The functions mix what real .wat files hold:
 * folded and plain instructions, named locals and labels, blocks, loops and branches, calls,
 * memory accesses with offsets, numeric literals in decimal, hex, hex-float and underscore forms,
 * and SIMD.
 */
public final class LargeText {
    private LargeText() {
    }

    /** A module of at least minChars characters. */
    public static String generate(int minChars) {
        StringBuilder sb = new StringBuilder(minChars + 4096);
        sb.append("(module $large\n")
                .append("  (type $binop (func (param i32 i32) (result i32)))\n")
                .append("  (memory (export \"memory\") 1)\n")
                .append("  (global $counter (mut i64) (i64.const 0))\n")
                .append("  (table $fns 4 funcref)\n")
                .append("  (data (i32.const 16) \"weir\\00text\\ff\\u{1F600}\")\n");
        int n = 0;
        while (sb.length() < minChars) {
            function(sb, n++);
        }
        sb.append(")\n");
        return sb.toString();
    }

    private static void function(StringBuilder sb, int n) {
        sb.append("  (func $sum").append(n).append(" (export \"sum").append(n)
                .append("\") (param $n i32) (result i32)\n")
                .append("    (local $acc i32) (local $i i32) (local $wide i64) (local $f f64)\n")
                .append("    ;; sum 0..n, with a detour through memory and floats\n")
                .append("    (local.set $i (i32.const 0))\n")
                .append("    block $done\n")
                .append("      loop $again\n")
                .append("        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))\n")
                .append("        (local.set $acc (i32.add (local.get $acc) (local.get $i)))\n")
                .append("        local.get $i\n")
                .append("        i32.const 1\n")
                .append("        i32.add\n")
                .append("        local.set $i\n")
                .append("        br $again\n")
                .append("      end $again\n")
                .append("    end $done\n")
                .append("    (i32.store offset=0x100 align=4 (i32.const 0) (local.get $acc))\n")
                .append("    (local.set $wide (i64.extend_i32_u (i32.load offset=256 (i32.const 0))))\n")
                .append("    (global.set $counter (i64.add (global.get $counter) (i64.const 0x1_0000_0000)))\n")
                .append("    (local.set $f (f64.add (f64.convert_i64_u (local.get $wide)) (f64.const 0x1.8p-3)))\n")
                .append("    (if (result i32) (f64.gt (local.get $f) (f64.const 1_000_000.5e-2))\n")
                .append("      (then (i32.trunc_f64_s (local.get $f)))\n")
                .append("      (else (call $mix").append(n).append(" (local.get $acc) (i32.const -0x7fff_ffff)))))\n")
                .append("  (func $mix").append(n).append(" (type $binop)\n")
                .append("    (i32x4.extract_lane 1\n")
                .append("      (i32x4.add (i32x4.splat (local.get 0))\n")
                .append("        (v128.const i32x4 1 0x2 -3 4_000)))\n")
                .append("    (select (local.get 1) (i32.xor (local.get 1) (i32.const 0xdead_beef)) (i32.eqz (local.get 0)))\n")
                .append("    i32.add\n")
                .append("    (f32.const nan:0x200000) (f32.const -inf) f32.min i32.trunc_sat_f32_s i32.add)\n");
    }
}
