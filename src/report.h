/* The run's report: what the writer keeps of every document for the
 * outputs that need the whole run (the matrix and the workbook). Rows are
 * compact: labels, the measure's text, and a few (column, roles) cells. */
#ifndef FG_REPORT_H
#define FG_REPORT_H

#include "fengong.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum fg_lang { FG_LANG_ZH, FG_LANG_EN } fg_lang;

typedef struct fg_rep_cell {
    uint32_t col;  /* column key: registry index, or n_agencies + extra index */
    uint8_t roles; /* bit set of fg_role */
} fg_rep_cell;

typedef struct fg_rep_row {
    size_t doc;     /* index in docs */
    char *measure, *heading, *section, *text, *deadline;
    char *notes;    /* warnings about this measure, one per line, or "" */
    bool numbered;  /* has a numbering path (not "#n") */
    bool open_list;
    bool attributed;
    fg_rep_cell *cells; /* sorted by column position once columns are fixed */
    size_t n_cells;
} fg_rep_row;

typedef struct fg_rep_doc {
    char *key, *path, *title, *number, *issuer, *date;
    size_t measures, attributed, agencies, warnings;
} fg_rep_doc;

typedef struct fg_rep_diag {
    char *path, *code, *message;
    size_t line, col;
    fg_severity severity;
} fg_rep_diag;

typedef struct fg_report {
    fg_rep_row *rows;
    size_t n_rows, cap_rows;
    fg_rep_doc *docs;
    size_t n_docs, cap_docs;
    fg_rep_diag *diags;
    size_t n_diags, cap_diags;
    /* matrix columns, fixed by fg_writer_finish(): */
    size_t n_cols;             /* agency columns */
    const char **col_names;    /* [n_cols] */
    size_t *col_pos;           /* column key → position in col_names */
    const char *role_text[1u << FG_N_ROLES]; /* "牵头", "牵头、配合" … */
    fg_lang lang;
    bool excel_csv;
} fg_report;

#endif
