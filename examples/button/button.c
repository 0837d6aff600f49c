/*
 * button: an LED on GPIO 17 follows a push button on GPIO 27, through edge events.
 *
 * The button connects GPIO 27 to ground, with the pull-up resistor on: the pin reads 1 when
 * released and 0 when pressed, so the input is opened active-low and "active" means pressed.
 * The program waits for edges (no busy polling), lights the LED while the button is held, and
 * ends after PRESSES presses (default 3) or when no edge comes for IDLE milliseconds (default 2000).
 *
 *   weir run --grants examples/button/button.grants --stimulus examples/button/button.stimulus \
 *            --trace gpio examples/button/button.wasm
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../hal/include/weir_gpio.h"

#define BUTTON_PIN 27
#define LED_PIN 17

int main(int argc, char **argv) {
    /* Line-buffered even into a pipe (C stdio buffers pipes fully), so each line shows up when the
     * pin change it reports does, interleaved with weir's --trace gpio lines in `make run | tee`. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    int presses_wanted = argc > 1 ? atoi(argv[1]) : 3;
    int idle_ms = argc > 2 ? atoi(argv[2]) : 2000;
    int button = weir_gpio_get_digital_in(BUTTON_PIN, WEIR_GPIO_ACTIVE_LOW | WEIR_GPIO_PULL_UP | WEIR_GPIO_EDGE_BOTH);
    if (button < 0) {
        fprintf(stderr, "button: cannot open GPIO %d as an input: %s\n", BUTTON_PIN, weir_gpio_strerror(button));
        return 1;
    }
    int led = weir_gpio_get_digital_out(LED_PIN, 0);
    if (led < 0) {
        fprintf(stderr, "button: cannot open GPIO %d as an output: %s\n", LED_PIN, weir_gpio_strerror(led));
        return 1;
    }
    printf("button: LED on GPIO %d follows the button on GPIO %d\n", LED_PIN, BUTTON_PIN);
    int presses = 0;
    weir_gpio_event event;
    while (presses < presses_wanted) {
        int got = weir_gpio_wait_edge(&event, idle_ms);
        if (got < 0) {
            fprintf(stderr, "button: wait-edge failed: %s\n", weir_gpio_strerror(got));
            return 1;
        }
        if (got == 0) {
            printf("button: no edge for %d ms, stopping\n", idle_ms);
            break;
        }
        /* The button is active-low: a falling edge is a press. */
        int pressed = event.edge == WEIR_GPIO_FALLING;
        int r = weir_gpio_set_state(led, pressed);
        if (r < 0) {
            fprintf(stderr, "button: set-state failed: %s\n", weir_gpio_strerror(r));
            return 1;
        }
        if (pressed) {
            presses++;
        }
        printf("button: %s at %llu ms\n", pressed ? "pressed" : "released",
               (unsigned long long) (event.time_ns / 1000000u));
    }
    int lost = weir_gpio_edges_lost();
    if (lost > 0) {
        printf("button: %d edges lost\n", lost);
    }
    printf("button: %d presses\n", presses);
    weir_gpio_close(led);
    weir_gpio_close(button);
    return 0;
}
