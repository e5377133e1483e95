/* Growable byte buffer and the allocation wrappers that abort on
 * out-of-memory (the one error the library does not return). */
#ifndef FG_BUF_H
#define FG_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct fg_buf {
    char *ptr; /* always NUL-terminated once anything was added */
    size_t len, cap;
} fg_buf;

void *fg_xmalloc(size_t n);
void *fg_xcalloc(size_t n, size_t size);
void *fg_xrealloc(void *p, size_t n);
/* Grows an array of `elem`-byte items to hold at least `need` items. */
void *fg_xgrow(void *p, size_t *cap, size_t need, size_t elem);
char *fg_xstrdup(const char *s);
/* FNV-1a over s[0..len): the hash of the project's hash tables. */
uint64_t fg_hash(const char *s, size_t len);
char *fg_xstrndup(const char *s, size_t n);

void fg_buf_init(fg_buf *b);
void fg_buf_fini(fg_buf *b);
void fg_buf_reserve(fg_buf *b, size_t extra);
void fg_buf_put(fg_buf *b, const char *s, size_t n);
void fg_buf_puts(fg_buf *b, const char *s);
void fg_buf_putc(fg_buf *b, char c);
void fg_buf_printf(fg_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void fg_buf_clear(fg_buf *b);
/* Hands the NUL-terminated contents to the caller (never NULL) and resets
 * the buffer. */
char *fg_buf_detach(fg_buf *b);

#endif
