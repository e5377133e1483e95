/* Fault injection for the hostile.* tests, loaded with LD_PRELOAD (in the
 * way jq's src/inject_errors.c makes fopen and fwrite fail). It lives only
 * in tests/ and only acts on the paths the test names in the environment:
 *
 *   FG_INJECT_OPENDIR_EACCES=PATH  opendir(PATH) fails with EACCES, as for a
 *                                  folder the user may not read (tests run
 *                                  as root in CI, where chmod 000 does not
 *                                  stop anything)
 *   FG_INJECT_VANISH=PATH          the first fopen(PATH) or open(PATH) first removes PATH:
 *                                  the file was there when the folder was
 *                                  listed and is gone when it is read
 *
 * The library itself has no test hooks. */
#define _GNU_SOURCE

#include <dirent.h>
#include <stdbool.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool is_target(const char *var, const char *path)
{
    const char *t = getenv(var);
    return t && path && strcmp(t, path) == 0;
}

DIR *opendir(const char *path)
{
    static DIR *(*real)(const char *);
    if (!real)
        real = (DIR * (*)(const char *)) dlsym(RTLD_NEXT, "opendir");
    if (is_target("FG_INJECT_OPENDIR_EACCES", path)) {
        errno = EACCES;
        return NULL;
    }
    return real(path);
}

static void vanish(const char *path)
{
    static int done;
    if (!done && is_target("FG_INJECT_VANISH", path)) {
        done = 1;
        unlink(path);
    }
}

FILE *fopen(const char *path, const char *mode)
{
    static FILE *(*real)(const char *, const char *);
    if (!real)
        real = (FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, "fopen");
    vanish(path);
    return real(path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
    static FILE *(*real)(const char *, const char *);
    if (!real)
        real = (FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, "fopen64");
    vanish(path);
    return real(path, mode);
}

/* fengong opens documents with open(2) (O_NONBLOCK, so that a pipe cannot
 * block it): the vanishing file must vanish there too. */
static int open_with(const char *name, const char *path, int flags, va_list ap)
{
    static int (*real_open)(const char *, int, ...);
    static int (*real_open64)(const char *, int, ...);
    int (**real)(const char *, int, ...) = strcmp(name, "open") == 0 ? &real_open : &real_open64;
    if (!*real)
        *real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, name);
    vanish(path);
    if (flags & O_CREAT) {
        mode_t mode = (mode_t)va_arg(ap, int);
        return (*real)(path, flags, mode);
    }
    return (*real)(path, flags);
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    int fd = open_with("open", path, flags, ap);
    va_end(ap);
    return fd;
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    int fd = open_with("open64", path, flags, ap);
    va_end(ap);
    return fd;
}
