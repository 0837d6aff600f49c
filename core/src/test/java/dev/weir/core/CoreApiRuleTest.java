package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.core.internal.binary.ModuleDecoder;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps core runnable on compact1 JVMs without invokedynamic support: reads every class file that
 * core's build produced, parses the constant pool and member descriptors itself, and fails on any
 * referenced type outside {@link #ALLOWED_PACKAGES} (reflection and java.lang.invoke included) and
 * on any invokedynamic, which is what lambdas, method references and Java 9+ string concatenation
 * compile to.
 */
class CoreApiRuleTest {

    /**
     * Packages core may use: a subset of the compact1 profile (java.util.function and
     * java.util.stream are in compact1 but drag in lambdas; reflection is slow and unavailable to
     * some AOT setups), plus core itself.
     */
    static final Set<String> ALLOWED_PACKAGES = new HashSet<String>(Arrays.asList(
        "java/lang", "java/lang/annotation", "java/lang/ref", "java/io", "java/math", "java/nio",
        "java/nio/charset", "java/util", "java/util/concurrent", "java/util/concurrent/atomic",
        "java/util/concurrent/locks"));

    private static final String OWN_PREFIX = "dev/weir/core/";

    @Test
    void coreReferencesOnlyCompact1TypesAndNoInvokedynamic() throws IOException, URISyntaxException {
        Path classes = Paths.get(ModuleDecoder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files = classFiles(classes);
        assertTrue(files.size() > 20, "expected core's classes in " + classes + ", found " + files.size());
        assertTrue(files.contains(classes.resolve("dev/weir/core/internal/binary/ModuleDecoder.class")),
            "ModuleDecoder.class not among " + classes);

        Set<String> violations = new TreeSet<String>();
        for (Path file : files) {
            violations.addAll(check(Files.readAllBytes(file)));
        }
        if (!violations.isEmpty()) {
            StringBuilder sb = new StringBuilder("core/src/main breaks the API rules (compact1, no reflection, "
                + "no lambdas); class -> offending reference:");
            for (String v : violations) {
                sb.append("\n  ").append(v);
            }
            fail(sb.toString());
        }
    }

    /**
     * The layers of core (issue 12): the API package on top, the engine's internal packages below
     * it, the module description at the bottom; references only point down, so no two packages
     * depend on each other, and nothing in the engine names the API it serves.
     */
    @Test
    void corePackagesFormLayersWithoutCycles() throws IOException, URISyntaxException {
        Path classes = Paths.get(ModuleDecoder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.util.Map<String, Set<String>> edges = new java.util.TreeMap<String, Set<String>>();
        for (Path file : classFiles(classes)) {
            Set<String> referenced = new TreeSet<String>();
            String className = parse(Files.readAllBytes(file), referenced, new ArrayList<String>());
            String from = packageOf(className.replace('.', '/'));
            if (from.startsWith("dev/weir/core/internal/jit/generated")) {
                continue;
            }
            for (String type : referenced) {
                String to = packageOf(type);
                if (type.startsWith(OWN_PREFIX) && !to.equals(from)) {
                    Set<String> targets = edges.get(from);
                    if (targets == null) {
                        targets = new TreeSet<String>();
                        edges.put(from, targets);
                    }
                    targets.add(to + " (" + className + " -> " + type + ")");
                }
            }
        }
        List<String> layers = Arrays.asList("dev/weir/core", "dev/weir/core/internal/validate",
                "dev/weir/core/internal/binary", "dev/weir/core/internal/jit", "dev/weir/core/internal/compile",
                "dev/weir/core/module");
        List<String> upward = new ArrayList<String>();
        for (java.util.Map.Entry<String, Set<String>> e : edges.entrySet()) {
            int from = layers.indexOf(e.getKey());
            assertTrue(from >= 0, "package " + e.getKey() + " is in no layer of CoreApiRuleTest");
            for (String edge : e.getValue()) {
                String to = edge.substring(0, edge.indexOf(' '));
                if (layers.indexOf(to) <= from) {
                    upward.add(e.getKey() + " -> " + edge);
                }
            }
        }
        assertEquals(new ArrayList<String>(), upward, "references that point up or sideways between core's layers");
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }

    @Test
    void theCheckerFlagsLambdasReflectionAndStreams() throws IOException {
        List<String> lambda = check(classBytes(UsesALambda.class));
        assertTrue(contains(lambda, "invokedynamic"), lambda.toString());
        List<String> reflection = check(classBytes(UsesReflection.class));
        assertTrue(contains(reflection, "java.lang.reflect.Method"), reflection.toString());
        List<String> function = check(classBytes(TakesAFunction.class));
        assertTrue(contains(function, "java.util.function.IntUnaryOperator"), function.toString());
    }

    @Test
    void theCheckerAcceptsPlainCode() throws IOException {
        assertEquals(new ArrayList<String>(), check(classBytes(Plain.class)));
    }

    private static boolean contains(List<String> violations, String text) {
        for (String v : violations) {
            if (v.contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> classFiles(Path root) throws IOException {
        final List<Path> files = new ArrayList<Path>();
        Files.walkFileTree(root, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.toString().endsWith(".class")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        InputStream in = type.getClassLoader().getResourceAsStream(resource);
        try {
            byte[] buffer = new byte[8192];
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            in.close();
        }
    }

    // ---- a minimal class-file reader (JVMS chapter 4) ------------------------------------------------

    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELD_REF = 9;
    private static final int METHOD_REF = 10;
    private static final int INTERFACE_METHOD_REF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    /** Violations of one class file, each "class -> what". */
    static List<String> check(byte[] classFile) throws IOException {
        Set<String> referenced = new TreeSet<String>();
        List<String> violations = new ArrayList<String>();
        String className = parse(classFile, referenced, violations);
        for (String type : referenced) {
            String problem = forbidden(type);
            if (problem != null) {
                violations.add(className + " -> " + type.replace('/', '.') + " (" + problem + ")");
            }
        }
        return violations;
    }

    /** Reads a class file: returns its name, adds the types it references and its invokedynamic uses. */
    private static String parse(byte[] classFile, Set<String> referenced, List<String> violations) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case UTF8: utf8[i] = in.readUTF(); break;
                case INTEGER: case FLOAT: in.readInt(); break;
                case LONG: case DOUBLE: in.readLong(); i++; break;
                case CLASS: case STRING: case METHOD_TYPE: case MODULE: case PACKAGE:
                    first[i] = in.readUnsignedShort();
                    break;
                case FIELD_REF: case METHOD_REF: case INTERFACE_METHOD_REF: case NAME_AND_TYPE:
                case DYNAMIC: case INVOKE_DYNAMIC:
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                    break;
                case METHOD_HANDLE:
                    first[i] = in.readUnsignedByte();
                    second[i] = in.readUnsignedShort();
                    break;
                default:
                    throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        in.readUnsignedShort();
        String className = utf8[first[in.readUnsignedShort()]].replace('/', '.');
        in.readUnsignedShort();

        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case CLASS: addTypes(utf8[first[i]], referenced); break;
                case NAME_AND_TYPE: addDescriptorTypes(utf8[second[i]], referenced); break;
                case METHOD_TYPE: addDescriptorTypes(utf8[first[i]], referenced); break;
                case INVOKE_DYNAMIC: case DYNAMIC:
                    violations.add(className + " -> invokedynamic (lambda, method reference or indy string concat)");
                    break;
                default: break;
            }
        }
        int interfaces = in.readUnsignedShort();
        for (int i = 0; i < interfaces; i++) {
            in.readUnsignedShort();
        }
        for (int members = 0; members < 2; members++) {
            int n = in.readUnsignedShort();
            for (int i = 0; i < n; i++) {
                in.readUnsignedShort();
                in.readUnsignedShort();
                addDescriptorTypes(utf8[in.readUnsignedShort()], referenced);
                skipAttributes(in);
            }
        }
        int attributes = in.readUnsignedShort();
        for (int i = 0; i < attributes; i++) {
            String name = utf8[in.readUnsignedShort()];
            int length = in.readInt();
            if ("BootstrapMethods".equals(name)) {
                violations.add(className + " -> BootstrapMethods attribute (lambdas or invokedynamic)");
            }
            in.skipBytes(length);
        }
        return className;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            in.readUnsignedShort();
            in.skipBytes(in.readInt());
        }
    }

    /** A CONSTANT_Class name is an internal name, or an array descriptor. */
    private static void addTypes(String name, Set<String> out) {
        if (name.startsWith("[")) {
            addDescriptorTypes(name, out);
        } else {
            out.add(name);
        }
    }

    /** Every class named by a field or method descriptor ("Lpkg/Name;"). */
    private static void addDescriptorTypes(String descriptor, Set<String> out) {
        int i = 0;
        while ((i = descriptor.indexOf('L', i)) >= 0) {
            int end = descriptor.indexOf(';', i);
            if (end < 0) {
                return;
            }
            out.add(descriptor.substring(i + 1, end));
            i = end + 1;
        }
    }

    /** Why a referenced type is not allowed, or null. */
    static String forbidden(String internalName) {
        if (internalName.startsWith(OWN_PREFIX)) {
            return null;
        }
        int slash = internalName.lastIndexOf('/');
        String pkg = slash < 0 ? "" : internalName.substring(0, slash);
        if (pkg.equals("java/lang/reflect") || pkg.equals("java/lang/invoke")) {
            return "reflection and method handles are not allowed in core";
        }
        if (pkg.equals("java/util/function") || pkg.equals("java/util/stream")) {
            return "functional interfaces and streams are not allowed in core";
        }
        if (!ALLOWED_PACKAGES.contains(pkg)) {
            return "outside the compact1 subset allowed in core";
        }
        return null;
    }

    // ---- fixtures for the checker itself (test code may use anything) -----------------------------------

    static final class UsesALambda {
        Runnable task = () -> { };
    }

    static final class UsesReflection {
        Object method() throws NoSuchMethodException {
            return Object.class.getMethod("hashCode");
        }
    }

    static final class TakesAFunction {
        int apply(java.util.function.IntUnaryOperator f) {
            return f.applyAsInt(1);
        }
    }

    static final class Plain {
        private final StringBuilder sb = new StringBuilder();

        String join(long[] values) {
            for (long v : values) {
                sb.append(v).append(',');
            }
            return sb.toString();
        }
    }
}
