;; Prints the module's own SPIFFE ID (weir:identity) on stdout, or "no identity".
;; Build: wat2wasm whoami.wat -o whoami.wasm
(module
  (import "weir:identity" "spiffe-id" (func $spiffe_id (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "no identity")
  (func (export "_start")
    (local $n i32)
    (local.set $n (call $spiffe_id (i32.const 256) (i32.const 2048)))
    (if (i32.lt_s (local.get $n) (i32.const 0))
      (then
        (i32.store (i32.const 0) (i32.const 64))
        (i32.store (i32.const 4) (i32.const 11)))
      (else
        (i32.store (i32.const 0) (i32.const 256))
        (i32.store (i32.const 4) (local.get $n))))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))))
