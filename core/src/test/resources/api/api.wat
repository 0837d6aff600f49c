;; The module the API tests embed (ApiTest, EmbeddingExampleTest); api.wasm is built from it
;; with wabt: wat2wasm --debug-names api.wat -o api.wasm
(module
  (type $ii_i (func (param i32 i32) (result i32)))
  (import "env" "log" (func $log (param i32)))
  (memory (export "memory") 1 4)
  (table 2 funcref)
  (elem (i32.const 0) $div)
  (data (i32.const 16) "hello, weir\00")
  (func $div (export "div") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.div_s)
  (func $boom (export "boom")
    unreachable)
  (func $recurse (export "recurse")
    call $recurse)
  (func $log_twice (export "log_twice") (param i32) (result i32)
    local.get 0
    call $log
    local.get 0
    call $log
    local.get 0
    i32.const 2
    i32.mul)
  (func $load (export "load") (param i32) (result i32)
    local.get 0
    i32.load)
  (func $call_wrong (export "call_wrong") (result i32)
    i32.const 0
    call_indirect (result i32))
  (func $call_null (export "call_null") (result i32)
    i32.const 1
    call_indirect (result i32))
  (func $spin (export "spin")
    (loop $l br $l)))
