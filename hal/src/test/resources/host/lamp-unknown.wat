;; Imports a function test:lamp does not have. Rebuild: wat2wasm lamp-unknown.wat
(module
  (import "test:lamp" "open" (func (param i32) (result i32)))
  (import "test:lamp" "dim" (func (param i32 i32) (result i32))))
