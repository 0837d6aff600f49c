package dev.weir.core.internal.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.MalformedModuleException;
import dev.weir.core.module.ConstExpr;
import dev.weir.core.module.DataSegment;
import dev.weir.core.module.ElementSegment;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.FunctionBody;
import dev.weir.core.module.Import;
import dev.weir.core.module.Module;
import dev.weir.core.module.ValType;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Hand-written binaries; each section is spelled out byte by byte with the spec's encodings. */
class ModuleDecoderTest {

    private static final int[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
    /** Type section: one type () -> (). */
    private static final int[] TYPE_VOID = section(1, 0x01, 0x60, 0x00, 0x00);
    /** Function section: one function of type 0. */
    private static final int[] ONE_FUNCTION = section(3, 0x01, 0x00);
    /** Code section: one empty body. */
    private static final int[] ONE_EMPTY_BODY = section(10, 0x01, 0x02, 0x00, 0x0B);

    /** A section: id, u32 size (one byte; the tests keep sections short), content. */
    private static int[] section(int id, int... content) {
        int[] s = new int[content.length + 2];
        s[0] = id;
        s[1] = content.length;
        System.arraycopy(content, 0, s, 2, content.length);
        return s;
    }

    private static byte[] module(int[]... sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b : HEADER) {
            out.write(b);
        }
        for (int[] s : sections) {
            for (int b : s) {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static byte[] raw(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    private static void assertMalformed(String expected, byte[] binary) {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(binary));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void decodesTheEmptyModule() {
        Module m = ModuleDecoder.decode(module());
        assertEquals(0, m.typeCount());
        assertEquals(0, m.functionCount());
        assertEquals(-1, m.startFunction());
        assertEquals(-1, m.dataCount());
        assertNull(m.moduleName());
    }

    @Test
    void rejectsBadHeaders() {
        assertMalformed("unexpected end", raw(0x00, 0x61, 0x73));
        assertMalformed("magic header not detected", raw(0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00));
        assertMalformed("unexpected end", raw(0x01));
        assertMalformed("unexpected end", raw());
        assertMalformed("unexpected end", raw(0x00, 0x61, 0x73, 0x6D, 0x01));
        assertMalformed("unknown binary version", raw(0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00));
    }

    @Test
    void copiesTheInputSoTheModuleStaysImmutable() {
        byte[] binary = module(TYPE_VOID);
        Module m = ModuleDecoder.decode(binary);
        binary[9] = 0x7F;
        assertEquals(TYPE_VOID[1], m.bytes()[9]);
    }

    @Test
    void decodesTypesImportsAndIndexSpacesWithImportsFirst() {
        byte[] binary = module(
            section(1, 0x02, 0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7D, 0x60, 0x00, 0x01, 0x7B),
            section(2, 0x04,
                0x01, 'm', 0x01, 'f', 0x00, 0x01,                    // func type 1
                0x01, 'm', 0x01, 't', 0x01, 0x6F, 0x01, 0x02, 0x05,  // table externref 2..5
                0x01, 'm', 0x01, 'k', 0x02, 0x00, 0x01,              // memory 1..
                0x01, 'm', 0x01, 'g', 0x03, 0x7C, 0x01),             // global mut f64
            ONE_FUNCTION,
            section(4, 0x01, 0x70, 0x00, 0x0A),
            section(5, 0x01, 0x01, 0x00, 0x80, 0x80, 0x04),
            section(6, 0x01, 0x7F, 0x00, 0x41, 0x7F, 0x0B),
            section(7, 0x02, 0x01, 'a', 0x00, 0x01, 0x01, 'b', 0x03, 0x01),
            section(8, 0x01),
            section(10, 0x01, 0x02, 0x00, 0x0B));
        Module m = ModuleDecoder.decode(binary);

        assertEquals(2, m.typeCount());
        assertArrayEquals(new byte[] {ValType.I32, ValType.I64}, m.type(0).params());
        assertArrayEquals(new byte[] {ValType.F32}, m.type(0).results());
        assertArrayEquals(new byte[] {ValType.V128}, m.type(1).results());

        assertEquals(4, m.importCount());
        Import f = m.importAt(0);
        assertEquals("m", f.module());
        assertEquals("f", f.name());
        assertEquals(ExternalKind.FUNCTION, f.kind());
        assertEquals(1, f.typeIndex());
        assertEquals(ValType.EXTERNREF, m.importAt(1).tableType().elementType());
        assertEquals(5, m.importAt(1).tableType().limits().max());
        assertFalse(m.importAt(2).memoryType().limits().hasMax());
        assertTrue(m.importAt(3).globalType().isMutable());

        assertEquals(2, m.functionCount());
        assertEquals(1, m.importedFunctionCount());
        assertEquals(1, m.functionTypeIndex(0));
        assertEquals(0, m.functionTypeIndex(1));
        assertEquals(2, m.tableCount());
        assertEquals(ValType.FUNCREF, m.table(1).elementType());
        assertEquals(10, m.table(1).limits().min());
        assertEquals(2, m.memoryCount());
        assertEquals(65536, m.memory(1).limits().max());
        assertEquals(2, m.globalCount());
        assertEquals(1, m.importedGlobalCount());
        assertFalse(m.global(1).isMutable());
        assertEquals(-1, (int) m.globalInit(1).immediate(0));

        assertEquals(2, m.exportCount());
        assertEquals("a", m.export(0).name());
        assertEquals(ExternalKind.GLOBAL, m.export(1).kind());
        assertEquals(1, m.startFunction());
    }

    @Test
    void readsLimitsAsUnsigned32Bit() {
        Module m = ModuleDecoder.decode(module(section(5, 0x01, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00)));
        assertEquals(0xFFFFFFFFL, m.memory(0).limits().min());
        assertEquals(0, m.memory(0).limits().max());
    }

    @Test
    void expandsLocalDeclarationsAndRecordsWhereTheInstructionsLie() {
        byte[] binary = module(TYPE_VOID, ONE_FUNCTION,
            section(10, 0x01, 0x07, 0x02, 0x02, 0x7F, 0x01, 0x7E, 0x01, 0x0B));
        Module m = ModuleDecoder.decode(binary);
        FunctionBody body = m.body(0);
        assertEquals(3, body.localCount());
        assertEquals(ValType.I32, body.localType(1));
        assertEquals(ValType.I64, body.localType(2));
        assertEquals(0x01, m.bytes()[body.codeStart()]);
        assertEquals(binary.length, body.codeEnd());
        assertEquals(0x0B, m.bytes()[body.codeEnd() - 1]);
    }

    @Test
    void rejectsTooManyLocals() {
        // 0xFFFFFFFF + 2 locals, as in binary.wast.
        assertMalformed("too many locals", module(TYPE_VOID, ONE_FUNCTION,
            section(10, 0x01, 0x0A, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x02, 0x7E, 0x0B)));
        // Just above our own cap (50,001 = 0xD1 0x86 0x03).
        assertMalformed("too many locals", module(TYPE_VOID, ONE_FUNCTION,
            section(10, 0x01, 0x06, 0x01, 0xD1, 0x86, 0x03, 0x7F, 0x0B)));
        // Exactly at the cap is fine.
        Module m = ModuleDecoder.decode(module(TYPE_VOID, ONE_FUNCTION,
            section(10, 0x01, 0x06, 0x01, 0xD0, 0x86, 0x03, 0x7F, 0x0B)));
        assertEquals(ModuleDecoder.MAX_LOCALS, m.body(0).localCount());
    }

    @Test
    void rejectsABodyThatDoesNotEndWithEnd() {
        assertMalformed("END opcode expected", module(TYPE_VOID, ONE_FUNCTION, section(10, 0x01, 0x02, 0x00, 0x01)));
        assertMalformed("unexpected end of section or function",
            module(TYPE_VOID, ONE_FUNCTION, section(10, 0x01, 0x00)));
    }

    @Test
    void rejectsFunctionAndCodeCountsThatDiffer() {
        assertMalformed("function and code section have inconsistent lengths", module(TYPE_VOID, ONE_FUNCTION));
        assertMalformed("function and code section have inconsistent lengths", module(TYPE_VOID, ONE_EMPTY_BODY));
        assertMalformed("function and code section have inconsistent lengths",
            module(TYPE_VOID, section(3, 0x02, 0x00, 0x00), ONE_EMPTY_BODY));
    }

    @Test
    void checksTheDataCountAgainstTheDataSection() {
        int[] memory = section(5, 0x01, 0x00, 0x01);
        int[] passive = section(11, 0x01, 0x01, 0x02, 'h', 'i');
        Module m = ModuleDecoder.decode(module(memory, section(12, 0x01), passive));
        assertEquals(1, m.dataCount());
        assertMalformed("data count and data section have inconsistent lengths",
            module(memory, section(12, 0x02), passive));
        assertMalformed("data count and data section have inconsistent lengths", module(memory, section(12, 0x01)));
        assertEquals(0, ModuleDecoder.decode(module(memory, section(12, 0x00))).dataCount());
    }

    @Test
    void decodesTheThreeDataSegmentEncodings() {
        Module m = ModuleDecoder.decode(module(section(11, 0x03,
            0x00, 0x41, 0x08, 0x0B, 0x02, 'a', 'b',         // active, memory 0, offset 8
            0x01, 0x01, 'c',                               // passive
            0x02, 0x01, 0x23, 0x00, 0x0B, 0x00)));          // active, memory 1, offset global 0, empty
        DataSegment a = m.dataSegment(0);
        assertEquals(DataSegment.ACTIVE, a.mode());
        assertEquals(0, a.memoryIndex());
        assertEquals(8, a.offset().immediate(0));
        assertArrayEquals(new byte[] {'a', 'b'}, a.bytesUnsafe());
        assertEquals(DataSegment.PASSIVE, m.dataSegment(1).mode());
        assertNull(m.dataSegment(1).offset());
        assertEquals(1, m.dataSegment(2).memoryIndex());
        assertEquals(ConstExpr.GLOBAL_GET, m.dataSegment(2).offset().opcode(0));
        assertEquals(0, m.dataSegment(2).length());
        assertMalformed("malformed data segment kind", module(section(11, 0x01, 0x03, 0x00)));
    }

    @Test
    void decodesTheEightElementSegmentEncodings() {
        Module m = ModuleDecoder.decode(module(section(9, 0x08,
            0x00, 0x41, 0x01, 0x0B, 0x02, 0x05, 0x06,                       // 0: active table 0, func indexes
            0x01, 0x00, 0x01, 0x07,                                         // 1: passive, elemkind, func indexes
            0x02, 0x03, 0x41, 0x02, 0x0B, 0x00, 0x01, 0x08,                 // 2: active table 3, elemkind
            0x03, 0x00, 0x01, 0x09,                                         // 3: declarative, elemkind
            0x04, 0x41, 0x03, 0x0B, 0x01, 0xD2, 0x0A, 0x0B,                 // 4: active table 0, exprs
            0x05, 0x6F, 0x01, 0xD0, 0x6F, 0x0B,                             // 5: passive externref exprs
            0x06, 0x02, 0x41, 0x04, 0x0B, 0x70, 0x01, 0xD0, 0x70, 0x0B,     // 6: active table 2, exprs
            0x07, 0x70, 0x00)));                                            // 7: declarative, no items
        int[] modes = {ElementSegment.ACTIVE, ElementSegment.PASSIVE, ElementSegment.ACTIVE,
            ElementSegment.DECLARATIVE, ElementSegment.ACTIVE, ElementSegment.PASSIVE, ElementSegment.ACTIVE,
            ElementSegment.DECLARATIVE};
        for (int i = 0; i < 8; i++) {
            assertEquals(modes[i], m.element(i).mode(), "segment " + i);
        }
        ElementSegment s0 = m.element(0);
        assertEquals(ValType.FUNCREF, s0.elementType());
        assertEquals(2, s0.size());
        assertEquals(ConstExpr.REF_FUNC, s0.item(1).opcode(0));
        assertEquals(6, s0.item(1).immediate(0));
        assertEquals(1, s0.offset().immediate(0));
        assertNull(m.element(1).offset());
        assertEquals(3, m.element(2).tableIndex());
        assertEquals(8, m.element(2).item(0).immediate(0));
        assertEquals(10, m.element(4).item(0).immediate(0));
        assertEquals(ValType.EXTERNREF, m.element(5).elementType());
        assertEquals(ConstExpr.REF_NULL, m.element(5).item(0).opcode(0));
        assertEquals(2, m.element(6).tableIndex());
        assertEquals(0, m.element(7).size());
    }

    @Test
    void rejectsMalformedElementSegments() {
        assertMalformed("malformed elements segment kind", module(section(9, 0x01, 0x08, 0x00)));
        assertMalformed("malformed element kind", module(section(9, 0x01, 0x01, 0x01, 0x00)));
        assertMalformed("malformed reference type", module(section(9, 0x01, 0x05, 0x7F, 0x00)));
        assertMalformed("illegal opcode", module(section(9, 0x01, 0x05, 0x70, 0x01, 0xF3, 0x00, 0x0B)));
    }

    @Test
    void keepsConstantExpressionsAsDecodedInstructions() {
        Module m = ModuleDecoder.decode(module(section(6, 0x05,
            0x7E, 0x00, 0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F, 0x0B,  // i64 min
            0x7D, 0x00, 0x43, 0x01, 0x00, 0xA0, 0x7F, 0x0B,                                    // f32 sNaN
            0x7C, 0x01, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0xBF, 0x0B,            // f64 -1.0
            0x70, 0x00, 0xD2, 0x03, 0x0B,                                                      // ref.func 3
            0x7B, 0x00, 0xFD, 0x0C, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0x80, 0x0B))); // v128
        assertEquals(Long.MIN_VALUE, m.globalInit(0).immediate(0));
        assertEquals(ConstExpr.F32_CONST, m.globalInit(1).opcode(0));
        assertEquals(0x7FA00001L, m.globalInit(1).immediate(0));
        assertEquals(Double.doubleToRawLongBits(-1.0), m.globalInit(2).immediate(0));
        assertTrue(m.global(2).isMutable());
        assertEquals(ConstExpr.REF_FUNC, m.globalInit(3).opcode(0));
        ConstExpr v128 = m.globalInit(4);
        assertEquals(2, v128.length());
        assertEquals(ConstExpr.V128_CONST, v128.opcode(0));
        assertEquals(1L, v128.immediate(0));
        assertEquals(ConstExpr.V128_CONST_HIGH, v128.opcode(1));
        assertEquals(0x8000000000000002L, v128.immediate(1));
    }

    @Test
    void keepsEveryInstructionOfAConstantSequenceForTheValidator() {
        Module m = ModuleDecoder.decode(module(section(6, 0x01, 0x7F, 0x00, 0x41, 0x00, 0x23, 0x01, 0x0B)));
        ConstExpr e = m.globalInit(0);
        assertEquals(2, e.length());
        assertEquals(ConstExpr.GLOBAL_GET, e.opcode(1));
        assertEquals(1, e.immediate(1));
    }

    @Test
    void reportsANonConstantInstructionAsInvalid() {
        // i32.const 1, i32.const 2, i32.add, end
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> ModuleDecoder.decode(
            module(section(6, 0x01, 0x7F, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B))));
        assertTrue(e.getMessage().startsWith("constant expression required"), e.getMessage());
        assertEquals(-1, e.functionIndex());
        assertEquals(HEADER.length + 2 + 3 + 4, e.offset());
    }

    @Test
    void rejectsMalformedTypeBytes() {
        assertMalformed("malformed value type", module(section(1, 0x01, 0x60, 0x01, 0x7A, 0x00)));
        assertMalformed("malformed function type", module(section(1, 0x01, 0x61, 0x00, 0x00)));
        assertMalformed("malformed reference type", module(section(4, 0x01, 0x7F, 0x00, 0x00)));
        assertMalformed("malformed mutability", module(section(6, 0x01, 0x7F, 0x02, 0x41, 0x00, 0x0B)));
        assertMalformed("malformed import kind", module(section(2, 0x01, 0x01, 'm', 0x01, 'f', 0x04, 0x00)));
        assertMalformed("malformed export kind", module(section(7, 0x01, 0x01, 'e', 0x04, 0x00)));
    }

    @Test
    void acceptsOnlyLimitsFlagsZeroAndOne() {
        assertMalformed("integer too large", module(section(5, 0x01, 0x02, 0x00)));
        assertMalformed("integer representation too long", module(section(5, 0x01, 0x81, 0x00, 0x00)));
    }

    @Test
    void enforcesSectionOrderWithCustomSectionsAnywhere() {
        int[] custom = section(0, 0x01, 'x', 0xAA);
        Module m = ModuleDecoder.decode(module(custom, TYPE_VOID, custom, ONE_FUNCTION, section(12, 0x00),
            ONE_EMPTY_BODY, custom));
        assertEquals(3, m.customSectionCount());
        assertEquals("x", m.customSection(0).name());
        assertEquals(1, m.customSection(0).length());
        assertEquals(0xAA, m.bytes()[m.customSection(0).offset()] & 0xFF);

        assertMalformed("unexpected content after last section", module(TYPE_VOID, TYPE_VOID));
        assertMalformed("unexpected content after last section", module(ONE_FUNCTION, TYPE_VOID));
        assertMalformed("unexpected content after last section",
            module(TYPE_VOID, ONE_FUNCTION, ONE_EMPTY_BODY, section(12, 0x00)));
        assertMalformed("malformed section id", module(section(13, 0x00)));
    }

    @Test
    void requiresSectionContentToMatchTheDeclaredSize() {
        assertMalformed("section size mismatch", module(section(1, 0x01, 0x60, 0x00, 0x00, 0x60, 0x00, 0x00)));
        assertMalformed("unexpected end of section or function", module(section(1, 0x02, 0x60, 0x00, 0x00)));
        assertMalformed("length out of bounds", raw(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x00));
    }

    @Test
    void rejectsCountsBeyondTheInputBeforeAllocating() {
        // A u32 count of 2^32-1 types in a 5-byte section.
        assertMalformed("unexpected end", module(section(1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
        assertMalformed("unexpected end", module(section(3, 0xFF, 0xFF, 0xFF, 0xFF, 0x07)));
        assertMalformed("unexpected end", module(section(11, 0x01, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
    }

    @Test
    void rejectsMalformedUtf8InNames() {
        assertMalformed("malformed UTF-8 encoding", module(section(0, 0x02, 0xC0, 0x80)));
        assertMalformed("malformed UTF-8 encoding", module(section(7, 0x01, 0x01, 0xFF, 0x00, 0x00)));
        assertMalformed("unexpected end", module(section(0, 0x05, 'a')));
        assertMalformed("unexpected end", module(section(0)));
    }

    @Test
    void readsModuleAndFunctionNamesFromTheNameSection() {
        Module m = ModuleDecoder.decode(module(TYPE_VOID, ONE_FUNCTION, ONE_EMPTY_BODY,
            section(0, 0x04, 'n', 'a', 'm', 'e',
                0x00, 0x04, 0x03, 'm', 'o', 'd',
                0x01, 0x07, 0x02, 0x00, 0x01, 'f', 0x07, 0x01, 'x')));  // index 7 does not exist: ignored
        assertEquals("mod", m.moduleName());
        assertEquals("f", m.functionName(0));
        assertEquals("f[0]", m.describeFunction(0));
    }

    @Test
    void ignoresABrokenNameSection() {
        Module m = ModuleDecoder.decode(module(TYPE_VOID, ONE_FUNCTION, ONE_EMPTY_BODY,
            section(0, 0x04, 'n', 'a', 'm', 'e',
                0x00, 0x04, 0x03, 'm', 'o', 'd',
                0x01, 0x09, 0x01, 0x00, 0x02, 0xC0, 0x80)));  // bad UTF-8 and a short subsection
        assertNull(m.moduleName());
        assertNull(m.functionName(0));
        assertEquals("func[0]", m.describeFunction(0));
    }
}
