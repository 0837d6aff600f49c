package dev.weir.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@code .wast} script (the spec interpreter's script format): modules, {@code register},
 * actions ({@code invoke}, {@code get}) and every {@code assert_*} command, in order. Parsing the
 * script checks its own syntax only; each module is turned into binary when a runner asks
 * ({@link Module#binary()}), so a malformed module surfaces where an {@code assert_malformed}
 * expects it.
 * <p>
 * Values are kept independent of any runtime: a type and the value's bits as an unsigned decimal
 * string, or a NaN pattern ({@code nan:canonical}, {@code nan:arithmetic}), or {@code null} for
 * null references; vectors as lanes of a lane type.
 */
public final class Script {
    /** What a command does. */
    public enum Kind {
        MODULE, REGISTER, ACTION, ASSERT_RETURN, ASSERT_TRAP, ASSERT_EXHAUSTION, ASSERT_MALFORMED,
        ASSERT_INVALID, ASSERT_UNLINKABLE, ASSERT_UNINSTANTIABLE;

        /** The name as written in scripts, such as {@code assert_return}. */
        public String scriptName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A module of a script: text, {@code binary} or {@code quote}. */
    public static final class Module {
        private final Node node;
        private final String name;

        Module(Node node) {
            this.node = node;
            this.name = node.items.length > 1 && node.items[1].isId() ? node.items[1].text : null;
        }

        /** The module's {@code $name} in the script, or null. */
        public String name() {
            return name;
        }

        /** True for {@code (module binary ...)}: the binary as given, not text. */
        public boolean isBinary() {
            int i = name != null ? 2 : 1;
            return node.items.length > i && node.items[i].is("binary");
        }

        /** The script line of the module's {@code module} keyword (where wast2json numbers it too). */
        public int line() {
            return node.items[0].line;
        }

        /** The binary module; throws {@link TextFormatException} when the text is malformed. */
        public byte[] binary() {
            return Wat.module(node);
        }
    }

    /** A value in a command: an argument or an expected result. */
    public static final class Value {
        /** i32, i64, f32, f64, v128, funcref or externref. */
        public final String type;
        /** For v128: i8, i16, i32, i64, f32 or f64; else null. */
        public final String laneType;
        /**
         * One entry, or one per lane for v128: the bits as an unsigned decimal string, or
         * {@code nan:canonical}, {@code nan:arithmetic}, {@code null} (a null reference) or
         * {@code any} (any non-null funcref).
         */
        public final List<String> values;

        Value(String type, String laneType, List<String> values) {
            this.type = type;
            this.laneType = laneType;
            this.values = values;
        }

        /** The single value of a scalar. */
        public String value() {
            return values.get(0);
        }

        @Override
        public String toString() {
            return laneType == null ? type + " " + values.get(0) : type + " " + laneType + " " + values;
        }
    }

    /** An action: call an export or read a global. */
    public static final class Action {
        /** True for invoke, false for get. */
        public final boolean invoke;
        /** The module's $name, or null for the current one. */
        public final String module;
        /** The export's name. */
        public final String field;
        public final List<Value> args;

        Action(boolean invoke, String module, String field, List<Value> args) {
            this.invoke = invoke;
            this.module = module;
            this.field = field;
            this.args = args;
        }
    }

    /** One command of the script. */
    public static final class Command {
        public final Kind kind;
        public final int line;
        /** For MODULE and module assertions. */
        public final Module module;
        /** For ACTION, ASSERT_RETURN, ASSERT_EXHAUSTION and ASSERT_TRAP of an action. */
        public final Action action;
        /** For ASSERT_RETURN. */
        public final List<Value> expected;
        /** The expected message of assertions; for REGISTER the name registered as. */
        public final String text;
        /** For REGISTER: the module's $name, or null for the current one. */
        public final String moduleName;

        Command(Kind kind, int line, Module module, Action action, List<Value> expected, String text, String moduleName) {
            this.kind = kind;
            this.line = line;
            this.module = module;
            this.action = action;
            this.expected = expected;
            this.text = text;
            this.moduleName = moduleName;
        }

        /** True for the assert_* commands. */
        public boolean isAssertion() {
            return kind.ordinal() >= Kind.ASSERT_RETURN.ordinal();
        }
    }

    private Script() {
    }

    /** The commands of a script. */
    public static List<Command> parse(String text) {
        Node[] nodes;
        try {
            nodes = Lexer.parse(text);
        } catch (StackOverflowError e) {
            throw new TextFormatException(0, 0, "nesting too deep for this JVM's stack");
        }
        List<Command> commands = new ArrayList<>();
        if (nodes.length > 0 && isModuleField(nodes[0])) {
            // A script may be just the fields of one module.
            Node[] items = new Node[nodes.length + 1];
            items[0] = new Node(Node.ATOM, nodes[0].line, nodes[0].column, "module", null, null);
            System.arraycopy(nodes, 0, items, 1, nodes.length);
            Node module = new Node(Node.LIST, nodes[0].line, nodes[0].column, null, null, items);
            commands.add(new Command(Kind.MODULE, module.line, new Module(module), null, null, null, null));
            return commands;
        }
        for (Node n : nodes) {
            commands.add(command(n));
        }
        return commands;
    }

    private static boolean isModuleField(Node n) {
        String head = n.head();
        if (head == null) {
            return false;
        }
        switch (head) {
            case "type": case "import": case "func": case "table": case "memory": case "global":
            case "export": case "start": case "elem": case "data":
                return true;
            default:
                return false;
        }
    }

    private static Command command(Node n) {
        String head = n.head();
        if (head == null) {
            throw n.error("unexpected " + n.describe() + ": expected a command such as (module ...) or (assert_return ...)");
        }
        Node[] it = n.items;
        switch (head) {
            case "module":
                return new Command(Kind.MODULE, n.line, new Module(n), null, null, null, null);
            case "register": {
                if (it.length < 2 || it.length > 3 || !it[1].isString() || it.length == 3 && !it[2].isId()) {
                    throw n.error("malformed register: expected (register \"name\" $module?)");
                }
                return new Command(Kind.REGISTER, n.line, null, null, null, string(it[1]), it.length == 3 ? it[2].text : null);
            }
            case "invoke":
            case "get":
                return new Command(Kind.ACTION, n.line, null, action(n), null, null, null);
            case "assert_return": {
                if (it.length < 2) {
                    throw n.error("malformed assert_return: expected an action and the results");
                }
                List<Value> expected = new ArrayList<>();
                for (int k = 2; k < it.length; k++) {
                    expected.add(value(it[k], true));
                }
                return new Command(Kind.ASSERT_RETURN, n.line, null, action(it[1]), expected, null, null);
            }
            case "assert_trap": {
                expectMessage(n, 3);
                if (it[1].isList("module")) {
                    return new Command(Kind.ASSERT_TRAP, n.line, new Module(it[1]), null, null, string(it[2]), null);
                }
                return new Command(Kind.ASSERT_TRAP, n.line, null, action(it[1]), null, string(it[2]), null);
            }
            case "assert_exhaustion":
                expectMessage(n, 3);
                return new Command(Kind.ASSERT_EXHAUSTION, n.line, null, action(it[1]), null, string(it[2]), null);
            case "assert_malformed":
                return moduleAssertion(n, Kind.ASSERT_MALFORMED);
            case "assert_invalid":
                return moduleAssertion(n, Kind.ASSERT_INVALID);
            case "assert_unlinkable":
                return moduleAssertion(n, Kind.ASSERT_UNLINKABLE);
            case "assert_uninstantiable":
                return moduleAssertion(n, Kind.ASSERT_UNINSTANTIABLE);
            default:
                throw it[0].error("unknown command \"" + head + "\": expected module, register, invoke, get or assert_*");
        }
    }

    private static Command moduleAssertion(Node n, Kind kind) {
        expectMessage(n, 3);
        if (!n.items[1].isList("module")) {
            throw n.items[1].error("unexpected " + n.items[1].describe() + ": expected (module ...)");
        }
        return new Command(kind, n.line, new Module(n.items[1]), null, null, string(n.items[2]), null);
    }

    private static void expectMessage(Node n, int length) {
        if (n.items.length != length || !n.items[length - 1].isString()) {
            throw n.error("malformed " + n.head() + ": expected a module or action and a message string");
        }
    }

    private static Action action(Node n) {
        String head = n.head();
        if (!"invoke".equals(head) && !"get".equals(head)) {
            throw n.error("unexpected " + n.describe() + ": expected (invoke ...) or (get ...)");
        }
        Node[] it = n.items;
        int i = 1;
        String module = null;
        if (i < it.length && it[i].isId()) {
            module = it[i++].text;
        }
        if (i >= it.length || !it[i].isString()) {
            throw n.error("malformed " + head + ": expected the export's name as a string");
        }
        String field = string(it[i++]);
        List<Value> args = new ArrayList<>();
        for (; i < it.length; i++) {
            args.add(value(it[i], false));
        }
        if (head.equals("get") && !args.isEmpty()) {
            throw n.error("malformed get: expected (get $module? \"name\")");
        }
        return new Action(head.equals("invoke"), module, field, args);
    }

    /** A constant (spec script grammar): (t.const c), (ref.null t), (ref.extern n), (ref.func). */
    private static Value value(Node n, boolean result) {
        String head = n.head();
        if (head == null) {
            throw n.error("unexpected " + n.describe() + ": expected a constant such as (i32.const 1)");
        }
        Node[] it = n.items;
        switch (head) {
            case "i32.const":
                return scalar("i32", Integer.toUnsignedString(Numbers.i32(arg(n))));
            case "i64.const":
                return scalar("i64", Long.toUnsignedString(Numbers.i64(arg(n))));
            case "f32.const": {
                String pattern = result ? nanPattern(arg(n)) : null;
                return scalar("f32", pattern != null ? pattern : Integer.toUnsignedString(Numbers.f32(arg(n))));
            }
            case "f64.const": {
                String pattern = result ? nanPattern(arg(n)) : null;
                return scalar("f64", pattern != null ? pattern : Long.toUnsignedString(Numbers.f64(arg(n))));
            }
            case "v128.const":
                return vector(n, result);
            case "ref.null": {
                byte t = ModuleWriter.heapType(arg(n));
                return scalar(t == ModuleWriter.FUNCREF ? "funcref" : "externref", "null");
            }
            case "ref.extern":
                if (it.length == 1 && result) {
                    return scalar("externref", "any");
                }
                return scalar("externref", Long.toString(Numbers.u32(arg(n))));
            case "ref.func":
                if (!result) {
                    throw n.error("a function reference cannot be an argument");
                }
                return scalar("funcref", "any");
            default:
                throw it[0].error("unknown constant \"" + head + "\": expected i32.const, i64.const, f32.const, f64.const, v128.const, ref.null or ref.extern");
        }
    }

    private static String nanPattern(Node n) {
        String t = n.text;
        return t.equals("nan:canonical") || t.equals("nan:arithmetic") ? t : null;
    }

    private static Value vector(Node n, boolean result) {
        Node[] it = n.items;
        if (it.length < 2 || !it[1].isAtom()) {
            throw n.error("malformed v128.const: expected a shape and its lanes");
        }
        String shape = it[1].text;
        String laneType;
        int lanes;
        switch (shape) {
            case "i8x16": laneType = "i8"; lanes = 16; break;
            case "i16x8": laneType = "i16"; lanes = 8; break;
            case "i32x4": laneType = "i32"; lanes = 4; break;
            case "i64x2": laneType = "i64"; lanes = 2; break;
            case "f32x4": laneType = "f32"; lanes = 4; break;
            case "f64x2": laneType = "f64"; lanes = 2; break;
            default:
                throw it[1].error("unexpected " + it[1].describe() + ": expected a vector shape (i8x16, i16x8, i32x4, i64x2, f32x4 or f64x2)");
        }
        if (it.length != 2 + lanes) {
            throw n.error("malformed v128.const " + shape + ": expected " + lanes + " lanes, got " + (it.length - 2));
        }
        List<String> values = new ArrayList<>(lanes);
        for (int k = 0; k < lanes; k++) {
            Node lane = it[2 + k];
            String pattern = result && laneType.startsWith("f") && lane.isAtom() ? nanPattern(lane) : null;
            if (pattern != null) {
                values.add(pattern);
                continue;
            }
            switch (laneType) {
                case "i8":
                    values.add(Integer.toString(Numbers.small(lane, 8) & 0xFF));
                    break;
                case "i16":
                    values.add(Integer.toString(Numbers.small(lane, 16) & 0xFFFF));
                    break;
                case "i32":
                    values.add(Integer.toUnsignedString(Numbers.i32(lane)));
                    break;
                case "i64":
                    values.add(Long.toUnsignedString(Numbers.i64(lane)));
                    break;
                case "f32":
                    values.add(Integer.toUnsignedString(Numbers.f32(lane)));
                    break;
                default:
                    values.add(Long.toUnsignedString(Numbers.f64(lane)));
                    break;
            }
        }
        return new Value("v128", laneType, Collections.unmodifiableList(values));
    }

    private static Value scalar(String type, String value) {
        return new Value(type, null, Collections.singletonList(value));
    }

    private static Node arg(Node n) {
        if (n.items.length != 2 || !n.items[1].isAtom()) {
            throw n.error("malformed " + n.head() + ": expected one literal");
        }
        return n.items[1];
    }

    private static String string(Node n) {
        return new String(n.bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
