/* Diagnostics: a growable list of (severity, code, offset, message). */
#include "diag.h"

#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void fg_diags_init(fg_diags *d)
{
    d->items = NULL;
    d->n = d->cap = 0;
}

void fg_diags_fini(fg_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->items[i].message);
    free(d->items);
    fg_diags_init(d);
}

void fg_diags_add(fg_diags *d, fg_severity sev, const char *code, size_t src_off,
                  const char *fmt, ...)
{
    d->items = fg_xgrow(d->items, &d->cap, d->n + 1, sizeof *d->items);
    fg_diag_item *it = &d->items[d->n++];
    it->severity = sev;
    it->code = code;
    it->off = src_off;
    it->measure = FG_NO_MEASURE;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    it->message = fg_xmalloc(n > 0 ? (size_t)n + 1 : 1);
    it->message[0] = '\0';
    va_start(ap, fmt);
    if (n > 0)
        vsnprintf(it->message, (size_t)n + 1, fmt, ap);
    va_end(ap);
}

size_t fg_diags_count(const fg_diags *d, fg_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->items[i].severity == sev;
    return n;
}
