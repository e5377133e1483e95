/* Excel workbook output through libxlsxwriter: the 任务分工表 policy staff
 * would otherwise build by hand. */
#ifndef FG_WRITE_XLSX_H
#define FG_WRITE_XLSX_H

#include "fengong.h"
#include "report.h"

#include <time.h>

/* One sheet's share of a grid: data rows [row0, row0+n_rows) and the
 * columns [col0, col0+n_cols) after the label columns, which every sheet
 * repeats. */
typedef struct fg_sheet_block {
    size_t row0, n_rows, col0, n_cols;
} fg_sheet_block;

/* Cuts a grid of `n_rows` data rows and `n_cols` columns, the first
 * `n_label` of them labels, into sheets of at most `max_rows` rows (the
 * header included) and `max_cols` columns: column blocks outside, row
 * blocks inside. Returns the number of sheets (at least one); *out is a
 * new array the caller frees. */
size_t fg_xlsx_plan(size_t n_rows, size_t n_cols, size_t n_label, size_t max_rows,
                    size_t max_cols, fg_sheet_block **out);

/* Writes the workbook for the report `rep` (its columns fixed; its rows are
 * read back twice) to `path`:
 * sheets 分工表, 矩阵, 统计, 文件, 问题 (English names with FG_LANG_EN).
 * `created` is the fixed creation time that makes the file reproducible.
 * Every libxlsxwriter error is reported in `err` with the sheet and cell. */
fg_status fg_xlsx_write(const char *path, fg_report *rep, time_t created, char *err,
                        size_t n_err);

#endif
