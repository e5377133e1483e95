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
 * The counts are printed per file.
 *
 * Usage: test_nothing_lost PATH...  (fixture documents, or folders of
 * them: their .txt .html .htm .md files other than README.md) */
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

static const char *const ROLE_WORDS[] = {"牵头", "负责", "配合", "参与", "会同", "指导",
                                         "协助", "责任单位", "主办单位", "协办单位", NULL};

/* fixtures/corpus/SOURCES's regex, role words widened */
static const char SOURCES_RX[] =
    "[（(][^（）()]{0,120}?(?:牵头|负责|责任单位|配合单位|参与|配合|会同|指导|协助|主办单位"
    "|协办单位)[^（）()]{0,120}?[）)]";

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
    const char *s; /* the text brackets are found in */
    const fg_text *t;
    fg_source *src;
    bracket *v;
    size_t n, cap;
} file_state;

static bool has_role_word(const char *s, size_t off, size_t end)
{
    for (const char *const *w = ROLE_WORDS; *w; w++) {
        size_t n = strlen(*w);
        for (size_t i = off; i + n <= end; i++)
            if (memcmp(s + i, *w, n) == 0)
                return true;
    }
    return false;
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
    if (!has_role_word(f->s, off, end))
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
    return dot && strcmp(n, "README.md") != 0 &&
           (strcmp(dot, ".txt") == 0 || strcmp(dot, ".html") == 0 ||
            strcmp(dot, ".htm") == 0 || strcmp(dot, ".md") == 0);
}

/* The documents named, folders expanded (one level, sorted). */
static void expand(int argc, char **argv, names *out)
{
    for (int i = 1; i < argc; i++) {
        struct stat st;
        DIR *d = stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode) ? opendir(argv[i]) : NULL;
        if (!d) {
            out->v = fg_xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
            out->v[out->n++] = fg_xstrdup(argv[i]);
            continue;
        }
        size_t first = out->n;
        struct dirent *e;
        while ((e = readdir(d)) != NULL)
            if (document_name(e->d_name)) {
                fg_buf b;
                fg_buf_init(&b);
                fg_buf_printf(&b, "%s/%s", argv[i], e->d_name);
                out->v = fg_xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
                out->v[out->n++] = fg_buf_detach(&b);
            }
        closedir(d);
        qsort(out->v + first, out->n - first, sizeof *out->v, by_name);
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
    size_t total = 0, total_attr = 0, total_diag = 0, total_rx = 0;
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
            f = (file_state){.s = fg_text_match(&t), .t = &t, .src = &src};
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
        size_t n_attr = 0, n_diag = 0;
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
            for (size_t d = 0; d < fg_document_n_diags(doc) && !found; d++)
                found = ds[d].line && inside(b, (pos){ds[d].line, ds[d].col});
            n_diag += found;
            CHECK(found, "%s:%zu:%zu: bracket with a role word is neither an attribution nor "
                  "a diagnostic: %.*s", path, b->from.line, b->from.col,
                  (int)(b->end - b->off > 300 ? 300 : b->end - b->off), f.s + b->off);
        }
        printf("%s: %zu brackets with a role word: %zu attributions, %zu diagnostics\n",
               path, f.n, n_attr, n_diag);
        total += f.n;
        total_attr += n_attr;
        total_diag += n_diag;
        free(f.v);
        fg_text_fini(&t);
        fg_source_fini(&src);
        fg_diags_fini(&diags);
        fg_document_free(doc);
        free(data);
    }
    printf("all: %zu brackets with a role word (%zu by the SOURCES regex): %zu attributions, "
           "%zu diagnostics\n",
           total, total_rx, total_attr, total_diag);
    CHECK(total > 0, "no bracket counted at all: the test would prove nothing");
    for (size_t i = 0; i < files.n; i++)
        free(files.v[i]);
    free(files.v);
    pcre2_match_data_free(md);
    pcre2_code_free(rx);
    fg_engine_free(e);
    return harness_done("test_nothing_lost");
}
