;; Imports a memory under a test:lamp function's name. Rebuild: wat2wasm lamp-memory-import.wat
(module
  (import "test:lamp" "open" (memory 1)))
