/*
 * sensor-pub: publishes a simulated temperature on sensors/<id>/temperature once per period, at
 * QoS 1, over the messaging link named "broker" (the operator says where that is:
 * weir run --link broker=mqtt://HOST:PORT --grants examples/sensor-pub/sensor-pub.grants ...).
 *
 *   sensor-pub [ID [PERIOD_MS [COUNT]]]     defaults: s1, 1000 ms, 0 (forever)
 *
 * Each message is JSON: {"sensor":"s1","seq":N,"celsius":21.5}. When the broker is away, messages
 * wait in the link's buffer; when that is full (buffer-full), this reading is skipped and counted, and
 * the next period tries again: a sensor's newest reading matters more than an old one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../hal/include/weir_messaging.h"

WEIR_MESSAGING_NEEDS("link broker publish sensors/<id>/temperature qos 1");

static void sleep_ms(int ms) {
    struct timespec t = {ms / 1000, (long) (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

int main(int argc, char **argv) {
    const char *id = argc > 1 ? argv[1] : "s1";
    int period_ms = argc > 2 ? atoi(argv[2]) : 1000;
    long count = argc > 3 ? atol(argv[3]) : 0;
    char topic[128];
    char payload[128];

    int link = weir_messaging_open_link("broker");
    if (link < 0) {
        fprintf(stderr, "sensor-pub: cannot open link broker: %s\n", weir_messaging_strerror(link));
        return 1;
    }
    snprintf(topic, sizeof topic, "sensors/%s/temperature", id);
    long skipped = 0;
    for (long seq = 0; count == 0 || seq < count; seq++) {
        /* A slow triangle wave between 19.0 and 24.0 degrees, in tenths. */
        int phase = (int) (seq % 50);
        int tenths = 190 + (phase < 25 ? phase : 50 - phase) * 2;
        int n = snprintf(payload, sizeof payload, "{\"sensor\":\"%s\",\"seq\":%ld,\"celsius\":%d.%d}", id, seq,
                         tenths / 10, tenths % 10);
        int r = weir_messaging_publish(link, topic, (int32_t) strlen(topic), payload, n, WEIR_MESSAGING_QOS1,
                                       "application/json", 16);
        if (r == -WEIR_MESSAGING_BUFFER_FULL || r == -WEIR_MESSAGING_RATE_LIMITED) {
            skipped++;
        } else if (r < 0) {
            fprintf(stderr, "sensor-pub: publish to %s: %s\n", topic, weir_messaging_strerror(r));
            return 1;
        } else {
            printf("sensor-pub: %s %s%s\n", topic, payload, weir_messaging_status(link) == 1 ? "" : " (broker away: waiting)");
            fflush(stdout);
        }
        if (count == 0 || seq + 1 < count) {
            sleep_ms(period_ms);
        }
    }
    if (skipped > 0) {
        printf("sensor-pub: %ld readings skipped while the buffer was full\n", skipped);
    }
    weir_messaging_close(link);
    return 0;
}
