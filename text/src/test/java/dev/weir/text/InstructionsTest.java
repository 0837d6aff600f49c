package dev.weir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.core.internal.binary.SimdOpcodes;
import org.junit.jupiter.api.Test;

class InstructionsTest {
    @Test
    void vectorOpcodesAgreeWithCoresDecoder() {
        int named = 0;
        for (int op = 0; op < 256; op++) {
            String name = SimdOpcodes.name(op);
            assertEquals(name, Instructions.VECTOR[op], "opcode 0x" + Integer.toHexString(op));
            if (name != null) {
                int info = Instructions.lookup(name);
                assertEquals(op, Instructions.opcode(info), name);
                assertEquals(Instructions.PREFIX_FD, Instructions.prefix(info), name);
                named++;
            }
        }
        assertEquals(236, named);
    }

    @Test
    void memoryInstructionsKnowTheirNaturalAlignment() {
        assertEquals(3, Instructions.naturalAlign(Instructions.lookup("i64.load")));
        assertEquals(1, Instructions.naturalAlign(Instructions.lookup("i64.load16_s")));
        assertEquals(4, Instructions.naturalAlign(Instructions.lookup("v128.load")));
        assertEquals(3, Instructions.naturalAlign(Instructions.lookup("v128.load32x2_u")));
        assertEquals(2, Instructions.naturalAlign(Instructions.lookup("v128.store32_lane")));
    }
}
