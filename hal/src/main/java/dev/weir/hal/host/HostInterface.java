package dev.weir.hal.host;

import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Memory;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.Import;
import dev.weir.core.module.LinkException;
import dev.weir.core.module.Module;
import dev.weir.core.module.TrapException;
import dev.weir.core.module.ValType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One host interface as a table: the import module name ({@code weir:gpio}) and, per function, its
 * name, its core wasm type and an int id, the function's row number. WASI, GPIO and camera are each
 * one such table plus a {@link HostDispatcher} that switches on the id; a new interface needs
 * nothing else to be linked.
 * <p>
 * The table is public and immutable so that tools and tests can read it (names and types), for
 * example to check it against the interface's WIT file and C header.
 * <p>
 * Linking: {@link #define(Linker, Module, HostDispatcher)} defines exactly the functions a module
 * imports from this interface, and refuses an import the interface does not have, or one whose type
 * differs from the table's, with a one-line {@link LinkException} naming the import and both types
 * (spec 4.5.2: an imported function's type must match the provided one).
 *
 * @see <a href="https://webassembly.github.io/spec/core/exec/modules.html#import-subtyping">spec
 * 4.5.2, import matching</a>
 */
public final class HostInterface {
    /** One row: what a module imports by {@link #name()}, with {@link #type()}, dispatched as {@link #id()}. */
    public static final class Entry {
        private final int id;
        private final String name;
        private final FuncType type;

        Entry(int id, String name, FuncType type) {
            this.id = id;
            this.name = name;
            this.type = type;
        }

        /** The row number, and the label the dispatcher switches on. */
        public int id() {
            return id;
        }

        /** The import's field name, as the WIT file and the C header spell it. */
        public String name() {
            return name;
        }

        /** The core wasm type a module must import it with. */
        public FuncType type() {
            return type;
        }

        @Override
        public String toString() {
            return name + ": " + type;
        }
    }

    private final String module;
    private final Entry[] entries;
    private final Map<String, Entry> byName;

    private HostInterface(String module, Entry[] entries, Map<String, Entry> byName) {
        this.module = module;
        this.entries = entries;
        this.byName = byName;
    }

    /** Starts the table of the interface imported as {@code module}. */
    public static Builder builder(String module) {
        return new Builder(module);
    }

    /** The import module name, for example {@code weir:gpio}. */
    public String module() {
        return module;
    }

    /** How many functions the interface has; ids are 0 to size() - 1. */
    public int size() {
        return entries.length;
    }

    /** The row of function {@code id}. */
    public Entry entry(int id) {
        return entries[id];
    }

    /** The name of function {@code id} (for messages: never on the hot path's success side). */
    public String name(int id) {
        return entries[id].name;
    }

    /** The core wasm type of function {@code id}. */
    public FuncType type(int id) {
        return entries[id].type;
    }

    /** The id of the function named {@code name}, or -1 when the interface has none. */
    public int id(String name) {
        Entry e = byName.get(name);
        return e == null ? -1 : e.id;
    }

    /** Whether the interface has a function named {@code name}. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** Every row, in id order. */
    public List<Entry> entries() {
        List<Entry> list = new ArrayList<Entry>(entries.length);
        Collections.addAll(list, entries);
        return Collections.unmodifiableList(list);
    }

    /** Defines every function of the interface in the linker, each dispatched to {@code dispatcher}. */
    public void defineAll(Linker linker, HostDispatcher dispatcher) {
        for (Entry e : entries) {
            linker.define(module, e.name, e.type, new HostCall(dispatcher, e.id));
        }
    }

    /**
     * Defines the functions {@code imports} imports from this interface, each dispatched to {@code
     * dispatcher}; imports from other modules are left to the linker's other definitions.
     *
     * @return how many functions were defined
     * @throws LinkException when the module imports a name the interface does not have, something
     *     other than a function, or a function with another type than the table's
     */
    public int define(Linker linker, Module imports, HostDispatcher dispatcher) {
        boolean[] defined = new boolean[entries.length];
        int count = 0;
        for (int i = 0; i < imports.importCount(); i++) {
            Import imp = imports.importAt(i);
            if (!module.equals(imp.module())) {
                continue;
            }
            Entry e = byName.get(imp.name());
            if (e == null) {
                throw new LinkException(LinkException.Kind.UNKNOWN_IMPORT, module, imp.name(),
                        "unknown import " + module + "." + imp.name() + ": " + module + " has no function of that name");
            }
            if (imp.kind() != ExternalKind.FUNCTION) {
                throw new LinkException(LinkException.Kind.INCOMPATIBLE_IMPORT, module, imp.name(),
                        "incompatible import type for " + module + "." + imp.name() + ": "
                        + module + " provides a function " + e.type + ", the module imports a "
                        + ExternalKind.name(imp.kind()));
            }
            FuncType wanted = imports.type(imp.typeIndex());
            if (!e.type.equals(wanted)) {
                throw new LinkException(LinkException.Kind.INCOMPATIBLE_IMPORT, module, imp.name(),
                        "incompatible import type for " + module + "." + imp.name() + ": "
                        + module + " provides " + e.type + ", the module imports " + wanted);
            }
            if (!defined[e.id]) {
                defined[e.id] = true;
                linker.define(module, e.name, e.type, new HostCall(dispatcher, e.id));
                count++;
            }
        }
        return count;
    }

    /**
     * The caller's memory, for function {@code id}, which reads or writes it; traps when the module
     * has no memory (a host function cannot follow a pointer into nothing).
     */
    public Memory memory(Instance caller, int id) {
        Memory m = caller.memory();
        if (m == null) {
            throw noMemory(id);
        }
        return m;
    }

    /** The trap of a function that needs memory called by a module without one. */
    public TrapException noMemory(int id) {
        return new TrapException(module + " " + entries[id].name + " needs the module's memory, and the module has none");
    }

    /**
     * A core wasm function type from letters, one per value: {@code i} i32, {@code I} i64, {@code
     * f} f32, {@code F} f64. {@code type("iI", "i")} is (i32, i64) -> (i32).
     */
    public static FuncType type(String params, String results) {
        return new FuncType(valTypes(params), valTypes(results));
    }

    private static byte[] valTypes(String letters) {
        byte[] types = new byte[letters.length()];
        for (int i = 0; i < types.length; i++) {
            char c = letters.charAt(i);
            switch (c) {
                case 'i':
                    types[i] = ValType.I32;
                    break;
                case 'I':
                    types[i] = ValType.I64;
                    break;
                case 'f':
                    types[i] = ValType.F32;
                    break;
                case 'F':
                    types[i] = ValType.F64;
                    break;
                default:
                    throw new IllegalArgumentException("value type letter '" + c + "' in \"" + letters
                            + "\": expected i (i32), I (i64), f (f32) or F (f64)");
            }
        }
        return types;
    }

    /** Collects the rows of one interface; {@link #build()} checks that ids and names are each used once. */
    public static final class Builder {
        private final String module;
        private final List<Entry> rows = new ArrayList<Entry>();

        Builder(String module) {
            if (module == null || module.isEmpty()) {
                throw new IllegalArgumentException("a host interface needs an import module name");
            }
            this.module = module;
        }

        /**
         * Adds function {@code name} with id {@code id} and the type {@link HostInterface#type(String,
         * String) type(params, results)}.
         */
        public Builder function(int id, String name, String params, String results) {
            return function(id, name, type(params, results));
        }

        /** Adds function {@code name} with id {@code id} and type {@code type}. */
        public Builder function(int id, String name, FuncType type) {
            rows.add(new Entry(id, name, type));
            return this;
        }

        /**
         * The table.
         *
         * @throws IllegalArgumentException when ids are not exactly 0 to n - 1, or a name repeats
         */
        public HostInterface build() {
            Entry[] entries = new Entry[rows.size()];
            Map<String, Entry> byName = new HashMap<String, Entry>();
            for (Entry e : rows) {
                if (e.id < 0 || e.id >= entries.length) {
                    throw new IllegalArgumentException(module + " " + e.name + ": id " + e.id + " is outside 0.."
                            + (entries.length - 1) + " (ids are row numbers)");
                }
                if (entries[e.id] != null) {
                    throw new IllegalArgumentException(module + " " + e.name + ": id " + e.id + " is already "
                            + entries[e.id].name);
                }
                if (byName.put(e.name, e) != null) {
                    throw new IllegalArgumentException(module + ": function " + e.name + " appears twice");
                }
                entries[e.id] = e;
            }
            return new HostInterface(module, entries, byName);
        }
    }
}
