/*
 * Counts lines, words and bytes like wc(1), over files in a preopened
 * directory. An argument naming a directory counts every regular file in it,
 * in name order (fd_readdir order is up to the host, so we sort to stay
 * deterministic). Exits 1 when a file cannot be opened, after reporting it.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static long total_lines, total_words, total_bytes;
static int counted_files;

static int count_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "wc: %s: %s\n", path, strerror(errno));
        return 1;
    }
    long lines = 0, words = 0, bytes = 0;
    int in_word = 0;
    int c;
    while ((c = getc(f)) != EOF) {
        bytes++;
        if (c == '\n') {
            lines++;
        }
        if (isspace(c)) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            words++;
        }
    }
    fclose(f);
    printf("%7ld %7ld %7ld %s\n", lines, words, bytes, path);
    total_lines += lines;
    total_words += words;
    total_bytes += bytes;
    counted_files++;
    return 0;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int count_directory(const char *dir) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "wc: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    char **names = NULL;
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.') {
            continue;
        }
        names = realloc(names, (count + 1) * sizeof *names);
        names[count++] = strdup(entry->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof *names, compare_names);
    int status = 0;
    for (size_t i = 0; i < count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            status |= count_file(path);
        }
        free(names[i]);
    }
    free(names);
    return status;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: wc FILE-OR-DIRECTORY...\n");
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            status |= count_directory(argv[i]);
        } else {
            status |= count_file(argv[i]);
        }
    }
    if (counted_files > 1) {
        printf("%7ld %7ld %7ld total\n", total_lines, total_words, total_bytes);
    }
    return status;
}
