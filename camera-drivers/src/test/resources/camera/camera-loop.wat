;; Drives the weir:camera data path from wasm for the camera tests (wat2wasm camera-loop.wat).
(module
  (import "weir:camera" "open" (func $open (param i32 i32 i32 i32 i32) (result i32)))
  (import "weir:camera" "capture" (func $capture (param i32 i32 i32 i32) (result i32)))
  (import "weir:camera" "close" (func $close (param i32) (result i32)))
  ;; 8 pages: a 640x480 gray8 frame at 65536, frame info at 16.
  (memory (export "memory") 8)
  (func (export "open") (param i32 i32 i32 i32 i32) (result i32)
    (call $open (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
  (func (export "close") (param i32) (result i32)
    (call $close (local.get 0)))
  ;; One capture of handle h into [ptr, ptr + len), info at 16.
  (func (export "capture") (param $h i32) (param $ptr i32) (param $len i32) (result i32)
    (call $capture (local.get $h) (local.get $ptr) (local.get $len) (i32.const 16)))
  ;; n captures of handle h into [65536, 65536 + len); returns the sum of the results (bytes or errors).
  (func (export "captures") (param $h i32) (param $len i32) (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc)
          (call $capture (local.get $h) (i32.const 65536) (local.get $len) (i32.const 16))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc)))
