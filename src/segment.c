/* Segment stage.
 *
 * Each paragraph becomes a block with its numbering level and label
 * (一、 / （一） / 1. / （1）, 第一条, ㈠ ⑴ ①). Around the numbered body
 * stands the frame of an official document:
 *
 *   国务院办公厅关于推动外贸保稳提质的意见       title (may wrap over two lines)
 *   国办发〔2022〕18号                           文号
 *   各省、自治区、直辖市人民政府，…：              addressees
 *   为深入贯彻……现提出以下意见：                 lead-in: the body starts after it
 *   …
 *   国务院办公厅                                 signature
 *   2022年5月17日                                date of issue
 *
 * Blocks before the lead-in and the signature lines are outside the body;
 * what follows the date (attachments, a reprint's footer) stays in it, since
 * a plan's 分工表 is often an attachment.
 */
#include "segment.h"

#include "attrib.h"
#include "buf.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { FRAME_SEARCH = 40, SIGNATURE_SEARCH = 40 };

size_t fg_first_sentence(const char *s, size_t off, size_t len, size_t *h_len)
{
    size_t n, depth = 0;
    for (size_t i = off; i < off + len; i += n) {
        int32_t cp = fg_utf8_decode(s + i, off + len - i, &n);
        if (cp == '(' || cp == 0xFF08)
            depth++;
        else if ((cp == ')' || cp == 0xFF09) && depth)
            depth--;
        else if (depth == 0 && (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B)) {
            *h_len = i - off;
            return off;
        }
    }
    *h_len = len;
    return off;
}

/*** Numbering ***/

static const int GROUP_LEVEL[] = {0, 1, 2, 2, 3, 4, 5, 3, 5, 6};

static void read_label(fg_matcher *m, const fg_text *t, fg_block *b)
{
    const char *p = fg_text_match(t) + b->para_off; /* 第一條 is 第一条 */
    if (!fg_match(m, RX_LABEL, p, b->para_len))
        return;
    size_t all_off, all_len;
    fg_matcher_group(m, 0, &all_off, &all_len);
    if (all_len >= b->para_len)
        return; /* a bare label with no text is not an item */
    for (int g = 1; g <= 9; g++) {
        size_t off, len;
        if (!fg_matcher_group(m, g, &off, &len))
            continue;
        b->level = GROUP_LEVEL[g];
        const char *open = "", *close = "";
        if (g == 4 || g == 6) {
            open = "（";
            close = "）";
        }
        snprintf(b->label, sizeof b->label, "%s%.*s%s", open, (int)len, p + off, close);
        break;
    }
    b->off = b->para_off + all_len;
    b->len = b->para_len - all_len;
    fg_utf8_trim(t->s, &b->off, &b->len);
}

/* A heading is a short line with no sentence inside it (a final 。 is
 * allowed), brackets left out: "一、强化贸易促进拓展市场",
 * "三、加快创新发展（商务部牵头）". */
static bool is_heading_line(const char *s, size_t off, size_t len)
{
    size_t n, depth = 0, chars = 0;
    for (size_t i = off; i < off + len; i += n) {
        int32_t cp = fg_utf8_decode(s + i, off + len - i, &n);
        if (cp == '(' || cp == 0xFF08) {
            depth++;
        } else if ((cp == ')' || cp == 0xFF09) && depth) {
            depth--;
        } else if (depth == 0) {
            chars++;
            bool stop = cp == 0x3002 || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F;
            if (stop && i + n < off + len)
                return false;
        }
    }
    return chars > 0 && chars <= 40;
}

/*** Frame ***/

static char *span_dup(const fg_text *t, const fg_block *b)
{
    return fg_xstrndup(t->s + b->para_off, b->para_len);
}

static bool matches(fg_matcher *m, fg_rx rx, const fg_text *t, const fg_block *b)
{
    return fg_match(m, rx, fg_text_match(t) + b->para_off, b->para_len);
}

static bool has_text(const fg_text *t, const fg_block *b, const char *lit)
{
    size_t n = strlen(lit);
    for (size_t i = 0; i + n <= b->para_len; i++)
        if (memcmp(fg_text_match(t) + b->para_off + i, lit, n) == 0)
            return true;
    return false;
}

static bool titleish(const fg_text *t, const fg_block *b)
{
    return b->para_len <= 200 && !has_text(t, b, "。") &&
           (has_text(t, b, "关于") || has_text(t, b, "意见") || has_text(t, b, "通知") ||
            has_text(t, b, "方案") || has_text(t, b, "办法") || has_text(t, b, "规定") ||
            has_text(t, b, "决定") || has_text(t, b, "措施"));
}

/* A title line that wraps: "国务院办公厅关于" + "进一步做好稳外贸稳外资工作的意见". */
static char *title_before(const fg_text *t, const fg_block *blocks, size_t at)
{
    size_t first = at;
    while (first > 0 && at - first < 2) {
        const fg_block *prev = &blocks[first - 1], *cur = &blocks[first];
        bool short_line = prev->para_len <= 90 && !has_text(t, prev, "。") &&
                          !has_text(t, prev, "：") && !has_text(t, prev, "，");
        bool wraps = fg_has_suffix(fg_text_match(t) + prev->para_off, prev->para_len, "关于") ||
                     (!has_text(t, cur, "关于") && has_text(t, prev, "关于"));
        if (!short_line || !wraps)
            break;
        first--;
    }
    fg_buf b;
    fg_buf_init(&b);
    for (size_t i = first; i <= at; i++)
        fg_buf_put(&b, t->s + blocks[i].para_off, blocks[i].para_len);
    return fg_buf_detach(&b);
}

static int cn_digit(const char *s, size_t *n)
{
    static const char *const D[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (fg_has_prefix(s, 3, "○") || fg_has_prefix(s, 3, "零")) {
        *n = 3;
        return 0;
    }
    for (int d = 0; d < 10; d++)
        if (memcmp(s, D[d], 3) == 0) {
            *n = 3;
            return d;
        }
    if (memcmp(s, "十", 3) == 0) {
        *n = 3;
        return 10;
    }
    *n = 1;
    return -1;
}

/* "十一" → 11, "二十三" → 23, "五" → 5; digits "2022" read one by one. */
static int cn_number(const char *s, size_t len, bool positional)
{
    int v = 0, cur = 0;
    size_t n;
    for (size_t i = 0; i < len; i += n) {
        int d = cn_digit(s + i, &n);
        if (d < 0)
            return -1;
        if (positional) {
            v = v * 10 + (d == 10 ? 0 : d);
        } else if (d == 10) {
            v += (cur ? cur : 1) * 10;
            cur = 0;
        } else {
            cur = d;
        }
    }
    return positional ? v : v + cur;
}

static char *iso_date(fg_matcher *m, const char *s)
{
    size_t off[3], len[3];
    int v[3];
    bool arabic = fg_matcher_group(m, 1, &off[0], &len[0]);
    for (int g = 0; g < 3; g++) {
        fg_matcher_group(m, (arabic ? 1 : 4) + g, &off[g], &len[g]);
        v[g] = arabic ? atoi(s + off[g]) : cn_number(s + off[g], len[g], g == 0);
    }
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
        return NULL;
    char out[16];
    snprintf(out, sizeof out, "%04d-%02d-%02d", v[0] % 10000, v[1], v[2]);
    return fg_xstrdup(out);
}

/* Front matter dates: "2022-05-26 15:01:55 +0800", "Thu, 15 Sep 2022 08:58:07 GMT". */
static char *fm_date(const char *d)
{
    static const char *const MON[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, mo, da;
    char mon[4];
    char out[16];
    if (sscanf(d, "%4d-%2d-%2d", &y, &mo, &da) == 3 || sscanf(d, "%4d/%2d/%2d", &y, &mo, &da) == 3) {
    } else if (sscanf(d, "%*3s, %2d %3s %4d", &da, mon, &y) == 3 ||
               sscanf(d, "%2d %3s %4d", &da, mon, &y) == 3) {
        mo = 0;
        for (int i = 0; i < 12; i++)
            if (strcmp(mon, MON[i]) == 0)
                mo = i + 1;
    } else {
        return NULL;
    }
    if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || da < 1 || da > 31)
        return NULL;
    snprintf(out, sizeof out, "%04d-%02d-%02d", y, mo, da);
    return fg_xstrdup(out);
}

static const char *issuer_of_number(const char *number)
{
    static const struct {
        const char *prefix, *issuer;
    } MAP[] = {{"国办发", "国务院办公厅"}, {"国办函", "国务院办公厅"},
               {"国发", "国务院"},         {"国函", "国务院"}};
    for (size_t i = 0; i < sizeof MAP / sizeof MAP[0]; i++)
        if (strncmp(number, MAP[i].prefix, strlen(MAP[i].prefix)) == 0)
            return MAP[i].issuer;
    return NULL;
}

static void read_frame(fg_matcher *m, const fg_text *t, fg_layout *l)
{
    fg_block *bl = l->blocks;
    size_t n = l->n_blocks, docno = n, leadin = n, first_label = n;
    for (size_t i = 0; i < n; i++)
        if (bl[i].level >= 2) {
            first_label = i;
            break;
        }
    for (size_t i = 0; i < n && i < FRAME_SEARCH && i <= first_label; i++)
        if (docno == n && matches(m, RX_DOCNO, t, &bl[i]))
            docno = i;
    for (size_t i = docno == n ? 0 : docno; i < n && i < first_label; i++)
        if (matches(m, RX_LEADIN, t, &bl[i])) {
            leadin = i;
            break;
        }

    /* title */
    char *title = NULL;
    if (docno < n) {
        size_t g_off, g_len;
        matches(m, RX_DOCNO, t, &bl[docno]);
        fg_matcher_group(m, 1, &g_off, &g_len);
        /* an identifier: in simplified characters, 國辦發…號 as 国办发…号 */
        l->number = fg_xstrndup(fg_text_match(t) + bl[docno].para_off + g_off, g_len);
        if (docno > 0 && titleish(t, &bl[docno - 1]))
            title = title_before(t, bl, docno - 1);
        else if (docno + 1 < n && titleish(t, &bl[docno + 1]))
            title = span_dup(t, &bl[docno + 1]);
    }
    if (!title && t->fm_title && *t->fm_title)
        title = fg_xstrdup(t->fm_title);
    for (size_t i = 0; !title && i < n && i < FRAME_SEARCH; i++)
        if (t->paras[i].flags & FG_PARA_MD_HEADING)
            title = span_dup(t, &bl[i]);
    if (!title && n > 0 && bl[0].para_len <= 150 && !has_text(t, &bl[0], "。"))
        title = span_dup(t, &bl[0]);
    l->title = title ? title : fg_xstrdup("");

    /* body: after the lead-in, else after the 文号 and the addressees */
    size_t start = 0;
    if (leadin < n)
        start = leadin + 1;
    else if (docno < n)
        start = docno + 1;
    for (size_t i = start; i < n; i++)
        bl[i].in_body = true;

    /* signature and date: the first date line after the body's start whose
     * line above names a body, else the last date line */
    size_t date = n;
    for (size_t i = start; i < n; i++) {
        if (!matches(m, RX_DATE, t, &bl[i]))
            continue;
        date = i;
        if (i > start && matches(m, RX_ISSUER, t, &bl[i - 1]) && bl[i - 1].level == 0)
            break;
    }
    if (date < n) {
        l->date = iso_date(m, fg_text_match(t) + bl[date].para_off);
        bl[date].in_body = false;
        /* joint documents sign with one line per office */
        size_t first = date;
        while (first > start && date - first < 4 && bl[first - 1].level == 0 &&
               matches(m, RX_ISSUER, t, &bl[first - 1]))
            first--;
        if (first < date) {
            fg_buf b;
            fg_buf_init(&b);
            for (size_t i = first; i < date; i++) {
                if (b.len)
                    fg_buf_puts(&b, "、");
                fg_buf_put(&b, t->s + bl[i].para_off, bl[i].para_len);
                bl[i].in_body = false;
            }
            l->issuer = fg_buf_detach(&b);
        }
    }
    if (!l->date && t->fm_date)
        l->date = fm_date(t->fm_date);
    if (!l->issuer && l->number) {
        const char *iss = issuer_of_number(l->number);
        if (iss)
            l->issuer = fg_xstrdup(iss);
    }
    if (!l->number)
        l->number = fg_xstrdup("");
    if (!l->issuer)
        l->issuer = fg_xstrdup("");
    if (!l->date)
        l->date = fg_xstrdup("");
}

void fg_segment(fg_matcher *m, const fg_text *t, fg_layout *l)
{
    memset(l, 0, sizeof *l);
    l->n_blocks = t->n_paras;
    l->blocks = fg_xcalloc(t->n_paras, sizeof *l->blocks);
    for (size_t i = 0; i < t->n_paras; i++) {
        fg_block *b = &l->blocks[i];
        b->para_off = b->off = t->paras[i].off;
        b->para_len = b->len = t->paras[i].len;
        read_label(m, t, b);
    }
    read_frame(m, t, l);
    /* children and headings, over the body only */
    size_t next = l->n_blocks; /* index of the next numbered block */
    for (size_t i = l->n_blocks; i-- > 0;) {
        fg_block *b = &l->blocks[i];
        if (!b->in_body || b->level == 0)
            continue;
        b->has_children = next < l->n_blocks && l->blocks[next].level > b->level;
        b->heading_only = is_heading_line(t->s, b->off, b->len);
        if (b->level > l->max_level)
            l->max_level = b->level;
        next = i;
    }
}

void fg_layout_fini(fg_layout *l)
{
    free(l->blocks);
    free(l->title);
    free(l->number);
    free(l->issuer);
    free(l->date);
    memset(l, 0, sizeof *l);
}
