;; Imports fd_write with three parameters where preview1 has four (WasiLinkedTest).
;; Rebuild: wat2wasm fd-write-mistyped.wat
(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32) (result i32))))
