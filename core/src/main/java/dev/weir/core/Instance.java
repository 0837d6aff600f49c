package dev.weir.core;

import dev.weir.core.module.LinkException;
import dev.weir.core.CompiledModule;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.Module;

import java.util.HashMap;

/**
 * A module instance (<a href="https://webassembly.github.io/spec/core/exec/runtime.html#module-instances">spec 4.2.5</a>): its memory, tables, globals and functions, created by a {@link Linker}.
 * The interpreter reads the package-private fields directly; they are set once at instantiation,
 * except the segments, which {@code elem.drop} and {@code data.drop} replace with empty ones.
 */
public final class Instance {
    /** The memory used when a module has none, so the interpreter never tests for null. */
    static final Memory NO_MEMORY = new Memory(0, 0);
    static final long[] DROPPED_ELEMENTS = new long[0];
    static final byte[] DROPPED_DATA = new byte[0];

    private final CompiledModule compiled;
    private final Module module;
    private final Store store;
    final int[] code;

    /** The function index space, imports first; imported entries are the providers' functions. */
    final Function[] functions;
    /** Canonical store type id per type index of the module, for call_indirect. */
    final int[] typeIds;
    /** Memory 0, or {@link #NO_MEMORY}. */
    final Memory memory;
    final Memory[] memories;
    final Table[] tables;
    final Global[] globals;
    /** Element segments as resolved references; dropped ones are empty. */
    final long[][] elements;
    /** Data segments; dropped ones are empty. */
    final byte[][] data;
    /** Export name to Function, Memory, Table or Global. */
    private final HashMap<String, Object> exports;

    Instance(CompiledModule compiled, Store store, Function[] functions, int[] typeIds, Memory[] memories,
            Table[] tables, Global[] globals, long[][] elements, byte[][] data, HashMap<String, Object> exports) {
        this.compiled = compiled;
        this.module = compiled.module();
        this.store = store;
        this.code = compiled.code();
        this.functions = functions;
        this.typeIds = typeIds;
        this.memories = memories;
        this.memory = memories.length > 0 ? memories[0] : NO_MEMORY;
        this.tables = tables;
        this.globals = globals;
        this.elements = elements;
        this.data = data;
        this.exports = exports;
    }

    public CompiledModule compiledModule() {
        return compiled;
    }

    public Module module() {
        return module;
    }

    public Store store() {
        return store;
    }

    /** The exported function of that name; throws LinkException naming it when there is none. */
    public Function function(String exportName) {
        return (Function) export(exportName, ExternalKind.FUNCTION);
    }

    /** The exported memory of that name; throws LinkException when there is none. */
    public Memory memory(String exportName) {
        return (Memory) export(exportName, ExternalKind.MEMORY);
    }

    /** The instance's memory (memory index 0, defined or imported), or null when it has none. */
    public Memory memory() {
        return memories.length > 0 ? memories[0] : null;
    }

    public Global global(String exportName) {
        return (Global) export(exportName, ExternalKind.GLOBAL);
    }

    public Table table(String exportName) {
        return (Table) export(exportName, ExternalKind.TABLE);
    }

    /** True when the module exports something of that name (any kind). */
    public boolean hasExport(String exportName) {
        return exports.containsKey(exportName);
    }

    /** The exported value of that name (a Function, Memory, Table or Global), or null. */
    Object exportValue(String exportName) {
        return exports.get(exportName);
    }

    Iterable<String> exportNames() {
        return exports.keySet();
    }

    private Object export(String name, int kind) {
        Object value = exports.get(name);
        if (value == null) {
            throw new LinkException(LinkException.Kind.UNKNOWN_EXPORT, null, name, "unknown export " + name + " in " + describe());
        }
        if (kindOf(value) != kind) {
            throw new LinkException(LinkException.Kind.INCOMPATIBLE_EXPORT, null, name,
                    "export " + name + " of " + describe() + " is not a " + ExternalKind.name(kind));
        }
        return value;
    }

    static int kindOf(Object external) {
        if (external instanceof Function) {
            return ExternalKind.FUNCTION;
        }
        if (external instanceof Table) {
            return ExternalKind.TABLE;
        }
        if (external instanceof Memory) {
            return ExternalKind.MEMORY;
        }
        return ExternalKind.GLOBAL;
    }

    private String describe() {
        String name = module.moduleName();
        return name != null ? "module " + name : "module";
    }

    @Override
    public String toString() {
        return "instance of " + describe();
    }
}
