/*
 * Exercises the filesystem calls of a preopened directory (argument 1,
 * default "/sandbox"): create a directory, write a file, rename it, read it
 * back, check the old name is gone, delete everything. Each step prints one
 * line; the first failure prints the errno text and exits 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *dir;

static int fail(const char *step, const char *path) {
    printf("FAILED: %s %s: %s\n", step, path, strerror(errno));
    return 1;
}

static void join(char *out, size_t size, const char *name) {
    snprintf(out, size, "%s/%s", dir, name);
}

int main(int argc, char **argv) {
    dir = argc > 1 ? argv[1] : "/sandbox";
    char sub[512], first[512], second[512];
    join(sub, sizeof sub, "work");
    snprintf(first, sizeof first, "%s/first.txt", sub);
    snprintf(second, sizeof second, "%s/second.txt", sub);
    const char text[] = "weir was here\nline two\n";

    if (mkdir(sub, 0755) != 0) return fail("mkdir", sub);
    printf("created directory work\n");

    int fd = open(first, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) return fail("create", first);
    if (write(fd, text, sizeof text - 1) != (ssize_t)(sizeof text - 1)) return fail("write", first);
    if (close(fd) != 0) return fail("close", first);
    printf("wrote %zu bytes to work/first.txt\n", sizeof text - 1);

    if (rename(first, second) != 0) return fail("rename", first);
    printf("renamed work/first.txt to work/second.txt\n");

    struct stat st;
    if (stat(first, &st) == 0 || errno != ENOENT) return fail("old name still exists", first);
    printf("work/first.txt is gone\n");
    if (stat(second, &st) != 0) return fail("stat", second);
    printf("work/second.txt has %lld bytes\n", (long long)st.st_size);

    char buffer[256];
    fd = open(second, O_RDONLY);
    if (fd < 0) return fail("open", second);
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0) return fail("read", second);
    if (lseek(fd, 5, SEEK_SET) != 5) return fail("seek", second);
    char word[4] = {0};
    if (read(fd, word, 3) != 3) return fail("read after seek", second);
    close(fd);
    printf("read back %zd bytes, %s\n", n,
           (size_t)n == sizeof text - 1 && memcmp(buffer, text, (size_t)n) == 0 ? "same content" : "DIFFERENT content");
    printf("word at offset 5: %s\n", word);

    if (unlink(second) != 0) return fail("unlink", second);
    if (stat(second, &st) == 0 || errno != ENOENT) return fail("deleted file still exists", second);
    printf("deleted work/second.txt\n");
    if (rmdir(sub) != 0) return fail("rmdir", sub);
    printf("removed directory work\n");
    return 0;
}
