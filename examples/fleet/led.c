/*
 * led (fleet graph node): drives the LED on GPIO 17 from the counts that arrive on the port "count":
 * on while motion is seen ({"motion":1}), off otherwise; prints one line per count.
 *
 *   led
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../../hal/include/weir_gpio.h"
#include "../../hal/include/weir_messaging.h"

WEIR_MESSAGING_NEEDS("link broker subscribe count qos 1 (a port: the grant's topic-map names its topic)");

#define LED_PIN 17

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    static char topic[257];
    static char data[1025];
    weir_messaging_header header;
    int led = weir_gpio_get_digital_out(LED_PIN, 0);
    if (led < 0) {
        fprintf(stderr, "led: cannot open GPIO %d as an output: %s\n", LED_PIN, weir_gpio_strerror(led));
        return 1;
    }
    int link = weir_messaging_open_link("broker");
    if (link < 0) {
        fprintf(stderr, "led: cannot open link broker: %s\n", weir_messaging_strerror(link));
        return 1;
    }
    for (int waited = 0; weir_messaging_status(link) != 1 && waited < 10000; waited += 20) {
        struct timespec t = {0, 20 * 1000000L};
        nanosleep(&t, NULL);
    }
    int r = weir_messaging_subscribe(link, "count", WEIR_MESSAGING_QOS1);
    if (r < 0) {
        fprintf(stderr, "led: subscribe to count: %s\n", weir_messaging_strerror(r));
        return 1;
    }
    printf("led: waiting for counts, LED on GPIO %d\n", LED_PIN);
    int on = 0;
    for (;;) {
        r = weir_messaging_receive(link, &header, topic, sizeof topic - 1, data, sizeof data - 1, 250);
        if (r == 0) {
            continue;
        }
        if (r < 0) {
            fprintf(stderr, "led: receive: %s\n", weir_messaging_strerror(r));
            return 1;
        }
        data[header.data_length] = '\0';
        int want = strstr(data, "\"motion\":1") != NULL;
        if (want != on) {
            weir_gpio_set_state(led, want);
            on = want;
        }
        printf("led: %s -> LED %s\n", data, on ? "on" : "off");
    }
}
