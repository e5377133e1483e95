/* Traditional to simplified folding: a binary search in a sorted table of
 * (traditional, simplified) pairs. Simplified text passes unchanged (two
 * rare characters aside: 么 and 苧 fold to 幺 and 苎, which no agency name
 * uses). */
#include "t2s.h"

#include "t2s_table.h"
#include "utf8.h"

#include <pthread.h>

/* Which code points of the Basic Multilingual Plane have an entry: most
 * characters of a simplified text have none, and the bitmap says so
 * without a search. */
static uint8_t in_table[0x10000 / 8];
static pthread_once_t in_table_once = PTHREAD_ONCE_INIT;

static void fill_in_table(void)
{
    for (size_t i = 0; i < sizeof T2S / sizeof T2S[0]; i++)
        if (T2S[i][0] < 0x10000)
            in_table[T2S[i][0] >> 3] |= (uint8_t)(1u << (T2S[i][0] & 7));
}

int32_t fg_t2s_char(int32_t cp)
{
    size_t lo = 0, hi = sizeof T2S / sizeof T2S[0];
    if (cp < 0x3400)
        return cp;
    if (cp < 0x10000) {
        pthread_once(&in_table_once, fill_in_table);
        if (!(in_table[cp >> 3] & (1u << (cp & 7))))
            return cp;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (T2S[mid][0] == (uint32_t)cp)
            return (int32_t)T2S[mid][1];
        if (T2S[mid][0] < (uint32_t)cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return cp;
}

void fg_t2s_fold(const char *s, size_t len, fg_buf *out)
{
    size_t n;
    for (size_t i = 0; i < len; i += n) {
        int32_t cp = fg_utf8_decode(s + i, len - i, &n);
        if (cp < 0x3400) { /* ASCII, punctuation, invalid bytes: as they are */
            fg_buf_put(out, s + i, n);
            continue;
        }
        char enc[4];
        fg_buf_put(out, enc, fg_utf8_encode(fg_t2s_char(cp), enc));
    }
}
