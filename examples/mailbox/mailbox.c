/*
 * mailbox: counts the messages that arrive on mail/# through the link named "mail", at QoS 1.
 *
 *   mailbox [COUNT [DELAY_MS]]   defaults: 100, 0
 *
 * It subscribes, prints "mailbox: subscribed", then waits for messages without a timeout and prints
 * each one with its running number; after COUNT messages it prints how many it took and the sum of
 * their payloads (decimal numbers). DELAY_MS makes it slow, so messages queue up in its inbox.
 * The checkpoint test stops it mid-way (weir run --checkpoint) and resumes it in another process:
 * the messages waiting in its inbox travel in the snapshot, and the broker keeps the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../../hal/include/weir_messaging.h"

WEIR_MESSAGING_NEEDS("link mail subscribe mail/# qos 1");

int main(int argc, char **argv) {
    long count = argc > 1 ? atol(argv[1]) : 100;
    long delay_ms = argc > 2 ? atol(argv[2]) : 0;
    static char topic[257];
    static char data[1025];
    weir_messaging_header header;

    int link = weir_messaging_open_link("mail");
    if (link < 0) {
        fprintf(stderr, "mailbox: cannot open link mail: %s\n", weir_messaging_strerror(link));
        return 1;
    }
    /* Subscribing while connected returns once the broker confirmed it. */
    for (int waited = 0; weir_messaging_status(link) != 1 && waited < 10000; waited += 20) {
        struct timespec t = {0, 20 * 1000000L};
        nanosleep(&t, NULL);
    }
    int r = weir_messaging_subscribe(link, "mail/#", WEIR_MESSAGING_QOS1);
    if (r < 0) {
        fprintf(stderr, "mailbox: subscribe: %s\n", weir_messaging_strerror(r));
        return 1;
    }
    printf("mailbox: subscribed\n");
    fflush(stdout);
    long taken = 0;
    long sum = 0;
    while (taken < count) {
        r = weir_messaging_receive(link, &header, topic, sizeof topic - 1, data, sizeof data - 1, -1);
        if (r < 0) {
            fprintf(stderr, "mailbox: receive: %s\n", weir_messaging_strerror(r));
            return 1;
        }
        if (r == 0) {
            continue;
        }
        taken++;
        topic[header.topic_length] = '\0';
        data[header.data_length] = '\0';
        sum += atol(data);
        printf("mailbox: %ld %s %s\n", taken, topic, data);
        fflush(stdout);
        if (delay_ms > 0) {
            struct timespec t = {delay_ms / 1000, (delay_ms % 1000) * 1000000L};
            nanosleep(&t, NULL);
        }
    }
    printf("mailbox: %ld messages, sum %ld\n", taken, sum);
    weir_messaging_close(link);
    return 0;
}
