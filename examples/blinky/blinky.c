/*
 * blinky: toggles an LED on GPIO 17 N times, one toggle every PERIOD milliseconds.
 *
 *   weir run --grants examples/blinky/blinky.grants --trace gpio examples/blinky/blinky.wasm [N [PERIOD]]
 *
 * N defaults to 10 and PERIOD to 100. The LED starts at the grant's initial level and goes to its
 * shutdown level when the program ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../hal/include/weir_gpio.h"

#define LED_PIN 17

int main(int argc, char **argv) {
    /* Line-buffered even into a pipe (C stdio buffers pipes fully), so each line shows up when the
     * pin change it reports does, interleaved with weir's --trace gpio lines in `make run | tee`. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    int toggles = argc > 1 ? atoi(argv[1]) : 10;
    int period_ms = argc > 2 ? atoi(argv[2]) : 100;
    if (toggles < 0 || period_ms < 0) {
        fprintf(stderr, "usage: blinky [TOGGLES [PERIOD_MS]]\n");
        return 2;
    }
    int led = weir_gpio_get_digital_out(LED_PIN, WEIR_GPIO_ACTIVE_HIGH);
    if (led < 0) {
        fprintf(stderr, "blinky: cannot open GPIO %d as an output: %s\n", LED_PIN, weir_gpio_strerror(led));
        return 1;
    }
    printf("blinky: %d toggles of GPIO %d every %d ms\n", toggles, LED_PIN, period_ms);
    for (int i = 0; i < toggles; i++) {
        usleep((useconds_t) period_ms * 1000);
        int r = weir_gpio_toggle(led);
        if (r < 0) {
            fprintf(stderr, "blinky: toggle %d failed: %s\n", i + 1, weir_gpio_strerror(r));
            return 1;
        }
    }
    weir_gpio_close(led);
    return 0;
}
