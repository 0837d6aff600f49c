package dev.weir.core.internal.validate;

import dev.weir.core.module.Module;


import dev.weir.core.internal.binary.ModuleDecoder;
import java.io.ByteArrayOutputStream;

/** Builds small module binaries by section for validator and compiler tests. */
public final class TestBinary {
    public static final int I32 = 0x7F;
    public static final int I64 = 0x7E;
    public static final int F32 = 0x7D;
    public static final int F64 = 0x7C;
    public static final int V128 = 0x7B;
    public static final int FUNCREF = 0x70;
    public static final int EXTERNREF = 0x6F;

    private final ByteArrayOutputStream types = new ByteArrayOutputStream();
    private int typeCount;
    private final ByteArrayOutputStream imports = new ByteArrayOutputStream();
    private int importCount;
    private final ByteArrayOutputStream functions = new ByteArrayOutputStream();
    private final ByteArrayOutputStream codes = new ByteArrayOutputStream();
    private int functionCount;
    private final ByteArrayOutputStream tables = new ByteArrayOutputStream();
    private int tableCount;
    private final ByteArrayOutputStream memories = new ByteArrayOutputStream();
    private int memoryCount;
    private final ByteArrayOutputStream globals = new ByteArrayOutputStream();
    private int globalCount;
    private final ByteArrayOutputStream exports = new ByteArrayOutputStream();
    private int exportCount;
    private final ByteArrayOutputStream elements = new ByteArrayOutputStream();
    private int elementCount;
    private int dataCount = -1;
    private int start = -1;

    /** Adds a function type; returns its index. */
    public TestBinary type(int[] params, int... results) {
        types.write(0x60);
        vec(types, params);
        vec(types, results);
        typeCount++;
        return this;
    }

    public static int[] params(int... types) {
        return types;
    }

    public TestBinary importFunction(String module, String name, int typeIndex) {
        name(imports, module);
        name(imports, name);
        imports.write(0x00);
        u32(imports, typeIndex);
        importCount++;
        return this;
    }

    TestBinary importGlobal(String module, String name, int type, boolean mutable) {
        name(imports, module);
        name(imports, name);
        imports.write(0x03);
        imports.write(type);
        imports.write(mutable ? 1 : 0);
        importCount++;
        return this;
    }

    /** A defined function: its type, declared locals (one entry per local) and body bytes without the final end. */
    public TestBinary function(int typeIndex, int[] locals, int... body) {
        u32(functions, typeIndex);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u32(b, locals.length);
        for (int t : locals) {
            u32(b, 1);
            b.write(t);
        }
        for (int x : body) {
            b.write(x);
        }
        b.write(0x0B);
        u32(codes, b.size());
        codes.write(b.toByteArray(), 0, b.size());
        functionCount++;
        return this;
    }

    /** A function whose body bytes are taken as they are (no end added). */
    TestBinary rawFunction(int typeIndex, int... bodyWithLocals) {
        u32(functions, typeIndex);
        u32(codes, bodyWithLocals.length);
        for (int x : bodyWithLocals) {
            codes.write(x);
        }
        functionCount++;
        return this;
    }

    public TestBinary table(int elementType, int min) {
        tables.write(elementType);
        tables.write(0x00);
        u32(tables, min);
        tableCount++;
        return this;
    }

    public TestBinary memory(int min, int max) {
        if (max < 0) {
            memories.write(0x00);
            u32(memories, min);
        } else {
            memories.write(0x01);
            u32(memories, min);
            u32(memories, max);
        }
        memoryCount++;
        return this;
    }

    /** A global with an initializer given as instruction bytes (end added). */
    TestBinary global(int type, boolean mutable, int... init) {
        globals.write(type);
        globals.write(mutable ? 1 : 0);
        for (int x : init) {
            globals.write(x);
        }
        globals.write(0x0B);
        globalCount++;
        return this;
    }

    public TestBinary export(String name, int kind, int index) {
        name(exports, name);
        exports.write(kind);
        u32(exports, index);
        exportCount++;
        return this;
    }

    /** A declarative element segment of function indexes (makes them valid for ref.func). */
    TestBinary declare(int... functionIndexes) {
        elements.write(0x03);
        elements.write(0x00);
        vec(elements, functionIndexes);
        elementCount++;
        return this;
    }

    /** An active funcref segment for table 0 at offset 0. */
    public TestBinary activeElements(int... functionIndexes) {
        elements.write(0x00);
        elements.write(0x41);
        elements.write(0x00);
        elements.write(0x0B);
        vec(elements, functionIndexes);
        elementCount++;
        return this;
    }

    TestBinary dataCount(int count) {
        dataCount = count;
        return this;
    }

    TestBinary start(int function) {
        start = function;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x00);
        out.write('a');
        out.write('s');
        out.write('m');
        out.write(1);
        out.write(0);
        out.write(0);
        out.write(0);
        section(out, 1, typeCount, types);
        section(out, 2, importCount, imports);
        section(out, 3, functionCount, functions);
        section(out, 4, tableCount, tables);
        section(out, 5, memoryCount, memories);
        section(out, 6, globalCount, globals);
        section(out, 7, exportCount, exports);
        if (start >= 0) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            u32(s, start);
            rawSection(out, 8, s);
        }
        section(out, 9, elementCount, elements);
        if (dataCount >= 0) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            u32(s, dataCount);
            rawSection(out, 12, s);
        }
        section(out, 10, functionCount, codes);
        if (dataCount > 0) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            u32(s, dataCount);
            for (int i = 0; i < dataCount; i++) {
                s.write(0x01);
                s.write(0x00);
            }
            rawSection(out, 11, s);
        }
        return out.toByteArray();
    }

    Compiled validate() {
        Module module = ModuleDecoder.decode(bytes());
        return new Compiled(module, ModuleValidator.validate(module));
    }

    Compiled validate(boolean foldLocals) {
        // The interpreter's code, which is what the tests of the compiler's output look at.
        Module module = ModuleDecoder.decode(bytes());
        return new Compiled(module, ModuleValidator.validate(module, foldLocals));
    }

    private static void section(ByteArrayOutputStream out, int id, int count, ByteArrayOutputStream contents) {
        if (count == 0) {
            return;
        }
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        u32(s, count);
        s.write(contents.toByteArray(), 0, contents.size());
        rawSection(out, id, s);
    }

    private static void rawSection(ByteArrayOutputStream out, int id, ByteArrayOutputStream contents) {
        out.write(id);
        u32(out, contents.size());
        out.write(contents.toByteArray(), 0, contents.size());
    }

    private static void vec(ByteArrayOutputStream out, int[] values) {
        u32(out, values.length);
        for (int v : values) {
            u32(out, v);
        }
    }

    private static void name(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        u32(out, b.length);
        out.write(b, 0, b.length);
    }

    static void u32(ByteArrayOutputStream out, int value) {
        long v = value & 0xFFFFFFFFL;
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
