/* Fault injection for the hostile.* tests, loaded with LD_PRELOAD (in the
 * way jq's src/inject_errors.c makes fopen and fwrite fail). It lives only
 * in tests/ and only acts on the paths the test names in the environment:
 *
 *   FG_INJECT_OPENDIR_EACCES=PATH  opendir(PATH) fails with EACCES, as for a
 *                                  folder the user may not read (tests run
 *                                  as root in CI, where chmod 000 does not
 *                                  stop anything)
 *   FG_INJECT_VANISH=PATH          the first fopen(PATH) first removes PATH:
 *                                  the file was there when the folder was
 *                                  listed and is gone when it is read
 *
 * The library itself has no test hooks. */
#define _GNU_SOURCE

#include <dirent.h>
#include <stdbool.h>
#include <dlfcn.h>
#include <errno.h>
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
