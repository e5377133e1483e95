/* CSV input through libcsv, for data files (the agency registry): records
 * with the line each starts on, '#' comment lines, a UTF-8 BOM skipped. */
#ifndef FG_READ_CSV_H
#define FG_READ_CSV_H

#include "fengong.h"

#include <stdbool.h>
#include <stddef.h>

/* Called once per record with its NUL-terminated fields (borrowed for the
 * call) and the line (from 1) the record starts on. Returns false to stop
 * reading; the callback then keeps its own account of why. */
typedef bool (*fg_csv_record_fn)(void *ctx, char **fields, size_t n_fields, size_t line);

/* Parses `len` bytes of CSV text (RFC 4180, as libcsv's strict mode reads
 * it). A line that starts with '#' outside a quoted field is a comment and
 * blank lines are skipped. Returns FG_OK; FG_ERR_DATA when the text is not
 * well-formed CSV, with "SOURCE:LINE: message" in `err`, or when `fn`
 * returned false (then `err` is left alone). The data is borrowed. */
fg_status fg_csv_read(const char *data, size_t len, const char *source, fg_csv_record_fn fn,
                      void *ctx, char *err, size_t n_err);

#endif
