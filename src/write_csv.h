/* CSV output through libcsv: RFC 4180 quoting, UTF-8, LF line ends. */
#ifndef FG_WRITE_CSV_H
#define FG_WRITE_CSV_H

#include "fengong.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct fg_csv {
    FILE *fp;
    size_t n_fields; /* in the current row */
    int err;         /* first errno seen, 0 when all writes succeeded */
    bool borrowed;   /* fp belongs to the caller: fg_csv_close flushes it only */
} fg_csv;

/* Opens `path` for writing; false (errno set) on failure. */
bool fg_csv_open(fg_csv *c, const char *path);
/* Writes to the caller's stream `fp` (stdout), which fg_csv_close() flushes
 * but does not close. */
void fg_csv_attach(fg_csv *c, FILE *fp);
void fg_csv_field(fg_csv *c, const char *s, size_t len);
void fg_csv_str(fg_csv *c, const char *s);
void fg_csv_size(fg_csv *c, size_t v);
void fg_csv_end_row(fg_csv *c);
/* Writes a whole row of NUL-terminated fields. */
void fg_csv_row(fg_csv *c, const char *const *fields, size_t n);
/* Closes the file; returns 0 or the errno of the first failed write or of
 * the close (a full disk shows up here). */
int fg_csv_close(fg_csv *c);

/* A table produced row by row, shared by the CSV and XLSX writers. */
typedef struct fg_grid {
    const char *const *header;
    size_t n_cols, n_rows;
    size_t n_label_cols; /* leading columns that label a row */
    /* fills cells[0..n_cols) for row r; the strings live until the next call */
    void (*row)(void *ctx, size_t r, const char **cells);
    void *ctx;
} fg_grid;

/* Writes the grid as CSV to `path`. */
fg_status fg_csv_write_grid(const char *path, const fg_grid *g, char *err, size_t n_err);

#endif
