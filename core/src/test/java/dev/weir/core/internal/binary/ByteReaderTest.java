package dev.weir.core.internal.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.MalformedModuleException;
import org.junit.jupiter.api.Test;

class ByteReaderTest {

    private static ByteReader reader(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new ByteReader(b);
    }

    private static void assertMalformed(String expected, Runnable read) {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, read::run);
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void readsUnsigned32BitLeb128UpToTheMaximum() {
        assertEquals(0, reader(0x00).readVarU32());
        assertEquals(624485, reader(0xE5, 0x8E, 0x26).readVarU32());
        assertEquals(0xFFFFFFFF, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).readVarU32());
        // A padded but in-range zero is allowed (5 bytes at most).
        assertEquals(0, reader(0x80, 0x80, 0x80, 0x80, 0x00).readVarU32());
    }

    @Test
    void rejectsUnsignedLeb128WithUnusedBitsOrTooManyBytes() {
        assertMalformed("integer too large", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).readVarU32());
        assertMalformed("integer representation too long",
            () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).readVarU32());
    }

    @Test
    void signExtendsShortSigned32BitLeb128() {
        assertEquals(-1, reader(0x7F).readVarS32());
        assertEquals(63, reader(0x3F).readVarS32());
        assertEquals(-64, reader(0x40).readVarS32());
        assertEquals(Integer.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x78).readVarS32());
        assertEquals(Integer.MAX_VALUE, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x07).readVarS32());
    }

    @Test
    void rejectsSigned32BitLeb128WhoseUnusedBitsAreNotTheSign() {
        assertMalformed("integer too large", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).readVarS32());
        assertMalformed("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x70).readVarS32());
        assertMalformed("integer representation too long",
            () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).readVarS32());
    }

    @Test
    void readsSigned64BitLeb128Extremes() {
        assertEquals(Long.MIN_VALUE,
            reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).readVarS64());
        assertEquals(Long.MAX_VALUE,
            reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00).readVarS64());
        assertMalformed("integer too large",
            () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02).readVarS64());
        assertMalformed("integer representation too long",
            () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).readVarS64());
    }

    @Test
    void readsSigned33BitBlockTypeIndexes() {
        assertEquals(-64, reader(0x40).readVarS33());
        assertEquals(0xFFFFFFFFL, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).readVarS33());
        assertEquals(-0x100000000L, reader(0x80, 0x80, 0x80, 0x80, 0x70).readVarS33());
        assertMalformed("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x20).readVarS33());
    }

    @Test
    void keepsFloatBitsRaw() {
        // A signalling NaN with a payload must survive unchanged.
        assertEquals(0x7FA00001, reader(0x01, 0x00, 0xA0, 0x7F).readF32Bits());
        assertEquals(0xFFF4000000000001L,
            reader(0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF4, 0xFF).readF64Bits());
        assertMalformed("unexpected end", () -> reader(0x01, 0x00, 0xA0).readF32Bits());
    }

    @Test
    void usesTheSpecTextForEndOfInputInTheHeaderAndEndOfSectionElsewhere() {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> reader().readU8());
        assertEquals("unexpected end (header section, offset 0x0)", e.getMessage());
        ByteReader r = reader(0x01, 0x02);
        r.section("type");
        r.limit(1);
        r.readU8();
        assertMalformed("unexpected end of section or function", r::readU8);
    }

    @Test
    void decodesNamesAndRejectsMalformedUtf8() {
        assertEquals("h\u00e9", reader(0x03, 'h', 0xC3, 0xA9).readName());
        assertEquals("\uD83D\uDE00", reader(0x04, 0xF0, 0x9F, 0x98, 0x80).readName());
        assertMalformed("malformed UTF-8 encoding", () -> reader(0x02, 0xC0, 0x80).readName()); // overlong
        assertMalformed("malformed UTF-8 encoding", () -> reader(0x03, 0xED, 0xA0, 0x80).readName()); // surrogate
        assertMalformed("malformed UTF-8 encoding", () -> reader(0x04, 0xF4, 0x90, 0x80, 0x80).readName());
        assertMalformed("malformed UTF-8 encoding", () -> reader(0x01, 0x80).readName());
        assertMalformed("malformed UTF-8 encoding", () -> reader(0x02, 0xE2, 0x82).readName()); // cut short
    }

    @Test
    void rejectsNameLongerThanTheInputBeforeAllocating() {
        assertMalformed("unexpected end", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 'a').readName());
        assertMalformed("unexpected end", () -> reader(0x05, 'a', 'b').readName());
    }

    @Test
    void readBytesChecksTheLengthAgainstTheLimit() {
        ByteReader r = reader(1, 2, 3, 4);
        r.limit(3);
        assertEquals(2, r.readBytes(2).length);
        assertMalformed("unexpected end of section or function", () -> r.readBytes(2));
        assertMalformed("unexpected end", () -> r.readBytes(Integer.MAX_VALUE));
        assertMalformed("unexpected end", () -> r.readBytes(-1));
    }

    @Test
    void errorsNameTheSectionAndOffset() {
        ByteReader r = reader(0x80);
        r.section("code");
        MalformedModuleException e = assertThrows(MalformedModuleException.class, r::readVarU32);
        assertEquals("code", e.section());
        assertEquals(1, e.offset());
    }
}
