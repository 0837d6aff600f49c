package dev.weir.conformance;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.LinkException;
import dev.weir.core.module.MalformedModuleException;
import dev.weir.core.module.TrapException;
import dev.weir.core.module.WasmException;
import dev.weir.core.CompiledModule;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.ValType;
import dev.weir.core.Function;
import dev.weir.core.Global;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.StoreLimits;
import dev.weir.core.Wasm;
import dev.weir.text.Script;
import dev.weir.text.TextFormatException;
import dev.weir.text.Wat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the commands of one script (weir's own parse of a {@code .wast} file, {@link WastCommands},
 * or wabt's {@code wast2json} JSON, which has the same shape) in order against weir, through the public
 * runtime API only. All modules of a script live in one {@link Store} and are linked by one
 * {@link Linker}, so a registered module is importable by the modules after it.
 * <p>
 * Assertions (every {@code assert_*} command) count as passed, failed or skipped. {@code module},
 * {@code register} and {@code action} commands count only when they fail, as failures, since the
 * assertions after them would be testing nothing. Anything unexpected, including a Java error such
 * as {@code UnsupportedOperationException}, fails that one command with a one-line reason and the
 * script goes on.
 */
public final class ScriptRunner {
    private final Path scriptDir;
    private final String wastName;
    private final Exclusions exclusions;
    private final FileResult result;
    private final Linker linker;
    private final Map<String, Instance> named = new HashMap<>();
    /** Why a named module is missing (it failed to load), by name. */
    private final Map<String, String> namedMissing = new HashMap<>();
    private Instance current;
    private String currentMissing = "no module has been defined yet";
    private volatile int line;

    /**
     * @param scriptDir  the folder of the JSON script and its {@code .wasm} files
     * @param wastName   the {@code .wast} file name, for exclusions and reports
     * @param result     where counts and failures go
     */
    public ScriptRunner(Path scriptDir, String wastName, Exclusions exclusions, FileResult result) {
        this(scriptDir, wastName, exclusions, result, new StoreLimits());
    }

    /**
     * @param exclusions the assertions to skip
     * @param limits     the limits of the script's store
     */
    public ScriptRunner(Path scriptDir, String wastName, Exclusions exclusions, FileResult result, StoreLimits limits) {
        this.scriptDir = scriptDir;
        this.wastName = wastName;
        this.exclusions = exclusions;
        this.result = result;
        Linker l = null;
        try {
            l = new Linker(new Store(limits));
            SpectestModule.define(l);
        } catch (Throwable t) {
            currentMissing = "the store could not be set up: " + describe(t);
        }
        this.linker = l;
    }

    /** The script line of the command running now (for time-out reports). */
    public int currentLine() {
        return line;
    }

    /** Runs the commands of a parsed script ({@code {"commands": [...]}}). */
    public void run(Object script) {
        if (!(script instanceof Map) || !(((Map<?, ?>) script).get("commands") instanceof List)) {
            throw new ScriptProblem(wastName + ": the JSON script has no \"commands\" array");
        }
        for (Object command : (List<?>) ((Map<?, ?>) script).get("commands")) {
            runCommand(asMap(command, "command"));
        }
    }

    /** Number of assertions (commands whose type starts with {@code assert_}) in a parsed script. */
    public static int countAssertions(Object script) {
        int n = 0;
        if (script instanceof Map && ((Map<?, ?>) script).get("commands") instanceof List) {
            for (Object command : (List<?>) ((Map<?, ?>) script).get("commands")) {
                if (command instanceof Map && String.valueOf(((Map<?, ?>) command).get("type")).startsWith("assert_")) {
                    n++;
                }
            }
        }
        return n;
    }

    void runCommand(Map<String, Object> command) {
        String type = String.valueOf(command.get("type"));
        Object lineValue = command.get("line");
        line = lineValue instanceof Long ? (int) (long) (Long) lineValue : 0;
        boolean assertion = type.startsWith("assert_");
        if (assertion && exclusions.lineReason(wastName, line) != null) {
            result.skip();
            return;
        }
        String failure;
        try {
            failure = execute(type, command);
        } catch (ScriptProblem p) {
            failure = p.getMessage();
        } catch (Throwable t) {
            failure = "unexpected " + describe(t);
        }
        if (failure != null) {
            result.fail(line, type + ": " + failure);
        } else if (assertion) {
            result.pass();
        }
    }

    /** Runs one command; returns null on success, else why it failed. */
    private String execute(String type, Map<String, Object> command) throws IOException {
        switch (type) {
            case "module":
                return module(command);
            case "register":
                return register(command);
            case "action":
                invoke(asMap(command.get("action"), "action"));
                return null;
            case "assert_return":
                return assertReturn(command);
            case "assert_trap":
                return command.containsKey("action") ? assertActionTraps(command, false) : assertModuleTraps(command);
            case "assert_exhaustion":
                return assertActionTraps(command, true);
            case "assert_invalid":
                return assertNotParsed(command, InvalidModuleException.class, "invalid");
            case "assert_malformed":
                return assertNotParsed(command, MalformedModuleException.class, "malformed");
            case "assert_unlinkable":
                return assertNotInstantiated(command, LinkException.class, "unlinkable");
            case "assert_uninstantiable":
                return assertModuleTraps(command);
            default:
                return "unknown command type \"" + type + "\"";
        }
    }

    private String module(Map<String, Object> command) throws IOException {
        String name = command.get("name") instanceof String ? (String) command.get("name") : null;
        current = null;
        try {
            current = instantiate(parse(command));
            currentMissing = null;
            if (name != null) {
                named.put(name, current);
                namedMissing.remove(name);
            }
            return null;
        } catch (Throwable e) {
            String why = "the module at line " + line + " failed to load: " + describe(e);
            currentMissing = why;
            if (name != null) {
                named.remove(name);
                namedMissing.put(name, why);
            }
            throw e;
        }
    }

    private String register(Map<String, Object> command) {
        String as = requireString(command, "as");
        Instance instance = instance(command.get("name"));
        linker().define(as, instance);
        return null;
    }

    private String assertReturn(Map<String, Object> command) {
        Results actual = invoke(asMap(command.get("action"), "action"));
        List<Map<String, Object>> expected = asMapList(command.get("expected"), "expected");
        if (expected.size() != actual.types.length) {
            return "expected " + expected.size() + " results, got " + actual.types.length;
        }
        int at = 0;
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> want = expected.get(i);
            String wantType = Values.type(want);
            String gotType = ValType.name(actual.types[i]);
            if (!wantType.equals(gotType)) {
                return "result " + i + ": expected a " + wantType + ", the export returns a " + gotType;
            }
            String mismatch = Values.mismatch(want, actual.slots, at);
            if (mismatch != null) {
                return (expected.size() > 1 ? "result " + i + ": " : "") + mismatch + " for " + actual.call;
            }
            at += Values.slots(wantType);
        }
        return null;
    }

    private String assertActionTraps(Map<String, Object> command, boolean exhaustion) {
        String text = String.valueOf(command.get("text"));
        Results actual;
        try {
            actual = invoke(asMap(command.get("action"), "action"));
        } catch (TrapException trap) {
            if (exhaustion && !trap.isExhaustion()) {
                return "expected exhaustion \"" + text + "\", got a trap that is not exhaustion: " + describe(trap);
            }
            return null;
        } catch (StackOverflowError e) {
            return "expected " + (exhaustion ? "exhaustion" : "trap") + " \"" + text
                    + "\", the Java stack overflowed instead (StackOverflowError)";
        }
        return "expected " + (exhaustion ? "exhaustion" : "trap") + " \"" + text + "\", " + actual.call
                + " returned " + actual.describe();
    }

    private String assertModuleTraps(Map<String, Object> command) throws IOException {
        CompiledModule module = parse(command);
        try {
            instantiate(module);
        } catch (TrapException trap) {
            return null;
        }
        return "expected instantiation to trap \"" + command.get("text") + "\", it succeeded";
    }

    private String assertNotParsed(Map<String, Object> command, Class<? extends WasmException> expected, String what)
            throws IOException {
        try {
            parse(command);
        } catch (WasmException e) {
            if (expected.isInstance(e) || isMissingDataCount(expected, e)) {
                return null;
            }
            return "expected " + what + " module \"" + command.get("text") + "\", got " + describe(e);
        }
        return "expected " + what + " module \"" + command.get("text") + "\", Wasm.parse accepted it";
    }

    /**
     * An invalid text module that uses a data index without data segments (memory_init.wast's
     * {@code data.drop 0} in a module with none) becomes, through wast2json, a binary with no data
     * count section: one the binary format itself rejects as malformed ("data count section
     * required", spec 5.5.16 Modules), before validation could see the unknown index. Rejecting it that
     * way is right, so an assert_invalid accepts exactly that malformed error.
     */
    static boolean isMissingDataCount(Class<? extends WasmException> expected, WasmException e) {
        return expected == InvalidModuleException.class && e instanceof MalformedModuleException
                && String.valueOf(e.getMessage()).contains("data count section required");
    }

    private String assertNotInstantiated(Map<String, Object> command, Class<? extends WasmException> expected,
            String what) throws IOException {
        CompiledModule module = parse(command);
        try {
            instantiate(module);
        } catch (WasmException e) {
            if (expected.isInstance(e)) {
                return null;
            }
            return "expected " + what + " module \"" + command.get("text") + "\", got " + describe(e);
        }
        return "expected " + what + " module \"" + command.get("text") + "\", it instantiated";
    }

    private CompiledModule parse(Map<String, Object> command) throws IOException {
        return Wasm.parse(binary(command));
    }

    /**
     * The module's binary: from weir's text parser (a {@link Script.Module}, or a {@code .wat} file
     * of wast2json's), else the {@code .wasm} file wast2json wrote. Malformed text is a malformed
     * module, as the spec's assert_malformed means it.
     */
    private byte[] binary(Map<String, Object> command) throws IOException {
        try {
            Object module = command.get("module");
            if (module instanceof Script.Module) {
                return ((Script.Module) module).binary();
            }
            String file = requireString(command, "filename");
            if (file.endsWith(".wat")) {
                return Wat.toBinary(new String(Files.readAllBytes(scriptDir.resolve(file)), StandardCharsets.UTF_8));
            }
            return Files.readAllBytes(scriptDir.resolve(file));
        } catch (TextFormatException e) {
            throw new MalformedModuleException("text format: " + e.getMessage(), "text", 0);
        }
    }

    private Instance instantiate(CompiledModule module) {
        return linker().instantiate(module);
    }

    private Linker linker() {
        if (linker == null) {
            throw new ScriptProblem(currentMissing);
        }
        return linker;
    }

    /** A named module ("$m"), or the current one when name is null. */
    private Instance instance(Object name) {
        if (name == null) {
            if (current == null) {
                throw new ScriptProblem("no current module: " + currentMissing);
            }
            return current;
        }
        Instance instance = named.get(String.valueOf(name));
        if (instance == null) {
            String why = namedMissing.get(String.valueOf(name));
            throw new ScriptProblem("no module named " + name + (why != null ? ": " + why : ""));
        }
        return instance;
    }

    /** Values an action produced, with their types and a description of the call for messages. */
    private record Results(byte[] types, long[] slots, String call) {
        String describe() {
            if (types.length == 0) {
                return "normally";
            }
            StringBuilder sb = new StringBuilder();
            int at = 0;
            for (int i = 0; i < types.length; i++) {
                String type = ValType.name(types[i]);
                sb.append(i == 0 ? "" : ", ").append(Values.describe(type, null, slots, at));
                at += Values.slots(type);
            }
            return sb.toString();
        }
    }

    private Results invoke(Map<String, Object> action) {
        String kind = requireString(action, "type");
        String field = requireString(action, "field");
        Instance instance = instance(action.get("module"));
        switch (kind) {
            case "invoke": {
                List<Map<String, Object>> args = action.containsKey("args")
                        ? asMapList(action.get("args"), "args") : List.of();
                String call = describeCall(field, args);
                Function function = instance.function(field);
                FuncType type = function.type();
                if (type.paramCount() != args.size()) {
                    throw new ScriptProblem(call + ": the export takes " + type.paramCount() + " parameters");
                }
                long[] argSlots = new long[Values.slots(args)];
                int at = 0;
                for (int i = 0; i < args.size(); i++) {
                    String argType = Values.type(args.get(i));
                    String paramType = ValType.name(type.param(i));
                    if (!argType.equals(paramType)) {
                        throw new ScriptProblem(call + ": parameter " + i + " is a " + paramType);
                    }
                    at += Values.encode(args.get(i), argSlots, at);
                }
                long[] results = new long[type.resultSlots()];
                function.call(argSlots, results);
                return new Results(type.results(), results, call);
            }
            case "get": {
                Global global = instance.global(field);
                return new Results(new byte[] {global.type().valType()}, new long[] {global.get()}, "get " + quote(field));
            }
            default:
                throw new ScriptProblem("unknown action type \"" + kind + "\"");
        }
    }

    private static String describeCall(String field, List<Map<String, Object>> args) {
        StringBuilder sb = new StringBuilder(quote(field)).append('(');
        for (int i = 0; i < args.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Values.describeExpected(args.get(i)));
        }
        return sb.append(')').toString();
    }

    private static String quote(String name) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\' || (c >= 0x7F && c < 0xA0)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A problem with the script or its state rather than with weir; reported without a Java location. */
    static final class ScriptProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScriptProblem(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A throwable as one line: its simple class name and message, and for errors that are not
     * weir's own exceptions, where it came from (the first frame in weir, else the first frame).
     */
    static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().replaceAll("\\s+", " ").strip();
        if (message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        if (t instanceof ScriptProblem) {
            return message.substring(2);
        }
        String text = t.getClass().getSimpleName() + message;
        if (t instanceof WasmException) {
            return text;
        }
        StackTraceElement[] trace = t.getStackTrace();
        StackTraceElement where = null;
        for (StackTraceElement frame : trace) {
            if (frame.getClassName().startsWith("dev.weir.core.")) {
                where = frame;
                break;
            }
        }
        if (where == null && trace.length > 0) {
            where = trace[0];
        }
        return where == null ? text : text + " at " + where;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new ScriptProblem("\"" + what + "\" is not a JSON object: " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> asMapList(Object value, String what) {
        if (!(value instanceof List)) {
            throw new ScriptProblem("\"" + what + "\" is not a JSON array: " + value);
        }
        for (Object item : (List<?>) value) {
            asMap(item, what + " item");
        }
        return (List<Map<String, Object>>) value;
    }

    private static String requireString(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof String)) {
            throw new ScriptProblem("missing string \"" + key + "\" in " + map);
        }
        return (String) value;
    }
}
