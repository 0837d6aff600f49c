;; A module of the test interface test:lamp (HostInterfaceTest, GrantedHostTest,
;; HostCallAllocationTest). It imports four of the interface's five functions.
;; Rebuild: wat2wasm lamp.wat
(module
  (import "test:lamp" "open" (func $open (param i32) (result i32)))
  (import "test:lamp" "set" (func $set (param i32 i32) (result i32)))
  (import "test:lamp" "close" (func $close (param i32) (result i32)))
  (import "test:lamp" "count" (func $count (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "open") (param i32) (result i32) (call $open (local.get 0)))
  (func (export "set") (param i32 i32) (result i32) (call $set (local.get 0) (local.get 1)))
  (func (export "close") (param i32) (result i32) (call $close (local.get 0)))
  ;; count writes the lamp's number of changes at address 16; this returns what it wrote.
  (func (export "count") (param i32) (result i32)
    (drop (call $count (local.get 0)))
    (i32.load (i32.const 16)))
  ;; n calls of set on handle h, alternating off and on; returns the sum of the results.
  (func (export "blink") (param $h i32) (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc)
          (call $set (local.get $h) (i32.and (local.get $n) (i32.const 1)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
