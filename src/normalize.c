/* Normalise stage.
 *
 * One left-to-right pass over the decoded source writes the normalised
 * text. Documents arrive as plain text, HTML reprints and Markdown with
 * front matter, often mixed in one file (a Jekyll post whose body is a
 * gov.cn HTML fragment), so the pass handles all of them:
 *
 *   - a leading `---` front matter block is read for `title:` and `date:`
 *     and skipped;
 *   - when the file contains known HTML tags, tags are removed (block tags
 *     and <br> break the paragraph, inline tags such as the <span> a
 *     reprint site wraps around 银行 vanish), <script>/<style> content and
 *     comments are dropped, and entities are decoded;
 *   - a line break always ends a paragraph;
 *   - runs of whitespace (U+3000, NBSP included) fold to one space and are
 *     trimmed at paragraph ends, zero-width characters are dropped,
 *     full-width ASCII letters and digits become ASCII;
 *   - Markdown links keep their text, and `>`, `#`, list markers and rules
 *     at the start of a paragraph are dropped.
 *
 * Every scan that looks ahead (for `>` closing a tag, `]` closing a link)
 * goes through a forward-only cache, so the pass stays linear on hostile
 * input such as a million unclosed `<a`.
 */
#include "normalize.h"

#include "buf.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/*** Output with offset map ***/

typedef struct lookahead {
    size_t pos; /* position of the next occurrence at or after `from` */
    size_t from;
    bool valid;
} lookahead;

typedef struct nz {
    const char *in;
    size_t len;
    fg_text *t;
    fg_buf out;
    size_t para_start;       /* offset in out where the paragraph begins */
    bool space_pending;
    size_t space_src;
    lookahead next_gt, next_lt, next_rbracket, next_nl, next_lbracket, next_rparen,
        next_ws;
} nz;

static void push_seg(nz *z, size_t in_off, bool copy)
{
    fg_text *t = z->t;
    if (copy && t->n_segs) {
        const fg_offseg *last = &t->segs[t->n_segs - 1];
        if (last->copy && last->in + (z->out.len - last->out) == in_off)
            return; /* continues the previous run */
    }
    t->segs = fg_xgrow(t->segs, &t->cap_segs, t->n_segs + 1, sizeof *t->segs);
    t->segs[t->n_segs++] = (fg_offseg){z->out.len, in_off, copy};
}

static void flush_space(nz *z)
{
    if (z->space_pending && z->out.len > z->para_start) {
        push_seg(z, z->space_src, false);
        fg_buf_putc(&z->out, ' ');
    }
    z->space_pending = false;
}

static void emit_copy(nz *z, size_t in_off, size_t n)
{
    flush_space(z);
    push_seg(z, in_off, true);
    fg_buf_put(&z->out, z->in + in_off, n);
}

/* Emits code point `cp` standing for the source at `in_off`. */
static void emit_cp(nz *z, size_t in_off, int32_t cp)
{
    if (fg_is_space(cp)) {
        if (!z->space_pending)
            z->space_src = in_off;
        z->space_pending = true;
        return;
    }
    if (fg_is_zero_width(cp))
        return;
    if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
        (cp >= 0xFF41 && cp <= 0xFF5A))
        cp -= 0xFEE0; /* full-width letter or digit */
    char enc[4];
    size_t n = fg_utf8_encode(cp, enc);
    flush_space(z);
    push_seg(z, in_off, false);
    fg_buf_put(&z->out, enc, n);
}

static bool is_rule(const char *s, size_t len)
{
    if (len < 3)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!strchr("-=*_ ", s[i]))
            return false;
    return true;
}

/* Drops Markdown block markers at the start of the paragraph span. */
static void strip_markers(const char *s, size_t *off, size_t *len, unsigned *flags)
{
    for (;;) {
        const char *p = s + *off;
        size_t skip = 0;
        if (*len >= 1 && p[0] == '>') {
            skip = 1;
        } else if (*len >= 2 && p[0] == '#') {
            size_t h = 0;
            while (h < *len && h < 7 && p[h] == '#')
                h++;
            if (h <= 6 && h < *len && p[h] == ' ') {
                skip = h + 1;
                *flags |= FG_PARA_MD_HEADING;
            }
        } else if (*len >= 2 && strchr("-*+", p[0]) && p[1] == ' ') {
            skip = 2;
        }
        if (!skip)
            return;
        *off += skip;
        *len -= skip;
        fg_utf8_trim(s, off, len);
    }
}

static void end_para(nz *z)
{
    z->space_pending = false;
    size_t off = z->para_start, len = z->out.len - z->para_start;
    unsigned flags = 0;
    fg_utf8_trim(z->out.ptr ? z->out.ptr : "", &off, &len);
    if (len)
        strip_markers(z->out.ptr, &off, &len, &flags);
    if (len && !is_rule(z->out.ptr + off, len)) {
        fg_text *t = z->t;
        t->paras = fg_xgrow(t->paras, &t->cap_paras, t->n_paras + 1, sizeof *t->paras);
        t->paras[t->n_paras++] = (fg_para){off, len, flags};
    }
    if (z->out.len > z->para_start) {
        push_seg(z, z->len, false);
        fg_buf_putc(&z->out, '\n');
    }
    z->para_start = z->out.len;
}

/*** Forward-only searches ***/

static size_t next_byte(nz *z, lookahead *la, char c, size_t from)
{
    if (!la->valid || from < la->from || (la->pos < from)) {
        const char *p = from < z->len ? memchr(z->in + from, c, z->len - from) : NULL;
        la->pos = p ? (size_t)(p - z->in) : z->len;
        la->from = from;
        la->valid = true;
    }
    return la->pos;
}

static size_t next_space(nz *z, size_t from)
{
    lookahead *la = &z->next_ws;
    if (!la->valid || la->pos < from) {
        size_t i = from;
        while (i < z->len && z->in[i] != ' ' && z->in[i] != '\t' && z->in[i] != '\n' &&
               z->in[i] != '\r')
            i++;
        la->pos = i;
        la->valid = true;
    }
    return la->pos;
}

/*** Front matter ***/

static size_t line_end(const char *s, size_t len, size_t i)
{
    const char *p = memchr(s + i, '\n', len - i);
    return p ? (size_t)(p - s) : len;
}

static bool line_is(const char *s, size_t a, size_t b, const char *lit)
{
    while (b > a && (s[b - 1] == '\r' || s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    return b - a == strlen(lit) && memcmp(s + a, lit, b - a) == 0;
}

static char *fm_value(const char *s, size_t a, size_t b)
{
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == '\r' || s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    if (b - a >= 2 && (s[a] == '"' || s[a] == '\'') && s[b - 1] == s[a]) {
        a++;
        b--;
    }
    return fg_xstrndup(s + a, b - a);
}

/* Reads a `---` block at the start; returns the offset after it (0 if none). */
static size_t read_front_matter(fg_text *t, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == '\n' || s[i] == '\r' || s[i] == ' '))
        i++;
    size_t e = line_end(s, len, i);
    if (!line_is(s, i, e, "---"))
        return 0;
    size_t start = e < len ? e + 1 : len;
    for (size_t p = start, n = 0; p < len && n < 200; n++) {
        size_t q = line_end(s, len, p);
        if (line_is(s, p, q, "---") || line_is(s, p, q, "...")) {
            for (size_t a = start; a < p;) {
                size_t b = line_end(s, len, a);
                if (!t->fm_title && fg_has_prefix(s + a, b - a, "title:"))
                    t->fm_title = fm_value(s, a + 6, b);
                else if (!t->fm_date && fg_has_prefix(s + a, b - a, "date:"))
                    t->fm_date = fm_value(s, a + 5, b);
                a = b + 1;
            }
            return q < len ? q + 1 : len;
        }
        p = q + 1;
    }
    return 0;
}

/*** HTML ***/

static const char *const BLOCK_TAGS[] = {
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "div",
    "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", NULL};
static const char *const SKIP_TAGS[] = {"script", "style", "noscript", "template", "svg",
                                        NULL};
static const char *const HINT_TAGS[] = {"p", "div", "br", "span", "table", "html", "body",
                                        "li", "strong", "font", "a", "h1", "h2", "h3",
                                        "td", "img", NULL};

static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

static bool name_in(const char *s, size_t n, const char *const *set)
{
    for (; *set; set++) {
        size_t m = strlen(*set);
        if (m != n)
            continue;
        size_t i = 0;
        while (i < n && lower(s[i]) == (*set)[i])
            i++;
        if (i == n)
            return true;
    }
    return false;
}

/* A file is HTML when it holds at least one tag we know. */
static bool looks_like_html(const char *s, size_t len)
{
    for (const char *p = s; (p = memchr(p, '<', len - (size_t)(p - s))) != NULL; p++) {
        const char *q = p + 1;
        if (q < s + len && *q == '/')
            q++;
        const char *name = q;
        while (q < s + len && is_alnum(*q))
            q++;
        if (q > name && q < s + len && (*q == '>' || *q == ' ' || *q == '/') &&
            name_in(name, (size_t)(q - name), HINT_TAGS))
            return true;
        if ((size_t)(p - s) + 1 >= len)
            break;
    }
    return false;
}

/* Skips to just after `</name` ... `>`, or to the end. */
static size_t skip_element(nz *z, size_t i, const char *name, size_t n)
{
    for (;;) {
        const char *p = i < z->len ? memchr(z->in + i, '<', z->len - i) : NULL;
        if (!p)
            return z->len;
        i = (size_t)(p - z->in) + 1;
        if (i + n < z->len && z->in[i] == '/') {
            size_t k = 0;
            while (k < n && lower(z->in[i + 1 + k]) == name[k])
                k++;
            if (k == n) {
                const char *gt = memchr(z->in + i, '>', z->len - i);
                return gt ? (size_t)(gt - z->in) + 1 : z->len;
            }
        }
    }
}

/* Handles '<' at i in HTML mode; returns the offset after what it consumed,
 * or i when the '<' is literal text. */
static size_t html_tag(nz *z, size_t i)
{
    const char *s = z->in;
    if (i + 3 < z->len && memcmp(s + i, "<!--", 4) == 0) {
        const char *e = NULL;
        for (size_t p = i + 4; p + 2 < z->len; p++) {
            const char *d = memchr(s + p, '-', z->len - p);
            if (!d || (size_t)(d - s) + 2 >= z->len)
                break;
            p = (size_t)(d - s);
            if (s[p + 1] == '-' && s[p + 2] == '>') {
                e = s + p + 3;
                break;
            }
        }
        return e ? (size_t)(e - s) : z->len;
    }
    size_t q = i + 1;
    bool closing = q < z->len && s[q] == '/';
    if (closing)
        q++;
    bool decl = q < z->len && (s[q] == '!' || s[q] == '?');
    if (!decl && (q >= z->len || !is_alpha(s[q])))
        return i;
    size_t name = q;
    while (q < z->len && is_alnum(s[q]))
        q++;
    size_t gt = next_byte(z, &z->next_gt, '>', i + 1);
    size_t lt = next_byte(z, &z->next_lt, '<', i + 1);
    if (gt >= z->len || lt < gt)
        return i;
    size_t n = q - name;
    if (!decl && !closing && name_in(s + name, n, SKIP_TAGS)) {
        char lname[16];
        for (size_t k = 0; k < n && k < sizeof lname - 1; k++)
            lname[k] = lower(s[name + k]);
        lname[n < sizeof lname ? n : sizeof lname - 1] = '\0';
        if (s[gt - 1] == '/')
            return gt + 1;
        return skip_element(z, gt + 1, lname, strlen(lname));
    }
    if (!decl && name_in(s + name, n, BLOCK_TAGS))
        end_para(z);
    return gt + 1;
}

typedef struct entity {
    const char *name;
    int32_t cp;
} entity;

static const entity ENTITIES[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},        {"quot", '"'},
    {"apos", '\''},    {"nbsp", 0xA0},     {"ensp", 0x2002},   {"emsp", 0x2003},
    {"thinsp", 0x2009}, {"copy", 0xA9},    {"reg", 0xAE},      {"middot", 0xB7},
    {"times", 0xD7},   {"divide", 0xF7},   {"ldquo", 0x201C},  {"rdquo", 0x201D},
    {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"mdash", 0x2014},  {"ndash", 0x2013},
    {"hellip", 0x2026}, {"bull", 0x2022},  {"deg", 0xB0},      {"laquo", 0xAB},
    {"raquo", 0xBB},   {"yen", 0xA5},      {"sect", 0xA7},     {"permil", 0x2030},
    {"zwsp", 0x200B},  {"zwj", 0x200D},    {"zwnj", 0x200C},   {NULL, 0}};

/* Decodes an entity at '&' (i); returns its length, 0 if not an entity. */
static size_t html_entity(const char *s, size_t len, size_t i, int32_t *cp)
{
    size_t j = i + 1;
    if (j < len && s[j] == '#') {
        j++;
        bool hex = j < len && (s[j] == 'x' || s[j] == 'X');
        if (hex)
            j++;
        size_t d0 = j;
        long v = 0;
        while (j < len && j - d0 < 8) {
            char c = s[j];
            int dv = (c >= '0' && c <= '9') ? c - '0'
                     : hex && (lower(c) >= 'a' && lower(c) <= 'f') ? lower(c) - 'a' + 10
                                                                    : -1;
            if (dv < 0)
                break;
            v = v * (hex ? 16 : 10) + dv;
            j++;
        }
        if (j == d0 || j >= len || s[j] != ';')
            return 0;
        *cp = (v <= 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) ? 0xFFFD : (int32_t)v;
        return j + 1 - i;
    }
    size_t n0 = j;
    while (j < len && j - n0 < 12 && is_alnum(s[j]))
        j++;
    if (j == n0 || j >= len || s[j] != ';')
        return 0;
    for (const entity *e = ENTITIES; e->name; e++)
        if (strlen(e->name) == j - n0 && memcmp(e->name, s + n0, j - n0) == 0) {
            *cp = e->cp;
            return j + 1 - i;
        }
    return 0;
}

/*** Markdown links ***/

/* At '[' (i): when `[text](url)` follows on the line, sets *close to the
 * ']' and returns the offset after ')'; else returns 0. */
static size_t md_link(nz *z, size_t i, size_t *close)
{
    size_t rb = next_byte(z, &z->next_rbracket, ']', i + 1);
    size_t nl = next_byte(z, &z->next_nl, '\n', i + 1);
    size_t lb = next_byte(z, &z->next_lbracket, '[', i + 1);
    if (rb >= z->len || nl < rb || lb < rb || rb + 1 >= z->len || z->in[rb + 1] != '(')
        return 0;
    size_t rp = next_byte(z, &z->next_rparen, ')', rb + 2);
    size_t ws = next_space(z, rb + 2);
    if (rp >= z->len || ws < rp)
        return 0;
    *close = rb;
    return rp + 1;
}

/*** Driver ***/

/* End of the run from i of characters copied as they are: nothing the
 * pass treats specially (line ends, spaces, '[', tags and entities in
 * HTML, zero-width, full-width letters and digits, invalid bytes), and not
 * past `stop`. Copying such runs whole keeps the pass fast on big files. */
static size_t plain_run(const char *s, size_t i, size_t len, size_t stop, bool html)
{
    while (i < len && i != stop) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c <= ' ' || c == '[' || (html && (c == '<' || c == '&')))
                return i;
            i++;
            continue;
        }
        size_t n;
        int32_t cp = fg_utf8_decode(s + i, len - i, &n);
        if (cp < 0 || fg_is_space(cp) || fg_is_zero_width(cp) ||
            (cp >= 0xFF10 && cp <= 0xFF5A))
            return i;
        i += n;
    }
    return i;
}

void fg_normalize(fg_text *t, const char *src, size_t len)
{
    memset(t, 0, sizeof *t);
    nz z;
    memset(&z, 0, sizeof z);
    z.in = src;
    z.len = len;
    z.t = t;
    fg_buf_init(&z.out);
    size_t i = read_front_matter(t, src, len);
    t->is_html = looks_like_html(src + i, len - i);
    size_t link_close = (size_t)-1, link_end = 0;
    while (i < len) {
        unsigned char c = (unsigned char)src[i];
        if (i == link_close) {
            i = link_end;
            link_close = (size_t)-1;
            continue;
        }
        size_t run = plain_run(src, i, len, link_close, t->is_html);
        if (run > i) {
            emit_copy(&z, i, run - i);
            i = run;
            continue;
        }
        if (c == '\n' || c == '\r') {
            end_para(&z);
            i++;
            continue;
        }
        if (c == '<' && t->is_html) {
            size_t j = html_tag(&z, i);
            if (j != i) {
                i = j;
                continue;
            }
        }
        if (c == '&' && t->is_html) {
            int32_t cp;
            size_t n = html_entity(src, len, i, &cp);
            if (n) {
                if (cp == '\n')
                    end_para(&z);
                else
                    emit_cp(&z, i, cp);
                i += n;
                continue;
            }
        }
        if (c == '[' && link_close == (size_t)-1) {
            size_t close, end = md_link(&z, i, &close);
            if (end) {
                link_close = close;
                link_end = end;
                i++;
                continue;
            }
        }
        if (c < 0x80) {
            if (c == ' ' || c == '\t' || c == '\f' || c == '\v')
                emit_cp(&z, i, ' ');
            else
                emit_copy(&z, i, 1);
            i++;
            continue;
        }
        size_t n;
        int32_t cp = fg_utf8_decode(src + i, len - i, &n);
        if (cp < 0 || fg_is_space(cp) || fg_is_zero_width(cp) ||
            (cp >= 0xFF10 && cp <= 0xFF5A))
            emit_cp(&z, i, cp < 0 ? 0xFFFD : cp);
        else
            emit_copy(&z, i, n);
        i += n;
    }
    end_para(&z);
    t->len = z.out.len;
    t->s = fg_buf_detach(&z.out);
}

void fg_text_fini(fg_text *t)
{
    free(t->s);
    free(t->segs);
    free(t->paras);
    free(t->fm_title);
    free(t->fm_date);
    free(t->simplified);
    memset(t, 0, sizeof *t);
}

size_t fg_text_src_off(const fg_text *t, size_t off)
{
    if (t->n_segs == 0)
        return 0;
    size_t lo = 0, hi = t->n_segs;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->segs[mid].out <= off)
            lo = mid;
        else
            hi = mid;
    }
    const fg_offseg *g = &t->segs[lo];
    return g->copy ? g->in + (off - g->out) : g->in;
}
