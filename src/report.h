/* The run's report: what the outputs that need the whole run (the matrix
 * and the workbook) take from every document. Memory does not grow with
 * the number of measures: rows are spilled to a temporary file as they
 * are added and read back, one at a time, when the outputs are written.
 * What stays in memory is per document (its row in 文件), per diagnostic
 * (问题), and per agency (the columns and the workload counts). */
#ifndef FG_REPORT_H
#define FG_REPORT_H

#include "fengong.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum fg_lang { FG_LANG_ZH, FG_LANG_EN } fg_lang;

typedef struct fg_rep_cell {
    uint32_t col;  /* column key when added; column position when read back */
    uint8_t roles; /* bit set of fg_role */
} fg_rep_cell;

typedef struct fg_rep_row {
    size_t doc;     /* index in docs */
    char *measure, *heading, *section, *text, *deadline;
    char *notes;    /* warnings about this measure, one per line, or "" */
    char *written;  /* the 分工表's agencies: one line per agency as the
                       document writes it, in its order, each "R name" with
                       R the fg_role digit; "" when the workbook is off */
    bool numbered;  /* has a numbering path (not "#n") */
    bool open_list;
    bool attributed;
    fg_rep_cell *cells; /* one per column, sorted by column */
    size_t n_cells, cap_cells;
} fg_rep_row;

typedef struct fg_rep_doc {
    char *key, *path, *title, *number, *issuer, *date, *level, *published, *status;
    char *duplicate_of; /* the first file with the same key, or NULL */
    size_t doc_seq;     /* 1… among the documents written, in input order */
    char doc_id[17];    /* fg_docinfo.doc_id */
    size_t measures, attributed, agencies, warnings;
} fg_rep_doc;

typedef struct fg_rep_diag {
    char *path, *code, *message;
    size_t line, col;
    fg_severity severity;
} fg_rep_diag;

/* Workload of one column: measures per role, in total, per document. */
typedef struct fg_rep_load {
    size_t by_role[FG_N_ROLES];
    size_t total;
    struct fg_doc_count {
        size_t doc, n;
    } *docs;                     /* sparse: the documents that name it */
    size_t n_docs, cap_docs;
} fg_rep_load;

typedef struct fg_report {
    FILE *spill;        /* the rows, in order */
    size_t n_rows;
    bool spill_failed;
    fg_rep_doc *docs;
    size_t n_docs, cap_docs;
    fg_rep_diag *diags;
    size_t n_diags, cap_diags;
    fg_rep_load *loads; /* by column key while adding, by position once fixed */
    size_t n_loads;
    /* matrix columns, fixed by fg_report_fix_columns(): */
    size_t n_cols;
    const char **col_names; /* [n_cols], borrowed */
    size_t *col_pos;        /* column key → position */
    size_t n_keys;
    const char *role_text[1u << FG_N_ROLES]; /* "牵头", "牵头、配合" …, borrowed */
    fg_lang lang;
    size_t sheet_rows; /* rows a workbook sheet holds; 0 for Excel's 1,048,576
                          (unit tests set fewer to see sheets go on) */
} fg_report;

/* Opens the spill file (an anonymous temporary file). False on failure. */
bool fg_report_init(fg_report *r);
void fg_report_fini(fg_report *r);

/* Appends a row (copied to the spill file; cells carry column keys) and
 * counts its workload. */
void fg_report_add_row(fg_report *r, const fg_rep_row *row);

/* Fixes the columns: names[k] for column key k, `keep[k]` whether it
 * appears, in the final order given by `order` (keys, n of them). */
void fg_report_fix_columns(fg_report *r, const size_t *order, size_t n,
                           const char *const *names, size_t n_keys);

/* Reading the rows back, in order: rewind, then next until false. The row
 * is reused between calls; fg_rep_row_fini frees it. False on the end or
 * on a damaged spill (then r->spill_failed is set). */
bool fg_report_rewind(fg_report *r);
/* Where the next row read back starts, and going back to such a place (for
 * reading the rows in another order). */
long fg_report_tell(fg_report *r);
bool fg_report_seek(fg_report *r, long off);
bool fg_report_next(fg_report *r, fg_rep_row *row);
void fg_rep_row_fini(fg_rep_row *row);

#endif
