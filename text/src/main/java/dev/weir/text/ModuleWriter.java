package dev.weir.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.TreeMap;

/**
 * Writes the binary module (spec 5.5) for the fields of one text module (spec 6.6).
 * <p>
 * Three passes over the fields, because text refers forward: first the explicit type
 * definitions; then every other field is given its index (imports first, as the binary format
 * numbers them) and the sections that need no other index (imports, tables, memories, functions)
 * are written; last, what refers to indices (bodies, global initialisers, exports, start,
 * element and data segments) is written with every identifier known. Inline type uses that match
 * no type get a new type at the end of the type section, in the order they appear (spec 6.6.3).
 * Identifiers go to a name section (module, function and local names).
 */
final class ModuleWriter {
    static final byte I32 = 0x7F;
    static final byte I64 = 0x7E;
    static final byte F32 = 0x7D;
    static final byte F64 = 0x7C;
    static final byte V128 = 0x7B;
    static final byte FUNCREF = 0x70;
    static final byte EXTERNREF = 0x6F;

    private static final int KIND_FUNC = 0;
    private static final int KIND_TABLE = 1;
    private static final int KIND_MEMORY = 2;
    private static final int KIND_GLOBAL = 3;

    /** One index space: ids to indices, and the names for the name section. */
    private static final class Space {
        final String what;
        final HashMap<String, Integer> ids = new HashMap<>();
        int count;

        Space(String what) {
            this.what = what;
        }

        int define(Node id) {
            if (id != null) {
                if (ids.put(id.text, count) != null) {
                    throw id.error("duplicate " + what + " " + id.text);
                }
            }
            return count++;
        }
    }

    /** A function type: parameter and result value types. */
    private static final class FuncType {
        final byte[] params;
        final byte[] results;

        FuncType(byte[] params, byte[] results) {
            this.params = params;
            this.results = results;
        }

        boolean matches(byte[] p, byte[] r) {
            return Arrays.equals(params, p) && Arrays.equals(results, r);
        }
    }

    /** A type use as written: (type x)? (param ...)* (result ...)*, and where it ended. */
    private static final class TypeUse {
        Node typeRef;
        final Sink params = new Sink(8);
        final Sink results = new Sink(4);
        final ArrayList<Node> paramIds = new ArrayList<>();
        boolean inline;
        int next;
    }

    /** A function defined here (not imported): where its body starts. */
    private static final class FuncDef {
        final Node node;
        final int index;
        final int typeIndex;
        final int bodyStart;
        final ArrayList<Node> paramIds;

        FuncDef(Node node, int index, int typeIndex, int bodyStart, ArrayList<Node> paramIds) {
            this.node = node;
            this.index = index;
            this.typeIndex = typeIndex;
            this.bodyStart = bodyStart;
            this.paramIds = paramIds;
        }
    }

    /** A field whose content is written in the last pass, from items[start]. */
    private static final class Deferred {
        final Node node;
        final int start;
        final int index;
        final byte type;

        Deferred(Node node, int start, int index, byte type) {
            this.node = node;
            this.start = start;
            this.index = index;
            this.type = type;
        }
    }

    private static final class ExportRec {
        final Node name;
        final int kind;
        final int index;
        final Node ref;

        ExportRec(Node name, int kind, int index, Node ref) {
            this.name = name;
            this.kind = kind;
            this.index = index;
            this.ref = ref;
        }
    }

    private final Node[] fields;
    private final Node moduleId;

    private final ArrayList<FuncType> types = new ArrayList<>();
    private final HashMap<String, Integer> typeIds = new HashMap<>();
    private final Space funcs = new Space("function");
    private final Space tables = new Space("table");
    private final Space memories = new Space("memory");
    private final Space globals = new Space("global");
    private final Space elems = new Space("elem segment");
    private final Space datas = new Space("data segment");
    /** Type index of each function, imported or defined, by function index. */
    private int[] funcTypes = new int[16];
    private final TreeMap<Integer, byte[]> funcNames = new TreeMap<>();
    private final TreeMap<Integer, TreeMap<Integer, byte[]>> localNames = new TreeMap<>();

    private final Sink importSec = new Sink(64);
    private int importCount;
    private final Sink funcSec = new Sink(64);
    private final Sink tableSec = new Sink(16);
    private int tableCount;
    private final Sink memorySec = new Sink(16);
    private int memoryCount;
    private final ArrayList<FuncDef> funcDefs = new ArrayList<>();
    private final ArrayList<Deferred> globalDefs = new ArrayList<>();
    private final ArrayList<Deferred> elemDefs = new ArrayList<>();
    private final ArrayList<Deferred> dataDefs = new ArrayList<>();
    private final ArrayList<ExportRec> exports = new ArrayList<>();
    private Node start;
    private boolean defined;
    private boolean usesDataCount;

    // State of the function (or constant expression) being written.
    private Sink out;
    private HashMap<String, Integer> localIds;
    private int localCount;
    private byte[] localTypes;
    private final ArrayList<String> labels = new ArrayList<>();
    private final ArrayList<Sink> scratch = new ArrayList<>();
    private int foldDepth;

    private ModuleWriter(Node moduleId, Node[] fields) {
        this.moduleId = moduleId;
        this.fields = fields;
    }

    /**
     * The binary of a module whose fields are items[from..] of a list (the items after
     * {@code module} and its optional id).
     */
    static byte[] write(Node moduleId, Node[] fields) {
        return new ModuleWriter(moduleId, fields).write();
    }

    private byte[] write() {
        for (Node field : fields) {
            if (!field.isList() || field.head() == null) {
                throw field.error("unexpected " + field.describe() + ": expected a module field such as (func ...)");
            }
            if (field.isList("type")) {
                typeField(field);
            }
        }
        for (Node field : fields) {
            String head = field.head();
            switch (head) {
                case "type":
                    break;
                case "import":
                    importField(field);
                    break;
                case "func":
                    funcField(field);
                    break;
                case "table":
                    tableField(field);
                    break;
                case "memory":
                    memoryField(field);
                    break;
                case "global":
                    globalField(field);
                    break;
                case "export":
                    exportField(field);
                    break;
                case "start":
                    if (start != null) {
                        throw field.error("multiple start sections: a module has at most one (start ...)");
                    }
                    expectLength(field, 2, "(start funcidx)");
                    start = field.items[1];
                    break;
                case "elem":
                    elemField(field);
                    break;
                case "data":
                    dataField(field);
                    break;
                default:
                    throw field.items[0].error("unknown module field \"" + head
                            + "\": expected type, import, func, table, memory, global, export, start, elem or data");
            }
        }
        return assemble();
    }

    // ---------------------------------------------------------------- pass 1 and 2: the fields

    private void typeField(Node field) {
        Node[] it = field.items;
        int i = 1;
        Node id = null;
        if (i < it.length && it[i].isId()) {
            id = it[i++];
        }
        if (i != it.length - 1 || !it[i].isList("func")) {
            throw (i < it.length ? it[i] : field).error("malformed type definition: expected (type $id? (func (param ...)* (result ...)*))");
        }
        Node func = it[i];
        TypeUse use = new TypeUse();
        int j = paramsAndResults(func.items, 1, use);
        if (j != func.items.length) {
            throw func.items[j].error("unexpected " + func.items[j].describe() + ": expected (param ...) or (result ...)");
        }
        if (id != null && typeIds.put(id.text, types.size()) != null) {
            throw id.error("duplicate type " + id.text);
        }
        types.add(new FuncType(use.params.toArray(), use.results.toArray()));
    }

    /** (param ...)* (result ...)* from items[i]; returns the index after them. */
    private int paramsAndResults(Node[] it, int i, TypeUse use) {
        while (i < it.length && it[i].isList("param")) {
            Node[] p = it[i].items;
            use.inline = true;
            if (p.length > 1 && p[1].isId()) {
                if (p.length != 3) {
                    throw p[1].error("a named parameter has exactly one type: expected (param " + p[1].text + " valtype)");
                }
                use.paramIds.add(p[1]);
                use.params.byte1(valType(p[2]));
            } else {
                for (int k = 1; k < p.length; k++) {
                    use.paramIds.add(null);
                    use.params.byte1(valType(p[k]));
                }
            }
            i++;
        }
        while (i < it.length && it[i].isList("result")) {
            Node[] r = it[i].items;
            use.inline = true;
            for (int k = 1; k < r.length; k++) {
                use.results.byte1(valType(r[k]));
            }
            i++;
        }
        return i;
    }

    /** A type use from items[i]: (type x)? then inline parameters and results. */
    private TypeUse typeUse(Node[] it, int i) {
        TypeUse use = new TypeUse();
        if (i < it.length && it[i].isList("type")) {
            Node t = it[i];
            expectLength(t, 2, "(type typeidx)");
            use.typeRef = t.items[1];
            i++;
        }
        use.next = paramsAndResults(it, i, use);
        return use;
    }

    /** The type index a type use stands for, adding a type when inline and new. */
    private int typeIndex(TypeUse use) {
        byte[] params = use.params.toArray();
        byte[] results = use.results.toArray();
        if (use.typeRef != null) {
            int index = resolveType(use.typeRef);
            if (use.inline && index >= types.size()) {
                // With an inline signature the type must exist to be compared (spec 6.6.3).
                throw use.typeRef.error("unknown type " + use.typeRef.text);
            }
            if (use.inline && !types.get(index).matches(params, results)) {
                throw use.typeRef.error("inline function type does not match the type " + use.typeRef.text);
            }
            return index;
        }
        for (int k = 0; k < types.size(); k++) {
            if (types.get(k).matches(params, results)) {
                return k;
            }
        }
        types.add(new FuncType(params, results));
        return types.size() - 1;
    }

    /** The parameter types of a type use: inline ones, or the referenced type's. */
    private byte[] paramTypes(TypeUse use, int typeIndex) {
        if (use.typeRef != null && !use.inline) {
            return typeIndex < types.size() ? types.get(typeIndex).params : new byte[0];
        }
        return use.params.toArray();
    }

    private void importField(Node field) {
        Node[] it = field.items;
        if (it.length != 4 || !it[1].isString() || !it[2].isString() || !it[3].isList()) {
            throw field.error("malformed import: expected (import \"module\" \"name\" (func|table|memory|global ...))");
        }
        Node desc = it[3];
        String kind = desc.head();
        if (kind == null) {
            throw desc.error("malformed import: expected (func ...), (table ...), (memory ...) or (global ...)");
        }
        Node[] d = desc.items;
        int i = 1;
        Node id = null;
        if (i < d.length && d[i].isId()) {
            id = d[i++];
        }
        switch (kind) {
            case "func": {
                TypeUse use = typeUse(d, i);
                if (use.next != d.length) {
                    throw d[use.next].error("unexpected " + d[use.next].describe() + " in an imported function: expected its type only");
                }
                importFunc(field, it[1], it[2], id, use);
                break;
            }
            case "table":
                importHeader(field, it[1], it[2], KIND_TABLE);
                tableType(d, i, importSec, true);
                defineName(tables, id);
                break;
            case "memory":
                importHeader(field, it[1], it[2], KIND_MEMORY);
                limits(d, i, d.length, importSec);
                defineName(memories, id);
                break;
            case "global":
                importHeader(field, it[1], it[2], KIND_GLOBAL);
                if (d.length - i != 1) {
                    throw desc.error("malformed imported global: expected (global $id? valtype) or (global $id? (mut valtype))");
                }
                globalType(d[i], importSec);
                defineName(globals, id);
                break;
            default:
                throw desc.items[0].error("unknown import kind \"" + kind + "\": expected func, table, memory or global");
        }
    }

    private void importHeader(Node at, Node module, Node name, int kind) {
        if (defined) {
            throw at.error("import after a function, table, memory or global definition: imports come first");
        }
        importSec.name(utf8Name(module));
        importSec.name(utf8Name(name));
        importSec.byte1(kind);
        importCount++;
    }

    private void importFunc(Node at, Node module, Node name, Node id, TypeUse use) {
        importHeader(at, module, name, KIND_FUNC);
        int type = typeIndex(use);
        importSec.u32(type);
        addFunc(id, type);
    }

    private int addFunc(Node id, int type) {
        int index = funcs.define(id);
        if (index == funcTypes.length) {
            funcTypes = Arrays.copyOf(funcTypes, index * 2);
        }
        funcTypes[index] = type;
        if (id != null) {
            funcNames.put(index, idName(id));
        }
        return index;
    }

    private int defineName(Space space, Node id) {
        return space.define(id);
    }

    /** Inline exports (export "name")*, returning the index after them. */
    private int inlineExports(Node[] it, int i, int kind, int index) {
        while (i < it.length && it[i].isList("export")) {
            Node e = it[i];
            if (e.items.length != 2 || !e.items[1].isString()) {
                throw e.error("malformed inline export: expected (export \"name\")");
            }
            exports.add(new ExportRec(e.items[1], kind, index, null));
            i++;
        }
        return i;
    }

    /** An inline (import "module" "name") at items[i], or null. */
    private static Node inlineImport(Node[] it, int i) {
        if (i < it.length && it[i].isList("import")) {
            Node im = it[i];
            if (im.items.length != 3 || !im.items[1].isString() || !im.items[2].isString()) {
                throw im.error("malformed inline import: expected (import \"module\" \"name\")");
            }
            return im;
        }
        return null;
    }

    private int nextIndex(Space space) {
        return space.count;
    }

    private static Node optionalId(Node[] it, int i) {
        return i < it.length && it[i].isId() ? it[i] : null;
    }

    private void funcField(Node field) {
        Node[] it = field.items;
        Node id = optionalId(it, 1);
        int i = id != null ? 2 : 1;
        int index = nextIndex(funcs);
        i = inlineExports(it, i, KIND_FUNC, index);
        Node im = inlineImport(it, i);
        if (im != null) {
            TypeUse use = typeUse(it, i + 1);
            if (use.next != it.length) {
                throw it[use.next].error("unexpected " + it[use.next].describe() + ": an imported function has no body");
            }
            importFunc(im, im.items[1], im.items[2], id, use);
            return;
        }
        TypeUse use = typeUse(it, i);
        int type = typeIndex(use);
        defined = true;
        addFunc(id, type);
        funcSec.u32(type);
        ArrayList<Node> paramIds = use.paramIds;
        if (use.typeRef != null && !use.inline) {
            paramIds = new ArrayList<>();
            byte[] params = paramTypes(use, type);
            for (int k = 0; k < params.length; k++) {
                paramIds.add(null);
            }
        }
        funcDefs.add(new FuncDef(field, index, type, use.next, paramIds));
        localTypesOf(funcDefs.get(funcDefs.size() - 1), use, type);
    }

    /** Remembers the parameter types for the body pass (stored by function in a side table). */
    private final HashMap<FuncDef, byte[]> paramTypesByFunc = new HashMap<>();

    private void localTypesOf(FuncDef def, TypeUse use, int type) {
        paramTypesByFunc.put(def, paramTypes(use, type));
    }

    private void tableField(Node field) {
        Node[] it = field.items;
        Node id = optionalId(it, 1);
        int i = id != null ? 2 : 1;
        int index = nextIndex(tables);
        i = inlineExports(it, i, KIND_TABLE, index);
        Node im = inlineImport(it, i);
        if (im != null) {
            importHeader(im, im.items[1], im.items[2], KIND_TABLE);
            tableType(it, i + 1, importSec, true);
            defineName(tables, id);
            return;
        }
        defined = true;
        defineName(tables, id);
        tableCount++;
        // reftype (elem ...): the table is exactly as large as its inline segment.
        if (i + 2 == it.length && it[i].isAtom() && !Numbers.isUnsigned(it[i]) && it[i + 1].isList("elem")) {
            byte ref = refType(it[i]);
            Node elem = it[i + 1];
            int n = elem.items.length - 1;
            tableSec.byte1(ref);
            tableSec.byte1(0x01);
            tableSec.u32(n);
            tableSec.u32(n);
            int elemIndex = elems.define(null);
            elemDefs.add(new Deferred(elem, -1 - index, elemIndex, ref));
            return;
        }
        tableType(it, i, tableSec, false);
    }

    /** limits reftype from items[i] to the end, written as the binary's reftype limits. */
    private void tableType(Node[] it, int i, Sink to, boolean imported) {
        if (it.length - i < 2) {
            throw (i < it.length ? it[i] : it[0]).error("malformed table type: expected limits and a reference type, such as 1 funcref");
        }
        byte ref = refType(it[it.length - 1]);
        to.byte1(ref);
        limits(it, i, it.length - 1, to);
    }

    /** min max? from items[i..end) (spec 6.4.4 Limits). */
    private static void limits(Node[] it, int i, int end, Sink to) {
        if (end - i < 1 || end - i > 2) {
            throw (i < it.length ? it[i] : it[it.length - 1]).error("malformed limits: expected a minimum and an optional maximum");
        }
        long min = Numbers.u32(it[i]);
        if (end - i == 2) {
            long max = Numbers.u32(it[i + 1]);
            to.byte1(0x01);
            to.u32(min);
            to.u32(max);
        } else {
            to.byte1(0x00);
            to.u32(min);
        }
    }

    private void memoryField(Node field) {
        Node[] it = field.items;
        Node id = optionalId(it, 1);
        int i = id != null ? 2 : 1;
        int index = nextIndex(memories);
        i = inlineExports(it, i, KIND_MEMORY, index);
        Node im = inlineImport(it, i);
        if (im != null) {
            importHeader(im, im.items[1], im.items[2], KIND_MEMORY);
            limits(it, i + 1, it.length, importSec);
            defineName(memories, id);
            return;
        }
        defined = true;
        defineName(memories, id);
        memoryCount++;
        if (i + 1 == it.length && it[i].isList("data")) {
            Node data = it[i];
            long length = 0;
            for (int k = 1; k < data.items.length; k++) {
                if (!data.items[k].isString()) {
                    throw data.items[k].error("unexpected " + data.items[k].describe() + ": expected a string of data");
                }
                length += data.items[k].bytes.length;
            }
            long pages = (length + 65535) / 65536;
            memorySec.byte1(0x01);
            memorySec.u32(pages);
            memorySec.u32(pages);
            int dataIndex = datas.define(null);
            dataDefs.add(new Deferred(data, -1 - index, dataIndex, (byte) 0));
            return;
        }
        limits(it, i, it.length, memorySec);
    }

    private void globalField(Node field) {
        Node[] it = field.items;
        Node id = optionalId(it, 1);
        int i = id != null ? 2 : 1;
        int index = nextIndex(globals);
        i = inlineExports(it, i, KIND_GLOBAL, index);
        Node im = inlineImport(it, i);
        if (im != null) {
            importHeader(im, im.items[1], im.items[2], KIND_GLOBAL);
            if (it.length != i + 2) {
                throw field.error("malformed imported global: expected a global type and no initialiser");
            }
            globalType(it[i + 1], importSec);
            defineName(globals, id);
            return;
        }
        defined = true;
        if (i >= it.length) {
            throw field.error("malformed global: expected a global type and an initialiser");
        }
        defineName(globals, id);
        globalDefs.add(new Deferred(field, i, index, (byte) 0));
    }

    /** valtype or (mut valtype) (spec 6.4.6 Global Types). */
    private static void globalType(Node n, Sink to) {
        if (n.isList("mut")) {
            if (n.items.length != 2) {
                throw n.error("malformed global type: expected (mut valtype)");
            }
            to.byte1(valType(n.items[1]));
            to.byte1(1);
        } else {
            to.byte1(valType(n));
            to.byte1(0);
        }
    }

    private void exportField(Node field) {
        Node[] it = field.items;
        if (it.length != 3 || !it[1].isString() || !it[2].isList() || it[2].items.length != 2) {
            throw field.error("malformed export: expected (export \"name\" (func|table|memory|global index))");
        }
        Node desc = it[2];
        int kind;
        switch (String.valueOf(desc.head())) {
            case "func":
                kind = KIND_FUNC;
                break;
            case "table":
                kind = KIND_TABLE;
                break;
            case "memory":
                kind = KIND_MEMORY;
                break;
            case "global":
                kind = KIND_GLOBAL;
                break;
            default:
                throw desc.error("unknown export kind: expected func, table, memory or global");
        }
        exports.add(new ExportRec(it[1], kind, -1, desc.items[1]));
    }

    private void elemField(Node field) {
        Node id = optionalId(field.items, 1);
        int index = elems.define(id);
        elemDefs.add(new Deferred(field, id != null ? 2 : 1, index, (byte) 0));
    }

    private void dataField(Node field) {
        Node id = optionalId(field.items, 1);
        int index = datas.define(id);
        dataDefs.add(new Deferred(field, id != null ? 2 : 1, index, (byte) 0));
    }

    // ---------------------------------------------------------------- pass 3: what refers to indices

    private byte[] assemble() {
        Sink module = new Sink(1024);
        module.bytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});

        // Written first, since bodies and constant expressions may still add block types.
        Sink globalSec = new Sink(64);
        for (Deferred g : globalDefs) {
            Node[] it = g.node.items;
            globalType(it[g.start], globalSec);
            constExpr(it, g.start + 1, globalSec);
        }
        Sink exportSec = new Sink(64);
        for (ExportRec e : exports) {
            exportSec.name(utf8Name(e.name));
            exportSec.byte1(e.kind);
            int index = e.index;
            if (e.ref != null) {
                Space space = e.kind == KIND_FUNC ? funcs : e.kind == KIND_TABLE ? tables : e.kind == KIND_MEMORY ? memories : globals;
                index = resolve(space, e.ref);
            }
            exportSec.u32(index);
        }
        Sink elemSec = new Sink(64);
        for (Deferred e : elemDefs) {
            elemSegment(e, elemSec);
        }
        Sink dataSec = new Sink(64);
        for (Deferred d : dataDefs) {
            dataSegment(d, dataSec);
        }
        Sink codeSec = new Sink(1024);
        for (FuncDef f : funcDefs) {
            body(f, codeSec);
        }

        Sink typeSec = new Sink(64);
        for (FuncType t : types) {
            typeSec.byte1(0x60);
            typeSec.u32(t.params.length);
            typeSec.bytes(t.params);
            typeSec.u32(t.results.length);
            typeSec.bytes(t.results);
        }
        section(module, 1, types.size(), typeSec);
        section(module, 2, importCount, importSec);
        section(module, 3, funcDefs.size(), funcSec);
        section(module, 4, tableCount, tableSec);
        section(module, 5, memoryCount, memorySec);
        section(module, 6, globalDefs.size(), globalSec);
        section(module, 7, exports.size(), exportSec);
        if (start != null) {
            Sink s = new Sink(8);
            s.u32(resolve(funcs, start));
            module.byte1(8);
            module.u32(s.size);
            module.append(s);
        }
        section(module, 9, elemDefs.size(), elemSec);
        if (usesDataCount) {
            Sink s = new Sink(8);
            s.u32(dataDefs.size());
            module.byte1(12);
            module.u32(s.size);
            module.append(s);
        }
        section(module, 10, funcDefs.size(), codeSec);
        section(module, 11, dataDefs.size(), dataSec);
        nameSection(module);
        return module.toArray();
    }

    private static void section(Sink module, int id, int count, Sink content) {
        if (count == 0) {
            return;
        }
        Sink countBytes = new Sink(5);
        countBytes.u32(count);
        module.byte1(id);
        module.u32(countBytes.size + content.size);
        module.append(countBytes);
        module.append(content);
    }

    /** The name section (spec 7.4.1): module name, function names, local names. */
    private void nameSection(Sink module) {
        if (moduleId == null && funcNames.isEmpty() && localNames.isEmpty()) {
            return;
        }
        Sink names = new Sink(256);
        names.name("name".getBytes(StandardCharsets.UTF_8));
        if (moduleId != null) {
            Sink sub = new Sink(32);
            sub.name(idName(moduleId));
            names.byte1(0);
            names.u32(sub.size);
            names.append(sub);
        }
        if (!funcNames.isEmpty()) {
            Sink sub = new Sink(256);
            sub.u32(funcNames.size());
            for (java.util.Map.Entry<Integer, byte[]> e : funcNames.entrySet()) {
                sub.u32(e.getKey());
                sub.name(e.getValue());
            }
            names.byte1(1);
            names.u32(sub.size);
            names.append(sub);
        }
        if (!localNames.isEmpty()) {
            Sink sub = new Sink(256);
            sub.u32(localNames.size());
            for (java.util.Map.Entry<Integer, TreeMap<Integer, byte[]>> f : localNames.entrySet()) {
                sub.u32(f.getKey());
                sub.u32(f.getValue().size());
                for (java.util.Map.Entry<Integer, byte[]> e : f.getValue().entrySet()) {
                    sub.u32(e.getKey());
                    sub.name(e.getValue());
                }
            }
            names.byte1(2);
            names.u32(sub.size);
            names.append(sub);
        }
        module.byte1(0);
        module.u32(names.size);
        module.append(names);
    }

    /** An identifier without its $, as UTF-8, for the name section. */
    private static byte[] idName(Node id) {
        return id.text.substring(1).getBytes(StandardCharsets.UTF_8);
    }

    private void elemSegment(Deferred e, Sink to) {
        if (e.start < 0) {
            // Inline in a table: active, at offset 0 of that table, funcref indices or expressions.
            int table = -1 - e.start;
            Node[] it = e.node.items;
            to.byte1(0x06);
            to.u32(table);
            to.byte1(0x41);
            to.byte1(0x00);
            to.byte1(0x0B);
            to.byte1(e.type);
            to.u32(it.length - 1);
            boolean exprs = it.length > 1 && it[1].isList();
            for (int k = 1; k < it.length; k++) {
                if (exprs) {
                    elemExpr(it[k], to);
                } else {
                    funcRefExpr(it[k], to);
                }
            }
            return;
        }
        Node[] it = e.node.items;
        int i = e.start;
        int mode; // 0 active, 1 passive, 2 declarative
        int table = 0;
        Sink offset = null;
        if (i < it.length && it[i].is("declare")) {
            mode = 2;
            i++;
        } else {
            if (i < it.length && it[i].isList("table")) {
                expectLength(it[i], 2, "(table tableidx)");
                table = resolve(tables, it[i].items[1]);
                i++;
                requireOffset(it, i, e.node);
            } else if (i + 1 < it.length && (it[i].isId() || Numbers.isUnsigned(it[i])) && it[i + 1].isList()) {
                table = resolve(tables, it[i]);
                i++;
                requireOffset(it, i, e.node);
            }
            if (i < it.length && it[i].isList() && !it[i].isList("item")) {
                mode = 0;
                offset = new Sink(16);
                Node off = it[i];
                if (off.isList("offset")) {
                    constExpr(off.items, 1, offset);
                } else {
                    constExpr(it, i, i + 1, offset);
                }
                i++;
            } else {
                mode = 1;
            }
        }
        // The element list: func idx*, reftype elemexpr*, or (active only) bare function indices.
        byte ref = FUNCREF;
        boolean exprs;
        if (i < it.length && it[i].is("func")) {
            exprs = false;
            i++;
        } else if (i < it.length && (it[i].is("funcref") || it[i].is("externref"))) {
            ref = refType(it[i]);
            exprs = true;
            i++;
        } else if (mode == 0) {
            exprs = false;
        } else if (i == it.length) {
            exprs = false;
        } else {
            throw it[i].error("unexpected " + it[i].describe() + ": expected func or a reference type before the elements");
        }
        int count = it.length - i;
        to.byte1(mode == 0 ? 0x06 : mode == 1 ? 0x05 : 0x07);
        if (mode == 0) {
            to.u32(table);
            to.append(offset);
        }
        to.byte1(ref);
        to.u32(count);
        for (int k = i; k < it.length; k++) {
            if (exprs) {
                elemExpr(it[k], to);
            } else {
                funcRefExpr(it[k], to);
            }
        }
    }

    private static void requireOffset(Node[] it, int i, Node at) {
        if (i >= it.length || !it[i].isList()) {
            throw (i < it.length ? it[i] : at).error("malformed segment: expected an offset, (offset expr) or a folded instruction");
        }
    }

    /** A function index as the expression ref.func x end. */
    private void funcRefExpr(Node n, Sink to) {
        if (!n.isAtom()) {
            throw n.error("unexpected " + n.describe() + ": expected a function index");
        }
        to.byte1(0xD2);
        to.u32(resolve(funcs, n));
        to.byte1(0x0B);
    }

    /** (item expr) or one folded instruction. */
    private void elemExpr(Node n, Sink to) {
        if (n.isList("item")) {
            constExpr(n.items, 1, to);
        } else if (n.isList()) {
            constExpr(new Node[] {n}, 0, to);
        } else {
            throw n.error("unexpected " + n.describe() + ": expected an element expression such as (ref.func $f)");
        }
    }

    private void dataSegment(Deferred d, Sink to) {
        Node[] it = d.node.items;
        int i;
        if (d.start < 0) {
            int memory = -1 - d.start;
            if (memory == 0) {
                to.byte1(0x00);
            } else {
                to.byte1(0x02);
                to.u32(memory);
            }
            to.byte1(0x41);
            to.byte1(0x00);
            to.byte1(0x0B);
            i = 1;
        } else {
            i = d.start;
            int memory = 0;
            boolean active = false;
            if (i < it.length && it[i].isList("memory")) {
                expectLength(it[i], 2, "(memory memidx)");
                memory = resolve(memories, it[i].items[1]);
                i++;
                requireOffset(it, i, d.node);
            } else if (i + 1 < it.length && (it[i].isId() || Numbers.isUnsigned(it[i])) && it[i + 1].isList()) {
                memory = resolve(memories, it[i]);
                i++;
            }
            if (i < it.length && it[i].isList()) {
                active = true;
            }
            if (active) {
                if (memory == 0) {
                    to.byte1(0x00);
                } else {
                    to.byte1(0x02);
                    to.u32(memory);
                }
                Node off = it[i];
                if (off.isList("offset")) {
                    constExpr(off.items, 1, to);
                } else {
                    constExpr(it, i, i + 1, to);
                }
                i++;
            } else {
                to.byte1(0x01);
            }
        }
        long length = 0;
        for (int k = i; k < it.length; k++) {
            if (!it[k].isString()) {
                throw it[k].error("unexpected " + it[k].describe() + ": expected a string of data");
            }
            length += it[k].bytes.length;
        }
        to.u32(length);
        for (int k = i; k < it.length; k++) {
            to.bytes(it[k].bytes);
        }
    }

    private void constExpr(Node[] it, int from, Sink to) {
        constExpr(it, from, it.length, to);
    }

    /** Instructions items[from..end) then end: a constant expression (validation checks it is one). */
    private void constExpr(Node[] it, int from, int end, Sink to) {
        Sink saved = out;
        HashMap<String, Integer> savedLocals = localIds;
        out = to;
        localIds = null;
        localCount = 0;
        labels.clear();
        int i = instrs(it, from, end);
        if (i < end) {
            throw it[i].error("unexpected \"" + it[i].text + "\" outside a block");
        }
        to.byte1(0x0B);
        out = saved;
        localIds = savedLocals;
    }

    // ---------------------------------------------------------------- function bodies

    private void body(FuncDef f, Sink codeSec) {
        Node[] it = f.node.items;
        byte[] params = paramTypesByFunc.get(f);
        localIds = new HashMap<>();
        TreeMap<Integer, byte[]> names = new TreeMap<>();
        Sink types = new Sink(16);
        types.bytes(params);
        for (int k = 0; k < f.paramIds.size(); k++) {
            Node id = f.paramIds.get(k);
            if (id != null) {
                if (localIds.put(id.text, k) != null) {
                    throw id.error("duplicate local " + id.text);
                }
                names.put(k, idName(id));
            }
        }
        int i = f.bodyStart;
        while (i < it.length && it[i].isList("local")) {
            Node[] l = it[i].items;
            if (l.length > 1 && l[1].isId()) {
                if (l.length != 3) {
                    throw l[1].error("a named local has exactly one type: expected (local " + l[1].text + " valtype)");
                }
                if (localIds.put(l[1].text, types.size) != null) {
                    throw l[1].error("duplicate local " + l[1].text);
                }
                names.put(types.size, idName(l[1]));
                types.byte1(valType(l[2]));
            } else {
                for (int k = 1; k < l.length; k++) {
                    types.byte1(valType(l[k]));
                }
            }
            i++;
        }
        if (!names.isEmpty()) {
            localNames.put(f.index, names);
        }
        localTypes = types.toArray();
        localCount = localTypes.length;
        Sink code = new Sink(64);
        // Locals as runs of one type (spec 5.5.13).
        int runs = 0;
        Sink decls = new Sink(16);
        for (int k = params.length; k < localTypes.length; ) {
            int e = k;
            while (e < localTypes.length && localTypes[e] == localTypes[k]) {
                e++;
            }
            decls.u32(e - k);
            decls.byte1(localTypes[k]);
            runs++;
            k = e;
        }
        code.u32(runs);
        code.append(decls);
        out = code;
        labels.clear();
        int end = instrs(it, i, it.length);
        if (end < it.length) {
            throw it[end].error("unexpected \"" + it[end].text + "\" outside a block");
        }
        code.byte1(0x0B);
        codeSec.u32(code.size);
        codeSec.append(code);
        localIds = null;
    }

    /**
     * Instructions from items[i] until end or an "end"/"else" keyword, which is left for the caller
     * (a plain block); returns where it stopped.
     */
    private int instrs(Node[] it, int i, int end) {
        while (i < end) {
            Node n = it[i];
            if (n.isList()) {
                folded(n);
                i++;
            } else if (n.is("end") || n.is("else")) {
                return i;
            } else {
                i = plain(it, i, end);
            }
        }
        return i;
    }

    /** A plain instruction at items[i] with its immediates; returns the index after them. */
    private int plain(Node[] it, int i, int end) {
        Node op = it[i];
        if (!op.isAtom() || op.isId()) {
            throw op.error("unexpected " + op.describe() + ": expected an instruction");
        }
        int info = Instructions.lookup(op.text);
        if (info < 0) {
            throw op.error("unknown operator \"" + op.text + "\"");
        }
        int kind = Instructions.kind(info);
        i++;
        switch (kind) {
            case Instructions.BLOCK:
            case Instructions.LOOP:
            case Instructions.IF: {
                Node label = i < end && it[i].isId() ? it[i++] : null;
                TypeUse use = typeUse(it, i);
                i = use.next;
                opcode(info);
                blockType(use);
                labels.add(label == null ? null : label.text);
                i = instrs(it, i, end);
                if (kind == Instructions.IF && i < end && it[i].is("else")) {
                    i = closingLabel(it, i + 1, end, label);
                    out.byte1(0x05);
                    i = instrs(it, i, end);
                }
                if (i >= end || !it[i].is("end")) {
                    throw (i < end ? it[i] : op).error("unclosed " + op.text + ": expected \"end\"");
                }
                i = closingLabel(it, i + 1, end, label);
                out.byte1(0x0B);
                labels.remove(labels.size() - 1);
                return i;
            }
            case Instructions.ELSE:
            case Instructions.END:
                throw op.error("unexpected \"" + op.text + "\" outside a block");
            default:
                return immediates(op, info, it, i, end);
        }
    }

    /** An optional $label after else or end, which must repeat the block's own. */
    private static int closingLabel(Node[] it, int i, int end, Node label) {
        if (i < end && it[i].isId()) {
            if (label == null || !label.text.equals(it[i].text)) {
                throw it[i].error("mismatching label " + it[i].text + (label == null ? ": the block has none" : ": the block is " + label.text));
            }
            return i + 1;
        }
        return i;
    }

    private void opcode(int info) {
        int prefix = Instructions.prefix(info);
        int code = Instructions.opcode(info);
        if (prefix == Instructions.PREFIX_NONE) {
            out.byte1(code);
        } else {
            out.byte1(prefix == Instructions.PREFIX_FC ? 0xFC : 0xFD);
            out.u32(code);
        }
    }

    private void blockType(TypeUse use) {
        if (use.typeRef == null) {
            if (use.params.size == 0 && use.results.size == 0) {
                out.byte1(0x40);
                return;
            }
            if (use.params.size == 0 && use.results.size == 1) {
                out.byte1(use.results.bytes[0]);
                return;
            }
        }
        for (Node id : use.paramIds) {
            if (id != null) {
                throw id.error("unexpected identifier " + id.text + ": block parameters have no names");
            }
        }
        out.s64(typeIndex(use));
    }

    /** The op's opcode and immediates, from items[i]; returns the index after them. */
    private int immediates(Node op, int info, Node[] it, int i, int end) {
        int kind = Instructions.kind(info);
        switch (kind) {
            case Instructions.NONE:
                opcode(info);
                return i;
            case Instructions.BR:
                opcode(info);
                out.u32(label(need(op, it, i, end, "a label")));
                return i + 1;
            case Instructions.BR_TABLE: {
                int first = i;
                while (i < end && isIndex(it[i])) {
                    i++;
                }
                if (i == first) {
                    throw (i < end ? it[i] : op).error("br_table needs at least one label: expected a label");
                }
                opcode(info);
                out.u32(i - first - 1);
                for (int k = first; k < i; k++) {
                    out.u32(label(it[k]));
                }
                return i;
            }
            case Instructions.CALL:
                opcode(info);
                out.u32(resolve(funcs, need(op, it, i, end, "a function index")));
                return i + 1;
            case Instructions.CALL_INDIRECT: {
                int table = 0;
                if (i < end && isIndex(it[i])) {
                    table = resolve(tables, it[i++]);
                }
                TypeUse use = typeUse(it, i);
                for (Node id : use.paramIds) {
                    if (id != null) {
                        throw id.error("unexpected identifier " + id.text + ": call_indirect parameters have no names");
                    }
                }
                int type = typeIndex(use);
                opcode(info);
                out.u32(type);
                out.u32(table);
                return use.next;
            }
            case Instructions.SELECT: {
                Sink types = null;
                while (i < end && it[i].isList("result")) {
                    if (types == null) {
                        types = new Sink(4);
                    }
                    Node[] r = it[i].items;
                    for (int k = 1; k < r.length; k++) {
                        types.byte1(valType(r[k]));
                    }
                    i++;
                }
                if (types == null) {
                    out.byte1(0x1B);
                } else {
                    out.byte1(0x1C);
                    out.u32(types.size);
                    out.append(types);
                }
                return i;
            }
            case Instructions.LOCAL:
                opcode(info);
                out.u32(local(need(op, it, i, end, "a local index")));
                return i + 1;
            case Instructions.GLOBAL:
                opcode(info);
                out.u32(resolve(globals, need(op, it, i, end, "a global index")));
                return i + 1;
            case Instructions.TABLE: {
                int table = 0;
                if (i < end && isIndex(it[i])) {
                    table = resolve(tables, it[i++]);
                }
                opcode(info);
                out.u32(table);
                return i;
            }
            case Instructions.TABLE_COPY: {
                int dst = 0;
                int src = 0;
                if (i < end && isIndex(it[i])) {
                    dst = resolve(tables, it[i++]);
                    src = resolve(tables, need(op, it, i, end, "a second table index"));
                    i++;
                }
                opcode(info);
                out.u32(dst);
                out.u32(src);
                return i;
            }
            case Instructions.TABLE_INIT: {
                Node first = need(op, it, i, end, "an element segment index");
                i++;
                int table = 0;
                int elem;
                if (i < end && isIndex(it[i])) {
                    table = resolve(tables, first);
                    elem = resolve(elems, it[i++]);
                } else {
                    elem = resolve(elems, first);
                }
                opcode(info);
                out.u32(elem);
                out.u32(table);
                return i;
            }
            case Instructions.ELEM_DROP:
                opcode(info);
                out.u32(resolve(elems, need(op, it, i, end, "an element segment index")));
                return i + 1;
            case Instructions.MEMORY:
                opcode(info);
                out.byte1(0);
                return i;
            case Instructions.MEMORY_INIT:
                usesDataCount = true;
                opcode(info);
                out.u32(resolve(datas, need(op, it, i, end, "a data segment index")));
                out.byte1(0);
                return i + 1;
            case Instructions.DATA_DROP:
                usesDataCount = true;
                opcode(info);
                out.u32(resolve(datas, need(op, it, i, end, "a data segment index")));
                return i + 1;
            case Instructions.MEMORY_COPY:
                opcode(info);
                out.byte1(0);
                out.byte1(0);
                return i;
            case Instructions.MEMARG:
                opcode(info);
                return memarg(info, it, i, end);
            case Instructions.MEMARG_LANE:
                opcode(info);
                i = memarg(info, it, i, end);
                out.byte1(lane(need(op, it, i, end, "a lane index")));
                return i + 1;
            case Instructions.LANE:
                opcode(info);
                out.byte1(lane(need(op, it, i, end, "a lane index")));
                return i + 1;
            case Instructions.SHUFFLE:
                opcode(info);
                for (int k = 0; k < 16; k++) {
                    out.byte1(lane(need(op, it, i + k, end, "16 lane indices")));
                }
                return i + 16;
            case Instructions.I32_CONST:
                opcode(info);
                out.s32(Numbers.i32(need(op, it, i, end, "an i32 literal")));
                return i + 1;
            case Instructions.I64_CONST:
                opcode(info);
                out.s64(Numbers.i64(need(op, it, i, end, "an i64 literal")));
                return i + 1;
            case Instructions.F32_CONST:
                opcode(info);
                out.f32(Numbers.f32(need(op, it, i, end, "an f32 literal")));
                return i + 1;
            case Instructions.F64_CONST:
                opcode(info);
                out.f64(Numbers.f64(need(op, it, i, end, "an f64 literal")));
                return i + 1;
            case Instructions.REF_NULL: {
                Node t = need(op, it, i, end, "a heap type (func or extern)");
                opcode(info);
                out.byte1(heapType(t));
                return i + 1;
            }
            case Instructions.REF_FUNC:
                opcode(info);
                out.u32(resolve(funcs, need(op, it, i, end, "a function index")));
                return i + 1;
            case Instructions.V128_CONST:
                opcode(info);
                return v128(op, it, i, end, out);
            default:
                throw op.error("unknown operator \"" + op.text + "\"");
        }
    }

    /** A v128 literal: a shape and its lanes (spec 6.5.8), as 16 little-endian bytes. */
    static int v128(Node op, Node[] it, int i, int end, Sink to) {
        Node shape = need(op, it, i, end, "a vector shape (i8x16, i16x8, i32x4, i64x2, f32x4 or f64x2)");
        i++;
        switch (shape.isAtom() ? shape.text : "") {
            case "i8x16":
                for (int k = 0; k < 16; k++) {
                    to.byte1(Numbers.small(need(op, it, i++, end, "16 i8 lanes"), 8));
                }
                return i;
            case "i16x8":
                for (int k = 0; k < 8; k++) {
                    int v = Numbers.small(need(op, it, i++, end, "8 i16 lanes"), 16);
                    to.byte1(v);
                    to.byte1(v >> 8);
                }
                return i;
            case "i32x4":
                for (int k = 0; k < 4; k++) {
                    to.f32(Numbers.i32(need(op, it, i++, end, "4 i32 lanes")));
                }
                return i;
            case "i64x2":
                for (int k = 0; k < 2; k++) {
                    to.f64(Numbers.i64(need(op, it, i++, end, "2 i64 lanes")));
                }
                return i;
            case "f32x4":
                for (int k = 0; k < 4; k++) {
                    to.f32(Numbers.f32(need(op, it, i++, end, "4 f32 lanes")));
                }
                return i;
            case "f64x2":
                for (int k = 0; k < 2; k++) {
                    to.f64(Numbers.f64(need(op, it, i++, end, "2 f64 lanes")));
                }
                return i;
            default:
                throw shape.error("unexpected " + shape.describe() + ": expected a vector shape (i8x16, i16x8, i32x4, i64x2, f32x4 or f64x2)");
        }
    }

    /** offset=N? align=N? (spec 6.5.6), written as alignment exponent then offset. */
    private int memarg(int info, Node[] it, int i, int end) {
        long offset = 0;
        int align = Instructions.naturalAlign(info);
        if (i < end && it[i].isAtom() && it[i].text.startsWith("offset=")) {
            Node n = it[i++];
            offset = Numbers.u32(sub(n, 7));
        }
        if (i < end && it[i].isAtom() && it[i].text.startsWith("align=")) {
            Node n = it[i++];
            long a = Numbers.u32(sub(n, 6));
            if (a == 0 || (a & (a - 1)) != 0) {
                throw n.error("alignment must be a power of two, got " + n.text.substring(6));
            }
            align = Long.numberOfTrailingZeros(a);
        }
        out.u32(align);
        out.u32(offset);
        return i;
    }

    /** The part of an atom after a prefix such as "offset=", as a node for number parsing. */
    private static Node sub(Node n, int from) {
        if (n.text.length() == from) {
            throw n.error("malformed \"" + n.text + "\": expected a number after \"=\"");
        }
        return new Node(Node.ATOM, n.line, n.column + from, n.text.substring(from), null, null);
    }

    private static int lane(Node n) {
        long v = Numbers.u32(n);
        if (v > 255) {
            throw n.error("malformed lane index " + n.text + ": expected 0 to 255");
        }
        return (int) v;
    }

    /** A folded instruction (spec 6.5.9): its operands first, then itself. */
    private void folded(Node n) {
        Node[] it = n.items;
        if (it.length == 0 || !it[0].isAtom()) {
            throw n.error("unexpected " + n.describe() + ": expected a folded instruction such as (i32.add ...)");
        }
        Node op = it[0];
        int info = Instructions.lookup(op.text);
        if (info < 0) {
            throw op.error("unknown operator \"" + op.text + "\"");
        }
        int kind = Instructions.kind(info);
        if (kind == Instructions.BLOCK || kind == Instructions.LOOP) {
            Node label = it.length > 1 && it[1].isId() ? it[1] : null;
            TypeUse use = typeUse(it, label != null ? 2 : 1);
            opcode(info);
            blockType(use);
            labels.add(label == null ? null : label.text);
            int i = instrs(it, use.next, it.length);
            if (i < it.length) {
                throw it[i].error("unexpected \"" + it[i].text + "\" in a folded " + op.text);
            }
            out.byte1(0x0B);
            labels.remove(labels.size() - 1);
            return;
        }
        if (kind == Instructions.IF) {
            Node label = it.length > 1 && it[1].isId() ? it[1] : null;
            TypeUse use = typeUse(it, label != null ? 2 : 1);
            int i = use.next;
            while (i < it.length && it[i].isList() && !it[i].isList("then")) {
                folded(it[i++]);
            }
            if (i >= it.length || !it[i].isList("then")) {
                throw (i < it.length ? it[i] : n).error("malformed if: expected (then ...)");
            }
            opcode(info);
            blockType(use);
            labels.add(label == null ? null : label.text);
            Node then = it[i++];
            int j = instrs(then.items, 1, then.items.length);
            if (j < then.items.length) {
                throw then.items[j].error("unexpected \"" + then.items[j].text + "\" in (then ...)");
            }
            if (i < it.length && it[i].isList("else")) {
                Node els = it[i++];
                out.byte1(0x05);
                j = instrs(els.items, 1, els.items.length);
                if (j < els.items.length) {
                    throw els.items[j].error("unexpected \"" + els.items[j].text + "\" in (else ...)");
                }
            }
            if (i < it.length) {
                throw it[i].error("unexpected " + it[i].describe() + " after (then ...) and (else ...)");
            }
            out.byte1(0x0B);
            labels.remove(labels.size() - 1);
            return;
        }
        if (kind == Instructions.ELSE || kind == Instructions.END) {
            throw op.error("unexpected \"" + op.text + "\" in a folded instruction");
        }
        // The immediates go to a scratch sink, written after the operands.
        while (scratch.size() <= foldDepth) {
            scratch.add(new Sink(16));
        }
        Sink mine = scratch.get(foldDepth++);
        Sink saved = out;
        out = mine;
        int i;
        try {
            i = immediates(op, info, it, 1, it.length);
        } finally {
            out = saved;
        }
        for (; i < it.length; i++) {
            if (!it[i].isList()) {
                foldDepth--;
                mine.reset();
                throw it[i].error("unexpected " + it[i].describe() + ": expected a folded operand such as (i32.const 0) or \")\"");
            }
            folded(it[i]);
        }
        out.append(mine);
        mine.reset();
        foldDepth--;
    }

    private static Node need(Node op, Node[] it, int i, int end, String what) {
        if (i >= end || !it[i].isAtom()) {
            throw (i < end ? it[i] : op).error("missing immediate of " + op.text + ": expected " + what);
        }
        return it[i];
    }

    private static boolean isIndex(Node n) {
        return n.isAtom() && (n.isId() || Numbers.isUnsigned(n));
    }

    private int label(Node n) {
        if (n.isId()) {
            for (int k = labels.size() - 1; k >= 0; k--) {
                if (n.text.equals(labels.get(k))) {
                    return labels.size() - 1 - k;
                }
            }
            throw n.error("unknown label " + n.text);
        }
        return (int) Numbers.u32(n);
    }

    private int local(Node n) {
        if (n.isId()) {
            Integer index = localIds == null ? null : localIds.get(n.text);
            if (index == null) {
                throw n.error("unknown local " + n.text);
            }
            return index;
        }
        return (int) Numbers.u32(n);
    }

    private int resolveType(Node n) {
        if (n.isId()) {
            Integer index = typeIds.get(n.text);
            if (index == null) {
                throw n.error("unknown type " + n.text);
            }
            return index;
        }
        return (int) Numbers.u32(n);
    }

    private static int resolve(Space space, Node n) {
        if (!n.isAtom()) {
            throw n.error("unexpected " + n.describe() + ": expected a " + space.what + " index");
        }
        if (n.isId()) {
            Integer index = space.ids.get(n.text);
            if (index == null) {
                throw n.error("unknown " + space.what + " " + n.text);
            }
            return index;
        }
        return (int) Numbers.u32(n);
    }

    private static void expectLength(Node n, int length, String form) {
        if (n.items.length != length) {
            throw n.error("malformed " + n.head() + ": expected " + form);
        }
    }

    /** A value type keyword (spec 6.4.1, 6.4.2). */
    static byte valType(Node n) {
        if (n.isAtom()) {
            switch (n.text) {
                case "i32":
                    return I32;
                case "i64":
                    return I64;
                case "f32":
                    return F32;
                case "f64":
                    return F64;
                case "v128":
                    return V128;
                case "funcref":
                    return FUNCREF;
                case "externref":
                    return EXTERNREF;
                default:
                    break;
            }
        }
        throw n.error("unexpected " + n.describe() + ": expected a value type (i32, i64, f32, f64, v128, funcref, externref)");
    }

    static byte refType(Node n) {
        if (n.is("funcref")) {
            return FUNCREF;
        }
        if (n.is("externref")) {
            return EXTERNREF;
        }
        throw n.error("unexpected " + n.describe() + ": expected a reference type (funcref or externref)");
    }

    static byte heapType(Node n) {
        if (n.is("func")) {
            return FUNCREF;
        }
        if (n.is("extern")) {
            return EXTERNREF;
        }
        throw n.error("unexpected " + n.describe() + ": expected a heap type (func or extern)");
    }

    /** A string that names something: it must be valid UTF-8 (spec 6.3.4 Names). */
    static byte[] utf8Name(Node n) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(n.bytes));
        } catch (CharacterCodingException e) {
            throw n.error("malformed UTF-8 encoding in a name");
        }
        return n.bytes;
    }
}
