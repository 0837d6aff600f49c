package dev.weir.core.internal.validate;

import static dev.weir.core.internal.validate.TestBinary.EXTERNREF;
import static dev.weir.core.internal.validate.TestBinary.F32;
import static dev.weir.core.internal.validate.TestBinary.FUNCREF;
import static dev.weir.core.internal.validate.TestBinary.I32;
import static dev.weir.core.internal.validate.TestBinary.I64;
import static dev.weir.core.internal.validate.TestBinary.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.MalformedModuleException;
import org.junit.jupiter.api.Test;

/** Validation rules of function bodies (spec 3.3) and malformed instruction encodings. */
class FunctionValidatorTest {
    private static final int[] NONE = {};

    private static InvalidModuleException invalid(TestBinary binary, String rule) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, binary::validate);
        assertTrue(e.getMessage().startsWith(rule), e.getMessage());
        return e;
    }

    private static void malformed(TestBinary binary, String message) {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, binary::validate);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    private static TestBinary body(int[] params, int[] results, int... code) {
        return new TestBinary().type(params, results).function(0, NONE, code);
    }

    @Test
    void rejectsAnOperandOfTheWrongTypeNamingFunctionAndOffset() {
        // i64.const 1; i32.const 2; i32.add
        InvalidModuleException e = invalid(body(NONE, params(I32), 0x42, 1, 0x41, 2, 0x6A), "type mismatch");
        assertEquals(0, e.functionIndex());
        byte[] bytes = body(NONE, params(I32), 0x42, 1, 0x41, 2, 0x6A).bytes();
        assertEquals(0x6A, bytes[e.offset()] & 0xFF);
    }

    @Test
    void rejectsPoppingBelowTheFrame() {
        invalid(body(NONE, params(I32), 0x02, 0x40, 0x41, 1, 0x0B, 0x6A), "type mismatch");
        invalid(body(NONE, NONE, 0x1A), "type mismatch");
    }

    @Test
    void rejectsLeftoverOperandsAtTheEnd() {
        invalid(body(NONE, NONE, 0x41, 1), "type mismatch");
        invalid(body(NONE, params(I32), 0x02, 0x40, 0x41, 1, 0x0B, 0x41, 1), "type mismatch");
    }

    @Test
    void acceptsAnythingAfterUnreachableAsThePolymorphicStack() {
        // unreachable; i32.add; drop; select; ref.is_null (of an unknown) ; br_table with mixed arities of unknowns
        body(NONE, params(I32), 0x00, 0x6A).validate();
        body(NONE, NONE, 0x00, 0x1B, 0x1A).validate();
        body(NONE, params(I32), 0x00, 0xD1).validate();
        // block (result f32) block (result i32) unreachable; br_table 0 1 ... : Unknown matches both labels.
        new TestBinary().type(NONE, NONE)
                .function(0, NONE, 0x02, F32, 0x02, I32, 0x00, 0x0E, 1, 0, 1, 0x0B, 0x1A, 0x00, 0x0B, 0x1A).validate();
    }

    @Test
    void rejectsWrongTypesEvenWhenUnreachable() {
        invalid(body(NONE, NONE, 0x00, 0x42, 0, 0x6A, 0x1A), "type mismatch");
    }

    @Test
    void checksLocalsLabelsAndGlobalsExist() {
        invalid(new TestBinary().type(params(I32), NONE).function(0, new int[] {I64}, 0x20, 2, 0x1A), "unknown local 2");
        invalid(body(NONE, NONE, 0x0C, 1), "unknown label");
        invalid(body(NONE, NONE, 0x02, 0x40, 0x0C, 2, 0x0B), "unknown label");
        invalid(body(NONE, NONE, 0x23, 0, 0x1A), "unknown global 0");
        invalid(body(NONE, NONE, 0x10, 5), "unknown function 5");
        invalid(body(NONE, NONE, 0x02, 9, 0x0B), "unknown type");
    }

    @Test
    void rejectsSettingAnImmutableGlobal() {
        invalid(new TestBinary().type(NONE, NONE).global(I32, false, 0x41, 0)
                .function(0, NONE, 0x41, 1, 0x24, 0), "global is immutable");
        new TestBinary().type(NONE, NONE).global(I32, true, 0x41, 0)
                .function(0, NONE, 0x41, 1, 0x24, 0).validate();
    }

    @Test
    void branchValuesMustMatchTheLabel() {
        // block (result i32) i64.const 0; br 0 end
        invalid(body(NONE, params(I32), 0x02, I32, 0x42, 0, 0x0C, 0, 0x0B), "type mismatch");
        // br_table to labels of different arities
        invalid(body(NONE, NONE, 0x02, 0x40, 0x02, I32, 0x41, 0, 0x41, 0, 0x0E, 1, 0, 1, 0x0B, 0x1A, 0x0B),
                "type mismatch");
    }

    @Test
    void ifWithoutElseMustPassItsParamsThrough() {
        // i32.const 1; if (result i32) i32.const 2 end
        invalid(body(NONE, params(I32), 0x41, 1, 0x04, I32, 0x41, 2, 0x0B), "type mismatch");
    }

    @Test
    void typedSelectNeedsExactlyOneType() {
        invalid(body(NONE, params(I32), 0x41, 1, 0x41, 2, 0x41, 1, 0x1C, 2, I32, I32), "invalid result arity");
        body(NONE, params(I32), 0x41, 1, 0x41, 2, 0x41, 1, 0x1C, 1, I32).validate();
    }

    @Test
    void untypedSelectRejectsReferences() {
        invalid(body(NONE, NONE, 0xD0, EXTERNREF, 0xD0, EXTERNREF, 0x41, 1, 0x1B, 0x1A), "type mismatch");
    }

    @Test
    void memoryInstructionsNeedAMemoryAndNaturalAlignment() {
        invalid(body(NONE, params(I32), 0x41, 0, 0x28, 2, 0), "unknown memory 0");
        invalid(new TestBinary().type(NONE, params(I32)).memory(1, -1)
                .function(0, NONE, 0x41, 0, 0x28, 3, 0), "alignment must not be larger than natural");
        invalid(new TestBinary().type(NONE, params(I64)).memory(1, -1)
                .function(0, NONE, 0x41, 0, 0x31, 1, 0), "alignment must not be larger than natural");
        new TestBinary().type(NONE, params(I64)).memory(1, -1).function(0, NONE, 0x41, 0, 0x29, 3, 0).validate();
    }

    @Test
    void refFuncNeedsADeclaredFunction() {
        invalid(body(NONE, NONE, 0xD2, 0, 0x1A), "undeclared function reference");
        new TestBinary().type(NONE, NONE).declare(0).function(0, NONE, 0xD2, 0, 0x1A).validate();
    }

    @Test
    void tableInstructionsCheckTablesSegmentsAndTypes() {
        invalid(body(NONE, NONE, 0x41, 0, 0x25, 0, 0x1A), "unknown table 0");
        invalid(new TestBinary().type(NONE, NONE).table(EXTERNREF, 1)
                .function(0, NONE, 0x41, 0, 0x11, 0, 0), "type mismatch");
        invalid(new TestBinary().type(NONE, NONE).table(FUNCREF, 1)
                .function(0, NONE, 0xFC, 13, 0), "unknown elem segment 0");
        invalid(new TestBinary().type(NONE, NONE).table(FUNCREF, 1)
                .function(0, NONE, 0xD0, EXTERNREF, 0x41, 1, 0xFC, 15, 0, 0x1A), "type mismatch");
    }

    @Test
    void dataInstructionsCheckTheSegmentIndex() {
        invalid(new TestBinary().type(NONE, NONE).memory(1, -1).dataCount(1)
                .function(0, NONE, 0xFC, 9, 1), "unknown data segment 1");
        new TestBinary().type(NONE, NONE).memory(1, -1).dataCount(1).function(0, NONE, 0xFC, 9, 0).validate();
    }

    @Test
    void dataInstructionsWithoutADataCountSectionAreMalformed() {
        malformed(new TestBinary().type(NONE, NONE).memory(1, -1).function(0, NONE, 0xFC, 9, 0),
                "data count section required");
    }

    @Test
    void unknownOpcodesAreMalformed() {
        malformed(body(NONE, NONE, 0x06), "illegal opcode");
        malformed(body(NONE, NONE, 0xFC, 18), "illegal opcode");
        // 0xFD 154 (LEB 0x9A 0x01): a gap in the SIMD opcodes, between i16x8.max_u and i16x8.avgr_u.
        malformed(body(NONE, NONE, 0xFD, 0x9A, 0x01), "illegal opcode");
    }

    @Test
    void reservedBytesMustBeZero() {
        malformed(new TestBinary().type(NONE, NONE).memory(1, -1).function(0, NONE, 0x3F, 1, 0x1A),
                "zero byte expected");
    }

    @Test
    void aBodyWithoutItsFinalEndIsMalformed() {
        // Two functions, the first missing its end: its last byte is "drop".
        malformed(new TestBinary().type(NONE, NONE).rawFunction(0, 0, 0x41, 1, 0x1A).rawFunction(0, 0, 0x0B),
                "END opcode expected");
    }

    @Test
    void malformedBodiesWinOverInvalidOnes() {
        // Function 0 is invalid (leftover operand), function 1 malformed.
        malformed(new TestBinary().type(NONE, NONE).function(0, NONE, 0x41, 1).function(0, NONE, 0x06),
                "illegal opcode");
    }

    @Test
    void multiValueBlocksTakeParamsAndReturnResults() {
        // type 1: [i32 i32] -> [i32]; i32.const 1; i32.const 2; block (type 1) i32.add end
        new TestBinary().type(NONE, params(I32)).type(params(I32, I32), I32)
                .function(0, NONE, 0x41, 1, 0x41, 2, 0x02, 1, 0x6A, 0x0B).validate();
        invalid(new TestBinary().type(NONE, params(I32)).type(params(I32, I32), I32)
                .function(0, NONE, 0x41, 1, 0x02, 1, 0x6A, 0x0B), "type mismatch");
    }

    @Test
    void randomBodiesAreRejectedCleanlyOrCompileToSoundCode() {
        java.util.Random random = new java.util.Random(7);
        for (int run = 0; run < 3000; run++) {
            int[] body = new int[1 + random.nextInt(24)];
            body[0] = 0; // no declared locals
            for (int i = 1; i < body.length; i++) {
                // Mostly small opcodes and immediates, with ends sprinkled in.
                body[i] = random.nextInt(4) == 0 ? 0x0B : random.nextInt(3) == 0 ? random.nextInt(256) : random.nextInt(0x45);
            }
            body[body.length - 1] = 0x0B;
            TestBinary binary = new TestBinary().type(params(I32, I64), I32).memory(1, -1).table(FUNCREF, 1)
                    .global(I32, true, 0x41, 0).dataCount(1).rawFunction(0, body);
            try {
                CodeVerifier.verify(binary.validate(run % 2 == 0));
            } catch (dev.weir.core.module.WasmException expected) {
                // malformed or invalid: both are clean rejections
            }
        }
    }
}
