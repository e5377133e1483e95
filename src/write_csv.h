/* CSV output through libcsv: RFC 4180 quoting, UTF-8, LF line ends; or,
 * for Excel, a UTF-8 BOM, CRLF line ends and formula guards. */
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
    bool excel;      /* BOM, CRLF, formula guard */
    bool one_line;   /* line breaks inside fields become spaces */
    bool attached;   /* a stream we do not close */
    struct fg_buf *mem; /* when set, rows are appended here instead */
    char *row;       /* the row being assembled */
    size_t row_len, row_cap;
} fg_csv;

/* Opens `path` for writing; false (errno set) on failure. With `excel`,
 * writes a UTF-8 BOM first, ends rows with CRLF, and prefixes a field that
 * starts with = + - @ (or a tab or CR) with ' so that Excel shows it as
 * text instead of evaluating it. */
bool fg_csv_open(fg_csv *c, const char *path, bool excel);
/* Writes to an open stream (stdout) instead; the stream is not closed. */
void fg_csv_attach(fg_csv *c, FILE *fp);
/* Formats rows into `mem` instead of a file (for another thread to write). */
void fg_csv_to_memory(fg_csv *c, struct fg_buf *mem, bool excel, bool one_line);
/* Writes bytes formatted elsewhere (fg_csv_to_memory) as they are. */
void fg_csv_raw(fg_csv *c, const char *s, size_t len);
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
fg_status fg_csv_write_grid(const char *path, bool excel, const fg_grid *g, char *err,
                            size_t n_err);

#endif
