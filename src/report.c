/* Report: rows spilled to a temporary file, workload counted as rows come.
 * See report.h. */
#include "report.h"

#include "buf.h"
#include "serial.h"

#include <stdlib.h>
#include <string.h>

bool fg_report_init(fg_report *r)
{
    memset(r, 0, sizeof *r);
    r->spill = tmpfile();
    return r->spill != NULL;
}

static void free_doc(fg_rep_doc *d)
{
    free(d->key);
    free(d->path);
    free(d->title);
    free(d->number);
    free(d->issuer);
    free(d->date);
    free(d->level);
    free(d->published);
    free(d->status);
    free(d->duplicate_of);
}

void fg_report_fini(fg_report *r)
{
    if (r->spill)
        fclose(r->spill);
    for (size_t i = 0; i < r->n_docs; i++)
        free_doc(&r->docs[i]);
    free(r->docs);
    for (size_t i = 0; i < r->n_diags; i++) {
        free(r->diags[i].path);
        free(r->diags[i].code);
        free(r->diags[i].message);
    }
    free(r->diags);
    for (size_t i = 0; i < r->n_loads; i++) {
        free(r->loads[i].docs);
    }
    free(r->loads);
    free(r->col_pos);
    free(r->col_names);
    memset(r, 0, sizeof *r);
}

static fg_rep_load *load_of(fg_report *r, size_t key)
{
    if (key >= r->n_loads) {
        size_t n = key + 1 > r->n_loads * 2 ? key + 1 : r->n_loads * 2;
        r->loads = fg_xrealloc(r->loads, n * sizeof *r->loads);
        memset(r->loads + r->n_loads, 0, (n - r->n_loads) * sizeof *r->loads);
        r->n_loads = n;
    }
    return &r->loads[key];
}

static void count(fg_report *r, const fg_rep_row *row)
{
    for (size_t k = 0; k < row->n_cells; k++) {
        fg_rep_load *l = load_of(r, row->cells[k].col);
        for (int role = 0; role < FG_N_ROLES; role++)
            if (row->cells[k].roles & (1u << role))
                l->by_role[role]++;
        l->total++;
        /* documents arrive in order: the last entry is this one or none */
        if (l->n_docs == 0 || l->docs[l->n_docs - 1].doc != row->doc) {
            l->docs = fg_xgrow(l->docs, &l->cap_docs, l->n_docs + 1, sizeof *l->docs);
            l->docs[l->n_docs++] = (struct fg_doc_count){row->doc, 0};
        }
        l->docs[l->n_docs - 1].n++;
    }
}

void fg_report_add_row(fg_report *r, const fg_rep_row *row)
{
    fg_out o = {r->spill, r->spill_failed};
    fg_put_u64(&o, row->doc);
    fg_put_str(&o, row->measure);
    fg_put_str(&o, row->heading);
    fg_put_str(&o, row->section);
    fg_put_str(&o, row->text);
    fg_put_str(&o, row->deadline);
    fg_put_str(&o, row->notes);
    fg_put_str(&o, row->written);
    fg_put_u64(&o, (uint64_t)row->numbered | (uint64_t)row->open_list << 1 |
                       (uint64_t)row->attributed << 2);
    fg_put_u64(&o, row->n_cells);
    for (size_t k = 0; k < row->n_cells; k++)
        fg_put_u64(&o, (uint64_t)row->cells[k].col << 8 | row->cells[k].roles);
    r->spill_failed = o.failed;
    r->n_rows++;
    count(r, row);
}

void fg_report_fix_columns(fg_report *r, const size_t *order, size_t n,
                           const char *const *names, size_t n_keys)
{
    r->col_pos = fg_xcalloc(n_keys + 1, sizeof *r->col_pos);
    r->n_keys = n_keys;
    r->col_names = fg_xcalloc(n + 1, sizeof *r->col_names);
    fg_rep_load *by_pos = fg_xcalloc(n + 1, sizeof *by_pos);
    for (size_t p = 0; p < n; p++) {
        r->col_pos[order[p]] = p;
        r->col_names[p] = names[order[p]];
        if (order[p] < r->n_loads) {
            by_pos[p] = r->loads[order[p]];
            memset(&r->loads[order[p]], 0, sizeof r->loads[order[p]]);
        }
    }
    for (size_t i = 0; i < r->n_loads; i++) {
        free(r->loads[i].docs);
    }
    free(r->loads);
    r->loads = by_pos;
    r->n_loads = n;
    r->n_cols = n;
}

bool fg_report_rewind(fg_report *r)
{
    if (fflush(r->spill) != 0 || fseek(r->spill, 0, SEEK_SET) != 0)
        r->spill_failed = true;
    return !r->spill_failed;
}

long fg_report_tell(fg_report *r)
{
    long off = r->spill_failed ? -1 : ftell(r->spill);
    if (off < 0)
        r->spill_failed = true;
    return off;
}

bool fg_report_seek(fg_report *r, long off)
{
    if (r->spill_failed || off < 0 || fseek(r->spill, off, SEEK_SET) != 0)
        r->spill_failed = true;
    return !r->spill_failed;
}

void fg_rep_row_fini(fg_rep_row *row)
{
    free(row->measure);
    free(row->heading);
    free(row->section);
    free(row->text);
    free(row->deadline);
    free(row->notes);
    free(row->written);
    free(row->cells);
    memset(row, 0, sizeof *row);
}

static int by_col(const void *a, const void *b)
{
    uint32_t x = ((const fg_rep_cell *)a)->col, y = ((const fg_rep_cell *)b)->col;
    return x < y ? -1 : x > y;
}

bool fg_report_next(fg_report *r, fg_rep_row *row)
{
    fg_rep_cell *cells = row->cells;
    size_t cap = row->cap_cells;
    row->cells = NULL;
    fg_rep_row_fini(row);
    row->cells = cells;
    row->cap_cells = cap;
    if (r->spill_failed)
        return false;
    int c = fgetc(r->spill);
    if (c == EOF)
        return false;
    ungetc(c, r->spill);
    fg_in in = {r->spill, false};
    row->doc = (size_t)fg_get_u64(&in);
    row->measure = fg_get_str(&in);
    row->heading = fg_get_str(&in);
    row->section = fg_get_str(&in);
    row->text = fg_get_str(&in);
    row->deadline = fg_get_str(&in);
    row->notes = fg_get_str(&in);
    row->written = fg_get_str(&in);
    uint64_t flags = fg_get_u64(&in);
    row->numbered = flags & 1;
    row->open_list = flags & 2;
    row->attributed = flags & 4;
    uint64_t n = fg_get_u64(&in);
    if (in.failed || n > (1u << 24) || row->doc >= r->n_docs) {
        r->spill_failed = true;
        return false;
    }
    row->cells = fg_xgrow(row->cells, &row->cap_cells, (size_t)n + 1, sizeof *row->cells);
    row->n_cells = (size_t)n;
    for (size_t k = 0; k < row->n_cells; k++) {
        uint64_t v = fg_get_u64(&in);
        size_t key = (size_t)(v >> 8);
        if (r->col_pos && key >= r->n_keys)
            in.failed = true;
        row->cells[k].col = (uint32_t)(r->col_pos && !in.failed ? r->col_pos[key] : key);
        row->cells[k].roles = (uint8_t)(v & 0xFF);
    }
    if (in.failed) {
        r->spill_failed = true;
        return false;
    }
    qsort(row->cells, row->n_cells, sizeof *row->cells, by_col);
    return true;
}
