/*
 * motion: frame differencing on a camera, an LED on while motion is seen.
 *
 * Each gray8 frame is compared with the one before: a pixel has changed when its value moved by
 * more than THRESHOLD levels, and there is motion when more than one pixel in 400 changed (sensor
 * noise moves pixels by a few levels, a moving object by far more). The LED on GPIO 17 is on while
 * motion is seen; every start and end of motion prints one line. The program ends when the camera's
 * stream ends (the synthetic camera's script, a file), after MAX_FRAMES frames when given, or with
 * an error line when the camera fails.
 *
 *   weir run --grants examples/motion/motion.grants --camera synthetic --trace gpio \
 *            examples/motion/motion.wasm [WIDTH HEIGHT FPS THRESHOLD MAX_FRAMES]
 *
 * With the environment variable MOTION_LINK set to a messaging link's name (--env MOTION_LINK=broker
 * --link broker=mqtt://HOST:PORT), every start and end of motion is also published, at QoS 1, on
 * motion/camera0/events as {"event":"start"|"end","frame":N,"ms":T}. Without it nothing is published.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../hal/include/weir_camera.h"
#include "../../hal/include/weir_gpio.h"
#include "../../hal/include/weir_messaging.h"

WEIR_MESSAGING_NEEDS("link $MOTION_LINK publish motion/camera0/events qos 1 (only with MOTION_LINK set)");

/* Publishes one motion event when a link is open; a failure is reported once per kind and ignored. */
static void publish_event(int link, const char *event, unsigned long long frame, unsigned long long ms) {
    static const char topic[] = "motion/camera0/events";
    static int last_error;
    char payload[96];
    if (link <= 0) {
        return;
    }
    int n = snprintf(payload, sizeof payload, "{\"event\":\"%s\",\"frame\":%llu,\"ms\":%llu}", event, frame, ms);
    int r = weir_messaging_publish(link, topic, (int32_t) (sizeof topic - 1), payload, n, WEIR_MESSAGING_QOS1,
                                   "application/json", 16);
    if (r < 0 && r != last_error) {
        fprintf(stderr, "motion: publish to %s: %s\n", topic, weir_messaging_strerror(r));
    }
    last_error = r < 0 ? r : 0;
}

#define LED_PIN 17
#define MAX_WIDTH 640
#define MAX_HEIGHT 480

static uint8_t frames[2][MAX_WIDTH * MAX_HEIGHT];

/* Pixels whose value moved by more than threshold between the two frames. */
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

int main(int argc, char **argv) {
    /* Line-buffered even into a pipe (C stdio buffers pipes fully), so each line shows up when the
     * pin change it reports does, interleaved with weir's --trace gpio lines in `make run | tee`. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    int width = argc > 1 ? atoi(argv[1]) : 160;
    int height = argc > 2 ? atoi(argv[2]) : 120;
    int fps = argc > 3 ? atoi(argv[3]) : 15;
    int threshold = argc > 4 ? atoi(argv[4]) : 24;
    long max_frames = argc > 5 ? atol(argv[5]) : 0;
    if (width <= 0 || height <= 0 || width > MAX_WIDTH || height > MAX_HEIGHT) {
        fprintf(stderr, "motion: %dx%d is not a size up to %dx%d\n", width, height, MAX_WIDTH, MAX_HEIGHT);
        return 2;
    }
    int cam = weir_camera_open(0, width, height, WEIR_CAMERA_GRAY8, fps);
    if (cam < 0) {
        fprintf(stderr, "motion: cannot open camera 0 at %dx%d gray8 %d fps: %s\n", width, height, fps,
                weir_camera_strerror(cam));
        return 1;
    }
    int led = weir_gpio_get_digital_out(LED_PIN, 0);
    if (led < 0) {
        fprintf(stderr, "motion: cannot open GPIO %d as an output: %s\n", LED_PIN, weir_gpio_strerror(led));
        return 1;
    }
    int link = 0;
    const char *link_name = getenv("MOTION_LINK");
    if (link_name != NULL && link_name[0] != '\0') {
        link = weir_messaging_open_link(link_name);
        if (link < 0) {
            fprintf(stderr, "motion: cannot open link %s: %s\n", link_name, weir_messaging_strerror(link));
            return 1;
        }
    }
    int pixels = width * height;
    int min_changed = pixels / 400 > 0 ? pixels / 400 : 1;
    printf("motion: watching camera 0 at %dx%d, LED on GPIO %d\n", width, height, LED_PIN);
    int moving = 0;
    int events = 0;
    long count = 0;
    weir_camera_frame_info info;
    for (;;) {
        uint8_t *current = frames[count & 1];
        int got = weir_camera_capture(cam, current, (int32_t) sizeof frames[0], &info);
        if (got == -WEIR_CAMERA_END_OF_STREAM) {
            break;
        }
        if (got < 0) {
            fprintf(stderr, "motion: capture failed after %ld frames: %s\n", count, weir_camera_strerror(got));
            weir_gpio_set_state(led, 0);
            return 1;
        }
        if (count > 0) {
            int changed = changed_pixels(current, frames[(count - 1) & 1], pixels, threshold);
            int now = changed > min_changed;
            if (now != moving) {
                moving = now;
                weir_gpio_set_state(led, moving);
                if (moving) {
                    events++;
                    printf("motion: started at frame %llu (video time %llu ms), %d pixels changed\n",
                           (unsigned long long) info.sequence, (unsigned long long) (info.timestamp_ns / 1000000u),
                           changed);
                    publish_event(link, "start", (unsigned long long) info.sequence,
                                  (unsigned long long) (info.timestamp_ns / 1000000u));
                } else {
                    printf("motion: ended at frame %llu (video time %llu ms)\n", (unsigned long long) info.sequence,
                           (unsigned long long) (info.timestamp_ns / 1000000u));
                    publish_event(link, "end", (unsigned long long) info.sequence,
                                  (unsigned long long) (info.timestamp_ns / 1000000u));
                }
            }
        }
        count++;
        if (max_frames > 0 && count >= max_frames) {
            break;
        }
    }
    if (moving) {
        weir_gpio_set_state(led, 0);
        printf("motion: ended with the stream\n");
    }
    printf("motion: %ld frames, %d motion events\n", count, events);
    if (link > 0) {
        weir_messaging_close(link);
    }
    weir_camera_close(cam);
    return 0;
}
