/* Shard files and the merge of several into one set of outputs.
 *
 * Each shard's documents are in increasing input order, so the merge is a
 * k-way merge that holds one document per shard at a time. Notes (an
 * unreadable folder) are seen identically by every shard, since every
 * shard walks all inputs: the merge takes them from shard 1 only. The
 * documents then go through the same writer as in a single run, which is
 * what makes the outputs byte for byte the same. */
#include "shard.h"

#include "buf.h"
#include "serial.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SHARD_MAGIC UINT64_C(0x3144524148534746) /* "FGSHARD1" */

enum { REC_END, REC_NOTE, REC_DOC };

bool fg_shard_write_header(FILE *fp, unsigned k, unsigned n)
{
    fg_out o = {fp, false};
    fg_put_u64(&o, SHARD_MAGIC);
    fg_put_u64(&o, k);
    fg_put_u64(&o, n);
    return !o.failed;
}

bool fg_shard_write_note(FILE *fp, const char *path, fg_severity sev, const char *code,
                         const char *message)
{
    fg_out o = {fp, false};
    fg_put_u64(&o, REC_NOTE);
    fg_put_str(&o, path);
    fg_put_u64(&o, sev);
    fg_put_str(&o, code);
    fg_put_str(&o, message);
    return !o.failed;
}

bool fg_shard_write_doc(FILE *fp, size_t index, const fg_document *doc)
{
    fg_out o = {fp, false};
    fg_put_u64(&o, REC_DOC);
    fg_put_u64(&o, index);
    return !o.failed && fg_document_write(doc, fp) == FG_OK;
}

/*** Merge ***/

typedef struct source {
    FILE *fp;
    char *path;
    unsigned k;
    fg_document *doc; /* the next document, or NULL at the end */
    size_t index;
} source;

static bool fail(char *err, size_t n_err, const char *path, const char *what)
{
    snprintf(err, n_err, "%s: %s", path, what);
    return false;
}

/* Reads records up to the next document; notes are handed to the writer
 * when `notes` is set. */
static bool advance(const fg_engine *e, source *s, fg_writer *w, bool notes, char *err,
                    size_t n_err)
{
    s->doc = NULL;
    for (;;) {
        fg_in in = {s->fp, false};
        uint64_t type = fg_get_u64(&in);
        if (in.failed)
            return fail(err, n_err, s->path, "cut short: the shard run did not finish");
        if (type == REC_END)
            return true;
        if (type == REC_NOTE) {
            char *path = fg_get_str(&in);
            uint64_t sev = fg_get_u64(&in);
            char *code = fg_get_str(&in);
            char *msg = fg_get_str(&in);
            if (!in.failed && notes)
                fg_writer_note(w, path, sev <= FG_ERROR ? (fg_severity)sev : FG_ERROR, code,
                               msg);
            free(path);
            free(code);
            free(msg);
            if (in.failed)
                return fail(err, n_err, s->path, "damaged note record");
            continue;
        }
        if (type != REC_DOC)
            return fail(err, n_err, s->path, "damaged: unknown record");
        s->index = (size_t)fg_get_u64(&in);
        if (in.failed || fg_document_read(e, s->fp, &s->doc) != FG_OK)
            return fail(err, n_err, s->path,
                        "damaged document record, or made with another agency registry");
        return true;
    }
}

fg_status fg_merge(const fg_engine *engine, const char *const *dirs, size_t n_dirs,
                   fg_writer *w, fg_merge_fn fn, void *ctx, char *err, size_t n_err)
{
    source *src = fg_xcalloc(n_dirs + 1, sizeof *src);
    unsigned n = 0;
    fg_status st = FG_OK;
    bool *seen = NULL;
    for (size_t i = 0; i < n_dirs && st == FG_OK; i++) {
        fg_buf p;
        fg_buf_init(&p);
        fg_buf_printf(&p, "%s/%s", dirs[i], FG_SHARD_FILE);
        src[i].path = fg_buf_detach(&p);
        src[i].fp = fopen(src[i].path, "rb");
        if (!src[i].fp) {
            snprintf(err, n_err, "cannot open %s: %s", src[i].path, strerror(errno));
            st = FG_ERR_OPEN;
            break;
        }
        fg_in in = {src[i].fp, false};
        uint64_t magic = fg_get_u64(&in), k = fg_get_u64(&in), nn = fg_get_u64(&in);
        if (in.failed || magic != SHARD_MAGIC || nn == 0 || nn > 1000000 || k < 1 || k > nn) {
            fail(err, n_err, src[i].path, "not a fengong shard file");
            st = FG_ERR_READ;
        } else if (n && nn != n) {
            fail(err, n_err, src[i].path, "belongs to a run split into a different number "
                                          "of shards");
            st = FG_ERR_READ;
        } else {
            n = (unsigned)nn;
            src[i].k = (unsigned)k;
            if (!seen)
                seen = fg_xcalloc(n + 1, sizeof *seen);
            if (seen[k]) {
                fail(err, n_err, src[i].path, "the same shard is given twice");
                st = FG_ERR_READ;
            }
            seen[k] = true;
        }
    }
    for (unsigned k = 1; st == FG_OK && k <= n; k++)
        if (!seen[k]) {
            snprintf(err, n_err, "shard %u/%u is missing", k, n);
            st = FG_ERR_ARG;
        }
    /* shard 1 first: its notes come before any document, as in a single run */
    for (size_t i = 0; st == FG_OK && i < n_dirs; i++)
        if (src[i].k == 1 && !advance(engine, &src[i], w, true, err, n_err))
            st = FG_ERR_READ;
    for (size_t i = 0; st == FG_OK && i < n_dirs; i++)
        if (src[i].k != 1 && !advance(engine, &src[i], w, false, err, n_err))
            st = FG_ERR_READ;
    while (st == FG_OK) {
        size_t best = n_dirs;
        for (size_t i = 0; i < n_dirs; i++)
            if (src[i].doc && (best == n_dirs || src[i].index < src[best].index))
                best = i;
        if (best == n_dirs)
            break;
        st = fn ? fn(ctx, src[best].doc, err, n_err)
                : fg_writer_add(w, src[best].doc, NULL, err, n_err);
        fg_document_free(src[best].doc);
        src[best].doc = NULL;
        if (st == FG_OK && !advance(engine, &src[best], w, false, err, n_err))
            st = FG_ERR_READ;
    }
    for (size_t i = 0; i < n_dirs; i++) {
        fg_document_free(src[i].doc);
        if (src[i].fp)
            fclose(src[i].fp);
        free(src[i].path);
    }
    free(src);
    free(seen);
    return st;
}
