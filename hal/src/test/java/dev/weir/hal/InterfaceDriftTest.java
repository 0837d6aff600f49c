package dev.weir.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.core.module.LinkException;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.Wasm;
import dev.weir.hal.camera.CameraHostTable;
import dev.weir.hal.gpio.GpioHostTable;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One interface, four descriptions that must agree: the WIT file (hal/wit/NAME.wit, the
 * definition), the C header (hal/include/weir_NAME.h), the Rust crate (guests/rust/weir: the raw
 * imports in src/sys.rs, the error and enum types in src/NAME.rs) and the host (hal's tables, through
 * {@link #HOSTS}). For every interface that has a WIT file, this checks the import module, every
 * function's name, parameter types and result type, the error codes with their names, the flags'
 * bits and the enums' values. In core wasm every parameter of these ABIs is an i32 (pointers are
 * addresses in linear memory), so a type is i32 or a pointer, which is an i32 too.
 */
class InterfaceDriftTest {
    /**
     * The host side of each interface: its function names, and a way to define them in a linker.
     * The seam for hal's host-interface tables: when they exist, read each interface's table here
     * (names and FuncTypes) instead of these per-package adapters.
     */
    interface HostSide {
        List<String> names();

        void define(Linker linker);
    }

    static final Map<String, HostSide> HOSTS = new LinkedHashMap<String, HostSide>();

    static {
        HOSTS.put("gpio", new HostSide() {
            @Override
            public List<String> names() {
                return GpioHostTable.names();
            }

            @Override
            public void define(Linker linker) {
                GpioHostTable.define(linker);
            }
        });
        HOSTS.put("camera", new HostSide() {
            @Override
            public List<String> names() {
                return CameraHostTable.names();
            }

            @Override
            public void define(Linker linker) {
                CameraHostTable.define(linker);
            }
        });
        HOSTS.put("messaging", new HostSide() {
            @Override
            public List<String> names() {
                List<String> names = new java.util.ArrayList<String>();
                for (int id = 0; id < dev.weir.hal.messaging.MessagingImports.INTERFACE.size(); id++) {
                    names.add(dev.weir.hal.messaging.MessagingImports.INTERFACE.name(id));
                }
                return names;
            }

            @Override
            public void define(Linker linker) {
                dev.weir.hal.messaging.MessagingImports.define(linker, new dev.weir.hal.messaging.MessagingHost(
                        new dev.weir.hal.capability.Grants(), java.util.Collections.<String, dev.weir.hal.messaging.LinkSettings>emptyMap(),
                        java.util.Collections.<String, dev.weir.hal.messaging.MessageTransport.Factory>emptyMap()));
            }
        });
        HOSTS.put("identity", new HostSide() {
            @Override
            public List<String> names() {
                return java.util.Collections.singletonList(dev.weir.hal.identity.IdentityHost.SPIFFE_ID);
            }

            @Override
            public void define(Linker linker) {
                new dev.weir.hal.identity.IdentityHost(dev.weir.hal.identity.SpiffeId.parse("spiffe://example.org/drift"))
                        .defineImports(linker);
            }
        });
    }

    /** One function as a description gives it: import name, parameter types, result type. */
    static final class Signature {
        final String name;
        final List<String> params;
        final String result;

        Signature(String name, List<String> params, String result) {
            this.name = name;
            this.params = params;
            this.result = result;
        }

        @Override
        public String toString() {
            return name + params + " -> " + result;
        }
    }

    private static Path root() {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("hal/wit")) && Files.isDirectory(p.resolve("guests/rust"))) {
                return p;
            }
        }
        throw new AssertionError("no repository root above " + dir);
    }

    private static String read(Path p) throws IOException {
        assertTrue(Files.isRegularFile(p), "missing " + p);
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    /** The interfaces: one per WIT file. */
    private static List<String> interfaces() {
        List<String> names = new ArrayList<String>();
        File[] files = root().resolve("hal/wit").toFile().listFiles();
        for (File f : files == null ? new File[0] : files) {
            if (f.getName().endsWith(".wit")) {
                names.add(f.getName().substring(0, f.getName().length() - 4));
            }
        }
        Collections.sort(names);
        return names;
    }

    // ---- WIT: the definition. Each function's core-wasm ABI is written as ABI: "name" (params) -> ...

    static Map<String, Signature> witFunctions(String wit) {
        Map<String, Signature> functions = new LinkedHashMap<String, Signature>();
        Matcher m = Pattern.compile("ABI: \"([a-z0-9-]+)\" \\(([^)]*)\\) ->").matcher(wit);
        while (m.find()) {
            List<String> params = new ArrayList<String>();
            for (String p : split(m.group(2))) {
                params.add("i32");
            }
            Signature s = new Signature(m.group(1), params, "i32");
            Signature before = functions.put(s.name, s);
            // A function may be documented under several resources (read); they must agree.
            assertTrue(before == null || before.params.equals(s.params), "two ABIs for " + s.name + " in WIT");
        }
        return functions;
    }

    static String witPackage(String wit) {
        Matcher m = Pattern.compile("package ([a-z]+:[a-z0-9-]+)@").matcher(wit);
        assertTrue(m.find(), "WIT package line");
        return m.group(1);
    }

    /** The cases of a variant or enum, or the members of a flags, in order. */
    static List<String> witCases(String wit, String kind, String name) {
        Matcher m = Pattern.compile(kind + " " + name + " \\{([^}]*)\\}").matcher(wit);
        assertTrue(m.find(), kind + " " + name + " in WIT");
        List<String> cases = new ArrayList<String>();
        for (String line : m.group(1).split("\n")) {
            if (line.trim().startsWith("//")) {
                continue; // doc comments hold commas of their own
            }
            for (String part : line.split(",")) {
                if (!part.trim().isEmpty()) {
                    cases.add(part.trim());
                }
            }
        }
        return cases;
    }

    // ---- C

    static Map<String, Signature> cFunctions(String header) {
        Map<String, Signature> functions = new LinkedHashMap<String, Signature>();
        Matcher m = Pattern.compile("WEIR_[A-Z]+_IMPORT\\(\"([a-z0-9-]+)\"\\)\\s+(\\w+)\\s+\\w+\\(([^)]*)\\);").matcher(header);
        while (m.find()) {
            List<String> params = new ArrayList<String>();
            for (String p : split(m.group(3))) {
                if (!"void".equals(p)) {
                    params.add(cType(p));
                }
            }
            functions.put(m.group(1), new Signature(m.group(1), params, cType(m.group(2) + " r")));
        }
        return functions;
    }

    private static String cType(String declaration) {
        if (declaration.contains("*")) {
            return "i32"; // a wasm32 address
        }
        String type = declaration.trim().split("\\s+")[0];
        switch (type) {
            case "int32_t": case "uint32_t":
                return "i32";
            case "int64_t": case "uint64_t":
                return "i64";
            default:
                return "unknown C type " + type;
        }
    }

    static String cImportModule(String header) {
        Matcher m = Pattern.compile("import_module\\(\"([^\"]+)\"\\)").matcher(header);
        assertTrue(m.find(), "import_module in the C header");
        return m.group(1);
    }

    /** NAME = VALUE members of the C enum whose constants start with prefix, by WIT case name. */
    static Map<String, Integer> cEnum(String header, String enumName, String prefix) {
        Matcher m = Pattern.compile("enum " + enumName + " \\{([^}]*)\\}").matcher(header);
        assertTrue(m.find(), "enum " + enumName + " in the C header");
        return constants(m.group(1), prefix + "(\\w+) = (\\d+)");
    }

    static Map<String, Integer> cDefines(String header, String prefix, List<String> names) {
        Map<String, Integer> values = new LinkedHashMap<String, Integer>();
        for (String name : names) {
            String constant = prefix + name.toUpperCase().replace('-', '_');
            Matcher m = Pattern.compile("#define " + constant + "\\s+\\(?(\\d+)(?: << (\\d+))?\\)?").matcher(header);
            if (m.find()) {
                values.put(name, m.group(2) == null ? Integer.parseInt(m.group(1))
                        : Integer.parseInt(m.group(1)) << Integer.parseInt(m.group(2)));
            }
        }
        return values;
    }

    /** The names array of weir_*_strerror, index = code. */
    static List<String> cStrerror(String header) {
        Matcher m = Pattern.compile("names\\[\\] = \\{([^}]*)\\}").matcher(header);
        assertTrue(m.find(), "strerror names in the C header");
        List<String> names = new ArrayList<String>();
        Matcher s = Pattern.compile("\"([^\"]*)\"").matcher(m.group(1));
        while (s.find()) {
            names.add(s.group(1));
        }
        return names;
    }

    // ---- Rust

    /** The body of `pub mod NAME { ... }` in sys.rs (up to the next top-level item). */
    static String rustSysModule(String sys, String name) {
        int start = sys.indexOf("pub mod " + name + " {");
        assertTrue(start >= 0, "pub mod " + name + " in guests/rust/weir/src/sys.rs");
        int end = sys.indexOf("\n}\n", start);
        return sys.substring(start, end < 0 ? sys.length() : end);
    }

    static Map<String, Signature> rustFunctions(String module) {
        Map<String, Signature> functions = new LinkedHashMap<String, Signature>();
        Matcher m = Pattern.compile("#\\[link_name = \"([a-z0-9-]+)\"\\] pub fn \\w+\\(([^)]*)\\) -> (\\w+);").matcher(module);
        while (m.find()) {
            List<String> params = new ArrayList<String>();
            for (String p : split(m.group(2))) {
                String type = p.substring(p.indexOf(':') + 1).trim();
                params.add(type.startsWith("*") ? "i32" : type);
            }
            functions.put(m.group(1), new Signature(m.group(1), params, m.group(3)));
        }
        return functions;
    }

    static String rustImportModule(String module) {
        Matcher m = Pattern.compile("wasm_import_module = \"([^\"]+)\"").matcher(module);
        assertTrue(m.find(), "wasm_import_module in sys.rs");
        return m.group(1);
    }

    /** Members NAME = VALUE of `pub enum enumName`, by WIT case name (CamelCase to kebab-case). */
    static Map<String, Integer> rustEnum(String source, String enumName) {
        Matcher m = Pattern.compile("pub enum " + enumName + " \\{([^}]*)\\}").matcher(source);
        assertTrue(m.find(), "pub enum " + enumName);
        Map<String, Integer> values = new LinkedHashMap<String, Integer>();
        Matcher c = Pattern.compile("(?m)^\\s*([A-Z]\\w*) = (\\d+),").matcher(m.group(1));
        while (c.find()) {
            values.put(kebab(c.group(1)), Integer.parseInt(c.group(2)));
        }
        return values;
    }

    /** Error::Name => "name" pairs of the Rust name() method. */
    static Map<String, String> rustErrorNames(String source) {
        Map<String, String> names = new LinkedHashMap<String, String>();
        Matcher m = Pattern.compile("Error::(\\w+) => \"([a-z-]+)\"").matcher(source);
        while (m.find()) {
            names.put(kebab(m.group(1)), m.group(2));
        }
        return names;
    }

    /** pub const NAME: Flags = Flags(1 << N) constants, by WIT member name. */
    static Map<String, Integer> rustFlags(String source, List<String> members) {
        Map<String, Integer> values = new LinkedHashMap<String, Integer>();
        for (String member : members) {
            Matcher m = Pattern.compile("pub const " + member.toUpperCase().replace('-', '_')
                    + ": Flags = Flags\\(1 << (\\d+)\\);").matcher(source);
            if (m.find()) {
                values.put(member, 1 << Integer.parseInt(m.group(1)));
            }
        }
        return values;
    }

    // ---- helpers

    private static List<String> split(String list) {
        List<String> parts = new ArrayList<String>();
        for (String p : list.split(",")) {
            if (!p.trim().isEmpty()) {
                parts.add(p.trim());
            }
        }
        return parts;
    }

    private static Map<String, Integer> constants(String body, String regex) {
        Map<String, Integer> values = new LinkedHashMap<String, Integer>();
        Matcher m = Pattern.compile(regex).matcher(body);
        while (m.find()) {
            values.put(m.group(1).toLowerCase().replace('_', '-'), Integer.parseInt(m.group(2)));
        }
        return values;
    }

    static String kebab(String camel) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                b.append('-');
            }
            b.append(Character.toLowerCase(c));
        }
        return b.toString();
    }

    /** WIT case i has ABI code i + 1. */
    private static Map<String, Integer> codes(List<String> cases) {
        Map<String, Integer> codes = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < cases.size(); i++) {
            codes.put(cases.get(i), i + 1);
        }
        return codes;
    }

    private static Map<String, Integer> positions(List<String> cases, boolean bits) {
        Map<String, Integer> values = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < cases.size(); i++) {
            values.put(cases.get(i), bits ? 1 << i : i);
        }
        return values;
    }

    private static String describe(Map<String, Signature> functions) {
        StringBuilder b = new StringBuilder();
        for (Signature s : functions.values()) {
            b.append("\n  ").append(s);
        }
        return b.toString();
    }

    // ---- the checks

    @Test
    void everyInterfaceHasAWitFileAHeaderRustWrappersAndAHost() {
        assertTrue(interfaces().contains("gpio") && interfaces().contains("camera"), interfaces().toString());
        for (String name : interfaces()) {
            assertTrue(Files.isRegularFile(root().resolve("hal/include/weir_" + name + ".h")),
                    name + ".wit has no C header hal/include/weir_" + name + ".h");
            assertTrue(Files.isRegularFile(root().resolve("guests/rust/weir/src/" + name + ".rs")),
                    name + ".wit has no Rust wrappers guests/rust/weir/src/" + name + ".rs");
            assertTrue(HOSTS.containsKey(name), name + ".wit has no host in InterfaceDriftTest.HOSTS");
        }
    }

    @Test
    void functionsAgreeInNameParametersAndResult() throws IOException {
        String sys = read(root().resolve("guests/rust/weir/src/sys.rs"));
        for (String name : interfaces()) {
            String wit = read(root().resolve("hal/wit/" + name + ".wit"));
            String header = read(root().resolve("hal/include/weir_" + name + ".h"));
            String rust = rustSysModule(sys, name);
            String module = witPackage(wit);
            assertEquals(module, cImportModule(header), "C import module of " + name);
            assertEquals(module, rustImportModule(rust), "Rust import module of " + name);

            Map<String, Signature> w = witFunctions(wit);
            Map<String, Signature> c = cFunctions(header);
            Map<String, Signature> r = rustFunctions(rust);
            assertTrue(!w.isEmpty(), "no ABI lines in " + name + ".wit");
            assertEquals(new TreeSet<String>(w.keySet()), new TreeSet<String>(c.keySet()),
                    name + ": WIT and C name different functions");
            assertEquals(new TreeSet<String>(w.keySet()), new TreeSet<String>(r.keySet()),
                    name + ": WIT and Rust name different functions");
            assertEquals(new TreeSet<String>(w.keySet()), new TreeSet<String>(HOSTS.get(name).names()),
                    name + ": WIT and the host name different functions");
            for (Signature s : w.values()) {
                assertEquals(s.toString(), c.get(s.name).toString(), name + " in C" + describe(c));
                assertEquals(s.toString(), r.get(s.name).toString(), name + " in Rust" + describe(r));
            }
        }
    }

    @Test
    void theHostLinksAModuleImportingEveryWitFunctionWithItsTypes() throws IOException {
        for (String name : interfaces()) {
            String wit = read(root().resolve("hal/wit/" + name + ".wit"));
            byte[] module = importer(witPackage(wit), witFunctions(wit).values());
            Linker linker = new Linker(new Store());
            HOSTS.get(name).define(linker);
            try {
                linker.instantiate(Wasm.parse(module));
            } catch (LinkException e) {
                fail(name + ": the host does not match its WIT: " + e.getMessage());
            }
        }
    }

    /**
     * The debug page's JavaScript hosts (board-ports, weir debug) list each interface's functions
     * and core types in WEIR_INTERFACES: the same names and parameter counts as the WIT.
     */
    @Test
    void theDebugPagesHostsAgreeWithTheWit() throws IOException {
        String js = read(root().resolve("board-ports/src/main/resources/dev/weir/board/debug/hosts.js"));
        for (String name : interfaces()) {
            String wit = read(root().resolve("hal/wit/" + name + ".wit"));
            Matcher block = Pattern.compile("'" + Pattern.quote(witPackage(wit)) + "': \\{([^}]*)\\}").matcher(js);
            assertTrue(block.find(), "the debug page (hosts.js WEIR_INTERFACES) has no " + witPackage(wit));
            Map<String, Integer> page = new java.util.TreeMap<String, Integer>();
            Matcher f = Pattern.compile("'([a-z0-9-]+)': '([^']*)->\\s*i32'").matcher(block.group(1));
            while (f.find()) {
                String params = f.group(2).trim();
                page.put(f.group(1), params.isEmpty() ? 0 : params.split("\\s+").length);
            }
            Map<String, Integer> expected = new java.util.TreeMap<String, Integer>();
            for (Signature sig : witFunctions(wit).values()) {
                expected.put(sig.name, sig.params.size());
            }
            assertEquals(expected, page, name + ": the debug page's functions and parameter counts");
        }
    }

    @Test
    void errorCodesAndNamesAgree() throws IOException {
        String[][] errors = {{"gpio", "gpio-error", "weir_gpio_error", "WEIR_GPIO_"},
            {"camera", "camera-error", "weir_camera_error", "WEIR_CAMERA_"},
            {"messaging", "messaging-error", "weir_messaging_error", "WEIR_MESSAGING_"}};
        // weir:identity has one error (an enum in its WIT, a #define in C): checked by hand here.
        assertEquals(Integer.valueOf(1), rustEnum(read(root().resolve("guests/rust/weir/src/identity.rs")), "Error").get("no-identity"));
        assertTrue(read(root().resolve("hal/include/weir_identity.h")).contains("#define WEIR_IDENTITY_NO_IDENTITY 1"));
        for (String[] e : errors) {
            String wit = read(root().resolve("hal/wit/" + e[0] + ".wit"));
            String header = read(root().resolve("hal/include/weir_" + e[0] + ".h"));
            String rust = read(root().resolve("guests/rust/weir/src/" + e[0] + ".rs"));
            Map<String, Integer> expected = codes(witCases(wit, "variant", e[1]));
            assertEquals(expected, cEnum(header, e[2], e[3]), e[0] + ": C error codes");
            assertEquals(expected, rustEnum(rust, "Error"), e[0] + ": Rust error codes");
            List<String> strerror = cStrerror(header);
            assertEquals(expected.size() + 1, strerror.size(), e[0] + ": C strerror names");
            for (Map.Entry<String, Integer> c : expected.entrySet()) {
                assertEquals(c.getKey(), strerror.get(c.getValue()), e[0] + ": C strerror of " + c.getValue());
                assertEquals(c.getKey(), rustErrorNames(rust).get(c.getKey()), e[0] + ": Rust name() of " + c.getKey());
            }
        }
    }

    @Test
    void flagsAndEnumsAgree() throws IOException {
        String gpioWit = read(root().resolve("hal/wit/gpio.wit"));
        String gpioH = read(root().resolve("hal/include/weir_gpio.h"));
        String gpioRs = read(root().resolve("guests/rust/weir/src/gpio.rs"));
        List<String> flags = witCases(gpioWit, "flags", "digital-flags");
        assertEquals(positions(flags, true), cDefines(gpioH, "WEIR_GPIO_", flags), "digital-flags in C");
        assertEquals(positions(flags, true), rustFlags(gpioRs, flags), "digital-flags in Rust");

        String cameraWit = read(root().resolve("hal/wit/camera.wit"));
        String cameraH = read(root().resolve("hal/include/weir_camera.h"));
        String cameraRs = read(root().resolve("guests/rust/weir/src/camera.rs"));
        List<String> formats = witCases(cameraWit, "enum", "pixel-format");
        assertEquals(positions(formats, false), cDefines(cameraH, "WEIR_CAMERA_", formats), "pixel-format in C");
        Map<String, Integer> rustFormats = new LinkedHashMap<String, Integer>();
        for (Map.Entry<String, Integer> f : rustEnum(cameraRs, "PixelFormat").entrySet()) {
            rustFormats.put(f.getKey().replace("-", ""), f.getValue()); // Yuv420 is yuv420, not yuv-420
        }
        assertEquals(positions(formats, false), rustFormats, "pixel-format in Rust");
    }

    @Test
    void aDriftedDescriptionIsCaught() {
        // The parsers themselves: a changed parameter list or a renamed error is seen.
        Map<String, Signature> c = cFunctions("WEIR_GPIO_IMPORT(\"toggle\") int32_t weir_gpio_toggle(int32_t h, int32_t x);");
        Map<String, Signature> w = witFunctions("/// ABI: \"toggle\" (handle) -> 0 | -error");
        assertTrue(!c.get("toggle").toString().equals(w.get("toggle").toString()));
        assertEquals("hardware-fault", kebab("HardwareFault"));
        Map<String, Signature> r = rustFunctions("#[link_name = \"read\"] pub fn read(handle: i32, event: *mut X) -> i32;");
        assertEquals("read[i32, i32] -> i32", r.get("read").toString());
    }

    /** A module that imports each function from module with i32 parameters and an i32 result. */
    static byte[] importer(String module, java.util.Collection<Signature> functions) {
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        ByteArrayOutputStream imports = new ByteArrayOutputStream();
        List<Signature> list = new ArrayList<Signature>(functions);
        unsigned(types, list.size());
        unsigned(imports, list.size());
        for (int i = 0; i < list.size(); i++) {
            Signature s = list.get(i);
            types.write(0x60);
            unsigned(types, s.params.size());
            for (String p : s.params) {
                types.write("i64".equals(p) ? 0x7e : 0x7f);
            }
            types.write(1);
            types.write("i64".equals(s.result) ? 0x7e : 0x7f);
            name(imports, module);
            name(imports, s.name);
            imports.write(0x00);
            unsigned(imports, i);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
        out.write(header, 0, header.length);
        section(out, 1, types.toByteArray());
        section(out, 2, imports.toByteArray());
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] body) {
        out.write(id);
        unsigned(out, body.length);
        out.write(body, 0, body.length);
    }

    private static void name(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        unsigned(out, b.length);
        out.write(b, 0, b.length);
    }

    private static void unsigned(ByteArrayOutputStream out, int value) {
        int v = value;
        do {
            int b = v & 0x7f;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
