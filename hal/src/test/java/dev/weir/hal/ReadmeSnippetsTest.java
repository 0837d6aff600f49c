package dev.weir.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets are code: each is compiled as it stands there, against core and
 * hal, and run; what it prints is checked. A snippet that stops compiling or running fails here.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

    /** The snippets, by class name: the program's argument and what its output must contain. */
    private static final Map<String, String[]> EXPECTED = new LinkedHashMap<String, String[]>();

    static {
        EXPECTED.put("Greet", new String[] {"examples/embedding/greet.wasm",
            "hello from wasm\nhello from wasm\ngreet returned 15\n"});
        EXPECTED.put("Hello", new String[] {"examples/hello/hello.wasm", "the module wrote: Hello"});
    }

    @Test
    void everyJavaSnippetInTheReadmeCompilesAndRuns() throws Exception {
        String readme = new String(Files.readAllBytes(ROOT.resolve("README.md")), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        Path dir = Files.createTempDirectory("weir-readme");
        List<String> names = new ArrayList<String>();
        while (block.find()) {
            String source = block.group(1);
            Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
            assertTrue(name.find(), "a README Java snippet without a public class:\n" + source);
            names.add(name.group(1));
            Files.write(dir.resolve(name.group(1) + ".java"), source.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(new ArrayList<String>(EXPECTED.keySet()), names, "the README's Java snippets");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests need a JDK (javax.tools)");
        List<String> args = new ArrayList<String>(Arrays.asList("-d", dir.toString(),
                "-cp", System.getProperty("java.class.path"), "-Xlint:all", "-Werror"));
        for (String name : names) {
            args.add(dir.resolve(name + ".java").toString());
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, args.toArray(new String[0]));
        assertEquals(0, status, "README snippets do not compile:\n" + diagnostics);

        for (String name : names) {
            String[] expected = EXPECTED.get(name);
            String output = run(dir, name, ROOT.resolve(expected[0]).toString());
            assertTrue(output.contains(expected[1]), name + " printed:\n" + output);
        }
    }

    private static String run(Path classes, String name, String arg) throws Exception {
        List<URL> urls = new ArrayList<URL>();
        urls.add(classes.toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        PrintStream before = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), null)) {
            Method main = loader.loadClass(name).getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, "UTF-8"));
            main.invoke(null, (Object) new String[] {arg});
        } catch (IOException e) {
            throw e;
        } finally {
            System.setOut(before);
        }
        return new String(captured.toByteArray(), StandardCharsets.UTF_8);
    }
}
