/* Diagnostics sink. Stages add diagnostics with a byte offset into the
 * normalised text; the document converts offsets to line and column once,
 * through the offset map and the line-start table (as jq's locfile does). */
#ifndef FG_DIAG_H
#define FG_DIAG_H

#include "fengong.h"

#include <stddef.h>

#define FG_NO_OFFSET ((size_t)-1)

typedef struct fg_diag_item {
    fg_severity severity;
    const char *code;  /* static string */
    size_t off;        /* offset in the decoded source, FG_NO_OFFSET for file-level */
    char *message;     /* owned */
    size_t measure;    /* index of the measure it concerns, or FG_NO_MEASURE */
} fg_diag_item;

typedef struct fg_diags {
    fg_diag_item *items;
    size_t n, cap;
} fg_diags;

void fg_diags_init(fg_diags *d);
void fg_diags_fini(fg_diags *d);
/* Adds a diagnostic at `src_off` (a decoded-source offset). */
void fg_diags_add(fg_diags *d, fg_severity sev, const char *code, size_t src_off,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
size_t fg_diags_count(const fg_diags *d, fg_severity sev);

#endif
