package dev.weir.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsAWast2JsonCommand() {
        Object value = Json.parse("{\"type\": \"assert_return\", \"line\": 56, \"action\": {\"type\": \"invoke\", "
                + "\"field\": \"add\", \"args\": [{\"type\": \"i32\", \"value\": \"1\"}]}, \"expected\": []}");
        Map<?, ?> command = (Map<?, ?>) value;
        assertEquals("assert_return", command.get("type"));
        assertEquals(56L, command.get("line"));
        Map<?, ?> action = (Map<?, ?>) command.get("action");
        assertEquals(List.of(Map.of("type", "i32", "value", "1")), action.get("args"));
        assertEquals(List.of(), command.get("expected"));
    }

    @Test
    void keepsObjectKeysInDocumentOrder() {
        Map<?, ?> map = (Map<?, ?>) Json.parse("{\"z\": 1, \"a\": 2, \"m\": 3}");
        assertEquals(List.of("z", "a", "m"), List.copyOf(map.keySet()));
    }

    @Test
    void decodesStringEscapesIncludingSurrogatePairs() {
        assertEquals("\u0000\n\"\\/\t\u00c5\ud83d\ude00",
                Json.parse("\"\\u0000\\n\\\"\\\\\\/\\t\\u00c5\\ud83d\\ude00\""));
    }

    @Test
    void keepsRawNonAsciiCharacters() {
        assertEquals("\ufeff\u00c5", Json.parse("\"\ufeff\u00c5\""));
    }

    @Test
    void readsNumbersLiteralsAndNesting() {
        assertEquals(-12L, Json.parse("-12"));
        assertEquals(1.5e3, Json.parse("1.5e3"));
        assertEquals(Boolean.TRUE, Json.parse(" true "));
        assertNull(Json.parse("null"));
        assertEquals(List.of(List.of(), Map.of()), Json.parse("[[], {}]"));
    }

    @Test
    void namesTheOffsetOfAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": tru}"));
        assertTrue(e.getMessage().contains("offset 6"), e.getMessage());
    }

    @Test
    void rejectsTruncatedAndTrailingInput() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"abc"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} {}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"\\x\""));
        assertThrows(IllegalArgumentException.class, () -> Json.parse(""));
    }
}
