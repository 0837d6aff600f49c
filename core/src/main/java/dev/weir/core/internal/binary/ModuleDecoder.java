package dev.weir.core.internal.binary;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.MalformedModuleException;
import dev.weir.core.module.ConstExpr;
import dev.weir.core.module.CustomSection;
import dev.weir.core.module.DataSegment;
import dev.weir.core.module.ElementSegment;
import dev.weir.core.module.Export;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.FunctionBody;
import dev.weir.core.module.GlobalType;
import dev.weir.core.module.Import;
import dev.weir.core.module.Limits;
import dev.weir.core.module.MemoryType;
import dev.weir.core.module.Module;
import dev.weir.core.module.TableType;
import dev.weir.core.module.ValType;

/**
 * Decodes the binary format (spec chapter 5, WebAssembly 2.0) into a {@link Module}, one method
 * per section.
 *
 * <p>Only the binary rules are enforced here (the spec's {@code assert_malformed}); index ranges,
 * types and limits are the validator's. Function bodies are not decoded beyond their local
 * declarations: the validator reads the instructions in place, between
 * {@link FunctionBody#codeStart()} and {@link FunctionBody#codeEnd()}.
 *
 * <p>Every count read from the input is checked against the bytes left before anything is
 * allocated from it, so a hostile binary cannot make the decoder allocate more than a small
 * multiple of its own size (plus the capped local declarations, see {@link #MAX_LOCALS}).
 */
public final class ModuleDecoder {
    /** "\0asm" read as a little-endian u32. */
    private static final int MAGIC = 0x6D736100;
    private static final int VERSION = 1;

    /**
     * Most locals one function may declare (parameters excluded). The spec allows up to 2^32-1,
     * but each local is a value-stack slot set up on every call, and the expanded declaration
     * costs a byte here; 50,000 is far beyond what compilers emit (clang and rustc stay in the
     * low thousands) while keeping a 6-byte declaration from costing megabytes.
     */
    public static final int MAX_LOCALS = 50000;

    /** Most locals all functions of one module may declare together, for the same reason. */
    public static final int MAX_TOTAL_LOCALS = 1 << 23;

    private static final int SECTION_CUSTOM = 0;
    private static final int SECTION_TYPE = 1;
    private static final int SECTION_IMPORT = 2;
    private static final int SECTION_FUNCTION = 3;
    private static final int SECTION_TABLE = 4;
    private static final int SECTION_MEMORY = 5;
    private static final int SECTION_GLOBAL = 6;
    private static final int SECTION_EXPORT = 7;
    private static final int SECTION_START = 8;
    private static final int SECTION_ELEMENT = 9;
    private static final int SECTION_CODE = 10;
    private static final int SECTION_DATA = 11;
    private static final int SECTION_DATA_COUNT = 12;

    /** Position of each section id in the required order (the data count section sits before code). */
    private static final int[] SECTION_RANK = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};
    private static final String[] SECTION_NAMES = {"custom", "type", "import", "function", "table", "memory",
        "global", "export", "start", "element", "code", "data", "data count"};

    private static final FuncType[] NO_TYPES = new FuncType[0];
    private static final Import[] NO_IMPORTS = new Import[0];
    private static final int[] NO_INTS = new int[0];
    private static final TableType[] NO_TABLES = new TableType[0];
    private static final MemoryType[] NO_MEMORIES = new MemoryType[0];
    private static final GlobalType[] NO_GLOBALS = new GlobalType[0];
    private static final ConstExpr[] NO_EXPRS = new ConstExpr[0];
    private static final Export[] NO_EXPORTS = new Export[0];
    private static final ElementSegment[] NO_ELEMENTS = new ElementSegment[0];
    private static final DataSegment[] NO_DATA = new DataSegment[0];
    private static final FunctionBody[] NO_BODIES = new FunctionBody[0];
    private static final byte[] NO_BYTES = new byte[0];

    private final ByteReader in;

    private FuncType[] types = NO_TYPES;
    private Import[] imports = NO_IMPORTS;
    private int importedFunctionCount;
    private int importedTableCount;
    private int importedMemoryCount;
    private int importedGlobalCount;
    /** Type indexes of the functions of the import section, in order. */
    private int[] importedFunctionTypes = NO_INTS;
    private TableType[] importedTables = NO_TABLES;
    private MemoryType[] importedMemories = NO_MEMORIES;
    private GlobalType[] importedGlobals = NO_GLOBALS;
    /** Null until the function section is seen, so "absent" and "empty" can be told apart. */
    private int[] definedFunctionTypes;
    private TableType[] definedTables = NO_TABLES;
    private MemoryType[] definedMemories = NO_MEMORIES;
    private GlobalType[] definedGlobals = NO_GLOBALS;
    private ConstExpr[] globalInits = NO_EXPRS;
    private Export[] exports = NO_EXPORTS;
    private int startFunction = -1;
    private ElementSegment[] elements = NO_ELEMENTS;
    private boolean hasDataCount;
    private long dataCountValue;
    private DataSegment[] data;
    private FunctionBody[] bodies;
    private long totalLocals;
    private CustomSection[] customSections = new CustomSection[0];
    private int customSectionCount;
    private int nameSectionOffset = -1;
    private int nameSectionLength;

    // Scratch space for constant expressions, reused between expressions.
    private int[] exprOpcodes = new int[4];
    private long[] exprImmediates = new long[4];

    private ModuleDecoder(byte[] bytes) {
        this.in = new ByteReader(bytes);
    }

    /**
     * Decodes a module binary. The bytes are copied first, so the caller may reuse its array and
     * the module stays immutable.
     *
     * @throws MalformedModuleException naming the section and offset when the bytes are not a
     *                                  well-formed binary
     * @throws InvalidModuleException   "constant expression required" when a global initializer,
     *                                  segment offset or element item uses a non-constant instruction
     */
    public static Module decode(byte[] bytes) {
        if (bytes == null) {
            throw new MalformedModuleException("no module bytes", "header", 0);
        }
        return new ModuleDecoder(bytes.clone()).decodeModule();
    }

    private Module decodeModule() {
        readHeader();
        int lastRank = 0;
        int end = in.bytes().length;
        while (in.position() < end) {
            in.limit(end);
            in.section("header");
            int idOffset = in.position();
            int id = in.readU8();
            if (id > SECTION_DATA_COUNT) {
                throw in.error("malformed section id " + id, idOffset);
            }
            in.section(SECTION_NAMES[id]);
            int size = readSize("length out of bounds", "section size");
            int start = in.position();
            int sectionEnd = start + size;
            if (id != SECTION_CUSTOM) {
                int rank = SECTION_RANK[id];
                if (rank <= lastRank) {
                    // The reference interpreter reads sections in their fixed order, so a repeated
                    // or misplaced one is content it cannot place.
                    throw in.error("unexpected content after last section (" + SECTION_NAMES[id]
                            + " section repeated or out of order)", idOffset);
                }
                lastRank = rank;
            }
            in.limit(sectionEnd);
            switch (id) {
                case SECTION_CUSTOM: readCustomSection(start, size); break;
                case SECTION_TYPE: readTypeSection(); break;
                case SECTION_IMPORT: readImportSection(); break;
                case SECTION_FUNCTION: readFunctionSection(); break;
                case SECTION_TABLE: readTableSection(); break;
                case SECTION_MEMORY: readMemorySection(); break;
                case SECTION_GLOBAL: readGlobalSection(); break;
                case SECTION_EXPORT: readExportSection(); break;
                case SECTION_START: readStartSection(); break;
                case SECTION_ELEMENT: readElementSection(); break;
                case SECTION_DATA_COUNT: readDataCountSection(); break;
                case SECTION_CODE: readCodeSection(); break;
                case SECTION_DATA: readDataSection(); break;
                default: throw in.error("malformed section id " + id, idOffset);
            }
            if (in.position() != sectionEnd) {
                throw in.error("section size mismatch: " + SECTION_NAMES[id] + " section declares " + size
                        + " bytes, its content takes " + (in.position() - start));
            }
        }
        in.limit(end);
        in.section("module");
        return finish();
    }

    private void readHeader() {
        byte[] b = in.bytes();
        if (b.length < 4) {
            // As in the spec tests: too short to hold the magic is reported before any comparison.
            throw in.error("unexpected end: " + b.length + " bytes cannot hold the magic header", b.length);
        }
        if (readLittleEndianInt(b, 0) != MAGIC) {
            throw in.error("magic header not detected", 0);
        }
        if (b.length < 8) {
            throw in.error("unexpected end: no version after the magic header", b.length);
        }
        int version = readLittleEndianInt(b, 4);
        if (version != VERSION) {
            throw in.error("unknown binary version 0x" + Integer.toHexString(version), 4);
        }
        in.position(8);
    }

    private static int readLittleEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private Module finish() {
        int definedFunctionCount = definedFunctionTypes == null ? 0 : definedFunctionTypes.length;
        int bodyCount = bodies == null ? 0 : bodies.length;
        if (definedFunctionCount != bodyCount) {
            throw in.error("function and code section have inconsistent lengths: " + definedFunctionCount
                    + " functions, " + bodyCount + " bodies");
        }
        int dataSegmentCount = data == null ? 0 : data.length;
        if (hasDataCount && dataCountValue != dataSegmentCount) {
            throw in.error("data count and data section have inconsistent lengths: data count " + dataCountValue
                    + ", " + dataSegmentCount + " segments");
        }
        int[] functionTypes = new int[importedFunctionCount + definedFunctionCount];
        System.arraycopy(importedFunctionTypes, 0, functionTypes, 0, importedFunctionCount);
        if (definedFunctionCount > 0) {
            System.arraycopy(definedFunctionTypes, 0, functionTypes, importedFunctionCount, definedFunctionCount);
        }
        TableType[] tables = concat(importedTables, importedTableCount, definedTables);
        MemoryType[] memories = concat(importedMemories, importedMemoryCount, definedMemories);
        GlobalType[] globals = concat(importedGlobals, importedGlobalCount, definedGlobals);
        CustomSection[] customs = new CustomSection[customSectionCount];
        System.arraycopy(customSections, 0, customs, 0, customSectionCount);
        String[] functionNames = new String[functionTypes.length];
        String moduleName = readNameSection(functionNames);
        return new Module(in.bytes(), types, imports, functionTypes, importedFunctionCount, tables,
                importedTableCount, memories, importedMemoryCount, globals, importedGlobalCount, globalInits,
                exports, startFunction, elements, data == null ? NO_DATA : data,
                hasDataCount ? (int) dataCountValue : -1, bodies == null ? NO_BODIES : bodies, customs,
                moduleName, functionNames);
    }

    private static TableType[] concat(TableType[] imported, int importedCount, TableType[] defined) {
        TableType[] all = new TableType[importedCount + defined.length];
        System.arraycopy(imported, 0, all, 0, importedCount);
        System.arraycopy(defined, 0, all, importedCount, defined.length);
        return all;
    }

    private static MemoryType[] concat(MemoryType[] imported, int importedCount, MemoryType[] defined) {
        MemoryType[] all = new MemoryType[importedCount + defined.length];
        System.arraycopy(imported, 0, all, 0, importedCount);
        System.arraycopy(defined, 0, all, importedCount, defined.length);
        return all;
    }

    private static GlobalType[] concat(GlobalType[] imported, int importedCount, GlobalType[] defined) {
        GlobalType[] all = new GlobalType[importedCount + defined.length];
        System.arraycopy(imported, 0, all, 0, importedCount);
        System.arraycopy(defined, 0, all, importedCount, defined.length);
        return all;
    }

    // ---- sections -------------------------------------------------------------------------------

    /** Custom section (id 0, spec 5.5.3): a name and opaque bytes; the name section is read at the end. */
    private void readCustomSection(int start, int size) {
        if (size == 0) {
            throw in.error("unexpected end: custom section without a name");
        }
        String name = in.readName();
        int payload = in.position();
        int length = start + size - payload;
        if (customSectionCount == customSections.length) {
            CustomSection[] grown = new CustomSection[customSectionCount * 2 + 2];
            System.arraycopy(customSections, 0, grown, 0, customSectionCount);
            customSections = grown;
        }
        customSections[customSectionCount++] = new CustomSection(name, payload, length);
        if (nameSectionOffset < 0 && "name".equals(name)) {
            nameSectionOffset = payload;
            nameSectionLength = length;
        }
        in.position(start + size);
    }

    /** Type section (id 1, spec 5.5.4): function types, each 0x60 followed by parameter and result vectors. */
    private void readTypeSection() {
        int count = readCount("type");
        FuncType[] result = new FuncType[count];
        for (int i = 0; i < count; i++) {
            int at = in.position();
            int form = in.readU8();
            if (form >= 0x80) {
                // The reference interpreter reads the form as a one-byte LEB128.
                throw in.error("integer representation too long: function type form 0x" + Integer.toHexString(form),
                        at);
            }
            if (form != 0x60) {
                throw in.error("malformed function type: expected 0x60, found 0x" + Integer.toHexString(form), at);
            }
            byte[] params = readValTypes("parameter");
            byte[] results = readValTypes("result");
            result[i] = new FuncType(params, results);
        }
        types = result;
    }

    private byte[] readValTypes(String what) {
        int count = readCount(what);
        if (count == 0) {
            return NO_BYTES;
        }
        byte[] result = new byte[count];
        for (int i = 0; i < count; i++) {
            result[i] = readValType();
        }
        return result;
    }

    /** Import section (id 2, spec 5.5.5). */
    private void readImportSection() {
        int count = readCount("import");
        Import[] result = new Import[count];
        int[] functionTypes = new int[count];
        TableType[] tables = new TableType[count];
        MemoryType[] memories = new MemoryType[count];
        GlobalType[] globals = new GlobalType[count];
        for (int i = 0; i < count; i++) {
            String module = in.readName();
            String name = in.readName();
            int kindOffset = in.position();
            int kind = in.readU8();
            switch (kind) {
                case ExternalKind.FUNCTION: {
                    int typeIndex = readIndex();
                    functionTypes[importedFunctionCount++] = typeIndex;
                    result[i] = Import.function(module, name, typeIndex);
                    break;
                }
                case ExternalKind.TABLE: {
                    TableType type = readTableType();
                    tables[importedTableCount++] = type;
                    result[i] = Import.table(module, name, type);
                    break;
                }
                case ExternalKind.MEMORY: {
                    MemoryType type = new MemoryType(readLimits());
                    memories[importedMemoryCount++] = type;
                    result[i] = Import.memory(module, name, type);
                    break;
                }
                case ExternalKind.GLOBAL: {
                    GlobalType type = readGlobalType();
                    globals[importedGlobalCount++] = type;
                    result[i] = Import.global(module, name, type);
                    break;
                }
                default:
                    throw in.error("malformed import kind 0x" + Integer.toHexString(kind), kindOffset);
            }
        }
        imports = result;
        importedFunctionTypes = functionTypes;
        importedTables = tables;
        importedMemories = memories;
        importedGlobals = globals;
    }

    /** Function section (id 3, spec 5.5.6): the type index of each defined function. */
    private void readFunctionSection() {
        int count = readCount("function");
        int[] result = new int[count];
        for (int i = 0; i < count; i++) {
            result[i] = readIndex();
        }
        definedFunctionTypes = result;
    }

    /** Table section (id 4, spec 5.5.7). */
    private void readTableSection() {
        int count = readCount("table");
        TableType[] result = new TableType[count];
        for (int i = 0; i < count; i++) {
            result[i] = readTableType();
        }
        definedTables = result;
    }

    /** Memory section (id 5, spec 5.5.8). */
    private void readMemorySection() {
        int count = readCount("memory");
        MemoryType[] result = new MemoryType[count];
        for (int i = 0; i < count; i++) {
            result[i] = new MemoryType(readLimits());
        }
        definedMemories = result;
    }

    /** Global section (id 6, spec 5.5.9): a global type and its initializer expression. */
    private void readGlobalSection() {
        int count = readCount("global");
        GlobalType[] result = new GlobalType[count];
        ConstExpr[] inits = new ConstExpr[count];
        for (int i = 0; i < count; i++) {
            result[i] = readGlobalType();
            inits[i] = readConstExpr();
        }
        definedGlobals = result;
        globalInits = inits;
    }

    /** Export section (id 7, spec 5.5.10). */
    private void readExportSection() {
        int count = readCount("export");
        Export[] result = new Export[count];
        for (int i = 0; i < count; i++) {
            String name = in.readName();
            int kindOffset = in.position();
            int kind = in.readU8();
            if (kind > ExternalKind.GLOBAL) {
                throw in.error("malformed export kind 0x" + Integer.toHexString(kind), kindOffset);
            }
            result[i] = new Export(name, kind, readIndex());
        }
        exports = result;
    }

    /** Start section (id 8, spec 5.5.11). */
    private void readStartSection() {
        startFunction = readIndex();
    }

    /**
     * Element section (id 9, spec 5.5.12). The flags select one of 8 encodings: bit 0 passive or
     * declarative, bit 1 explicit table index (active) or declarative (otherwise), bit 2 items as
     * expressions rather than function indexes.
     */
    private void readElementSection() {
        int count = readCount("element segment");
        ElementSegment[] result = new ElementSegment[count];
        for (int i = 0; i < count; i++) {
            int flagsOffset = in.position();
            int flags = in.readVarU32();
            if (flags < 0 || flags > 7) {
                throw in.error("malformed elements segment kind " + (flags & 0xFFFFFFFFL), flagsOffset);
            }
            boolean passiveOrDeclarative = (flags & 1) != 0;
            boolean explicitTableOrDeclarative = (flags & 2) != 0;
            boolean expressions = (flags & 4) != 0;
            int mode;
            int tableIndex = 0;
            ConstExpr offset = null;
            if (passiveOrDeclarative) {
                mode = explicitTableOrDeclarative ? ElementSegment.DECLARATIVE : ElementSegment.PASSIVE;
            } else {
                mode = ElementSegment.ACTIVE;
                if (explicitTableOrDeclarative) {
                    tableIndex = readIndex();
                }
                offset = readConstExpr();
            }
            byte elementType = ValType.FUNCREF;
            if (passiveOrDeclarative || explicitTableOrDeclarative) {
                elementType = expressions ? readRefType() : readElemKind();
            }
            int itemCount = readCount("element");
            ConstExpr[] items = new ConstExpr[itemCount];
            for (int k = 0; k < itemCount; k++) {
                if (expressions) {
                    items[k] = readConstExpr();
                } else {
                    int at = in.position();
                    items[k] = ConstExpr.of(ConstExpr.REF_FUNC, readIndex(), at);
                }
            }
            result[i] = new ElementSegment(mode, elementType, tableIndex, offset, items);
        }
        elements = result;
    }

    /** The element kind byte of the function-index encodings: only 0x00 (funcref) exists. */
    private byte readElemKind() {
        int at = in.position();
        int kind = in.readU8();
        if (kind != 0) {
            throw in.error("malformed element kind 0x" + Integer.toHexString(kind), at);
        }
        return ValType.FUNCREF;
    }

    /** Data count section (id 12, spec 5.5.15). */
    private void readDataCountSection() {
        hasDataCount = true;
        dataCountValue = in.readVarU32() & 0xFFFFFFFFL;
    }

    /**
     * Code section (id 10, spec 5.5.13): per function its size, local declarations and
     * instructions. Only the locals are decoded; the instructions stay in place for the validator.
     */
    private void readCodeSection() {
        int count = readCount("function body");
        FunctionBody[] result = new FunctionBody[count];
        int sectionEnd = in.limit();
        for (int i = 0; i < count; i++) {
            int size = readSize("unexpected end of section or function", "function body size");
            int bodyEnd = in.position() + size;
            in.limit(bodyEnd);
            byte[] locals = readLocals(i);
            int codeStart = in.position();
            if (codeStart == bodyEnd || (in.bytes()[bodyEnd - 1] & 0xFF) != 0x0B) {
                throw in.error("END opcode expected at the end of function body " + i, bodyEnd);
            }
            result[i] = new FunctionBody(locals, codeStart, bodyEnd);
            in.limit(sectionEnd);
            in.position(bodyEnd);
        }
        bodies = result;
    }

    /** Local declarations of one body: runs of (count, type), expanded to one type per local. */
    private byte[] readLocals(int bodyIndex) {
        int at = in.position();
        int runs = readCount("local declaration");
        if (runs == 0) {
            return NO_BYTES;
        }
        int[] counts = new int[runs];
        byte[] runTypes = new byte[runs];
        long total = 0;
        for (int r = 0; r < runs; r++) {
            long n = in.readVarU32() & 0xFFFFFFFFL;
            total += n;
            if (total > MAX_LOCALS) {
                throw in.error("too many locals: function body " + bodyIndex + " declares more than "
                        + MAX_LOCALS, at);
            }
            counts[r] = (int) n;
            runTypes[r] = readValType();
        }
        totalLocals += total;
        if (totalLocals > MAX_TOTAL_LOCALS) {
            throw in.error("too many locals: the module declares more than " + MAX_TOTAL_LOCALS + " in all", at);
        }
        byte[] locals = new byte[(int) total];
        int k = 0;
        for (int r = 0; r < runs; r++) {
            for (int c = 0; c < counts[r]; c++) {
                locals[k++] = runTypes[r];
            }
        }
        return locals;
    }

    /** Data section (id 11, spec 5.5.14): flags 0 (active, memory 0), 1 (passive), 2 (active, explicit memory). */
    private void readDataSection() {
        int count = readCount("data segment");
        DataSegment[] result = new DataSegment[count];
        for (int i = 0; i < count; i++) {
            int flagsOffset = in.position();
            int flags = in.readVarU32();
            int memoryIndex = 0;
            ConstExpr offset = null;
            int mode = DataSegment.ACTIVE;
            switch (flags) {
                case 0:
                    offset = readConstExpr();
                    break;
                case 1:
                    mode = DataSegment.PASSIVE;
                    break;
                case 2:
                    memoryIndex = readIndex();
                    offset = readConstExpr();
                    break;
                default:
                    throw in.error("malformed data segment kind " + (flags & 0xFFFFFFFFL), flagsOffset);
            }
            int length = readSize("unexpected end of section or function", "data segment length");
            result[i] = new DataSegment(mode, memoryIndex, offset, in.readBytes(length));
        }
        data = result;
    }

    /**
     * The name section (custom, spec 7.4.1), read leniently after all other sections so the function
     * count is known: only the module name and function names are kept, and a broken section is
     * ignored as a whole, never an error (it does not affect execution).
     */
    private String readNameSection(String[] functionNames) {
        if (nameSectionOffset < 0) {
            return null;
        }
        ByteReader r = new ByteReader(in.bytes(), nameSectionOffset, nameSectionOffset + nameSectionLength);
        r.section("name");
        String moduleName = null;
        String[] names = new String[functionNames.length];
        try {
            int end = nameSectionOffset + nameSectionLength;
            while (r.position() < end) {
                int id = r.readU8();
                long size = r.readVarU32() & 0xFFFFFFFFL;
                if (size > r.remaining()) {
                    return null;
                }
                int subEnd = r.position() + (int) size;
                r.limit(subEnd);
                if (id == 0) {
                    moduleName = r.readName();
                } else if (id == 1) {
                    long count = r.readVarU32() & 0xFFFFFFFFL;
                    for (long k = 0; k < count; k++) {
                        long index = r.readVarU32() & 0xFFFFFFFFL;
                        String name = r.readName();
                        if (index < names.length) {
                            names[(int) index] = name;
                        }
                    }
                }
                r.position(subEnd);
                r.limit(end);
            }
        } catch (MalformedModuleException ignored) {
            return null;
        }
        System.arraycopy(names, 0, functionNames, 0, names.length);
        return moduleName;
    }

    // ---- types ----------------------------------------------------------------------------------

    /** A value type byte (spec 5.3.1). */
    private byte readValType() {
        int at = in.position();
        int b = in.readU8();
        if (!ValType.isValid(b)) {
            throw in.error("malformed value type 0x" + Integer.toHexString(b), at);
        }
        return (byte) b;
    }

    /** A reference type byte (spec 5.3.2): funcref or externref. */
    private byte readRefType() {
        int at = in.position();
        int b = in.readU8();
        if (!ValType.isReference(b)) {
            throw in.error("malformed reference type 0x" + Integer.toHexString(b), at);
        }
        return (byte) b;
    }

    /** Limits (spec 5.3.4): flag 0x00 then min, or 0x01 then min and max, all u32. */
    private Limits readLimits() {
        int at = in.position();
        int flag = in.readU8();
        if (flag > 1) {
            // Spec texts: the flag is read as a LEB128 that may only hold 0 or 1.
            throw in.error((flag >= 0x80 ? "integer representation too long" : "integer too large")
                    + ": malformed limits flags 0x" + Integer.toHexString(flag)
                    + (flag == 2 || flag == 3 ? " (shared memories are not supported)" : ""), at);
        }
        long min = in.readVarU32() & 0xFFFFFFFFL;
        long max = flag == 1 ? in.readVarU32() & 0xFFFFFFFFL : -1;
        return new Limits(min, max);
    }

    private TableType readTableType() {
        byte elementType = readRefType();
        return new TableType(elementType, readLimits());
    }

    private GlobalType readGlobalType() {
        byte type = readValType();
        int at = in.position();
        int mutability = in.readU8();
        if (mutability > 1) {
            throw in.error("malformed mutability 0x" + Integer.toHexString(mutability), at);
        }
        return new GlobalType(type, mutability == 1);
    }

    // ---- constant expressions ---------------------------------------------------------------------

    /**
     * A constant expression up to its {@code end} (spec 3.3.10). Opcodes that exist but are not
     * constant make the module invalid (the spec's assert_invalid); bytes that are no opcode at
     * all make it malformed.
     */
    private ConstExpr readConstExpr() {
        int start = in.position();
        int n = 0;
        while (true) {
            int at = in.position();
            int opcode = in.readU8();
            if (opcode == 0x0B) {
                break;
            }
            long immediate;
            switch (opcode) {
                case ConstExpr.I32_CONST:
                    immediate = in.readVarS32();
                    break;
                case ConstExpr.I64_CONST:
                    immediate = in.readVarS64();
                    break;
                case ConstExpr.F32_CONST:
                    immediate = in.readF32Bits() & 0xFFFFFFFFL;
                    break;
                case ConstExpr.F64_CONST:
                    immediate = in.readF64Bits();
                    break;
                case ConstExpr.GLOBAL_GET:
                    immediate = readIndex();
                    break;
                case ConstExpr.REF_NULL:
                    immediate = readRefType();
                    break;
                case ConstExpr.REF_FUNC:
                    immediate = readIndex();
                    break;
                case 0xFD: {
                    int sub = in.readVarU32();
                    if (sub != 12) {
                        throw new InvalidModuleException("constant expression required", -1, at);
                    }
                    n = addExprEntry(n, ConstExpr.V128_CONST, readLittleEndianLong());
                    opcode = ConstExpr.V128_CONST_HIGH;
                    immediate = readLittleEndianLong();
                    break;
                }
                default:
                    if (!isOpcode(opcode)) {
                        throw in.error("illegal opcode 0x" + Integer.toHexString(opcode), at);
                    }
                    throw new InvalidModuleException("constant expression required", -1, at);
            }
            n = addExprEntry(n, opcode, immediate);
        }
        int[] opcodes = new int[n];
        long[] immediates = new long[n];
        System.arraycopy(exprOpcodes, 0, opcodes, 0, n);
        System.arraycopy(exprImmediates, 0, immediates, 0, n);
        return new ConstExpr(opcodes, immediates, start);
    }

    private int addExprEntry(int n, int opcode, long immediate) {
        if (n == exprOpcodes.length) {
            int[] o = new int[n * 2];
            long[] m = new long[n * 2];
            System.arraycopy(exprOpcodes, 0, o, 0, n);
            System.arraycopy(exprImmediates, 0, m, 0, n);
            exprOpcodes = o;
            exprImmediates = m;
        }
        exprOpcodes[n] = opcode;
        exprImmediates[n] = immediate;
        return n + 1;
    }

    private long readLittleEndianLong() {
        return in.readF64Bits();
    }

    /** Whether a byte starts an instruction of WebAssembly 2.0 (single-byte opcodes and the 0xFC/0xFD prefixes). */
    static boolean isOpcode(int b) {
        return b <= 0x05 || (b >= 0x0B && b <= 0x11) || (b >= 0x1A && b <= 0x1C) || (b >= 0x20 && b <= 0x26)
                || (b >= 0x28 && b <= 0xC4) || (b >= 0xD0 && b <= 0xD2) || b == 0xFC || b == 0xFD;
    }

    // ---- counts and indexes -----------------------------------------------------------------------

    /**
     * A vector length. Every element takes at least one byte, so a count beyond the bytes left in
     * the section is malformed; checking it first keeps a forged count from allocating.
     */
    private int readCount(String what) {
        int at = in.position();
        long count = in.readVarU32() & 0xFFFFFFFFL;
        if (count > in.remaining()) {
            throw in.error("unexpected end of section or function: " + count + " " + what
                    + " entries declared, only " + in.remaining() + " bytes left", at);
        }
        return (int) count;
    }

    /** A byte length (section, body, data): must fit in the bytes left; the spec's text depends on which. */
    private int readSize(String message, String what) {
        int at = in.position();
        long size = in.readVarU32() & 0xFFFFFFFFL;
        if (size > in.remaining()) {
            throw in.error(message + ": " + what + " " + size + " exceeds the " + in.remaining()
                    + " bytes left", at);
        }
        return (int) size;
    }

    /**
     * An index into an index space. Values of 2^31 and above cannot be valid in any module we can
     * hold, but they are well-formed, so they are kept as Integer.MAX_VALUE for the validator to
     * reject as out of range.
     */
    private int readIndex() {
        int v = in.readVarU32();
        return v < 0 ? Integer.MAX_VALUE : v;
    }
}
