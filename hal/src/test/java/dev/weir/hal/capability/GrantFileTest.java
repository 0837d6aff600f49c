package dev.weir.hal.capability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.hal.gpio.GpioGrant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrantFileTest {
    private final GrantFile file = new GrantFile().register("gpio", GpioGrant.PARSER);

    @Test
    void readsEveryModeWithDefaultsCommentsAndBlankLines() {
        List<Grant> grants = file.parse("# example\n\ngpio 17 output initial=1 shutdown=0  # LED\n"
                + "gpio GPIO27 input pull=up edge=falling\n\tgpio 18 pwm frequency=50..1000\ngpio 5 input\n"
                + "gpio 6 pwm frequency=440\r\n", "app.grants");
        assertEquals(5, grants.size());
        GpioGrant led = (GpioGrant) grants.get(0);
        assertEquals(17, led.pin());
        assertEquals(GpioGrant.OUTPUT, led.mode());
        assertEquals(1, led.initial());
        assertEquals(0, led.shutdown());
        assertEquals("app.grants:3", led.origin());
        GpioGrant button = (GpioGrant) grants.get(1);
        assertEquals(27, button.pin());
        assertEquals(GpioGrant.PULL_UP, button.pull());
        assertEquals(GpioGrant.EDGE_FALLING, button.edges());
        GpioGrant pwm = (GpioGrant) grants.get(2);
        assertEquals(50, pwm.minHz());
        assertEquals(1000, pwm.maxHz());
        assertEquals("gpio 5 input pull=none edge=none", grants.get(3).describe());
        assertEquals(440, ((GpioGrant) grants.get(4)).maxHz());
    }

    @Test
    void errorsNameFileLineAndProblem() {
        assertEquals("a.grants:2: unknown capability 'camera' (known: gpio)",
                assertThrows(GrantSyntaxException.class, () -> file.parse("\ncamera 0", "a.grants")).getMessage());
        assertEquals("a.grants:1: unknown gpio mode 'out' (use input, output or pwm)",
                assertThrows(GrantSyntaxException.class, () -> file.parse("gpio 17 out", "a.grants")).getMessage());
        assertEquals("a.grants:1: 'led' is not a pin: use a BCM number such as 17 or GPIO17",
                assertThrows(GrantSyntaxException.class, () -> file.parse("gpio led output", "a.grants")).getMessage());
        assertEquals("a.grants:1: pull=sideways: expected one of none, up, down",
                assertThrows(GrantSyntaxException.class, () -> file.parse("gpio 4 input pull=sideways", "a.grants"))
                        .getMessage());
        assertEquals("a.grants:1: 'pull' is not an option of a gpio output grant (initial, shutdown)",
                assertThrows(GrantSyntaxException.class, () -> file.parse("gpio 4 output pull=up", "a.grants"))
                        .getMessage());
        assertEquals("--grant: pwm frequency range 900..100 is empty",
                assertThrows(GrantSyntaxException.class,
                        () -> file.parseLine("gpio 18 pwm frequency=900..100", "--grant")).getMessage());
        assertEquals("a.grants:1: a gpio grant needs a pin and a mode: gpio PIN input|output|pwm [OPTIONS]",
                assertThrows(GrantSyntaxException.class, () -> file.parse("gpio 4", "a.grants")).getMessage());
    }
}
