/* Writer: collects documents and writes the outputs.
 *
 * assignments.csv, measures.csv and documents.csv are streamed as documents
 * are added; the matrix needs every agency column before its first row, so
 * its rows are kept (compactly: labels and a few (column, roles) cells per
 * row) and written by fg_writer_finish() as matrix.csv and matrix.xlsx.
 * Every output goes to a temporary name in the output folder and is renamed
 * into place only when all of them are complete.
 */
#define _POSIX_C_SOURCE 200809L

#include "buf.h"
#include "engine.h"
#include "fengong.h"
#include "write_csv.h"
#include "write_xlsx.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { OUT_ASSIGN, OUT_MEASURES, OUT_DOCS, OUT_MATRIX_CSV, OUT_MATRIX_XLSX, N_OUT };

static const char *const OUT_NAMES[N_OUT] = {"assignments.csv", "measures.csv",
                                             "documents.csv", "matrix.csv", "matrix.xlsx"};

/*** A string → index map ***/

typedef struct strmap {
    char **keys;
    size_t *vals;
    size_t n, cap; /* cap is 0 or a power of two */
} strmap;

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static size_t *strmap_find(const strmap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    for (size_t i = (size_t)str_hash(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
        if (strcmp(m->keys[i], key) == 0)
            return &m->vals[i];
    return NULL;
}

static void strmap_put(strmap *m, const char *key, size_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        strmap old = *m;
        m->cap = old.cap ? old.cap * 2 : 64;
        m->keys = fg_xcalloc(m->cap, sizeof *m->keys);
        m->vals = fg_xcalloc(m->cap, sizeof *m->vals);
        m->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.keys[i]) {
                size_t j = (size_t)str_hash(old.keys[i]) & (m->cap - 1);
                while (m->keys[j])
                    j = (j + 1) & (m->cap - 1);
                m->keys[j] = old.keys[i];
                m->vals[j] = old.vals[i];
                m->n++;
            }
        free(old.keys);
        free(old.vals);
    }
    size_t i = (size_t)str_hash(key) & (m->cap - 1);
    while (m->keys[i])
        i = (i + 1) & (m->cap - 1);
    m->keys[i] = fg_xstrdup(key);
    m->vals[i] = val;
    m->n++;
}

static void strmap_fini(strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/*** Writer ***/

typedef struct mcell {
    uint32_t col;  /* registry index, or n_agencies + extra index */
    uint8_t roles; /* bit set of fg_role */
} mcell;

typedef struct mrow {
    const char *doc; /* owned by the writer's key list */
    char *measure, *heading;
    mcell *cells;
    size_t n_cells;
} mrow;

struct fg_writer {
    const fg_engine *engine;
    unsigned formats;
    char *tmp[N_OUT], *final[N_OUT];
    fg_csv csv[OUT_DOCS + 1];
    bool finished;
    strmap keys;        /* document keys used so far → count */
    char **key_list;    /* keys as written, owned */
    size_t n_keys, cap_keys;
    mrow *rows;
    size_t n_rows, cap_rows;
    bool *known_used;   /* by registry index */
    strmap extra_ids;   /* collective and unknown names → extra index */
    char **extras;      /* in order of first appearance (borrowed from extra_ids) */
    size_t n_extras, cap_extras;
    char *role_text[1u << FG_N_ROLES];
    /* for keep_matrix_row: by column key, the row that last used it and
     * its cell there, so that merging a measure's agencies into cells is
     * linear even for a list of 100,000 names */
    size_t *col_row, *col_cell;
    size_t cap_col;
    long max_day;       /* latest document date, days since 1970 */
    /* matrix output state */
    size_t *col_of;     /* column key → column position */
    char **header;
    size_t n_cols;
    const char **cells;
};

static char *join_path(const char *dir, const char *name)
{
    fg_buf b;
    fg_buf_init(&b);
    fg_buf_printf(&b, "%s/%s", dir, name);
    return fg_buf_detach(&b);
}

static void remove_temps(fg_writer *w)
{
    for (int i = 0; i < N_OUT; i++)
        if (w->tmp[i])
            remove(w->tmp[i]);
}

static const char *const ASSIGN_HEADER[] = {
    "document", "file", "measure", "heading", "agency", "agency_written",
    "role", "role_zh", "open_list", "deadline", "line", "column"};
static const char *const MEASURES_HEADER[] = {"document", "file", "measure", "heading",
                                              "text", "attribution", "deadline", "line"};
static const char *const DOCS_HEADER[] = {"document", "file", "title", "number",
                                          "issuer", "date", "measures", "attributed",
                                          "agencies", "warnings"};

fg_status fg_writer_new(const fg_engine *engine, const char *dir, unsigned formats,
                        fg_writer **out, char *err, size_t n_err)
{
    fg_writer *w = fg_xcalloc(1, sizeof *w);
    w->engine = engine;
    w->formats = formats;
    w->known_used = fg_xcalloc(engine->registry.n_agencies, sizeof *w->known_used);
    for (unsigned mask = 1; mask < (1u << FG_N_ROLES); mask++) {
        fg_buf b;
        fg_buf_init(&b);
        for (int r = 0; r < FG_N_ROLES; r++)
            if (mask & (1u << r)) {
                if (b.len)
                    fg_buf_puts(&b, "、");
                fg_buf_puts(&b, fg_role_zh((fg_role)r));
            }
        w->role_text[mask] = fg_buf_detach(&b);
    }
    w->role_text[0] = fg_xstrdup("");
    for (int i = 0; i < N_OUT; i++) {
        bool wanted = i == OUT_MATRIX_XLSX ? (formats & FG_FORMAT_XLSX) : (formats & FG_FORMAT_CSV);
        if (!wanted)
            continue;
        char name[64];
        snprintf(name, sizeof name, ".%s.%ld.tmp", OUT_NAMES[i], (long)getpid());
        w->tmp[i] = join_path(dir, name);
        w->final[i] = join_path(dir, OUT_NAMES[i]);
    }
    *out = w;
    if (!(formats & FG_FORMAT_CSV))
        return FG_OK;
    const char *const *headers[] = {ASSIGN_HEADER, MEASURES_HEADER, DOCS_HEADER};
    const size_t n_headers[] = {12, 8, 10};
    for (int i = OUT_ASSIGN; i <= OUT_DOCS; i++) {
        if (!fg_csv_open(&w->csv[i], w->tmp[i])) {
            snprintf(err, n_err, "cannot create %s: %s", w->tmp[i], strerror(errno));
            return FG_ERR_OPEN;
        }
        fg_csv_row(&w->csv[i], headers[i], n_headers[i]);
    }
    return FG_OK;
}

/* Days since 1970-01-01 of a YYYY-MM-DD date (civil calendar), or -1. */
static long day_number(const char *date)
{
    int y, m, d;
    if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return -1;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static const char *unique_key(fg_writer *w, const char *key)
{
    size_t *count = strmap_find(&w->keys, key);
    fg_buf b;
    fg_buf_init(&b);
    if (!count) {
        strmap_put(&w->keys, key, 1);
        fg_buf_puts(&b, key);
    } else {
        /* a second file with the same 文号: keep rows apart */
        do {
            fg_buf_clear(&b);
            fg_buf_printf(&b, "%s#%zu", key, ++*count);
        } while (strmap_find(&w->keys, b.ptr));
        strmap_put(&w->keys, b.ptr, 1);
    }
    w->key_list = fg_xgrow(w->key_list, &w->cap_keys, w->n_keys + 1, sizeof *w->key_list);
    w->key_list[w->n_keys++] = fg_buf_detach(&b);
    return w->key_list[w->n_keys - 1];
}

static uint32_t column_key(fg_writer *w, const fg_assignment *as)
{
    if (as->agency >= 0) {
        w->known_used[as->agency] = true;
        return (uint32_t)as->agency;
    }
    size_t *id = strmap_find(&w->extra_ids, as->name);
    if (!id) {
        strmap_put(&w->extra_ids, as->name, w->n_extras);
        w->extras = fg_xgrow(w->extras, &w->cap_extras, w->n_extras + 1, sizeof *w->extras);
        w->extras[w->n_extras++] = fg_xstrdup(as->name);
        id = strmap_find(&w->extra_ids, as->name);
    }
    return (uint32_t)(w->engine->registry.n_agencies + *id);
}

static void keep_matrix_row(fg_writer *w, const char *key, const fg_measure *me)
{
    w->rows = fg_xgrow(w->rows, &w->cap_rows, w->n_rows + 1, sizeof *w->rows);
    size_t row_id = ++w->n_rows; /* from 1: col_row 0 means never used */
    mrow *r = &w->rows[row_id - 1];
    r->doc = key;
    r->measure = fg_xstrdup(me->id);
    r->heading = fg_xstrdup(me->heading);
    r->cells = me->n_assignments ? fg_xcalloc(me->n_assignments, sizeof *r->cells) : NULL;
    r->n_cells = 0;
    for (size_t i = 0; i < me->n_assignments; i++) {
        uint32_t col = column_key(w, &me->assignments[i]);
        if (col >= w->cap_col) {
            size_t old = w->cap_col, cap = old;
            w->col_row = fg_xgrow(w->col_row, &cap, (size_t)col + 1, sizeof *w->col_row);
            w->col_cell = fg_xgrow(w->col_cell, &w->cap_col, (size_t)col + 1,
                                   sizeof *w->col_cell);
            memset(w->col_row + old, 0, (w->cap_col - old) * sizeof *w->col_row);
        }
        if (w->col_row[col] != row_id) {
            w->col_row[col] = row_id;
            w->col_cell[col] = r->n_cells;
            r->cells[r->n_cells++] = (mcell){col, 0};
        }
        r->cells[w->col_cell[col]].roles |= (uint8_t)(1u << me->assignments[i].role);
    }
}

static void write_doc_rows(fg_writer *w, const char *key, const fg_document *doc)
{
    const fg_docinfo *info = fg_document_info(doc);
    const fg_measure *ms = fg_document_measures(doc);
    size_t n = fg_document_n_measures(doc), attributed = 0, warnings = 0;
    strmap agencies = {0};
    for (size_t i = 0; i < n; i++) {
        const fg_measure *me = &ms[i];
        attributed += me->attributed;
        fg_csv *m = &w->csv[OUT_MEASURES];
        fg_csv_str(m, key);
        fg_csv_str(m, info->path);
        fg_csv_str(m, me->id);
        fg_csv_str(m, me->heading);
        fg_csv_str(m, me->text);
        fg_csv_str(m, me->attribution);
        fg_csv_str(m, me->deadline);
        fg_csv_size(m, me->line);
        fg_csv_end_row(m);
        for (size_t k = 0; k < me->n_assignments; k++) {
            const fg_assignment *as = &me->assignments[k];
            if (!strmap_find(&agencies, as->name))
                strmap_put(&agencies, as->name, 1);
            fg_csv *a = &w->csv[OUT_ASSIGN];
            fg_csv_str(a, key);
            fg_csv_str(a, info->path);
            fg_csv_str(a, me->id);
            fg_csv_str(a, me->heading);
            fg_csv_str(a, as->name);
            fg_csv_str(a, as->written);
            fg_csv_str(a, fg_role_name(as->role));
            fg_csv_str(a, fg_role_zh(as->role));
            fg_csv_str(a, as->open_list ? "true" : "false");
            fg_csv_str(a, me->deadline);
            fg_csv_size(a, as->line);
            fg_csv_size(a, as->col);
            fg_csv_end_row(a);
        }
    }
    const fg_diag *ds = fg_document_diags(doc);
    for (size_t i = 0; i < fg_document_n_diags(doc); i++)
        warnings += ds[i].severity == FG_WARNING;
    fg_csv *d = &w->csv[OUT_DOCS];
    fg_csv_str(d, key);
    fg_csv_str(d, info->path);
    fg_csv_str(d, info->title);
    fg_csv_str(d, info->number);
    fg_csv_str(d, info->issuer);
    fg_csv_str(d, info->date);
    fg_csv_size(d, n);
    fg_csv_size(d, attributed);
    fg_csv_size(d, agencies.n);
    fg_csv_size(d, warnings);
    fg_csv_end_row(d);
    strmap_fini(&agencies);
}

static fg_status csv_status(fg_writer *w, char *err, size_t n_err)
{
    for (int i = OUT_ASSIGN; i <= OUT_DOCS; i++)
        if (w->csv[i].err) {
            snprintf(err, n_err, "cannot write %s: %s", w->tmp[i], strerror(w->csv[i].err));
            return FG_ERR_WRITE;
        }
    return FG_OK;
}

fg_status fg_writer_add(fg_writer *w, const fg_document *doc, const char **key_used,
                        char *err, size_t n_err)
{
    const fg_docinfo *info = fg_document_info(doc);
    const char *key = unique_key(w, info->key);
    if (key_used)
        *key_used = key;
    long day = day_number(info->date);
    if (day > w->max_day)
        w->max_day = day;
    const fg_measure *ms = fg_document_measures(doc);
    for (size_t i = 0; i < fg_document_n_measures(doc); i++)
        keep_matrix_row(w, key, &ms[i]);
    if (!(w->formats & FG_FORMAT_CSV))
        return FG_OK;
    write_doc_rows(w, key, doc);
    return csv_status(w, err, n_err);
}

/*** Matrix ***/

static void matrix_columns(fg_writer *w)
{
    size_t n_known = w->engine->registry.n_agencies;
    w->col_of = fg_xcalloc(n_known + w->n_extras, sizeof *w->col_of);
    w->header = fg_xcalloc(3 + n_known + w->n_extras, sizeof *w->header);
    w->header[0] = "document";
    w->header[1] = "measure";
    w->header[2] = "heading";
    w->n_cols = 3;
    for (size_t i = 0; i < n_known; i++)
        if (w->known_used[i]) {
            w->col_of[i] = w->n_cols;
            w->header[w->n_cols++] = (char *)w->engine->registry.agencies[i].name;
        }
    for (size_t i = 0; i < w->n_extras; i++) {
        w->col_of[n_known + i] = w->n_cols;
        w->header[w->n_cols++] = w->extras[i];
    }
}

static void matrix_row(void *ctx, size_t r, const char **cells)
{
    fg_writer *w = ctx;
    const mrow *row = &w->rows[r];
    for (size_t c = 0; c < w->n_cols; c++)
        cells[c] = "";
    cells[0] = row->doc;
    cells[1] = row->measure;
    cells[2] = row->heading;
    for (size_t k = 0; k < row->n_cells; k++)
        cells[w->col_of[row->cells[k].col]] = w->role_text[row->cells[k].roles];
}

/* SOURCE_DATE_EPOCH when set, else the latest document date, else
 * 2000-01-01: never the clock, so that runs are reproducible. */
static time_t creation_time(const fg_writer *w)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v > 0)
            return (time_t)v;
    }
    if (w->max_day > 0)
        return (time_t)w->max_day * 86400;
    return (time_t)946684800;
}

fg_status fg_writer_finish(fg_writer *w, char *err, size_t n_err)
{
    fg_status st = FG_OK;
    for (int i = OUT_ASSIGN; i <= OUT_DOCS; i++) {
        int e = fg_csv_close(&w->csv[i]);
        if (e && st == FG_OK) {
            snprintf(err, n_err, "cannot write %s: %s", w->tmp[i], strerror(e));
            st = FG_ERR_WRITE;
        }
    }
    matrix_columns(w);
    fg_grid g = {(const char *const *)w->header, w->n_cols, w->n_rows, 3, matrix_row, w};
    if (st == FG_OK && w->tmp[OUT_MATRIX_CSV])
        st = fg_csv_write_grid(w->tmp[OUT_MATRIX_CSV], &g, err, n_err);
    if (st == FG_OK && w->tmp[OUT_MATRIX_XLSX])
        st = fg_xlsx_write(w->tmp[OUT_MATRIX_XLSX], &g, creation_time(w), err, n_err);
    for (int i = 0; i < N_OUT && st == FG_OK; i++)
        if (w->tmp[i] && rename(w->tmp[i], w->final[i]) != 0) {
            snprintf(err, n_err, "cannot rename %s to %s: %s", w->tmp[i], w->final[i],
                     strerror(errno));
            st = FG_ERR_WRITE;
        }
    if (st != FG_OK)
        remove_temps(w);
    w->finished = st == FG_OK;
    return st;
}

void fg_writer_free(fg_writer *w)
{
    if (!w)
        return;
    for (int i = OUT_ASSIGN; i <= OUT_DOCS; i++)
        fg_csv_close(&w->csv[i]);
    if (!w->finished)
        remove_temps(w);
    for (int i = 0; i < N_OUT; i++) {
        free(w->tmp[i]);
        free(w->final[i]);
    }
    for (size_t i = 0; i < w->n_rows; i++) {
        free(w->rows[i].measure);
        free(w->rows[i].heading);
        free(w->rows[i].cells);
    }
    free(w->rows);
    for (size_t i = 0; i < w->n_keys; i++)
        free(w->key_list[i]);
    free(w->key_list);
    strmap_fini(&w->keys);
    for (size_t i = 0; i < w->n_extras; i++)
        free(w->extras[i]);
    free(w->extras);
    strmap_fini(&w->extra_ids);
    for (unsigned i = 0; i < (1u << FG_N_ROLES); i++)
        free(w->role_text[i]);
    free(w->known_used);
    free(w->col_row);
    free(w->col_cell);
    free(w->col_of);
    free(w->header);
    free(w);
}
