/* CSV writer. Every field goes through libcsv's csv_fwrite (always quoted,
 * embedded quotes doubled); separators and line ends are ours. Every write
 * is checked, and fclose's result too. */
#include "write_csv.h"

#include "buf.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool fg_csv_open(fg_csv *c, const char *path)
{
    c->n_fields = 0;
    c->err = 0;
    c->borrowed = false;
    c->fp = fopen(path, "wb");
    return c->fp != NULL;
}

void fg_csv_attach(fg_csv *c, FILE *fp)
{
    c->n_fields = 0;
    c->err = 0;
    c->borrowed = true;
    c->fp = fp;
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
    if (c->n_fields++ && fputc(',', c->fp) == EOF)
        note_error(c);
    else if (csv_fwrite(c->fp, s, len) != 0)
        note_error(c);
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
    if (!c->err && fputc('\n', c->fp) == EOF)
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
    if (c->borrowed ? ferror(c->fp) != 0 : fclose(c->fp) != 0)
        note_error(c);
    c->fp = NULL;
    return c->err;
}

fg_status fg_csv_write_grid(const char *path, const fg_grid *g, char *err, size_t n_err)
{
    fg_csv c;
    if (!fg_csv_open(&c, path)) {
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
