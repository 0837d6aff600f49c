package dev.weir.conformance;

import dev.weir.text.Script;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .wast} script, parsed by weir's own text module ({@link Script}), as the command list
 * {@link ScriptRunner} runs: the same shape wabt's {@code wast2json} writes, except that each
 * module is a {@link Script.Module} under the key {@code "module"} (turned into binary when the
 * runner needs it) instead of a file name. The cross-check against wabt runs the JSON form.
 */
public final class WastCommands {
    private WastCommands() {
    }

    /** {@code {"commands": [...]}} for a script's text; throws TextFormatException when the script is malformed. */
    public static Map<String, Object> of(String wast) {
        List<Object> commands = new ArrayList<>();
        for (Script.Command c : Script.parse(wast)) {
            commands.add(command(c));
        }
        Map<String, Object> script = new LinkedHashMap<>();
        script.put("commands", commands);
        return script;
    }

    private static Map<String, Object> command(Script.Command c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", c.kind == Script.Kind.ACTION ? "action" : c.kind.scriptName());
        m.put("line", (long) c.line);
        if (c.module != null) {
            m.put("module", c.module);
            m.put("module_type", c.module.isBinary() ? "binary" : "text");
            if (c.kind == Script.Kind.MODULE && c.module.name() != null) {
                m.put("name", c.module.name());
            }
        }
        if (c.kind == Script.Kind.REGISTER) {
            m.put("as", c.text);
            if (c.moduleName != null) {
                m.put("name", c.moduleName);
            }
        } else if (c.text != null) {
            m.put("text", c.text);
        }
        if (c.action != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("type", c.action.invoke ? "invoke" : "get");
            if (c.action.module != null) {
                a.put("module", c.action.module);
            }
            a.put("field", c.action.field);
            a.put("args", values(c.action.args));
            m.put("action", a);
        }
        if (c.expected != null) {
            m.put("expected", values(c.expected));
        }
        return m;
    }

    private static List<Object> values(List<Script.Value> values) {
        List<Object> list = new ArrayList<>();
        for (Script.Value v : values) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", v.type);
            if (v.laneType != null) {
                m.put("lane_type", v.laneType);
                m.put("value", new ArrayList<Object>(v.values));
            } else {
                m.put("value", v.value());
            }
            list.add(m);
        }
        return list;
    }
}
