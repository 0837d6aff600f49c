package dev.weir.board.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small hand-checked module binaries for the CLI tests, as hex (built once with wat2wasm, shown as WAT). */
final class TestModules {
    private TestModules() {
    }

    /**
     * <pre>
     * (module
     *   (func $add (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
     *   (func $swap (export "swap") (param i64 f64) (result f64 i64) local.get 1 local.get 0)
     *   (func $half (export "half") (param f32) (result f32) local.get 0 f32.const 2 f32.div)
     *   (func $div (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
     *   (memory (export "memory") 1 2))
     * </pre>
     * with a name section (wat2wasm --debug-names).
     */
    static final String EXPORTS = "0061736d0100000001130360027f7f017f60027e7c027c7e60017d017d0305040001020005"
            + "0401010102072405036164640000047377617000010468616c660002036469760003066d656d6f727902000a23040700"
            + "200020016a0b0600200120000b0a0020004300000040950b0700200020016d0b0029046e616d65011704000361646401"
            + "0473776170020468616c6603036469760209040000010002000300";

    /** EXPORTS without its name section, as a stripped release build ships. */
    static final String EXPORTS_STRIPPED = EXPORTS.substring(0, EXPORTS.indexOf("0029046e616d65"));

    /** <pre>(module (import "env" "foo" (func (param i32))) (func (export "_start") i32.const 1 call 0))</pre> */
    static final String IMPORTS_ENV_FOO = "0061736d0100000001080260017f00600000020b0103656e7603666f6f0000030201"
            + "01070a01065f737461727400010a08010600410110000b";

    /** A function declared to return i32 whose body is empty: well-formed, but a type mismatch. */
    static final String INVALID = "0061736d01000000" + "010501600001" + "7f" + "03020100" + "0a040102000b";

    /** Right magic, wrong version. */
    static final String BAD_VERSION = "0061736d02000000";

    static Path write(Path dir, String name, String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return Files.write(dir.resolve(name), bytes);
    }
}
