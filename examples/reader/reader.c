/*
 * Reads the file argv[1] (default /data/lines.txt) line by line through stdio and prints each line
 * numbered, with some arithmetic between lines so a run can be stopped mid-file. Used by the
 * checkpoint tests: a run stopped while holding the open file must, resumed elsewhere with the
 * same file under the same guest path, print exactly the rest.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "/data/lines.txt";
    long work = argc > 2 ? atol(argv[2]) : 300000;
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    char line[256];
    uint32_t state = 1;
    long n = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        for (long k = 0; k < work; k++) {
            state = state * 1664525u + 1013904223u;
        }
        printf("%ld %s", ++n, line);
        fflush(stdout);
    }
    fclose(f);
    printf("lines %ld checksum %u\n", n, (unsigned)state);
    return 0;
}
