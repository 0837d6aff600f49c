/*
 * Prints its arguments and its environment, one per line, so a runner's
 * args_get/args_sizes_get and environ_get/environ_sizes_get can be checked
 * byte for byte. Exits with the number of arguments after argv[0], which
 * lets tests check that the exit status comes through.
 */
#include <stdio.h>

extern char **environ;

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("argv[%d]=%s\n", i, argv[i]);
    }
    int n = 0;
    for (char **e = environ; e != NULL && *e != NULL; e++) {
        printf("env[%d]=%s\n", n++, *e);
    }
    return argc - 1;
}
