/* Writer: collects documents and writes the outputs.
 *
 * assignments.csv, measures.csv and documents.csv are streamed as documents
 * are added. The matrix and the workbook need every agency column before
 * their first row, so what they show of each measure is kept in a report
 * (src/report.h: labels, text, a few (column, roles) cells per row) and
 * written by fg_writer_finish(). Every output goes to a temporary name in
 * the output folder and is renamed into place only when all are complete.
 */
#define _POSIX_C_SOURCE 200809L

#include "buf.h"
#include "deadline.h"
#include "engine.h"
#include "fengong.h"
#include "messages.h"
#include "report.h"
#include "serial.h"
#include "shard.h"
#include "utf8.h"
#include "write_csv.h"
#include "write_sqlite.h"
#include "write_xlsx.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    OUT_ASSIGN, OUT_MEASURES, OUT_DOCS, OUT_MATRIX_CSV, OUT_MATRIX_XLSX, OUT_SQLITE, OUT_SHARD,
    N_OUT
};

static const char *const OUT_NAMES[N_OUT] = {"assignments.csv", "measures.csv",
                                             "documents.csv", "matrix.csv", "matrix.xlsx",
                                             "fengong.sqlite", FG_SHARD_FILE};

enum { EXCEL_MAX_CHARS = 32767 };

/*** A string → index map ***/

typedef struct strmap {
    char **keys;
    size_t *vals;
    size_t n, cap; /* cap is 0 or a power of two */
} strmap;

static size_t *strmap_find(const strmap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)fg_hash(key, strlen(key)) & mask; m->keys[i]; i = (i + 1) & mask)
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
                size_t j = (size_t)fg_hash(old.keys[i], strlen(old.keys[i])) & (m->cap - 1);
                while (m->keys[j])
                    j = (j + 1) & (m->cap - 1);
                m->keys[j] = old.keys[i];
                m->vals[j] = old.vals[i];
                m->n++;
            }
        free(old.keys);
        free(old.vals);
    }
    size_t i = (size_t)fg_hash(key, strlen(key)) & (m->cap - 1);
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

struct fg_writer {
    const fg_engine *engine;
    fg_writer_options opt;
    char *tmp[N_OUT], *final[N_OUT];
    fg_csv csv[OUT_DOCS + 1];
    FILE *shard;       /* shard.fgd, or NULL */
    fg_sqlite *db;     /* fengong.sqlite, or NULL */
    bool shard_failed;
    size_t n_added;    /* documents added so far */
    bool finished;
    fg_diag_fn diag_fn;
    void *diag_ctx;
    strmap keys;       /* document keys used so far → last suffix */
    strmap first_key;  /* document key → index in rep.docs of its first file */
    strmap contents;   /* "hash:bytes" of a file → index in rep.docs of the first */
    bool *known_used;  /* by registry index */
    strmap extra_ids;  /* collective and unknown names → extra index */
    char **extras;     /* in order of first appearance */
    size_t n_extras, cap_extras;
    long max_day;      /* latest document date, days since 1970 */
    fg_report rep;
    char *role_text[1u << FG_N_ROLES];
    /* matrix.csv state */
    const char **header;
    fg_rep_row row;  /* handed to the report, strings borrowed */
    fg_buf written;  /* row.written's text */
    fg_rep_row read; /* read back from the report, strings owned */
};

static char *join_path(const char *dir, const char *name)
{
    fg_buf b;
    fg_buf_init(&b);
    fg_buf_printf(&b, "%s/%s", dir, name);
    return fg_buf_detach(&b);
}

/* Creates the temporary file of output i under an unpredictable name, with
 * O_EXCL (mkstemp): a symlink planted under a name a run will use cannot
 * redirect the write. The file gets the mode the umask gives a new file. */
static bool make_temp(fg_writer *w, int i, const char *dir, const char *name, char *err,
                      size_t n_err)
{
    char *path = join_path(dir, name);
    int fd = mkstemp(path);
    if (fd < 0) {
        snprintf(err, n_err, "cannot create %s in %s: %s", name, dir, strerror(errno));
        free(path);
        return false;
    }
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || close(fd) != 0) {
        snprintf(err, n_err, "cannot create %s: %s", path, strerror(errno));
        remove(path);
        free(path);
        return false;
    }
    w->tmp[i] = path;
    return true;
}

size_t fg_writer_temp_files(const fg_writer *w, const char **paths, size_t max)
{
    size_t n = 0;
    for (int i = 0; i < N_OUT && n < max; i++)
        if (w->tmp[i])
            paths[n++] = w->tmp[i];
    return n;
}

void fg_writer_remove_stale(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        for (int i = 0; i < N_OUT; i++) {
            size_t n = strlen(OUT_NAMES[i]);
            const char *s = e->d_name;
            /* .NAME.tmp.XXXXXX, and .NAME.PID.tmp of earlier versions */
            if (s[0] != '.' || strncmp(s + 1, OUT_NAMES[i], n) != 0 || s[1 + n] != '.')
                continue;
            const char *rest = s + 2 + n;
            size_t digits = strspn(rest, "0123456789");
            if (strncmp(rest, "tmp.", 4) == 0 || (digits && strcmp(rest + digits, ".tmp") == 0)) {
                char *path = join_path(dir, s);
                remove(path);
                free(path);
            }
            break;
        }
    closedir(d);
}

static void remove_temps(fg_writer *w)
{
    for (int i = 0; i < N_OUT; i++)
        if (w->tmp[i])
            remove(w->tmp[i]);
}

/* New columns go at the end (and FG_SCHEMA is raised): BI users' queries
 * and the tests read columns by name, shell pipelines by position. */
static const char *const ASSIGN_HEADER[] = {
    "document", "file", "measure", "heading", "agency", "agency_written", "role", "role_zh",
    "open_list", "deadline", "line", "column", "implicit", "inherited", "doc_seq", "seq",
    "agency_seq", "agency_order", "doc_id", "deadline_source", "deadline_date", "page"};
static const char *const MEASURES_HEADER[] = {"document", "file", "measure", "heading",
                                              "text", "attribution", "deadline", "line",
                                              "review", "doc_seq", "seq", "doc_id",
                                              "deadline_source", "deadline_date", "page"};
static const char *const DOCS_HEADER[] = {
    "document",   "file",     "title",    "number", "issuer",    "date",   "measures",
    "attributed", "agencies", "warnings", "level",  "published", "status", "duplicate_of",
    "doc_seq",    "doc_id",   "schema"};

static void role_texts(fg_writer *w)
{
    for (unsigned mask = 0; mask < (1u << FG_N_ROLES); mask++) {
        fg_buf b;
        fg_buf_init(&b);
        for (int r = 0; r < FG_N_ROLES; r++)
            if (mask & (1u << r)) {
                if (b.len)
                    fg_buf_puts(&b, "、");
                fg_buf_puts(&b, fg_role_zh((fg_role)r));
            }
        w->role_text[mask] = fg_buf_detach(&b);
        w->rep.role_text[mask] = w->role_text[mask];
    }
}

fg_status fg_writer_new(const fg_engine *engine, const char *dir, const fg_writer_options *opt,
                        fg_writer **out, char *err, size_t n_err)
{
    fg_writer *w = fg_xcalloc(1, sizeof *w);
    w->engine = engine;
    if (opt)
        w->opt = *opt;
    if (!w->opt.formats)
        w->opt.formats = FG_FORMAT_CSV | FG_FORMAT_XLSX;
    *out = w;
    if (!fg_report_init(&w->rep)) {
        snprintf(err, n_err, "cannot create a temporary file: %s", strerror(errno));
        return FG_ERR_OPEN;
    }
    w->rep.lang = w->opt.english ? FG_LANG_EN : FG_LANG_ZH;
    w->known_used = fg_xcalloc(engine->registry.n_agencies, sizeof *w->known_used);
    role_texts(w);
    for (int i = 0; i < N_OUT; i++) {
        bool wanted = i == OUT_MATRIX_XLSX ? (w->opt.formats & FG_FORMAT_XLSX) && !w->opt.long_only
                      : i == OUT_SQLITE ? (w->opt.formats & FG_FORMAT_SQLITE) && !w->opt.long_only
                      /* a shard streaming to stdout is a map step: no shard.fgd
                       * (it landed in the current folder) */
                      : i == OUT_SHARD     ? w->opt.shard_n > 0 && !w->opt.stream
                      : i == OUT_ASSIGN    ? (w->opt.formats & FG_FORMAT_CSV) || w->opt.long_only
                                           : (w->opt.formats & FG_FORMAT_CSV) && !w->opt.long_only;
        if (!wanted || (i == OUT_ASSIGN && w->opt.stream))
            continue;
        char name[64];
        snprintf(name, sizeof name, ".%s.tmp.XXXXXX", OUT_NAMES[i]);
        w->final[i] = join_path(dir, OUT_NAMES[i]);
        if (!make_temp(w, i, dir, name, err, n_err))
            return FG_ERR_OPEN;
    }
    if (w->tmp[OUT_SHARD]) {
        w->shard = fopen(w->tmp[OUT_SHARD], "wb");
        if (!w->shard || !fg_shard_write_header(w->shard, w->opt.shard_k, w->opt.shard_n)) {
            snprintf(err, n_err, "cannot create %s: %s", w->tmp[OUT_SHARD], strerror(errno));
            return FG_ERR_OPEN;
        }
    }
    if (w->tmp[OUT_SQLITE] && !(w->db = fg_sqlite_open(w->tmp[OUT_SQLITE], err, n_err)))
        return FG_ERR_OPEN;
    if (w->opt.stream) {
        fg_csv_attach(&w->csv[OUT_ASSIGN], w->opt.stream);
        w->csv[OUT_ASSIGN].one_line = true;
        if (w->opt.header)
            fg_csv_row(&w->csv[OUT_ASSIGN], ASSIGN_HEADER,
                       sizeof ASSIGN_HEADER / sizeof *ASSIGN_HEADER);
        return FG_OK;
    }
    const char *const *headers[] = {ASSIGN_HEADER, MEASURES_HEADER, DOCS_HEADER};
    const size_t n_headers[] = {sizeof ASSIGN_HEADER / sizeof *ASSIGN_HEADER,
                                sizeof MEASURES_HEADER / sizeof *MEASURES_HEADER,
                                sizeof DOCS_HEADER / sizeof *DOCS_HEADER};
    for (int i = OUT_ASSIGN; i <= OUT_DOCS; i++) {
        if (!w->tmp[i])
            continue;
        if (!fg_csv_open(&w->csv[i], w->tmp[i], w->opt.excel_csv)) {
            snprintf(err, n_err, "cannot create %s: %s", w->tmp[i], strerror(errno));
            return FG_ERR_OPEN;
        }
        fg_csv_row(&w->csv[i], headers[i], n_headers[i]);
    }
    return FG_OK;
}

void fg_writer_set_diag_fn(fg_writer *w, fg_diag_fn fn, void *ctx)
{
    w->diag_fn = fn;
    w->diag_ctx = ctx;
}

static void keep_diag(fg_writer *w, const char *path, const fg_diag *d)
{
    fg_report *r = &w->rep;
    r->diags = fg_xgrow(r->diags, &r->cap_diags, r->n_diags + 1, sizeof *r->diags);
    r->diags[r->n_diags++] = (fg_rep_diag){fg_xstrdup(path), fg_xstrdup(d->code),
                                           fg_xstrdup(d->message), d->line, d->col,
                                           d->severity};
}

/* A diagnostic raised by the writer: kept for the issues sheet and handed
 * to the caller's function. */
static void raise_diag(fg_writer *w, const char *path, fg_severity sev, const char *code,
                       size_t line, const char *message)
{
    fg_diag d = {sev, code, line, line ? 1 : 0, message, FG_NO_MEASURE};
    keep_diag(w, path, &d);
    if (w->diag_fn)
        w->diag_fn(w->diag_ctx, path, &d);
}

void fg_writer_note(fg_writer *w, const char *path, fg_severity sev, const char *code,
                    const char *message)
{
    fg_diag d = {sev, code, 0, 0, message, FG_NO_MEASURE};
    keep_diag(w, path, &d);
    if (w->shard && !fg_shard_write_note(w->shard, path, sev, code, message))
        w->shard_failed = true;
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

static char *unique_key(fg_writer *w, const char *key)
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
    return fg_buf_detach(&b);
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

static int by_col(const void *a, const void *b)
{
    uint32_t x = ((const fg_rep_cell *)a)->col, y = ((const fg_rep_cell *)b)->col;
    return x < y ? -1 : x > y;
}

typedef struct named {
    const fg_assignment *as;
    size_t i; /* its place in the measure */
} named;

static int by_role_and_name(const void *pa, const void *pb)
{
    const named *a = pa, *b = pb;
    if (a->as->role != b->as->role)
        return a->as->role < b->as->role ? -1 : 1;
    int c = strcmp(a->as->written, b->as->written);
    return c ? c : a->i < b->i ? -1 : 1;
}

/* row.written for the 分工表: the measure's agencies as written, in the
 * document's order, each (role, name) once (a body named twice in one
 * measure is listed at its first place). Sorting finds the repeats, so a
 * bracket of 100,000 names stays fast. */
static void written_list(fg_writer *w, const fg_measure *me)
{
    fg_buf_clear(&w->written);
    size_t n = me ? me->n_assignments : 0;
    named *by = fg_xmalloc((n + 1) * sizeof *by);
    bool *repeat = fg_xcalloc(n + 1, sizeof *repeat);
    for (size_t i = 0; i < n; i++)
        by[i] = (named){&me->assignments[i], i};
    qsort(by, n, sizeof *by, by_role_and_name);
    for (size_t k = 1; k < n; k++)
        repeat[by[k].i] = by[k - 1].as->role == by[k].as->role &&
                          strcmp(by[k - 1].as->written, by[k].as->written) == 0;
    for (size_t i = 0; i < n; i++)
        if (!repeat[i])
            fg_buf_printf(&w->written, "%d%s\n", (int)me->assignments[i].role,
                          me->assignments[i].written);
    free(by);
    free(repeat);
    w->row.written = w->written.len ? w->written.ptr : (char *)"";
}

/* Hands the report what the matrix and the workbook show of a measure. */
static void keep_row(fg_writer *w, size_t doc, const fg_measure *me, const char *notes)
{
    fg_rep_row *row = &w->row;
    row->doc = doc;
    row->measure = (char *)me->id;
    row->heading = (char *)me->heading;
    /* the text and what else only the workbook shows go only to it */
    bool xlsx = w->opt.formats & FG_FORMAT_XLSX;
    row->section = (char *)(xlsx ? me->section : "");
    row->text = (char *)(xlsx ? me->text : "");
    row->deadline = (char *)(xlsx ? me->deadline : "");
    row->notes = (char *)(xlsx ? notes : "");
    written_list(w, xlsx ? me : NULL);
    row->numbered = me->id[0] != '#';
    row->attributed = me->attributed;
    row->open_list = false;
    row->cells = fg_xgrow(row->cells, &row->cap_cells, me->n_assignments + 1,
                          sizeof *row->cells);
    row->n_cells = 0;
    for (size_t i = 0; i < me->n_assignments; i++) {
        row->open_list = row->open_list || me->assignments[i].open_list;
        row->cells[row->n_cells++] =
            (fg_rep_cell){column_key(w, &me->assignments[i]),
                          (uint8_t)(1u << me->assignments[i].role)};
    }
    /* one cell per column, roles merged */
    qsort(row->cells, row->n_cells, sizeof *row->cells, by_col);
    size_t k = 0;
    for (size_t i = 0; i < row->n_cells; i++) {
        if (k > 0 && row->cells[k - 1].col == row->cells[i].col)
            row->cells[k - 1].roles |= row->cells[i].roles;
        else
            row->cells[k++] = row->cells[i];
    }
    row->n_cells = k;
    fg_report_add_row(&w->rep, row);
}

/*** Rows formatted ahead ***/

struct fg_prepared {
    char *key;             /* the key the rows were formatted with */
    size_t doc_seq;        /* and the document's place among those written */
    fg_buf assign, measures;
};

/* agency_seq of each of the measure's rows: the written ones in the
 * order written, then those a heading or a scope note gives. */
static void agency_seqs(const fg_measure *me, size_t *seq)
{
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < me->n_assignments; k++) {
            const fg_assignment *as = &me->assignments[k];
            if ((as->implicit || as->inherited) == (pass == 1))
                seq[k] = ++n;
        }
}

/* The PDF page, or an empty cell for other formats. */
static void put_page(fg_csv *c, size_t page)
{
    if (page)
        fg_csv_size(c, page);
    else
        fg_csv_str(c, "");
}

static void format_measure(fg_csv *m, fg_csv *a, const char *key, const fg_docinfo *info,
                           size_t doc_seq, size_t seq, const fg_measure *me)
{
    const char *path = info->path;
    char due[11]; /* once per measure, not per row */
    fg_deadline_date(me->deadline, info->date, due);
    const char *due_from = fg_deadline_source(me->deadline, me->attribution, me->text);
    if (m) {
        fg_csv_str(m, key);
        fg_csv_str(m, path);
        fg_csv_str(m, me->id);
        fg_csv_str(m, me->heading);
        fg_csv_str(m, me->text);
        fg_csv_str(m, me->attribution);
        fg_csv_str(m, me->deadline);
        fg_csv_size(m, me->line);
        fg_csv_str(m, me->review ? "true" : "false");
        fg_csv_size(m, doc_seq);
        fg_csv_size(m, seq);
        fg_csv_str(m, info->doc_id);
        fg_csv_str(m, due_from);
        fg_csv_str(m, due);
        put_page(m, me->page);
        fg_csv_end_row(m);
    }
    size_t *aseq = fg_xmalloc((me->n_assignments + 1) * sizeof *aseq);
    agency_seqs(me, aseq);
    for (size_t k = 0; k < me->n_assignments; k++) {
        const fg_assignment *as = &me->assignments[k];
        fg_csv_str(a, key);
        fg_csv_str(a, path);
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
        fg_csv_str(a, as->implicit ? "true" : "false");
        fg_csv_str(a, as->inherited ? "true" : "false");
        fg_csv_size(a, doc_seq);
        fg_csv_size(a, seq);
        fg_csv_size(a, aseq[k]);
        if (as->agency >= 0)
            fg_csv_size(a, (size_t)as->agency + 1);
        else
            fg_csv_str(a, "");
        fg_csv_str(a, info->doc_id);
        fg_csv_str(a, due_from);
        fg_csv_str(a, due);
        put_page(a, as->page);
        fg_csv_end_row(a);
    }
    free(aseq);
}

/* Formats the document's rows of assignments.csv and measures.csv with
 * `key`. Reads only what fg_writer_new() fixed, so it may run on any
 * thread. */
static fg_prepared *prepare(const fg_writer *w, const fg_document *doc, const char *key,
                            size_t doc_seq)
{
    fg_prepared *p = fg_xcalloc(1, sizeof *p);
    p->key = fg_xstrdup(key);
    p->doc_seq = doc_seq;
    fg_buf_init(&p->assign);
    fg_buf_init(&p->measures);
    if (fg_document_has_errors(doc) || (!w->tmp[OUT_ASSIGN] && !w->opt.stream))
        return p;
    fg_csv a, m;
    fg_csv_to_memory(&a, &p->assign, w->opt.excel_csv, w->opt.stream != NULL);
    fg_csv_to_memory(&m, &p->measures, w->opt.excel_csv, false);
    const fg_docinfo *info = fg_document_info(doc);
    const fg_measure *ms = fg_document_measures(doc);
    for (size_t i = 0; i < fg_document_n_measures(doc); i++)
        format_measure(w->tmp[OUT_MEASURES] ? &m : NULL, &a, key, info, doc_seq, i + 1, &ms[i]);
    fg_csv_close(&a);
    fg_csv_close(&m);
    return p;
}

fg_prepared *fg_writer_prepare(const fg_writer *w, const fg_document *doc, size_t doc_seq)
{
    return prepare(w, doc, fg_document_info(doc)->key, doc_seq);
}

void fg_prepared_free(fg_prepared *p)
{
    if (!p)
        return;
    free(p->key);
    fg_buf_fini(&p->assign);
    fg_buf_fini(&p->measures);
    free(p);
}

static void write_doc_row(fg_writer *w, const fg_rep_doc *d)
{
    fg_csv *c = &w->csv[OUT_DOCS];
    if (!c->fp)
        return;
    fg_csv_str(c, d->key);
    fg_csv_str(c, d->path);
    fg_csv_str(c, d->title);
    fg_csv_str(c, d->number);
    fg_csv_str(c, d->issuer);
    fg_csv_str(c, d->date);
    fg_csv_size(c, d->measures);
    fg_csv_size(c, d->attributed);
    fg_csv_size(c, d->agencies);
    fg_csv_size(c, d->warnings);
    fg_csv_str(c, d->level);
    fg_csv_str(c, d->published ? d->published : "");
    fg_csv_str(c, d->status ? d->status : "");
    fg_csv_str(c, d->duplicate_of ? d->duplicate_of : "");
    fg_csv_size(c, d->doc_seq);
    fg_csv_str(c, d->doc_id);
    fg_csv_size(c, FG_SCHEMA);
    fg_csv_end_row(c);
}

static const char *out_name(const fg_writer *w, int i)
{
    return w->tmp[i] ? w->tmp[i] : "standard output";
}

static fg_status csv_status(fg_writer *w, char *err, size_t n_err)
{
    for (int i = OUT_ASSIGN; i <= OUT_DOCS; i++)
        if (w->csv[i].err) {
            snprintf(err, n_err, "cannot write %s: %s", out_name(w, i), strerror(w->csv[i].err));
            return FG_ERR_WRITE;
        }
    return FG_OK;
}

/* The document's warnings by measure, for the 备注 of each: by_measure
 * [first[i] .. first[i + 1]) are the indexes (in order) of the warnings
 * and errors that concern measure i. One pass to count, one to place: a
 * scan of every diagnostic for every measure took minutes on pages of
 * 160,000 attributions. */
typedef struct notes_index {
    size_t *first, *by_measure;
} notes_index;

static void index_notes(const fg_document *doc, notes_index *ix)
{
    const fg_diag *ds = fg_document_diags(doc);
    size_t n_ms = fg_document_n_measures(doc), n_ds = fg_document_n_diags(doc);
    ix->first = fg_xcalloc(n_ms + 2, sizeof *ix->first);
    ix->by_measure = fg_xmalloc((n_ds + 1) * sizeof *ix->by_measure);
    for (size_t k = 0; k < n_ds; k++)
        if (ds[k].measure < n_ms && ds[k].severity != FG_NOTE)
            ix->first[ds[k].measure + 2]++;
    for (size_t i = 2; i < n_ms + 2; i++)
        ix->first[i] += ix->first[i - 1];
    for (size_t k = 0; k < n_ds; k++)
        if (ds[k].measure < n_ms && ds[k].severity != FG_NOTE)
            ix->by_measure[ix->first[ds[k].measure + 1]++] = k;
}

/* What the 分工表's 备注 says of measure `i`: an attribution not
 * understood (待核), the bodies a scope note implies, then the warnings
 * that concern it, one per line. */
static void measure_notes(const fg_writer *w, const fg_document *doc, const notes_index *ix,
                          size_t i, fg_buf *out)
{
    const fg_diag *ds = fg_document_diags(doc);
    const fg_measure *me = &fg_document_measures(doc)[i];
    fg_buf_clear(out);
    if (me->review)
        fg_buf_printf(out, w->opt.english ? "To check (allocation not understood: %s)"
                                          : "待核（未能识别的分工：%s）",
                      me->attribution);
    size_t n_implicit = 0;
    for (size_t k = 0; k < me->n_assignments; k++) {
        if (!me->assignments[k].implicit)
            continue;
        if (n_implicit++ == 0) {
            if (out->len)
                fg_buf_putc(out, '\n');
            fg_buf_puts(out, w->opt.english ? "Implied by a scope note: " : "范围说明所含单位：");
        } else {
            fg_buf_puts(out, "、");
        }
        fg_buf_puts(out, me->assignments[k].written);
    }
    for (size_t j = ix->first[i]; j < ix->first[i + 1]; j++) {
        const fg_diag *d = &ds[ix->by_measure[j]];
        if (out->len)
            fg_buf_putc(out, '\n');
        if (w->opt.english)
            fg_buf_puts(out, d->message);
        else
            fg_message_zh(d->code, d->message, out); /* 备注 in the workbook's language */
    }
}

static void check_cell_limit(fg_writer *w, const char *path, const fg_measure *me)
{
    if (!(w->opt.formats & FG_FORMAT_XLSX) ||
        fg_utf8_count(me->text, strlen(me->text)) <= EXCEL_MAX_CHARS - 100)
        return;
    fg_buf msg;
    fg_buf_init(&msg);
    fg_buf_printf(&msg, "measure %s is longer than an Excel cell holds (32,767 characters): "
                  "its text is truncated in matrix.xlsx, complete in measures.csv", me->id);
    raise_diag(w, path, FG_WARNING, "xlsx-truncated", me->line, msg.ptr);
    fg_buf_fini(&msg);
}

/* The identity of a file's bytes, as a map key. */
static void content_id(const fg_docinfo *info, char *out, size_t n)
{
    snprintf(out, n, "%016llx:%zu", (unsigned long long)info->content_hash, info->bytes);
}

const char *fg_writer_duplicate_of(const fg_writer *w, const fg_document *doc)
{
    const fg_docinfo *info = fg_document_info(doc);
    if (fg_document_has_errors(doc))
        return NULL; /* empty files too: byte-identical, one doc_id */
    char id[64];
    content_id(info, id, sizeof id);
    const size_t *i = strmap_find(&w->contents, id);
    return i ? w->rep.docs[*i].path : NULL;
}

fg_status fg_writer_add(fg_writer *w, const fg_document *doc, const char **key_used,
                        char *err, size_t n_err)
{
    return fg_writer_add_at(w, doc, w->n_added, NULL, key_used, err, n_err);
}

fg_status fg_writer_add_at(fg_writer *w, const fg_document *doc, size_t index,
                           fg_prepared *prepared, const char **key_used, char *err,
                           size_t n_err)
{
    const fg_docinfo *info = fg_document_info(doc);
    w->n_added++;
    if (w->shard && !fg_shard_write_doc(w->shard, index, doc)) {
        snprintf(err, n_err, "cannot write %s: %s", w->tmp[OUT_SHARD], strerror(errno));
        return FG_ERR_WRITE;
    }
    if (key_used)
        *key_used = NULL;
    const char *kept = fg_writer_duplicate_of(w, doc);
    if (kept) { /* the same file again (in another folder): read once */
        fg_buf msg;
        fg_buf_init(&msg);
        fg_buf_printf(&msg, "the same bytes as %s: a duplicate, left out", kept);
        raise_diag(w, info->path, FG_WARNING, "duplicate", 0, msg.ptr);
        fg_buf_fini(&msg);
        return FG_OK;
    }
    const fg_diag *ds = fg_document_diags(doc);
    for (size_t i = 0; i < fg_document_n_diags(doc); i++)
        keep_diag(w, info->path, &ds[i]);
    if (fg_document_has_errors(doc))
        return FG_OK;

    fg_report *r = &w->rep;
    r->docs = fg_xgrow(r->docs, &r->cap_docs, r->n_docs + 1, sizeof *r->docs);
    fg_rep_doc *d = &r->docs[r->n_docs];
    memset(d, 0, sizeof *d);
    d->key = unique_key(w, info->key);
    d->path = fg_xstrdup(info->path);
    d->title = fg_xstrdup(info->title);
    d->number = fg_xstrdup(info->number);
    d->issuer = fg_xstrdup(info->issuer);
    d->date = fg_xstrdup(info->date);
    d->level = fg_xstrdup(info->level);
    d->published = fg_xstrdup(info->published ? info->published : "");
    d->status = fg_xstrdup(info->status ? info->status : "");
    d->doc_seq = r->n_docs + 1;
    snprintf(d->doc_id, sizeof d->doc_id, "%s", info->doc_id);
    if (key_used)
        *key_used = d->key;
    char id[64];
    content_id(info, id, sizeof id);
    strmap_put(&w->contents, id, r->n_docs);
    const size_t *first = strmap_find(&w->first_key, info->key);
    if (first)
        d->duplicate_of = fg_xstrdup(r->docs[*first].path);
    else
        strmap_put(&w->first_key, info->key, r->n_docs);
    if (strcmp(d->key, info->key) != 0) {
        fg_buf msg;
        fg_buf_init(&msg);
        fg_buf_printf(&msg, "document key %s is used by an earlier file: rows use %s",
                      info->key, d->key);
        raise_diag(w, info->path, FG_WARNING, "duplicate-document", 0, msg.ptr);
        fg_buf_fini(&msg);
    }
    long day = day_number(info->date);
    if (day > w->max_day)
        w->max_day = day;

    const fg_measure *ms = fg_document_measures(doc);
    strmap agencies = {0};
    fg_buf notes;
    fg_buf_init(&notes);
    notes_index ix;
    index_notes(doc, &ix);
    for (size_t i = 0; i < fg_document_n_measures(doc); i++) {
        d->measures++;
        d->attributed += ms[i].attributed;
        for (size_t k = 0; k < ms[i].n_assignments; k++)
            if (!strmap_find(&agencies, ms[i].assignments[k].name))
                strmap_put(&agencies, ms[i].assignments[k].name, 1);
        if (w->tmp[OUT_MATRIX_CSV] || w->tmp[OUT_MATRIX_XLSX]) {
            measure_notes(w, doc, &ix, i, &notes);
            keep_row(w, r->n_docs, &ms[i], notes.ptr ? notes.ptr : "");
        }
        check_cell_limit(w, info->path, &ms[i]);
    }
    /* rows formatted ahead with the document's own key are written as they
     * are; a renamed duplicate is formatted again */
    fg_prepared *own = NULL;
    if (!prepared || strcmp(prepared->key, d->key) != 0 || prepared->doc_seq != d->doc_seq)
        prepared = own = prepare(w, doc, d->key, d->doc_seq);
    if (w->csv[OUT_ASSIGN].fp)
        fg_csv_raw(&w->csv[OUT_ASSIGN], prepared->assign.ptr, prepared->assign.len);
    if (w->csv[OUT_MEASURES].fp)
        fg_csv_raw(&w->csv[OUT_MEASURES], prepared->measures.ptr, prepared->measures.len);
    fg_prepared_free(own);
    d->agencies = agencies.n;
    for (size_t i = 0; i < fg_document_n_diags(doc); i++)
        d->warnings += ds[i].severity == FG_WARNING;
    if (w->db) {
        size_t *aseq = NULL, cap = 0;
        for (size_t i = 0; i < fg_document_n_measures(doc); i++) {
            aseq = fg_xgrow(aseq, &cap, ms[i].n_assignments + 1, sizeof *aseq);
            agency_seqs(&ms[i], aseq);
            fg_sqlite_measure(w->db, d, i + 1, &ms[i]);
            for (size_t k = 0; k < ms[i].n_assignments; k++)
                fg_sqlite_assignment(w->db, d, i + 1, &ms[i], &ms[i].assignments[k], aseq[k]);
        }
        free(aseq);
        fg_sqlite_document(w->db, d);
    }
    fg_buf_fini(&notes);
    free(ix.first);
    free(ix.by_measure);
    strmap_fini(&agencies);
    r->n_docs++;
    write_doc_row(w, d);
    return csv_status(w, err, n_err);
}

/*** Matrix ***/

/* Fixes the agency columns: registry order for known bodies, then
 * collectives and unknown names in order of first appearance. */
static void fix_columns(fg_writer *w)
{
    size_t n_known = w->engine->registry.n_agencies, n_keys = n_known + w->n_extras;
    const char **names = fg_xcalloc(n_keys + 1, sizeof *names);
    size_t *order = fg_xcalloc(n_keys + 1, sizeof *order), n = 0;
    for (size_t i = 0; i < n_known; i++) {
        names[i] = w->engine->registry.agencies[i].name;
        if (w->known_used[i])
            order[n++] = i;
    }
    for (size_t i = 0; i < w->n_extras; i++) {
        names[n_known + i] = w->extras[i];
        order[n++] = n_known + i;
    }
    fg_report_fix_columns(&w->rep, order, n, names, n_keys);
    free(order);
    free(names);
}

static void matrix_row(void *ctx, size_t i, const char **cells)
{
    fg_writer *w = ctx;
    const fg_report *r = &w->rep;
    fg_rep_row *row = &w->read;
    (void)i;
    for (size_t c = 0; c < r->n_cols + 3; c++)
        cells[c] = "";
    if (!fg_report_next(&w->rep, row))
        return; /* a damaged spill: reported by the caller */
    cells[0] = r->docs[row->doc].key;
    cells[1] = row->measure;
    cells[2] = row->heading;
    for (size_t k = 0; k < row->n_cells; k++)
        cells[3 + row->cells[k].col] = w->role_text[row->cells[k].roles];
}

static fg_status write_matrix_csv(fg_writer *w, char *err, size_t n_err)
{
    fg_report *r = &w->rep;
    w->header = fg_xcalloc(3 + r->n_cols, sizeof *w->header);
    w->header[0] = "document";
    w->header[1] = "measure";
    w->header[2] = "heading";
    for (size_t c = 0; c < r->n_cols; c++)
        w->header[3 + c] = r->col_names[c];
    fg_grid g = {w->header, 3 + r->n_cols, r->n_rows, 3, matrix_row, w};
    fg_report_rewind(r);
    fg_status st = fg_csv_write_grid(w->tmp[OUT_MATRIX_CSV], w->opt.excel_csv, &g, err, n_err);
    if (st == FG_OK && r->spill_failed) {
        snprintf(err, n_err, "cannot read back the temporary file of matrix rows");
        st = FG_ERR_WRITE;
    }
    return st;
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
            snprintf(err, n_err, "cannot write %s: %s", out_name(w, i), strerror(e));
            st = FG_ERR_WRITE;
        }
    }
    if (w->shard) {
        fg_out o = {w->shard, w->shard_failed};
        fg_put_u64(&o, 0); /* the end record */
        if (fclose(w->shard) != 0)
            o.failed = true;
        w->shard = NULL;
        if (o.failed && st == FG_OK) {
            snprintf(err, n_err, "cannot write %s: %s", w->tmp[OUT_SHARD], strerror(errno));
            st = FG_ERR_WRITE;
        }
    }
    fix_columns(w);
    if (st == FG_OK && w->tmp[OUT_MATRIX_CSV])
        st = write_matrix_csv(w, err, n_err);
    if (st == FG_OK && w->tmp[OUT_MATRIX_XLSX])
        st = fg_xlsx_write(w->tmp[OUT_MATRIX_XLSX], &w->rep, creation_time(w), err, n_err);
    if (w->db) {
        char db_err[512] = "";
        fg_status s = fg_sqlite_close(w->db, st == FG_OK, db_err, sizeof db_err);
        w->db = NULL;
        if (s != FG_OK && st == FG_OK) {
            snprintf(err, n_err, "cannot write %s: %s", w->tmp[OUT_SQLITE], db_err);
            st = s;
        }
    }
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
    if (w->shard)
        fclose(w->shard);
    fg_sqlite_close(w->db, false, NULL, 0);
    if (!w->finished)
        remove_temps(w);
    for (int i = 0; i < N_OUT; i++) {
        free(w->tmp[i]);
        free(w->final[i]);
    }
    fg_report_fini(&w->rep);
    w->row.measure = w->row.heading = w->row.section = NULL; /* borrowed */
    w->row.text = w->row.deadline = w->row.notes = w->row.written = NULL;
    fg_buf_fini(&w->written);
    free(w->row.cells);
    fg_rep_row_fini(&w->read);
    strmap_fini(&w->keys);
    strmap_fini(&w->first_key);
    strmap_fini(&w->contents);
    for (size_t i = 0; i < w->n_extras; i++)
        free(w->extras[i]);
    free(w->extras);
    strmap_fini(&w->extra_ids);
    for (unsigned i = 0; i < (1u << FG_N_ROLES); i++)
        free(w->role_text[i]);
    free(w->known_used);
    free((void *)w->header);
    free(w);
}

/*** The registry as CSV ***/

fg_status fg_engine_write_agencies(const fg_engine *engine, FILE *fp, char *err, size_t n_err)
{
    static const char *const HEADER[] = {"name",       "full_name", "category",  "order",
                                         "parent",     "valid_from", "valid_to", "successor",
                                         "aliases",    "local"};
    const fg_registry *r = &engine->registry;
    fg_csv c;
    fg_csv_attach(&c, fp);
    fg_csv_row(&c, HEADER, sizeof HEADER / sizeof HEADER[0]);
    for (size_t i = 0; i < r->n_agencies; i++) {
        const fg_agency *a = &r->agencies[i];
        if (a->counterpart >= 0) /* a local unit: made from its counterpart's row */
            continue;
        char order[32];
        snprintf(order, sizeof order, "%ld", a->order);
        fg_csv_str(&c, a->name);
        fg_csv_str(&c, a->full_name);
        fg_csv_str(&c, fg_agency_cat_name(a->cat));
        fg_csv_str(&c, order);
        fg_csv_str(&c, a->parent >= 0 ? r->agencies[a->parent].name : "");
        fg_csv_str(&c, a->valid_from);
        fg_csv_str(&c, a->valid_to);
        fg_csv_str(&c, a->successor >= 0 ? r->agencies[a->successor].name : "");
        fg_csv_str(&c, a->aliases);
        fg_csv_str(&c, a->local);
        fg_csv_end_row(&c);
    }
    int e = fg_csv_close(&c);
    if (e) {
        snprintf(err, n_err, "cannot write the registry: %s", strerror(e));
        return FG_ERR_WRITE;
    }
    return FG_OK;
}
