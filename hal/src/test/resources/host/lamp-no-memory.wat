;; Imports test:lamp's count, which writes to memory, but has no memory. Rebuild: wat2wasm lamp-no-memory.wat
(module
  (import "test:lamp" "count" (func $count (param i32) (result i32)))
  (func (export "count") (param i32) (result i32) (call $count (local.get 0))))
