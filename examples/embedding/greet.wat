;; The module of the README's embedding snippet: it imports env.print (a host function that
;; prints a UTF-8 string from linear memory) and exports greet, which prints a greeting and
;; returns its length. Built with wabt: wat2wasm greet.wat -o greet.wasm
(module
  (import "env" "print" (func $print (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello from wasm")
  (func (export "greet") (param $times i32) (result i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $times)))
        (call $print (i32.const 0) (i32.const 15))
        (local.set $times (i32.sub (local.get $times) (i32.const 1)))
        (br $again)))
    (i32.const 15)))
