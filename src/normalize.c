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
 *   - a line break always ends a paragraph, and so do U+2028 and U+2029;
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

enum { TABLE_DEPTH = 8 };

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
    /* open tables, innermost last: a table, its current row, its open cell */
    struct {
        size_t table, row, cell;
        bool has_row, has_cell;
    } tables[TABLE_DEPTH];
    size_t n_open_tables;       /* may exceed TABLE_DEPTH: deeper ones are not tracked */
    size_t title_from, h1_from; /* where the open <title>, <h1> began in out, or -1 */
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

/*** Tables ***/

/* The value of attribute `name` (colspan, rowspan) in the tag s[a..b), or 1. */
static unsigned span_attr(const char *s, size_t a, size_t b, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = a; i + n < b; i++) {
        size_t k = 0;
        while (k < n && lower(s[i + k]) == name[k])
            k++;
        if (k < n || (i > a && is_alnum(s[i - 1])))
            continue;
        size_t j = i + n;
        while (j < b && (s[j] == ' ' || s[j] == '=' || s[j] == '"' || s[j] == '\''))
            j++;
        unsigned v = 0;
        while (j < b && s[j] >= '0' && s[j] <= '9' && v < 1000)
            v = v * 10 + (unsigned)(s[j++] - '0');
        return v >= 1 && v <= 100 ? v : 1;
    }
    return 1;
}

static void close_cell(nz *z)
{
    if (z->n_open_tables == 0 || z->n_open_tables > TABLE_DEPTH)
        return;
    size_t k = z->n_open_tables - 1;
    if (!z->tables[k].has_cell)
        return;
    fg_cell *c = &z->t->cells[z->tables[k].cell];
    c->end = z->out.len;
    while (c->end > c->off && z->out.ptr[c->end - 1] == '\n')
        c->end--;
    c->para1 = z->t->n_paras;
    z->tables[k].has_cell = false;
}

/* Follows <table> <tr> <td> <th> and their end tags; the paragraph has
 * been ended already (they are block tags). */
static void table_tag(nz *z, const char *name, size_t n, bool closing, size_t a, size_t b)
{
    fg_text *t = z->t;
    bool is_table = n == 5 && name_in(name, n, (const char *const[]){"table", NULL});
    bool is_tr = n == 2 && name_in(name, n, (const char *const[]){"tr", NULL});
    bool is_cell = n == 2 && name_in(name, n, (const char *const[]){"td", "th", NULL});
    if (!is_table && !is_tr && !is_cell)
        return;
    if (is_table) {
        if (closing) {
            close_cell(z);
            if (z->n_open_tables > 0)
                z->n_open_tables--;
        } else if (z->n_open_tables++ < TABLE_DEPTH) {
            size_t k = z->n_open_tables - 1;
            z->tables[k].table = t->n_tables++;
            z->tables[k].has_row = z->tables[k].has_cell = false;
            z->tables[k].row = 0;
        }
        return;
    }
    if (z->n_open_tables == 0 || z->n_open_tables > TABLE_DEPTH)
        return;
    size_t k = z->n_open_tables - 1;
    close_cell(z);
    if (is_tr) {
        if (!closing) {
            if (z->tables[k].has_row)
                z->tables[k].row++;
            z->tables[k].has_row = true;
        }
        return;
    }
    if (closing)
        return;
    if (!z->tables[k].has_row) /* a cell before any <tr> */
        z->tables[k].has_row = true;
    t->cells = fg_xgrow(t->cells, &t->cap_cells, t->n_cells + 1, sizeof *t->cells);
    fg_cell *c = &t->cells[t->n_cells];
    c->table = z->tables[k].table;
    c->row = z->tables[k].row;
    c->colspan = span_attr(z->in, a, b, "colspan");
    c->rowspan = span_attr(z->in, a, b, "rowspan");
    c->th = lower(name[1]) == 'h';
    c->off = c->end = z->out.len;
    c->para0 = c->para1 = t->n_paras;
    z->tables[k].cell = t->n_cells++;
    z->tables[k].has_cell = true;
}

/*** What the page says of itself ***/

/* The quoted (or bare) value of attribute `name` in s[a..b), or NULL.
 * Caller frees. */
static char *attr_value(const char *s, size_t a, size_t b, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = a; i + n < b; i++) {
        size_t k = 0;
        while (k < n && lower(s[i + k]) == name[k])
            k++;
        if (k < n || (i > a && (is_alnum(s[i - 1]) || s[i - 1] == '-')))
            continue;
        size_t j = i + n;
        while (j < b && s[j] == ' ')
            j++;
        if (j >= b || s[j] != '=')
            continue;
        j++;
        while (j < b && s[j] == ' ')
            j++;
        char q = j < b && (s[j] == '"' || s[j] == '\'') ? s[j++] : 0;
        size_t e = j;
        while (e < b && (q ? s[e] != q : s[e] != ' ' && s[e] != '>' && s[e] != '/'))
            e++;
        return fg_xstrndup(s + j, e - j);
    }
    return NULL;
}

static bool same_name(const char *a, const char *lit)
{
    size_t n = strlen(lit);
    if (strlen(a) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lit[i])
            return false;
    return true;
}

/* <meta name="ArticleTitle" content="…">, <meta name="PubDate" …>. */
static void meta_tag(nz *z, size_t a, size_t b)
{
    char *name = attr_value(z->in, a, b, "name");
    if (!name)
        return;
    char **to = NULL;
    if (same_name(name, "articletitle"))
        to = &z->t->meta_title;
    else if (same_name(name, "pubdate") || same_name(name, "firstpublishedtime"))
        to = &z->t->meta_pubdate;
    free(name);
    if (!to || *to)
        return;
    char *content = attr_value(z->in, a, b, "content");
    if (content && !*content) {
        free(content);
        content = NULL;
    }
    *to = content;
}

/* The text written since out offset `from`, trimmed, as an owned string. */
static char *text_since(nz *z, size_t from)
{
    size_t off = from, len = z->out.len > from ? z->out.len - from : 0;
    if (!z->out.ptr || len == 0)
        return NULL;
    fg_utf8_trim(z->out.ptr, &off, &len);
    while (len > 0 && z->out.ptr[off + len - 1] == '\n')
        len--;
    return len ? fg_xstrndup(z->out.ptr + off, len) : NULL;
}

static void frame_tag(nz *z, const char *name, size_t n, bool closing)
{
    bool title = n == 5 && name_in(name, n, (const char *const[]){"title", NULL});
    bool h1 = n == 2 && name_in(name, n, (const char *const[]){"h1", NULL});
    if (!title && !h1)
        return;
    size_t *from = title ? &z->title_from : &z->h1_from;
    char **to = title ? &z->t->html_title : &z->t->html_h1;
    if (*to)
        return;
    if (!closing) {
        *from = z->out.len;
    } else if (*from != (size_t)-1) {
        *to = text_since(z, *from);
        *from = (size_t)-1;
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
    if (!decl && name_in(s + name, n, BLOCK_TAGS)) {
        end_para(z);
        table_tag(z, s + name, n, closing, q, gt);
        frame_tag(z, s + name, n, closing);
    }
    if (!decl && !closing && n == 4 && name_in(s + name, n, (const char *const[]){"meta", NULL}))
        meta_tag(z, q, gt);
    return gt + 1;
}

typedef struct entity {
    const char *name;
    int32_t cp;
} entity;

/* The 252 named character references of HTML 4.01 (the ones gov.cn and
 * reprint sites use: &nbsp; &ldquo; &mdash; &hellip; &middot; &times;…)
 * and XHTML's &apos;, sorted by name (byte order) for binary search;
 * generated from the HTML 4.01 list. */
static const entity ENTITIES[] = {
    {"AElig", 0xC6}, {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Agrave", 0xC0},
    {"Alpha", 0x391}, {"Aring", 0xC5}, {"Atilde", 0xC3}, {"Auml", 0xC4},
    {"Beta", 0x392}, {"Ccedil", 0xC7}, {"Chi", 0x3A7}, {"Dagger", 0x2021},
    {"Delta", 0x394}, {"ETH", 0xD0}, {"Eacute", 0xC9}, {"Ecirc", 0xCA},
    {"Egrave", 0xC8}, {"Epsilon", 0x395}, {"Eta", 0x397}, {"Euml", 0xCB},
    {"Gamma", 0x393}, {"Iacute", 0xCD}, {"Icirc", 0xCE}, {"Igrave", 0xCC},
    {"Iota", 0x399}, {"Iuml", 0xCF}, {"Kappa", 0x39A}, {"Lambda", 0x39B},
    {"Mu", 0x39C}, {"Ntilde", 0xD1}, {"Nu", 0x39D}, {"OElig", 0x152},
    {"Oacute", 0xD3}, {"Ocirc", 0xD4}, {"Ograve", 0xD2}, {"Omega", 0x3A9},
    {"Omicron", 0x39F}, {"Oslash", 0xD8}, {"Otilde", 0xD5}, {"Ouml", 0xD6},
    {"Phi", 0x3A6}, {"Pi", 0x3A0}, {"Prime", 0x2033}, {"Psi", 0x3A8}, {"Rho", 0x3A1},
    {"Scaron", 0x160}, {"Sigma", 0x3A3}, {"THORN", 0xDE}, {"Tau", 0x3A4},
    {"Theta", 0x398}, {"Uacute", 0xDA}, {"Ucirc", 0xDB}, {"Ugrave", 0xD9},
    {"Upsilon", 0x3A5}, {"Uuml", 0xDC}, {"Xi", 0x39E}, {"Yacute", 0xDD},
    {"Yuml", 0x178}, {"Zeta", 0x396}, {"aacute", 0xE1}, {"acirc", 0xE2},
    {"acute", 0xB4}, {"aelig", 0xE6}, {"agrave", 0xE0}, {"alefsym", 0x2135},
    {"alpha", 0x3B1}, {"amp", 0x26}, {"and", 0x2227}, {"ang", 0x2220},
    {"apos", 0x27}, {"aring", 0xE5}, {"asymp", 0x2248}, {"atilde", 0xE3},
    {"auml", 0xE4}, {"bdquo", 0x201E}, {"beta", 0x3B2}, {"brvbar", 0xA6},
    {"bull", 0x2022}, {"cap", 0x2229}, {"ccedil", 0xE7}, {"cedil", 0xB8},
    {"cent", 0xA2}, {"chi", 0x3C7}, {"circ", 0x2C6}, {"clubs", 0x2663},
    {"cong", 0x2245}, {"copy", 0xA9}, {"crarr", 0x21B5}, {"cup", 0x222A},
    {"curren", 0xA4}, {"dArr", 0x21D3}, {"dagger", 0x2020}, {"darr", 0x2193},
    {"deg", 0xB0}, {"delta", 0x3B4}, {"diams", 0x2666}, {"divide", 0xF7},
    {"eacute", 0xE9}, {"ecirc", 0xEA}, {"egrave", 0xE8}, {"empty", 0x2205},
    {"emsp", 0x2003}, {"ensp", 0x2002}, {"epsilon", 0x3B5}, {"equiv", 0x2261},
    {"eta", 0x3B7}, {"eth", 0xF0}, {"euml", 0xEB}, {"euro", 0x20AC},
    {"exist", 0x2203}, {"fnof", 0x192}, {"forall", 0x2200}, {"frac12", 0xBD},
    {"frac14", 0xBC}, {"frac34", 0xBE}, {"frasl", 0x2044}, {"gamma", 0x3B3},
    {"ge", 0x2265}, {"gt", 0x3E}, {"hArr", 0x21D4}, {"harr", 0x2194},
    {"hearts", 0x2665}, {"hellip", 0x2026}, {"iacute", 0xED}, {"icirc", 0xEE},
    {"iexcl", 0xA1}, {"igrave", 0xEC}, {"image", 0x2111}, {"infin", 0x221E},
    {"int", 0x222B}, {"iota", 0x3B9}, {"iquest", 0xBF}, {"isin", 0x2208},
    {"iuml", 0xEF}, {"kappa", 0x3BA}, {"lArr", 0x21D0}, {"lambda", 0x3BB},
    {"lang", 0x2329}, {"laquo", 0xAB}, {"larr", 0x2190}, {"lceil", 0x2308},
    {"ldquo", 0x201C}, {"le", 0x2264}, {"lfloor", 0x230A}, {"lowast", 0x2217},
    {"loz", 0x25CA}, {"lrm", 0x200E}, {"lsaquo", 0x2039}, {"lsquo", 0x2018},
    {"lt", 0x3C}, {"macr", 0xAF}, {"mdash", 0x2014}, {"micro", 0xB5},
    {"middot", 0xB7}, {"minus", 0x2212}, {"mu", 0x3BC}, {"nabla", 0x2207},
    {"nbsp", 0xA0}, {"ndash", 0x2013}, {"ne", 0x2260}, {"ni", 0x220B}, {"not", 0xAC},
    {"notin", 0x2209}, {"nsub", 0x2284}, {"ntilde", 0xF1}, {"nu", 0x3BD},
    {"oacute", 0xF3}, {"ocirc", 0xF4}, {"oelig", 0x153}, {"ograve", 0xF2},
    {"oline", 0x203E}, {"omega", 0x3C9}, {"omicron", 0x3BF}, {"oplus", 0x2295},
    {"or", 0x2228}, {"ordf", 0xAA}, {"ordm", 0xBA}, {"oslash", 0xF8},
    {"otilde", 0xF5}, {"otimes", 0x2297}, {"ouml", 0xF6}, {"para", 0xB6},
    {"part", 0x2202}, {"permil", 0x2030}, {"perp", 0x22A5}, {"phi", 0x3C6},
    {"pi", 0x3C0}, {"piv", 0x3D6}, {"plusmn", 0xB1}, {"pound", 0xA3},
    {"prime", 0x2032}, {"prod", 0x220F}, {"prop", 0x221D}, {"psi", 0x3C8},
    {"quot", 0x22}, {"rArr", 0x21D2}, {"radic", 0x221A}, {"rang", 0x232A},
    {"raquo", 0xBB}, {"rarr", 0x2192}, {"rceil", 0x2309}, {"rdquo", 0x201D},
    {"real", 0x211C}, {"reg", 0xAE}, {"rfloor", 0x230B}, {"rho", 0x3C1},
    {"rlm", 0x200F}, {"rsaquo", 0x203A}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
    {"scaron", 0x161}, {"sdot", 0x22C5}, {"sect", 0xA7}, {"shy", 0xAD},
    {"sigma", 0x3C3}, {"sigmaf", 0x3C2}, {"sim", 0x223C}, {"spades", 0x2660},
    {"sub", 0x2282}, {"sube", 0x2286}, {"sum", 0x2211}, {"sup", 0x2283},
    {"sup1", 0xB9}, {"sup2", 0xB2}, {"sup3", 0xB3}, {"supe", 0x2287},
    {"szlig", 0xDF}, {"tau", 0x3C4}, {"there4", 0x2234}, {"theta", 0x3B8},
    {"thetasym", 0x3D1}, {"thinsp", 0x2009}, {"thorn", 0xFE}, {"tilde", 0x2DC},
    {"times", 0xD7}, {"trade", 0x2122}, {"uArr", 0x21D1}, {"uacute", 0xFA},
    {"uarr", 0x2191}, {"ucirc", 0xFB}, {"ugrave", 0xF9}, {"uml", 0xA8},
    {"upsih", 0x3D2}, {"upsilon", 0x3C5}, {"uuml", 0xFC}, {"weierp", 0x2118},
    {"xi", 0x3BE}, {"yacute", 0xFD}, {"yen", 0xA5}, {"yuml", 0xFF}, {"zeta", 0x3B6},
    {"zwj", 0x200D}, {"zwnj", 0x200C},
};

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
        /* what XML forbids (&#xFFFE;, &#1;) would make the workbook ill-formed */
        *cp = (v <= 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ||
               fg_utf8_xml_forbidden((int32_t)v))
                  ? 0xFFFD
                  : (int32_t)v;
        return j + 1 - i;
    }
    size_t n0 = j;
    while (j < len && j - n0 < 12 && is_alnum(s[j]))
        j++;
    if (j == n0 || j >= len || s[j] != ';')
        return 0;
    size_t lo = 0, hi = sizeof ENTITIES / sizeof ENTITIES[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *name = ENTITIES[mid].name;
        size_t n = strlen(name), m = j - n0 < n ? j - n0 : n;
        int c = memcmp(s + n0, name, m);
        if (c == 0)
            c = (j - n0 > n) - (j - n0 < n);
        if (c == 0) {
            *cp = ENTITIES[mid].cp;
            return j + 1 - i;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
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
        if (c >= 0xE4 && c <= 0xE9 && i + 2 < len) {
            i += 3; /* U+4000..U+9FFF, most of a Chinese text: nothing special */
            continue;
        }
        size_t n;
        int32_t cp = fg_utf8_decode(s + i, len - i, &n);
        if (cp < 0 || fg_is_space(cp) || fg_is_zero_width(cp) ||
            (cp >= 0xFF10 && cp <= 0xFF5A) || cp == 0x2028 || cp == 0x2029)
            return i;
        i += n;
    }
    return i;
}

/*** Hard-wrapped text ***/

/* Text pasted from a PDF or Word breaks lines at a fixed width, inside
 * sentences and names ("（商务部、工业和信\n息化部按职责分工负责）"). When
 * many long lines of a plain-text document have one length (the wrap
 * width), a break after a full line is rejoined unless the line ends a
 * sentence (。；：！？) or the next line starts a numbered item, and a
 * break inside an open bracket is rejoined whatever the line's length.
 * Page furniture goes: "— 3 —", "- 12 -", "第 3 页" lines, and short
 * running heads repeated on every page. Joining deletes the '\n' (and any
 * furniture between) from the text, and the offset map follows, so
 * positions still point into the original file. */

enum {
    WRAP_MIN_LINES = 5,
    WRAP_MIN_CHARS = 16,
    WRAP_MAX_CHARS = 1024,
    RUNNING_HEAD_MIN = 3,
    RUNNING_HEAD_MAX = 40
};

static size_t span_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static int32_t span_last(const char *s, size_t len)
{
    size_t i = len, n;
    if (len == 0)
        return 0;
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return fg_utf8_decode(s + i, len - i, &n);
}

/* The bracket depth after s[0..len), starting at `depth`. */
static size_t depth_after(const char *s, size_t len, size_t depth)
{
    size_t n;
    for (size_t i = 0; i < len; i += n) {
        int32_t cp = fg_utf8_decode(s + i, len - i, &n);
        if (cp == '(' || cp == 0xFF08 || cp == 0x3014)
            depth++;
        else if ((cp == ')' || cp == 0xFF09 || cp == 0x3015) && depth > 0)
            depth--;
    }
    return depth;
}

static bool span_has(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, lit, n) == 0)
            return true;
    return false;
}

static bool cn_numeral(int32_t cp)
{
    static const int32_t D[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, /* 一二三四五 */
                                0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, /* 六七八九十 */
                                0x767E, 0x96F6, 0x3007};                /* 百零〇 */
    for (size_t i = 0; i < sizeof D / sizeof D[0]; i++)
        if (cp == D[i])
            return true;
    return false;
}

/* A numbered item's start: 一、 （一） 1. 1、 （1） 第一条 ① ㈠ ⑴. */
static bool starts_item(const char *s, size_t len)
{
    size_t n, i = 0, digits = 0;
    int32_t cp = fg_utf8_decode(s, len, &n);
    if ((cp >= 0x2460 && cp <= 0x2487) || (cp >= 0x3220 && cp <= 0x3229))
        return true;
    if (fg_has_prefix(s, len, "第")) {
        for (i = 3; i < len && i <= 3 * 6; i += 3)
            if (fg_has_prefix(s + i, len - i, "条") || fg_has_prefix(s + i, len - i, "章"))
                return true;
        return false;
    }
    bool paren = cp == '(' || cp == 0xFF08, cn = false;
    if (paren)
        i = n;
    while (i < len) {
        int32_t d = fg_utf8_decode(s + i, len - i, &n);
        if (!(d >= '0' && d <= '9') && !cn_numeral(d))
            break;
        cn = cn || cn_numeral(d);
        i += n;
        digits++;
    }
    if (digits == 0 || digits > 4 || i >= len)
        return false;
    int32_t c = fg_utf8_decode(s + i, len - i, &n);
    if (paren)
        return c == ')' || c == 0xFF09;
    if (c == 0x3001) /* 、 */
        return true;
    return !cn && (c == '.' || c == 0xFF0E) && !(i + n < len && s[i + n] >= '0' && s[i + n] <= '9');
}

static bool is_dash(int32_t cp)
{
    return cp == '-' || (cp >= 0x2012 && cp <= 0x2015) || cp == 0xFF0D || cp == 0x2500;
}

/* "— 3 —", "- 12 -", "第 3 页", "第3页 共12页", "第 3 页/共 12 页": a page
 * number line (not "2022-2025"). */
static bool page_number_line(const char *s, size_t len)
{
    int32_t cps[64];
    size_t n = 0, k;
    for (size_t i = 0; i < len; i += k) {
        int32_t cp = fg_utf8_decode(s + i, len - i, &k);
        if (fg_is_space(cp))
            continue;
        if (n == 64)
            return false;
        cps[n++] = cp;
    }
    if (n < 2)
        return false;
    size_t i = 0, digits = 0;
    if (is_dash(cps[0]) || is_dash(cps[n - 1])) {
        /* dashes, digits, dashes ("- 12 -" has lost its first dash as a
         * Markdown list marker) */
        while (i < n && is_dash(cps[i]))
            i++;
        while (i < n && cps[i] >= '0' && cps[i] <= '9')
            i++, digits++;
        if (digits == 0 || digits > 4 || i == n)
            return false;
        size_t trailing = i;
        while (i < n && is_dash(cps[i]))
            i++;
        return i == n && i > trailing;
    }
    /* 第 N 页, then optionally / or 共 M 页 */
    for (int part = 0; part < 2 && i < n; part++) {
        if (part == 1 && cps[i] == '/')
            i++;
        if (i < n && (cps[i] == 0x7B2C || cps[i] == 0x5171)) /* 第 共 */
            i++;
        else if (part == 0)
            return false;
        digits = 0;
        while (i < n && cps[i] >= '0' && cps[i] <= '9')
            i++, digits++;
        if (digits == 0 || digits > 4 || i == n || cps[i] != 0x9875) /* 页 */
            return false;
        i++;
    }
    return i == n;
}

/* The most common length of the long lines, when it is a wrap width
 * (five lines or more, three in ten of the long ones); else 0. */
static size_t wrap_width(const fg_text *t)
{
    size_t n_long = 0, best = 0, best_n = 0;
    size_t *counts = fg_xcalloc(WRAP_MAX_CHARS, sizeof *counts);
    for (size_t p = 0; p < t->n_paras; p++) {
        size_t c = span_chars(t->s + t->paras[p].off, t->paras[p].len);
        if (c < WRAP_MIN_CHARS || c >= WRAP_MAX_CHARS)
            continue;
        n_long++;
        if (++counts[c] > best_n) {
            best_n = counts[c];
            best = c;
        }
    }
    free(counts);
    return best_n >= WRAP_MIN_LINES && best_n * 10 >= n_long * 3 ? best : 0;
}

typedef struct cut {
    size_t off, end; /* bytes of t->s deleted */
} cut;

/* How many of the sorted, disjoint `cuts` end at or before x. */
static size_t cuts_before(const cut *cuts, size_t n_cuts, size_t x)
{
    size_t lo = 0, hi = n_cuts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cuts[mid].end <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Deletes `cuts` from t->s; the offset map, paragraphs and cells follow.
 * Each cut starts at a paragraph's end and ends at a paragraph's start. */
static void apply_cuts(fg_text *t, const cut *cuts, size_t n_cuts)
{
    size_t *gone = fg_xcalloc(n_cuts + 1, sizeof *gone); /* bytes deleted before cut k */
    for (size_t k = 0; k < n_cuts; k++)
        gone[k + 1] = gone[k] + cuts[k].end - cuts[k].off;
#define NEW_OFF(x) ((x)-gone[cuts_before(cuts, n_cuts, (x))])
    size_t w = 0;
    for (size_t g = 0; g < t->n_segs; g++) {
        fg_offseg sg = t->segs[g];
        size_t end = g + 1 < t->n_segs ? t->segs[g + 1].out : t->len;
        size_t k = cuts_before(cuts, n_cuts, sg.out);
        if (k < n_cuts && cuts[k].off <= sg.out) { /* the run starts inside cut k */
            if (cuts[k].end >= end)
                continue; /* wholly deleted */
            if (sg.copy)
                sg.in += cuts[k].end - sg.out;
            sg.out = cuts[k].end;
        }
        sg.out = NEW_OFF(sg.out);
        if (w > 0 && t->segs[w - 1].out == sg.out)
            w--; /* the run before it lost all its bytes */
        t->segs[w++] = sg;
    }
    t->n_segs = w;
    for (size_t p = 0; p < t->n_paras; p++) {
        size_t end = t->paras[p].off + t->paras[p].len;
        t->paras[p].off = NEW_OFF(t->paras[p].off);
        t->paras[p].len = NEW_OFF(end) - t->paras[p].off;
    }
    for (size_t c = 0; c < t->n_cells; c++) {
        t->cells[c].off = NEW_OFF(t->cells[c].off);
        t->cells[c].end = NEW_OFF(t->cells[c].end);
    }
#undef NEW_OFF
    size_t r = 0, k = 0;
    for (size_t i = 0; i < t->len; i++) {
        while (k < n_cuts && i >= cuts[k].end)
            k++;
        if (k < n_cuts && i >= cuts[k].off)
            continue;
        t->s[r++] = t->s[i];
    }
    memset(t->s + r, 0, t->len - r);
    t->len = r;
    free(gone);
}

typedef struct line_ref {
    const char *s;
    size_t len, p;
} line_ref;

static int by_text(const void *pa, const void *pb)
{
    const line_ref *a = pa, *b = pb;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    int c = memcmp(a->s, b->s, a->len);
    return c ? c : (a->p > b->p) - (a->p < b->p);
}

/* Marks the furniture: page numbers, and running heads (a line of 4 to 40
 * characters, no item, bracket or sentence, seen three times or more). */
static void mark_furniture(const fg_text *t, bool *drop)
{
    line_ref *heads = fg_xcalloc(t->n_paras + 1, sizeof *heads);
    size_t n_heads = 0;
    for (size_t p = 0; p < t->n_paras; p++) {
        const char *s = t->s + t->paras[p].off;
        size_t len = t->paras[p].len;
        if (page_number_line(s, len))
            drop[p] = true;
        else if (span_chars(s, len) <= RUNNING_HEAD_MAX && span_chars(s, len) >= 4 &&
                 !starts_item(s, len) && !memchr(s, '(', len) && !memchr(s, ')', len) &&
                 !span_has(s, len, "（") && !span_has(s, len, "）") && !span_has(s, len, "。") &&
                 !span_has(s, len, "〔") && !span_has(s, len, "〕"))
            heads[n_heads++] = (line_ref){s, len, p};
    }
    qsort(heads, n_heads, sizeof *heads, by_text);
    for (size_t i = 0; i < n_heads;) {
        size_t j = i + 1;
        while (j < n_heads && heads[j].len == heads[i].len &&
               memcmp(heads[j].s, heads[i].s, heads[i].len) == 0)
            j++;
        if (j - i >= RUNNING_HEAD_MIN)
            for (size_t k = i; k < j; k++)
                drop[heads[k].p] = true;
        i = j;
    }
    free(heads);
}

static bool ends_sentence(int32_t cp)
{
    return cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1A || cp == 0xFF01 || cp == 0xFF1F ||
           cp == ';' || cp == ':' || cp == '!' || cp == '?';
}

/* Page-number lines alone, in a text that is not hard-wrapped. */
static void drop_page_numbers(fg_text *t)
{
    size_t w = 0;
    for (size_t p = 0; p < t->n_paras; p++)
        if (!page_number_line(t->s + t->paras[p].off, t->paras[p].len))
            t->paras[w++] = t->paras[p];
    t->n_paras = w;
}

static void unwrap(fg_text *t)
{
    if (t->is_html)
        return;
    size_t width = t->n_paras >= WRAP_MIN_LINES ? wrap_width(t) : 0;
    if (width == 0) {
        drop_page_numbers(t);
        return;
    }
    size_t n = t->n_paras;
    fg_para *orig = fg_xcalloc(n, sizeof *orig);
    memcpy(orig, t->paras, n * sizeof *orig);
    bool *drop = fg_xcalloc(n, sizeof *drop);
    mark_furniture(t, drop);
    cut *cuts = NULL;
    size_t n_cuts = 0, cap_cuts = 0, w = 0;
    for (size_t p = 0; p < n;) {
        if (drop[p]) {
            p++;
            continue;
        }
        fg_para cur = orig[p];
        size_t last = p;
        size_t depth = depth_after(t->s + cur.off, cur.len, 0); /* of the joined text */
        for (;;) {
            size_t q = last + 1;
            while (q < n && drop[q])
                q++;
            if (q >= n)
                break;
            const char *line = t->s + orig[last].off, *next = t->s + orig[q].off;
            size_t chars = span_chars(line, orig[last].len);
            bool full = chars + 2 >= width && chars <= width + width / 4;
            bool open = depth > 0;
            if (!(full || open) || (!open && ends_sentence(span_last(line, orig[last].len))) ||
                starts_item(next, orig[q].len) || next[0] == '|' || line[0] == '|' ||
                ((orig[last].flags | orig[q].flags) & FG_PARA_MD_HEADING))
                break;
            cuts = fg_xgrow(cuts, &cap_cuts, n_cuts + 1, sizeof *cuts);
            cuts[n_cuts++] = (cut){cur.off + cur.len, orig[q].off};
            cur.len = orig[q].off + orig[q].len - cur.off;
            depth = depth_after(t->s + orig[q].off, orig[q].len, depth);
            last = q;
        }
        t->paras[w++] = cur;
        p = last + 1;
    }
    t->n_paras = w;
    if (n_cuts)
        apply_cuts(t, cuts, n_cuts);
    free(cuts);
    free(drop);
    free(orig);
}

/* A Markdown table row: a paragraph that starts with '|'. */
static bool md_row(const fg_text *t, size_t p)
{
    return t->paras[p].len >= 2 && t->s[t->paras[p].off] == '|';
}

/* The row under a Markdown table's header: "| --- | :---: |". */
static bool md_delimiter(const fg_text *t, size_t p)
{
    const char *s = t->s + t->paras[p].off;
    bool dash = false;
    for (size_t i = 0; i < t->paras[p].len; i++) {
        if (s[i] == '-')
            dash = true;
        else if (!strchr("|: ", s[i]))
            return false;
    }
    return dash;
}

/* Markdown tables (a header row, a delimiter row, body rows, each
 * starting with '|') become tables of cells like HTML ones. */
static void md_tables(fg_text *t)
{
    for (size_t p = 0; p + 1 < t->n_paras; p++) {
        if (!md_row(t, p) || !md_row(t, p + 1) || !md_delimiter(t, p + 1))
            continue;
        size_t table = t->n_tables++, row = 0, delimiter = p + 1;
        for (size_t q = p; q < t->n_paras && md_row(t, q); q++) {
            if (q == delimiter)
                continue; /* the delimiter row */
            const char *s = t->s;
            size_t a = t->paras[q].off + 1, e = t->paras[q].off + t->paras[q].len;
            while (a < e) {
                size_t b = a;
                while (b < e && s[b] != '|')
                    b += (s[b] == '\\' && b + 1 < e) ? 2 : 1;
                if (b >= e && a < e) { /* text after the last '|' */
                    size_t o = a, l = e - a;
                    fg_utf8_trim(s, &o, &l);
                    if (l == 0)
                        break;
                }
                size_t o = a, l = (b < e ? b : e) - a;
                fg_utf8_trim(s, &o, &l);
                t->cells = fg_xgrow(t->cells, &t->cap_cells, t->n_cells + 1, sizeof *t->cells);
                t->cells[t->n_cells++] = (fg_cell){table, row, 1, 1, row == 0, o, o + l, q, q + 1};
                a = b + 1;
            }
            row++;
            p = q;
        }
    }
}

void fg_normalize(fg_text *t, const char *src, size_t len)
{
    memset(t, 0, sizeof *t);
    nz z;
    memset(&z, 0, sizeof z);
    z.in = src;
    z.len = len;
    z.t = t;
    z.title_from = z.h1_from = (size_t)-1;
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
        if (cp == 0x2028 || cp == 0x2029) { /* line and paragraph separators */
            end_para(&z);
            i += n;
            continue;
        }
        if (cp < 0 || fg_is_space(cp) || fg_is_zero_width(cp) ||
            (cp >= 0xFF10 && cp <= 0xFF5A))
            emit_cp(&z, i, cp < 0 ? 0xFFFD : cp);
        else
            emit_copy(&z, i, n);
        i += n;
    }
    end_para(&z);
    while (z.n_open_tables > 0) { /* tables the file leaves open */
        close_cell(&z);
        z.n_open_tables--;
    }
    t->len = z.out.len;
    t->s = fg_buf_detach(&z.out);
    unwrap(t);
    md_tables(t);
}

void fg_text_fini(fg_text *t)
{
    free(t->s);
    free(t->segs);
    free(t->paras);
    free(t->cells);
    free(t->html_title);
    free(t->html_h1);
    free(t->meta_title);
    free(t->meta_pubdate);
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
