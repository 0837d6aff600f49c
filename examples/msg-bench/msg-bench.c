/*
 * msg-bench: one side of the messaging benchmark (make bench-messaging, examples/msg-bench/run.sh).
 *
 *   msg-bench pub SIZE COUNT RATE     publishes COUNT messages of SIZE bytes on bench/data at QoS 1,
 *                                     RATE per second (0: as fast as the link takes them); each
 *                                     payload starts with the wall-clock time it was sent, in ns
 *   msg-bench sub COUNT               takes COUNT messages (or until none came for 10 s) and prints
 *                                     "received N rate R msg/s median M us p99 P us"
 *
 * Sender and receiver run in two weir processes on one machine, so CLOCK_REALTIME is shared.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../hal/include/weir_messaging.h"

WEIR_MESSAGING_NEEDS("link broker publish bench/data subscribe bench/data qos 1");

#define MAX_SIZE 4096
#define MAX_COUNT 200000

static uint8_t payload[MAX_SIZE];
static char topic[64];
static int64_t latency_ns[MAX_COUNT];

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int compare(const void *a, const void *b) {
    int64_t x = *(const int64_t *) a;
    int64_t y = *(const int64_t *) b;
    return x < y ? -1 : x > y;
}

static int publisher(int link, int size, long count, long rate) {
    static const char name[] = "bench/data";
    int64_t start = now_ns();
    long busy = 0;
    for (long i = 0; i < count; i++) {
        if (rate > 0) {
            int64_t due = start + (int64_t) (i * (1000000000.0 / rate));
            int64_t wait = due - now_ns();
            if (wait > 0) {
                struct timespec t = {wait / 1000000000LL, wait % 1000000000LL};
                nanosleep(&t, NULL);
            }
        }
        int64_t t = now_ns();
        memcpy(payload, &t, sizeof t);
        int r;
        while ((r = weir_messaging_publish(link, name, (int32_t) (sizeof name - 1), payload, size, WEIR_MESSAGING_QOS1,
                                           NULL, 0)) == -WEIR_MESSAGING_BUFFER_FULL) {
            busy++;
            struct timespec pause = {0, 100000};
            nanosleep(&pause, NULL);
        }
        if (r < 0) {
            fprintf(stderr, "msg-bench: publish: %s\n", weir_messaging_strerror(r));
            return 1;
        }
    }
    printf("published %ld (buffer full %ld times)\n", count, busy);
    return 0;
}

static int subscriber(int link, long count) {
    weir_messaging_header h;
    int r = weir_messaging_subscribe(link, "bench/data", WEIR_MESSAGING_QOS1);
    if (r < 0) {
        fprintf(stderr, "msg-bench: subscribe: %s\n", weir_messaging_strerror(r));
        return 1;
    }
    printf("subscribed\n");
    fflush(stdout);
    long n = 0;
    int64_t first = 0;
    int64_t last = 0;
    while (n < count) {
        r = weir_messaging_receive(link, &h, topic, sizeof topic, payload, sizeof payload, 10000);
        if (r <= 0) {
            break;
        }
        int64_t t = now_ns();
        int64_t sent;
        memcpy(&sent, payload, sizeof sent);
        if (n == 0) {
            first = sent;
        }
        last = t;
        latency_ns[n++] = t - sent;
    }
    if (n == 0) {
        printf("received 0\n");
        return 1;
    }
    qsort(latency_ns, (size_t) n, sizeof latency_ns[0], compare);
    double seconds = (double) (last - first) / 1e9;
    printf("received %ld rate %.0f msg/s median %lld us p99 %lld us\n", n, seconds > 0 ? n / seconds : 0.0,
           (long long) (latency_ns[n / 2] / 1000), (long long) (latency_ns[(n * 99) / 100] / 1000));
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: msg-bench pub SIZE COUNT RATE | msg-bench sub COUNT\n");
        return 2;
    }
    int link = weir_messaging_open_link("broker");
    if (link < 0) {
        fprintf(stderr, "msg-bench: open link broker: %s\n", weir_messaging_strerror(link));
        return 1;
    }
    int r;
    if (strcmp(argv[1], "pub") == 0 && argc >= 5) {
        int size = atoi(argv[2]);
        long count = atol(argv[3]);
        if (size < 8 || size > MAX_SIZE || count < 1) {
            fprintf(stderr, "msg-bench: SIZE is 8..%d, COUNT at least 1\n", MAX_SIZE);
            return 2;
        }
        for (int waited = 0; weir_messaging_status(link) != 1 && waited < 10000; waited += 10) {
            struct timespec t = {0, 10000000L};
            nanosleep(&t, NULL);
        }
        r = publisher(link, size, count, atol(argv[4]));
    } else {
        long count = atol(argv[2]);
        if (count < 1 || count > MAX_COUNT) {
            fprintf(stderr, "msg-bench: COUNT is 1..%d\n", MAX_COUNT);
            return 2;
        }
        for (int waited = 0; weir_messaging_status(link) != 1 && waited < 10000; waited += 10) {
            struct timespec t = {0, 10000000L};
            nanosleep(&t, NULL);
        }
        r = subscriber(link, count);
    }
    weir_messaging_close(link);
    return r;
}
