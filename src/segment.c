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
    return fg_has_bytes(fg_text_match(t) + b->para_off, b->para_len, lit);
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
               {"国发", "国务院"},         {"国函", "国务院"},
               {"国令", "国务院"},         {"中华人民共和国国务院令", "国务院"}};
    for (size_t i = 0; i < sizeof MAP / sizeof MAP[0]; i++)
        if (strncmp(number, MAP[i].prefix, strlen(MAP[i].prefix)) == 0)
            return MAP[i].issuer;
    return NULL;
}

/*** What the page says of itself ***/

/* gov.cn pages and their mirrors put a metadata table above the document
 * (索引号 | 主题分类 | 发文机关 | 成文日期 | 标题 | 发文字号 | 发布日期, or
 * 名称 | 发布机构 | 生成日期), with the value in the next cell or after the
 * label's colon, and spaces inside labels (标　　题). */
typedef enum meta_field {
    META_NONE = -1,
    META_TITLE,
    META_NUMBER,
    META_ISSUER,
    META_DATE,
    META_PUBLISHED,
    META_GENERATED,
    META_STATUS,
    META_OTHER,
    N_META
} meta_field;

enum { META_SEARCH = 400, META_VALUE_MAX = 300 };

static const struct {
    const char *label;
    meta_field field;
} META_LABELS[] = {
    {"标题", META_TITLE},         {"名称", META_TITLE},         {"文件名称", META_TITLE},
    {"发文字号", META_NUMBER},    {"文号", META_NUMBER},        {"文件编号", META_NUMBER},
    {"备注/文号", META_NUMBER},   {"发文机关", META_ISSUER},    {"发文机构", META_ISSUER},
    {"发布机构", META_ISSUER},    {"发文单位", META_ISSUER},    {"成文日期", META_DATE},
    {"成文时间", META_DATE},      {"发布日期", META_PUBLISHED}, {"发布时间", META_PUBLISHED},
    {"公开日期", META_PUBLISHED}, {"生成日期", META_GENERATED}, {"有效性", META_STATUS},
    {"时效性", META_STATUS},      {"效力状态", META_STATUS},    {"索引号", META_OTHER},
    {"主题分类", META_OTHER},     {"体裁", META_OTHER},
};

/* Reads a label at the start of paragraph p: "标　题：", "[发文机构]",
 * "名称". Sets *v_off (the value's start in t->s, at the end of the
 * paragraph when the value is in the next one). */
static meta_field meta_label(const fg_text *t, size_t p, size_t *v_off)
{
    const char *s = fg_text_match(t);
    size_t off = t->paras[p].off, end = off + t->paras[p].len, k;
    size_t i = off;
    if (fg_has_prefix(s + i, end - i, "["))
        i += 1;
    else if (fg_has_prefix(s + i, end - i, "【"))
        i += 3;
    char label[64];
    size_t n = 0, chars = 0;
    for (; i < end && chars <= 8; i += k) {
        int32_t cp = fg_utf8_decode(s + i, end - i, &k);
        if (cp == 0xFF1A || cp == ':' || cp == ']' || cp == 0x3011) { /* ： : ] 】 */
            i += k;
            break;
        }
        if (fg_is_space(cp))
            continue;
        if (n + k >= sizeof label)
            return META_NONE;
        memcpy(label + n, s + i, k);
        n += k;
        chars++;
    }
    label[n] = '\0';
    if (chars > 8)
        return META_NONE;
    for (size_t m = 0; m < sizeof META_LABELS / sizeof META_LABELS[0]; m++)
        if (strcmp(label, META_LABELS[m].label) == 0) {
            size_t vo = i, vl = end - i;
            fg_utf8_trim(t->s, &vo, &vl);
            *v_off = vl ? vo : end;
            return META_LABELS[m].field;
        }
    return META_NONE;
}

/* "2021年07月30日", "2021-08-13", "2021-08-16 09:58" as YYYY-MM-DD, or NULL. */
static char *meta_date(const char *v)
{
    int y, mo, d;
    char out[16];
    if (sscanf(v, "%4d年%2d月%2d日", &y, &mo, &d) != 3 &&
        sscanf(v, "%4d-%2d-%2d", &y, &mo, &d) != 3 && sscanf(v, "%4d/%2d/%2d", &y, &mo, &d) != 3 &&
        sscanf(v, "%4d.%2d.%2d", &y, &mo, &d) != 3)
        return NULL;
    if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > 31)
        return NULL;
    snprintf(out, sizeof out, "%04d-%02d-%02d", y, mo, d);
    return fg_xstrdup(out);
}

/* A 文号 written with other brackets or stray spaces, in the usual form:
 * "国发[2019]860 号", "国发(2019)860号" → "国发〔2019〕860号". Caller frees. */
static char *canon_number(const char *s)
{
    fg_buf b;
    fg_buf_init(&b);
    size_t len = strlen(s), k;
    for (size_t i = 0; i < len; i += k) {
        int32_t cp = fg_utf8_decode(s + i, len - i, &k);
        if ((fg_is_space(cp) || cp == 0xFF0C || cp == 0x3001) && b.len >= 3 &&
            memcmp(b.ptr + b.len - 3, "号", 3) == 0 && i + k < len) {
            /* between the two 文号 of a joint notice */
            size_t j = i + k, kk;
            while (j < len && fg_is_space(fg_utf8_decode(s + j, len - j, &kk)))
                j += kk;
            if (j < len)
                fg_buf_puts(&b, "、");
            k = j - i;
            continue;
        }
        if (fg_is_space(cp))
            continue;
        bool open = cp == '[' || cp == 0xFF3B || cp == 0x3010 || cp == '(' || cp == 0xFF08;
        bool close = cp == ']' || cp == 0xFF3D || cp == 0x3011 || cp == ')' || cp == 0xFF09;
        /* only the brackets around the year */
        if (open && i + k + 4 <= len && s[i + k] >= '0' && s[i + k] <= '9' && s[i + k + 3] >= '0' &&
            s[i + k + 3] <= '9') {
            fg_buf_puts(&b, "〔");
            continue;
        }
        if (close && i >= 4 && s[i - 1] >= '0' && s[i - 1] <= '9' && b.len >= 7 &&
            memcmp(b.ptr + b.len - 7, "〔", 3) == 0) {
            fg_buf_puts(&b, "〕");
            continue;
        }
        fg_buf_put(&b, s + i, k);
    }
    if (!b.ptr)
        return fg_xstrdup("");
    return fg_buf_detach(&b);
}

/* A page title without the site's name: "…的意见_财政_中国政府网",
 * "… - 川网", "…的通知 广东省人民政府门户网站", and without a leading
 * 【专栏】 or [已废止] tag (a status: *status gets it). Caller frees. */
static char *clean_title_tidy(const char *s, char **status);

/* Spaces of every kind as one ' ', and the entities titles hold decoded
 * (a <meta> content is taken as written). Caller frees. */
static char *tidy(const char *s)
{
    static const struct {
        const char *ent, *to;
    } ENT[] = {{"&nbsp;", " "},  {"&amp;", "&"},   {"&quot;", "\""}, {"&ldquo;", "“"},
               {"&rdquo;", "”"}, {"&lsquo;", "‘"}, {"&rsquo;", "’"}, {"&middot;", "·"},
               {"&mdash;", "—"}, {"&lt;", "<"},    {"&gt;", ">"}};
    fg_buf b;
    fg_buf_init(&b);
    size_t len = strlen(s), k;
    for (size_t i = 0; i < len; i += k) {
        k = 0;
        if (s[i] == '&')
            for (size_t e = 0; e < sizeof ENT / sizeof ENT[0] && !k; e++)
                if (strncmp(s + i, ENT[e].ent, strlen(ENT[e].ent)) == 0) {
                    k = strlen(ENT[e].ent);
                    if (strcmp(ENT[e].to, " ") != 0 || (b.len && b.ptr[b.len - 1] != ' '))
                        fg_buf_puts(&b, ENT[e].to);
                }
        if (k)
            continue;
        int32_t cp = fg_utf8_decode(s + i, len - i, &k);
        if (fg_is_space(cp) || cp == '\n' || cp == '\r' || cp == '\t') {
            if (b.len && b.ptr[b.len - 1] != ' ')
                fg_buf_putc(&b, ' ');
        } else if (!fg_is_zero_width(cp)) {
            fg_buf_put(&b, s + i, k);
        }
    }
    if (!b.ptr)
        return fg_xstrdup("");
    return fg_buf_detach(&b);
}

static char *clean_title(const char *raw, char **status)
{
    char *s = tidy(raw);
    char *out = clean_title_tidy(s, status);
    free(s);
    return out;
}

static char *clean_title_tidy(const char *s, char **status)
{
    size_t len = strlen(s);
    size_t off = 0;
    fg_utf8_trim(s, &off, &len);
    for (int round = 0; round < 2; round++) {
        const char *open = NULL, *close = NULL;
        if (fg_has_prefix(s + off, len, "【"))
            open = "【", close = "】";
        else if (fg_has_prefix(s + off, len, "["))
            open = "[", close = "]";
        if (!open)
            break;
        const char *e = strstr(s + off, close);
        if (!e || (size_t)(e - s) >= off + len || e - (s + off) > 40)
            break;
        size_t tag_off = off + strlen(open), tag_len = (size_t)(e - s) - tag_off;
        char *tag = fg_xstrndup(s + tag_off, tag_len);
        if (status && !*status && (strstr(tag, "废止") || strstr(tag, "失效")))
            *status = tag;
        else
            free(tag);
        size_t cut = (size_t)(e - s) + strlen(close) - off;
        off += cut;
        len -= cut;
        fg_utf8_trim(s, &off, &len);
    }
    /* "_财政_中国政府网": the first '_' ends the title */
    const char *u = memchr(s + off, '_', len);
    if (u && u > s + off)
        len = (size_t)(u - (s + off));
    /* " - 川网", " | 站名", or a last word naming a site */
    static const char *const SEPS[] = {" - ", " | ", " — ", "－", NULL};
    for (const char *const *sep = SEPS; *sep; sep++) {
        size_t sl = strlen(*sep);
        for (size_t i = off + len; i-- > off + 1;)
            if (i + sl <= off + len && memcmp(s + i, *sep, sl) == 0 && off + len - i - sl <= 60) {
                len = i - off;
                break;
            }
    }
    const char *sp = NULL;
    for (size_t i = off; i < off + len; i++)
        if (s[i] == ' ')
            sp = s + i;
    if (sp) {
        size_t tail = off + len - (size_t)(sp + 1 - s);
        if (fg_has_suffix(sp + 1, tail, "网站") || fg_has_suffix(sp + 1, tail, "网") ||
            fg_has_suffix(sp + 1, tail, "门户"))
            len = (size_t)(sp - (s + off));
    }
    fg_utf8_trim(s, &off, &len);
    /* "《宿州市…若干措施》": a title quoted whole */
    if (len > 6 && fg_has_prefix(s + off, len, "《") && fg_has_suffix(s + off, len, "》")) {
        bool inner = false;
        for (size_t i = off + 3; i + 3 < off + len - 3 && !inner; i++)
            inner = memcmp(s + i, "《", 3) == 0 || memcmp(s + i, "》", 3) == 0;
        if (!inner) {
            off += 3;
            len -= 6;
        }
    }
    return fg_xstrndup(s + off, len);
}

static bool is_label_para(const fg_text *t, size_t p)
{
    size_t v;
    return meta_label(t, p, &v) != META_NONE;
}

static bool titleish_str(const char *s)
{
    return strlen(s) <= 300 && !strstr(s, "。") &&
           (strstr(s, "关于") || strstr(s, "意见") || strstr(s, "通知") || strstr(s, "方案") ||
            strstr(s, "办法") || strstr(s, "规定") || strstr(s, "决定") || strstr(s, "措施") ||
            strstr(s, "条例"));
}

typedef struct page_meta {
    char *val[N_META]; /* values of the metadata table's labels, as written */
    bool table;        /* three labels or more: a metadata table */
} page_meta;

/* Reads the labels of the page's metadata table. */
static void read_page_meta(const fg_text *t, page_meta *pm)
{
    memset(pm, 0, sizeof *pm);
    size_t n_labels = 0;
    bool seen[N_META] = {0};
    for (size_t p = 0; p < t->n_paras && p < META_SEARCH; p++) {
        size_t v_off;
        meta_field f = meta_label(t, p, &v_off);
        if (f == META_NONE)
            continue;
        size_t end = t->paras[p].off + t->paras[p].len, vo = v_off, vl = end - v_off;
        if (vl == 0 && p + 1 < t->n_paras && !is_label_para(t, p + 1)) {
            vo = t->paras[p + 1].off;
            vl = t->paras[p + 1].len;
        }
        if (!seen[f])
            n_labels++;
        seen[f] = true;
        if (f == META_OTHER || vl == 0 || vl > META_VALUE_MAX)
            continue;
        char *v = fg_xstrndup(f == META_NUMBER ? fg_text_match(t) + vo : t->s + vo, vl);
        /* the first value wins, but a title that reads like one wins over
         * a search form's 标题 | 全文 above the table */
        if (!pm->val[f] || (f == META_TITLE && !titleish_str(pm->val[f]) && titleish_str(v))) {
            free(pm->val[f]);
            pm->val[f] = v;
        } else {
            free(v);
        }
    }
    pm->table = n_labels >= 3;
}

static void page_meta_fini(page_meta *pm)
{
    for (int f = 0; f < N_META; f++)
        free(pm->val[f]);
}

/* fg_match on a string of its own (not the text): copied into a buffer
 * with zeroed spare bytes, since PCRE2's JIT may read past the subject's
 * end (valgrind). */
static bool match_str(fg_matcher *m, fg_rx rx, const char *s, size_t len)
{
    fg_buf b;
    fg_buf_init(&b);
    fg_buf_put(&b, s, len);
    fg_buf_reserve(&b, 64);
    bool hit = fg_match(m, rx, b.ptr, b.len);
    fg_buf_fini(&b);
    return hit;
}

static bool has_punct(const char *s, size_t len)
{
    static const char *const P[] = {"《", "》", "，", "。", "、", "：", "“", "【", "[", NULL};
    for (const char *const *p = P; *p; p++)
        for (size_t i = 0; i + strlen(*p) <= len; i++)
            if (memcmp(s + i, *p, strlen(*p)) == 0)
                return true;
    return false;
}

/* A signature line: one office, or several separated by spaces of which
 * one at least is shaped like an office ("中国证监会 国资委 全国工商联"). */
static bool issuer_line(fg_matcher *m, const fg_text *t, const fg_block *b)
{
    if (matches(m, RX_ISSUER, t, b))
        return true;
    const char *s = fg_text_match(t) + b->para_off;
    size_t len = b->para_len;
    if (len > 120 || !memchr(s, ' ', len) || has_punct(s, len))
        return false;
    bool any = false;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && s[j] != ' ')
            j++;
        if (j - i > 45 || j == i)
            return false;
        any = any || fg_match(m, RX_ISSUER, s + i, j - i);
        i = j + 1;
    }
    return any;
}

/* The offices a title names before 关于 or 印发, when they look like
 * offices: "中共中央办公厅 国务院办公厅印发《…》", "安阳市人民政府办公室关于…";
 * NULL otherwise. Caller frees. */
static char *issuer_of_title(fg_matcher *m, const char *title)
{
    const char *a = strstr(title, "关于"), *b = strstr(title, "印发");
    const char *e = a && (!b || a < b) ? a : b;
    if (!e || e == title || e - title > 120)
        return NULL;
    size_t len = (size_t)(e - title);
    bool any = false;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && title[j] != ' ')
            j++;
        size_t part = j - i;
        if (part > 60 || has_punct(title + i, part))
            return NULL;
        if (match_str(m, RX_ISSUER, title + i, part))
            any = true;
        i = j + 1;
    }
    return any ? fg_xstrndup(title, len) : NULL;
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

    page_meta pm;
    read_page_meta(t, &pm);
    size_t docno_end = docno; /* the last line of the 文号 */
    char *status = NULL;

    /* title: the metadata table's, the line by the 文号, the page's
     * ArticleTitle, front matter, a Markdown heading, <h1>, <title> (without
     * the site's name), and in plain text the first line */
    char *title = NULL;
    if (pm.table && pm.val[META_TITLE])
        title = clean_title(pm.val[META_TITLE], &status);
    if (docno < n) {
        size_t g_off, g_len;
        matches(m, RX_DOCNO, t, &bl[docno]);
        fg_matcher_group(m, 1, &g_off, &g_len);
        /* an identifier: in simplified characters, 國辦發…號 as 国办发…号 */
        l->number = fg_xstrndup(fg_text_match(t) + bl[docno].para_off + g_off, g_len);
        if (docno + 1 < n && matches(m, RX_DOCNO, t, &bl[docno + 1])) {
            /* a joint notice with its two 文号 on two lines */
            fg_matcher_group(m, 1, &g_off, &g_len);
            fg_buf b;
            fg_buf_init(&b);
            fg_buf_puts(&b, l->number);
            fg_buf_puts(&b, "、");
            fg_buf_put(&b, fg_text_match(t) + bl[docno + 1].para_off + g_off, g_len);
            free(l->number);
            l->number = fg_buf_detach(&b);
            if (leadin == n) /* the body starts after both */
                docno_end = docno + 1;
        }
        if (title)
            ;
        else if (docno > 0 && titleish(t, &bl[docno - 1]))
            title = title_before(t, bl, docno - 1);
        else if (docno + 1 < n && titleish(t, &bl[docno + 1]))
            title = span_dup(t, &bl[docno + 1]);
    }
    if (!title && t->meta_title)
        title = clean_title(t->meta_title, &status);
    if (!title && t->fm_title && *t->fm_title)
        title = fg_xstrdup(t->fm_title);
    for (size_t i = 0; !title && i < n && i < FRAME_SEARCH; i++)
        if (t->paras[i].flags & FG_PARA_MD_HEADING)
            title = span_dup(t, &bl[i]);
    if (!title && t->html_h1 && titleish_str(t->html_h1))
        title = clean_title(t->html_h1, &status);
    if (!title && t->html_title && *t->html_title)
        title = clean_title(t->html_title, &status);
    bool first_in_cell = false; /* never the first label of a table */
    for (size_t c = 0; c < t->n_cells && !first_in_cell; c++)
        first_in_cell = t->cells[c].para0 == 0 && t->cells[c].para1 > 0;
    if (!title && !first_in_cell && n > 0 && bl[0].para_len <= 150 && !has_text(t, &bl[0], "。"))
        title = span_dup(t, &bl[0]);
    l->title = title ? title : fg_xstrdup("");

    /* body: after the lead-in, else after the 文号 and the addressees */
    size_t start = 0;
    if (leadin < n)
        start = leadin + 1;
    else if (docno < n)
        start = docno_end + 1;
    for (size_t i = start; i < n; i++)
        bl[i].in_body = true;

    /* signature and date: the first date line after the body's start whose
     * line above names a body, else the last date line */
    size_t date = n;
    for (size_t i = start; i < n; i++) {
        if (!matches(m, RX_DATE, t, &bl[i]))
            continue;
        date = i;
        if (i > start && issuer_line(m, t, &bl[i - 1]) && bl[i - 1].level == 0)
            break;
    }
    if (date == n || !(date > start && issuer_line(m, t, &bl[date - 1]))) {
        /* a notice signed above the measures it prints: 明溪县人民政府 /
         * 2022年11月26日 / then the lead-in of the attached text */
        for (size_t i = start; i-- > 1;)
            if (matches(m, RX_DATE, t, &bl[i]) && issuer_line(m, t, &bl[i - 1]) &&
                bl[i - 1].level == 0) {
                date = i;
                break;
            }
    }
    if (date < n) {
        l->date = iso_date(m, fg_text_match(t) + bl[date].para_off);
        bl[date].in_body = false;
        /* joint documents sign with one line per office */
        size_t first = date;
        while (first > start && date - first < 4 && bl[first - 1].level == 0 &&
               issuer_line(m, t, &bl[first - 1]))
            first--;
        if (first < date) {
            fg_buf b;
            fg_buf_init(&b);
            for (size_t i = first; i < date; i++) {
                if (b.len)
                    fg_buf_puts(&b, "、");
                size_t len = bl[i].para_len;
                if (fg_has_suffix(t->s + bl[i].para_off, len, "（代章）"))
                    len -= strlen("（代章）");
                else if (fg_has_suffix(t->s + bl[i].para_off, len, "(代章)"))
                    len -= strlen("(代章)");
                /* "广州市卫生健康委员会    广州市财政局": two offices side by side on
                 * one line of a joint signature are two issuers */
                const char *p = t->s + bl[i].para_off;
                size_t o = 0, tl = len;
                fg_utf8_trim(t->s + bl[i].para_off, &o, &tl);
                for (size_t k = o; k < o + tl; k++) {
                    if (p[k] == ' ') {
                        while (k + 1 < o + tl && p[k + 1] == ' ')
                            k++;
                        fg_buf_puts(&b, "、");
                    } else {
                        fg_buf_putc(&b, p[k]);
                    }
                }
                bl[i].in_body = false;
            }
            l->issuer = fg_buf_detach(&b);
        }
    }
    if (pm.table && pm.val[META_DATE]) {
        char *d = meta_date(pm.val[META_DATE]);
        if (d) {
            free(l->date);
            l->date = d;
        }
    }
    if (!l->date && t->fm_date)
        l->date = fm_date(t->fm_date);
    /* a metadata table's 文号 wins; a lone "文号：" line only fills a gap */
    if (pm.val[META_NUMBER] && (pm.table || !l->number) &&
        match_str(m, RX_DOCNO, pm.val[META_NUMBER], strlen(pm.val[META_NUMBER]))) {
        free(l->number);
        l->number = canon_number(pm.val[META_NUMBER]);
    } else if (l->number) {
        char *c = canon_number(l->number);
        free(l->number);
        l->number = c;
    }
    if (pm.table && pm.val[META_ISSUER] && !l->issuer &&
        match_str(m, RX_ISSUER, pm.val[META_ISSUER], strlen(pm.val[META_ISSUER])))
        l->issuer = fg_xstrdup(pm.val[META_ISSUER]);
    char *pub = pm.val[META_PUBLISHED] ? meta_date(pm.val[META_PUBLISHED]) : NULL;
    if (!pub && t->meta_pubdate)
        pub = meta_date(t->meta_pubdate);
    if (!pub && pm.table && pm.val[META_GENERATED])
        pub = meta_date(pm.val[META_GENERATED]);
    if (!pub && t->fm_date) /* a blog's reprint: the post's date */
        pub = fm_date(t->fm_date);
    l->published = pub ? pub : fg_xstrdup("");
    if (!status && pm.table && pm.val[META_STATUS] &&
        (strstr(pm.val[META_STATUS], "废止") || strstr(pm.val[META_STATUS], "失效")))
        status = fg_xstrdup(pm.val[META_STATUS]);
    if (!l->issuer)
        l->issuer = issuer_of_title(m, l->title);
    for (size_t i = 0; !status && i < n && i < META_SEARCH; i++)
        if (has_text(t, &bl[i], "（征求意见稿）") || has_text(t, &bl[i], "(征求意见稿)"))
            status = fg_xstrdup("征求意见稿");
    if (!status && strstr(l->title, "征求意见稿"))
        status = fg_xstrdup("征求意见稿");
    l->status = status ? status : fg_xstrdup("");
    page_meta_fini(&pm);
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
    free(l->published);
    free(l->status);
    memset(l, 0, sizeof *l);
}
