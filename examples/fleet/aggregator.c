/*
 * aggregator (fleet graph node, stateful): counts the motion events that arrive on the port
 * "events" and publishes the running count on the port "count" as {"count":N,"motion":0|1}.
 *
 * Its state is the count in linear memory, so a checkpoint carries it: after `weir fleet move` the
 * count goes on from where it was on the old board. When the link it holds is not open after a
 * resume (bad-handle: the new board's host has not restored it), it opens the link again; its broker
 * session (the instance's client identity) kept the subscription and the QoS 1 events sent meanwhile.
 *
 *   aggregator [IDLE_REPORT_MS]     default 0: publish only when an event arrives
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../hal/include/weir_messaging.h"

WEIR_MESSAGING_NEEDS("link broker subscribe events publish count qos 1 (ports: the grant's topic-map names the topics)");

static long count;
static int link;

static void pause_ms(int ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* Opens the link and subscribes to the port "events"; 0 when done, else the error. */
static int connect_link(void) {
    link = weir_messaging_open_link("broker");
    if (link < 0) {
        return link;
    }
    for (int waited = 0; weir_messaging_status(link) != 1 && waited < 10000; waited += 20) {
        pause_ms(20);
    }
    int r = weir_messaging_subscribe(link, "events", WEIR_MESSAGING_QOS1);
    return r < 0 ? r : 0;
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    static char topic[257];
    static char data[1025];
    weir_messaging_header header;
    int r = connect_link();
    if (r < 0) {
        fprintf(stderr, "aggregator: cannot open link broker and subscribe to events: %s\n", weir_messaging_strerror(r));
        return 1;
    }
    printf("aggregator: counting events, count %ld\n", count);
    for (;;) {
        r = weir_messaging_receive(link, &header, topic, sizeof topic - 1, data, sizeof data - 1, 250);
        if (r == 0) {
            continue;
        }
        if (r == -WEIR_MESSAGING_BAD_HANDLE || r == -WEIR_MESSAGING_REVOKED) {
            /* Resumed on a board whose host did not restore the link: open it again. */
            r = connect_link();
            if (r < 0) {
                fprintf(stderr, "aggregator: reopening link broker: %s\n", weir_messaging_strerror(r));
                pause_ms(500);
            } else {
                printf("aggregator: link opened again, count %ld\n", count);
            }
            continue;
        }
        if (r < 0) {
            fprintf(stderr, "aggregator: receive: %s\n", weir_messaging_strerror(r));
            pause_ms(100);
            continue;
        }
        data[header.data_length] = '\0';
        int motion = strstr(data, "\"start\"") != NULL;
        count++;
        char payload[64];
        int n = snprintf(payload, sizeof payload, "{\"count\":%ld,\"motion\":%d}", count, motion);
        r = weir_messaging_publish(link, "count", 5, payload, n, WEIR_MESSAGING_QOS1, "application/json", 16);
        if ((r == -WEIR_MESSAGING_BAD_HANDLE || r == -WEIR_MESSAGING_REVOKED) && connect_link() == 0) {
            /* Resumed between taking an event and publishing its count: open the link again and publish. */
            r = weir_messaging_publish(link, "count", 5, payload, n, WEIR_MESSAGING_QOS1, "application/json", 16);
        }
        if (r < 0) {
            fprintf(stderr, "aggregator: publish: %s\n", weir_messaging_strerror(r));
        }
        printf("aggregator: %s\n", payload);
    }
}
