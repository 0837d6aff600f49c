/*
 * fade: fades an LED on GPIO 18 (hardware PWM) up and down CYCLES times (default 2), in 5 %
 * steps every STEP milliseconds (default 20), at 1 kHz.
 *
 *   weir run --grants examples/fade/fade.grants --trace gpio examples/fade/fade.wasm [CYCLES [STEP]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../hal/include/weir_gpio.h"

#define LED_PIN 18
#define FREQUENCY_HZ 1000
#define STEPS 20

static int set(int pwm, int duty) {
    int r = weir_gpio_set_duty(pwm, duty);
    if (r < 0) {
        fprintf(stderr, "fade: set-duty %d failed: %s\n", duty, weir_gpio_strerror(r));
    }
    return r;
}

int main(int argc, char **argv) {
    /* Line-buffered even into a pipe (C stdio buffers pipes fully), so each line shows up when the
     * pin change it reports does, interleaved with weir's --trace gpio lines in `make run | tee`. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    int cycles = argc > 1 ? atoi(argv[1]) : 2;
    int step_ms = argc > 2 ? atoi(argv[2]) : 20;
    int pwm = weir_gpio_get_pwm_out(LED_PIN, FREQUENCY_HZ);
    if (pwm < 0) {
        fprintf(stderr, "fade: cannot open PWM on GPIO %d: %s\n", LED_PIN, weir_gpio_strerror(pwm));
        return 1;
    }
    printf("fade: %d cycles on GPIO %d at %d Hz\n", cycles, LED_PIN, FREQUENCY_HZ);
    for (int c = 0; c < cycles; c++) {
        for (int s = 1; s <= STEPS; s++) {
            if (set(pwm, s * 10000 / STEPS) < 0) {
                return 1;
            }
            usleep((useconds_t) step_ms * 1000);
        }
        for (int s = STEPS - 1; s >= 0; s--) {
            if (set(pwm, s * 10000 / STEPS) < 0) {
                return 1;
            }
            usleep((useconds_t) step_ms * 1000);
        }
    }
    weir_gpio_close(pwm);
    return 0;
}
