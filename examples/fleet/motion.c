/*
 * motion (fleet graph node): frame differencing on camera 0; every start and end of motion is
 * published on the port "events" as {"event":"start"|"end","seq":N,"frame":F}.
 *
 * The module names only its port: the node's grant maps "events" to the topic the fleet derived from
 * the graph's edges (topic-map=events=weir/app/GRAPH/motion/events). The camera's script may end (the
 * synthetic camera's, a file): the camera is then opened again, so events keep coming.
 *
 *   motion [WIDTH HEIGHT FPS THRESHOLD]     defaults: 80 60 20 24
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../../hal/include/weir_camera.h"
#include "../../hal/include/weir_messaging.h"

WEIR_MESSAGING_NEEDS("link broker publish events qos 1 (a port: the grant's topic-map names its topic)");

#define MAX_WIDTH 320
#define MAX_HEIGHT 240

static uint8_t frames[2][MAX_WIDTH * MAX_HEIGHT];

static void pause_ms(int ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static int changed_pixels(const uint8_t *a, const uint8_t *b, int n, int threshold) {
    int changed = 0;
    for (int i = 0; i < n; i++) {
        int d = (int) a[i] - (int) b[i];
        if (d > threshold || d < -threshold) {
            changed++;
        }
    }
    return changed;
}

static int open_camera(int width, int height, int fps) {
    int cam = weir_camera_open(0, width, height, WEIR_CAMERA_GRAY8, fps);
    if (cam < 0) {
        fprintf(stderr, "motion: cannot open camera 0 at %dx%d gray8 %d fps: %s\n", width, height, fps,
                weir_camera_strerror(cam));
    }
    return cam;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int width = argc > 1 ? atoi(argv[1]) : 80;
    int height = argc > 2 ? atoi(argv[2]) : 60;
    int fps = argc > 3 ? atoi(argv[3]) : 20;
    int threshold = argc > 4 ? atoi(argv[4]) : 24;
    if (width <= 0 || height <= 0 || width > MAX_WIDTH || height > MAX_HEIGHT) {
        fprintf(stderr, "motion: %dx%d is not a size up to %dx%d\n", width, height, MAX_WIDTH, MAX_HEIGHT);
        return 2;
    }
    int link = weir_messaging_open_link("broker");
    if (link < 0) {
        fprintf(stderr, "motion: cannot open link broker: %s\n", weir_messaging_strerror(link));
        return 1;
    }
    int cam = open_camera(width, height, fps);
    if (cam < 0) {
        return 1;
    }
    int pixels = width * height;
    int min_changed = pixels / 400 > 0 ? pixels / 400 : 1;
    printf("motion: watching camera 0 at %dx%d, %d fps; events on port events\n", width, height, fps);
    int moving = 0;
    unsigned long seq = 0;
    long count = 0;
    weir_camera_frame_info info;
    for (;;) {
        uint8_t *current = frames[count & 1];
        int got = weir_camera_capture(cam, current, (int32_t) sizeof frames[0], &info);
        if (got == -WEIR_CAMERA_END_OF_STREAM) {
            /* The script ended: watch it again from its first frame. */
            weir_camera_close(cam);
            cam = open_camera(width, height, fps);
            if (cam < 0) {
                return 1;
            }
            count = 0;
            continue;
        }
        if (got < 0) {
            fprintf(stderr, "motion: capture failed: %s; trying again in 1 s\n", weir_camera_strerror(got));
            pause_ms(1000);
            continue;
        }
        if (count > 0) {
            int now = changed_pixels(current, frames[(count - 1) & 1], pixels, threshold) > min_changed;
            if (now != moving) {
                moving = now;
                char payload[96];
                int n = snprintf(payload, sizeof payload, "{\"event\":\"%s\",\"seq\":%lu,\"frame\":%llu}",
                                 moving ? "start" : "end", ++seq, (unsigned long long) info.sequence);
                int r = weir_messaging_publish(link, "events", 6, payload, n, WEIR_MESSAGING_QOS1, "application/json", 16);
                if (r < 0) {
                    fprintf(stderr, "motion: publish: %s\n", weir_messaging_strerror(r));
                } else {
                    printf("motion: %s\n", payload);
                }
            }
        }
        count++;
    }
}
