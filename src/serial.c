/* Binary records: see serial.h. */
#include "serial.h"

#include "buf.h"

#include <string.h>

enum { MAX_STRING = 1u << 30 };

void fg_put_u64(fg_out *o, uint64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    if (!o->failed && fwrite(b, 1, 8, o->fp) != 8)
        o->failed = true;
}

void fg_put_str(fg_out *o, const char *s)
{
    size_t n = strlen(s);
    fg_put_u64(o, n);
    if (!o->failed && n && fwrite(s, 1, n, o->fp) != n)
        o->failed = true;
}

uint64_t fg_get_u64(fg_in *in)
{
    unsigned char b[8];
    if (in->failed || fread(b, 1, 8, in->fp) != 8) {
        in->failed = true;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)b[i] << (8 * i);
    return v;
}

char *fg_get_str(fg_in *in)
{
    uint64_t n = fg_get_u64(in);
    if (in->failed || n > MAX_STRING) {
        in->failed = true;
        return fg_xstrdup("");
    }
    char *s = fg_xmalloc((size_t)n + 1);
    if (n && fread(s, 1, (size_t)n, in->fp) != n) {
        in->failed = true;
        s[0] = '\0';
        return s;
    }
    s[n] = '\0';
    if (memchr(s, '\0', (size_t)n)) /* strings never hold NUL */
        in->failed = true;
    return s;
}
