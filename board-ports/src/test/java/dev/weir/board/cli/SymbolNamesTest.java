package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: a panicking Rust program's trap backtrace showed only mangled names. */
class SymbolNamesTest {
    @TempDir
    Path dir;

    /** Names taken from the backtrace of a Rust 1.63 wasm32-wasi program that panicked under weir run. */
    @Test
    void demanglesLegacyRustNames() {
        assertEquals("std::panicking::rust_panic_with_hook",
                SymbolNames.demangleRust("_ZN3std9panicking20rust_panic_with_hook17h6ac9107c42850161E"));
        assertEquals("std::panicking::begin_panic_handler::{{closure}}", SymbolNames.demangleRust(
                "_ZN3std9panicking19begin_panic_handler28_$u7b$$u7b$closure$u7d$$u7d$17h8ef066ac4d1e7406E"));
        assertEquals("std::rt::lang_start::{{closure}}", SymbolNames.demangleRust(
                "_ZN3std2rt10lang_start28_$u7b$$u7b$closure$u7d$$u7d$17h64c070b7348ab6f5E.llvm.12164130473382305770"));
        assertEquals("<&mut W as core::fmt::Write>::write_str", SymbolNames.demangleRust(
                "_ZN50_$LT$$RF$mut$u20$W$u20$as$u20$core..fmt..Write$GT$9write_str17h0123456789abcdefE"));
    }

    @Test
    void leavesOtherNamesAlone() {
        assertNull(SymbolNames.demangleRust("main"));
        assertNull(SymbolNames.demangleRust("_ZN3foo3barEv"), "a C++ name");
        assertNull(SymbolNames.demangleRust("_ZN3foo3barE"), "no Rust hash: could be C++");
        assertNull(SymbolNames.demangleRust("_ZN99tooshortE"));
        assertEquals("abort[422]", SymbolNames.frame("abort[422]"));
        assertEquals("func[63]", SymbolNames.frame("func[63]"));
        assertEquals("core::result::unwrap_failed[536]",
                SymbolNames.frame("_ZN4core6result13unwrap_failed17h047945eda95e3c94E[536]"));
    }

    /** A module whose name section holds Rust names (not for _start, which keeps its export name); _start calls main, which calls crash: unreachable. */
    private static final String RUST_NAMED_CRASH = "0061736d01000000010401600000030403000000070a01065f7374617274"
            + "00020a0f030300000b040010000b040010010b0058046e616d6501480200225f5a4e3464656d6f356372617368313768"
            + "303132333435363738396162636465664501215f5a4e3464656d6f346d61696e3137686665646362613938373635343332"
            + "313045020703000001000200";

    @Test
    void trapBacktracePrintsReadableRustNames() throws Exception {
        Path wasm = TestModules.write(dir, "crash.wasm", RUST_NAMED_CRASH);
        Cli.Result r = Cli.run("run", wasm.toString());
        assertEquals(ExitStatus.TRAP, r.status, r.toString());
        assertEquals("weir: trap: unreachable\n  at demo::crash[0]\n  at demo::main[1]\n  at _start[2]\n", r.stderr);
    }
}
