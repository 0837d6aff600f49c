package dev.weir.core.module;

/**
 * A decoded WebAssembly module (spec 2.5): every section, in the index spaces of the spec
 * (imports first). Immutable and shareable between threads; produced by
 * {@code dev.weir.core.internal.binary.ModuleDecoder}, checked and compiled by
 * {@code dev.weir.core.internal.validate.ModuleValidator}.
 */
public final class Module {
    private final byte[] bytes;
    private final FuncType[] types;
    private final Import[] imports;
    private final int[] functionTypes;
    private final int importedFunctionCount;
    private final TableType[] tables;
    private final int importedTableCount;
    private final MemoryType[] memories;
    private final int importedMemoryCount;
    private final GlobalType[] globals;
    private final int importedGlobalCount;
    private final ConstExpr[] globalInits;
    private final Export[] exports;
    private final int startFunction;
    private final ElementSegment[] elements;
    private final DataSegment[] data;
    private final int dataCount;
    private final FunctionBody[] bodies;
    private final CustomSection[] customSections;
    private final String moduleName;
    private final String[] functionNames;

    /**
     * Arrays are taken as they are (the decoder hands over fresh ones). Index spaces include
     * imports first: {@code functionTypes}, {@code tables}, {@code memories} and {@code globals}
     * start with the imported entries; {@code globalInits} and {@code bodies} cover defined ones only.
     *
     * @param dataCount     the data count section's value, or -1 when absent
     * @param startFunction the start function's index, or -1 when absent
     * @param functionNames from the name section, by function index, entries null when unnamed
     */
    public Module(byte[] bytes, FuncType[] types, Import[] imports, int[] functionTypes, int importedFunctionCount,
            TableType[] tables, int importedTableCount, MemoryType[] memories, int importedMemoryCount,
            GlobalType[] globals, int importedGlobalCount, ConstExpr[] globalInits, Export[] exports,
            int startFunction, ElementSegment[] elements, DataSegment[] data, int dataCount, FunctionBody[] bodies,
            CustomSection[] customSections, String moduleName, String[] functionNames) {
        this.bytes = bytes;
        this.types = types;
        this.imports = imports;
        this.functionTypes = functionTypes;
        this.importedFunctionCount = importedFunctionCount;
        this.tables = tables;
        this.importedTableCount = importedTableCount;
        this.memories = memories;
        this.importedMemoryCount = importedMemoryCount;
        this.globals = globals;
        this.importedGlobalCount = importedGlobalCount;
        this.globalInits = globalInits;
        this.exports = exports;
        this.startFunction = startFunction;
        this.elements = elements;
        this.data = data;
        this.dataCount = dataCount;
        this.bodies = bodies;
        this.customSections = customSections;
        this.moduleName = moduleName;
        this.functionNames = functionNames;
    }

    /** The module binary; shared, never modify it. */
    public byte[] bytes() {
        return bytes;
    }

    public int typeCount() {
        return types.length;
    }

    public FuncType type(int typeIndex) {
        return types[typeIndex];
    }

    public int importCount() {
        return imports.length;
    }

    public Import importAt(int i) {
        return imports[i];
    }

    /** Functions in the function index space: imported plus defined. */
    public int functionCount() {
        return functionTypes.length;
    }

    public int importedFunctionCount() {
        return importedFunctionCount;
    }

    /** Type index of a function in the function index space. */
    public int functionTypeIndex(int functionIndex) {
        return functionTypes[functionIndex];
    }

    public FuncType functionType(int functionIndex) {
        return types[functionTypes[functionIndex]];
    }

    public int tableCount() {
        return tables.length;
    }

    public int importedTableCount() {
        return importedTableCount;
    }

    public TableType table(int tableIndex) {
        return tables[tableIndex];
    }

    public int memoryCount() {
        return memories.length;
    }

    public int importedMemoryCount() {
        return importedMemoryCount;
    }

    public MemoryType memory(int memoryIndex) {
        return memories[memoryIndex];
    }

    public int globalCount() {
        return globals.length;
    }

    public int importedGlobalCount() {
        return importedGlobalCount;
    }

    public GlobalType global(int globalIndex) {
        return globals[globalIndex];
    }

    /** Initializer of a defined global, by global index (imports excluded from the count are not valid here). */
    public ConstExpr globalInit(int globalIndex) {
        return globalInits[globalIndex - importedGlobalCount];
    }

    public int exportCount() {
        return exports.length;
    }

    public Export export(int i) {
        return exports[i];
    }

    /** The start function's index, or -1. */
    public int startFunction() {
        return startFunction;
    }

    public int elementCount() {
        return elements.length;
    }

    public ElementSegment element(int i) {
        return elements[i];
    }

    public int dataSegmentCount() {
        return data.length;
    }

    public DataSegment dataSegment(int i) {
        return data[i];
    }

    /** The data count section's value, or -1 when the module has none. */
    public int dataCount() {
        return dataCount;
    }

    /** Body of a defined function, by its index among defined functions (function index minus imports). */
    public FunctionBody body(int definedIndex) {
        return bodies[definedIndex];
    }

    public int customSectionCount() {
        return customSections.length;
    }

    public CustomSection customSection(int i) {
        return customSections[i];
    }

    /** The module's name from the name section, or null. */
    public String moduleName() {
        return moduleName;
    }

    /** A function's name from the name section, or null. */
    public String functionName(int functionIndex) {
        return functionIndex >= 0 && functionIndex < functionNames.length ? functionNames[functionIndex] : null;
    }

    /** "name" when the name section has one, else "func[index]": for error messages and backtraces. */
    public String describeFunction(int functionIndex) {
        String name = functionName(functionIndex);
        return name != null ? name + "[" + functionIndex + "]" : "func[" + functionIndex + "]";
    }
}
