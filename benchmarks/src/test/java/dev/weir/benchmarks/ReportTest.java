package dev.weir.benchmarks;

import dev.weir.testsupport.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static String result(String runtime, String workload, double score, String error, double alloc) {
        return """
            {"jmhVersion":"1.37","benchmark":"dev.weir.benchmarks.WorkloadBenchmark.run","mode":"avgt",
             "forks":1,"jdkVersion":"17","jvmArgs":["-Xmx1g"],"warmupIterations":2,"warmupTime":"1 s",
             "measurementIterations":3,"measurementTime":"2 s",
             "params":{"runtime":"%s","workload":"%s","size":"default"},
             "primaryMetric":{"score":%s,"scoreError":%s,"scoreUnit":"ms/op","rawData":[[1.0,2.0]]},
             "secondaryMetrics":{"gc.alloc.rate.norm":{"score":%s,"scoreError":"NaN","scoreUnit":"B/op"}}}
            """.formatted(runtime, workload, score, error, alloc);
    }

    @Test
    void tablePairsRuntimesAndNativeTimePerWorkload() {
        String json = "[" + result("weir", "fib", 2.0, "0.1", 0.0) + ","
                + result("chicory", "fib", 50.0, "\"NaN\"", 123456.0) + ","
                + result("chicory-compiler", "fib", 3.0, "0.25", 64.0) + "]";
        Map<String, String[]> nativeRows = Report.readNative(
                List.of("default\tfib\t25\t75025\t200000\t1000", "short\tfib\t18\t2584\t6000\t50000"));
        String table = Report.markdown(json, nativeRows);
        String[] lines = table.split("\n");
        assertEquals(7, lines.length, table);
        assertTrue(lines[0].startsWith("JMH 1.37, JDK 17, JVM args [-Xmx1g]; 1 fork(s), warmup 2 x 1 s,"), lines[0]);
        assertEquals("| workload | size | n | weir (ms/op) | chicory (ms/op) | chicory / weir"
                + " | chicory-compiler (ms/op) | chicory-compiler / weir | native (ms/run) | weir / native"
                + " | weir alloc (B/op) | chicory alloc (B/op) |", lines[2]);
        assertEquals("| fib | default | 25 | 2.00 ± 0.100 | 50.00 | 25.00x | 3.00 ± 0.250 | 1.50x | 0.200 | 10.00x"
                + " | 0 | 123456 |", lines[4]);
    }

    @Test
    void missingRuntimeOrNativeShowsADash() {
        String json = "[" + result("chicory", "sobel", 300.0, "5.0", 10.0) + ","
                + result("chicory-compiler", "fir", 4.0, "\"NaN\"", 0.0) + "]";
        String table = Report.markdown(json, Map.of());
        assertTrue(table.contains("| sobel | default | - | - | 300.0 ± 5.00 | - | - | - | - | - | - | 10 |"), table);
        assertTrue(table.contains("| fir | default | - | - | - | - | 4.00 | - | - | - | - | - |"), table);
    }

    @Test
    void jsonReaderHandlesEscapesAndRejectsGarbage() {
        assertEquals(List.of("a\"b\u00e9", 1.5, true), Json.parse("[\"a\\\"b\\u00e9\", 1.5e0, true]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]"));
        assertTrue(e.getMessage().contains("offset 3"), e.getMessage());
    }
}
