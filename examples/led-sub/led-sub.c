/*
 * led-sub: drives the LED on GPIO 17 from messages. It subscribes to sensors/+/temperature through
 * the link named "broker" and keeps the LED on while the last temperature is at or above a threshold.
 *
 *   led-sub [THRESHOLD_TENTHS [COUNT [TIMEOUT_MS]]]   defaults: 220 (22.0 C), 0 (forever), 10000
 *
 * It waits for messages with a timeout (nothing calls into the module), prints each one, and ends
 * after COUNT messages, or when none came for TIMEOUT_MS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../hal/include/weir_gpio.h"
#include "../../hal/include/weir_messaging.h"

WEIR_MESSAGING_NEEDS("link broker subscribe sensors/+/temperature qos 1");

#define LED_PIN 17

/* The tenths of "celsius":NN.N in a JSON payload, or -1000 when absent. */
static int celsius_tenths(const char *json) {
    const char *p = strstr(json, "\"celsius\":");
    if (p == NULL) {
        return -1000;
    }
    p += 10;
    int sign = 1;
    if (*p == '-') {
        sign = -1;
        p++;
    }
    int whole = 0;
    while (*p >= '0' && *p <= '9') {
        whole = whole * 10 + (*p++ - '0');
    }
    int tenth = 0;
    if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
        tenth = p[1] - '0';
    }
    return sign * (whole * 10 + tenth);
}

int main(int argc, char **argv) {
    int threshold = argc > 1 ? atoi(argv[1]) : 220;
    long count = argc > 2 ? atol(argv[2]) : 0;
    int timeout_ms = argc > 3 ? atoi(argv[3]) : 10000;
    static char topic[257];
    static char data[1025];
    weir_messaging_header header;

    int led = weir_gpio_get_digital_out(LED_PIN, 0);
    if (led < 0) {
        fprintf(stderr, "led-sub: cannot open GPIO %d as an output: %s\n", LED_PIN, weir_gpio_strerror(led));
        return 1;
    }
    int link = weir_messaging_open_link("broker");
    if (link < 0) {
        fprintf(stderr, "led-sub: cannot open link broker: %s\n", weir_messaging_strerror(link));
        return 1;
    }
    /* Subscribing while connected returns once the broker confirmed it, so that publishers started
     * after the "subscribed" line reach this module; when the broker is away, it is sent on connect. */
    for (int waited = 0; weir_messaging_status(link) != 1 && waited < timeout_ms; waited += 50) {
        struct timespec t = {0, 50 * 1000000L};
        nanosleep(&t, NULL);
    }
    int r = weir_messaging_subscribe(link, "sensors/+/temperature", WEIR_MESSAGING_QOS1);
    if (r < 0) {
        fprintf(stderr, "led-sub: subscribe: %s\n", weir_messaging_strerror(r));
        return 1;
    }
    printf("led-sub: subscribed to sensors/+/temperature; LED on at %d.%d C and above\n", threshold / 10,
           threshold % 10);
    fflush(stdout);
    int on = 0;
    long taken = 0;
    while (count == 0 || taken < count) {
        r = weir_messaging_receive(link, &header, topic, sizeof topic - 1, data, sizeof data - 1, timeout_ms);
        if (r == 0) {
            printf("led-sub: no message for %d ms, stopping\n", timeout_ms);
            break;
        }
        if (r < 0) {
            fprintf(stderr, "led-sub: receive: %s\n", weir_messaging_strerror(r));
            break;
        }
        taken++;
        topic[header.topic_length] = '\0';
        data[header.data_length] = '\0';
        int t = celsius_tenths(data);
        int want = t >= threshold;
        if (want != on) {
            weir_gpio_set_state(led, want);
            on = want;
        }
        printf("led-sub: %s %s -> LED %s\n", topic, data, on ? "on" : "off");
        fflush(stdout);
    }
    int lost = weir_messaging_messages_lost(link);
    printf("led-sub: %ld messages taken, %d dropped by a full inbox\n", taken, lost > 0 ? lost : 0);
    weir_messaging_close(link);
    weir_gpio_set_state(led, 0);
    return 0;
}
