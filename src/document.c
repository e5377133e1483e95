/* Document: runs the stages over one file and assembles its measures.
 *
 * Assembly walks the body's blocks in order with the numbering path as a
 * stack. A numbered block with deeper blocks under it is a section heading;
 * any other numbered block opens an item. Text accumulates as `pending`
 * until an attribution closes it into a measure, so that:
 *   - an inline attribution closes its item's text (seed 002);
 *   - an attribution on its own line closes the paragraphs since the last
 *     attribution or heading (seed 003), and a second one right after it
 *     becomes a measure with empty text and a warning;
 *   - several attributions in one item make 十一.1, 十一.2, …;
 *   - an item with no attribution is still a measure, with no agencies
 *     (seed 004), unless it is a heading line above a level the document
 *     numbers deeper (004's closing 六、加强组织实施);
 *   - a heading's own attribution (三、加快创新发展（商务部牵头）) applies
 *     to the items under it that carry none.
 *
 * The issuer (else the title's part before 关于) gives the document's level
 * of government, which later stages use to read unprefixed local names
 * (财政局 in a municipal plan is 市财政局). With the engine's current_names,
 * an assignment's canonical name becomes the successor's as of the
 * document's date or the run's; the name as written stays.
 */
#include "attrib.h"
#include "buf.h"
#include "deadline.h"
#include "diag.h"
#include "digest.h"
#include "engine.h"
#include "fengong.h"
#include "formats.h"
#include "hant.h"
#include "normalize.h"
#include "segment.h"
#include "serial.h"
#include "source.h"
#include "utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_LEVEL = 7 };

enum { LABEL_NONE, LABEL_MEASURE, LABEL_HEADING };

/* Longest heading and quoted attribution kept, in characters (the longest
 * real heading in the seeds has 99). A paragraph without a sentence end
 * would otherwise make every measure in it carry the whole paragraph as its
 * heading: 20,000 measures in a 900 KB paragraph took 20 GB. */
enum { HEADING_MAX = 200, ATTRIBUTION_MAX = 500 };

struct fg_document {
    fg_docinfo info;
    fg_source src;
    fg_text text;
    fg_measure *measures;
    size_t n_measures, cap_measures;
    fg_diags diags;
    fg_diag *pub_diags;
    char **owned_codes; /* diagnostic codes of a document read back */
    bool has_errors;
};

/*** Assembly state ***/

typedef struct assembler {
    fg_document *doc;
    fg_matcher *m;
    const fg_text *t;
    const fg_layout *l;
    const fg_block *path[MAX_LEVEL];  /* numbered blocks on the current path */
    fg_attr inherited[MAX_LEVEL];     /* a heading's own attribution, by level */
    bool inherited_used[MAX_LEVEL];   /* …given to some item below it */
    const fg_block *fresh_heading;    /* a section heading with nothing after it yet */
    const fg_block *item;             /* the open item, or NULL */
    bool item_attributed;
    fg_buf pending;                   /* text since the last closure */
    size_t pending_off;               /* normalised offset where it starts */
    char *item_heading;               /* heading of the open item, once computed */
    const fg_block *section_block;    /* the block section_text names */
    char *section_text;
    bool convention;                  /* 列第一位者为牵头单位 seen */
    int convention_others;            /* its 其他为配合单位: fg_role + 1, else 0 */
    int label_into;                   /* the last paragraph was a label line that
                                         went to: LABEL_NONE, the last measure, or
                                         the heading at label_level */
    int label_level;
    fg_attr_agency *scope;            /* bodies a scope note implies, owned */
    size_t n_scope;
    size_t diag_measure;              /* measure that diagnostics concern now */
} assembler;

static size_t src_off(const assembler *a, size_t norm_off)
{
    return fg_text_src_off(a->t, norm_off);
}

static void diag(assembler *a, fg_severity sev, const char *code, size_t norm_off,
                 const char *fmt, const char *arg)
{
    fg_diags_add(&a->doc->diags, sev, code, src_off(a, norm_off), fmt, arg);
    a->doc->diags.items[a->doc->diags.n - 1].measure = a->diag_measure;
}

/* s[off..off+len) for quoting in a message: whole when short, else its
 * first 40 and last 10 characters around an ellipsis, so that a bracket of
 * a million characters makes a one-line diagnostic. Caller frees. */
static char *excerpt(const char *s, size_t off, size_t len)
{
    enum { HEAD = 40, TAIL = 10 };
    size_t n_chars = 0, head_end = off + len, tail_start = off, k;
    for (size_t i = off; i < off + len; i += k) {
        fg_utf8_decode(s + i, off + len - i, &k);
        if (++n_chars == HEAD)
            head_end = i + k;
        if (n_chars > HEAD + TAIL + 1)
            break;
    }
    if (n_chars <= HEAD + TAIL + 1)
        return fg_xstrndup(s + off, len);
    tail_start = off + len;
    for (int c = 0; c < TAIL && tail_start > off; c++) {
        do
            tail_start--;
        while (tail_start > off && ((unsigned char)s[tail_start] & 0xC0) == 0x80);
    }
    fg_buf b;
    fg_buf_init(&b);
    fg_buf_put(&b, s + off, head_end - off);
    fg_buf_puts(&b, "…");
    fg_buf_put(&b, s + tail_start, off + len - tail_start);
    return fg_buf_detach(&b);
}

static void add_pending(assembler *a, size_t off, size_t len)
{
    fg_utf8_trim(a->t->s, &off, &len);
    if (len == 0)
        return;
    if (a->pending.len == 0)
        a->pending_off = off;
    else
        fg_buf_putc(&a->pending, '\n');
    fg_buf_put(&a->pending, a->t->s + off, len);
}

static char *path_string(const assembler *a)
{
    fg_buf b;
    fg_buf_init(&b);
    for (int lv = 0; lv < MAX_LEVEL; lv++)
        if (a->path[lv]) {
            if (b.len)
                fg_buf_putc(&b, '/');
            fg_buf_puts(&b, a->path[lv]->label);
        }
    return fg_buf_detach(&b);
}

/* s[off..off+len), or its first `max` characters and "…". Caller frees. */
static char *clipped(const char *s, size_t off, size_t len, size_t max)
{
    size_t chars = 0, i = off, k;
    while (i < off + len && chars < max) {
        fg_utf8_decode(s + i, off + len - i, &k);
        i += k;
        chars++;
    }
    if (i >= off + len)
        return fg_xstrndup(s + off, len);
    fg_buf b;
    fg_buf_init(&b);
    fg_buf_put(&b, s + off, i - off);
    fg_buf_puts(&b, "…");
    return fg_buf_detach(&b);
}

/* The first sentence of an item, without an attribution that ends it:
 * the heading line "三、加快创新发展（商务部牵头）" is named 加快创新发展,
 * while "信息（含调研信息）报送…" and "甲（AEO）" keep their brackets. */
static char *heading_of(fg_matcher *m, const fg_text *t, size_t off, size_t len)
{
    size_t h_len, h_off = fg_first_sentence(t->s, off, len, &h_len);
    size_t n, depth = 0, open_at = h_len;
    bool ends_in_bracket = false;
    for (size_t i = h_off; i < h_off + h_len; i += n) {
        int32_t cp = fg_utf8_decode(t->s + i, h_off + h_len - i, &n);
        if (fg_is_space(cp))
            continue;
        ends_in_bracket = false;
        if (cp == '(' || cp == 0xFF08 || cp == 0x3014 || cp == 0x3010) {
            if (depth++ == 0)
                open_at = i - h_off;
        } else if ((cp == ')' || cp == 0xFF09 || cp == 0x3015 || cp == 0x3011) && depth) {
            ends_in_bracket = --depth == 0;
        }
    }
    size_t cut = h_len;
    if (ends_in_bracket && open_at > 0 &&
        fg_match(m, RX_ROLEWORD, fg_text_match(t) + h_off + open_at, h_len - open_at))
        cut = open_at;
    fg_utf8_trim(t->s, &h_off, &cut);
    return clipped(t->s, h_off, cut, HEADING_MAX);
}

/* The heading of the enclosing section, computed once per section. */
static char *section_of(assembler *a)
{
    const fg_block *b = NULL;
    for (int lv = MAX_LEVEL; lv-- > 0 && !b;)
        if (a->path[lv] && a->path[lv]->has_children)
            b = a->path[lv];
    if (!b)
        return fg_xstrdup("");
    if (b != a->section_block) {
        free(a->section_text);
        a->section_text = heading_of(a->m, a->t, b->off, b->len);
        a->section_block = b;
    }
    return fg_xstrdup(a->section_text);
}

/*** Measures ***/

static void measure_fini(fg_measure *me)
{
    for (size_t k = 0; k < me->n_assignments; k++) {
        free((char *)me->assignments[k].name);
        free((char *)me->assignments[k].written);
    }
    free((void *)me->assignments);
    free((char *)me->id);
    free((char *)me->heading);
    free((char *)me->section);
    free((char *)me->text);
    free((char *)me->attribution);
    free((char *)me->deadline);
}

static fg_measure *new_measure(assembler *a)
{
    fg_document *d = a->doc;
    d->measures = fg_xgrow(d->measures, &d->cap_measures, d->n_measures + 1,
                           sizeof *d->measures);
    fg_measure *me = &d->measures[d->n_measures++];
    memset(me, 0, sizeof *me);
    me->id = path_string(a);
    me->section = section_of(a);
    me->text = fg_buf_detach(&a->pending);
    size_t at = src_off(a, a->pending_off);
    fg_source_locate(&d->src, at, &me->line, &me->col);
    if (a->item) { /* once per item: an item may hold thousands of measures */
        if (!a->item_heading)
            a->item_heading = heading_of(a->m, a->t, a->item->off, a->item->len);
        me->heading = fg_xstrdup(a->item_heading);
    } else {
        size_t h_len, h_off = fg_first_sentence(me->text, 0, strlen(me->text), &h_len);
        me->heading = clipped(me->text, h_off, h_len, HEADING_MAX);
    }
    me->attribution = fg_xstrdup("");
    me->deadline = fg_xstrdup("");
    return me;
}

/* The body that carries `agency`'s work at the date the run asks for. */
static int current_body(const assembler *a, int agency)
{
    const fg_engine *e = a->m->engine;
    if (agency < 0 || !e->current_names)
        return agency;
    const char *date = e->as_of;
    if (e->names_as_of_document)
        date = a->doc->info.date[0] ? a->doc->info.date : e->today;
    return fg_registry_successor_at(&e->registry, agency, date);
}

/* Adds to `me` the bodies of the scope note in force that it does not name
 * itself, as implicit assignments. */
static void add_implicit(assembler *a, fg_measure *me)
{
    const fg_registry *r = &a->m->engine->registry;
    const char *s = a->t->s;
    size_t n = me->n_assignments;
    fg_assignment *as = (fg_assignment *)me->assignments;
    for (size_t i = 0; i < a->n_scope; i++) {
        const fg_attr_agency *g = &a->scope[i];
        int agency = current_body(a, g->agency);
        bool named = false;
        for (size_t k = 0; k < me->n_assignments && !named; k++)
            named = agency >= 0 ? as[k].agency == agency
                                : strlen(as[k].written) == g->len &&
                                      memcmp(as[k].written, s + g->off, g->len) == 0;
        if (named)
            continue;
        as = fg_xrealloc(as, (n + 1) * sizeof *as);
        fg_assignment *x = &as[n++];
        memset(x, 0, sizeof *x);
        x->agency = agency;
        x->written = fg_xstrndup(s + g->off, g->len);
        x->name = agency >= 0 ? fg_xstrdup(r->agencies[agency].name)
                              : fg_xstrndup(fg_text_match(a->t) + g->off, g->len);
        x->role = g->role;
        x->open_list = g->open;
        x->implicit = true;
        fg_source_locate(&a->doc->src, src_off(a, g->off), &x->line, &x->col);
    }
    me->assignments = as;
    me->n_assignments = n;
}

/* A scope note: from the next measure on, its bodies are implied. */
static void take_scope(assembler *a, fg_attr *at)
{
    if (at->n_scope == 0)
        return;
    free(a->scope);
    a->scope = at->scope;
    a->n_scope = at->n_scope;
    at->scope = NULL;
    at->n_scope = 0;
    char *u = excerpt(a->t->s, at->scope_off, at->scope_len);
    diag(a, FG_NOTE, "scope-note", at->scope_off,
         "scope note: from the next measure on, its bodies are written as implicit rows "
         "(implicit=true) wherever a measure does not name them: “%s”", u);
    free(u);
}

static void append_assignments(assembler *a, fg_measure *me, const fg_attr *at);

static void attach(assembler *a, fg_measure *me, const fg_attr *at)
{
    const char *s = a->t->s;
    free((char *)me->attribution);
    free((char *)me->deadline);
    me->attribution = clipped(s, at->off, at->end - at->off, ATTRIBUTION_MAX);
    me->deadline = clipped(s, at->deadline_off, at->deadline_len, HEADING_MAX);
    me->attributed = true;
    me->review = at->kind == FG_ATTR_UNPARSED || at->unparsed_len > 0;
    me->assignments = NULL;
    me->n_assignments = 0;
    append_assignments(a, me, at);
    add_implicit(a, me);
}

/* Appends the agencies of `at` to `me`'s assignments. */
static void append_assignments(assembler *a, fg_measure *me, const fg_attr *at)
{
    const fg_registry *r = &a->m->engine->registry;
    const char *s = a->t->s;
    size_t n0 = me->n_assignments;
    fg_assignment *as = fg_xrealloc((void *)me->assignments,
                                    (n0 + at->n_agencies + 1) * sizeof *as);
    memset(as + n0, 0, (at->n_agencies + 1) * sizeof *as);
    for (size_t k = 0; k < at->n_agencies; k++) {
        const fg_attr_agency *g = &at->agencies[k];
        size_t i = n0 + k;
        as[i].agency = current_body(a, g->agency);
        as[i].written = fg_xstrndup(s + g->off, g->len);
        /* unknown bodies and collectives: as written, but in simplified
         * characters, so that 有關部門 and 有关部门 are one column */
        as[i].name = as[i].agency >= 0 ? fg_xstrdup(r->agencies[as[i].agency].name)
                                       : fg_xstrndup(fg_text_match(a->t) + g->off, g->len);
        as[i].role = g->role;
        as[i].open_list = g->open;
        fg_source_locate(&a->doc->src, src_off(a, g->off), &as[i].line, &as[i].col);
    }
    me->assignments = as;
    me->n_assignments = n0 + at->n_agencies;
}

/* The file ends inside the attribution: say which agencies were read, so
 * that none is lost silently. */
static void warn_cut(assembler *a, const fg_attr *at)
{
    const char *s = a->t->s;
    fg_buf msg;
    fg_buf_init(&msg);
    fg_buf_printf(&msg, "the file ends inside this attribution (cut off?): the agencies read so "
                        "far are kept%s: ",
                  at->defaulted ? ", as responsible where their role word is lost" : "");
    for (size_t i = 0; i < at->n_agencies && i < 20; i++) {
        if (i)
            fg_buf_puts(&msg, "、");
        fg_buf_put(&msg, s + at->agencies[i].off, at->agencies[i].len);
    }
    if (at->n_agencies > 20)
        fg_buf_printf(&msg, "…(%zu in all)", at->n_agencies);
    if (at->cut_tail_len) {
        char *t = excerpt(s, at->cut_tail_off, at->cut_tail_len);
        fg_buf_printf(&msg, "; not understood: “%s”", t);
        free(t);
    }
    diag(a, FG_WARNING, "attribution-unclosed", at->off, "%s", msg.ptr);
    fg_buf_fini(&msg);
}

/* Reports what the attribution itself leaves in doubt. */
static void check_attr(assembler *a, const fg_attr *at)
{
    const char *s = a->t->s;
    if (at->kind == FG_ATTR_UNPARSED) {
        char *u = excerpt(s, at->off, at->end - at->off);
        fg_buf msg;
        fg_buf_init(&msg);
        fg_buf_printf(&msg, "attribution not understood (%s): no agencies are taken from it "
                            "and its measure is marked for review: ", at->why);
        fg_buf_puts(&msg, u);
        diag(a, FG_WARNING, "attribution-unparsed", at->off, "%s", msg.ptr);
        fg_buf_fini(&msg);
        free(u);
    }
    for (size_t i = 0; i < at->n_agencies; i++) {
        const fg_attr_agency *g = &at->agencies[i];
        if (g->agency < 0 && !g->collective) {
            char *name = excerpt(s, g->off, g->len);
            fg_buf msg;
            fg_buf_init(&msg);
            fg_buf_printf(&msg, "unknown agency “%s”: kept as written in its own column", name);
            free(name);
            size_t at_len = msg.len;
            fg_buf_puts(&msg, "; did you mean ");
            if (fg_registry_suggest(&a->m->engine->registry, s + g->off, g->len, &msg))
                fg_buf_puts(&msg, "?");
            else
                msg.ptr[msg.len = at_len] = '\0';
            diag(a, FG_WARNING, "agency-unknown", g->off, "%s", msg.ptr);
            fg_buf_fini(&msg);
        }
    }
    if (at->unparsed_len) {
        char *u = excerpt(s, at->unparsed_off, at->unparsed_len);
        diag(a, FG_WARNING, "attribution-unparsed", at->unparsed_off,
             "part of the attribution was not understood and is ignored: “%s”", u);
        free(u);
    }
    if (at->norole)
        diag(a, FG_WARNING, "attribution-no-role", at->off,
             "%s", "agencies listed without a role word: taken as responsible");
    if (at->cut)
        warn_cut(a, at);
    else if (at->unclosed)
        diag(a, FG_WARNING, "attribution-unclosed", at->off, "%s",
             "the attribution's bracket is not closed before the end of the paragraph: "
             "the agencies read so far are kept");
}

/* The 列第一位者为牵头单位 note: from here on, the first of several bodies
 * leads. Said once, where it is first seen; a bracket that holds nothing
 * but the note is always answered, so that no such bracket goes unmarked. */
static void see_convention(assembler *a, size_t off, bool note_only)
{
    if (!a->convention || note_only)
        diag(a, FG_NOTE, "convention", off, "%s",
             "convention note: from here on the first of several bodies in an attribution "
             "is taken as the lead (列第一位者为牵头单位)");
    a->convention = true;
}

/* An attribution closes the pending text into a measure. */
static void close_with(assembler *a, fg_attr *at)
{
    if (at->convention) {
        see_convention(a, at->off, false);
        if (at->others_role)
            a->convention_others = at->others_role;
    }
    if (a->convention)
        fg_attrib_apply_convention(at, a->convention_others);
    bool empty = a->pending.len == 0;
    if (empty)
        a->pending_off = at->off;
    fg_measure *me = new_measure(a);
    attach(a, me, at);
    a->diag_measure = a->doc->n_measures - 1;
    check_attr(a, at);
    if (empty)
        diag(a, FG_WARNING, "attribution-no-text", at->off, "%s",
             "attribution with no text of its own (it follows another attribution): "
             "kept as a measure with empty text");
    a->diag_measure = FG_NO_MEASURE;
    if (a->item)
        a->item_attributed = true;
}

/* Closes the open item: without an attribution of its own it is still a
 * measure, with its heading's attribution if that has one. */
static void close_item(assembler *a)
{
    const fg_block *it = a->item;
    if (it && !a->item_attributed && a->pending.len > 0 &&
        (!it->heading_only || it->level >= a->l->max_level)) {
        fg_measure *me = new_measure(a);
        bool inherited = false;
        /* a heading's attribution that could not be read marks its items
         * for review, rather than leaving them blank */
        for (int lv = it->level - 1; lv >= 0 && !inherited; lv--)
            if (a->inherited[lv].kind == FG_ATTR_OK || a->inherited[lv].kind == FG_ATTR_UNPARSED) {
                attach(a, me, &a->inherited[lv]);
                for (size_t k = 0; k < me->n_assignments; k++)
                    ((fg_assignment *)me->assignments)[k].inherited = true;
                a->inherited_used[lv] = inherited = true;
            }
        if (!inherited)
            add_implicit(a, me);
    }
    a->item = NULL;
    free(a->item_heading);
    a->item_heading = NULL;
    a->item_attributed = false;
    fg_buf_clear(&a->pending);
}

/*** 分工表 tables ***/

/* A plan laid out as a 任务分工表: a table whose header names the columns
 * (序号 | 重点任务 | 具体措施 | 牵头单位 | 责任单位 | 完成时限). Each body
 * row is a measure: its id the 序号 cell, its heading the 重点任务 cell
 * (which a rowspan may carry over rows), its agencies the names in the
 * role columns with the role the header gives, its deadline the 完成时限
 * cell. A row of one cell across the table is a section heading; a row
 * with an empty 序号 continues its measure; so does one under a 序号 that a
 * rowspan carries, unless two or more of the rows it spans have text of
 * their own: then each is a measure, numbered 1.1, 1.2 (rows_of_id). A
 * table with no role column is no 分工表 and is read as text. */

typedef enum col_kind { COL_OTHER, COL_ID, COL_TASK, COL_ROLE, COL_DEADLINE } col_kind;

typedef struct table_col {
    col_kind kind;
    fg_role role;
    size_t label; /* the header cell naming it (index in t->cells) */
} table_col;

typedef struct table_grid {
    size_t n;      /* its cells */
    size_t *cells; /* the table's cell indices */
    size_t n_rows, n_cols;
    size_t *slot;   /* n_rows × n_cols cell indices, NO_CELL when none */
    size_t *origin; /* n_rows × n_cols: the row where the slot's cell starts */
    table_col *cols;
    size_t body;         /* first body row */
    size_t para0, para1; /* paragraphs the table holds */
} table_grid;

#define NO_CELL ((size_t)-1)
enum { TABLE_MAX_SLOTS = 1u << 22, LABEL_MAX_CHARS = 16 };

/* The cell's text without spaces (in simplified characters), for reading a
 * header label such as "牵 头 单 位". Caller frees. */
static char *label_in(const char *s, const fg_cell *c, size_t *n_chars)
{
    fg_buf b;
    fg_buf_init(&b);
    size_t k;
    *n_chars = 0;
    for (size_t i = c->off; i < c->end; i += k) {
        int32_t cp = fg_utf8_decode(s + i, c->end - i, &k);
        if (fg_is_space(cp) || cp == '\n' || cp == '*')
            continue;
        fg_buf_put(&b, s + i, k);
        ++*n_chars;
    }
    if (!b.ptr)
        return fg_xstrdup("");
    return fg_buf_detach(&b);
}

static char *label_of(const fg_text *t, const fg_cell *c, size_t *n_chars)
{
    return label_in(fg_text_match(t), c, n_chars);
}

static bool any_of(const char *s, size_t len, const char *const *lits)
{
    for (; *lits; lits++)
        if (fg_has_bytes(s, len, *lits))
            return true;
    return false;
}

/* What a header label says its column holds. */
static col_kind classify_label(const char *s, size_t n_chars, fg_role *role)
{
    size_t len = strlen(s);
    if (len == 0 || n_chars > LABEL_MAX_CHARS)
        return COL_OTHER;
    static const char *const PERSON[] = {"领导", "责任人", "联系人", "负责人", "人员", NULL};
    static const char *const UNIT[] = {"单位", "部门", "处室", "科室", "机构", NULL};
    static const char *const LEAD[] = {"牵头", "主办", "主责", NULL};
    static const char *const SUPPORT[] = {"配合", "协办", "参与", "协助", "协同", NULL};
    static const char *const GUIDE[] = {"指导", "督办", NULL};
    static const char *const RESP[] = {"责任", "负责", "承办", "落实", "实施", NULL};
    bool unit = any_of(s, len, UNIT) || strcmp(s, "牵头") == 0 || strcmp(s, "配合") == 0;
    if (unit && !any_of(s, len, PERSON)) {
        if (any_of(s, len, LEAD)) {
            *role = FG_ROLE_LEAD;
            return COL_ROLE;
        }
        if (any_of(s, len, SUPPORT)) {
            *role = FG_ROLE_SUPPORT;
            return COL_ROLE;
        }
        if (any_of(s, len, GUIDE)) {
            *role = FG_ROLE_GUIDE;
            return COL_ROLE;
        }
        if (any_of(s, len, RESP)) {
            *role = FG_ROLE_RESPONSIBLE;
            return COL_ROLE;
        }
    }
    static const char *const ID[] = {"序号", "编号", NULL};
    static const char *const DEADLINE[] = {"时限",     "完成时间", "时间节点", "时间安排",
                                           "进度安排", "完成期限", NULL};
    static const char *const TASK[] = {"任务", "措施", "内容", "事项", "举措", "要求",
                                       "目标", "工作", "项目", "领域", "政策", NULL};
    if (any_of(s, len, ID) && n_chars <= 4)
        return COL_ID;
    if (any_of(s, len, DEADLINE))
        return COL_DEADLINE;
    if (any_of(s, len, TASK))
        return COL_TASK;
    return COL_OTHER;
}

static bool cell_empty(const fg_text *t, const fg_cell *c)
{
    size_t off = c->off, len = c->end - c->off;
    fg_utf8_trim(t->s, &off, &len);
    return len == 0;
}

/* True when every slot of row r holds one cell (a title or section row). */
static bool full_row(const table_grid *g, size_t r)
{
    size_t c0 = g->slot[r * g->n_cols];
    if (g->n_cols < 2 || c0 == NO_CELL)
        return false;
    for (size_t c = 1; c < g->n_cols; c++)
        if (g->slot[r * g->n_cols + c] != c0)
            return false;
    return true;
}

/* A header row: the cells that start in it are all short labels, and at
 * least one says what its column holds. */
static bool header_row(const fg_text *t, const table_grid *g, size_t r)
{
    bool any = false;
    for (size_t c = 0; c < g->n_cols; c++) {
        size_t k = g->slot[r * g->n_cols + c];
        if (k == NO_CELL || g->origin[r * g->n_cols + c] != r ||
            (c > 0 && g->slot[r * g->n_cols + c - 1] == k) || cell_empty(t, &t->cells[k]))
            continue;
        size_t n_chars;
        char *l = label_of(t, &t->cells[k], &n_chars);
        fg_role role;
        col_kind kind = classify_label(l, n_chars, &role);
        free(l);
        if (n_chars > LABEL_MAX_CHARS)
            return false;
        if (kind != COL_OTHER)
            any = true;
        else if (!t->cells[k].th && n_chars > 6)
            return false;
    }
    return any;
}

static void grid_fini(table_grid *g)
{
    free(g->cells);
    free(g->slot);
    free(g->origin);
    free(g->cols);
    memset(g, 0, sizeof *g);
}

/* Lays the cells of table `tab` out on a grid, honouring colspan and
 * rowspan. Returns false for a table too large to lay out. */
static bool grid_build(const fg_text *t, const size_t *cells, size_t n_cells, table_grid *g)
{
    memset(g, 0, sizeof *g);
    if (n_cells == 0)
        return false;
    g->n = n_cells;
    g->cells = fg_xcalloc(n_cells, sizeof *g->cells);
    memcpy(g->cells, cells, n_cells * sizeof *cells);
    for (size_t i = 0; i < g->n; i++) {
        const fg_cell *c = &t->cells[g->cells[i]];
        if (c->row + c->rowspan > g->n_rows)
            g->n_rows = c->row + c->rowspan;
    }
    if (g->n_rows > TABLE_MAX_SLOTS)
        return false;
    /* the widest row, with the cells rowspans carry into it */
    size_t *width = fg_xcalloc(g->n_rows + 1, sizeof *width);
    for (size_t i = 0; i < g->n; i++) {
        const fg_cell *c = &t->cells[g->cells[i]];
        width[c->row] += c->colspan;
        width[c->row + c->rowspan] -= c->colspan;
    }
    size_t w = 0;
    for (size_t r = 0; r < g->n_rows; r++) {
        w += width[r];
        if (w > g->n_cols)
            g->n_cols = w;
    }
    free(width);
    if (g->n_cols == 0 || g->n_rows > TABLE_MAX_SLOTS / g->n_cols)
        return false;
    size_t n_slots = g->n_rows * g->n_cols;
    g->slot = fg_xcalloc(n_slots, sizeof *g->slot);
    g->origin = fg_xcalloc(n_slots, sizeof *g->origin);
    for (size_t i = 0; i < n_slots; i++)
        g->slot[i] = NO_CELL;
    size_t row = (size_t)-1, col = 0;
    g->para0 = t->cells[g->cells[0]].para0;
    for (size_t i = 0; i < g->n; i++) {
        size_t k = g->cells[i];
        const fg_cell *c = &t->cells[k];
        if (c->row != row) {
            row = c->row;
            col = 0;
        }
        while (col < g->n_cols && g->slot[row * g->n_cols + col] != NO_CELL)
            col++;
        for (size_t r = row; r < row + c->rowspan && r < g->n_rows; r++)
            for (size_t cc = col; cc < col + c->colspan && cc < g->n_cols; cc++) {
                g->slot[r * g->n_cols + cc] = k;
                g->origin[r * g->n_cols + cc] = row;
            }
        col += c->colspan;
        if (c->para1 > g->para1)
            g->para1 = c->para1;
    }
    return true;
}

/* Reads the header of the laid-out table; true when it is a 分工表: a
 * role column and a task column. */
static bool read_header(const fg_text *t, table_grid *g)
{
    size_t r = 0;
    while (r < g->n_rows && r < 2 && full_row(g, r))
        r++; /* a title row across the table */
    size_t h0 = r;
    while (r < g->n_rows && r < h0 + 3 && header_row(t, g, r))
        r++;
    if (r == h0 || r >= g->n_rows)
        return false;
    g->body = r;
    g->cols = fg_xcalloc(g->n_cols, sizeof *g->cols);
    bool has_role = false, has_task = false;
    for (size_t c = 0; c < g->n_cols; c++) {
        table_col *col = &g->cols[c];
        col->label = NO_CELL;
        for (size_t hr = r; hr-- > h0;) { /* the deepest label that says something */
            size_t k = g->slot[hr * g->n_cols + c];
            if (k == NO_CELL)
                continue;
            size_t n_chars;
            char *l = label_of(t, &t->cells[k], &n_chars);
            col_kind kind = classify_label(l, n_chars, &col->role);
            free(l);
            if (kind != COL_OTHER) {
                col->kind = kind;
                col->label = k;
                break;
            }
        }
        /* a label over several columns names the first only, unless it is
         * a role (责任单位 over 牵头 | 配合 is classified from below) */
        if (c > 0 && col->kind != COL_ROLE && col->label != NO_CELL &&
            g->cols[c - 1].label == col->label)
            col->kind = COL_OTHER;
        has_role = has_role || col->kind == COL_ROLE;
        has_task = has_task || col->kind == COL_TASK;
    }
    /* a list of units and contacts (序号 | 责任单位 | 联系人) has no task */
    return has_role && has_task;
}

typedef struct table_measure {
    bool open;
    char *id, *heading, *deadline;
    fg_buf text, attribution;
    size_t at_off; /* normalised offset for the measure's position */
    fg_attr attr;
    size_t *seen; /* role cells read for it */
    size_t n_seen, cap_seen;
} table_measure;

/* The cell's text, trimmed; paragraphs joined by '\n'. Caller frees. */
static char *cell_text(const fg_text *t, const fg_cell *c)
{
    size_t off = c->off, len = c->end - c->off;
    fg_utf8_trim(t->s, &off, &len);
    return fg_xstrndup(t->s + off, len);
}

static void table_flush(assembler *a, table_measure *tm, const char *section)
{
    if (!tm->open)
        return;
    fg_document *d = a->doc;
    d->measures = fg_xgrow(d->measures, &d->cap_measures, d->n_measures + 1, sizeof *d->measures);
    fg_measure *me = &d->measures[d->n_measures++];
    memset(me, 0, sizeof *me);
    me->id = tm->id ? tm->id : fg_xstrdup("");
    me->section = fg_xstrdup(section);
    me->text = tm->text.ptr ? fg_buf_detach(&tm->text) : fg_xstrdup("");
    if (tm->heading && tm->heading[0]) {
        me->heading = tm->heading;
    } else {
        free(tm->heading);
        size_t h_len, h_off = fg_first_sentence(me->text, 0, strlen(me->text), &h_len);
        me->heading = clipped(me->text, h_off, h_len, HEADING_MAX);
    }
    fg_source_locate(&d->src, src_off(a, tm->at_off), &me->line, &me->col);
    if (tm->attr.kind == FG_ATTR_OK) {
        attach(a, me, &tm->attr);
        a->diag_measure = d->n_measures - 1;
        check_attr(a, &tm->attr);
        a->diag_measure = FG_NO_MEASURE;
        free((char *)me->attribution);
        free((char *)me->deadline);
    }
    me->attribution = tm->attribution.ptr ? fg_buf_detach(&tm->attribution) : fg_xstrdup("");
    me->deadline = tm->deadline ? tm->deadline : fg_xstrdup("");
    fg_attr_fini(&tm->attr);
    memset(&tm->attr, 0, sizeof tm->attr);
    fg_buf_clear(&tm->text);
    fg_buf_clear(&tm->attribution);
    tm->id = tm->heading = tm->deadline = NULL;
    tm->n_seen = 0;
    tm->open = false;
}

/* A 序号 as a measure id: "1.", "1、" → "1". */
static char *id_of(const fg_text *t, const fg_cell *c)
{
    char *s = cell_text(t, c);
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == '.' || s[len - 1] == ' '))
        len--;
    while (len >= 3 && (fg_has_suffix(s, len, "、") || fg_has_suffix(s, len, "．")))
        len -= 3;
    s[len] = '\0';
    return s;
}

static bool seen_cell(table_measure *tm, const fg_text *t, size_t k)
{
    if (t->cells[k].rowspan < 2)
        return false; /* met in one row only */
    for (size_t i = 0; i < tm->n_seen; i++)
        if (tm->seen[i] == k)
            return true;
    tm->seen = fg_xgrow(tm->seen, &tm->cap_seen, tm->n_seen + 1, sizeof *tm->seen);
    tm->seen[tm->n_seen++] = k;
    return false;
}

/* The names of a role cell, paragraph by paragraph; "—", "/" and "无"
 * name nobody. */
static void read_role_cell(assembler *a, table_measure *tm, const fg_cell *c, fg_role role,
                           const fg_cell *label)
{
    const fg_text *t = a->t;
    const char *s = fg_text_match(t);
    size_t off = c->off, len = c->end - c->off;
    fg_utf8_trim(t->s, &off, &len);
    if (len == 0 ||
        (len <= 3 && (fg_has_prefix(s + off, len, "—") || fg_has_prefix(s + off, len, "无"))) ||
        (len == 1 && strchr("-/", s[off])))
        return;
    size_t n_open, n_close;
    int32_t first = fg_utf8_decode(s + off, len, &n_open), last = 0;
    size_t lp = off + len;
    do
        lp--;
    while (lp > off && ((unsigned char)s[lp] & 0xC0) == 0x80);
    last = fg_utf8_decode(s + lp, off + len - lp, &n_close);
    if ((first == '(' || first == 0xFF08 || first == 0x3014 || first == 0x3010) &&
        (last == ')' || last == 0xFF09 || last == 0x3015 || last == 0x3011)) {
        /* a bracketed attribution in the cell: its own words give the roles */
        fg_attr br;
        fg_attrib_parse(a->m, s, off, off + len, FG_BRACKET_AT_END, &br);
        if (br.kind == FG_ATTR_OK) {
            fg_attr *to = &tm->attr;
            if (to->kind != FG_ATTR_OK) {
                to->off = br.off;
                to->end = br.end;
            }
            for (size_t i = 0; i < br.n_agencies; i++) {
                to->agencies = fg_xgrow(to->agencies, &to->cap_agencies, to->n_agencies + 1,
                                        sizeof *to->agencies);
                to->agencies[to->n_agencies++] = br.agencies[i];
            }
            if (to->deadline_len == 0) {
                to->deadline_off = br.deadline_off;
                to->deadline_len = br.deadline_len;
            }
            if (to->unparsed_len == 0) {
                to->unparsed_off = br.unparsed_off;
                to->unparsed_len = br.unparsed_len;
            }
            to->norole = to->norole || br.norole;
            to->kind = FG_ATTR_OK;
            if (!tm->deadline && br.deadline_len)
                tm->deadline = fg_xstrndup(t->s + br.deadline_off, br.deadline_len);
            if (tm->attribution.len)
                fg_buf_puts(&tm->attribution, "；");
            fg_buf_put(&tm->attribution, t->s + off, len);
            fg_attr_fini(&br);
            return;
        }
        fg_attr_fini(&br);
    }
    for (size_t i = off; i < off + len;) {
        const char *nl = memchr(s + i, '\n', off + len - i);
        size_t e = nl ? (size_t)(nl - s) : off + len;
        size_t p = i, pl = e - i;
        fg_utf8_trim(t->s, &p, &pl);
        if (pl && !memchr(s + p, ' ', pl)) {
            fg_attrib_parse_list(a->m, s, p, p + pl, role, &tm->attr);
        } else if (pl) {
            /* "市商务局 市财政局": names a Word table separates by spaces,
             * where the line has no other separator */
            bool other = fg_has_bytes(s + p, pl, "、") || fg_has_bytes(s + p, pl, "，") ||
                         fg_has_bytes(s + p, pl, "；") || memchr(s + p, ',', pl);
            for (size_t q = p; q < p + pl;) {
                const char *sp = other ? NULL : memchr(s + q, ' ', p + pl - q);
                size_t qe = sp ? (size_t)(sp - s) : p + pl;
                if (qe > q)
                    fg_attrib_parse_list(a->m, s, q, qe, role, &tm->attr);
                q = qe + 1;
            }
        }
        i = e + 1;
    }
    if (tm->attribution.len)
        fg_buf_puts(&tm->attribution, "；");
    if (label) {
        size_t n_chars;
        char *l = label_in(t->s, label, &n_chars);
        fg_buf_puts(&tm->attribution, l);
        fg_buf_puts(&tm->attribution, "：");
        free(l);
    }
    for (size_t i = off; i < off + len; i++) /* a name per paragraph */
        if (t->s[i] == '\n')
            fg_buf_puts(&tm->attribution, "、");
        else
            fg_buf_putc(&tm->attribution, t->s[i]);
}

/* The row's cells that start in it, joined by a space. Caller frees. */
static char *row_text(const fg_text *t, const table_grid *g, size_t r)
{
    fg_buf b;
    fg_buf_init(&b);
    for (size_t c = 0; c < g->n_cols; c++) {
        size_t k = g->slot[r * g->n_cols + c];
        if (k == NO_CELL || g->origin[r * g->n_cols + c] != r ||
            (c > 0 && g->slot[r * g->n_cols + c - 1] == k) || cell_empty(t, &t->cells[k]))
            continue;
        char *x = cell_text(t, &t->cells[k]);
        if (b.len)
            fg_buf_putc(&b, ' ');
        fg_buf_puts(&b, x);
        free(x);
    }
    return b.ptr ? fg_buf_detach(&b) : fg_xstrdup("");
}

/* "一 | 扩大商品消费 (across the other columns)": a row with no body in its
 * role columns, whose 序号 is a Chinese numeral (一、) or whose text runs
 * over several columns, is a section heading too. */
static bool section_row(const fg_text *t, const table_grid *g, size_t r)
{
    const size_t *row = &g->slot[r * g->n_cols], *org = &g->origin[r * g->n_cols];
    size_t n_cells = 0;
    bool wide = false, numeral = false;
    for (size_t c = 0; c < g->n_cols; c++) {
        size_t k = row[c];
        if (k == NO_CELL || org[c] != r || cell_empty(t, &t->cells[k]))
            continue;
        if (c > 0 && row[c - 1] == k)
            continue; /* a cell spanning columns counts where it starts */
        if (g->cols[c].kind == COL_ROLE || g->cols[c].kind == COL_DEADLINE)
            return false;
        n_cells++;
        wide = wide || t->cells[k].colspan >= 3;
        if (g->cols[c].kind == COL_ID) {
            const char *s = fg_text_match(t) + t->cells[k].off;
            size_t len = t->cells[k].end - t->cells[k].off;
            numeral = (fg_has_prefix(s, len, "一") || fg_has_prefix(s, len, "二") ||
                       fg_has_prefix(s, len, "三") || fg_has_prefix(s, len, "四") ||
                       fg_has_prefix(s, len, "五") || fg_has_prefix(s, len, "六") ||
                       fg_has_prefix(s, len, "七") || fg_has_prefix(s, len, "八") ||
                       fg_has_prefix(s, len, "九") || fg_has_prefix(s, len, "十"));
        }
    }
    return n_cells >= 1 && n_cells <= 2 && (wide || numeral);
}

/* True when row r has text of its own in a task column (other than the
 * heading column): a row of its own, not a continuation. */
static bool own_text(const fg_text *t, const table_grid *g, size_t r, size_t heading_col)
{
    for (size_t c = 0; c < g->n_cols; c++) {
        size_t k = g->slot[r * g->n_cols + c];
        if (k != NO_CELL && g->cols[c].kind == COL_TASK && c != heading_col &&
            g->origin[r * g->n_cols + c] == r && !cell_empty(t, &t->cells[k]))
            return true;
    }
    return false;
}

/* The rows a 序号 cell spans that have text of their own: when two or more
 * do, each is a measure of its own (GOLD_RULES: a table row is one
 * measure), numbered 1.1, 1.2 … under the one 序号, as several attributions
 * in one item are; else the rows below continue the first. */
static size_t rows_of_id(const fg_text *t, const table_grid *g, size_t r, size_t id_col,
                         size_t heading_col)
{
    size_t k = g->slot[r * g->n_cols + id_col], n = 0;
    for (size_t i = r; i < g->n_rows && g->slot[i * g->n_cols + id_col] == k; i++)
        n += own_text(t, g, i, heading_col);
    return n;
}

static void read_table(assembler *a, table_grid *g)
{
    const fg_text *t = a->t;
    table_measure tm;
    memset(&tm, 0, sizeof tm);
    fg_buf_init(&tm.text);
    fg_buf_init(&tm.attribution);
    char *section = fg_xstrdup("");
    size_t id_col = NO_CELL, heading_col = NO_CELL, n_task = 0;
    for (size_t c = 0; c < g->n_cols; c++) {
        if (g->cols[c].kind == COL_ID && id_col == NO_CELL)
            id_col = c;
        if (g->cols[c].kind == COL_TASK && n_task++ == 0)
            heading_col = c;
    }
    if (n_task < 2)
        heading_col = NO_CELL;
    size_t n_sub = 0; /* the row's number under a 序号 spanning rows, or 0 */
    for (size_t r = g->body; r < g->n_rows; r++) {
        size_t *row = &g->slot[r * g->n_cols], *org = &g->origin[r * g->n_cols];
        bool empty = true;
        for (size_t c = 0; c < g->n_cols && empty; c++)
            empty = row[c] == NO_CELL || org[c] != r || cell_empty(t, &t->cells[row[c]]);
        if (empty)
            continue;
        if (full_row(g, r) || section_row(t, g, r)) { /* a section heading */
            table_flush(a, &tm, section);
            free(section);
            section = row_text(t, g, r);
            continue;
        }
        bool id_here =
            id_col != NO_CELL && row[id_col] != NO_CELL && !cell_empty(t, &t->cells[row[id_col]]);
        if (id_here && org[id_col] == r)
            n_sub = rows_of_id(t, g, r, id_col, heading_col) >= 2 ? 1 : 0;
        else if (id_here && n_sub && own_text(t, g, r, heading_col))
            n_sub++; /* a row of its own under a 序号 a rowspan carries */
        else if (!id_here || org[id_col] != r)
            id_here = false;
        bool starts = id_col == NO_CELL || !tm.open || id_here;
        if (starts) {
            table_flush(a, &tm, section);
            tm.open = true;
            tm.at_off = NO_CELL;
            tm.id = id_col != NO_CELL && row[id_col] != NO_CELL ? id_of(t, &t->cells[row[id_col]])
                                                                : fg_xstrdup("");
            if (n_sub) {
                char *sub_id = fg_xmalloc(strlen(tm.id) + 24);
                sprintf(sub_id, "%s.%zu", tm.id, n_sub);
                free(tm.id);
                tm.id = sub_id;
            }
            tm.heading = heading_col != NO_CELL && row[heading_col] != NO_CELL
                             ? cell_text(t, &t->cells[row[heading_col]])
                             : fg_xstrdup("");
        }
        for (size_t c = 0; c < g->n_cols; c++) {
            size_t k = row[c];
            if (k == NO_CELL || (c > 0 && row[c - 1] == k))
                continue;
            const fg_cell *cell = &t->cells[k];
            const table_col *col = &g->cols[c];
            if (col->kind == COL_TASK && c != heading_col && org[c] == r && !cell_empty(t, cell)) {
                char *x = cell_text(t, cell);
                if (tm.text.len)
                    fg_buf_putc(&tm.text, '\n');
                fg_buf_puts(&tm.text, x);
                free(x);
                if (tm.at_off == NO_CELL)
                    tm.at_off = cell->off;
            } else if (col->kind == COL_ROLE && !seen_cell(&tm, t, k)) {
                read_role_cell(a, &tm, cell, col->role,
                               col->label != NO_CELL ? &t->cells[col->label] : NULL);
            } else if (col->kind == COL_DEADLINE && !tm.deadline) {
                tm.deadline = cell_text(t, cell);
            }
        }
        if (tm.at_off == NO_CELL)
            tm.at_off = t->cells[row[0] != NO_CELL ? row[0] : g->cells[0]].off;
    }
    table_flush(a, &tm, section);
    free(section);
    free(tm.seen);
    fg_buf_fini(&tm.text);
    fg_buf_fini(&tm.attribution);
}

/* Finds the 分工表 tables of the text: `owner[i]` is the table that holds
 * paragraph i (an index into `grids`), or NO_CELL. Caller frees both. */
static size_t find_tables(const fg_text *t, table_grid **grids, size_t **owner)
{
    *grids = NULL;
    *owner = NULL;
    size_t n = 0, cap = 0;
    if (t->n_tables == 0)
        return 0;
    /* the cells of each table, in order: a counting sort by table */
    size_t *start = fg_xcalloc(t->n_tables + 1, sizeof *start);
    size_t *by_table = fg_xcalloc(t->n_cells + 1, sizeof *by_table);
    for (size_t i = 0; i < t->n_cells; i++)
        start[t->cells[i].table + 1]++;
    for (size_t k = 0; k < t->n_tables; k++)
        start[k + 1] += start[k];
    size_t *fill = fg_xcalloc(t->n_tables + 1, sizeof *fill);
    for (size_t i = 0; i < t->n_cells; i++) {
        size_t k = t->cells[i].table;
        by_table[start[k] + fill[k]++] = i;
    }
    free(fill);
    for (size_t tab = 0; tab < t->n_tables; tab++) {
        table_grid g;
        if (!grid_build(t, by_table + start[tab], start[tab + 1] - start[tab], &g) ||
            !read_header(t, &g) || g.para1 <= g.para0) {
            grid_fini(&g);
            continue;
        }
        if (!*owner) {
            *owner = fg_xcalloc(t->n_paras + 1, sizeof **owner);
            for (size_t i = 0; i < t->n_paras; i++)
                (*owner)[i] = NO_CELL;
        }
        bool taken = false; /* inside a 分工表 already */
        for (size_t i = g.para0; i < g.para1 && i < t->n_paras; i++)
            taken = taken || (*owner)[i] != NO_CELL;
        if (taken) {
            grid_fini(&g);
            continue;
        }
        for (size_t i = g.para0; i < g.para1 && i < t->n_paras; i++)
            (*owner)[i] = n;
        *grids = fg_xgrow(*grids, &cap, n + 1, sizeof **grids);
        (*grids)[n++] = g;
    }
    free(start);
    free(by_table);
    return n;
}

/*** Walking the text ***/

/* Forgets the attribution of the heading at level `lv`; says so when no
 * item below it took it, so that it is not lost without a word. */
static void drop_inherited(assembler *a, int lv, const char *why)
{
    fg_attr *h = &a->inherited[lv];
    if (h->kind == FG_ATTR_OK && !a->inherited_used[lv])
        diag(a, FG_NOTE, "heading-attribution-unused", h->off,
             "the attribution on this section heading applies to no item: %s", why);
    fg_attr_fini(h);
    memset(h, 0, sizeof *h);
    a->inherited_used[lv] = false;
}



typedef struct bracket_walk {
    assembler *a;
    size_t cursor, para_end;
    bool in_body;
    bool last_para; /* the document's last paragraph: the file ends in it */
    fg_attr *keep; /* when set, the attribution is stored here instead (the last wins) */
    int level;     /* the heading's level, with keep */
    size_t para_off; /* where the paragraph starts */
} bracket_walk;

/* True when the text before the bracket at b_off ends a clause (。；！？,
 * a closing bracket or quote) or there is none: a bracket there, which
 * nothing follows, closes its item. "国家新闻出版署（国家版权局）" in a list
 * of links is one body with two names, not a bare list closing an item. */
static bool closes_text(const assembler *a, size_t para_off, size_t b_off)
{
    const char *s = fg_text_match(a->t);
    size_t i = b_off, n;
    while (i > para_off) {
        size_t j = i;
        do
            j--;
        while (j > para_off && ((unsigned char)s[j] & 0xC0) == 0x80);
        int32_t cp = fg_utf8_decode(s + j, i - j, &n);
        if (!fg_is_space(cp))
            return cp == 0x3002 || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F || cp == '.' ||
                   cp == ';' || cp == '!' || cp == '?' || cp == ')' || cp == 0xFF09 ||
                   cp == 0x3015 || cp == 0x3011 || cp == 0x201D || cp == 0x300B;
        i = j;
    }
    return true;
}

/* True when s[off..off+len) holds nothing but brackets and punctuation
 * (checked after the walk has found its brackets: see feed()). */
static bool only_brackets(const assembler *a, size_t off, size_t len)
{
    const char *s = fg_text_match(a->t);
    size_t depth = 0, n;
    for (size_t i = off; i < off + len; i += n) {
        int32_t cp = fg_utf8_decode(s + i, off + len - i, &n);
        if (cp == '(' || cp == 0xFF08 || cp == 0x3014 || cp == 0x3010)
            depth++;
        else if ((cp == ')' || cp == 0xFF09 || cp == 0x3015 || cp == 0x3011) && depth)
            depth--;
        else if (depth == 0 && !fg_attrib_only_punct(s, i, i + n))
            return false;
    }
    return true;
}

/* A heading's attribution, kept for the items below it (the last one on
 * the heading wins; an earlier one is reported as unused). */
static void on_kept(assembler *a, bracket_walk *w, fg_attr *at, size_t b_off, size_t b_end)
{
    add_pending(a, w->cursor, b_off - w->cursor);
    if (at->convention) {
        see_convention(a, b_off, false);
        if (at->others_role)
            a->convention_others = at->others_role;
    }
    if (a->convention)
        fg_attrib_apply_convention(at, a->convention_others);
    check_attr(a, at);
    drop_inherited(a, w->level, "a later attribution on the same heading replaces it");
    *w->keep = *at;
    w->cursor = b_end;
}

static void on_attr(bracket_walk *w, fg_attr *at_p, unsigned flags);

static void on_bracket(void *ctx, size_t b_off, size_t b_end, bool unclosed)
{
    bracket_walk *w = ctx;
    assembler *a = w->a;
    unsigned flags = 0;
    if (fg_attrib_only_punct(a->t->s, b_end, w->para_end) && closes_text(a, w->para_off, b_off))
        flags |= FG_BRACKET_AT_END;
    if (unclosed)
        flags |= w->last_para ? FG_BRACKET_CUT : FG_BRACKET_UNCLOSED;
    fg_attr at;
    fg_attrib_parse(a->m, fg_text_match(a->t), b_off, b_end, flags, &at);
    on_attr(w, &at, flags);
}

/* What a bracket, or a label line, found: a measure closed, a heading's
 * attribution kept, or a note. Takes `at` over. */
static void on_attr(bracket_walk *w, fg_attr *at_p, unsigned flags)
{
    assembler *a = w->a;
    fg_attr at = *at_p;
    size_t b_off = at.off, b_end = at.end;
    /* an attribution the grammar cannot read still closes its measure, as
     * one with no agencies marked for review */
    bool closes = at.kind == FG_ATTR_OK || at.kind == FG_ATTR_UNPARSED;
    if (at.kind == FG_ATTR_REJECTED) { /* in the body or not: say why */
        char *text = excerpt(a->t->s, b_off, b_end - b_off);
        fg_buf msg;
        fg_buf_init(&msg);
        fg_buf_printf(&msg, "bracket with a role word is not an attribution (%s): %s",
                      at.why, text);
        diag(a, FG_NOTE, "not-attribution", b_off, "%s", msg.ptr);
        fg_buf_fini(&msg);
        free(text);
    } else if (at.kind == FG_ATTR_NOTE) {
        if (at.convention) {
            see_convention(a, b_off, true);
            if (at.others_role)
                a->convention_others = at.others_role;
        }
        take_scope(a, &at);
    } else if (closes && !w->in_body) {
        diag(a, FG_WARNING, "attribution-outside-body", b_off, "%s",
             "attribution outside the document's body (title, addressees, lead-in or "
             "signature) is ignored");
    } else if (closes && !w->keep && a->fresh_heading && a->pending.len == 0 &&
               fg_attrib_only_punct(a->t->s, w->cursor, b_off) &&
               (flags & FG_BRACKET_AT_END)) {
        /* an attribution on its own line right under a section heading is
         * the heading's: "一、加强企业服务保障" then "（商务部牵头）" */
        w->keep = &a->inherited[a->fresh_heading->level];
        w->level = a->fresh_heading->level;
        take_scope(a, &at);
        on_kept(a, w, &at, b_off, b_end);
        return;
    } else if (closes && w->keep) {
        take_scope(a, &at);
        on_kept(a, w, &at, b_off, b_end);
        return;
    } else if (closes) {
        a->fresh_heading = NULL;
        add_pending(a, w->cursor, b_off - w->cursor);
        close_with(a, &at);
        take_scope(a, &at);
        w->cursor = b_end;
    }
    fg_attr_fini(&at);
}

/* A quick test before RX_CONVENTION on a whole paragraph: the note holds
 * a lead word. */
static bool may_hold_convention(const char *s, size_t len)
{
    return fg_has_bytes(s, len, "牵头") || fg_has_bytes(s, len, "主办") ||
           fg_has_bytes(s, len, "主责");
}

/* True when the last match of the matcher (on s[off..off+len)) starts
 * inside a bracket of that paragraph. */
static bool in_bracket_at(const assembler *a, size_t off, size_t len)
{
    size_t at, n;
    if (!fg_matcher_group(a->m, 0, &at, &n))
        return false;
    const char *s = fg_text_match(a->t);
    size_t depth = 0, k;
    for (size_t i = off; i < off + at && i < off + len; i += k) {
        int32_t cp = fg_utf8_decode(s + i, off + len - i, &k);
        if (cp == '(' || cp == 0xFF08 || cp == 0x3014 || cp == 0x3010)
            depth++;
        else if ((cp == ')' || cp == 0xFF09 || cp == 0x3015 || cp == 0x3011) && depth)
            depth--;
    }
    return depth > 0;
}

/* A paragraph of its own that is an attribution without brackets
 * ("责任单位：市国土局、市土地发展中心", "部门分工：X牵头，Y配合。") closes the
 * text above it exactly as a bracket on its own line would. Returns false
 * when the paragraph is no such line. */
/* The next label line of one attribution ("牵头单位：A" then "配合单位：B",
 * or "完成时限：…") goes to the measure the first one closed. */
static void merge_into_measure(assembler *a, fg_attr *at)
{
    fg_measure *me = &a->doc->measures[a->doc->n_measures - 1];
    const char *s = a->t->s;
    if (a->convention)
        fg_attrib_apply_convention(at, a->convention_others);
    fg_buf b;
    fg_buf_init(&b);
    fg_buf_puts(&b, me->attribution);
    fg_buf_putc(&b, '\n');
    char *line = clipped(s, at->off, at->end - at->off, ATTRIBUTION_MAX);
    fg_buf_puts(&b, line);
    free(line);
    free((char *)me->attribution);
    me->attribution = fg_buf_detach(&b);
    if (!me->deadline[0] && at->deadline_len) {
        free((char *)me->deadline);
        me->deadline = clipped(s, at->deadline_off, at->deadline_len, HEADING_MAX);
    }
    me->review = me->review || at->kind == FG_ATTR_UNPARSED || at->unparsed_len > 0;
    /* implied bodies stay last, and go where the line names them */
    size_t n_explicit = 0;
    fg_assignment *as = (fg_assignment *)me->assignments;
    while (n_explicit < me->n_assignments && !as[n_explicit].implicit)
        n_explicit++;
    size_t n_implicit = me->n_assignments - n_explicit;
    fg_assignment *imp = fg_xcalloc(n_implicit + 1, sizeof *imp);
    memcpy(imp, as + n_explicit, n_implicit * sizeof *imp);
    me->n_assignments = n_explicit;
    append_assignments(a, me, at);
    as = (fg_assignment *)me->assignments;
    for (size_t i = 0; i < n_implicit; i++) {
        bool named = false;
        for (size_t k = n_explicit; k < me->n_assignments && !named; k++)
            named = imp[i].agency >= 0 ? as[k].agency == imp[i].agency
                                       : strcmp(as[k].written, imp[i].written) == 0;
        if (named) {
            free((char *)imp[i].name);
            free((char *)imp[i].written);
            continue;
        }
        as = fg_xrealloc(as, (me->n_assignments + 1) * sizeof *as);
        as[me->n_assignments++] = imp[i];
    }
    me->assignments = as;
    free(imp);
    a->diag_measure = a->doc->n_measures - 1;
    check_attr(a, at);
    a->diag_measure = FG_NO_MEASURE;
}

/* The same for a heading's attribution kept for the items below it. */
static void merge_into_heading(assembler *a, fg_attr *h, fg_attr *at)
{
    check_attr(a, at);
    h->agencies = fg_xgrow(h->agencies, &h->cap_agencies, h->n_agencies + at->n_agencies,
                           sizeof *h->agencies);
    memcpy(h->agencies + h->n_agencies, at->agencies, at->n_agencies * sizeof *at->agencies);
    h->n_agencies += at->n_agencies;
    h->end = at->end;
    if (!h->deadline_len && at->deadline_len) {
        h->deadline_off = at->deadline_off;
        h->deadline_len = at->deadline_len;
    }
    if (h->kind != FG_ATTR_OK && at->kind == FG_ATTR_OK)
        h->kind = FG_ATTR_OK;
}

/* A paragraph of its own that is an attribution without brackets
 * ("责任单位：市国土局、市土地发展中心", "部门分工：X牵头，Y配合。") closes the
 * text above it exactly as a bracket on its own line would; the label
 * lines right after it (a 配合单位： line, a 完成时限： line) belong to the
 * same attribution. `prev` says where the paragraph before went, when it
 * was a label line. Returns false when the paragraph is no such line. */
/* "一、优化土地出让方式 （一）适用范围：… （二）办理流程：… （三）责任单位
 * 及承办科室：市自然资源局，储备中心。": a numbered item that is nothing but
 * a label line is its parent's attribution, not a measure of its own (the
 * detailed rules of a 实施细则 list the units last). The unattributed items
 * closed since the parent began become one measure with the parent's id and
 * heading, which the label line closes. False (nothing done) when the item
 * has text before its label, has no parent section, or a sibling carries an
 * attribution of its own. */
static bool closes_parent(assembler *a, size_t off, fg_attr *at)
{
    const fg_block *it = a->item;
    if (!it || it->level < 1 || off > it->off + 6 || a->pending.len)
        return false; /* not a numbered item that starts with its label */
    int parent = it->level - 1;
    while (parent >= 0 && !a->path[parent])
        parent--;
    if (parent < 0 || !a->path[parent]->has_children)
        return false;
    /* the parent's path, and its items' measures closed so far */
    const fg_block *saved[MAX_LEVEL];
    memcpy(saved, a->path, sizeof saved);
    for (int lv = parent + 1; lv < MAX_LEVEL; lv++)
        a->path[lv] = NULL;
    char *prefix = path_string(a);
    size_t plen = strlen(prefix), first = a->doc->n_measures;
    while (first > 0) {
        const fg_measure *me = &a->doc->measures[first - 1];
        if (strncmp(me->id, prefix, plen) != 0 || me->id[plen] != '/')
            break;
        if (me->attributed || me->n_assignments) {
            free(prefix);
            memcpy(a->path, saved, sizeof saved);
            return false;
        }
        first--;
    }
    free(prefix);
    size_t line = 0, col = 0;
    for (size_t i = first; i < a->doc->n_measures; i++) {
        fg_measure *me = &a->doc->measures[i];
        if (i == first) {
            line = me->line;
            col = me->col;
        }
        if (a->pending.len)
            fg_buf_putc(&a->pending, '\n');
        fg_buf_puts(&a->pending, me->text);
        measure_fini(me);
    }
    a->doc->n_measures = first;
    a->item = NULL;
    close_with(a, at);
    fg_measure *me = &a->doc->measures[a->doc->n_measures - 1];
    free((char *)me->heading);
    const fg_block *pb = a->path[parent];
    me->heading = heading_of(a->m, a->t, pb->off, pb->len);
    if (line) {
        me->line = line;
        me->col = col;
    }
    memcpy(a->path, saved, sizeof saved);
    a->item = it;
    a->item_attributed = true;
    return true;
}

static bool label_line(assembler *a, size_t off, size_t len, bool last, int prev)
{
    const char *s = fg_text_match(a->t);
    fg_utf8_trim(a->t->s, &off, &len);
    /* a label's colon comes within its first 20 characters or so */
    size_t head = len < 64 ? len : 64;
    if (len == 0 || (!memchr(s + off, ':', head) && !fg_has_bytes(s + off, head, "：")))
        return false;
    size_t c_off = off, i_off, i_len;
    bool deadline_only = false;
    fg_attr at;
    if (fg_match(a->m, RX_LABEL_LINE, s + off, len)) {
        if (fg_matcher_group(a->m, 1, &i_off, &i_len))
            c_off = off + i_off + i_len; /* after 部门分工： */
        fg_attrib_parse(a->m, s, c_off, off + len, FG_BRACKET_NONE | FG_BRACKET_AT_END, &at);
    } else if (prev != LABEL_NONE && fg_match(a->m, RX_FIELD, s + off, len) &&
               fg_matcher_group(a->m, 2, &i_off, &i_len)) {
        /* "完成时限：2024年底" goes on the label line before it */
        size_t m_off, m_len;
        fg_matcher_group(a->m, 0, &m_off, &m_len);
        memset(&at, 0, sizeof at);
        at.kind = FG_ATTR_NONE;
        at.off = off;
        at.end = off + len;
        at.deadline_off = off + m_len;
        at.deadline_len = len - m_len;
        fg_utf8_trim(a->t->s, &at.deadline_off, &at.deadline_len);
        deadline_only = true;
    } else {
        return false;
    }
    if (at.kind != FG_ATTR_OK && at.kind != FG_ATTR_UNPARSED && !deadline_only) {
        fg_attr_fini(&at);
        return false;
    }
    at.off = off; /* the whole line is the attribution as written */
    if (prev == LABEL_MEASURE && a->pending.len == 0 && a->doc->n_measures > 0) {
        merge_into_measure(a, &at);
        fg_attr_fini(&at);
        a->label_into = LABEL_MEASURE;
        return true;
    }
    if (prev == LABEL_HEADING && a->pending.len == 0) {
        merge_into_heading(a, &a->inherited[a->label_level], &at);
        fg_attr_fini(&at);
        a->label_into = LABEL_HEADING;
        return true;
    }
    if (deadline_only) {
        fg_attr_fini(&at);
        return false;
    }
    if (at.kind == FG_ATTR_OK && closes_parent(a, off, &at)) {
        fg_attr_fini(&at);
        return true;
    }
    size_t n_before = a->doc->n_measures;
    bracket_walk w = {a, off, off + len, true, last, NULL, 0, off};
    on_attr(&w, &at, FG_BRACKET_AT_END);
    if (w.keep) {
        a->label_into = LABEL_HEADING;
        a->label_level = w.level;
    } else if (a->doc->n_measures > n_before) {
        a->label_into = LABEL_MEASURE;
    }
    return true;
}

/* Labels that close a paragraph after its text: a label at a sentence's
 * start (after 。, ；, ！ or ？) in the paragraph's last 600 bytes, and all
 * that follows it an attribution the grammar reads (not merely one it
 * cannot read: the text before might be prose about a unit). Fills `at`
 * (its span from the label to the paragraph's end) and returns true. */
static bool trailing_labels(assembler *a, size_t off, size_t len, fg_attr *at)
{
    const char *s = fg_text_match(a->t);
    size_t win = len > 600 ? len - 600 : 0;
    while (win > 0 && ((unsigned char)s[off + win] & 0xC0) == 0x80)
        win++;
    if (!memchr(s + off + win, ':', len - win) && !fg_has_bytes(s + off + win, len - win, "："))
        return false;
    for (size_t from = win; from < len;) {
        if (!fg_match(a->m, RX_FIELD_AT, s + off + from, len - from))
            return false;
        size_t at_off, at_len;
        fg_matcher_group(a->m, 0, &at_off, &at_len);
        size_t lab = off + from + at_off, n;
        int32_t before = 0; /* the character before the label */
        if (lab > off) {
            size_t b = lab - 1;
            while (b > off && ((unsigned char)s[b] & 0xC0) == 0x80)
                b--;
            before = fg_utf8_decode(s + b, lab - b, &n);
        }
        bool sentence_start = before == 0x3002 || before == 0xFF1B || before == ';' ||
                              before == 0xFF01 || before == 0xFF1F || before == ' ';
        if (sentence_start && lab > off) {
            fg_attrib_parse(a->m, s, lab, off + len, FG_BRACKET_NONE | FG_BRACKET_AT_END, at);
            if (at->kind == FG_ATTR_OK && at->labelled)
                return true;
            fg_attr_fini(at);
            return false;
        }
        from = lab - off + at_len;
    }
    return false;
}

/* Feeds s[off..off+len) of a body paragraph: text to pending, attributions
 * closing it. With `keep`, the paragraph is a heading: its attribution is
 * kept for the items below. */
static void feed(assembler *a, size_t off, size_t len, bool in_body, fg_attr *keep, int level)
{
    const fg_text *t = a->t;
    bool last = t->n_paras > 0 &&
                off + len == t->paras[t->n_paras - 1].off + t->paras[t->n_paras - 1].len;
    int prev_label = a->label_into;
    a->label_into = LABEL_NONE; /* set again by a label line */
    if (in_body && !keep && label_line(a, off, len, last, prev_label))
        return;
    /* the note in a paragraph of its own, outside brackets: "各项任务中，
     * 排在第一位的为牵头部门" (in brackets, the bracket's parse finds it); a
     * short unnumbered paragraph, not an item's or a heading's own */
    if (!a->convention && !keep && len < 1000 && (!a->item || off != a->item->off) &&
        may_hold_convention(fg_text_match(t) + off, len) &&
        fg_match(a->m, RX_CONVENTION, fg_text_match(t) + off, len) &&
        !in_bracket_at(a, off, len)) {
        see_convention(a, off, false);
        a->convention_others = fg_attrib_convention_others(fg_text_match(t) + off, len);
    }
    if (!keep && in_body && !fg_attrib_only_punct(fg_text_match(a->t), off, off + len) &&
        !only_brackets(a, off, len))
        a->fresh_heading = NULL; /* text under the heading: no longer fresh */
    /* "…加强管理。牵头单位：市商务局；配合单位：市财政局。": labels that end
     * the paragraph after its text, without brackets */
    fg_attr tail;
    size_t body_len = len;
    bool has_tail = in_body && !keep && trailing_labels(a, off, len, &tail);
    if (has_tail)
        body_len = tail.off - off;
    bracket_walk w = {a, off, off + body_len, in_body, last, keep, level, off};
    fg_attrib_brackets(fg_text_match(a->t), off, body_len, on_bracket, &w);
    if (in_body && !keep && w.cursor < off + body_len)
        add_pending(a, w.cursor, off + body_len - w.cursor);
    if (has_tail) {
        w.cursor = tail.off;
        w.para_end = off + len;
        size_t n_before = a->doc->n_measures;
        on_attr(&w, &tail, FG_BRACKET_AT_END);
        if (a->doc->n_measures > n_before)
            a->label_into = LABEL_MEASURE; /* a 配合单位： line may follow */
    }
}

static void numbered_block(assembler *a, const fg_block *b)
{
    close_item(a);
    for (int lv = b->level; lv < MAX_LEVEL; lv++) {
        a->path[lv] = NULL;
        drop_inherited(a, lv, "every item below it carries its own");
    }
    a->path[b->level] = b;
    if (b->has_children) {
        feed(a, b->off, b->len, true, &a->inherited[b->level], b->level);
        a->fresh_heading = b;
        return;
    }
    a->fresh_heading = NULL;
    a->item = b;
    feed(a, b->off, b->len, true, NULL, 0);
}

/* Gives measures that share a path the suffixes .1, .2 …, and measures
 * with no path the ids #1, #2 … */
static void number_measures(fg_document *d)
{
    size_t unnumbered = 0;
    for (size_t i = 0; i < d->n_measures;) {
        size_t j = i + 1;
        while (j < d->n_measures && strcmp(d->measures[j].id, d->measures[i].id) == 0)
            j++;
        for (size_t k = i; k < j; k++) {
            fg_measure *me = &d->measures[k];
            fg_buf b;
            fg_buf_init(&b);
            if (me->id[0] == '\0')
                fg_buf_printf(&b, "#%zu", ++unnumbered);
            else if (j - i > 1)
                fg_buf_printf(&b, "%s.%zu", me->id, k - i + 1);
            else
                continue;
            free((char *)me->id);
            me->id = fg_buf_detach(&b);
        }
        i = j;
    }
}

static void assemble(fg_document *d, fg_matcher *m, const fg_layout *l)
{
    assembler a;
    memset(&a, 0, sizeof a);
    a.doc = d;
    a.m = m;
    a.t = &d->text;
    a.l = l;
    a.diag_measure = FG_NO_MEASURE;
    fg_buf_init(&a.pending);
    table_grid *grids;
    size_t *owner;
    size_t n_grids = find_tables(a.t, &grids, &owner);
    for (size_t i = 0; i < l->n_blocks; i++) {
        const fg_block *b = &l->blocks[i];
        if (owner && owner[i] != NO_CELL) { /* a 分工表: its rows are the measures */
            table_grid *g = &grids[owner[i]];
            close_item(&a);
            a.fresh_heading = NULL;
            read_table(&a, g);
            while (i + 1 < l->n_blocks && owner[i + 1] == owner[i])
                i++;
            continue;
        }
        if (!b->in_body) {
            feed(&a, b->para_off, b->para_len, false, NULL, 0);
        } else if (b->level > 0 && b->level < MAX_LEVEL) {
            numbered_block(&a, b);
        } else {
            feed(&a, b->para_off, b->para_len, true, NULL, 0);
        }
    }
    close_item(&a);
    for (size_t k = 0; k < n_grids; k++)
        grid_fini(&grids[k]);
    free(grids);
    free(owner);
    for (int lv = 0; lv < MAX_LEVEL; lv++)
        drop_inherited(&a, lv, "every item below it carries its own");
    free(a.section_text);
    free(a.scope);
    fg_buf_fini(&a.pending);
    number_measures(d);
}

/*** Document ***/

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void summarize(fg_document *d)
{
    size_t attributed = 0;
    for (size_t i = 0; i < d->n_measures; i++)
        attributed += d->measures[i].attributed;
    if (fg_diags_count(&d->diags, FG_ERROR) > 0 || d->src.len == 0)
        return; /* reported already: skipped, or empty */
    if (d->n_measures == 0)
        fg_diags_add(&d->diags, FG_NOTE, "no-measures", FG_NO_OFFSET, "%s",
                     "no measures: the document has no numbered items and no attributions");
    else if (attributed == 0)
        fg_diags_add(&d->diags, FG_NOTE, "no-attributions", FG_NO_OFFSET,
                     "the document has no attributions: its %zu measures are listed with no "
                     "agencies",
                     d->n_measures);
}

/* Diagnostics are added as the walk learns things: a heading's unused
 * attribution is known only when its section ends. Positioned ones are put
 * in file order (stable); file-level ones keep their places (the encoding
 * note first, the summary last). */
typedef struct ranked_diag {
    fg_diag_item item;
    size_t rank; /* insertion order, for a stable sort */
} ranked_diag;

static int by_offset(const void *pa, const void *pb)
{
    const ranked_diag *a = pa, *b = pb;
    if (a->item.off != b->item.off)
        return a->item.off < b->item.off ? -1 : 1;
    return a->rank < b->rank ? -1 : a->rank > b->rank;
}

static void order_diags(fg_diags *ds)
{
    size_t n = 0;
    for (size_t i = 0; i < ds->n; i++)
        n += ds->items[i].off != FG_NO_OFFSET;
    ranked_diag *pos = fg_xcalloc(n, sizeof *pos);
    size_t k = 0;
    for (size_t i = 0; i < ds->n; i++)
        if (ds->items[i].off != FG_NO_OFFSET) {
            pos[k].item = ds->items[i];
            pos[k].rank = k;
            k++;
        }
    if (n > 1)
        qsort(pos, n, sizeof *pos, by_offset);
    k = 0;
    for (size_t i = 0; i < ds->n; i++)
        if (ds->items[i].off != FG_NO_OFFSET)
            ds->items[i] = pos[k++].item;
    free(pos);
}

static void publish_diags(fg_document *d)
{
    order_diags(&d->diags);
    d->pub_diags = fg_xcalloc(d->diags.n, sizeof *d->pub_diags);
    for (size_t i = 0; i < d->diags.n; i++) {
        const fg_diag_item *it = &d->diags.items[i];
        fg_diag *p = &d->pub_diags[i];
        p->severity = it->severity;
        p->code = it->code;
        p->message = it->message;
        p->measure = it->measure;
        if (it->off != FG_NO_OFFSET)
            fg_source_locate(&d->src, it->off, &p->line, &p->col);
        if (it->severity == FG_ERROR)
            d->has_errors = true;
    }
}

static fg_document *new_document(const char *path)
{
    fg_document *d = fg_xcalloc(1, sizeof *d);
    fg_diags_init(&d->diags);
    d->info.path = fg_utf8_escape_name(path);
    return d;
}

/* The document's level: from its issuer, else from its title's part
 * before 关于 (新余市人民政府办公室关于印发…). */
static fg_place place_of(const fg_engine *e, const fg_layout *l)
{
    fg_place p = fg_registry_place_of(&e->registry, l->issuer, strlen(l->issuer));
    const char *about = strstr(l->title, "关于");
    if (p.level == FG_LEVEL_NONE && about && about > l->title)
        p = fg_registry_place_of(&e->registry, l->title, (size_t)(about - l->title));
    return p;
}

static void set_info(fg_document *d, const fg_layout *l)
{
    d->info.title = fg_xstrdup(l ? l->title : "");
    d->info.number = fg_xstrdup(l ? l->number : "");
    d->info.issuer = fg_xstrdup(l ? l->issuer : "");
    d->info.date = fg_xstrdup(l ? l->date : "");
    d->info.key = fg_xstrdup(l && l->number[0] ? l->number : base_name(d->info.path));
    d->info.level = fg_xstrdup("");
    d->info.published = fg_xstrdup(l && l->published ? l->published : "");
    d->info.status = fg_xstrdup(l && l->status ? l->status : "");
}

/* Runs the stages; frees `owned` (may be NULL) as soon as it is decoded,
 * so that a large file is not held three times. */
/* The PDF page of a line: pages[k] is the line page k + 1 starts on. */
static size_t page_of(const size_t *pages, size_t n_pages, size_t line)
{
    size_t lo = 0, hi = n_pages;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (pages[mid] <= line)
            lo = mid;
        else
            hi = mid;
    }
    return lo + 1;
}

/* For a PDF, the page of every measure and name (positions' `page`). */
static void set_pages(fg_document *d, const size_t *pages, size_t n_pages)
{
    if (n_pages == 0)
        return;
    for (size_t i = 0; i < d->n_measures; i++) {
        fg_measure *me = &d->measures[i];
        me->page = page_of(pages, n_pages, me->line);
        for (size_t k = 0; k < me->n_assignments; k++) {
            fg_assignment *as = (fg_assignment *)&me->assignments[k];
            as->page = page_of(pages, n_pages, as->line);
        }
    }
}

/* 完成时限 from the text where the attribution (or the table) sets none:
 * "…，2023年底前完成" in the measure's own words. */
static void deadlines_from_text(fg_document *d, fg_matcher *m)
{
    for (size_t i = 0; i < d->n_measures; i++) {
        fg_measure *me = &d->measures[i];
        size_t off, n;
        if (me->deadline[0] || !fg_deadline_in_text(m, me->text, strlen(me->text), &off, &n))
            continue;
        free((char *)me->deadline);
        me->deadline = fg_xstrndup(me->text + off, n);
    }
}

/* The error of a document larger than --max-document-size allows. */
static void too_large(fg_document *d, const fg_engine *e, const char *what)
{
    fg_diags_add(&d->diags, FG_ERROR, "too-large", FG_NO_OFFSET,
                 "%s is larger than --max-document-size (%zu MB): skipped", what,
                 e->max_document >> 20);
}

static fg_document *parse(const fg_engine *engine, const char *path, const char *data,
                          size_t len, char *owned)
{
    fg_document *d = new_document(path);
    d->info.bytes = len;
    /* one pass over the file's own bytes gives both */
    d->info.content_hash = fg_doc_id(data, len, d->info.doc_id);
    /* a .docx or PDF is read as the text it holds (UTF-8) */
    char *converted;
    size_t converted_len;
    fg_format f = fg_format_sniff(data, len);
    fg_convert cv = {engine->convert, engine->convert_seconds};
    size_t *pages, n_pages;
    bool is_text = fg_format_text_paged(f, data, len, &cv, &converted, &converted_len, &pages,
                                        &n_pages, &d->diags);
    if (converted) {
        free(owned);
        owned = converted;
        data = converted;
        len = converted_len;
    }
    if (is_text && converted && len > engine->max_document) {
        too_large(d, engine, "its text");
        is_text = false;
    }
    if (is_text) {
        is_text = fg_source_decode(&d->src, data, len, converted ? "UTF-8" : engine->encoding,
                                   &d->diags);
        if (is_text && d->src.len > engine->max_document) {
            too_large(d, engine, "its decoded text");
            fg_source_fini(&d->src);
            fg_source_init_empty(&d->src);
            is_text = false;
        }
        if (converted)
            snprintf(d->src.encoding, sizeof d->src.encoding, "%s", fg_format_name(f));
    } else
        fg_source_init_empty(&d->src);
    free(owned);
    if (is_text) {
        fg_matcher m;
        fg_matcher_init(&m, engine);
        fg_normalize(&d->text, d->src.text, d->src.len);
        fg_hant_simplify(engine->opencc, &d->text);
        fg_layout l;
        fg_segment(&m, &d->text, &l);
        set_info(d, &l);
        m.place = place_of(engine, &l);
        free((char *)d->info.level);
        d->info.level = fg_xstrdup(fg_level_name(m.place.level));
        assemble(d, &m, &l);
        deadlines_from_text(d, &m);
        set_pages(d, pages, n_pages);
        fg_layout_fini(&l);
        fg_matcher_fini(&m);
    } else {
        set_info(d, NULL);
    }
    free(pages);
    summarize(d);
    publish_diags(d);
    return d;
}

fg_status fg_document_parse(const fg_engine *engine, const char *path, const char *data,
                            size_t len, fg_document **out)
{
    *out = parse(engine, path, data, len, NULL);
    return FG_OK;
}

fg_status fg_document_load(const fg_engine *engine, const char *path, fg_document **out)
{
    char *data;
    size_t len;
    fg_status st =
        fg_source_read_file_max(path, engine->encoding == NULL, engine->max_document, &data, &len);
    if (st != FG_OK) {
        int err = errno;
        fg_document *d = new_document(path);
        set_info(d, NULL);
        fg_source_init_empty(&d->src);
        if (err == EFBIG)
            too_large(d, engine, "the file");
        else
            fg_diags_add(&d->diags, FG_ERROR, "read-failed", FG_NO_OFFSET, "cannot %s: %s",
                         st == FG_ERR_OPEN ? "open" : "read", strerror(err));
        publish_diags(d);
        *out = d;
        return st;
    }
    *out = parse(engine, path, data, len, data);
    return FG_OK;
}

void fg_document_free(fg_document *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_measures; i++)
        measure_fini(&d->measures[i]);
    free(d->measures);
    free((char *)d->info.key);
    free((char *)d->info.path);
    free((char *)d->info.title);
    free((char *)d->info.number);
    free((char *)d->info.issuer);
    free((char *)d->info.date);
    free((char *)d->info.level);
    free((char *)d->info.published);
    free((char *)d->info.status);
    free(d->pub_diags);
    if (d->owned_codes)
        for (size_t i = 0; i < d->diags.n; i++)
            free(d->owned_codes[i]);
    free(d->owned_codes);
    fg_diags_fini(&d->diags);
    fg_text_fini(&d->text);
    fg_source_fini(&d->src);
    free(d);
}

const fg_docinfo *fg_document_info(const fg_document *d) { return &d->info; }
size_t fg_document_n_measures(const fg_document *d) { return d->n_measures; }
const fg_measure *fg_document_measures(const fg_document *d) { return d->measures; }
size_t fg_document_n_diags(const fg_document *d) { return d->diags.n; }
const fg_diag *fg_document_diags(const fg_document *d) { return d->pub_diags; }
bool fg_document_has_errors(const fg_document *d) { return d->has_errors; }

const char *fg_document_source_line(const fg_document *d, size_t line, size_t *len)
{
    if (line == 0 || line > d->src.n_lines)
        return NULL;
    size_t a = d->src.line_starts[line - 1];
    size_t b = line < d->src.n_lines ? d->src.line_starts[line] : d->src.len;
    while (b > a && (d->src.text[b - 1] == '\n' || d->src.text[b - 1] == '\r'))
        b--;
    *len = b - a;
    return d->src.text + a;
}

/*** Shard records ***/

#define RECORD_MAGIC UINT64_C(0x34434F44474B) /* "KGDOC4": with doc_id and pages */

fg_status fg_document_write(const fg_document *d, FILE *fp)
{
    fg_out o = {fp, false};
    const fg_docinfo *i = &d->info;
    fg_put_u64(&o, RECORD_MAGIC);
    const char *info[] = {i->key,  i->path,  i->title,     i->number, i->issuer,
                          i->date, i->level, i->published, i->status};
    for (size_t k = 0; k < 9; k++)
        fg_put_str(&o, info[k]);
    fg_put_u64(&o, i->bytes);
    fg_put_u64(&o, i->content_hash);
    fg_put_str(&o, i->doc_id);
    fg_put_u64(&o, d->n_measures);
    for (size_t m = 0; m < d->n_measures; m++) {
        const fg_measure *me = &d->measures[m];
        const char *str[] = {me->id, me->heading, me->section, me->text, me->attribution,
                             me->deadline};
        for (size_t k = 0; k < 6; k++)
            fg_put_str(&o, str[k]);
        fg_put_u64(&o, me->line);
        fg_put_u64(&o, me->col);
        fg_put_u64(&o, me->page);
        fg_put_u64(&o, (uint64_t)me->attributed | (uint64_t)me->review << 1);
        fg_put_u64(&o, me->n_assignments);
        for (size_t k = 0; k < me->n_assignments; k++) {
            const fg_assignment *as = &me->assignments[k];
            fg_put_u64(&o, (uint64_t)(int64_t)as->agency);
            fg_put_str(&o, as->name);
            fg_put_str(&o, as->written);
            fg_put_u64(&o, as->role);
            fg_put_u64(&o, (uint64_t)as->open_list | (uint64_t)as->implicit << 1 |
                               (uint64_t)as->inherited << 2);
            fg_put_u64(&o, as->line);
            fg_put_u64(&o, as->col);
            fg_put_u64(&o, as->page);
        }
    }
    fg_put_u64(&o, d->diags.n);
    for (size_t k = 0; k < d->diags.n; k++) {
        const fg_diag *g = &d->pub_diags[k];
        fg_put_u64(&o, g->severity);
        fg_put_str(&o, g->code);
        fg_put_str(&o, g->message);
        fg_put_u64(&o, g->line);
        fg_put_u64(&o, g->col);
        fg_put_u64(&o, g->measure);
    }
    return o.failed ? FG_ERR_WRITE : FG_OK;
}

/* Counts read from a file are bounded before anything is allocated. */
static bool plausible(fg_in *in, uint64_t n)
{
    if (n > (1u << 26))
        in->failed = true;
    return !in->failed;
}

static void read_measure(fg_in *in, const fg_engine *engine, fg_measure *me)
{
    char **str[] = {(char **)&me->id, (char **)&me->heading, (char **)&me->section,
                    (char **)&me->text, (char **)&me->attribution, (char **)&me->deadline};
    for (size_t k = 0; k < 6; k++)
        *str[k] = fg_get_str(in);
    me->line = (size_t)fg_get_u64(in);
    me->col = (size_t)fg_get_u64(in);
    me->page = (size_t)fg_get_u64(in);
    uint64_t flags = fg_get_u64(in);
    me->attributed = flags & 1;
    me->review = flags & 2;
    uint64_t n = fg_get_u64(in);
    if (!plausible(in, n))
        return;
    fg_assignment *as = fg_xcalloc((size_t)n + 1, sizeof *as);
    me->assignments = as;
    for (size_t k = 0; k < n && !in->failed; k++, me->n_assignments++) {
        int64_t agency = (int64_t)fg_get_u64(in);
        as[k].name = fg_get_str(in);
        as[k].written = fg_get_str(in);
        uint64_t role = fg_get_u64(in);
        uint64_t as_flags = fg_get_u64(in);
        as[k].open_list = as_flags & 1;
        as[k].implicit = as_flags & 2;
        as[k].inherited = as_flags & 4;
        as[k].line = (size_t)fg_get_u64(in);
        as[k].col = (size_t)fg_get_u64(in);
        as[k].page = (size_t)fg_get_u64(in);
        as[k].role = role < FG_N_ROLES ? (fg_role)role : FG_ROLE_RESPONSIBLE;
        /* a shard made with another registry would put names in wrong columns */
        const char *reg = agency >= 0 ? fg_engine_agency_name(engine, (size_t)agency) : NULL;
        if (role >= FG_N_ROLES || agency < -1 || (agency >= 0 && (!reg || strcmp(reg, as[k].name))))
            in->failed = true;
        as[k].agency = (int)agency;
    }
}

fg_status fg_document_read(const fg_engine *engine, FILE *fp, fg_document **out)
{
    fg_in in = {fp, false};
    *out = NULL;
    if (fg_get_u64(&in) != RECORD_MAGIC)
        return FG_ERR_READ;
    fg_document *d = fg_xcalloc(1, sizeof *d);
    fg_diags_init(&d->diags);
    fg_source_init_empty(&d->src);
    char **info[] = {
        (char **)&d->info.key,    (char **)&d->info.path,      (char **)&d->info.title,
        (char **)&d->info.number, (char **)&d->info.issuer,    (char **)&d->info.date,
        (char **)&d->info.level,  (char **)&d->info.published, (char **)&d->info.status};
    for (size_t k = 0; k < 9; k++)
        *info[k] = fg_get_str(&in);
    d->info.bytes = (size_t)fg_get_u64(&in);
    d->info.content_hash = fg_get_u64(&in);
    char *id = fg_get_str(&in);
    snprintf(d->info.doc_id, sizeof d->info.doc_id, "%s", id ? id : "");
    free(id);
    uint64_t n = fg_get_u64(&in);
    if (plausible(&in, n)) {
        d->measures = fg_xcalloc((size_t)n + 1, sizeof *d->measures);
        d->cap_measures = (size_t)n + 1;
        for (size_t m = 0; m < n && !in.failed; m++)
            read_measure(&in, engine, &d->measures[d->n_measures++]);
    }
    n = fg_get_u64(&in);
    if (plausible(&in, n)) {
        d->owned_codes = fg_xcalloc((size_t)n + 1, sizeof *d->owned_codes);
        d->pub_diags = fg_xcalloc((size_t)n + 1, sizeof *d->pub_diags);
        for (size_t k = 0; k < n && !in.failed; k++) {
            uint64_t sev = fg_get_u64(&in);
            char *code = fg_get_str(&in);
            char *msg = fg_get_str(&in);
            fg_diags_add(&d->diags, sev <= FG_ERROR ? (fg_severity)sev : FG_ERROR, code,
                         FG_NO_OFFSET, "%s", msg);
            free(msg);
            d->owned_codes[k] = code;
            fg_diag *g = &d->pub_diags[k];
            g->severity = d->diags.items[k].severity;
            g->code = code;
            g->message = d->diags.items[k].message;
            g->line = (size_t)fg_get_u64(&in);
            g->col = (size_t)fg_get_u64(&in);
            g->measure = (size_t)fg_get_u64(&in);
            d->has_errors = d->has_errors || g->severity == FG_ERROR;
        }
    }
    if (in.failed) {
        fg_document_free(d);
        return FG_ERR_READ;
    }
    *out = d;
    return FG_OK;
}
