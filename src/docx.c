/* Stage 1, read: a Word .docx file (a zip of XML parts, libzip and
 * libxml2) as the text the later stages read. word/document.xml becomes
 * one line per paragraph, in HTML that the normaliser already reads:
 *
 *   一、加强外贸企业生产经营保障。……</p>      a paragraph, then its end tag
 *   （一）……<br>……</p>                       a line break inside it
 *   序号</td><td>                              one line per table cell
 *
 * so that line N of the text is the document's N-th paragraph (a table
 * cell counts as one) and a column counts the characters of that
 * paragraph. Markup sits after the text of a line, never before it, except
 * a table's opening tags when it is the first thing in the document.
 * Automatic numbering (w:numPr, on the paragraph or through its style) is
 * not in the text: the labels 一、 （一） 1. are made from numbering.xml and
 * written where Word shows them. Tables keep w:gridSpan as colspan and
 * w:vMerge as rowspan, so a 分工表 reads like an HTML one. Footnotes,
 * headers, footers, comments and deleted text are left out.
 *
 * Safety: every part is inflated only up to FG_DOCX_MAX_PART bytes (a zip
 * bomb is an error), and the XML is read without network access, DTD
 * loading or entity substitution. */
#include "docx.h"

#include "buf.h"

#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/*** Zip parts ***/

/* Inflates part `name` into *out (NUL-terminated, owned). Returns 0, 1 when
 * the part is missing, -1 on an error (message in err). */
static int read_part(zip_t *za, const char *name, char **out, size_t *len, char *err, size_t n_err)
{
    *out = NULL;
    zip_int64_t idx = zip_name_locate(za, name, 0);
    if (idx < 0)
        return 1;
    zip_stat_t st;
    if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) != 0) {
        snprintf(err, n_err, "cannot read %s in the .docx: %s", name, zip_strerror(za));
        return -1;
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > FG_DOCX_MAX_PART) {
        snprintf(err, n_err,
                 "%s inflates to %llu bytes, more than the %u MB a part may hold "
                 "(a zip bomb?)",
                 name, (unsigned long long)st.size, FG_DOCX_MAX_PART >> 20);
        return -1;
    }
    zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
    if (!zf) {
        snprintf(err, n_err, "cannot open %s in the .docx: %s", name, zip_strerror(za));
        return -1;
    }
    fg_buf b;
    fg_buf_init(&b);
    char chunk[65536];
    zip_int64_t n;
    int rc = 0;
    while ((n = zip_fread(zf, chunk, sizeof chunk)) > 0) {
        if (b.len + (size_t)n > FG_DOCX_MAX_PART) { /* the size in the header lied */
            snprintf(err, n_err,
                     "%s inflates to more than the %u MB a part may hold "
                     "(a zip bomb?)",
                     name, FG_DOCX_MAX_PART >> 20);
            rc = -1;
            break;
        }
        fg_buf_put(&b, chunk, (size_t)n);
    }
    if (rc == 0 && n < 0) {
        snprintf(err, n_err, "cannot inflate %s: %s", name, zip_file_strerror(zf));
        rc = -1;
    }
    zip_fclose(zf);
    if (rc != 0) {
        fg_buf_fini(&b);
        return rc;
    }
    *len = b.len;
    *out = fg_buf_detach(&b);
    return 0;
}

/*** XML reading ***/

static xmlTextReaderPtr open_xml(const char *data, size_t len)
{
    /* no XML_PARSE_NOENT (entity substitution) or XML_PARSE_DTDLOAD */
    return xmlReaderForMemory(data, (int)len, NULL, "UTF-8",
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static bool is(xmlTextReaderPtr r, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return n && strcmp((const char *)n, local) == 0;
}

/* The value of the attribute whose local name is `local` (w:val, w:ilvl
 * …), whatever its prefix; a new string or NULL. */
static char *attr(xmlTextReaderPtr r, const char *local)
{
    char *v = NULL;
    if (xmlTextReaderMoveToFirstAttribute(r) == 1) {
        do {
            if (is(r, local)) {
                v = fg_xstrdup((const char *)xmlTextReaderConstValue(r));
                break;
            }
        } while (xmlTextReaderMoveToNextAttribute(r) == 1);
        xmlTextReaderMoveToElement(r);
    }
    return v;
}

static long attr_long(xmlTextReaderPtr r, const char *local, long dflt)
{
    char *v = attr(r, local);
    long n = v ? strtol(v, NULL, 10) : dflt;
    free(v);
    return n;
}

/*** Numbering ***/

enum { MAX_LEVELS = 9 };

typedef struct level {
    char *fmt;  /* w:numFmt: decimal, chineseCounting … */
    char *text; /* w:lvlText: "%1、", "（%2）" */
    long start;
} level;

typedef struct abstract_num {
    long id;
    level lv[MAX_LEVELS];
} abstract_num;

typedef struct num {
    long id, abstract;
    long counter[MAX_LEVELS];
    bool started[MAX_LEVELS];
} num;

typedef struct style_num {
    char *style, *based_on;
    long num_id, ilvl; /* -1 when the style has none */
} style_num;

typedef struct numbering {
    abstract_num *abs;
    size_t n_abs, cap_abs;
    num *nums;
    size_t n_nums, cap_nums;
    style_num *styles;
    size_t n_styles, cap_styles;
} numbering;

static void numbering_fini(numbering *nb)
{
    for (size_t i = 0; i < nb->n_abs; i++)
        for (int k = 0; k < MAX_LEVELS; k++) {
            free(nb->abs[i].lv[k].fmt);
            free(nb->abs[i].lv[k].text);
        }
    for (size_t i = 0; i < nb->n_styles; i++) {
        free(nb->styles[i].style);
        free(nb->styles[i].based_on);
    }
    free(nb->abs);
    free(nb->nums);
    free(nb->styles);
}

static void read_numbering(numbering *nb, const char *xml, size_t len)
{
    xmlTextReaderPtr r = open_xml(xml, len);
    if (!r)
        return;
    abstract_num *cur = NULL;
    level *lv = NULL;
    num *n = NULL;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        if (is(r, "abstractNum")) {
            nb->abs = fg_xgrow(nb->abs, &nb->cap_abs, nb->n_abs + 1, sizeof *nb->abs);
            cur = &nb->abs[nb->n_abs++];
            memset(cur, 0, sizeof *cur);
            cur->id = attr_long(r, "abstractNumId", -1);
            lv = NULL;
            n = NULL;
        } else if (is(r, "lvl") && cur) {
            long i = attr_long(r, "ilvl", -1);
            lv = i >= 0 && i < MAX_LEVELS ? &cur->lv[i] : NULL;
            if (lv)
                lv->start = 1;
        } else if (is(r, "start") && lv) {
            lv->start = attr_long(r, "val", 1);
        } else if (is(r, "numFmt") && lv && !lv->fmt) {
            lv->fmt = attr(r, "val");
        } else if (is(r, "lvlText") && lv && !lv->text) {
            lv->text = attr(r, "val");
        } else if (is(r, "num")) {
            nb->nums = fg_xgrow(nb->nums, &nb->cap_nums, nb->n_nums + 1, sizeof *nb->nums);
            n = &nb->nums[nb->n_nums++];
            memset(n, 0, sizeof *n);
            n->id = attr_long(r, "numId", -1);
            n->abstract = -1;
            cur = NULL;
            lv = NULL;
        } else if (is(r, "abstractNumId") && n) {
            n->abstract = attr_long(r, "val", -1);
        }
    }
    xmlFreeTextReader(r);
}

/* The numbering a paragraph style carries (styles.xml), through basedOn. */
static void read_styles(numbering *nb, const char *xml, size_t len)
{
    xmlTextReaderPtr r = open_xml(xml, len);
    if (!r)
        return;
    style_num *s = NULL;
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        if (is(r, "style")) {
            nb->styles =
                fg_xgrow(nb->styles, &nb->cap_styles, nb->n_styles + 1, sizeof *nb->styles);
            s = &nb->styles[nb->n_styles++];
            *s = (style_num){attr(r, "styleId"), NULL, -1, -1};
            if (!s->style)
                s->style = fg_xstrdup("");
        } else if (s && is(r, "basedOn") && !s->based_on) {
            s->based_on = attr(r, "val");
        } else if (s && is(r, "numId")) {
            s->num_id = attr_long(r, "val", -1);
        } else if (s && is(r, "ilvl")) {
            s->ilvl = attr_long(r, "val", 0);
        }
    }
    xmlFreeTextReader(r);
}

static const style_num *find_style(const numbering *nb, const char *id)
{
    for (size_t i = 0; id && i < nb->n_styles; i++)
        if (strcmp(nb->styles[i].style, id) == 0)
            return &nb->styles[i];
    return NULL;
}

static num *find_num(numbering *nb, long id)
{
    for (size_t i = 0; i < nb->n_nums; i++)
        if (nb->nums[i].id == id)
            return &nb->nums[i];
    return NULL;
}

static const abstract_num *find_abstract(const numbering *nb, long id)
{
    for (size_t i = 0; i < nb->n_abs; i++)
        if (nb->abs[i].id == id)
            return &nb->abs[i];
    return NULL;
}

/* Chinese numerals as 一、 counts them: 1–99 (十一, 二十, 二十一), then digits. */
static void chinese_number(long v, fg_buf *out)
{
    static const char *const D[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (v <= 0 || v > 99) {
        fg_buf_printf(out, "%ld", v);
        return;
    }
    if (v >= 20)
        fg_buf_puts(out, D[v / 10]);
    if (v >= 10)
        fg_buf_puts(out, "十");
    if (v % 10 || v < 10)
        fg_buf_puts(out, D[v % 10]);
}

/* Appends counter `v` in Word's format `fmt`. */
static void format_number(const char *fmt, long v, fg_buf *out)
{
    static const char *const GAN[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    if (!fmt || strcmp(fmt, "decimal") == 0 || strcmp(fmt, "decimalHalfWidth") == 0) {
        fg_buf_printf(out, "%ld", v);
    } else if (strcmp(fmt, "decimalZero") == 0) {
        fg_buf_printf(out, "%02ld", v);
    } else if (strncmp(fmt, "chinese", 7) == 0 || strncmp(fmt, "japanese", 8) == 0 ||
               strcmp(fmt, "ideographDigital") == 0 || strcmp(fmt, "taiwaneseCounting") == 0 ||
               strcmp(fmt, "taiwaneseCountingThousand") == 0) {
        chinese_number(v, out);
    } else if (strcmp(fmt, "ideographTraditional") == 0 && v >= 1 && v <= 10) {
        fg_buf_puts(out, GAN[v - 1]);
    } else if (strncmp(fmt, "decimalEnclosedCircle", 21) == 0 && v >= 1 && v <= 20) {
        char u[4] = {(char)0xE2, (char)0x91, (char)(0xA0 + v - 1), 0}; /* ① U+2460 */
        fg_buf_puts(out, u);
    } else if (strcmp(fmt, "decimalEnclosedParen") == 0 && v >= 1 && v <= 20) {
        unsigned cp = 0x2474 + (unsigned)v - 1; /* ⑴ */
        char u[4] = {(char)(0xE0 | cp >> 12), (char)(0x80 | (cp >> 6 & 0x3F)),
                     (char)(0x80 | (cp & 0x3F)), 0};
        fg_buf_puts(out, u);
    } else if ((strcmp(fmt, "lowerLetter") == 0 || strcmp(fmt, "upperLetter") == 0) && v >= 1) {
        fg_buf_putc(out, (char)((fmt[0] == 'l' ? 'a' : 'A') + (v - 1) % 26));
    } else if (strcmp(fmt, "lowerRoman") == 0 || strcmp(fmt, "upperRoman") == 0) {
        static const char *const R[] = {"i",   "ii",   "iii", "iv", "v",  "vi",
                                        "vii", "viii", "ix",  "x",  "xi", "xii"};
        if (v >= 1 && v <= 12) {
            for (const char *p = R[v - 1]; *p; p++)
                fg_buf_putc(out, fmt[0] == 'u' ? (char)(*p - 'a' + 'A') : *p);
        } else {
            fg_buf_printf(out, "%ld", v);
        }
    } else {
        fg_buf_printf(out, "%ld", v);
    }
}

/* The label Word shows for a paragraph of list `num_id` at level `ilvl`
 * (counting it), appended to `out`; nothing for bullets or unknown lists. */
static void number_label(numbering *nb, long num_id, long ilvl, fg_buf *out)
{
    num *n = find_num(nb, num_id);
    const abstract_num *a = n ? find_abstract(nb, n->abstract) : NULL;
    if (!a || ilvl < 0 || ilvl >= MAX_LEVELS)
        return;
    const level *lv = &a->lv[ilvl];
    if (!lv->text || (lv->fmt && (strcmp(lv->fmt, "bullet") == 0 || strcmp(lv->fmt, "none") == 0)))
        return;
    n->counter[ilvl] = n->started[ilvl] ? n->counter[ilvl] + 1 : lv->start;
    n->started[ilvl] = true;
    for (int k = (int)ilvl + 1; k < MAX_LEVELS; k++)
        n->started[k] = false; /* deeper levels start again */
    for (const char *p = lv->text; *p; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            long v = n->started[k] ? n->counter[k] : a->lv[k].start;
            format_number(a->lv[k].fmt, v, out);
            p++;
        } else {
            fg_buf_putc(out, *p);
        }
    }
}

/*** document.xml ***/

typedef struct cell {
    char *text;   /* escaped, one line */
    long span;    /* w:gridSpan */
    int vmerge;   /* 0 none, 1 restart, 2 continue */
    long rowspan; /* worked out at the table's end */
} cell;

typedef struct trow {
    cell *cells;
    size_t n, cap;
} trow;

typedef struct reader {
    numbering nb;
    fg_buf out;  /* the text being made */
    fg_buf para; /* the current paragraph's text (escaped) */
    bool in_para, in_text, in_deleted;
    long num_id, ilvl; /* the paragraph's numbering, -1 when none */
    char *style;
    int table_depth; /* nested tables are read as the text of their cell */
    trow *rows;      /* the outermost table being read */
    size_t n_rows, cap_rows;
    bool in_cell;
    fg_buf cell_text;
    long cell_span;
    int cell_vmerge;
} reader;

/* Appends markup to the end of the text's last line (before its line end),
 * so that lines start with the document's own text. */
static void markup(reader *rd, const char *m)
{
    fg_buf *o = &rd->out;
    if (o->len && o->ptr[o->len - 1] == '\n') {
        o->len--;
        fg_buf_puts(o, m);
        fg_buf_putc(o, '\n');
    } else {
        fg_buf_puts(o, m);
    }
}

static void put_escaped(fg_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fg_buf_puts(b, "&lt;");
        else if (*s == '&')
            fg_buf_puts(b, "&amp;");
        else if (*s == '\n' || *s == '\r')
            fg_buf_putc(b, ' ');
        else
            fg_buf_putc(b, *s);
    }
}

static void begin_paragraph(reader *rd)
{
    rd->in_para = true;
    fg_buf_clear(&rd->para);
    rd->num_id = rd->ilvl = -1;
    free(rd->style);
    rd->style = NULL;
}

/* The paragraph's label: its own numPr, else its style's (through basedOn). */
static void paragraph_label(reader *rd, fg_buf *label)
{
    long id = rd->num_id, ilvl = rd->ilvl;
    const style_num *s = find_style(&rd->nb, rd->style);
    for (int depth = 0; id < 0 && s && depth < 16; depth++) {
        if (s->num_id >= 0) {
            id = s->num_id;
            if (ilvl < 0)
                ilvl = s->ilvl;
        }
        s = find_style(&rd->nb, s->based_on);
    }
    if (id > 0)
        number_label(&rd->nb, id, ilvl < 0 ? 0 : ilvl, label);
}

static void end_paragraph(reader *rd)
{
    if (!rd->in_para)
        return;
    rd->in_para = false;
    fg_buf label;
    fg_buf_init(&label);
    paragraph_label(rd, &label);
    if (rd->in_cell) {
        fg_buf *c = &rd->cell_text;
        if (c->len)
            fg_buf_puts(c, "<br>");
        if (label.len)
            put_escaped(c, label.ptr);
        if (rd->para.len)
            fg_buf_put(c, rd->para.ptr, rd->para.len);
    } else if (rd->table_depth == 0) {
        if (label.len)
            put_escaped(&rd->out, label.ptr);
        if (rd->para.len)
            fg_buf_put(&rd->out, rd->para.ptr, rd->para.len);
        fg_buf_puts(&rd->out, "</p>\n");
    }
    fg_buf_fini(&label);
}

static void end_cell(reader *rd)
{
    if (!rd->in_cell || rd->n_rows == 0)
        return;
    rd->in_cell = false;
    trow *tr = &rd->rows[rd->n_rows - 1];
    tr->cells = fg_xgrow(tr->cells, &tr->cap, tr->n + 1, sizeof *tr->cells);
    tr->cells[tr->n++] = (cell){fg_xstrdup(rd->cell_text.len ? rd->cell_text.ptr : ""),
                                rd->cell_span > 0 ? rd->cell_span : 1, rd->cell_vmerge, 1};
}

/* The grid column where cell k of row r starts. */
static long grid_col(const trow *tr, size_t k)
{
    long g = 0;
    for (size_t i = 0; i < k; i++)
        g += tr->cells[i].span;
    return g;
}

static cell *cell_at(trow *tr, long g)
{
    long at = 0;
    for (size_t i = 0; i < tr->n; i++) {
        if (at == g)
            return &tr->cells[i];
        at += tr->cells[i].span;
    }
    return NULL;
}

/* The table as HTML, one line per cell; w:vMerge continuations are left
 * out and their first cell gets the rowspan. */
static void end_table(reader *rd)
{
    for (size_t r = 0; r < rd->n_rows; r++)
        for (size_t k = 0; k < rd->rows[r].n; k++) {
            cell *c = &rd->rows[r].cells[k];
            if (c->vmerge != 1)
                continue;
            long g = grid_col(&rd->rows[r], k);
            for (size_t d = r + 1; d < rd->n_rows; d++) {
                cell *below = cell_at(&rd->rows[d], g);
                if (!below || below->vmerge != 2)
                    break;
                c->rowspan++;
            }
        }
    markup(rd, "<table>");
    for (size_t r = 0; r < rd->n_rows; r++) {
        markup(rd, "<tr>");
        for (size_t k = 0; k < rd->rows[r].n; k++) {
            cell *c = &rd->rows[r].cells[k];
            if (c->vmerge != 2) {
                fg_buf m;
                fg_buf_init(&m);
                fg_buf_puts(&m, "<td");
                if (c->span > 1)
                    fg_buf_printf(&m, " colspan=\"%ld\"", c->span);
                if (c->rowspan > 1)
                    fg_buf_printf(&m, " rowspan=\"%ld\"", c->rowspan);
                fg_buf_putc(&m, '>');
                markup(rd, m.ptr);
                fg_buf_fini(&m);
                fg_buf_puts(&rd->out, c->text);
                fg_buf_puts(&rd->out, "</td>\n");
            }
            free(c->text);
        }
        markup(rd, "</tr>");
        free(rd->rows[r].cells);
    }
    markup(rd, "</table>");
    rd->n_rows = 0;
}

static void on_element(reader *rd, xmlTextReaderPtr r, bool empty)
{
    if (is(r, "p")) {
        begin_paragraph(rd);
        if (empty)
            end_paragraph(rd);
    } else if (is(r, "t") && rd->in_para && !empty) {
        rd->in_text = true;
    } else if ((is(r, "tab") || is(r, "ptab")) && rd->in_para) {
        fg_buf_putc(&rd->para, ' ');
    } else if ((is(r, "br") || is(r, "cr")) && rd->in_para) {
        fg_buf_puts(&rd->para, "<br>");
    } else if (is(r, "del") || is(r, "moveFrom")) {
        rd->in_deleted = !empty;
    } else if (is(r, "numId") && rd->in_para) {
        rd->num_id = attr_long(r, "val", -1);
    } else if (is(r, "ilvl") && rd->in_para) {
        rd->ilvl = attr_long(r, "val", 0);
    } else if (is(r, "pStyle") && rd->in_para && !rd->style) {
        rd->style = attr(r, "val");
    } else if (is(r, "tbl")) {
        rd->table_depth++;
    } else if (is(r, "tr") && rd->table_depth == 1) {
        rd->rows = fg_xgrow(rd->rows, &rd->cap_rows, rd->n_rows + 1, sizeof *rd->rows);
        rd->rows[rd->n_rows++] = (trow){0};
    } else if (is(r, "tc") && rd->table_depth == 1 && rd->n_rows) {
        rd->in_cell = true;
        fg_buf_clear(&rd->cell_text);
        rd->cell_span = 1;
        rd->cell_vmerge = 0;
    } else if (is(r, "gridSpan") && rd->in_cell && rd->table_depth == 1) {
        rd->cell_span = attr_long(r, "val", 1);
    } else if (is(r, "vMerge") && rd->in_cell && rd->table_depth == 1) {
        char *v = attr(r, "val");
        rd->cell_vmerge = v && strcmp(v, "restart") == 0 ? 1 : 2;
        free(v);
    }
}

static void on_end(reader *rd, xmlTextReaderPtr r)
{
    if (is(r, "p"))
        end_paragraph(rd);
    else if (is(r, "t"))
        rd->in_text = false;
    else if (is(r, "del") || is(r, "moveFrom"))
        rd->in_deleted = false;
    else if (is(r, "tc") && rd->table_depth == 1)
        end_cell(rd);
    else if (is(r, "tbl") && rd->table_depth > 0 && --rd->table_depth == 0)
        end_table(rd);
}

static bool read_document(reader *rd, const char *xml, size_t len, char *err, size_t n_err)
{
    xmlTextReaderPtr r = open_xml(xml, len);
    if (!r) {
        snprintf(err, n_err, "word/document.xml is not XML");
        return false;
    }
    int rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            on_element(rd, r, xmlTextReaderIsEmptyElement(r) == 1);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            on_end(rd, r);
        } else if ((type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    type == XML_READER_TYPE_CDATA) &&
                   rd->in_text && !rd->in_deleted) {
            put_escaped(&rd->para, (const char *)xmlTextReaderConstValue(r));
        }
    }
    xmlFreeTextReader(r);
    while (rd->table_depth > 0) /* a document cut inside a table */
        if (--rd->table_depth == 0)
            end_table(rd);
    if (rc != 0) {
        const xmlError *xe = xmlGetLastError();
        char why[200] = "";
        if (xe && xe->message) {
            snprintf(why, sizeof why, ": line %d: %s", xe->line, xe->message);
            why[strcspn(why, "\n")] = '\0';
        }
        snprintf(err, n_err, "word/document.xml is not well-formed XML (damaged or cut off?)%s",
                 why);
        return false;
    }
    return true;
}

/*** Entry ***/

bool fg_docx_sniff(const char *data, size_t len)
{
    return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

fg_status fg_docx_read(const char *data, size_t len, char **text, size_t *text_len, char *err,
                       size_t n_err)
{
    *text = NULL;
    *text_len = 0;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        snprintf(err, n_err, "not a readable .docx (zip): %s", zip_error_strerror(&ze));
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return FG_ERR_READ;
    }
    zip_error_fini(&ze);
    reader rd = {0};
    fg_buf_init(&rd.out);
    fg_buf_init(&rd.para);
    fg_buf_init(&rd.cell_text);
    fg_status st = FG_ERR_READ;
    char *doc = NULL, *part = NULL;
    size_t doc_len = 0, part_len = 0;
    int rc = read_part(za, "word/document.xml", &doc, &doc_len, err, n_err);
    if (rc == 1)
        snprintf(err, n_err, "a zip without word/document.xml: not a Word document");
    if (rc != 0)
        goto out;
    if (read_part(za, "word/numbering.xml", &part, &part_len, err, n_err) < 0)
        goto out;
    if (part)
        read_numbering(&rd.nb, part, part_len);
    free(part);
    part = NULL;
    if (read_part(za, "word/styles.xml", &part, &part_len, err, n_err) < 0)
        goto out;
    if (part)
        read_styles(&rd.nb, part, part_len);
    if (!read_document(&rd, doc, doc_len, err, n_err))
        goto out;
    st = FG_OK;
    *text_len = rd.out.len;
    *text = fg_buf_detach(&rd.out);
out:
    free(doc);
    free(part);
    zip_discard(za);
    numbering_fini(&rd.nb);
    for (size_t r = 0; r < rd.n_rows; r++) {
        for (size_t k = 0; k < rd.rows[r].n; k++)
            free(rd.rows[r].cells[k].text);
        free(rd.rows[r].cells);
    }
    free(rd.rows);
    free(rd.style);
    fg_buf_fini(&rd.out);
    fg_buf_fini(&rd.para);
    fg_buf_fini(&rd.cell_text);
    return st;
}

void fg_docx_init(void)
{
    xmlInitParser();
}
