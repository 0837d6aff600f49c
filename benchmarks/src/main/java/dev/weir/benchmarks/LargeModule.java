package dev.weir.benchmarks;

import java.io.ByteArrayOutputStream;

/**
 * A large module made from a small one, for timing decode, validate and compile: the small
 * module's defined functions are appended again and again (same types, same bodies) until the
 * module reaches a size. Calls in the copies still call the original functions, so every copy
 * validates as the original does, and the original exports still work.
 */
public final class LargeModule {
    private static final int FUNCTION_SECTION = 3;
    private static final int CODE_SECTION = 10;

    private LargeModule() {
    }

    /** The module with its defined functions repeated until it is at least minBytes long. */
    public static byte[] grow(byte[] module, int minBytes) {
        Reader in = new Reader(module);
        in.pos = 8; // magic and version
        int functionSection = -1;
        int codeSection = -1;
        while (in.pos < module.length) {
            int start = in.pos;
            int id = module[in.pos++];
            int size = in.u32();
            if (id == FUNCTION_SECTION) {
                functionSection = start;
            } else if (id == CODE_SECTION) {
                codeSection = start;
            }
            in.pos += size;
        }
        if (functionSection < 0 || codeSection < 0) {
            throw new IllegalArgumentException("the module defines no functions");
        }
        byte[] types = contents(module, functionSection);
        byte[] bodies = contents(module, codeSection);
        Reader t = new Reader(types);
        int count = t.u32();
        Reader b = new Reader(bodies);
        if (b.u32() != count) {
            throw new IllegalArgumentException("function and code sections disagree");
        }
        byte[] typeIndexes = java.util.Arrays.copyOfRange(types, t.pos, types.length);
        byte[] code = java.util.Arrays.copyOfRange(bodies, b.pos, bodies.length);
        int copies = Math.max(1, (minBytes - module.length) / Math.max(1, code.length) + 1);

        ByteArrayOutputStream out = new ByteArrayOutputStream(minBytes + module.length);
        in.pos = 8;
        out.write(module, 0, 8);
        while (in.pos < module.length) {
            int start = in.pos;
            int id = module[in.pos++];
            int size = in.u32();
            in.pos += size;
            if (id == FUNCTION_SECTION) {
                section(out, id, count * (copies + 1), typeIndexes, copies + 1);
            } else if (id == CODE_SECTION) {
                section(out, id, count * (copies + 1), code, copies + 1);
            } else {
                out.write(module, start, in.pos - start);
            }
        }
        return out.toByteArray();
    }

    /** A section's contents: what follows its id and size. */
    private static byte[] contents(byte[] module, int sectionStart) {
        Reader r = new Reader(module);
        r.pos = sectionStart + 1;
        int size = r.u32();
        return java.util.Arrays.copyOfRange(module, r.pos, r.pos + size);
    }

    /** A vector section of count entries: entries repeated times. */
    private static void section(ByteArrayOutputStream out, int id, int count, byte[] entries, int times) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        u32(content, count);
        for (int i = 0; i < times; i++) {
            content.write(entries, 0, entries.length);
        }
        out.write(id);
        u32(out, content.size());
        out.write(content.toByteArray(), 0, content.size());
    }

    private static void u32(ByteArrayOutputStream out, int value) {
        do {
            int b = value & 0x7F;
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }

    private static final class Reader {
        final byte[] bytes;
        int pos;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int u32() {
            int result = 0;
            for (int shift = 0; ; shift += 7) {
                int b = bytes[pos++] & 0xFF;
                result |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
        }
    }
}
