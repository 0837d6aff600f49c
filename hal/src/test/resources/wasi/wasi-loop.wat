;; Host calls from wasm through the linker, for HostCallAllocationTest: n calls of args_sizes_get,
;; and n 16-byte fd_write calls to stdout. Rebuild: wat2wasm wasi-loop.wat
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "weir host call.\0a")
  (data (i32.const 32) "\10\00\00\00\10\00\00\00")
  (func (export "sizes") (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $args_sizes_get (i32.const 0) (i32.const 4))))
        (local.set $acc (i32.add (local.get $acc) (i32.load (i32.const 0))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  (func (export "write") (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 48))))
        (local.set $acc (i32.add (local.get $acc) (i32.load (i32.const 48))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
