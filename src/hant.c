/* Traditional characters stage.
 *
 * Role words and agency names are matched in simplified characters; a
 * reprint from Hong Kong, Macau or Taiwan writes 牽頭, 負責, 按職責分工負責,
 * 責任單位, 國家發展改革委, 財政部; a Taiwan site may even write
 * 工業和資訊化部 for 工业和信息化部, a Hong Kong one 國家衞生健康委 with the
 * Hong Kong form of 衛. OpenCC converts them with two of its standard
 * configurations in a row: tw2sp (traditional with Taiwan phrasing to
 * simplified: 資訊 → 信息), then hk2s (Hong Kong variants: 衞 → 卫), which
 * leaves simplified text as it is. tw2sp comes first so that it still sees
 * Taiwan phrases in traditional characters. We keep no character table of
 * our own.
 *
 * Later stages report positions and copy spans of the original text, so
 * the simplified copy must keep every byte offset. OpenCC's phrase
 * conversion may change lengths (網際網路 → 互联网), so:
 *
 *   1. every distinct CJK character is converted on its own, in one
 *      OpenCC call per configuration, into a character map; a character
 *      whose simplified form has another UTF-8 length is left as it is
 *      (rare: some characters of the supplementary planes);
 *   2. the document counts as traditional when at least one CJK character
 *      in ten changes (and two at least): traditional text changes a
 *      quarter or more of its characters, simplified documents one in a
 *      thousand or none (著 → 着 in tw2sp's Taiwan variants; measured on
 *      the seeds and the corpus), so their text is never touched;
 *   3. the copy is the text with the character map applied, and then,
 *      paragraph by paragraph, OpenCC's phrase conversion wherever it
 *      keeps each run of CJK characters the same number of characters of
 *      the same byte lengths, and leaves everything else alone; past 2 MB
 *      of phrase conversion per document (the two conversions together
 *      run at about 1 MB/s) the character map alone is used.
 *
 * A phrase that shrinks inside a run while another grows by as much would
 * shift the characters of that run against the original; the copy is
 * still simplified text, but a name found there could start a character
 * off. No such pair is known in OpenCC's tables.
 *
 * One pair of converters serves all documents, and threads as the engine
 * promises: OpenCC's maintainer confirms that a converter is thread-safe
 * and its unit tests check it (BYVoid/OpenCC issue 231).
 */
#include "hant.h"

#include "buf.h"
#include "t2s.h"
#include "utf8.h"

#include <opencc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PHRASE_BUDGET = 2 << 20, BLOCK_MAX = 64 << 10 };

typedef struct converter {
    opencc_t tw2sp, hk2s;
} converter;

void *fg_hant_open(char *err, size_t n_err)
{
    converter *c = fg_xcalloc(1, sizeof *c);
    static const char *const CONFIGS[] = {"tw2sp.json", "hk2s.json"};
    opencc_t *slots[] = {&c->tw2sp, &c->hk2s};
    for (int i = 0; i < 2; i++) {
        *slots[i] = opencc_open(CONFIGS[i]);
        if (*slots[i] == (opencc_t)-1) {
            if (err)
                snprintf(err, n_err, "cannot load OpenCC's %s (package libopencc-data): %s",
                         CONFIGS[i], opencc_error());
            *slots[i] = NULL;
            fg_hant_close(c);
            return NULL;
        }
    }
    return c;
}

void fg_hant_close(void *converter_)
{
    converter *c = converter_;
    if (!c)
        return;
    if (c->tw2sp)
        opencc_close(c->tw2sp);
    if (c->hk2s)
        opencc_close(c->hk2s);
    free(c);
}

/* tw2sp, then hk2s; NULL when OpenCC fails. Free with free(). */
static char *convert(const converter *c, const char *s, size_t len)
{
    char *tw = opencc_convert_utf8(c->tw2sp, s, len);
    if (!tw)
        return NULL;
    char *hk = opencc_convert_utf8(c->hk2s, tw, strlen(tw));
    opencc_convert_utf8_free(tw);
    if (!hk)
        return NULL;
    char *out = fg_xstrdup(hk);
    opencc_convert_utf8_free(hk);
    return out;
}

static bool is_cjk(int32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x323AF);
}

/*** Character map ***/

typedef struct cmap {
    int32_t *key; /* 0: empty slot */
    int32_t *val; /* simplified form, or the key itself when unchanged */
    size_t *count;
    size_t n, cap;
} cmap;

static size_t slot(const cmap *m, int32_t cp)
{
    size_t i = ((uint32_t)cp * 2654435761u) & (m->cap - 1);
    while (m->key[i] && m->key[i] != cp)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static void cmap_grow(cmap *m)
{
    cmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 1024;
    m->key = fg_xcalloc(m->cap, sizeof *m->key);
    m->val = fg_xcalloc(m->cap, sizeof *m->val);
    m->count = fg_xcalloc(m->cap, sizeof *m->count);
    for (size_t i = 0; i < old.cap; i++)
        if (old.key[i]) {
            size_t j = slot(m, old.key[i]);
            m->key[j] = old.key[i];
            m->val[j] = old.val[i];
            m->count[j] = old.count[i];
        }
    free(old.key);
    free(old.val);
    free(old.count);
}

static void cmap_count(cmap *m, int32_t cp)
{
    if ((m->n + 1) * 2 > m->cap)
        cmap_grow(m);
    size_t i = slot(m, cp);
    if (!m->key[i]) {
        m->key[i] = cp;
        m->val[i] = cp;
        m->n++;
    }
    m->count[i]++;
}

static int32_t cmap_get(const cmap *m, int32_t cp)
{
    size_t i = slot(m, cp);
    return m->key[i] ? m->val[i] : cp;
}

static void cmap_fini(cmap *m)
{
    free(m->key);
    free(m->val);
    free(m->count);
}

/* Runs `cc` over every distinct character's current value on its own:
 * "國\n發\n…" in one call, the line feeds keeping OpenCC from forming
 * phrases. A result that is not one character of the same UTF-8 length
 * as the key is not taken. */
static bool convert_chars(opencc_t cc, cmap *m)
{
    fg_buf in;
    fg_buf_init(&in);
    for (size_t i = 0; i < m->cap; i++)
        if (m->key[i]) {
            char u[4];
            fg_buf_put(&in, u, fg_utf8_encode(m->val[i], u));
            fg_buf_putc(&in, '\n');
        }
    char *out = opencc_convert_utf8(cc, in.ptr, in.len);
    fg_buf_fini(&in);
    if (!out)
        return false;
    const char *p = out;
    bool ok = true;
    for (size_t i = 0; i < m->cap && ok; i++) {
        if (!m->key[i])
            continue;
        const char *nl = strchr(p, '\n');
        if (!nl) {
            ok = false;
            break;
        }
        size_t n, len = (size_t)(nl - p);
        int32_t cp = fg_utf8_decode(p, len, &n);
        char orig[4];
        if (cp > 0 && n == len && n == fg_utf8_encode(m->key[i], orig))
            m->val[i] = cp;
        p = nl + 1;
    }
    opencc_convert_utf8_free(out);
    return ok;
}

/*** Phrases ***/

/* End of the run at i: CJK characters, or anything else. */
static size_t run_end(const char *s, size_t i, size_t end, bool *cjk)
{
    size_t n;
    *cjk = is_cjk(fg_utf8_decode(s + i, end - i, &n));
    for (i += n; i < end; i += n)
        if (is_cjk(fg_utf8_decode(s + i, end - i, &n)) != *cjk)
            break;
    return i;
}

/* Same number of characters, each of the same byte length. */
static bool same_shape(const char *a, size_t a_len, const char *b, size_t b_len)
{
    if (a_len != b_len)
        return false;
    size_t i = 0, na, nb;
    while (i < a_len) {
        fg_utf8_decode(a + i, a_len - i, &na);
        fg_utf8_decode(b + i, b_len - i, &nb);
        if (na != nb)
            return false;
        i += na;
    }
    return true;
}

/* Phrase-converts s[off..end) and writes, run by run, what keeps its
 * shape into copy[off..end). Stops at the first run that does not line up
 * with the original (the rest keeps the character map). */
static void convert_phrases(const converter *cc, const char *s, size_t off, size_t end, char *copy)
{
    char *out = convert(cc, s + off, end - off);
    if (!out)
        return;
    size_t o = 0, o_len = strlen(out), i = off;
    while (i < end && o < o_len) {
        bool cjk_in, cjk_out;
        size_t i_end = run_end(s, i, end, &cjk_in);
        size_t o_end = run_end(out, o, o_len, &cjk_out);
        if (cjk_in != cjk_out)
            break;
        if (!cjk_in && (i_end - i != o_end - o || memcmp(s + i, out + o, i_end - i) != 0))
            break;
        if (cjk_in && same_shape(s + i, i_end - i, out + o, o_end - o))
            memcpy(copy + i, out + o, i_end - i);
        i = i_end;
        o = o_end;
    }
    free(out);
}

/* Blocks of whole paragraphs, or of at most BLOCK_MAX bytes cut before a
 * character that is not CJK, so that no phrase is cut in two. */
static size_t block_end(const char *s, size_t i, size_t end)
{
    if (end - i <= BLOCK_MAX)
        return end;
    size_t j = i + BLOCK_MAX, n;
    while (j > i && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    while (j < end && is_cjk(fg_utf8_decode(s + j, end - j, &n)))
        j += n;
    return j;
}

/*** Driver ***/

bool fg_hant_simplify(void *converter_, fg_text *t)
{
    const converter *cc = converter_;
    t->simplified = NULL;
    /* a first look with the character table folded from OpenCC's own
     * tw2s data (t2s.c): most documents are simplified, and asking OpenCC
     * about each of their distinct characters was a quarter of a run */
    size_t n_cjk = 0, n_trad = 0, n;
    const unsigned char *u = (const unsigned char *)t->s;
    for (size_t i = 0; i < t->len; i += n) {
        int32_t cp;
        if (u[i] < 0x80) { /* the text is valid UTF-8: a quick decode */
            n = 1;
            continue;
        } else if (u[i] >= 0xE0 && u[i] < 0xF0 && i + 2 < t->len) {
            cp = (int32_t)((u[i] & 0x0Fu) << 12 | (u[i + 1] & 0x3Fu) << 6 | (u[i + 2] & 0x3Fu));
            n = 3;
        } else {
            cp = fg_utf8_decode(t->s + i, t->len - i, &n);
        }
        if (is_cjk(cp)) {
            n_cjk++;
            n_trad += fg_t2s_char(cp) != cp;
        }
    }
    if (n_trad < 2 || n_trad * 10 < n_cjk)
        return false;
    cmap m = {0};
    n_cjk = 0;
    for (size_t i = 0; i < t->len; i += n) {
        int32_t cp = fg_utf8_decode(t->s + i, t->len - i, &n);
        if (is_cjk(cp)) {
            cmap_count(&m, cp);
            n_cjk++;
        }
    }
    /* tw2sp alone decides: a Hong Kong text has plenty of ordinary
     * traditional characters too; hk2s runs only on traditional text */
    size_t n_changed = 0;
    if (m.n && convert_chars(cc->tw2sp, &m))
        for (size_t i = 0; i < m.cap; i++)
            if (m.key[i] && m.val[i] != m.key[i])
                n_changed += m.count[i];
    if (n_changed < 2 || n_changed * 10 < n_cjk || !convert_chars(cc->hk2s, &m)) {
        cmap_fini(&m);
        return false;
    }
    char *copy = fg_xstrndup(t->s, t->len);
    for (size_t i = 0; i < t->len; i += n) {
        int32_t cp = fg_utf8_decode(t->s + i, t->len - i, &n);
        int32_t to = is_cjk(cp) ? cmap_get(&m, cp) : cp;
        if (to != cp)
            fg_utf8_encode(to, copy + i);
    }
    size_t budget = PHRASE_BUDGET;
    for (size_t p = 0; p < t->n_paras && budget > 0; p++) {
        size_t off = t->paras[p].off, end = off + t->paras[p].len;
        while (off < end && budget > 0) {
            size_t b = block_end(t->s, off, end);
            if (memcmp(t->s + off, copy + off, b - off) != 0) { /* something traditional */
                convert_phrases(cc, t->s, off, b, copy);
                budget = b - off < budget ? budget - (b - off) : 0;
            }
            off = b;
        }
    }
    cmap_fini(&m);
    t->simplified = copy;
    return true;
}
