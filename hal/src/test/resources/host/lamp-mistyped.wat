;; Imports test:lamp's set with an i64 where the interface has an i32. Rebuild: wat2wasm lamp-mistyped.wat
(module
  (import "test:lamp" "set" (func (param i64 i32) (result i32))))
