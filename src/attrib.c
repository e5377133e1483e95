/* Attribution stage.
 *
 * An attribution is a bracketed list of bodies that closes the text it
 * applies to (or, with FG_BRACKET_NONE, a label line without brackets):
 *
 *   （各地方人民政府，商务部、海关总署按职责分工负责）
 *   （商务部牵头，财政部、税务总局按职责分工负责）
 *   （商务部会同有关部门负责）      （工业和信息化部负责，各地区参与）
 *   （牵头单位：省商务厅；责任单位：省财政厅、省税务局）
 *   （牵头单位：县农业农村局，配合单位：县财政局、县自然资源局）
 *   （财政部、税务总局等国务院相关部门及各地区按职责分工负责）
 *   （国务院各部门分别负责，年内持续推进）
 *   （教育部、财政部负责。列第一位者为牵头单位，下同）
 *   （…按职责分工负责。以下均需各区政府…负责，不再列出）
 *
 * The grammar's words (verbs, label role words and nouns, adverbs, tails,
 * deadline labels, conjunctions) are one table, FG_WORDS in engine.c; the
 * patterns RX_VERB, RX_FIELD, RX_ROLEWORD … are made from it. The bracket is
 * cut into segments (on ；and 。), a segment into clauses (on ，), a clause
 * into names (on 、, then at conjunctions: add_list() is the one list
 * splitter, which fg_attrib_parse_list() also serves). A clause is a label
 * field (RX_FIELD; its list runs over ，to the next label), ends in a verb
 * (RX_VERB), or is a deadline (RX_DEADLINE) or a bare list; a bare list
 * takes the role of the next clause's verb. Every name must be a known body,
 * a collective (有关部门, 各镇（街道）), a place (两江新区), or shaped like a
 * body (RX_AGENCYLIKE): that is what keeps prose such as
 * （具体办法由用人单位负责制定） and （企业负责人） out. A bracket with a
 * label, or a verb after a known body, that still cannot be read is
 * FG_ATTR_UNPARSED (kept for review), not prose. Nested brackets stay
 * inside a name: 省市场监管局（省知识产权局） is one body.
 */
#include "attrib.h"

#include "buf.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/*** Characters ***/

/* ( （ 〔 and 【 (local plans close items with 【责任单位：…】) */
static bool is_open(int32_t cp)
{
    return cp == '(' || cp == 0xFF08 || cp == 0x3014 || cp == 0x3010;
}
static bool is_close(int32_t cp)
{
    return cp == ')' || cp == 0xFF09 || cp == 0x3015 || cp == 0x3011;
}

static int32_t cp_at(const char *s, size_t i, size_t end, size_t *n)
{
    return fg_utf8_decode(s + i, end - i, n);
}

static bool is_trailing_punct(int32_t cp)
{
    return fg_is_space(cp) || cp == 0x3002 /* 。 */ || cp == 0xFF1B /* ； */ || cp == ';' ||
           cp == 0xFF0C /* ， */ || cp == ',' || cp == '.';
}

void fg_attrib_brackets(const char *s, size_t off, size_t len, fg_bracket_fn fn, void *ctx)
{
    size_t end = off + len, depth = 0, start = 0, n;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = off; i < end; i += n) {
        /* brackets are ( ) or three bytes led by EF or E3: skip the rest
         * without decoding */
        if (u[i] != '(' && u[i] != ')' && u[i] != 0xEF && u[i] != 0xE3) {
            n = 1;
            continue;
        }
        int32_t cp = cp_at(s, i, end, &n);
        if (is_open(cp)) {
            if (depth++ == 0)
                start = i;
        } else if (is_close(cp) && depth > 0) {
            if (--depth == 0)
                fn(ctx, start, i + n, false);
        }
    }
    if (depth > 0)
        fn(ctx, start, end, true);
}

/*** Splitting at depth 0 ***/

enum { SEP_SEGMENT = 1, SEP_CLAUSE = 2, SEP_LIST = 4 };

static unsigned sep_kind(int32_t cp)
{
    switch (cp) {
    case 0x3002: /* 。 */
    case 0xFF1B: /* ； */
    case ';':
        return SEP_SEGMENT;
    case 0xFF0C: /* ， */
    case ',':
        return SEP_CLAUSE;
    case 0x3001: /* 、 */
        return SEP_LIST;
    default:
        return 0;
    }
}

/* Writes into pieces the spans of s[a..b) separated by characters of the
 * `seps` kinds outside nested brackets. Returns the count. */
typedef struct span {
    size_t off, len;
} span;

typedef struct spans {
    span *v;
    size_t n, cap;
} spans;

static const char PROVINCES[] = "各省、自治区、直辖市";

static void split(const char *s, size_t a, size_t b, unsigned seps, spans *out)
{
    out->n = 0;
    size_t depth = 0, start = a, n;
    for (size_t i = a; i < b; i += n) {
        if (i == start && fg_has_prefix(s + i, b - i, PROVINCES)) {
            n = sizeof PROVINCES - 1; /* one name that contains 、 */
            continue;
        }
        int32_t cp = cp_at(s, i, b, &n);
        if (is_open(cp))
            depth++;
        else if (is_close(cp) && depth)
            depth--;
        else if (depth == 0 && (sep_kind(cp) & seps)) {
            out->v = fg_xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
            out->v[out->n++] = (span){start, i - start};
            start = i + n;
        }
    }
    out->v = fg_xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
    out->v[out->n++] = (span){start, b - start};
    for (size_t k = 0; k < out->n; k++)
        fg_utf8_trim(s, &out->v[k].off, &out->v[k].len);
}

/*** Names ***/

/* classify() calls a bracket may spend splitting names at conjunctions */
enum { BUDGET = 4000 };

typedef enum name_kind { NAME_INVALID, NAME_KNOWN, NAME_COLLECTIVE, NAME_UNKNOWN } name_kind;

typedef struct parser {
    fg_matcher *m;
    const char *s;
    fg_attr *a;
    size_t pending_from; /* agencies [pending_from, n) wait for a verb */
    bool any_verb;
    bool bad_name; /* a name in a verb or label clause is not a body */
    bool cut;      /* the file ends inside the bracket */
    bool readable; /* a label or a verb after some body: an attribution,
                      even where a name in it cannot be read */
    size_t n_good; /* names read as bodies so far */
    int budget;    /* classify() calls left for splitting at conjunctions */
    bool list_has_gov; /* a later name of the list ends in 政府 */
    size_t clause_from, clause_to; /* the agencies the last clause added */
    const char *level; /* the level word of the list's last local unit */
    int field_role; /* the role of the label whose list goes on, -2 for a
                       deadline label, -1 for none */
    size_t c_end;  /* end of the bracket's content */
} parser;

/* The name without its bracketed parts: "省市场监管局（省知识产权局）" →
 * "省市场监管局", "各县（市、区）人民政府" → "各县人民政府". */
static void without_brackets(const char *s, size_t off, size_t len, fg_buf *out)
{
    size_t n, depth = 0;
    fg_buf_clear(out);
    for (size_t i = off; i < off + len; i += n) {
        int32_t cp = cp_at(s, i, off + len, &n);
        if (is_open(cp))
            depth++;
        else if (is_close(cp) && depth)
            depth--;
        else if (depth == 0)
            fg_buf_put(out, s + i, n);
    }
}

/* The registry index of the whole name s[off..off+len): a known body or a
 * local unit (省商务厅, 江西省商务厅; 财政局 in a municipal plan), or -1. */
static int resolve(parser *p, const char *s, size_t len)
{
    return fg_registry_resolve(&p->m->engine->registry, s, len, &p->m->place);
}

/* 一…九, 十, 两: the ideographs of a small count ("十六个区") */
static bool is_cjk_count(int32_t cp)
{
    static const int32_t DIGITS[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
                                     0x4E03, 0x516B, 0x4E5D, 0x5341, 0x4E24};
    for (size_t k = 0; k < sizeof DIGITS / sizeof DIGITS[0]; k++)
        if (DIGITS[k] == cp)
            return true;
    return false;
}

/* "各镇（街道）", "各区县", "各县（市、区）", "各乡镇人民政府", "各园区管委会": 各,
 * then level words only, then perhaps 人民政府, 政府 or 管委会 (without its
 * bracketed parts, so 各县（市、区） reads as 各县). */
static bool is_local_collective(const char *s, size_t len)
{
    static const char *const LEVELS[] = {"自治区", "直辖市", "开发区", "县级市", "街道", "园区", "地区",
                                         "省", "市", "县", "区", "镇", "乡", "旗", "州",
                                         "盟", NULL};
    static const char *const BODIES[] = {"人民政府", "政府", "管委会", "党委和政府", NULL};
    if (len > 60)
        return false;
    size_t i = 0, n_levels = 0;
    if (fg_has_prefix(s, len, "各")) {
        i = 3;
    } else {
        /* a count of them: "16区和北京经济技术开发区", "十六个区" */
        size_t n;
        while (i < len) {
            int32_t cp = fg_utf8_decode(s + i, len - i, &n);
            if (!((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) ||
                  is_cjk_count(cp)))
                break;
            i += n;
        }
        if (i == 0)
            return false;
        if (fg_has_prefix(s + i, len - i, "个"))
            i += 3;
    }
    for (bool more = true; more && i < len;) {
        more = false;
        for (const char *const *l = LEVELS; *l; l++)
            if (fg_has_prefix(s + i, len - i, *l)) {
                i += strlen(*l);
                n_levels++;
                more = true;
                break;
            }
    }
    if (n_levels == 0)
        return false;
    if (i == len)
        return true;
    for (const char *const *b = BODIES; *b; b++)
        if (len - i == strlen(*b) && memcmp(s + i, *b, len - i) == 0)
            return true;
    return false;
}

static name_kind classify(parser *p, size_t off, size_t len, int *agency)
{
    *agency = resolve(p, p->s + off, len);
    if (*agency >= 0)
        return NAME_KNOWN;
    if (fg_is_collective(p->s + off, len))
        return NAME_COLLECTIVE;
    /* 各区县政府, 各县（市、区）人民政府: the local governments of a level */
    if (fg_has_prefix(p->s + off, len, "各") && fg_has_suffix(p->s + off, len, "政府") &&
        len <= 60)
        return NAME_COLLECTIVE;
    fg_buf bare;
    fg_buf_init(&bare);
    without_brackets(p->s, off, len, &bare);
    name_kind k = NAME_INVALID;
    if (is_local_collective(bare.ptr, bare.len))
        k = NAME_COLLECTIVE;
    else if (bare.len > 0 && bare.len < len && (*agency = resolve(p, bare.ptr, bare.len)) >= 0)
        k = NAME_KNOWN;
    else if (bare.len > 0 && fg_match(p->m, RX_AGENCYLIKE, bare.ptr, bare.len))
        k = NAME_UNKNOWN;
    fg_buf_fini(&bare);
    return k;
}

/* A place by its name alone (马尾区, 闽侯县, 瑞金市): two to eight
 * ideographs ending in a level word. */
static bool is_place(const char *s, size_t len)
{
    static const char *const ENDS[] = {"区", "县", "市", "旗", "镇", "乡", "街道", NULL};
    size_t n, chars = 0;
    for (size_t i = 0; i < len; i += n, chars++) {
        int32_t cp = fg_utf8_decode(s + i, len - i, &n);
        if (cp < 0x4E00 || cp > 0x9FFF)
            return false;
    }
    /* a zone's name runs longer: 北京经济技术开发区, 贵安新区 */
    size_t most = fg_has_suffix(s, len, "开发区") || fg_has_suffix(s, len, "新区") ? 12 : 8;
    if (chars < 2 || chars > most || fg_has_prefix(s, len, "各"))
        return false;
    /* common nouns that end like places: 社区, 城市, 所在地区 */
    static const char *const NOT[] = {"社区", "小区", "景区", "辖区", "园区", "片区", "城区",
                                      "街区", "地区", "城市", "郊区", "山区", "库区", "矿区",
                                      "牧区", "林区", "市县", "区县", NULL};
    for (const char *const *e = NOT; *e; e++)
        if (fg_has_suffix(s, len, *e))
            return false;
    static const char *const PROSE[] = {"所在", "当地", "本地", "有关", "相关", "其他", "全",
                                        NULL};
    for (const char *const *e = PROSE; *e; e++)
        for (size_t i = 0, n_e = strlen(*e); i + n_e <= len; i += 3)
            if (memcmp(s + i, *e, n_e) == 0)
                return false;
    for (const char *const *e = ENDS; *e; e++)
        if (fg_has_suffix(s, len, *e))
            return true;
    return false;
}

static void add_agency(parser *p, size_t off, size_t len, int agency, bool collective,
                       fg_role role, bool open)
{
    fg_attr *a = p->a;
    a->agencies = fg_xgrow(a->agencies, &a->cap_agencies, a->n_agencies + 1,
                           sizeof *a->agencies);
    a->agencies[a->n_agencies++] =
        (fg_attr_agency){off, len, agency, collective, role, open, false};
}

/* Reads s[off..off+len) as names joined by conjunctions or closed by 等,
 * each a body or a collective: "有关部门与重庆市人民政府",
 * "市场监管总局等国务院相关部门及各地区". A whole name is tried first by the
 * caller, so 工业和信息化部 never splits. A part that is a known body or a
 * collective counts as strong; `strong` asks every part to be strong (when
 * the whole is shaped like a body itself: 财政部和商务部). Left to right,
 * with backtracking bounded by p->budget, so that a long run of 和 costs
 * bounded time. Adds the agencies and returns true, or adds none. */
static bool split_joined(parser *p, size_t off, size_t len, fg_role role, bool *open,
                         bool strong, int depth)
{
    if (len > 600 || depth > 12)
        return false; /* longer than a few names and conjunctions */
    size_t n;
    for (size_t i = off + 3; i + 3 < off + len; i += n) {
        fg_utf8_decode(p->s + i, off + len - i, &n);
        const fg_engine *e = p->m->engine; /* the FG_WORD_JOIN words */
        size_t jk = 0;
        while (jk < e->n_joins && !fg_has_prefix(p->s + i, off + len - i, e->joins[jk]))
            jk++;
        if (jk == e->n_joins)
            continue;
        const char *const *j = &e->joins[jk];
        if (p->budget-- <= 0)
            return false;
        size_t l_off = off, l_len = i - off, r_off = i + strlen(*j),
               r_len = off + len - r_off;
        bool deng = strcmp(*j, "等") == 0;
        fg_utf8_trim(p->s, &l_off, &l_len);
        if (!deng && fg_has_suffix(p->s + l_off, l_len, "等")) {
            l_len -= 3; /* "…等和…", "…等及…" */
            deng = true;
        }
        fg_utf8_trim(p->s, &r_off, &r_len);
        if (deng) { /* "财政部等部门和各地区": 部门 after 等 only closes the list */
            static const char *const GENERIC[] = {"部门", "单位", "机构", "部委", NULL};
            for (const char *const *g = GENERIC; *g; g++) {
                size_t gl = strlen(*g);
                if (!fg_has_prefix(p->s + r_off, r_len, *g))
                    continue;
                for (size_t q = 0; q < e->n_joins; q++)
                    if (strcmp(e->joins[q], "等") != 0 &&
                        fg_has_prefix(p->s + r_off + gl, r_len - gl, e->joins[q])) {
                        size_t skip = gl + strlen(e->joins[q]);
                        r_off += skip;
                        r_len -= skip;
                        break;
                    }
                break;
            }
            fg_utf8_trim(p->s, &r_off, &r_len);
        }
        if (l_len == 0 || r_len == 0)
            continue;
        int agency;
        name_kind k = classify(p, l_off, l_len, &agency);
        if (k == NAME_INVALID && is_place(p->s + l_off, l_len))
            k = NAME_UNKNOWN; /* a place, as in add_name: "各区和北京经济技术开发区" */
        if (k == NAME_INVALID || (strong && k == NAME_UNKNOWN))
            continue;
        size_t before = p->a->n_agencies;
        add_agency(p, l_off, l_len, agency, k == NAME_COLLECTIVE, role, *open);
        int r_agency;
        name_kind rk = classify(p, r_off, r_len, &r_agency);
        if (rk == NAME_INVALID && is_place(p->s + r_off, r_len))
            rk = NAME_UNKNOWN;
        bool ok = rk != NAME_INVALID && !(strong && rk == NAME_UNKNOWN);
        if (ok)
            add_agency(p, r_off, r_len, r_agency, rk == NAME_COLLECTIVE, role, *open);
        else
            ok = split_joined(p, r_off, r_len, role, open, strong, depth + 1);
        if (ok) {
            if (deng)
                *open = true;
            return true;
        }
        p->a->n_agencies = before;
    }
    return false;
}

/* The last name of a bracket the end of the file cut off: "财政部按职责分"
 * is 财政部 and the first part of 按职责分工负责; "财政" is a name cut in
 * half. Either way what cannot be read is kept as the cut tail, for the
 * warning, and the bracket is not rejected for it. */
static bool add_cut_name(parser *p, size_t off, size_t len, fg_role role, bool open)
{
    size_t best = 0; /* bytes of the longest verb start the name ends with */
    for (size_t w = 0; w < FG_N_WORDS; w++) {
        if (!(FG_WORDS[w].kind & FG_WORD_VERB))
            continue;
        const char *v = FG_WORDS[w].text;
        size_t vl = strlen(v);
        for (size_t k = 3; k <= vl && k < len; k += 3)
            if (k > best && memcmp(p->s + off + len - k, v, k) == 0)
                best = k;
    }
    int agency;
    name_kind kind = best ? classify(p, off, len - best, &agency) : NAME_INVALID;
    if (kind != NAME_INVALID) {
        add_agency(p, off, len - best, agency, kind == NAME_COLLECTIVE, role, open);
        p->a->cut_tail_off = off + len - best;
        p->a->cut_tail_len = best;
    } else {
        p->a->cut_tail_off = off;
        p->a->cut_tail_len = len;
    }
    return true;
}

/* The level word a list's names share: in 省公安厅、发展改革委 the second is
 * 省发展改革委 (its agency_written stays 发展改革委). Returns the unit of the
 * level word of the name before (p->level) and s[off..off+len), or -1. */
static const char *const LEVEL_WORDS[] = {"省", "市", "县", "区", "州", NULL};

static int carry_level(parser *p, size_t off, size_t len)
{
    if (!p->level)
        return -1;
    for (const char *const *l = LEVEL_WORDS; *l; l++)
        if (fg_has_prefix(p->s + off, len, *l))
            return -1; /* a level of its own */
    if (fg_has_prefix(p->s + off, len, "各") || len > 90)
        return -1;
    char buf[96];
    size_t n = strlen(p->level);
    memcpy(buf, p->level, n);
    memcpy(buf + n, p->s + off, len);
    int u = resolve(p, buf, n + len);
    if (u < 0 || p->m->engine->registry.agencies[u].cat != FG_CAT_LOCAL ||
        p->m->engine->registry.agencies[u].counterpart < 0)
        return -1;
    return u;
}

/* Remembers the level word of the name just added, for carry_level(). */
static void note_level(parser *p, size_t off, size_t len, int agency)
{
    p->level = NULL;
    if (agency < 0 || p->m->engine->registry.agencies[agency].counterpart < 0)
        return; /* a local unit only */
    for (const char *const *l = LEVEL_WORDS; *l; l++)
        if (fg_has_prefix(p->s + off, len, *l)) {
            p->level = *l;
            return;
        }
}

/* Adds one name, or names joined by conjunctions. Returns false when it is
 * not a body. */
/* "省发展改革委（牵头）", "市财政局(配合)", "省商务厅（牵头单位）": a name
 * that ends in a bracket holding only a verb or a label's role word and
 * noun. Returns that role and shortens *len to the name, or -1. */
static int own_role_bracket(parser *p, size_t off, size_t *len)
{
    const char *s = p->s + off;
    size_t n = *len, k, open_at = 0, ol = 0, cl = 0;
    bool any = false;
    for (size_t i = 0; i < n; i += k) {
        int32_t cp = fg_utf8_decode(s + i, n - i, &k);
        if (cp == '(' || cp == 0xFF08) {
            open_at = i;
            ol = k;
            any = true;
        } else if ((cp == ')' || cp == 0xFF09) && i + k == n) {
            cl = k;
        }
    }
    if (!any || !cl || open_at == 0)
        return -1;
    const char *w = s + open_at + ol;
    size_t wl = n - cl - open_at - ol;
    if (wl == 0 || wl > 24)
        return -1;
    int r = fg_word_role(w, wl, FG_WORD_VERB);
    if (r < 0) {
        static const char *const NOUNS[] = {"单位", "部门", NULL};
        for (const char *const *no = NOUNS; *no && r < 0; no++)
            if (wl > 6 && fg_has_suffix(w, wl, *no))
                r = fg_word_role(w, wl - 6, FG_WORD_LABEL);
    }
    if (r < 0)
        return -1;
    *len = open_at;
    return r;
}

static bool add_name(parser *p, size_t off, size_t len, fg_role role, bool *open)
{
    const fg_engine *eng = p->m->engine;
    for (const char *const *l = eng->leads; l < eng->leads + eng->n_leads; l++)
        if (fg_has_prefix(p->s + off, len, *l) && len > strlen(*l)) {
            off += strlen(*l);
            len -= strlen(*l);
            fg_utf8_trim(p->s, &off, &len);
            break;
        }
    if (len == 0)
        return true;
    /* "省发展改革委（牵头）": the bracket after the name gives it its role */
    int own = own_role_bracket(p, off, &len);
    if (own >= 0) {
        fg_utf8_trim(p->s, &off, &len);
        size_t before = p->a->n_agencies;
        if (!add_name(p, off, len, (fg_role)own, open))
            return false;
        for (size_t i = before; i < p->a->n_agencies; i++)
            p->a->agencies[i].own_role = true;
        if (own == FG_ROLE_LEAD && p->a->n_agencies > before)
            p->a->explicit_lead = true;
        return true;
    }
    /* "国家发展改革委、财政部等", "商务部等部门" and "教育部等有关部门和单位" */
    static const char *const GENERIC[] = {"等部门", "等单位", "等机构", "等部委", NULL};
    for (const char *const *g = GENERIC; *g; g++)
        if (fg_has_suffix(p->s + off, len, *g) && len > strlen(*g)) {
            len -= strlen(*g) - 3; /* keep 等: the list is open */
            break;
        }
    if (fg_has_suffix(p->s + off, len, "等")) {
        *open = true;
        len -= 3;
        fg_utf8_trim(p->s, &off, &len);
    }
    /* "教育部等有关部门和单位": 等 closes the list before a collective,
     * which would otherwise swallow the body before it */
    for (size_t i = off + 3; i + 3 < off + len && i < off + 600; i++)
        if (memcmp(p->s + i, "等", 3) == 0) {
            int left;
            size_t before = p->a->n_agencies;
            if (classify(p, off, i - off, &left) == NAME_INVALID)
                break;
            bool sub_open = false;
            if (add_name(p, i + 3, off + len - i - 3, role, &sub_open)) {
                name_kind lk = classify(p, off, i - off, &left);
                add_agency(p, off, i - off, left, lk == NAME_COLLECTIVE, role, true);
                /* written order: the body before 等 comes first */
                fg_attr_agency t = p->a->agencies[p->a->n_agencies - 1];
                memmove(&p->a->agencies[before + 1], &p->a->agencies[before],
                        (p->a->n_agencies - 1 - before) * sizeof t);
                p->a->agencies[before] = t;
                *open = true;
                p->n_good++;
                return true;
            }
            p->a->n_agencies = before;
            break;
        }
    int agency;
    name_kind k = classify(p, off, len, &agency);
    int carried = carry_level(p, off, len);
    if (carried >= 0 && (k == NAME_INVALID || k == NAME_UNKNOWN || k == NAME_KNOWN)) {
        k = NAME_KNOWN; /* 发展改革委 after 省公安厅 is 省发展改革委 */
        agency = carried;
    }
    if (k == NAME_INVALID && is_place(p->s + off, len))
        k = NAME_UNKNOWN; /* 马尾区 in "马尾区、闽侯县人民政府", 两江新区: a place's
                             government (a bare list takes known bodies only) */
    if (k == NAME_INVALID || k == NAME_UNKNOWN || k == NAME_COLLECTIVE) {
        /* "国务院相关部门及各地区"; "财政部和商务部" only when both are known;
         * "各县（市、区）人民政府及有关部门" though its end makes it look like
         * one collective (有关部门和单位 stays one: 单位 alone is no body) */
        if (split_joined(p, off, len, role, open, k != NAME_INVALID, 0)) {
            p->n_good++;
            return true;
        }
    }
    if (k == NAME_INVALID && p->cut && off + len == p->c_end)
        return add_cut_name(p, off, len, role, *open);
    if (k == NAME_INVALID)
        return false;
    add_agency(p, off, len, agency, k == NAME_COLLECTIVE, role, *open);
    if (carried < 0)
        note_level(p, off, len, agency);
    p->n_good++;
    return true;
}

/* "各市、县（区）人民政府", "各省、自治区、直辖市人民政府": a list of places
 * before one body is one name, though 、 splits it. When the piece at *i
 * starts with 各 and is no body, it joins the pieces after it up to the
 * first that is one (four at the most); the whole is one agency, a
 * collective of local governments unless the registry knows it. */
static bool join_place_list(parser *p, const spans *names, size_t *i, fg_role role, bool open)
{
    span v = names->v[*i];
    int agency;
    if (!fg_has_prefix(p->s + v.off, v.len, "各"))
        return false;
    name_kind vk = classify(p, v.off, v.len, &agency);
    fg_buf bare;
    fg_buf_init(&bare);
    /* 各市 (levels only, no body): joins what follows up to a name such as
     * 县（区）人民政府 that reads, after 各, as the local governments */
    bool levels_only = false;
    if (vk == NAME_COLLECTIVE) {
        without_brackets(p->s, v.off, v.len, &bare);
        levels_only = is_local_collective(bare.ptr, bare.len) &&
                      !fg_has_suffix(bare.ptr, bare.len, "政府") &&
                      !fg_has_suffix(bare.ptr, bare.len, "管委会");
    }
    bool joined = false;
    size_t last_level = 0; /* the last piece of levels only: "各区、县级市" */
    for (size_t j = *i + 1; j < names->n && j <= *i + 4 && (vk == NAME_INVALID || levels_only);
         j++) {
        const span *w = &names->v[j];
        bool end;
        if (levels_only) {
            fg_buf_clear(&bare);
            fg_buf_puts(&bare, "各");
            fg_buf tmp;
            fg_buf_init(&tmp);
            without_brackets(p->s, w->off, w->len, &tmp);
            fg_buf_put(&bare, tmp.ptr, tmp.len);
            fg_buf_fini(&tmp);
            if (!is_local_collective(bare.ptr, bare.len))
                break; /* 各区、各部门: two names */
            end = fg_has_suffix(bare.ptr, bare.len, "政府") ||
                  fg_has_suffix(bare.ptr, bare.len, "管委会");
            if (!end)
                last_level = j;
        } else {
            end = classify(p, w->off, w->len, &agency) != NAME_INVALID;
        }
        if (!end)
            continue;
        size_t len = w->off + w->len - v.off;
        name_kind k = classify(p, v.off, len, &agency);
        add_agency(p, v.off, len, k == NAME_KNOWN ? agency : -1, k != NAME_KNOWN, role, open);
        *i = j;
        joined = true;
        break;
    }
    /* levels only up to the end of the list: "（…，各区、县级市）" is the local
     * governments of both levels, one collective */
    if (!joined && levels_only && last_level && last_level + 1 == names->n) {
        const span *w = &names->v[last_level];
        size_t len = w->off + w->len - v.off;
        add_agency(p, v.off, len, -1, true, role, open);
        *i = last_level;
        joined = true;
    }
    fg_buf_fini(&bare);
    return joined;
}

/* Adds the 、-separated names of s[off..off+len). */
static bool add_list(parser *p, size_t off, size_t len, unsigned seps, fg_role role)
{
    spans names = {0};
    split(p->s, off, off + len, seps, &names);
    p->list_has_gov = false;
    p->level = NULL;
    for (size_t i = 1; i < names.n; i++)
        p->list_has_gov = p->list_has_gov ||
                          fg_has_suffix(p->s + names.v[i].off, names.v[i].len, "政府");
    bool ok = true, open = false;
    size_t first = p->a->n_agencies;
    for (size_t i = 0; i < names.n; i++) {
        span v = names.v[i];
        if (join_place_list(p, &names, &i, role, open))
            continue;
        ok = add_name(p, v.off, v.len, role, &open) && ok;
    }
    if (open) /* 等 closes the whole list */
        for (size_t i = first; i < p->a->n_agencies; i++)
            p->a->agencies[i].open = true;
    free(names.v);
    return ok;
}

/*** Clauses ***/

static fg_role verb_role(const char *v, size_t len)
{
    int r = fg_word_role(v, len, FG_WORD_VERB);
    return r >= 0 ? (fg_role)r : FG_ROLE_RESPONSIBLE;
}

static void note_unparsed(fg_attr *a, size_t off, size_t len)
{
    if (a->unparsed_len == 0 && len > 0) {
        a->unparsed_off = off;
        a->unparsed_len = len;
    }
}

static void add_deadline(fg_attr *a, size_t off, size_t len)
{
    if (a->deadline_len == 0) {
        a->deadline_off = off;
        a->deadline_len = len;
    } else if (off + len > a->deadline_off + a->deadline_len) {
        a->deadline_len = off + len - a->deadline_off;
    }
}

/* Gives the verb's role to the agencies still waiting for one. */
static void resolve_pending(parser *p, fg_role role)
{
    for (size_t i = p->pending_from; i < p->a->n_agencies; i++)
        if (!p->a->agencies[i].own_role)
            p->a->agencies[i].role = role;
}

/* Finds the role verb that ends the clause s[off..off+len): RX_VERB,
 * anchored at the end, applied to the clause's last bytes only (as many as
 * the longest adverb, verb and tail of the word table take), so that a
 * clause of 100,000 names
 * costs no more than a short one. Sets the subject's length (the text
 * before the match) and the verb's and adverb's spans (absolute). */
static bool find_verb(parser *p, size_t off, size_t len, size_t *subj_len, size_t *v_off,
                      size_t *v_len, size_t *adv_off, size_t *adv_len)
{
    if (len == 0)
        return false;
    size_t last = off + len - 1, n;
    while (last > off && ((unsigned char)p->s[last] & 0xC0) == 0x80)
        last--;
    int32_t end_cp = fg_utf8_decode(p->s + last, off + len - last, &n);
    const fg_engine *e = p->m->engine;
    size_t k = 0;
    while (k < e->n_verb_ends && e->verb_ends[k] != end_cp)
        k++;
    if (k == e->n_verb_ends)
        return false; /* ends in no verb's last character */
    size_t win = e->verb_window; /* the longest adverb, verb and tail */
    size_t w = len > win ? len - win : 0;
    while (w > 0 && ((unsigned char)p->s[off + w] & 0xC0) == 0x80)
        w++; /* to a character boundary */
    if (!fg_match(p->m, RX_VERB, p->s + off + w, len - w))
        return false;
    size_t m_off, m_len;
    fg_matcher_group(p->m, 0, &m_off, &m_len);
    *subj_len = w + m_off;
    fg_matcher_group(p->m, 2, v_off, v_len);
    *v_off += off + w;
    *adv_len = 0;
    if (fg_matcher_group(p->m, 1, adv_off, adv_len))
        *adv_off += off + w;
    return true;
}

/* True when some part of s[off..off+len), cut at 、 and at conjunctions,
 * is a known body: "商务部和有关地方" names 商务部, so a verb after it makes
 * an attribution even where the rest cannot be read. */
static bool mentions_body(parser *p, size_t off, size_t len)
{
    spans names = {0};
    split(p->s, off, off + len, SEP_LIST, &names);
    const fg_engine *e = p->m->engine;
    bool any = false;
    for (size_t i = 0; i < names.n && !any; i++) {
        size_t a = names.v[i].off, b = a + names.v[i].len, n;
        if (b - a > 600)
            continue;
        size_t start = a;
        for (size_t k = a; k <= b && !any; k += n) {
            size_t jk = e->n_joins;
            if (k < b)
                for (jk = 0; jk < e->n_joins; jk++)
                    if (fg_has_prefix(p->s + k, b - k, e->joins[jk]))
                        break;
            if (k == b || jk < e->n_joins) {
                size_t w_off = start, w_len = k - start;
                fg_utf8_trim(p->s, &w_off, &w_len);
                any = w_len && resolve(p, p->s + w_off, w_len) >= 0;
                n = k == b ? 1 : strlen(e->joins[jk]);
                start = k + n;
            } else {
                fg_utf8_decode(p->s + k, b - k, &n);
            }
        }
    }
    free(names.v);
    return any;
}

/* "商务部会同有关部门负责": subject before 会同 keeps the verb's role,
 * partners after it are joint. */
static bool verb_clause(parser *p, size_t off, size_t len)
{
    size_t s_len, v_off, v_len, adv_off, adv_len;
    if (!find_verb(p, off, len, &s_len, &v_off, &v_len, &adv_off, &adv_len))
        return false;
    size_t s_off = off;
    fg_role role = verb_role(p->s + v_off, v_len);
    if (adv_len && memcmp(p->s + adv_off, "分别", 6) == 0)
        p->a->separately = true;
    resolve_pending(p, role);
    size_t before = p->a->n_agencies, good = p->n_good;
    const char *hui = "会同";
    const char *h = NULL;
    for (size_t i = s_off; i + 6 <= s_off + s_len; i++)
        if (memcmp(p->s + i, hui, 6) == 0) {
            h = p->s + i;
            break;
        }
    bool ok;
    if (h) {
        size_t cut = (size_t)(h - p->s);
        ok = add_list(p, s_off, cut - s_off, SEP_LIST, role);
        ok = add_list(p, cut + 6, s_off + s_len - cut - 6, SEP_LIST, FG_ROLE_JOINT) && ok;
    } else {
        ok = add_list(p, s_off, s_len, SEP_LIST, role);
    }
    if (!ok)
        p->bad_name = true;
    if (p->n_good > good || (!ok && mentions_body(p, s_off, s_len)))
        p->readable = true; /* some body before a verb: an attribution */
    if (role == FG_ROLE_LEAD && p->a->n_agencies > before)
        p->a->explicit_lead = true;
    p->any_verb = true;
    p->pending_from = p->a->n_agencies;
    return true;
}

/* The label that starts s[off..off+len): its role (or -2 for a deadline
 * label, -1 for none) and its length with the colon. */
static int label_at(parser *p, size_t off, size_t len, size_t *label_len)
{
    fg_matcher *m = p->m;
    size_t head = len < 72 ? len : 72; /* a label and its colon are short */
    if (!memchr(p->s + off, ':', head) && !fg_has_bytes(p->s + off, head, "："))
        return -1;
    if (!fg_match(m, RX_FIELD, p->s + off, len))
        return -1;
    size_t all_off, l_off, l_len;
    fg_matcher_group(m, 0, &all_off, label_len);
    if (!fg_matcher_group(m, 1, &l_off, &l_len))
        return -2;
    int r = fg_word_role(p->s + off + l_off, l_len, FG_WORD_LABEL);
    return r >= 0 ? r : FG_ROLE_RESPONSIBLE;
}

/* A label field "牵头单位：省商务厅、省财政厅": its list runs to the next
 * label, which may follow with nothing between ("牵头单位：省商务厅 责任单位：
 * 省财政厅"). Returns false when the clause starts with no label. */
static bool field_clause(parser *p, size_t off, size_t len)
{
    size_t l_len;
    int role = label_at(p, off, len, &l_len);
    if (role == -1)
        return false;
    size_t rest = off + l_len, rest_len = len - l_len, next = rest + rest_len;
    if (rest_len > 0 && fg_match(p->m, RX_FIELD_AT, p->s + rest, rest_len)) {
        size_t at, n;
        fg_matcher_group(p->m, 0, &at, &n);
        next = rest + at;
        rest_len = at;
    }
    size_t list_off = rest, list_len = rest_len;
    fg_utf8_trim(p->s, &list_off, &list_len);
    if (role != -2)
        p->readable = true; /* a role's label: an attribution, read or not */
    /* "责任单位：市发展改革委、市商务局等部门按职责分工负责": a verb after a
     * label's list adds nothing to the label's role */
    size_t s_len, v_off, v_len, adv_off, adv_len;
    if (role >= 0 && list_len && find_verb(p, list_off, list_len, &s_len, &v_off, &v_len,
                                           &adv_off, &adv_len))
        list_len = s_len;
    if (role == -2) {
        if (list_len)
            add_deadline(p->a, list_off, list_len);
        p->field_role = -2;
    } else {
        resolve_pending(p, (fg_role)role);
        if (!add_list(p, list_off, list_len, SEP_LIST, (fg_role)role) || list_len == 0)
            p->bad_name = true;
        if (role == FG_ROLE_LEAD)
            p->a->explicit_lead = true;
        p->a->labelled = true;
        p->any_verb = true;
        p->pending_from = p->a->n_agencies;
        p->field_role = role;
    }
    if (next < off + len && !field_clause(p, next, off + len - next))
        p->bad_name = true; /* cannot happen: RX_FIELD_AT found a label there */
    return true;
}

static bool has_known_name(parser *p, size_t off, size_t len)
{
    spans names = {0};
    split(p->s, off, off + len, SEP_LIST, &names);
    bool any = false;
    for (size_t i = 0; i < names.n && !any; i++)
        any = resolve(p, p->s + names.v[i].off, names.v[i].len) >= 0;
    free(names.v);
    return any;
}

/* A clause without a verb: a deadline, names that go on the list of the
 * label before them ("责任单位：市国土局，各县（市）人民政府"), or names
 * waiting for a verb. */
static void plain_clause(parser *p, size_t off, size_t len)
{
    if (!has_known_name(p, off, len) && fg_match(p->m, RX_DEADLINE, p->s + off, len)) {
        add_deadline(p->a, off, len);
        return;
    }
    if (p->field_role == -2) {
        add_deadline(p->a, off, len);
        return;
    }
    size_t before = p->a->n_agencies;
    fg_role role = p->field_role >= 0 ? (fg_role)p->field_role : FG_ROLE_RESPONSIBLE;
    if (!add_list(p, off, len, SEP_LIST, role)) {
        p->a->n_agencies = before; /* not a list of bodies */
        if (p->field_role >= 0)
            p->bad_name = true;
        else
            note_unparsed(p->a, off, len);
        return;
    }
    if (p->field_role >= 0)
        p->pending_from = p->a->n_agencies; /* the label gave them their role */
}

/* "（各区政府负责落实，下同）": the bodies of the clause before 下同 are also
 * implied for every later measure (a scope note); they stay this
 * attribution's own too. */
static bool same_below(parser *p, size_t off, size_t len)
{
    if (!(fg_has_prefix(p->s + off, len, "下同") && len == 6) &&
        !(fg_has_prefix(p->s + off, len, "以下同") && len == 9))
        return false;
    fg_attr *a = p->a;
    if (p->clause_to <= p->clause_from || a->n_scope)
        return true; /* nothing before it, or a scope note already */
    a->n_scope = p->clause_to - p->clause_from;
    a->scope = fg_xcalloc(a->n_scope, sizeof *a->scope);
    memcpy(a->scope, a->agencies + p->clause_from, a->n_scope * sizeof *a->scope);
    a->scope_off = a->agencies[p->clause_from].off;
    a->scope_len = off + len - a->scope_off;
    return true;
}

/* "市交通委牵头、各区政府负责落实": a 、 where a verb clause ends (a body
 * and its verb before it, more after it) separates two clauses, as a ，
 * would. The offset of the first such 、, or 0. */
static size_t verb_then_list_mark(parser *p, size_t off, size_t len)
{
    static const char MARK[] = "\xE3\x80\x81"; /* 、 */
    for (size_t i = off; i + 3 < off + len; i++) {
        if (memcmp(p->s + i, MARK, 3) != 0)
            continue;
        size_t s_len, v_off, v_len, adv_off, adv_len;
        if (i > off && find_verb(p, off, i - off, &s_len, &v_off, &v_len, &adv_off, &adv_len) &&
            s_len > 0 && has_known_name(p, off, s_len))
            return i;
    }
    return 0;
}

static void parse_clause(parser *p, size_t off, size_t len)
{
    if (len == 0 || same_below(p, off, len))
        return;
    p->clause_from = p->a->n_agencies;
    if (field_clause(p, off, len)) {
        p->clause_to = p->a->n_agencies;
        return;
    }
    size_t mark = verb_then_list_mark(p, off, len);
    if (mark) {
        parse_clause(p, off, mark - off);
        parse_clause(p, mark + 3, off + len - mark - 3);
        return;
    }
    if (verb_clause(p, off, len)) {
        p->field_role = -1;
        p->clause_to = p->a->n_agencies;
        return;
    }
    plain_clause(p, off, len);
    p->clause_to = p->clause_from; /* a list waiting for a verb, or a deadline */
}

/* "以下均需各区政府、北京经济技术开发区管委会负责，不再列出": the bodies go
 * to a->scope, not to this attribution. */
static bool scope_segment(parser *p, size_t off, size_t len)
{
    fg_matcher *m = p->m;
    static const char *const STARTS[] = {"以下", "下列", "此后", "后续", NULL};
    const char *const *st = STARTS;
    while (*st && !fg_has_prefix(p->s + off, len, *st))
        st++;
    if (!*st || !fg_match(m, RX_SCOPE, p->s + off, len))
        return false;
    size_t l_off, l_len, v_off, v_len;
    fg_matcher_group(m, 1, &l_off, &l_len);
    fg_matcher_group(m, 2, &v_off, &v_len);
    fg_attr *a = p->a;
    size_t before = a->n_agencies;
    bool ok = add_list(p, off + l_off, l_len, SEP_LIST, verb_role(p->s + off + v_off, v_len));
    if (!ok || a->n_agencies == before) {
        a->n_agencies = before;
        return false;
    }
    a->n_scope = a->n_agencies - before;
    a->scope = fg_xcalloc(a->n_scope, sizeof *a->scope);
    memcpy(a->scope, a->agencies + before, a->n_scope * sizeof *a->scope);
    a->n_agencies = before;
    a->scope_off = off;
    a->scope_len = len;
    p->pending_from = a->n_agencies;
    return true;
}

static void parse_segment(parser *p, size_t off, size_t len)
{
    if (len == 0 || (p->a->n_scope == 0 && scope_segment(p, off, len)))
        return;
    p->field_role = -1; /* a label's list does not run over ；or 。 */
    spans clauses = {0};
    split(p->s, off, off + len, SEP_CLAUSE, &clauses);
    for (size_t i = 0; i < clauses.n; i++)
        parse_clause(p, clauses.v[i].off, clauses.v[i].len);
    free(clauses.v);
}

/*** The bracket ***/

/* A quick test before RX_CONVENTION: the note says 列, 排, 第一位 or 首位. */
static bool may_be_convention(const char *s, size_t len)
{
    return fg_has_bytes(s, len, "列") || fg_has_bytes(s, len, "排") ||
           fg_has_bytes(s, len, "第一位") || fg_has_bytes(s, len, "首位");
}

/* Cuts the convention note off the content; returns the new end. The note
 * starts at the clause that holds 列第一位…, or earlier at a clause of
 * exceptions: "除标注“分别牵头”外，列第一位为牵头单位". The separators
 * before the note are found in one pass, so that a long run of 除 clauses
 * costs linear time. */
static size_t cut_convention(parser *p, size_t c_off, size_t c_end)
{
    fg_matcher *m = p->m;
    if (!may_be_convention(p->s + c_off, c_end - c_off) ||
        !fg_match(m, RX_CONVENTION, p->s + c_off, c_end - c_off))
        return c_end;
    p->a->convention = true;
    size_t at, n;
    fg_matcher_group(m, 0, &at, &n);
    p->a->others_role = fg_attrib_convention_others(p->s + c_off + at, c_end - c_off - at);
    spans seps = {0}; /* each separator: its offset and length */
    size_t k;
    for (size_t i = c_off; i < c_off + at; i += k)
        if (sep_kind(cp_at(p->s, i, c_off + at, &k)) & (SEP_SEGMENT | SEP_CLAUSE)) {
            seps.v = fg_xgrow(seps.v, &seps.cap, seps.n + 1, sizeof *seps.v);
            seps.v[seps.n++] = (span){i, k};
        }
    /* the note's clause follows the last separator; clauses before it that
     * start with 除 belong to the note too */
    size_t j = seps.n, cut = j ? seps.v[j - 1].off : c_off;
    while (j > 0) {
        size_t start = j >= 2 ? seps.v[j - 2].off + seps.v[j - 2].len : c_off;
        if (!fg_has_prefix(p->s + start, cut - start, "除"))
            break;
        j--;
        cut = j ? seps.v[j - 1].off : c_off;
    }
    free(seps.v);
    if (cut == c_off || fg_has_prefix(p->s + c_off, cut - c_off, "除"))
        return c_off;
    return cut;
}

void fg_attrib_parse(fg_matcher *m, const char *s, size_t off, size_t end, unsigned flags,
                     fg_attr *a)
{
    bool unclosed = flags & (FG_BRACKET_UNCLOSED | FG_BRACKET_CUT);
    bool at_end = flags & FG_BRACKET_AT_END;
    bool cut = flags & FG_BRACKET_CUT;
    memset(a, 0, sizeof *a);
    a->off = off;
    a->end = end;
    a->unclosed = unclosed;
    a->cut = cut;
    size_t n = 0;
    if (!(flags & FG_BRACKET_NONE))
        cp_at(s, off, end, &n);
    size_t c_off = off + n, c_end = end;
    if (!unclosed && !(flags & FG_BRACKET_NONE) && c_end > c_off) {
        size_t p = c_end - 1;
        while (p > c_off && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        c_end = p;
    }
    bool role_word = fg_match(m, RX_ROLEWORD, s + c_off, c_end - c_off);
    if (!role_word && !at_end && !cut) {
        a->kind = FG_ATTR_NONE;
        return;
    }
    size_t full_end = c_end;
    parser p = {.m = m, .s = s, .a = a, .cut = cut, .budget = BUDGET, .field_role = -1};
    c_end = cut_convention(&p, c_off, c_end);
    p.c_end = c_end;
    spans segs = {0};
    split(s, c_off, c_end, SEP_SEGMENT, &segs);
    for (size_t i = 0; i < segs.n; i++)
        parse_segment(&p, segs.v[i].off, segs.v[i].len);
    free(segs.v);

    if (c_end != full_end) /* the note is cut off: a role word outside it? */
        role_word = fg_match(m, RX_ROLEWORD, s + c_off, c_end - c_off);
    if (p.pending_from < a->n_agencies) {
        /* names no verb reached: accept a bare list only where it clearly
         * closes the item, every name is a known body and there are two at
         * least (one name in brackets is as often the body's other name:
         * "国家新闻出版署（国家版权局）"); where the file
         * cut the bracket off, they lost their verb: keep them */
        bool all_known = true;
        for (size_t i = p.pending_from; i < a->n_agencies; i++)
            all_known = all_known && a->agencies[i].agency >= 0;
        if (cut)
            a->defaulted = true;
        else if (p.any_verb ||
                 (at_end && all_known && !unclosed && a->n_agencies - p.pending_from >= 2)) {
            a->norole = true;
            a->bare = !p.any_verb && p.pending_from == 0;
        }
        else
            a->n_agencies = p.pending_from;
    }
    if (p.bad_name) {
        /* a label, or a verb after a body: an attribution the grammar
         * cannot read, kept for review; else prose */
        a->kind = p.readable ? FG_ATTR_UNPARSED : role_word ? FG_ATTR_REJECTED : FG_ATTR_NONE;
        a->why = "its subject is not a list of bodies";
        a->n_agencies = 0;
    } else if (a->n_agencies == 0) {
        a->kind = a->convention || a->n_scope ? FG_ATTR_NOTE
                  : p.readable  ? FG_ATTR_UNPARSED
                  : role_word   ? FG_ATTR_REJECTED
                                : FG_ATTR_NONE;
        a->why = "it names no body";
    } else {
        a->kind = FG_ATTR_OK;
    }
    if (a->kind != FG_ATTR_OK) {
        a->deadline_len = a->unparsed_len = a->cut_tail_len = 0;
        a->norole = a->defaulted = false;
        free(a->scope);
        a->scope = NULL;
        a->n_scope = a->scope_len = 0;
    }
}

void fg_attrib_apply_convention(fg_attr *a, int others_role)
{
    if (a->kind == FG_ATTR_OK && a->n_agencies >= 2 && !a->explicit_lead && !a->separately &&
        !a->labelled && !a->agencies[0].collective) {
        a->agencies[0].role = FG_ROLE_LEAD;
        if (others_role > 0 && a->bare)
            for (size_t i = 1; i < a->n_agencies; i++)
                a->agencies[i].role = (fg_role)(others_role - 1);
    }
}

int fg_attrib_convention_others(const char *s, size_t len)
{
    /* 其他/其余/其它, perhaps 单位/部门/的, 为/是, a role word, 单位/部门 */
    static const char *const OTHERS[] = {"其他", "其余", "其它", NULL};
    static const char *const MIDDLE[] = {"", "单位", "部门", "的", NULL};
    static const char *const IS[] = {"为", "是", NULL};
    static const struct {
        const char *word;
        fg_role role;
    } ROLES[] = {{"配合", FG_ROLE_SUPPORT}, {"协办", FG_ROLE_SUPPORT},
                 {"参与", FG_ROLE_SUPPORT}, {"责任", FG_ROLE_RESPONSIBLE}};
    for (size_t i = 0; i + 6 <= len; i++)
        for (const char *const *o = OTHERS; *o; o++) {
            if (!fg_has_prefix(s + i, len - i, *o))
                continue;
            for (const char *const *mid = MIDDLE; *mid; mid++) {
                size_t j = i + 6;
                if (!fg_has_prefix(s + j, len - j, *mid))
                    continue;
                j += strlen(*mid);
                for (const char *const *is = IS; *is; is++) {
                    if (!fg_has_prefix(s + j, len - j, *is))
                        continue;
                    size_t k = j + strlen(*is);
                    for (size_t r = 0; r < sizeof ROLES / sizeof ROLES[0]; r++)
                        if (fg_has_prefix(s + k, len - k, ROLES[r].word) &&
                            (fg_has_prefix(s + k + 6, len - k - 6, "单位") ||
                             fg_has_prefix(s + k + 6, len - k - 6, "部门")))
                            return (int)ROLES[r].role + 1;
                }
            }
        }
    return 0;
}

void fg_attr_fini(fg_attr *a)
{
    free(a->agencies);
    free(a->scope);
    a->scope = NULL;
    a->n_scope = 0;
    a->agencies = NULL;
    a->n_agencies = a->cap_agencies = 0;
}

bool fg_attrib_only_punct(const char *s, size_t off, size_t end)
{
    size_t n;
    for (size_t i = off; i < end; i += n)
        if (!is_trailing_punct(cp_at(s, i, end, &n)))
            return false;
    return true;
}

/*** Lists outside brackets ***/

void fg_attrib_parse_list(fg_matcher *m, const char *s, size_t off, size_t end, fg_role role,
                          fg_attr *a)
{
    if (a->n_agencies == 0 && a->kind != FG_ATTR_OK) {
        a->off = off;
        a->end = end;
    }
    if (end > a->end)
        a->end = end;
    parser p = {.m = m, .s = s, .a = a, .c_end = end, .pending_from = a->n_agencies,
                .budget = BUDGET, .field_role = -1};
    size_t l_len = end - off;
    fg_utf8_trim(s, &off, &l_len);
    end = off + l_len;
    size_t first = a->n_agencies;
    size_t u_off = a->unparsed_off, u_len = a->unparsed_len;
    size_t d_off = a->deadline_off, d_len = a->deadline_len;
    if (fg_match(m, RX_ROLEWORD, s + off, end - off)) {
        /* a cell worded like an attribution: "市商务局牵头，市财政局配合";
         * names no verb reaches take the column's role */
        spans segs = {0};
        split(s, off, end, SEP_SEGMENT, &segs);
        for (size_t i = 0; i < segs.n; i++)
            parse_segment(&p, segs.v[i].off, segs.v[i].len);
        free(segs.v);
        resolve_pending(&p, role);
        if (!p.bad_name && a->n_agencies > first) {
            a->kind = FG_ATTR_OK;
            return;
        }
        a->n_agencies = first; /* not an attribution: read it as a list */
        a->unparsed_off = u_off;
        a->unparsed_len = u_len;
        a->deadline_off = d_off;
        a->deadline_len = d_len;
        p.bad_name = false;
    }
    if (!add_list(&p, off, end - off, SEP_LIST | SEP_CLAUSE | SEP_SEGMENT, role) &&
        a->unparsed_len == 0)
        note_unparsed(a, off, end - off);
    if (a->n_agencies > 0)
        a->kind = FG_ATTR_OK;
}
