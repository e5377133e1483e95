/* Growable buffers and allocation. Out of memory prints one line and
 * aborts, as cmark's xcalloc does, instead of many untested NULL paths. */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
    fputs("fengong: out of memory\n", stderr);
    abort();
}

void *fg_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *fg_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *fg_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory();
    return q;
}

void *fg_xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            out_of_memory();
        n *= 2;
    }
    *cap = n;
    return fg_xrealloc(p, n * elem);
}

char *fg_xstrndup(const char *s, size_t n)
{
    char *p = fg_xmalloc(n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *fg_xstrdup(const char *s) { return fg_xstrndup(s, strlen(s)); }

uint64_t fg_hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void fg_buf_init(fg_buf *b)
{
    b->ptr = NULL;
    b->len = b->cap = 0;
}

void fg_buf_fini(fg_buf *b)
{
    free(b->ptr);
    fg_buf_init(b);
}

/* The spare capacity is zeroed: PCRE2's JIT may read a few bytes past the
 * subject's end, and those bytes should be defined (valgrind). */
void fg_buf_reserve(fg_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        out_of_memory();
    size_t old = b->cap;
    b->ptr = fg_xgrow(b->ptr, &b->cap, b->len + extra + 1, 1);
    if (b->cap > old)
        memset(b->ptr + old, 0, b->cap - old);
}

void fg_buf_put(fg_buf *b, const char *s, size_t n)
{
    fg_buf_reserve(b, n);
    if (n)
        memcpy(b->ptr + b->len, s, n);
    b->len += n;
    b->ptr[b->len] = '\0';
}

void fg_buf_puts(fg_buf *b, const char *s) { fg_buf_put(b, s, strlen(s)); }

void fg_buf_putc(fg_buf *b, char c) { fg_buf_put(b, &c, 1); }

void fg_buf_printf(fg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        fg_buf_reserve(b, (size_t)n);
        vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void fg_buf_clear(fg_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

/* Hands over the contents with the spare capacity trimmed to a few zeroed
 * bytes (kept for PCRE2's JIT, see fg_buf_reserve). */
char *fg_buf_detach(fg_buf *b)
{
    enum { SLACK = 32 };
    char *p;
    if (!b->ptr) {
        p = fg_xcalloc(1, SLACK);
    } else if (b->cap > b->len + 1 + SLACK) {
        p = fg_xrealloc(b->ptr, b->len + 1 + SLACK);
    } else {
        p = b->ptr;
    }
    fg_buf_init(b);
    return p;
}
