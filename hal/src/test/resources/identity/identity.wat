;; A guest of weir:identity: get(buffer, capacity) returns what spiffe-id returns.
;; Build: wat2wasm identity.wat -o identity.wasm
(module
  (import "weir:identity" "spiffe-id" (func $spiffe_id (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "get") (param $buffer i32) (param $capacity i32) (result i32)
    (call $spiffe_id (local.get $buffer) (local.get $capacity))))
