package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunOptionsTest {

    @Test
    void optionsStopAtTheModuleAndTheRestBelongsToTheProgram() throws Exception {
        RunOptions o = RunOptions.parse(new String[] {"run", "--env", "A=1", "app.wasm", "--env", "B=2"}, 1);
        assertEquals("app.wasm", o.app);
        assertEquals(java.util.Arrays.asList("A", "1"), o.env);
        assertEquals(java.util.Arrays.asList("--env", "B=2"), o.programArgs);
    }

    @Test
    void doubleDashEndsOptions() throws Exception {
        RunOptions o = RunOptions.parse(new String[] {"--", "--odd-name.wasm", "x"}, 0);
        assertEquals("--odd-name.wasm", o.app);
        assertEquals(java.util.Collections.singletonList("x"), o.programArgs);
    }

    @Test
    void dirTakesHostGuestAndReadOnly() throws Exception {
        RunOptions.Preopen p = RunOptions.parseDir("data");
        assertEquals("data", p.host);
        assertEquals("data", p.guest);
        assertFalse(p.readOnly);
        p = RunOptions.parseDir("/srv/in::/in:ro");
        assertEquals("/srv/in", p.host);
        assertEquals("/in", p.guest);
        assertTrue(p.readOnly);
        p = RunOptions.parseDir(".::/:ro");
        assertEquals(".", p.host);
        assertEquals("/", p.guest);
        assertThrows(CliException.class, () -> RunOptions.parseDir("::/x"));
        assertThrows(CliException.class, () -> RunOptions.parseDir("x::"));
    }

    @Test
    void memorySizesAreBytesWithSuffixesOrPages() throws Exception {
        assertEquals(1, RunOptions.parseMemorySize("1"));
        assertEquals(1, RunOptions.parseMemorySize("65536"));
        assertEquals(2, RunOptions.parseMemorySize("65537"));
        assertEquals(1, RunOptions.parseMemorySize("64K"));
        assertEquals(256, RunOptions.parseMemorySize("16M"));
        assertEquals(256, RunOptions.parseMemorySize("16MiB"));
        assertEquals(16384, RunOptions.parseMemorySize("1g"));
        assertEquals(300, RunOptions.parseMemorySize("300p"));
        assertEquals(32767, RunOptions.parseMemorySize("32767p"));
        assertThrows(CliException.class, () -> RunOptions.parseMemorySize("4G"),
                "a memory is one Java array: just under 2 GiB is the most");
        assertThrows(CliException.class, () -> RunOptions.parseMemorySize("5G"));
        assertThrows(CliException.class, () -> RunOptions.parseMemorySize("0"));
        assertThrows(CliException.class, () -> RunOptions.parseMemorySize("M"));
        assertThrows(CliException.class, () -> RunOptions.parseMemorySize("1.5M"));
    }

    @Test
    void envWithoutValuePassesTheHostValueWhenSet() throws Exception {
        String path = System.getenv("PATH");
        RunOptions o = RunOptions.parse(new String[] {"--env", "PATH", "--env", "WEIR_SURELY_UNSET_42", "a.wasm"}, 0);
        if (path != null) {
            assertEquals(java.util.Arrays.asList("PATH", path), o.env);
        } else {
            assertTrue(o.env.isEmpty());
        }
    }
}
