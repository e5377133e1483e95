/* Excel workbook output through libxlsxwriter. */
#ifndef FG_WRITE_XLSX_H
#define FG_WRITE_XLSX_H

#include "fengong.h"
#include "write_csv.h"

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

/* Writes a workbook with the matrix grid on a sheet named "matrix" (header
 * frozen, row labels frozen), continued on "matrix 2", "matrix 3"… when it
 * exceeds Excel's 16,384 columns or 1,048,576 rows. `created` is the fixed creation time that
 * makes the file reproducible. Every libxlsxwriter error is reported in
 * `err` with the sheet and cell. */
fg_status fg_xlsx_write(const char *path, const fg_grid *matrix, time_t created, char *err,
                        size_t n_err);

#endif
