/* Nothing lost: on every fixture, every bracket that contains a role word
 * either becomes an attribution in the outputs (an assignment positioned
 * inside it) or gets a diagnostic positioned inside it that says why not.
 *
 * Brackets are counted two ways, and both must be accounted for:
 *   - the pipeline's own: every outermost bracket of every paragraph of the
 *     normalised text (fg_attrib_brackets) whose content holds a role word;
 *   - the independent regex that fixtures/corpus/SOURCES uses to count
 *     attribution brackets, applied to each normalised paragraph (its role
 *     words widened to all of the pipeline's); each match must lie inside a
 *     bracket of the first kind.
 * The pipeline's role words are its own (RX_ROLEWORD, made from the word
 * table FG_WORDS in engine.c). A bracket is accounted for as an attribution
 * (an assignment inside it), an unparsed attribution (an
 * attribution-unparsed warning inside it) or a note (not-attribution and
 * the others). The counts are printed per file.
 *
 * Usage: test_nothing_lost PATH...  (fixture documents, or folders of
 * them, searched recursively: their .txt .html .htm .md files other than
 * README.md and SOURCES.md) */
#define _POSIX_C_SOURCE 200809L
#include "attrib.h"
#include "buf.h"
#include "diag.h"
#include "engine.h"
#include "fengong.h"
#include "hant.h"
#include "harness.h"
#include "normalize.h"
#include "source.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* fixtures/corpus/SOURCES's regex, role words widened to the label words
 * written out by hand (not taken from the pipeline's table) */
static const char SOURCES_RX[] =
    "[（(][^（）()]{0,120}?(?:牵头|负责|责任单位|配合单位|参与|配合|会同|指导|协助|主办单位"
    "|协办单位|主责单位|承办单位|落实单位|督办单位|责任部门|配合部门|组织实施)"
    "[^（）()]{0,120}?[）)]";

typedef struct pos {
    size_t line, col;
} pos;

static int cmp_pos(pos a, pos b)
{
    return a.line != b.line ? (a.line < b.line ? -1 : 1) : a.col < b.col ? -1 : a.col > b.col;
}

typedef struct bracket {
    size_t off, end; /* normalised */
    pos from, to;    /* source positions of its first and last character */
} bracket;

typedef struct file_state {
    fg_matcher *m;
    const char *s; /* the text brackets are found in */
    const fg_text *t;
    fg_source *src;
    bracket *v;
    size_t n, cap;
} file_state;

static bool has_role_word(fg_matcher *m, const char *s, size_t off, size_t end)
{
    return fg_match(m, RX_ROLEWORD, s + off, end - off);
}

static pos locate(file_state *f, size_t norm_off)
{
    pos p;
    fg_source_locate(f->src, fg_text_src_off(f->t, norm_off), &p.line, &p.col);
    return p;
}

static void on_bracket(void *ctx, size_t off, size_t end, bool unclosed)
{
    (void)unclosed;
    file_state *f = ctx;
    if (!has_role_word(f->m, f->s, off, end))
        return;
    f->v = fg_xgrow(f->v, &f->cap, f->n + 1, sizeof *f->v);
    size_t last = end - 1;
    while (last > off && ((unsigned char)f->s[last] & 0xC0) == 0x80)
        last--;
    f->v[f->n++] = (bracket){off, end, locate(f, off), locate(f, last)};
}

static bool inside(const bracket *b, pos p)
{
    return cmp_pos(p, b->from) >= 0 && cmp_pos(p, b->to) <= 0;
}

static char *slurp(const char *path, size_t *len)
{
    char *data;
    if (fg_source_read_file(path, false, &data, len) != FG_OK)
        return NULL;
    return data;
}

typedef struct names {
    char **v;
    size_t n, cap;
} names;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool document_name(const char *n)
{
    const char *dot = strrchr(n, '.');
    return dot && strcmp(n, "README.md") != 0 && strcmp(n, "SOURCES.md") != 0 &&
           (strcmp(dot, ".txt") == 0 || strcmp(dot, ".html") == 0 ||
            strcmp(dot, ".htm") == 0 || strcmp(dot, ".md") == 0);
}

/* The documents in folder `dir` and its subfolders, sorted by path. */
static void expand_dir(const char *dir, names *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t first = out->n;
    names subs = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        fg_buf b;
        fg_buf_init(&b);
        fg_buf_printf(&b, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(b.ptr, &st) == 0 && S_ISDIR(st.st_mode)) {
            subs.v = fg_xgrow(subs.v, &subs.cap, subs.n + 1, sizeof *subs.v);
            subs.v[subs.n++] = fg_buf_detach(&b);
        } else if (document_name(e->d_name)) {
            out->v = fg_xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
            out->v[out->n++] = fg_buf_detach(&b);
        } else {
            fg_buf_fini(&b);
        }
    }
    closedir(d);
    if (out->n > first)
        qsort(out->v + first, out->n - first, sizeof *out->v, by_name);
    if (subs.n)
        qsort(subs.v, subs.n, sizeof *subs.v, by_name);
    for (size_t i = 0; i < subs.n; i++) {
        expand_dir(subs.v[i], out);
        free(subs.v[i]);
    }
    free(subs.v);
}

/* The documents named, folders expanded (recursively, sorted). */
static void expand(int argc, char **argv, names *out)
{
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            expand_dir(argv[i], out);
            continue;
        }
        out->v = fg_xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
        out->v[out->n++] = fg_xstrdup(argv[i]);
    }
}

int main(int argc, char **argv)
{
    names files = {0};
    expand(argc, argv, &files);
    fg_engine *e;
    char err[256];
    if (fg_engine_new(&e, NULL, err, sizeof err) != FG_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    int code;
    PCRE2_SIZE at;
    pcre2_code *rx = pcre2_compile((PCRE2_SPTR)SOURCES_RX, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
                                   &code, &at, NULL);
    if (!rx) {
        fprintf(stderr, "SOURCES regex does not compile at %zu\n", (size_t)at);
        return 1;
    }
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(rx, NULL);
    fg_matcher mt;
    fg_matcher_init(&mt, e);
    size_t total = 0, total_attr = 0, total_unparsed = 0, total_diag = 0, total_rx = 0;
    for (size_t fi = 0; fi < files.n; fi++) {
        const char *path = files.v[fi];
        size_t len;
        char *data = slurp(path, &len);
        if (!data) {
            CHECK(false, "cannot read %s", path);
            continue;
        }
        /* what the pipeline made of it */
        fg_document *doc;
        fg_document_parse(e, path, data, len, &doc);
        /* the brackets, found again in the same normalised text */
        fg_diags diags;
        fg_diags_init(&diags);
        fg_source src;
        fg_text t;
        file_state f = {0};
        if (fg_source_decode(&src, data, len, NULL, &diags)) {
            fg_normalize(&t, src.text, src.len);
            fg_hant_simplify(e->opencc, &t); /* role words in simplified characters */
            f = (file_state){.m = &mt, .s = fg_text_match(&t), .t = &t, .src = &src};
            for (size_t p = 0; p < t.n_paras; p++)
                fg_attrib_brackets(f.s, t.paras[p].off, t.paras[p].len, on_bracket, &f);
            /* the independent count */
            for (size_t p = 0; p < t.n_paras; p++) {
                size_t start = 0, plen = t.paras[p].len;
                const char *ps = fg_text_match(&t) + t.paras[p].off;
                while (pcre2_match(rx, (PCRE2_SPTR)ps, plen, start, 0, md, NULL) > 0) {
                    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
                    size_t m_off = t.paras[p].off + ov[0], m_end = t.paras[p].off + ov[1];
                    bool in = false;
                    for (size_t k = 0; k < f.n && !in; k++)
                        in = f.v[k].off <= m_off && m_end <= f.v[k].end;
                    CHECK(in, "%s: regex match at %zu is inside no counted bracket", path,
                          m_off);
                    total_rx++;
                    start = ov[1];
                }
            }
        } else {
            memset(&t, 0, sizeof t);
        }
        /* each bracket: an assignment or a diagnostic inside it */
        size_t n_attr = 0, n_unparsed = 0, n_diag = 0;
        const fg_measure *ms = fg_document_measures(doc);
        const fg_diag *ds = fg_document_diags(doc);
        for (size_t k = 0; k < f.n; k++) {
            const bracket *b = &f.v[k];
            bool found = false;
            for (size_t m = 0; m < fg_document_n_measures(doc) && !found; m++)
                for (size_t a = 0; a < ms[m].n_assignments && !found; a++)
                    found = inside(b, (pos){ms[m].assignments[a].line, ms[m].assignments[a].col});
            if (found) {
                n_attr++;
                continue;
            }
            bool unparsed = false;
            for (size_t d = 0; d < fg_document_n_diags(doc) && !found; d++) {
                found = ds[d].line && inside(b, (pos){ds[d].line, ds[d].col});
                unparsed = found && strcmp(ds[d].code, "attribution-unparsed") == 0;
            }
            n_unparsed += unparsed;
            n_diag += found && !unparsed;
            CHECK(found, "%s:%zu:%zu: bracket with a role word is neither an attribution nor "
                  "a diagnostic: %.*s", path, b->from.line, b->from.col,
                  (int)(b->end - b->off > 300 ? 300 : b->end - b->off), f.s + b->off);
        }
        printf("%s: %zu brackets with a role word: %zu attributions, %zu unparsed, %zu other "
               "diagnostics\n",
               path, f.n, n_attr, n_unparsed, n_diag);
        total += f.n;
        total_attr += n_attr;
        total_unparsed += n_unparsed;
        total_diag += n_diag;
        free(f.v);
        fg_text_fini(&t);
        fg_source_fini(&src);
        fg_diags_fini(&diags);
        fg_document_free(doc);
        free(data);
    }
    printf("all: %zu brackets with a role word (%zu by the SOURCES regex): %zu attributions, "
           "%zu unparsed, %zu other diagnostics\n",
           total, total_rx, total_attr, total_unparsed, total_diag);
    CHECK(total > 0, "no bracket counted at all: the test would prove nothing");
    for (size_t i = 0; i < files.n; i++)
        free(files.v[i]);
    free(files.v);
    pcre2_match_data_free(md);
    pcre2_code_free(rx);
    fg_matcher_fini(&mt);
    fg_engine_free(e);
    return harness_done("test_nothing_lost");
}
