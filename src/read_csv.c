/* CSV reader. libcsv parses; this file feeds it line by line so that every
 * record knows the line it starts on and comment lines can be dropped before
 * libcsv sees them. A line is a comment only where a record could start:
 * outside a quoted field, which the reader tracks by counting quotes (in
 * well-formed CSV every quote outside a field toggles the quoted state; a
 * doubled quote toggles it twice). libcsv's callbacks cannot stop the
 * parser, so a failing record callback sets a flag and feeding stops. */
#include "read_csv.h"

#include "buf.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    fg_csv_record_fn fn;
    void *ctx;
    char **fields;
    size_t n_fields, cap_fields;
    size_t record_line; /* line the current record starts on, 0 when none started */
    bool stopped;       /* the callback returned false */
} reader;

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    r->fields = fg_xgrow(r->fields, &r->cap_fields, r->n_fields + 1, sizeof *r->fields);
    r->fields[r->n_fields++] = fg_xstrndup(s ? s : "", s ? len : 0);
}

static void clear_fields(reader *r)
{
    for (size_t i = 0; i < r->n_fields; i++)
        free(r->fields[i]);
    r->n_fields = 0;
}

static void on_record(int term, void *data)
{
    (void)term;
    reader *r = data;
    if (!r->stopped && !r->fn(r->ctx, r->fields, r->n_fields, r->record_line))
        r->stopped = true;
    clear_fields(r);
    r->record_line = 0;
}

static bool blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

fg_status fg_csv_read(const char *data, size_t len, const char *source, fg_csv_record_fn fn,
                      void *ctx, char *err, size_t n_err)
{
    /* an embedded NUL would cut a name silently (fields are C strings) */
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        size_t line = 1;
        for (const char *p = data; p < nul; p++)
            line += *p == '\n';
        snprintf(err, n_err, "%s:%zu: a NUL character: not a CSV text file", source, line);
        return FG_ERR_DATA;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        fputs("fengong: out of memory\n", stderr);
        abort();
    }
    reader r = {.fn = fn, .ctx = ctx};
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    fg_status st = FG_OK;
    bool in_quote = false;
    size_t line = 0;
    for (size_t at = 0; at < len && !r.stopped;) {
        const char *nl = memchr(data + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (data + at)) + 1 : len - at;
        const char *s = data + at;
        at += n;
        line++;
        if (!in_quote && (s[0] == '#' || blank(s, n - (nl ? 1 : 0))))
            continue;
        if (r.record_line == 0)
            r.record_line = line;
        if (csv_parse(&p, s, n, on_field, on_record, &r) != n) {
            snprintf(err, n_err,
                     "%s:%zu: not well-formed CSV: %s (a quote inside an "
                     "unquoted field, or text after a closing quote)",
                     source, line, csv_strerror(csv_error(&p)));
            st = FG_ERR_DATA;
            goto out;
        }
        for (size_t i = 0; i < n; i++)
            in_quote ^= s[i] == '"';
    }
    if (!r.stopped && csv_fini(&p, on_field, on_record, &r) != 0) {
        snprintf(err, n_err, "%s:%zu: not well-formed CSV: a quoted field is not closed", source,
                 r.record_line ? r.record_line : line);
        st = FG_ERR_DATA;
    }
out:
    if (r.stopped)
        st = FG_ERR_DATA;
    clear_fields(&r);
    free(r.fields);
    csv_free(&p);
    return st;
}
