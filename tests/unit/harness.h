/* Minimal unit-test harness: counts checks and failures, prints the
 * closing line ctest-friendly runners look for. */
#ifndef FG_HARNESS_H
#define FG_HARNESS_H

#include <stdio.h>
#include <string.h>

static int h_passed, h_failed;

#define CHECK(cond, ...)                                                                \
    do {                                                                                \
        if (cond) {                                                                     \
            h_passed++;                                                                 \
        } else {                                                                        \
            h_failed++;                                                                 \
            fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);                       \
            fprintf(stderr, __VA_ARGS__);                                               \
            fputc('\n', stderr);                                                        \
        }                                                                               \
    } while (0)

#define INT_EQ(a, b) CHECK((long long)(a) == (long long)(b), "%s == %lld, expected %lld", #a, \
                           (long long)(a), (long long)(b))
#define STR_EQ(a, b)                                                                    \
    CHECK(strcmp((a), (b)) == 0, "%s == \"%s\", expected \"%s\"", #a, (a), (b))

static int harness_done(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, h_passed, h_failed);
    return h_failed ? 1 : 0;
}

#endif
