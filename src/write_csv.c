/* CSV writer. Every field goes through libcsv's csv_fwrite (always quoted,
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
    c->n_fields = 0;
    c->err = 0;
    c->excel = excel;
    c->fp = fopen(path, "wb");
    if (c->fp && excel && fputs("\xEF\xBB\xBF", c->fp) == EOF)
        c->err = errno ? errno : EIO;
    return c->fp != NULL;
}

static void note_error(fg_csv *c)
{
    if (!c->err)
        c->err = errno ? errno : EIO;
}

void fg_csv_field(fg_csv *c, const char *s, size_t len)
{
    if (c->err)
        return;
    if (c->n_fields++ && fputc(',', c->fp) == EOF) {
        note_error(c);
        return;
    }
    if (c->excel && len > 0 && s[0] != '\0' && strchr("=+-@\t\r", s[0])) {
        /* "=HYPERLINK(…)" in a measure's text must not run in Excel */
        fg_buf b;
        fg_buf_init(&b);
        fg_buf_putc(&b, '\'');
        fg_buf_put(&b, s, len);
        if (csv_fwrite(c->fp, b.ptr, b.len) != 0)
            note_error(c);
        fg_buf_fini(&b);
    } else if (csv_fwrite(c->fp, s, len) != 0) {
        note_error(c);
    }
}

void fg_csv_str(fg_csv *c, const char *s) { fg_csv_field(c, s ? s : "", s ? strlen(s) : 0); }

void fg_csv_size(fg_csv *c, size_t v)
{
    char b[32];
    int n = snprintf(b, sizeof b, "%zu", v);
    fg_csv_field(c, b, (size_t)n);
}

void fg_csv_end_row(fg_csv *c)
{
    if (!c->err && fputs(c->excel ? "\r\n" : "\n", c->fp) == EOF)
        note_error(c);
    c->n_fields = 0;
}

void fg_csv_row(fg_csv *c, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fg_csv_str(c, fields[i]);
    fg_csv_end_row(c);
}

int fg_csv_close(fg_csv *c)
{
    if (!c->fp)
        return c->err;
    if (!c->err && fflush(c->fp) != 0)
        note_error(c);
    if (fclose(c->fp) != 0)
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
