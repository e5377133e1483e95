/* Read/decode stage. Documents arrive as UTF-8 with or without a BOM;
 * invalid sequences are replaced by U+FFFD (one warning per document, at
 * the first one) so that every later stage can rely on valid UTF-8.
 * Line starts are recorded for \n, \r\n and a lone \r. */
#include "source.h"

#include "buf.h"
#include "utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fg_status fg_source_read_file(const char *path, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return FG_ERR_OPEN;
    fg_buf b;
    fg_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        fg_buf_put(&b, chunk, n);
    int err = ferror(fp) ? errno : 0;
    fclose(fp);
    if (err) {
        fg_buf_fini(&b);
        errno = err;
        return FG_ERR_READ;
    }
    *len = b.len;
    *data = fg_buf_detach(&b);
    return FG_OK;
}

static void build_lines(fg_source *src)
{
    size_t cap = 0;
    src->n_lines = 0;
    src->line_starts = fg_xgrow(NULL, &cap, 1, sizeof(size_t));
    src->line_starts[src->n_lines++] = 0;
    for (size_t i = 0; i < src->len; i++) {
        char c = src->text[i];
        if (c == '\r' && i + 1 < src->len && src->text[i + 1] == '\n')
            continue;
        if (c == '\n' || c == '\r') {
            src->line_starts = fg_xgrow(src->line_starts, &cap, src->n_lines + 1,
                                        sizeof(size_t));
            src->line_starts[src->n_lines++] = i + 1;
        }
    }
}

bool fg_source_decode(fg_source *src, const char *data, size_t len, fg_diags *diags)
{
    memset(src, 0, sizeof *src);
    if (memchr(data, '\0', len)) {
        fg_diags_add(diags, FG_ERROR, "not-text", FG_NO_OFFSET,
                     "the file contains NUL bytes: not a text document, skipped");
        src->text = fg_xstrdup("");
        build_lines(src);
        return false;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    fg_buf b;
    fg_buf_init(&b);
    fg_buf_reserve(&b, len);
    size_t i = 0, n_bad = 0, first_bad = 0;
    while (i < len) {
        size_t run = fg_utf8_valid_prefix(data + i, len - i);
        fg_buf_put(&b, data + i, run);
        i += run;
        if (i >= len)
            break;
        size_t k;
        fg_utf8_decode(data + i, len - i, &k); /* invalid here: how much to skip */
        if (n_bad++ == 0)
            first_bad = b.len;
        fg_buf_put(&b, "\xEF\xBF\xBD", 3);
        i += k;
    }
    src->len = b.len;
    src->text = fg_buf_detach(&b);
    build_lines(src);
    if (n_bad)
        fg_diags_add(diags, FG_WARNING, "invalid-utf8", first_bad,
                     "%zu invalid UTF-8 sequence%s replaced by U+FFFD (first here)", n_bad,
                     n_bad == 1 ? "" : "s");
    return true;
}

void fg_source_fini(fg_source *src)
{
    free(src->text);
    free(src->line_starts);
    memset(src, 0, sizeof *src);
}

void fg_source_locate(fg_source *src, size_t off, size_t *line, size_t *col)
{
    if (off > src->len)
        off = src->len;
    size_t lo = 0, hi = src->n_lines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (src->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = lo + 1;
    size_t from = src->line_starts[lo], base = 1;
    if (src->last_line == *line && src->last_off <= off) {
        from = src->last_off;
        base = src->last_col;
    }
    *col = base + fg_utf8_count(src->text + from, off - from);
    src->last_off = off;
    src->last_line = *line;
    src->last_col = *col;
}
