;; HostCallBenchmark's output-heavy workload: n calls of WASI fd_write of 16 bytes to stdout, as
;; a program printing short lines does. Returns the sum of the bytes written (16 n).
;; Rebuild: wat2wasm fd_write.wat
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "weir host call.\0a")
  ;; one iovec at 32: {buf 16, len 16}; nwritten at 48
  (data (i32.const 32) "\10\00\00\00\10\00\00\00")
  (func (export "run") (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 48))))
        (local.set $acc (i32.add (local.get $acc) (i32.load (i32.const 48))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
