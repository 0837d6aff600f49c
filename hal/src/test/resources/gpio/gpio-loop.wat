;; Drives the weir:gpio data path from wasm for GpioAllocationTest (wat2wasm gpio-loop.wat).
(module
  (import "weir:gpio" "toggle" (func $toggle (param i32) (result i32)))
  (import "weir:gpio" "set-state" (func $set (param i32 i32) (result i32)))
  (import "weir:gpio" "read" (func $read (param i32) (result i32)))
  (import "weir:gpio" "poll-edge" (func $poll (param i32) (result i32)))
  (import "weir:gpio" "set-duty" (func $duty (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; n rounds of toggle, set-state 1, read on handle h; returns the sum of the results.
  (func (export "blink") (param $h i32) (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $toggle (local.get $h))))
        (local.set $acc (i32.add (local.get $acc) (call $set (local.get $h) (i32.const 1))))
        (local.set $acc (i32.add (local.get $acc) (call $read (local.get $h))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  ;; n duty changes on PWM handle h.
  (func (export "fade") (param $h i32) (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc)
          (call $duty (local.get $h) (i32.rem_u (local.get $n) (i32.const 10001)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  ;; Takes every queued edge event (into memory at 64); returns how many.
  (func (export "drain") (result i32)
    (local $count i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (call $poll (i32.const 64))))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br $l)))
    (local.get $count)))
