(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $a (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (local $n i32) (local $acc i32)
    (local.set $n (i32.const 21000000))
    (block $done (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $a (i32.const 0) (i32.const 4))))
        (local.set $acc (i32.add (local.get $acc) (i32.load (i32.const 0))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (call $exit (i32.ne (local.get $acc) (i32.const 21000000)))))
