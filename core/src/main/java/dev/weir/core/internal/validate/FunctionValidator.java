package dev.weir.core.internal.validate;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.MalformedModuleException;
import dev.weir.core.internal.binary.ByteReader;
import dev.weir.core.internal.binary.Opcodes;
import dev.weir.core.internal.compile.FunctionCompiler;
import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.FunctionBody;
import dev.weir.core.module.GlobalType;
import dev.weir.core.module.Module;
import dev.weir.core.module.ValType;

/**
 * Validates function bodies (spec 3.3, with the appendix's validation algorithm) and drives
 * a {@link FunctionCompiler} in the same pass. Reads instructions in place from the module
 * binary. The operand type stack and the control stack are int arrays reused for every
 * function of the module.
 *
 * <p>Alongside each operand's type the stack records its slot in the frame: params, then
 * declared locals, then operands, where v128 takes two slots. That is what turns the stack
 * machine into register-style {@link Op} code.
 */
final class FunctionValidator {
    /** The bottom type of the algorithm: an operand of a stack-polymorphic (unreachable) frame. */
    private static final int UNKNOWN = 0;

    private static final int KIND_FUNCTION = 0;
    private static final int KIND_BLOCK = 1;
    private static final int KIND_LOOP = 2;
    private static final int KIND_IF = 3;
    private static final int KIND_ELSE = 4;

    /** Block type without parameters or results; a single result type t is encoded as -t; >= 0 is a type index. */
    private static final int BLOCK_EMPTY = -1;

    // Numeric instructions without immediates, by binary opcode: Op (-1: nothing to emit, the
    // value keeps its bits), operand types (second 0 when unary) and result type.
    private static final int[] NUMERIC_OP = new int[256];
    private static final byte[] NUMERIC_A = new byte[256];
    private static final byte[] NUMERIC_B = new byte[256];
    private static final byte[] NUMERIC_RESULT = new byte[256];

    static {
        java.util.Arrays.fill(NUMERIC_OP, Integer.MIN_VALUE);
        final byte i32 = ValType.I32;
        final byte i64 = ValType.I64;
        final byte f32 = ValType.F32;
        final byte f64 = ValType.F64;
        numeric(Opcodes.I32_EQZ, Opcodes.I32_EQZ, i32, (byte) 0, i32);
        numeric(Opcodes.I32_EQ, Opcodes.I32_GE_U, i32, i32, i32);
        numeric(Opcodes.I64_EQZ, Opcodes.I64_EQZ, i64, (byte) 0, i32);
        numeric(Opcodes.I64_EQ, Opcodes.I64_GE_U, i64, i64, i32);
        numeric(Opcodes.F32_EQ, Opcodes.F32_GE, f32, f32, i32);
        numeric(Opcodes.F64_EQ, Opcodes.F64_GE, f64, f64, i32);
        numeric(Opcodes.I32_CLZ, Opcodes.I32_POPCNT, i32, (byte) 0, i32);
        numeric(Opcodes.I32_ADD, Opcodes.I32_ROTR, i32, i32, i32);
        numeric(Opcodes.I64_CLZ, Opcodes.I64_POPCNT, i64, (byte) 0, i64);
        numeric(Opcodes.I64_ADD, Opcodes.I64_ROTR, i64, i64, i64);
        numeric(Opcodes.F32_ABS, Opcodes.F32_SQRT, f32, (byte) 0, f32);
        numeric(Opcodes.F32_ADD, Opcodes.F32_COPYSIGN, f32, f32, f32);
        numeric(Opcodes.F64_ABS, Opcodes.F64_SQRT, f64, (byte) 0, f64);
        numeric(Opcodes.F64_ADD, Opcodes.F64_COPYSIGN, f64, f64, f64);
        numeric(Opcodes.I32_WRAP_I64, Opcodes.I32_WRAP_I64, i64, (byte) 0, i32);
        numeric(Opcodes.I32_TRUNC_F32_S, Opcodes.I32_TRUNC_F32_U, f32, (byte) 0, i32);
        numeric(Opcodes.I32_TRUNC_F64_S, Opcodes.I32_TRUNC_F64_U, f64, (byte) 0, i32);
        numeric(Opcodes.I64_EXTEND_I32_S, Opcodes.I64_EXTEND_I32_U, i32, (byte) 0, i64);
        numeric(Opcodes.I64_TRUNC_F32_S, Opcodes.I64_TRUNC_F32_U, f32, (byte) 0, i64);
        numeric(Opcodes.I64_TRUNC_F64_S, Opcodes.I64_TRUNC_F64_U, f64, (byte) 0, i64);
        numeric(Opcodes.F32_CONVERT_I32_S, Opcodes.F32_CONVERT_I32_U, i32, (byte) 0, f32);
        numeric(Opcodes.F32_CONVERT_I64_S, Opcodes.F32_CONVERT_I64_U, i64, (byte) 0, f32);
        numeric(Opcodes.F32_DEMOTE_F64, Opcodes.F32_DEMOTE_F64, f64, (byte) 0, f32);
        numeric(Opcodes.F64_CONVERT_I32_S, Opcodes.F64_CONVERT_I32_U, i32, (byte) 0, f64);
        numeric(Opcodes.F64_CONVERT_I64_S, Opcodes.F64_CONVERT_I64_U, i64, (byte) 0, f64);
        numeric(Opcodes.F64_PROMOTE_F32, Opcodes.F64_PROMOTE_F32, f32, (byte) 0, f64);
        numeric(Opcodes.I32_REINTERPRET_F32, Opcodes.I32_REINTERPRET_F32, f32, (byte) 0, i32);
        numeric(Opcodes.I64_REINTERPRET_F64, Opcodes.I64_REINTERPRET_F64, f64, (byte) 0, i64);
        numeric(Opcodes.F32_REINTERPRET_I32, Opcodes.F32_REINTERPRET_I32, i32, (byte) 0, f32);
        numeric(Opcodes.F64_REINTERPRET_I64, Opcodes.F64_REINTERPRET_I64, i64, (byte) 0, f64);
        numeric(Opcodes.I32_EXTEND8_S, Opcodes.I32_EXTEND16_S, i32, (byte) 0, i32);
        numeric(Opcodes.I64_EXTEND8_S, Opcodes.I64_EXTEND32_S, i64, (byte) 0, i64);
        // Op keeps the binary order of the numeric instructions, minus the ones that need no code.
        for (int b = Opcodes.I32_EQZ; b <= Opcodes.F64_COPYSIGN; b++) {
            NUMERIC_OP[b] = b - Opcodes.I32_EQZ + Op.I32_EQZ;
        }
        for (int b = Opcodes.I32_TRUNC_F32_S; b <= Opcodes.F64_PROMOTE_F32; b++) {
            NUMERIC_OP[b] = b - Opcodes.I32_TRUNC_F32_S + Op.I32_TRUNC_F32_S;
        }
        for (int b = Opcodes.I32_EXTEND8_S; b <= Opcodes.I64_EXTEND32_S; b++) {
            NUMERIC_OP[b] = b - Opcodes.I32_EXTEND8_S + Op.I32_EXTEND8_S;
        }
        NUMERIC_OP[Opcodes.I32_WRAP_I64] = -1;
        NUMERIC_OP[Opcodes.I32_REINTERPRET_F32] = -1;
        NUMERIC_OP[Opcodes.I64_REINTERPRET_F64] = -1;
        NUMERIC_OP[Opcodes.F32_REINTERPRET_I32] = -1;
        NUMERIC_OP[Opcodes.F64_REINTERPRET_I64] = -1;
    }

    private static void numeric(int first, int last, byte a, byte b, byte result) {
        for (int op = first; op <= last; op++) {
            NUMERIC_OP[op] = -1;
            NUMERIC_A[op] = a;
            NUMERIC_B[op] = b;
            NUMERIC_RESULT[op] = result;
        }
    }

    private final Module module;
    private final ByteReader reader;
    private final FunctionCompiler compiler;
    /** C.refs: functions that ref.func may name in bodies. */
    private final boolean[] declaredFunctions;

    private int functionIndex;
    private int instructionStart;

    // Operand stack: type and slot per operand, and the slot its value is in now: a folded
    // local.get leaves the value in the local's slot until something forces a copy.
    private int[] valueTypes = new int[64];
    private int[] valueSlots = new int[64];
    private int[] valueSources = new int[64];
    /** For operands whose source is {@link #CONSTANT}: the constant, not yet written anywhere. */
    private long[] valueConstants = new long[64];
    /** While set, popping a constant leaves it unwritten: poppedSlot is CONSTANT, poppedConstant its value. */
    private boolean takeConstant;
    private long poppedConstant;
    private int valueCount;
    /**
     * Source of an i32/i64 constant operand not yet written to its slot: a consumer with an
     * immediate form takes the value into its code, any other gets it written first.
     */
    private static final int CONSTANT = -2;
    /** Operands whose value is still in a local's slot (folded local.get), all in the current frame. */
    private int pendingCount;
    /** Where each argument slot of the call being compiled is read from. */
    private int[] argumentSources = new int[8];
    private boolean fold;
    private int operandBase;
    private int maxSlot;
    /** Slot of the operand the last pop removed; -1 when it was a polymorphic Unknown. */
    private int poppedSlot;

    // Control stack.
    private int[] ctrlKind = new int[16];
    private int[] ctrlBlockType = new int[16];
    private int[] ctrlHeight = new int[16];
    private boolean[] ctrlUnreachable = new boolean[16];
    /** Whether the frame was entered in dead code: nothing in it is emitted. */
    private boolean[] ctrlDead = new boolean[16];
    private int ctrlCount;

    // Locals (params first): type and slot.
    private int[] localTypes = new int[64];
    private int[] localSlots = new int[64];
    private int localCount;

    private int[] labels = new int[16];
    private int[] scratchTypes = new int[16];
    /** The vector instructions (0xFD prefix). */
    private final SimdValidator simd;

    FunctionValidator(Module module, FunctionCompiler compiler, boolean[] declaredFunctions) {
        this.module = module;
        this.reader = new ByteReader(module.bytes());
        this.reader.section("code");
        this.compiler = compiler;
        this.declaredFunctions = declaredFunctions;
        this.simd = new SimdValidator(this, reader, compiler);
    }

    /** Validates and compiles one defined function; returns its entry pc. */
    int compile(int functionIndex, FunctionBody body) {
        this.functionIndex = functionIndex;
        FuncType type = module.functionType(functionIndex);
        int params = type.paramCount();
        long totalLocals = (long) params + body.localCount();
        if (totalLocals > Integer.MAX_VALUE - 8) {
            throw new MalformedModuleException("too many locals", "code", body.codeStart());
        }
        localCount = (int) totalLocals;
        if (localTypes.length < localCount) {
            localTypes = new int[localCount];
            localSlots = new int[localCount];
        }
        int slot = 0;
        for (int i = 0; i < params; i++) {
            localTypes[i] = type.param(i);
            localSlots[i] = slot;
            slot += ValType.slots(type.param(i));
        }
        int paramSlots = slot;
        for (int i = 0; i < body.localCount(); i++) {
            byte t = body.localType(i);
            localTypes[params + i] = t;
            localSlots[params + i] = slot;
            slot += ValType.slots(t);
        }
        int localSlotCount = slot - paramSlots;
        operandBase = slot;
        maxSlot = slot;
        valueCount = 0;
        ctrlCount = 0;
        pendingCount = 0;
        fold = compiler.foldLocals();

        compiler.beginFunction(paramSlots, localSlotCount);
        pushCtrl(KIND_FUNCTION, module.functionTypeIndex(functionIndex), false);
        reader.limit(body.codeEnd());
        reader.position(body.codeStart());
        while (ctrlCount > 0) {
            if (!reader.hasMore()) {
                throw reader.error("END opcode expected");
            }
            instructionStart = reader.position();
            compiler.countInstruction();
            instruction(reader.readU8());
        }
        if (reader.hasMore()) {
            throw reader.error("operators remaining after end of function body");
        }
        return compiler.entry();
    }

    /**
     * Decodes a body without validating it, to find malformed encodings: a module that is both
     * malformed and invalid must be reported as malformed, as decoding comes first in the spec.
     * Only used once a validation error has been found.
     */
    void checkWellFormed(int functionIndex, FunctionBody body) {
        this.functionIndex = functionIndex;
        reader.limit(body.codeEnd());
        reader.position(body.codeStart());
        int depth = 1;
        while (depth > 0) {
            if (!reader.hasMore()) {
                throw reader.error("END opcode expected");
            }
            instructionStart = reader.position();
            int opcode = reader.readU8();
            switch (opcode) {
                case Opcodes.BLOCK:
                case Opcodes.LOOP:
                case Opcodes.IF:
                    long v = reader.readVarS33();
                    if (v < 0 && v != -64 && (v < -64 || !ValType.isValid((int) (v & 0x7F)))) {
                        throw reader.error("malformed block type", instructionStart + 1);
                    }
                    depth++;
                    break;
                case Opcodes.END:
                    depth--;
                    break;
                case Opcodes.UNREACHABLE:
                case Opcodes.NOP:
                case Opcodes.ELSE:
                case Opcodes.RETURN:
                case Opcodes.DROP:
                case Opcodes.SELECT:
                case Opcodes.REF_IS_NULL:
                    break;
                case Opcodes.BR:
                case Opcodes.BR_IF:
                case Opcodes.CALL:
                case Opcodes.LOCAL_GET:
                case Opcodes.LOCAL_SET:
                case Opcodes.LOCAL_TEE:
                case Opcodes.GLOBAL_GET:
                case Opcodes.GLOBAL_SET:
                case Opcodes.TABLE_GET:
                case Opcodes.TABLE_SET:
                case Opcodes.REF_FUNC:
                    reader.readVarU32();
                    break;
                case Opcodes.CALL_INDIRECT:
                    reader.readVarU32();
                    reader.readVarU32();
                    break;
                case Opcodes.BR_TABLE: {
                    int count = readBranchTableCount();
                    for (int i = 0; i <= count; i++) {
                        reader.readVarU32();
                    }
                    break;
                }
                case Opcodes.SELECT_T: {
                    int n = reader.readVarU32AsIndex("select type count");
                    for (int i = 0; i < n; i++) {
                        readValueType();
                    }
                    break;
                }
                case Opcodes.MEMORY_SIZE:
                case Opcodes.MEMORY_GROW:
                    readZeroByte();
                    break;
                case Opcodes.I32_CONST:
                    reader.readVarS32();
                    break;
                case Opcodes.I64_CONST:
                    reader.readVarS64();
                    break;
                case Opcodes.F32_CONST:
                    reader.readF32Bits();
                    break;
                case Opcodes.F64_CONST:
                    reader.readF64Bits();
                    break;
                case Opcodes.REF_NULL:
                    readReferenceType();
                    break;
                case Opcodes.PREFIX_FC:
                    checkPrefixedWellFormed(reader.readVarU32());
                    break;
                case Opcodes.PREFIX_FD:
                    SimdValidator.skip(reader, instructionStart);
                    break;
                default:
                    if (opcode >= Opcodes.I32_LOAD && opcode <= Opcodes.I64_STORE32) {
                        reader.readVarU32();
                        reader.readVarU32();
                    } else if (opcode >= NUMERIC_OP.length || NUMERIC_OP[opcode] == Integer.MIN_VALUE) {
                        throw reader.error("illegal opcode " + Integer.toHexString(opcode), instructionStart);
                    }
                    break;
            }
        }
        if (reader.hasMore()) {
            throw reader.error("operators remaining after end of function body");
        }
    }

    private void checkPrefixedWellFormed(int opcode) {
        switch (opcode) {
            case Opcodes.MEMORY_INIT:
                reader.readVarU32();
                readZeroByte();
                requireDataCount();
                return;
            case Opcodes.DATA_DROP:
                reader.readVarU32();
                requireDataCount();
                return;
            case Opcodes.MEMORY_COPY:
                readZeroByte();
                readZeroByte();
                return;
            case Opcodes.MEMORY_FILL:
                readZeroByte();
                return;
            case Opcodes.TABLE_INIT:
            case Opcodes.TABLE_COPY:
                reader.readVarU32();
                reader.readVarU32();
                return;
            case Opcodes.ELEM_DROP:
            case Opcodes.TABLE_GROW:
            case Opcodes.TABLE_SIZE:
            case Opcodes.TABLE_FILL:
                reader.readVarU32();
                return;
            default:
                if (opcode < 0 || opcode > Opcodes.I64_TRUNC_SAT_F64_U) {
                    throw reader.error("illegal opcode fc " + unsigned(opcode), instructionStart);
                }
        }
    }

    /**
     * Validates and compiles one instruction. The opcodes are split by range over a few methods,
     * so that no one method is big: HotSpot compiles a big switch method with much more memory
     * (about 4 MiB more peak RSS for hello world, issue 16) and later than several small ones.
     */
    private void instruction(int opcode) {
        if (opcode <= Opcodes.CALL_INDIRECT) {
            control(opcode);
        } else if (opcode < Opcodes.I32_LOAD) {
            variable(opcode);
        } else if (opcode <= Opcodes.MEMORY_GROW) {
            memory(opcode);
        } else {
            other(opcode);
        }
    }

    /** Control instructions (0x00 to 0x11). */
    private void control(int opcode) {
        switch (opcode) {
            case Opcodes.UNREACHABLE:
                compiler.op(Op.UNREACHABLE);
                unreachable();
                return;
            case Opcodes.NOP:
                return;
            case Opcodes.BLOCK:
            case Opcodes.LOOP: {
                int blockType = readBlockType();
                materializeAll();
                popParams(blockType);
                int slot = topSlot();
                pushCtrl(opcode == Opcodes.BLOCK ? KIND_BLOCK : KIND_LOOP, blockType, true);
                if (opcode == Opcodes.BLOCK) {
                    compiler.openBlock(ctrlCount - 1, slot);
                } else {
                    compiler.openLoop(ctrlCount - 1, slot);
                }
                pushParams(blockType);
                return;
            }
            case Opcodes.IF: {
                int blockType = readBlockType();
                pop(ValType.I32);
                int cond = poppedSlot;
                compiler.holdCondition(cond);
                materializeAll();
                popParams(blockType);
                int slot = topSlot();
                pushCtrl(KIND_IF, blockType, true);
                compiler.openIf(ctrlCount - 1, slot, cond);
                pushParams(blockType);
                return;
            }
            case Opcodes.ELSE: {
                int frame = ctrlCount - 1;
                if (ctrlKind[frame] != KIND_IF) {
                    throw reader.error("else without matching if", instructionStart);
                }
                materializeAll();
                popResults(frame);
                compiler.elseArm(frame);
                ctrlKind[frame] = KIND_ELSE;
                ctrlUnreachable[frame] = false;
                compiler.live(!ctrlDead[frame]);
                pushParams(ctrlBlockType[frame]);
                return;
            }
            case Opcodes.END:
                end();
                return;
            case Opcodes.BR: {
                int frame = readLabel();
                materializeAll();
                int top = topSlot();
                compiler.branch(frame, labelSlots(frame), top);
                popLabel(frame);
                unreachable();
                return;
            }
            case Opcodes.BR_IF: {
                int frame = readLabel();
                pop(ValType.I32);
                int cond = poppedSlot;
                compiler.holdCondition(cond);
                materializeAll();
                int top = topSlot();
                compiler.branchIf(frame, labelSlots(frame), top, cond);
                popLabel(frame);
                pushLabel(frame);
                return;
            }
            case Opcodes.BR_TABLE:
                brTable();
                return;
            case Opcodes.RETURN: {
                int slots = labelSlots(0);
                compiler.ret(slots, resultSource(slots));
                popLabel(0);
                unreachable();
                return;
            }
            case Opcodes.CALL: {
                int callee = readIndex();
                if (callee >= module.functionCount()) {
                    throw invalid("unknown function " + unsigned(callee));
                }
                FuncType type = module.functionType(callee);
                if (callee < module.importedFunctionCount()) {
                    materializeAll();
                    popParams(type);
                    compiler.op(Op.CALL_IMPORT, callee, topSlot());
                } else {
                    // The call copies its arguments from where they are (locals too) itself.
                    materializeBelow(type.paramCount());
                    int n = popArgumentSources(type);
                    compiler.call(callee, topSlot(), argumentSources, n);
                }
                pushResults(type);
                return;
            }
            case Opcodes.CALL_INDIRECT: {
                int typeIndex = readIndex();
                int table = readIndex();
                if (typeIndex >= module.typeCount()) {
                    throw invalid("unknown type " + unsigned(typeIndex));
                }
                checkTable(table);
                if (module.table(table).elementType() != ValType.FUNCREF) {
                    throw invalid("type mismatch");
                }
                FuncType type = module.type(typeIndex);
                pop(ValType.I32);
                int index = poppedSlot;
                materializeAll();
                popParams(type);
                int base = topSlot();
                compiler.op(Op.CALL_INDIRECT, typeIndex, table, index, base);
                pushResults(type);
                return;
            }
            default:
                other(opcode);
        }
    }

    /** Parametric, variable and table instructions (0x1A to 0x26). */
    private void variable(int opcode) {
        switch (opcode) {
            case Opcodes.DROP:
                popAny();
                return;
            case Opcodes.SELECT: {
                pop(ValType.I32);
                int cond = poppedSlot;
                int t1 = popAny();
                int b = poppedSlot;
                int t2 = popAny();
                int a = poppedSlot;
                if (ValType.isReference(t1) || ValType.isReference(t2)
                        || (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN)) {
                    throw invalid("type mismatch");
                }
                int t = t1 == UNKNOWN ? t2 : t1;
                select(push(t), a, b, cond, t);
                return;
            }
            case Opcodes.SELECT_T: {
                int n = readIndex();
                int t = 0;
                for (int i = 0; i < n; i++) {
                    int v = readValueType();
                    if (i == 0) {
                        t = v;
                    }
                }
                if (n != 1) {
                    throw invalid("invalid result arity");
                }
                pop(ValType.I32);
                int cond = poppedSlot;
                pop(t);
                int b = poppedSlot;
                pop(t);
                int a = poppedSlot;
                select(push(t), a, b, cond, t);
                return;
            }
            case Opcodes.LOCAL_GET: {
                int local = readLocal();
                int t = localTypes[local];
                int dst = push(t);
                if (fold && compiler.isLive()) {
                    foldTop(localSlots[local]);
                } else {
                    compiler.copy(dst, localSlots[local], ValType.slots(t));
                }
                return;
            }
            case Opcodes.LOCAL_SET:
            case Opcodes.LOCAL_TEE: {
                int local = readLocal();
                int t = localTypes[local];
                int slots = ValType.slots(t);
                int localSlot = localSlots[local];
                pop(t);
                int src = poppedSlot;
                int dst = push(t);
                if (opcode == Opcodes.LOCAL_SET) {
                    popAny();
                }
                if (!fold) {
                    compiler.copy(localSlot, src, slots);
                    return;
                }
                materializeLocal(localSlot);
                if (src == dst && compiler.retarget(dst, localSlot)) {
                    // The value went straight into the local; a tee leaves it readable there.
                    if (opcode == Opcodes.LOCAL_TEE) {
                        foldTop(localSlot);
                    }
                    return;
                }
                compiler.copy(localSlot, src, slots);
                if (opcode == Opcodes.LOCAL_TEE) {
                    foldTop(src);
                }
                return;
            }
            case Opcodes.GLOBAL_GET: {
                int global = readGlobal();
                int t = module.global(global).valType();
                compiler.op(ValType.slots(t) == 2 ? Op.V128_GLOBAL_GET : Op.GLOBAL_GET, push(t), global);
                return;
            }
            case Opcodes.GLOBAL_SET: {
                int global = readGlobal();
                GlobalType type = module.global(global);
                if (!type.isMutable()) {
                    throw invalid("global is immutable");
                }
                pop(type.valType());
                compiler.op(ValType.slots(type.valType()) == 2 ? Op.V128_GLOBAL_SET : Op.GLOBAL_SET, global, poppedSlot);
                return;
            }
            case Opcodes.TABLE_GET: {
                int table = readIndex();
                checkTable(table);
                pop(ValType.I32);
                int index = poppedSlot;
                compiler.op(Op.TABLE_GET, push(module.table(table).elementType()), table, index);
                return;
            }
            case Opcodes.TABLE_SET: {
                int table = readIndex();
                checkTable(table);
                pop(module.table(table).elementType());
                int value = poppedSlot;
                pop(ValType.I32);
                compiler.op(Op.TABLE_SET, table, poppedSlot, value);
                return;
            }
            default:
                other(opcode);
        }
    }

    /** Loads, stores, memory.size and memory.grow (0x28 to 0x40). */
    private void memory(int opcode) {
        switch (opcode) {
            case Opcodes.I32_LOAD:
                load(Op.I32_LOAD, 2, ValType.I32);
                return;
            case Opcodes.I64_LOAD:
                load(Op.I64_LOAD, 3, ValType.I64);
                return;
            case Opcodes.F32_LOAD:
                load(Op.I32_LOAD, 2, ValType.F32);
                return;
            case Opcodes.F64_LOAD:
                load(Op.I64_LOAD, 3, ValType.F64);
                return;
            case Opcodes.I32_LOAD8_S:
                load(Op.I32_LOAD8_S, 0, ValType.I32);
                return;
            case Opcodes.I32_LOAD8_U:
                load(Op.I32_LOAD8_U, 0, ValType.I32);
                return;
            case Opcodes.I32_LOAD16_S:
                load(Op.I32_LOAD16_S, 1, ValType.I32);
                return;
            case Opcodes.I32_LOAD16_U:
                load(Op.I32_LOAD16_U, 1, ValType.I32);
                return;
            case Opcodes.I64_LOAD8_S:
                load(Op.I64_LOAD8_S, 0, ValType.I64);
                return;
            case Opcodes.I64_LOAD8_U:
                load(Op.I64_LOAD8_U, 0, ValType.I64);
                return;
            case Opcodes.I64_LOAD16_S:
                load(Op.I64_LOAD16_S, 1, ValType.I64);
                return;
            case Opcodes.I64_LOAD16_U:
                load(Op.I64_LOAD16_U, 1, ValType.I64);
                return;
            case Opcodes.I64_LOAD32_S:
                load(Op.I64_LOAD32_S, 2, ValType.I64);
                return;
            case Opcodes.I64_LOAD32_U:
                load(Op.I64_LOAD32_U, 2, ValType.I64);
                return;
            case Opcodes.I32_STORE:
                store(Op.I32_STORE, 2, ValType.I32);
                return;
            case Opcodes.I64_STORE:
                store(Op.I64_STORE, 3, ValType.I64);
                return;
            case Opcodes.F32_STORE:
                store(Op.I32_STORE, 2, ValType.F32);
                return;
            case Opcodes.F64_STORE:
                store(Op.I64_STORE, 3, ValType.F64);
                return;
            case Opcodes.I32_STORE8:
                store(Op.I32_STORE8, 0, ValType.I32);
                return;
            case Opcodes.I32_STORE16:
                store(Op.I32_STORE16, 1, ValType.I32);
                return;
            case Opcodes.I64_STORE8:
                store(Op.I32_STORE8, 0, ValType.I64);
                return;
            case Opcodes.I64_STORE16:
                store(Op.I32_STORE16, 1, ValType.I64);
                return;
            case Opcodes.I64_STORE32:
                store(Op.I32_STORE, 2, ValType.I64);
                return;
            case Opcodes.MEMORY_SIZE:
                readZeroByte();
                checkMemory();
                compiler.op(Op.MEMORY_SIZE, push(ValType.I32));
                return;
            case Opcodes.MEMORY_GROW: {
                readZeroByte();
                checkMemory();
                pop(ValType.I32);
                int delta = poppedSlot;
                compiler.op(Op.MEMORY_GROW, push(ValType.I32), delta);
                return;
            }
            default:
                other(opcode);
        }
    }

    /** Constants, references, numeric instructions, the prefixed ones; any other opcode is illegal. */
    private void other(int opcode) {
        switch (opcode) {
            case Opcodes.I32_CONST: {
                int value = reader.readVarS32();
                int dst = push(ValType.I32);
                if (fold && compiler.isLive()) {
                    deferConstant(value);
                } else {
                    compiler.op(Op.I32_CONST, dst, value);
                }
                return;
            }
            case Opcodes.I64_CONST: {
                long value = reader.readVarS64();
                int dst = push(ValType.I64);
                if (fold && compiler.isLive()) {
                    deferConstant(value);
                } else {
                    compiler.op(Op.I64_CONST, dst, (int) value, (int) (value >>> 32));
                }
                return;
            }
            case Opcodes.F32_CONST: {
                int bits = reader.readF32Bits();
                compiler.op(Op.I32_CONST, push(ValType.F32), bits);
                return;
            }
            case Opcodes.F64_CONST: {
                long bits = reader.readF64Bits();
                compiler.op(Op.I64_CONST, push(ValType.F64), (int) bits, (int) (bits >>> 32));
                return;
            }
            case Opcodes.REF_NULL: {
                int t = readReferenceType();
                compiler.op(Op.I64_CONST, push(t), 0, 0);
                return;
            }
            case Opcodes.REF_IS_NULL: {
                int t = popAny();
                if (t != UNKNOWN && !ValType.isReference(t)) {
                    throw invalid("type mismatch");
                }
                int a = poppedSlot;
                compiler.op(Op.I64_EQZ, push(ValType.I32), a);
                return;
            }
            case Opcodes.REF_FUNC: {
                int function = readIndex();
                if (function >= module.functionCount()) {
                    throw invalid("unknown function " + unsigned(function));
                }
                if (!declaredFunctions[function]) {
                    throw invalid("undeclared function reference");
                }
                compiler.op(Op.REF_FUNC, push(ValType.FUNCREF), function);
                return;
            }
            case Opcodes.PREFIX_FC:
                prefixed(reader.readVarU32());
                return;
            case Opcodes.PREFIX_FD:
                simd.instruction(instructionStart);
                return;
            default:
                if (opcode < NUMERIC_OP.length && NUMERIC_OP[opcode] != Integer.MIN_VALUE) {
                    numeric(NUMERIC_OP[opcode], NUMERIC_A[opcode], NUMERIC_B[opcode], NUMERIC_RESULT[opcode]);
                    return;
                }
                throw reader.error("illegal opcode " + Integer.toHexString(opcode), instructionStart);
        }
    }

    private void prefixed(int opcode) {
        switch (opcode) {
            case Opcodes.I32_TRUNC_SAT_F32_S:
            case Opcodes.I32_TRUNC_SAT_F32_U:
                numeric(Op.I32_TRUNC_SAT_F32_S + opcode, ValType.F32, 0, ValType.I32);
                return;
            case Opcodes.I32_TRUNC_SAT_F64_S:
            case Opcodes.I32_TRUNC_SAT_F64_U:
                numeric(Op.I32_TRUNC_SAT_F32_S + opcode, ValType.F64, 0, ValType.I32);
                return;
            case Opcodes.I64_TRUNC_SAT_F32_S:
            case Opcodes.I64_TRUNC_SAT_F32_U:
                numeric(Op.I32_TRUNC_SAT_F32_S + opcode, ValType.F32, 0, ValType.I64);
                return;
            case Opcodes.I64_TRUNC_SAT_F64_S:
            case Opcodes.I64_TRUNC_SAT_F64_U:
                numeric(Op.I32_TRUNC_SAT_F32_S + opcode, ValType.F64, 0, ValType.I64);
                return;
            case Opcodes.MEMORY_INIT: {
                int data = readIndex();
                readZeroByte();
                requireDataCount();
                checkMemory();
                if (data >= module.dataCount()) {
                    throw invalid("unknown data segment " + unsigned(data));
                }
                int n = popI32();
                int s = popI32();
                int d = popI32();
                compiler.op(Op.MEMORY_INIT, data, d, s, n);
                return;
            }
            case Opcodes.DATA_DROP: {
                int data = readIndex();
                requireDataCount();
                if (data >= module.dataCount()) {
                    throw invalid("unknown data segment " + unsigned(data));
                }
                compiler.op(Op.DATA_DROP, data);
                return;
            }
            case Opcodes.MEMORY_COPY: {
                readZeroByte();
                readZeroByte();
                checkMemory();
                int n = popI32();
                int s = popI32();
                int d = popI32();
                compiler.op(Op.MEMORY_COPY, d, s, n);
                return;
            }
            case Opcodes.MEMORY_FILL: {
                readZeroByte();
                checkMemory();
                int n = popI32();
                int value = popI32();
                int d = popI32();
                compiler.op(Op.MEMORY_FILL, d, value, n);
                return;
            }
            case Opcodes.TABLE_INIT: {
                int elem = readIndex();
                int table = readIndex();
                checkTable(table);
                checkElem(elem);
                if (module.element(elem).elementType() != module.table(table).elementType()) {
                    throw invalid("type mismatch");
                }
                int n = popI32();
                int s = popI32();
                int d = popI32();
                compiler.op(Op.TABLE_INIT, table, elem, d, s, n);
                return;
            }
            case Opcodes.ELEM_DROP: {
                int elem = readIndex();
                checkElem(elem);
                compiler.op(Op.ELEM_DROP, elem);
                return;
            }
            case Opcodes.TABLE_COPY: {
                int dstTable = readIndex();
                int srcTable = readIndex();
                checkTable(dstTable);
                checkTable(srcTable);
                if (module.table(dstTable).elementType() != module.table(srcTable).elementType()) {
                    throw invalid("type mismatch");
                }
                int n = popI32();
                int s = popI32();
                int d = popI32();
                compiler.op(Op.TABLE_COPY, dstTable, srcTable, d, s, n);
                return;
            }
            case Opcodes.TABLE_GROW: {
                int table = readIndex();
                checkTable(table);
                int delta = popI32();
                pop(module.table(table).elementType());
                int value = poppedSlot;
                compiler.op(Op.TABLE_GROW, push(ValType.I32), table, value, delta);
                return;
            }
            case Opcodes.TABLE_SIZE: {
                int table = readIndex();
                checkTable(table);
                compiler.op(Op.TABLE_SIZE, push(ValType.I32), table);
                return;
            }
            case Opcodes.TABLE_FILL: {
                int table = readIndex();
                checkTable(table);
                int n = popI32();
                pop(module.table(table).elementType());
                int value = poppedSlot;
                int index = popI32();
                compiler.op(Op.TABLE_FILL, table, index, value, n);
                return;
            }
            default:
                throw reader.error("illegal opcode fc " + unsigned(opcode), instructionStart);
        }
    }

    // ---- instruction groups ----------------------------------------------------------------

    private void numeric(int op, int a, int b, int result) {
        int bSlot = -1;
        if (b != 0) {
            takeConstant = Immediates.hasForm(op);
            pop(b);
            takeConstant = false;
            bSlot = poppedSlot;
            if (bSlot == CONSTANT) {
                long value = poppedConstant;
                int constantSlot = valueSlots[valueCount];
                pop(a);
                int aSlot = poppedSlot;
                int dst = push(result);
                int imm = Immediates.form(op, value);
                if (imm >= 0) {
                    compiler.op(imm, dst, aSlot, Immediates.operand(op, value));
                    return;
                }
                // No immediate form for this value: write the constant where the op expects it.
                emitConstant(constantSlot, b, value);
                compiler.op(op, dst, aSlot, constantSlot);
                return;
            }
            int swapped = Immediates.swappedForm(op);
            if (swapped >= 0 && valueCount > ctrlHeight[ctrlCount - 1]
                    && valueSources[valueCount - 1] == CONSTANT) {
                // c op x, with op commutative or a compare that can be turned around: x op' c.
                takeConstant = true;
                pop(a);
                takeConstant = false;
                long value = poppedConstant;
                int constantSlot = valueSlots[valueCount];
                int dst = push(result);
                int imm = Immediates.form(swapped, value);
                if (imm >= 0) {
                    compiler.op(imm, dst, bSlot, Immediates.operand(swapped, value));
                    return;
                }
                emitConstant(constantSlot, a, value);
                compiler.op(op, dst, constantSlot, bSlot);
                return;
            }
        }
        pop(a);
        int aSlot = poppedSlot;
        int dst = push(result);
        if (op < 0) {
            // Same bits, new type: the value stays where it is.
            if (aSlot != dst && compiler.isLive()) {
                foldTop(aSlot);
            }
            return;
        }
        if (b != 0) {
            compiler.op(op, dst, aSlot, bSlot);
        } else {
            compiler.op(op, dst, aSlot);
        }
    }

    private void load(int op, int naturalAlignment, int type) {
        int offset = readMemarg(naturalAlignment);
        pop(ValType.I32);
        int addr = poppedSlot;
        compiler.load(op, push(type), addr, offset);
    }

    private void store(int op, int naturalAlignment, int type) {
        int offset = readMemarg(naturalAlignment);
        pop(type);
        int value = poppedSlot;
        pop(ValType.I32);
        compiler.op(op, poppedSlot, value, offset);
    }

    private void select(int dst, int a, int b, int cond, int type) {
        compiler.op(Op.SELECT, dst, a, b, cond);
        if (ValType.slots(type) == 2) {
            compiler.op(Op.SELECT, dst + 1, a + 1, b + 1, cond);
        }
    }

    private void brTable() {
        int count = readBranchTableCount();
        if (labels.length <= count) {
            labels = new int[Math.max(count + 1, labels.length * 2)];
        }
        for (int i = 0; i <= count; i++) {
            labels[i] = readLabel();
        }
        pop(ValType.I32);
        int index = poppedSlot;
        materializeAll();
        int top = topSlot();
        int defaultFrame = labels[count];
        int arity = labelArity(defaultFrame);
        for (int i = 0; i < count; i++) {
            int frame = labels[i];
            if (labelArity(frame) != arity) {
                throw invalid("type mismatch");
            }
            // push_vals(pop_vals(labels)): what comes back is what was there, Unknown included.
            if (scratchTypes.length < arity) {
                scratchTypes = new int[arity];
            }
            for (int j = arity - 1; j >= 0; j--) {
                scratchTypes[j] = pop(labelType(frame, j));
            }
            for (int j = 0; j < arity; j++) {
                push(scratchTypes[j]);
            }
        }
        compiler.branchTable(index, count, labels, labelSlots(defaultFrame), top);
        popLabel(defaultFrame);
        unreachable();
    }

    private void end() {
        int frame = ctrlCount - 1;
        int from = 0;
        if (frame == 0) {
            from = resultSource(labelSlots(0));
        } else {
            materializeAll();
        }
        int blockType = ctrlBlockType[frame];
        if (ctrlKind[frame] == KIND_IF) {
            // No else: the missing arm passes the params through, so they must be the results.
            int n = paramCount(blockType);
            if (n != resultCount(blockType)) {
                throw invalid("type mismatch");
            }
            for (int i = 0; i < n; i++) {
                if (paramType(blockType, i) != resultType(blockType, i)) {
                    throw invalid("type mismatch");
                }
            }
        }
        popResults(frame);
        if (frame == 0) {
            compiler.endFunction(labelSlots(0), from, maxSlot);
            ctrlCount = 0;
            return;
        }
        compiler.close(frame);
        ctrlCount--;
        updateLive();
        pushResults(blockType);
    }

    // ---- operand stack -------------------------------------------------------------------------

    private int topSlot() {
        return valueCount == 0 ? operandBase
                : valueSlots[valueCount - 1] + ValType.slots(valueTypes[valueCount - 1]);
    }

    /** Pushes an operand; returns its slot. */
    int push(int type) {
        if (valueCount == valueTypes.length) {
            valueTypes = java.util.Arrays.copyOf(valueTypes, valueCount * 2);
            valueSlots = java.util.Arrays.copyOf(valueSlots, valueCount * 2);
            valueSources = java.util.Arrays.copyOf(valueSources, valueCount * 2);
            valueConstants = java.util.Arrays.copyOf(valueConstants, valueCount * 2);
        }
        int slot = topSlot();
        valueTypes[valueCount] = type;
        valueSlots[valueCount] = slot;
        valueSources[valueCount] = slot;
        valueCount++;
        int end = slot + ValType.slots(type);
        if (end > maxSlot) {
            maxSlot = end;
        }
        return slot;
    }

    private int popAny() {
        int frame = ctrlCount - 1;
        if (valueCount == ctrlHeight[frame]) {
            if (ctrlUnreachable[frame]) {
                poppedSlot = -1;
                return UNKNOWN;
            }
            throw invalid("type mismatch");
        }
        valueCount--;
        int source = valueSources[valueCount];
        if (source != valueSlots[valueCount]) {
            pendingCount--;
            if (source == CONSTANT) {
                if (takeConstant) {
                    poppedConstant = valueConstants[valueCount];
                } else {
                    source = valueSlots[valueCount];
                    emitConstant(source, valueTypes[valueCount], valueConstants[valueCount]);
                }
            }
        }
        poppedSlot = source;
        return valueTypes[valueCount];
    }

    /** Marks the operand just pushed as the constant value, written to its slot only if needed. */
    private void deferConstant(long value) {
        int top = valueCount - 1;
        valueSources[top] = CONSTANT;
        valueConstants[top] = value;
        pendingCount++;
    }

    private void emitConstant(int slot, int type, long value) {
        if (type == ValType.I64) {
            compiler.op(Op.I64_CONST, slot, (int) value, (int) (value >>> 32));
        } else {
            compiler.op(Op.I32_CONST, slot, (int) value);
        }
    }

    /** Marks the top operand's value as living in another slot (a local's) for now. */
    private void foldTop(int source) {
        int top = valueCount - 1;
        if (source >= 0 && source != valueSlots[top]) {
            if (valueSources[top] == valueSlots[top]) {
                pendingCount++;
            }
            valueSources[top] = source;
        }
    }

    /** Copies folded values into their own slots: needed where control flow or calls expect them there. */
    private void materializeAll() {
        if (pendingCount == 0) {
            return;
        }
        for (int i = ctrlHeight[ctrlCount - 1]; i < valueCount; i++) {
            if (valueSources[i] == CONSTANT) {
                emitConstant(valueSlots[i], valueTypes[i], valueConstants[i]);
                valueSources[i] = valueSlots[i];
            } else if (valueSources[i] != valueSlots[i]) {
                compiler.copy(valueSlots[i], valueSources[i], ValType.slots(valueTypes[i]));
                valueSources[i] = valueSlots[i];
            }
        }
        pendingCount = 0;
    }

    /**
     * Where the function's results start, for return and the final end. A single folded result
     * is returned straight from its local; otherwise folded values are materialized first (with
     * several results, copying one into slot i could clobber a local another still reads).
     */
    private int resultSource(int slots) {
        int top = valueCount - 1;
        if (slots == 1 && top >= ctrlHeight[ctrlCount - 1] && valueSources[top] >= 0
                && valueSources[top] != valueSlots[top]) {
            return valueSources[top];
        }
        materializeAll();
        return topSlot() - slots;
    }

    /** {@link #materializeAll} but for the top n values, which stay as they are. */
    private void materializeBelow(int n) {
        int end = valueCount - n;
        for (int i = ctrlHeight[ctrlCount - 1]; i < end && pendingCount > 0; i++) {
            if (valueSources[i] == CONSTANT) {
                emitConstant(valueSlots[i], valueTypes[i], valueConstants[i]);
            } else if (valueSources[i] != valueSlots[i]) {
                compiler.copy(valueSlots[i], valueSources[i], ValType.slots(valueTypes[i]));
            } else {
                continue;
            }
            valueSources[i] = valueSlots[i];
            pendingCount--;
        }
    }

    /**
     * Pops a call's arguments and records in {@link #argumentSources} the slot each argument slot
     * is read from (constants are put in place first); returns the number of argument slots.
     */
    private int popArgumentSources(FuncType type) {
        int n = type.paramSlots();
        if (argumentSources.length < n) {
            argumentSources = new int[n];
        }
        int offset = n;
        for (int i = type.paramCount() - 1; i >= 0; i--) {
            pop(type.param(i));
            int slots = ValType.slots(type.param(i));
            offset -= slots;
            for (int k = 0; k < slots; k++) {
                argumentSources[offset + k] = poppedSlot + k;
            }
        }
        return n;
    }

    /** Before a local changes: operands still reading its slot get their own copy of the old value. */
    private void materializeLocal(int localSlot) {
        if (pendingCount == 0) {
            return;
        }
        for (int i = ctrlHeight[ctrlCount - 1]; i < valueCount; i++) {
            if (valueSources[i] == localSlot && valueSlots[i] != localSlot) {
                compiler.copy(valueSlots[i], localSlot, ValType.slots(valueTypes[i]));
                valueSources[i] = valueSlots[i];
                pendingCount--;
            }
        }
    }

    int pop(int expected) {
        int actual = popAny();
        if (actual != expected && actual != UNKNOWN && expected != UNKNOWN) {
            throw invalid("type mismatch");
        }
        return actual;
    }

    /** Slot of the operand the last pop removed (see {@link #poppedSlot}). */
    int poppedSlot() {
        return poppedSlot;
    }

    private int popI32() {
        pop(ValType.I32);
        return poppedSlot;
    }

    private void popParams(FuncType type) {
        for (int i = type.paramCount() - 1; i >= 0; i--) {
            pop(type.param(i));
        }
    }

    private void pushResults(FuncType type) {
        for (int i = 0; i < type.resultCount(); i++) {
            push(type.result(i));
        }
    }

    private void popParams(int blockType) {
        for (int i = paramCount(blockType) - 1; i >= 0; i--) {
            pop(paramType(blockType, i));
        }
    }

    private void pushParams(int blockType) {
        int n = paramCount(blockType);
        for (int i = 0; i < n; i++) {
            push(paramType(blockType, i));
        }
    }

    private void pushResults(int blockType) {
        int n = resultCount(blockType);
        for (int i = 0; i < n; i++) {
            push(resultType(blockType, i));
        }
    }

    /** The frame's results must be exactly what is left on its part of the stack. */
    private void popResults(int frame) {
        int blockType = ctrlBlockType[frame];
        for (int i = resultCount(blockType) - 1; i >= 0; i--) {
            pop(resultType(blockType, i));
        }
        if (valueCount != ctrlHeight[frame]) {
            throw invalid("type mismatch");
        }
    }

    // ---- control stack -------------------------------------------------------------------------

    private void pushCtrl(int kind, int blockType, boolean nested) {
        if (ctrlCount == ctrlKind.length) {
            int len = ctrlCount * 2;
            ctrlKind = java.util.Arrays.copyOf(ctrlKind, len);
            ctrlBlockType = java.util.Arrays.copyOf(ctrlBlockType, len);
            ctrlHeight = java.util.Arrays.copyOf(ctrlHeight, len);
            ctrlUnreachable = java.util.Arrays.copyOf(ctrlUnreachable, len);
            ctrlDead = java.util.Arrays.copyOf(ctrlDead, len);
        }
        ctrlKind[ctrlCount] = kind;
        ctrlBlockType[ctrlCount] = blockType;
        ctrlHeight[ctrlCount] = valueCount;
        ctrlUnreachable[ctrlCount] = false;
        ctrlDead[ctrlCount] = nested && !compiler.isLive();
        ctrlCount++;
    }

    private void unreachable() {
        int frame = ctrlCount - 1;
        valueCount = ctrlHeight[frame];
        pendingCount = 0;
        ctrlUnreachable[frame] = true;
        compiler.live(false);
    }

    private void updateLive() {
        int frame = ctrlCount - 1;
        compiler.live(!ctrlUnreachable[frame] && !ctrlDead[frame]);
    }

    /** Label types: a loop's params (branches restart it), else the results. */
    private int labelArity(int frame) {
        int blockType = ctrlBlockType[frame];
        return ctrlKind[frame] == KIND_LOOP ? paramCount(blockType) : resultCount(blockType);
    }

    private int labelType(int frame, int i) {
        int blockType = ctrlBlockType[frame];
        return ctrlKind[frame] == KIND_LOOP ? paramType(blockType, i) : resultType(blockType, i);
    }

    private int labelSlots(int frame) {
        int n = labelArity(frame);
        int slots = 0;
        for (int i = 0; i < n; i++) {
            slots += ValType.slots(labelType(frame, i));
        }
        return slots;
    }

    private void popLabel(int frame) {
        for (int i = labelArity(frame) - 1; i >= 0; i--) {
            pop(labelType(frame, i));
        }
    }

    private void pushLabel(int frame) {
        int n = labelArity(frame);
        for (int i = 0; i < n; i++) {
            push(labelType(frame, i));
        }
    }

    private int paramCount(int blockType) {
        return blockType >= 0 ? module.type(blockType).paramCount() : 0;
    }

    private int paramType(int blockType, int i) {
        return module.type(blockType).param(i);
    }

    private int resultCount(int blockType) {
        if (blockType >= 0) {
            return module.type(blockType).resultCount();
        }
        return blockType == BLOCK_EMPTY ? 0 : 1;
    }

    private int resultType(int blockType, int i) {
        return blockType >= 0 ? module.type(blockType).result(i) : -blockType;
    }

    // ---- immediates ----------------------------------------------------------------------------

    private int readBlockType() {
        long v = reader.readVarS33();
        if (v >= 0) {
            if (v >= module.typeCount()) {
                throw invalid("unknown type " + v);
            }
            return (int) v;
        }
        int b = (int) (v & 0x7F);
        if (v < -64) {
            throw reader.error("malformed block type", instructionStart + 1);
        }
        if (b == Opcodes.BLOCK_TYPE_EMPTY) {
            return BLOCK_EMPTY;
        }
        if (!ValType.isValid(b)) {
            throw reader.error("malformed value type", instructionStart + 1);
        }
        return -b;
    }

    /** Each label takes at least a byte: a count beyond the body is malformed before it can allocate much. */
    private int readBranchTableCount() {
        int count = reader.readVarU32AsIndex("br_table length");
        if (count >= reader.remaining()) {
            throw reader.error("unexpected end of section or function");
        }
        return count;
    }

    private int readValueType() {
        int start = reader.position();
        int b = reader.readU8();
        if (!ValType.isValid(b)) {
            throw reader.error("malformed value type", start);
        }
        return b;
    }

    private int readReferenceType() {
        int start = reader.position();
        int b = reader.readU8();
        if (!ValType.isReference(b)) {
            throw reader.error("malformed reference type", start);
        }
        return b;
    }

    /** A u32 index; values beyond int range come back negative-free as Integer.MAX_VALUE so range checks fail. */
    private int readIndex() {
        int v = reader.readVarU32();
        return v < 0 ? Integer.MAX_VALUE : v;
    }

    /** A label index, as the control-stack position of its frame. */
    private int readLabel() {
        int depth = readIndex();
        if (depth >= ctrlCount) {
            throw invalid("unknown label");
        }
        return ctrlCount - 1 - depth;
    }

    private int readLocal() {
        int local = readIndex();
        if (local >= localCount) {
            throw invalid("unknown local " + unsigned(local));
        }
        return local;
    }

    private int readGlobal() {
        int global = readIndex();
        if (global >= module.globalCount()) {
            throw invalid("unknown global " + unsigned(global));
        }
        return global;
    }

    /** Reads a memarg, checks the memory and the alignment; returns the offset (u32 as int bits). */
    int readMemarg(int naturalAlignment) {
        int align = reader.readVarU32();
        int offset = reader.readVarU32();
        checkMemory();
        if (align < 0 || align > naturalAlignment) {
            throw invalid("alignment must not be larger than natural");
        }
        return offset;
    }

    private void readZeroByte() {
        int start = reader.position();
        if (reader.readU8() != 0) {
            throw reader.error("zero byte expected", start);
        }
    }

    private void requireDataCount() {
        if (module.dataCount() < 0) {
            throw reader.error("data count section required", instructionStart);
        }
    }

    private void checkMemory() {
        if (module.memoryCount() == 0) {
            throw invalid("unknown memory 0");
        }
    }

    private void checkTable(int table) {
        if (table >= module.tableCount()) {
            throw invalid("unknown table " + unsigned(table));
        }
    }

    private void checkElem(int elem) {
        if (elem >= module.elementCount()) {
            throw invalid("unknown elem segment " + unsigned(elem));
        }
    }

    InvalidModuleException invalid(String rule) {
        return new InvalidModuleException(rule, functionIndex, instructionStart);
    }

    private static String unsigned(int v) {
        return v == Integer.MAX_VALUE ? "beyond 2^31" : Integer.toString(v);
    }
}
