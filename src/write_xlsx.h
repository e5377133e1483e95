/* Excel workbook output through libxlsxwriter: the 任务分工表 policy staff
 * would otherwise build by hand. */
#ifndef FG_WRITE_XLSX_H
#define FG_WRITE_XLSX_H

#include "fengong.h"
#include "report.h"

#include <time.h>

/* Writes the workbook for the report `rep` (its columns fixed; its rows are
 * read back twice) to `path`:
 * sheets 分工表, 矩阵, 统计, 文件, 问题 (English names with FG_LANG_EN).
 * `created` is the fixed creation time that makes the file reproducible.
 * Every libxlsxwriter error is reported in `err` with the sheet and cell. */
fg_status fg_xlsx_write(const char *path, fg_report *rep, time_t created, char *err,
                        size_t n_err);

#endif
