;; HostCallBenchmark's GPIO workload (weir only: Chicory has no GPIO): "open" opens GPIO 17 as an
;; output once; "run" then makes n calls of weir:gpio toggle on it. Returns the sum of the
;; results (0 when every call succeeds). Rebuild: wat2wasm gpio_toggle.wat
(module
  (import "weir:gpio" "get-digital-out" (func $get_digital_out (param i32 i32) (result i32)))
  (import "weir:gpio" "toggle" (func $toggle (param i32) (result i32)))
  (global $handle (mut i32) (i32.const 0))
  (func (export "open") (result i32)
    (global.set $handle (call $get_digital_out (i32.const 17) (i32.const 0)))
    (global.get $handle))
  (func (export "run") (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $toggle (global.get $handle))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
