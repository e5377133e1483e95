/* XLSX writer. The workbook is written in libxlsxwriter's constant_memory
 * mode, row by row, so a large matrix is never held twice in memory. A
 * matrix larger than one Excel sheet (16,384 columns, 1,048,576 rows)
 * continues on further sheets rather than failing the run. The
 * creation time is fixed by the caller, which makes the file reproducible.
 * File and zip errors surface only at workbook_close(), which also frees
 * the workbook: its result is always checked. */
#include "write_xlsx.h"

#include "buf.h"
#include "utf8.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

enum { EXCEL_MAX_CHARS = 32767 };

static const char TRUNCATED[] = "…[截断]";

/* Excel cells hold at most 32,767 characters: longer text is cut, with a
 * marker. Returns s itself or a copy in *tmp. */
static const char *cell_text(const char *s, char **tmp)
{
    size_t chars = 0, i = 0, len = strlen(s), n;
    while (i < len) {
        if (chars == EXCEL_MAX_CHARS - 10) {
            fg_buf b;
            fg_buf_init(&b);
            fg_buf_put(&b, s, i);
            fg_buf_puts(&b, TRUNCATED);
            *tmp = fg_buf_detach(&b);
            return *tmp;
        }
        fg_utf8_decode(s + i, len - i, &n);
        i += n;
        chars++;
    }
    return s;
}

/* Display width: a CJK character counts about two units. */
static double text_width(const char *s)
{
    double w = 0;
    size_t i = 0, len = strlen(s), n;
    while (i < len) {
        int32_t cp = fg_utf8_decode(s + i, len - i, &n);
        w += cp >= 0x1100 ? 2.1 : 1.1;
        i += n;
    }
    return w;
}

static void col_name(size_t col, char *out)
{
    char tmp[8];
    int n = 0;
    col++;
    while (col > 0 && n < 7) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

static fg_status cell_error(lxw_error e, const char *sheet, size_t row, size_t col, char *err,
                            size_t n_err)
{
    char c[8];
    col_name(col, c);
    snprintf(err, n_err, "workbook sheet '%s' cell %s%zu: %s", sheet, c, row + 1,
             lxw_strerror(e));
    return FG_ERR_XLSX;
}

size_t fg_xlsx_plan(size_t n_rows, size_t n_cols, size_t n_label, size_t max_rows,
                    size_t max_cols, fg_sheet_block **out)
{
    assert(n_label <= n_cols && n_label < max_cols && max_rows >= 2);
    size_t per_sheet_cols = max_cols - n_label, per_sheet_rows = max_rows - 1;
    size_t n_data_cols = n_cols - n_label;
    size_t col_blocks = n_data_cols ? (n_data_cols + per_sheet_cols - 1) / per_sheet_cols : 1;
    size_t row_blocks = n_rows ? (n_rows + per_sheet_rows - 1) / per_sheet_rows : 1;
    fg_sheet_block *b = fg_xcalloc(col_blocks * row_blocks, sizeof *b);
    size_t k = 0;
    for (size_t cb = 0; cb < col_blocks; cb++)
        for (size_t rb = 0; rb < row_blocks; rb++, k++) {
            b[k].col0 = n_label + cb * per_sheet_cols;
            b[k].n_cols = n_data_cols ? n_data_cols - cb * per_sheet_cols : 0;
            if (b[k].n_cols > per_sheet_cols)
                b[k].n_cols = per_sheet_cols;
            b[k].row0 = rb * per_sheet_rows;
            b[k].n_rows = n_rows - b[k].row0;
            if (b[k].n_rows > per_sheet_rows)
                b[k].n_rows = per_sheet_rows;
        }
    *out = b;
    return k;
}

typedef struct formats {
    lxw_format *head, *body, *wrap;
} formats;

/* One sheet: the label columns, then the block's columns, for the block's
 * rows. Column numbers in messages are those of the sheet. */
static fg_status write_sheet(lxw_workbook *wb, const char *sheet, const fg_grid *g,
                             const fg_sheet_block *b, const formats *f, const char **cells,
                             char *err, size_t n_err)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    if (!ws) {
        snprintf(err, n_err, "cannot add workbook sheet '%s'", sheet);
        return FG_ERR_XLSX;
    }
    size_t n = g->n_label_cols + b->n_cols;
    /* the grid's column of sheet column c */
#define GRID_COL(c) ((c) < g->n_label_cols ? (c) : b->col0 + (c) - g->n_label_cols)
    /* column widths must be set before rows in constant_memory mode */
    for (size_t c = 0; c < n; c++) {
        double w = c < g->n_label_cols ? (c + 1 == g->n_label_cols ? 40 : 18)
                                       : text_width(g->header[GRID_COL(c)]) + 2;
        if (w > 40)
            w = 40;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
    }
    worksheet_freeze_panes(ws, 1, (lxw_col_t)g->n_label_cols);
    lxw_error e;
    for (size_t c = 0; c < n; c++)
        if ((e = worksheet_write_string(ws, 0, (lxw_col_t)c, g->header[GRID_COL(c)],
                                        f->head)) != LXW_NO_ERROR)
            return cell_error(e, sheet, 0, c, err, n_err);
    for (size_t r = 0; r < b->n_rows; r++) {
        g->row(g->ctx, b->row0 + r, cells);
        for (size_t c = 0; c < n; c++) {
            const char *v = cells[GRID_COL(c)];
            if (!v || !v[0]) {
                e = worksheet_write_blank(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, f->body);
            } else {
                char *tmp = NULL;
                e = worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
                                           cell_text(v, &tmp),
                                           c + 1 == g->n_label_cols ? f->wrap : f->body);
                free(tmp);
            }
            if (e != LXW_NO_ERROR)
                return cell_error(e, sheet, r + 1, c, err, n_err);
        }
    }
#undef GRID_COL
    return FG_OK;
}

/* The matrix on as many sheets as Excel's limits need: "matrix", then
 * "matrix 2", "matrix 3"…, each with the header and the row labels. */
static fg_status write_matrix(lxw_workbook *wb, const fg_grid *g, char *err, size_t n_err)
{
    formats f;
    f.head = workbook_add_format(wb);
    format_set_bold(f.head);
    format_set_text_wrap(f.head);
    format_set_align(f.head, LXW_ALIGN_CENTER);
    format_set_align(f.head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(f.head, LXW_BORDER_THIN);
    format_set_bg_color(f.head, 0xDDEBF7);
    f.body = workbook_add_format(wb);
    format_set_border(f.body, LXW_BORDER_THIN);
    format_set_align(f.body, LXW_ALIGN_VERTICAL_TOP);
    f.wrap = workbook_add_format(wb);
    format_set_border(f.wrap, LXW_BORDER_THIN);
    format_set_text_wrap(f.wrap);
    format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);

    fg_sheet_block *blocks;
    size_t n_blocks = fg_xlsx_plan(g->n_rows, g->n_cols, g->n_label_cols, LXW_ROW_MAX,
                                   LXW_COL_MAX, &blocks);
    const char **cells = fg_xcalloc(g->n_cols ? g->n_cols : 1, sizeof *cells);
    fg_status st = FG_OK;
    for (size_t k = 0; k < n_blocks && st == FG_OK; k++) {
        char name[32];
        if (k == 0)
            snprintf(name, sizeof name, "matrix");
        else
            snprintf(name, sizeof name, "matrix %zu", k + 1);
        st = write_sheet(wb, name, g, &blocks[k], &f, cells, err, n_err);
    }
    free(cells);
    free(blocks);
    return st;
}

fg_status fg_xlsx_write(const char *path, const fg_grid *matrix, time_t created, char *err,
                        size_t n_err)
{
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    if (!wb) {
        snprintf(err, n_err, "cannot create workbook %s", path);
        return FG_ERR_XLSX;
    }
    lxw_doc_properties props = {0};
    props.title = "fengong 任务分工表";
    props.created = created;
    workbook_set_properties(wb, &props);
    fg_status st = write_matrix(wb, matrix, err, n_err);
    lxw_error e = workbook_close(wb);
    if (st == FG_OK && e != LXW_NO_ERROR) {
        snprintf(err, n_err, "cannot write workbook %s: %s", path, lxw_strerror(e));
        st = FG_ERR_XLSX;
    }
    return st;
}
