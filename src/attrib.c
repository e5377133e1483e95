/* Attribution stage.
 *
 * An attribution is a bracketed list of bodies that closes the text it
 * applies to:
 *
 *   （各地方人民政府，商务部、海关总署按职责分工负责）
 *   （商务部牵头，财政部、税务总局按职责分工负责）
 *   （商务部会同有关部门负责）      （工业和信息化部负责，各地区参与）
 *   （牵头单位：省商务厅；责任单位：省财政厅、省税务局）
 *   （国务院各部门分别负责，年内持续推进）
 *   （教育部、财政部负责。列第一位者为牵头单位，下同）
 *
 * The bracket is cut into segments (on ；and 。), a segment into clauses
 * (on ，), a clause into names (on 、). A clause ends in a role verb
 * (RX_VERB) or is a label field (RX_FIELD), a deadline (RX_DEADLINE) or a
 * bare list; a bare list takes the role of the next clause's verb, so the
 * locals in the first example are responsible. Every name must be a known
 * body, a collective (有关部门), or shaped like a body (RX_AGENCYLIKE):
 * that is what keeps prose such as （具体办法由用人单位负责制定） and
 * （企业负责人） out. Nested brackets stay inside a name:
 * 省市场监管局（省知识产权局） is one body.
 */
#include "attrib.h"

#include "buf.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/*** Characters ***/

static bool is_open(int32_t cp) { return cp == '(' || cp == 0xFF08 || cp == 0x3014; }
static bool is_close(int32_t cp) { return cp == ')' || cp == 0xFF09 || cp == 0x3015; }

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

typedef enum name_kind { NAME_INVALID, NAME_KNOWN, NAME_COLLECTIVE, NAME_UNKNOWN } name_kind;

typedef struct parser {
    fg_matcher *m;
    const char *s;
    fg_attr *a;
    size_t pending_from; /* agencies [pending_from, n) wait for a verb */
    bool any_verb;
    bool bad_name; /* a name in a verb or label clause is not a body */
    bool cut;      /* the file ends inside the bracket */
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
    if (bare.len > 0 && bare.len < len && (*agency = resolve(p, bare.ptr, bare.len)) >= 0)
        k = NAME_KNOWN;
    else if (bare.len > 0 && fg_match(p->m, RX_AGENCYLIKE, bare.ptr, bare.len))
        k = NAME_UNKNOWN;
    fg_buf_fini(&bare);
    return k;
}

static void add_agency(parser *p, size_t off, size_t len, int agency, bool collective,
                       fg_role role, bool open)
{
    fg_attr *a = p->a;
    a->agencies = fg_xgrow(a->agencies, &a->cap_agencies, a->n_agencies + 1,
                           sizeof *a->agencies);
    a->agencies[a->n_agencies++] = (fg_attr_agency){off, len, agency, collective, role, open};
}

/* Tries "财政部和商务部" as two known names. Only for a name no longer than
 * two registry names and a conjunction: trying every 和 of a long run
 * would take quadratic time. */
static bool split_conjunction(parser *p, size_t off, size_t len, fg_role role, bool open)
{
    static const char *const CONJ[] = {"和", "及", "与", NULL};
    if (len > 600)
        return false; /* longer than two names and a conjunction */
    for (size_t i = off + 3; i + 3 < off + len; i++) {
        for (const char *const *c = CONJ; *c; c++) {
            if (memcmp(p->s + i, *c, 3) != 0)
                continue;
            int x = resolve(p, p->s + off, i - off);
            int y = resolve(p, p->s + i + 3, off + len - i - 3);
            if (x >= 0 && y >= 0) {
                add_agency(p, off, i - off, x, false, role, open);
                add_agency(p, i + 3, off + len - i - 3, y, false, role, open);
                return true;
            }
        }
    }
    return false;
}

/* Role words an attribution may end with, longest first. */
static const char *const VERBS[] = {"按照职责分工负责", "按职责分工负责", "按职能分工负责",
                                    "按职责分工落实", "按职责负责", "牵头负责", "牵头落实",
                                    "分别负责", "分别牵头", "共同负责", "牵头", "负责", "配合",
                                    "参与", "协助", "指导", "会同", NULL};

/* The last name of a bracket the end of the file cut off: "财政部按职责分"
 * is 财政部 and the first part of 按职责分工负责; "财政" is a name cut in
 * half. Either way what cannot be read is kept as the cut tail, for the
 * warning, and the bracket is not rejected for it. */
static bool add_cut_name(parser *p, size_t off, size_t len, fg_role role, bool open)
{
    size_t best = 0; /* bytes of the longest role-word start the name ends with */
    for (const char *const *v = VERBS; *v; v++) {
        size_t vl = strlen(*v);
        for (size_t k = 3; k <= vl && k < len; k += 3)
            if (k > best && memcmp(p->s + off + len - k, *v, k) == 0)
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

/* Adds one name. Returns false when it is not a body. */
static bool add_name(parser *p, size_t off, size_t len, fg_role role, bool *open)
{
    static const char *const LEADS[] = {"由", "以及", "及", "和", NULL};
    for (const char *const *l = LEADS; *l; l++)
        if (fg_has_prefix(p->s + off, len, *l) && len > strlen(*l)) {
            off += strlen(*l);
            len -= strlen(*l);
            fg_utf8_trim(p->s, &off, &len);
            break;
        }
    if (len == 0)
        return true;
    /* "国家发展改革委、财政部等", "商务部等部门" and "教育部等有关部门和单位" */
    static const char *const GENERIC[] = {"等部门", "等单位", "等机构", "等部委", NULL};
    const char *deng = "等";
    for (const char *const *g = GENERIC; *g; g++)
        if (fg_has_suffix(p->s + off, len, *g) && len > strlen(*g)) {
            len -= strlen(*g) - 3; /* keep 等: the list is open */
            break;
        }
    if (fg_has_suffix(p->s + off, len, deng)) {
        *open = true;
        len -= 3;
        fg_utf8_trim(p->s, &off, &len);
    } else {
        for (size_t i = off + 3; i + 3 < off + len; i++)
            if (memcmp(p->s + i, deng, 3) == 0 &&
                fg_is_collective(p->s + i + 3, off + len - i - 3)) {
                *open = true;
                bool ok = add_name(p, off, i - off, role, open);
                return add_name(p, i + 3, off + len - i - 3, role, open) && ok;
            }
    }
    int agency;
    name_kind k = classify(p, off, len, &agency);
    if (k == NAME_INVALID && split_conjunction(p, off, len, role, *open))
        return true;
    if (k == NAME_INVALID && p->cut && off + len == p->c_end)
        return add_cut_name(p, off, len, role, *open);
    if (k == NAME_INVALID)
        return false;
    add_agency(p, off, len, agency, k == NAME_COLLECTIVE, role, *open);
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
    if (!fg_has_prefix(p->s + v.off, v.len, "各") ||
        classify(p, v.off, v.len, &agency) != NAME_INVALID)
        return false;
    for (size_t j = *i + 1; j < names->n && j <= *i + 4; j++) {
        const span *w = &names->v[j];
        if (classify(p, w->off, w->len, &agency) == NAME_INVALID)
            continue;
        size_t len = w->off + w->len - v.off;
        name_kind k = classify(p, v.off, len, &agency);
        add_agency(p, v.off, len, k == NAME_KNOWN ? agency : -1, k != NAME_KNOWN, role, open);
        *i = j;
        return true;
    }
    return false;
}

/* Adds the 、-separated names of s[off..off+len). */
static bool add_list(parser *p, size_t off, size_t len, unsigned seps, fg_role role)
{
    spans names = {0};
    split(p->s, off, off + len, seps, &names);
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
    if (fg_has_prefix(v, len, "牵头"))
        return FG_ROLE_LEAD;
    if (fg_has_prefix(v, len, "配合") || fg_has_prefix(v, len, "参与") ||
        fg_has_prefix(v, len, "协助"))
        return FG_ROLE_SUPPORT;
    if (fg_has_prefix(v, len, "指导"))
        return FG_ROLE_GUIDE;
    return FG_ROLE_RESPONSIBLE;
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
        p->a->agencies[i].role = role;
}

/* Finds the role verb that ends the clause s[off..off+len): RX_VERB,
 * anchored at the end, applied to the clause's last 64 bytes only (the
 * adverb, verb and tail take 42 at most), so that a clause of 100,000 names
 * costs no more than a short one. Sets the subject's length (the text
 * before the match) and the verb's and adverb's spans (absolute). */
static bool find_verb(parser *p, size_t off, size_t len, size_t *subj_len, size_t *v_off,
                      size_t *v_len, size_t *adv_off, size_t *adv_len)
{
    size_t w = len > 64 ? len - 64 : 0;
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
    size_t before = p->a->n_agencies;
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
    if (role == FG_ROLE_LEAD && p->a->n_agencies > before)
        p->a->explicit_lead = true;
    p->any_verb = true;
    p->pending_from = p->a->n_agencies;
    return true;
}

static bool field_clause(parser *p, size_t off, size_t len)
{
    fg_matcher *m = p->m;
    if (!fg_match(m, RX_FIELD, p->s + off, len))
        return false;
    size_t l_off, l_len, all_off, all_len;
    fg_matcher_group(m, 1, &l_off, &l_len);
    fg_matcher_group(m, 0, &all_off, &all_len);
    const char *label = p->s + off + l_off;
    size_t rest = off + all_len, rest_len = len - all_len;
    if (fg_has_prefix(label, l_len, "完成") || fg_has_prefix(label, l_len, "时")) {
        add_deadline(p->a, rest, rest_len);
        return true;
    }
    fg_role role = fg_has_prefix(label, l_len, "牵头")   ? FG_ROLE_LEAD
                   : fg_has_prefix(label, l_len, "配合") ? FG_ROLE_SUPPORT
                   : fg_has_prefix(label, l_len, "参与") ? FG_ROLE_SUPPORT
                   : fg_has_prefix(label, l_len, "协办") ? FG_ROLE_SUPPORT
                   : fg_has_prefix(label, l_len, "指导") ? FG_ROLE_GUIDE
                                                         : FG_ROLE_RESPONSIBLE;
    resolve_pending(p, role);
    if (!add_list(p, rest, rest_len, SEP_LIST | SEP_CLAUSE, role))
        p->bad_name = true;
    if (role == FG_ROLE_LEAD)
        p->a->explicit_lead = true;
    p->a->labelled = true;
    p->any_verb = true;
    p->pending_from = p->a->n_agencies;
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

/* A clause without a verb: a deadline, or names waiting for a verb. */
static void plain_clause(parser *p, size_t off, size_t len)
{
    if (!has_known_name(p, off, len) && fg_match(p->m, RX_DEADLINE, p->s + off, len)) {
        add_deadline(p->a, off, len);
        return;
    }
    size_t before = p->a->n_agencies;
    if (!add_list(p, off, len, SEP_LIST, FG_ROLE_RESPONSIBLE)) {
        p->a->n_agencies = before; /* not a list of bodies */
        note_unparsed(p->a, off, len);
    }
}

static void parse_clause(parser *p, size_t off, size_t len)
{
    if (len == 0)
        return;
    if (!verb_clause(p, off, len))
        plain_clause(p, off, len);
}

static void parse_segment(parser *p, size_t off, size_t len)
{
    if (len == 0 || field_clause(p, off, len))
        return;
    spans clauses = {0};
    split(p->s, off, off + len, SEP_CLAUSE, &clauses);
    for (size_t i = 0; i < clauses.n; i++)
        parse_clause(p, clauses.v[i].off, clauses.v[i].len);
    free(clauses.v);
}

/*** The bracket ***/

/* Cuts the convention note off the content; returns the new end. The note
 * starts at the clause that holds 列第一位…, or earlier at a clause of
 * exceptions: "除标注“分别牵头”外，列第一位为牵头单位". The separators
 * before the note are found in one pass, so that a long run of 除 clauses
 * costs linear time. */
static size_t cut_convention(parser *p, size_t c_off, size_t c_end)
{
    fg_matcher *m = p->m;
    if (!fg_match(m, RX_CONVENTION, p->s + c_off, c_end - c_off))
        return c_end;
    p->a->convention = true;
    size_t at, n;
    fg_matcher_group(m, 0, &at, &n);
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
    size_t n;
    cp_at(s, off, end, &n);
    size_t c_off = off + n, c_end = end;
    if (!unclosed && c_end > c_off) {
        size_t p = c_end - 1;
        while (p > c_off && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        c_end = p;
    }
    if (!fg_match(m, RX_ROLEWORD, s + c_off, c_end - c_off) && !at_end && !cut) {
        a->kind = FG_ATTR_NONE;
        return;
    }
    parser p = {.m = m, .s = s, .a = a, .cut = cut};
    c_end = cut_convention(&p, c_off, c_end);
    p.c_end = c_end;
    spans segs = {0};
    split(s, c_off, c_end, SEP_SEGMENT, &segs);
    for (size_t i = 0; i < segs.n; i++)
        parse_segment(&p, segs.v[i].off, segs.v[i].len);
    free(segs.v);

    bool role_word = fg_match(m, RX_ROLEWORD, s + c_off, c_end - c_off);
    if (p.pending_from < a->n_agencies) {
        /* names no verb reached: accept a bare list only where it clearly
         * closes the item and every name is a known body; where the file
         * cut the bracket off, they lost their verb: keep them */
        bool all_known = true;
        for (size_t i = p.pending_from; i < a->n_agencies; i++)
            all_known = all_known && a->agencies[i].agency >= 0;
        if (cut)
            a->defaulted = true;
        else if (p.any_verb || (at_end && all_known && !unclosed))
            a->norole = true;
        else
            a->n_agencies = p.pending_from;
    }
    if (p.bad_name) {
        a->kind = role_word ? FG_ATTR_REJECTED : FG_ATTR_NONE;
        a->why = "its subject is not a list of bodies";
        a->n_agencies = 0;
    } else if (a->n_agencies == 0) {
        a->kind = a->convention ? FG_ATTR_NOTE : role_word ? FG_ATTR_REJECTED : FG_ATTR_NONE;
        a->why = "it names no body";
    } else {
        a->kind = FG_ATTR_OK;
    }
    if (a->kind != FG_ATTR_OK)
        a->deadline_len = a->unparsed_len = a->cut_tail_len = 0;
}

void fg_attrib_apply_convention(fg_attr *a)
{
    if (a->kind == FG_ATTR_OK && a->n_agencies >= 2 && !a->explicit_lead && !a->separately &&
        !a->labelled)
        a->agencies[0].role = FG_ROLE_LEAD;
}

void fg_attr_fini(fg_attr *a)
{
    free(a->agencies);
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
    parser p = {.m = m, .s = s, .a = a, .c_end = end, .pending_from = a->n_agencies};
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
