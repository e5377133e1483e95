/* Excel workbook output through libxlsxwriter. */
#ifndef FG_WRITE_XLSX_H
#define FG_WRITE_XLSX_H

#include "fengong.h"
#include "write_csv.h"

#include <time.h>

/* Writes a workbook with the matrix grid on a sheet named "matrix" (header
 * frozen, row labels frozen). `created` is the fixed creation time that
 * makes the file reproducible. Every libxlsxwriter error is reported in
 * `err` with the sheet and cell. */
fg_status fg_xlsx_write(const char *path, const fg_grid *matrix, time_t created, char *err,
                        size_t n_err);

#endif
