package dev.weir.hal.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicsTest {
    private static boolean name(String s) {
        byte[] b = Topics.bytes(s);
        return Topics.isValidName(b, 0, b.length);
    }

    private static boolean filter(String s) {
        byte[] b = Topics.bytes(s);
        return Topics.isValidFilter(b, 0, b.length);
    }

    private static boolean matches(String filter, String topic) {
        byte[] t = Topics.bytes(topic);
        return Topics.matches(Topics.bytes(filter), t, 0, t.length);
    }

    private static boolean covers(String granted, String wanted) {
        byte[] w = Topics.bytes(wanted);
        return Topics.covers(Topics.bytes(granted), w, 0, w.length);
    }

    @Test
    void topicNamesRejectWildcardsNulDotLevelsAndEmptiness() {
        assertTrue(name("sensors/a/temperature"));
        assertTrue(name("/leading/slash"));
        assertTrue(name("a//b"));
        assertFalse(name(""));
        assertFalse(name("sensors/+/temperature"));
        assertFalse(name("sensors/#"));
        assertFalse(name("a\u0000b"));
        assertFalse(name("sensors/../actuators"));
        assertFalse(name("sensors/./x"));
        assertFalse(name(".."));
        assertTrue(name("sensors/a..b/x"));
        assertFalse(name(new String(new char[Topics.MAX_LENGTH + 1]).replace('\0', 'a')));
    }

    @Test
    void filtersAllowWildcardsOnlyAsWholeLevels() {
        assertTrue(filter("sensors/+/temperature"));
        assertTrue(filter("sensors/#"));
        assertTrue(filter("#"));
        assertTrue(filter("+"));
        assertFalse(filter("sensors/a#"));
        assertFalse(filter("sensors/#/x"));
        assertFalse(filter("sensors/te+"));
        assertFalse(filter("sensors/../#"));
    }

    @Test
    void matchingFollowsMqtt() {
        assertTrue(matches("sensors/+/temperature", "sensors/a/temperature"));
        assertFalse(matches("sensors/+/temperature", "sensors/a/b/temperature"));
        assertTrue(matches("sensors/#", "sensors/a/b"));
        assertTrue(matches("sensors/#", "sensors"));
        assertFalse(matches("sensors/#", "sensorsx"));
        assertTrue(matches("a/+", "a/"));
        assertFalse(matches("a/b", "a/b/c"));
        assertFalse(matches("a/b/c", "a/b"));
        assertFalse(matches("#", "$SYS/broker"));
        assertFalse(matches("+/broker", "$SYS/broker"));
        assertTrue(matches("$SYS/#", "$SYS/broker"));
    }

    @Test
    void aModuleCannotWidenAGrantWithWildcards() {
        assertTrue(covers("sensors/+/temperature", "sensors/a/temperature"));
        assertTrue(covers("sensors/+/temperature", "sensors/+/temperature"));
        assertFalse(covers("sensors/+/temperature", "sensors/#"));
        assertFalse(covers("sensors/+/temperature", "sensors/+/#"));
        assertFalse(covers("sensors/+/temperature", "+/+/temperature"));
        assertFalse(covers("sensors/a", "sensors/+"));
        assertFalse(covers("sensors/a", "#"));
        assertTrue(covers("sensors/#", "sensors/+/x/#"));
        assertTrue(covers("sensors/#", "sensors"));
        assertFalse(covers("sensors/+", "sensors/a/b"));
        assertFalse(covers("sensors/+", "sensors"));
        assertFalse(covers("#", "$SYS/#"));
    }
}
