package dev.weir.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.fleet.graph.Graph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Manifests: what they derive, and one-line errors that name the field. */
class GraphTest {
    static final String H = "sha256:" + "ab".repeat(32);

    static Graph parse(String yaml) throws FleetException {
        return Graph.parse(yaml, "g.yaml", null, null);
    }

    static String error(String yaml) {
        FleetException e = assertThrows(FleetException.class, () -> parse(yaml));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void derivesTopicsGrantsAndReplicas() throws Exception {
        Graph g = parse("graph: g\nnodes:\n  a: {hash: " + H + ", replicas: 2, grants: [camera 0]}\n"
                + "  b: {hash: " + H + ", stateful: true, requires: {labels: {zone: north}, memory: 1MiB, pins: [4]}}\n"
                + "edges:\n  - {from: a.out, to: b.in}\n");
        List<Graph.Instance> is = g.instances("mqtt://broker:1883");
        assertEquals(3, is.size());
        assertEquals("g/a#1", is.get(1).spec.instanceId());
        assertEquals(Map.of("out", "weir/app/g/a/out"), is.get(0).spec.outputs());
        assertEquals("camera 0\nmessaging broker publish=weir/app/g/a/out topic-map=out=weir/app/g/a/out\n", is.get(0).spec.grants());
        assertEquals("messaging broker subscribe=weir/app/g/a/out topic-map=in=weir/app/g/a/out\n", is.get(2).spec.grants());
        assertEquals("mqtt://broker:1883", is.get(2).spec.links().get("broker"));
        assertEquals(1 << 20, g.nodes.get("b").requires.memoryBytes);
        assertTrue(g.nodes.get("b").stateful);
        // the JSON form on F/graphs/<g> gives the same graph back
        Graph back = Graph.fromJson(Json.parseObject(Json.bytes(g.toJson())));
        assertEquals(Json.write(g.toJson()), Json.write(back.toJson()));
        assertEquals(g.grants(g.nodes.get("b")), back.grants(back.nodes.get("b")));
    }

    @Test
    void errorsNameTheField() {
        assertEquals("g.yaml: graph: missing", error("nodes: {a: {hash: " + H + "}}"));
        assertEquals("g.yaml: graph: 'My Graph' is not a name: lower-case letters, digits, - and _, at most 63",
                error("graph: My Graph\nnodes: {a: {hash: " + H + "}}"));
        assertTrue(error("graph: g\nnodes: {a: {hash: sha256:12}}").startsWith("g.yaml: nodes.a.hash: expected sha256:"));
        assertTrue(error("graph: g\nnodes: {a: {hash: " + H + ", replicas: 0}}").startsWith("g.yaml: nodes.a.replicas:"));
        assertTrue(error("graph: g\nnodes: {a: {hash: " + H + ", requires: {pins: [x]}}}").startsWith("g.yaml: nodes.a.requires.pins:"));
        assertTrue(error("graph: g\nnodes: {a: {hash: " + H + ", requires: {memory: lots}}}")
                .startsWith("g.yaml: nodes.a.requires.memory: 'lots': expected bytes"));
        assertTrue(error("graph: g\nnodes: {a: {hash: " + H + ", color: red}}").startsWith("g.yaml: nodes.a.color: unknown field"));
        assertTrue(error("graph: g\nnodes: {a: {hash: " + H + "}}\nedges: [{from: a.out, to: b.in}]")
                .startsWith("g.yaml: edges[0].to: no node 'b'"));
        assertTrue(error("graph: g\nnodes: {a: {hash: " + H + "}}\nedges: [{from: a, to: a.in}]")
                .startsWith("g.yaml: edges[0].from: 'a': expected NODE.PORT"));
        assertTrue(error("graph: g\nnodes: {a: {hash: " + H + ", grants: [gpio x output]}}").contains("nodes.a.grants"));
        assertTrue(error("graph: g\nnodes: {a: {hash: " + H + ", grants: [messaging broker publish=x]}}")
                .startsWith("g.yaml: nodes.a.grants: 'messaging broker' is derived from the edges"));
        assertTrue(error("graph: g\nnodes: [a, b]").startsWith("g.yaml: nodes: expected a mapping"));
        assertTrue(error("graph: g\nnodes: {a: {hash: " + H + "}\n").startsWith("g.yaml:"), "YAML syntax error with a line");
        assertTrue(error("graph: g\noverload: 2\nnodes: {a: {hash: " + H + "}}").startsWith("g.yaml: overload:"));
    }

    @Test
    void jsonRoundTrips() throws Exception {
        String text = "{\"v\":1,\"s\":\"a\\\"b\\n\\u00e9\",\"n\":-12,\"d\":0.5,\"l\":[true,false,null,{}],\"o\":{\"x\":[]}}";
        assertEquals(text.replace("\\u00e9", "\u00e9"), Json.write(Json.parse(text)));
        FleetException e = assertThrows(FleetException.class, () -> Json.parse("{\"a\":}"));
        assertEquals("json: unexpected character '}' at offset 5", e.getMessage());
    }
}
