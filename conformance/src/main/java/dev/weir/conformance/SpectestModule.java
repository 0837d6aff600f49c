package dev.weir.conformance;

import dev.weir.core.module.FuncType;
import dev.weir.core.module.GlobalType;
import dev.weir.core.module.Limits;
import dev.weir.core.module.TableType;
import dev.weir.core.module.ValType;
import dev.weir.core.Global;
import dev.weir.core.HostFunction;
import dev.weir.core.Linker;
import dev.weir.core.Memory;
import dev.weir.core.Table;

/**
 * The {@code spectest} host module that the spec tests import from (as the reference
 * interpreter defines it): print functions that do nothing, four immutable globals holding 666
 * or 666.6, a funcref table of 10..20 elements and a memory of 1..2 pages.
 */
public final class SpectestModule {
    private static final HostFunction NOTHING = (caller, stack, base) -> { };

    private SpectestModule() {
    }

    /** Defines every {@code spectest} export in the linker; each call makes fresh table, memory and globals. */
    public static void define(Linker linker) {
        print(linker, "print");
        print(linker, "print_i32", ValType.I32);
        print(linker, "print_i64", ValType.I64);
        print(linker, "print_f32", ValType.F32);
        print(linker, "print_f64", ValType.F64);
        print(linker, "print_i32_f32", ValType.I32, ValType.F32);
        print(linker, "print_f64_f64", ValType.F64, ValType.F64);
        linker.define("spectest", "global_i32", new Global(new GlobalType(ValType.I32, false), 666));
        linker.define("spectest", "global_i64", new Global(new GlobalType(ValType.I64, false), 666));
        linker.define("spectest", "global_f32",
                new Global(new GlobalType(ValType.F32, false), Float.floatToRawIntBits(666.6f)));
        linker.define("spectest", "global_f64",
                new Global(new GlobalType(ValType.F64, false), Double.doubleToRawLongBits(666.6)));
        linker.define("spectest", "table", new Table(new TableType(ValType.FUNCREF, new Limits(10, 20)), 10, 20));
        linker.define("spectest", "memory", new Memory(1, 2));
    }

    private static void print(Linker linker, String name, byte... params) {
        linker.define("spectest", name, new FuncType(params, new byte[0]), NOTHING);
    }
}
