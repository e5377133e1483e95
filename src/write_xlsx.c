/* XLSX writer. The workbook is written in libxlsxwriter's constant_memory
 * mode, row by row, so a large matrix is never held twice in memory. The
 * creation time is fixed by the caller, which makes the file reproducible.
 * File and zip errors surface only at workbook_close(), which also frees
 * the workbook: its result is always checked. */
#include "write_xlsx.h"

#include "buf.h"
#include "utf8.h"

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

static fg_status write_matrix(lxw_workbook *wb, const fg_grid *g, char *err, size_t n_err)
{
    const char *sheet = "matrix";
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    lxw_format *head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_bg_color(head, 0xDDEBF7);
    lxw_format *body = workbook_add_format(wb);
    format_set_border(body, LXW_BORDER_THIN);
    format_set_align(body, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *wrap = workbook_add_format(wb);
    format_set_border(wrap, LXW_BORDER_THIN);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    /* column widths must be set before rows in constant_memory mode */
    for (size_t c = 0; c < g->n_cols; c++) {
        double w = c < g->n_label_cols ? (c + 1 == g->n_label_cols ? 40 : 18)
                                       : text_width(g->header[c]) + 2;
        if (w > 40)
            w = 40;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
    }
    worksheet_freeze_panes(ws, 1, (lxw_col_t)g->n_label_cols);
    lxw_error e;
    for (size_t c = 0; c < g->n_cols; c++)
        if ((e = worksheet_write_string(ws, 0, (lxw_col_t)c, g->header[c], head)) != LXW_NO_ERROR)
            return cell_error(e, sheet, 0, c, err, n_err);
    const char **cells = fg_xcalloc(g->n_cols ? g->n_cols : 1, sizeof *cells);
    fg_status st = FG_OK;
    for (size_t r = 0; r < g->n_rows && st == FG_OK; r++) {
        g->row(g->ctx, r, cells);
        for (size_t c = 0; c < g->n_cols && st == FG_OK; c++) {
            if (!cells[c] || !cells[c][0]) {
                e = worksheet_write_blank(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, body);
            } else {
                char *tmp = NULL;
                e = worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
                                           cell_text(cells[c], &tmp),
                                           c + 1 == g->n_label_cols ? wrap : body);
                free(tmp);
            }
            if (e != LXW_NO_ERROR)
                st = cell_error(e, sheet, r + 1, c, err, n_err);
        }
    }
    free(cells);
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
