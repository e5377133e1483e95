/* CSV writer. Every field is quoted by libcsv's csv_write (always quoted,
 * embedded quotes doubled); separators, line ends, the BOM and the formula
 * guard of the Excel flavour are ours. Every write is checked, and
 * fclose's result too. */
#include "write_csv.h"

#include "buf.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool fg_csv_open(fg_csv *c, const char *path, bool excel)
{
    memset(c, 0, sizeof *c);
    c->excel = excel;
    c->fp = fopen(path, "wb");
    if (c->fp && excel && fputs("\xEF\xBB\xBF", c->fp) == EOF)
        c->err = errno ? errno : EIO;
    return c->fp != NULL;
}

void fg_csv_attach(fg_csv *c, FILE *fp)
{
    memset(c, 0, sizeof *c);
    c->fp = fp;
    c->attached = true;
}

void fg_csv_to_memory(fg_csv *c, fg_buf *mem, bool excel, bool one_line)
{
    memset(c, 0, sizeof *c);
    c->mem = mem;
    c->excel = excel;
    c->one_line = one_line;
}

static void note_error(fg_csv *c)
{
    if (!c->err)
        c->err = errno ? errno : EIO;
}

static void row_put(fg_csv *c, const char *s, size_t n)
{
    c->row = fg_xgrow(c->row, &c->row_cap, c->row_len + n + 1, 1);
    memcpy(c->row + c->row_len, s, n);
    c->row_len += n;
}

/* libcsv quotes the field (csv_write, into the row); a row goes out in one
 * fwrite: per-character fputc, as csv_fwrite does, was a fifth of a run's
 * time. */
void fg_csv_field(fg_csv *c, const char *s, size_t len)
{
    if (c->err)
        return;
    if (c->n_fields++)
        row_put(c, ",", 1);
    char *tmp = NULL;
    if (c->excel && len > 0 && s[0] != '\0' && strchr("=+-@\t\r", s[0])) {
        /* "=HYPERLINK(…)" in a measure's text must not run in Excel */
        tmp = fg_xmalloc(len + 1);
        tmp[0] = '\'';
        memcpy(tmp + 1, s, len);
        s = tmp;
        len++;
    }
    if (c->one_line && (memchr(s, '\n', len) || memchr(s, '\r', len))) {
        char *flat = fg_xstrndup(s, len);
        for (size_t i = 0; i < len; i++)
            if (flat[i] == '\n' || flat[i] == '\r')
                flat[i] = ' ';
        free(tmp);
        s = tmp = flat;
    }
    /* room for the worst case (every byte a quote, doubled, plus the two
     * enclosing quotes), so that libcsv formats the field in one pass */
    size_t room = 2 * len + 2;
    c->row = fg_xgrow(c->row, &c->row_cap, c->row_len + room + 1, 1);
    c->row_len += csv_write(c->row + c->row_len, room, s, len);
    free(tmp);
}

void fg_csv_str(fg_csv *c, const char *s) { fg_csv_field(c, s ? s : "", s ? strlen(s) : 0); }

void fg_csv_size(fg_csv *c, size_t v)
{
    /* digits by hand: snprintf took a sixth of a CSV run once the rows had
     * six number columns */
    char b[24];
    size_t i = sizeof b;
    do
        b[--i] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    fg_csv_field(c, b + i, sizeof b - i);
}

void fg_csv_end_row(fg_csv *c)
{
    if (c->excel)
        row_put(c, "\r\n", 2);
    else
        row_put(c, "\n", 1);
    if (c->mem)
        fg_buf_put(c->mem, c->row, c->row_len);
    else if (!c->err && fwrite(c->row, 1, c->row_len, c->fp) != c->row_len)
        note_error(c);
    c->row_len = 0;
    c->n_fields = 0;
}

void fg_csv_raw(fg_csv *c, const char *s, size_t len)
{
    if (!c->err && len && fwrite(s, 1, len, c->fp) != len)
        note_error(c);
}

void fg_csv_row(fg_csv *c, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fg_csv_str(c, fields[i]);
    fg_csv_end_row(c);
}

int fg_csv_close(fg_csv *c)
{
    free(c->row);
    c->row = NULL;
    c->row_len = c->row_cap = 0;
    if (!c->fp)
        return c->err;
    if (!c->err && fflush(c->fp) != 0)
        note_error(c);
    if (!c->attached && fclose(c->fp) != 0)
        note_error(c);
    c->fp = NULL;
    return c->err;
}

fg_status fg_csv_write_grid(const char *path, bool excel, const fg_grid *g, char *err,
                            size_t n_err)
{
    fg_csv c;
    if (!fg_csv_open(&c, path, excel)) {
        snprintf(err, n_err, "cannot create %s: %s", path, strerror(errno));
        return FG_ERR_OPEN;
    }
    fg_csv_row(&c, g->header, g->n_cols);
    const char **cells = fg_xcalloc(g->n_cols, sizeof *cells);
    for (size_t r = 0; r < g->n_rows && !c.err; r++) {
        g->row(g->ctx, r, cells);
        fg_csv_row(&c, cells, g->n_cols);
    }
    free(cells);
    int e = fg_csv_close(&c);
    if (e) {
        snprintf(err, n_err, "cannot write %s: %s", path, strerror(e));
        return FG_ERR_WRITE;
    }
    return FG_OK;
}
