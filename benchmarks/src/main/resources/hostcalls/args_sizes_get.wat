;; HostCallBenchmark's trivial host call: n calls of WASI args_sizes_get, which writes two i32s
;; to memory and returns 0. Returns the sum of argc over all calls (n for one argument), so a
;; runtime that skips a call gives a wrong answer. Rebuild: wat2wasm args_sizes_get.wat
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $args_sizes_get (i32.const 0) (i32.const 4))))
        (local.set $acc (i32.add (local.get $acc) (i32.load (i32.const 0))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
