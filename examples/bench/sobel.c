/*
 * Sobel 3x3 edge magnitude on a 640x480 8-bit gray frame, the camera-pipeline kernel a gateway
 * would run. n = number of frames; each frame is synthesized first (gradient plus moving bars
 * plus noise), so the input differs per frame but is the same on every run.
 */
#include "bench.h"

#define WIDTH 640
#define HEIGHT 480
static uint8_t frame[WIDTH * HEIGHT];
static uint8_t edges[WIDTH * HEIGHT];

static void synthesize(int32_t index) {
    uint32_t seed = 0x9E3779B9u ^ (uint32_t) index;
    for (int32_t y = 0; y < HEIGHT; y++) {
        for (int32_t x = 0; x < WIDTH; x++) {
            uint32_t value = (uint32_t) (x + y) >> 2;
            if (((x + index * 8) & 63) < 16) {
                value += 96;
            }
            value += xorshift32(&seed) & 15;
            frame[y * WIDTH + x] = (uint8_t) (value > 255 ? 255 : value);
        }
    }
}

static uint32_t sobel(void) {
    uint32_t h = FOLD_SEED;
    for (int32_t y = 1; y < HEIGHT - 1; y++) {
        const uint8_t *up = frame + (y - 1) * WIDTH;
        const uint8_t *mid = frame + y * WIDTH;
        const uint8_t *down = frame + (y + 1) * WIDTH;
        uint8_t *out = edges + y * WIDTH;
        uint32_t row_sum = 0;
        for (int32_t x = 1; x < WIDTH - 1; x++) {
            int32_t gx = (up[x + 1] + 2 * mid[x + 1] + down[x + 1]) - (up[x - 1] + 2 * mid[x - 1] + down[x - 1]);
            int32_t gy = (down[x - 1] + 2 * down[x] + down[x + 1]) - (up[x - 1] + 2 * up[x] + up[x + 1]);
            int32_t magnitude = (gx < 0 ? -gx : gx) + (gy < 0 ? -gy : gy);
            uint8_t clamped = (uint8_t) (magnitude > 255 ? 255 : magnitude);
            out[x] = clamped;
            row_sum += clamped;
        }
        h = fold(h, row_sum);
    }
    return h;
}

uint32_t run(int32_t n) {
    int32_t frames = clamp_n(n, 1, 1000);
    uint32_t h = FOLD_SEED;
    for (int32_t f = 0; f < frames; f++) {
        synthesize(f);
        h = fold(h, sobel());
        /* Sample the output image too, so the stores cannot be dropped. */
        for (int32_t i = WIDTH + 1; i < WIDTH * HEIGHT - WIDTH; i += 97) {
            h = fold(h, edges[i]);
        }
    }
    return h;
}
