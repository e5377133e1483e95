/* Agency registry.
 *
 * The bodies live in data/agencies.csv (its header comment gives the format,
 * the order and the sources for dates), compiled into the binary by
 * cmake/embed.cmake and parsed here with libcsv (src/read_csv.c). A user
 * file (--agencies) of the same columns is merged into it: a row named like
 * a built-in body replaces it, other rows add bodies. Loading checks what a
 * hand-edited file gets wrong (a category that does not exist, a date that
 * is not one, an alias two bodies claim, a successor that is not a body, a
 * successor chain that loops) and names the file and line.
 *
 * From each central body's `local` forms (商务厅|商务局) the registry makes
 * one unit per level of local government (省商务厅, 市商务局, 县商务局),
 * ordered after all central bodies level by level in their counterparts'
 * order, so that a provincial plan's columns line up with the State
 * Council's. A unit follows its counterpart's dates and successors (省质监局
 * → 省市场监管局).
 *
 * Lookup is on whole names only, after folding traditional characters to
 * simplified ones: 中国国家铁路集团有限公司 is 国铁集团, never 国家铁路局, and
 * 人民银行 is never found inside 进出口银行. Local units are read as a place
 * or level prefix plus a whole local form (江西省商务厅 = 江西省 + 商务厅).
 */
#include "agency.h"

#include "buf.h"
#include "read_csv.h"
#include "source.h"
#include "t2s.h"
#include "utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*** Names of enums ***/

static const char *const CAT_NAMES[FG_N_CATS] = {
    "国务院组成部门", "直属特设机构",     "直属机构",   "办事机构",
    "直属事业单位",   "部委管理的国家局", "党中央部门", "其他国家机关",
    "人民团体",       "金融机构与企业",   "地方"};

const char *fg_agency_cat_name(fg_agency_cat cat)
{
    return (unsigned)cat < FG_N_CATS ? CAT_NAMES[cat] : "";
}

const char *fg_level_name(fg_level level)
{
    static const char *const N[] = {"", "central", "provincial", "municipal", "county",
                                    "county"};
    return (unsigned)level <= FG_LEVEL_DISTRICT ? N[level] : "";
}

/*** Name tables ***/

struct fg_name_slot {
    char *key; /* folded name, owned; NULL when empty */
    size_t len;
    int agency;
};

static int nt_get(const fg_nametab *t, const char *k, size_t len)
{
    if (!t->cap)
        return -1;
    for (size_t i = (size_t)fg_hash(k, len) & (t->cap - 1); t->slots[i].key;
         i = (i + 1) & (t->cap - 1))
        if (t->slots[i].len == len && memcmp(t->slots[i].key, k, len) == 0)
            return t->slots[i].agency;
    return -1;
}

static void nt_place(fg_nametab *t, char *key, size_t len, int agency)
{
    size_t i = (size_t)fg_hash(key, len) & (t->cap - 1);
    while (t->slots[i].key)
        i = (i + 1) & (t->cap - 1);
    t->slots[i] = (fg_name_slot){key, len, agency};
    t->n++;
}

/* Inserts k → agency. Returns -1 when inserted or already there for the
 * same agency, else the agency that holds the name. */
static int nt_put(fg_nametab *t, const char *k, size_t len, int agency)
{
    int have = nt_get(t, k, len);
    if (have >= 0)
        return have == agency ? -1 : have;
    if ((t->n + 1) * 2 > t->cap) {
        fg_nametab old = *t;
        t->cap = old.cap ? old.cap * 2 : 256;
        t->slots = fg_xcalloc(t->cap, sizeof *t->slots);
        t->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.slots[i].key)
                nt_place(t, old.slots[i].key, old.slots[i].len, old.slots[i].agency);
        free(old.slots);
    }
    nt_place(t, fg_xstrndup(k, len), len, agency);
    return -1;
}

static void nt_fini(fg_nametab *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->slots[i].key);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* Folds s[0..len) into `key` (cleared first) and looks it up. */
static int nt_get_folded(const fg_nametab *t, const char *s, size_t len, fg_buf *key)
{
    fg_buf_clear(key);
    fg_t2s_fold(s, len, key);
    return key->len ? nt_get(t, key->ptr, key->len) : -1;
}

static int nt_put_folded(fg_nametab *t, const char *s, size_t len, int agency)
{
    fg_buf key;
    fg_buf_init(&key);
    fg_t2s_fold(s, len, &key);
    int have = key.len ? nt_put(t, key.ptr, key.len, agency) : -1;
    fg_buf_fini(&key);
    return have;
}

/* Calls fn for each '|'-separated item of `list`, trimmed. Stops and
 * returns false when fn does. */
typedef bool (*item_fn)(void *ctx, const char *s, size_t len);

static bool each_item(const char *list, item_fn fn, void *ctx)
{
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, '|');
        size_t off = 0, n = e ? (size_t)(e - p) : strlen(p);
        fg_utf8_trim(p, &off, &n);
        if (!fn(ctx, p + off, n))
            return false;
        p += (e ? (size_t)(e - p) + 1 : strlen(p));
        if (e && !*p && !fn(ctx, p, 0)) /* "a|": an empty last item */
            return false;
    }
    return true;
}

/*** Loading rows ***/

enum {
    COL_NAME,
    COL_FULL,
    COL_CAT,
    COL_ORDER,
    COL_PARENT,
    COL_FROM,
    COL_TO,
    COL_SUCC,
    COL_ALIASES,
    COL_LOCAL,
    N_COLS
};

static const char *const COL_NAMES[N_COLS] = {"name",    "full_name",  "category", "order",
                                              "parent",  "valid_from", "valid_to", "successor",
                                              "aliases", "local"};

typedef struct row {
    fg_agency a;
    char *parent_name, *successor_name; /* as written, "" when none */
    size_t seq;                         /* input position: ties in order keep it */
    bool from_user;
} row;

typedef struct loader {
    row *rows;
    size_t n_rows, cap_rows;
    const char *source; /* the file being read */
    bool user;          /* reading the user file */
    int col[N_COLS];    /* field index of each column, -1 when absent */
    size_t n_header;    /* fields in the header, 0 before it */
    size_t seq;
    fg_nametab by_name; /* row name → index in rows: one lookup a row, where a
                           scan of every row took 35 minutes for 1M rows */
    char *err;
    size_t n_err;
} loader;

/* Writes "SOURCE:LINE: message" into the loader's error buffer. */
static bool fail(loader *L, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(loader *L, size_t line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(L->err, L->n_err, "%s:%zu: %s", L->source, line, msg);
    return false;
}

static bool read_header(loader *L, char **f, size_t n, size_t line)
{
    for (int c = 0; c < N_COLS; c++)
        L->col[c] = -1;
    for (size_t i = 0; i < n; i++) {
        size_t off = 0, len = strlen(f[i]);
        fg_utf8_trim(f[i], &off, &len);
        int c = 0;
        while (c < N_COLS &&
               !(strlen(COL_NAMES[c]) == len && memcmp(COL_NAMES[c], f[i] + off, len) == 0))
            c++;
        if (c == N_COLS)
            return fail(L, line,
                        "unknown column “%s” in the header (the columns are name, "
                        "full_name, category, order, parent, valid_from, valid_to, successor, "
                        "aliases, local)",
                        f[i]);
        if (L->col[c] >= 0)
            return fail(L, line, "column “%s” appears twice in the header", COL_NAMES[c]);
        L->col[c] = (int)i;
    }
    for (int c = COL_NAME; c <= COL_ORDER; c++)
        if (c != COL_FULL && L->col[c] < 0)
            return fail(L, line,
                        "the header has no column “%s” (name, category and order are "
                        "required)",
                        COL_NAMES[c]);
    L->n_header = n;
    return true;
}

static const char *field(const loader *L, char **f, int c)
{
    return L->col[c] >= 0 ? f[L->col[c]] : "";
}

bool fg_is_date(const char *s)
{
    static const int DAYS[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m >= 1 && m <= 12 && d >= 1 && d <= DAYS[m - 1] && (m != 2 || d <= 28 || leap);
}

static bool check_item(void *ctx, const char *s, size_t len)
{
    *(bool *)ctx = *(bool *)ctx && len > 0 && !memchr(s, '\n', len);
    return true;
}

static bool check_list(loader *L, size_t line, const char *list, const char *col)
{
    bool ok = true;
    each_item(list, check_item, &ok);
    if (!ok)
        return fail(L, line,
                    "%s: an empty name between '|' separators (or a line break "
                    "in a name): “%s”",
                    col, list);
    return true;
}

static bool parse_date(loader *L, size_t line, const char *s, const char *col, char *out)
{
    if (*s && !fg_is_date(s))
        return fail(L, line, "%s “%s” is not a date YYYY-MM-DD", col, s);
    snprintf(out, FG_DATE_LEN, "%s", s);
    return true;
}

static int category_of(const char *s)
{
    for (int c = 0; c < FG_N_CATS; c++)
        if (strcmp(s, CAT_NAMES[c]) == 0)
            return c;
    return -1;
}

static void free_row(row *w)
{
    free(w->a.name);
    free(w->a.full_name);
    free(w->a.aliases);
    free(w->a.local);
    free(w->parent_name);
    free(w->successor_name);
}

static char *trimmed_dup(const char *s)
{
    size_t off = 0, len = strlen(s);
    fg_utf8_trim(s, &off, &len);
    return fg_xstrndup(s + off, len);
}

/* Builds a row from the fields of one record, checking each field. */
static bool make_row(loader *L, char **f, size_t line, row *w)
{
    memset(w, 0, sizeof *w);
    const char *name = field(L, f, COL_NAME), *cat = field(L, f, COL_CAT);
    const char *order = field(L, f, COL_ORDER);
    if (!*name)
        return fail(L, line, "the name is empty");
    if (strchr(name, '|'))
        return fail(L, line,
                    "the name “%s” contains '|' (aliases go in the aliases "
                    "column)",
                    name);
    int c = category_of(cat);
    if (c < 0)
        return fail(L, line,
                    "unknown category “%s” (one of 国务院组成部门, 直属特设机构, 直属机构, "
                    "办事机构, 直属事业单位, 部委管理的国家局, 党中央部门, 其他国家机关, 人民团体, "
                    "金融机构与企业, 地方) for %s",
                    cat, name);
    char *end;
    long ord = strtol(order, &end, 10);
    if (!*order || *end || order[0] == '-' || order[0] == '+' || ord > 999999999L)
        return fail(L, line, "order “%s” of %s is not a whole number from 0 to 999999999", order,
                    name);
    w->a.cat = (fg_agency_cat)c;
    w->a.order = ord;
    if (!parse_date(L, line, field(L, f, COL_FROM), "valid_from", w->a.valid_from) ||
        !parse_date(L, line, field(L, f, COL_TO), "valid_to", w->a.valid_to))
        return false;
    if (w->a.valid_from[0] && w->a.valid_to[0] && strcmp(w->a.valid_from, w->a.valid_to) > 0)
        return fail(L, line, "valid_from %s is after valid_to %s", w->a.valid_from, w->a.valid_to);
    if (*field(L, f, COL_SUCC) && !w->a.valid_to[0])
        return fail(L, line, "%s has a successor but no valid_to (the day the successor took over)",
                    name);
    if (!check_list(L, line, field(L, f, COL_ALIASES), "aliases") ||
        !check_list(L, line, field(L, f, COL_LOCAL), "local"))
        return false;
    if (*field(L, f, COL_LOCAL) && c == FG_CAT_LOCAL)
        return fail(L, line, "%s is a 地方 body: only central bodies have local forms", name);
    w->a.name = trimmed_dup(name);
    w->a.full_name = trimmed_dup(field(L, f, COL_FULL));
    w->a.aliases = trimmed_dup(field(L, f, COL_ALIASES));
    w->a.local = trimmed_dup(field(L, f, COL_LOCAL));
    w->parent_name = trimmed_dup(field(L, f, COL_PARENT));
    w->successor_name = trimmed_dup(field(L, f, COL_SUCC));
    w->a.parent = w->a.successor = w->a.counterpart = -1;
    w->a.unit[0] = w->a.unit[1] = w->a.unit[2] = w->a.unit[3] = -1;
    w->a.source = L->source;
    w->a.line = line;
    w->from_user = L->user;
    return true;
}

static bool on_record(void *ctx, char **f, size_t n, size_t line)
{
    loader *L = ctx;
    if (!L->n_header)
        return read_header(L, f, n, line);
    if (n != L->n_header) {
        return fail(L, line, "%zu fields, but the header has %zu", n, L->n_header);
    }
    row w;
    if (!make_row(L, f, line, &w)) {
        free_row(&w);
        return false;
    }
    int have = nt_get(&L->by_name, w.a.name, strlen(w.a.name));
    if (have >= 0) {
        row *o = &L->rows[have];
        if (o->from_user == L->user) { /* the same file names a body twice */
            free_row(&w);
            return fail(L, line, "%s is already defined at line %zu", o->a.name, o->a.line);
        }
        w.seq = o->seq; /* a user row replaces the built-in one */
        free_row(o);
        *o = w;
        return true;
    }
    w.seq = L->seq++;
    L->rows = fg_xgrow(L->rows, &L->cap_rows, L->n_rows + 1, sizeof *L->rows);
    nt_put(&L->by_name, w.a.name, strlen(w.a.name), (int)L->n_rows);
    L->rows[L->n_rows++] = w;
    return true;
}

static fg_status read_rows(loader *L, const char *data, size_t len, const char *source, bool user)
{
    L->source = source;
    L->user = user;
    L->n_header = 0;
    L->err[0] = '\0';
    fg_status st = fg_csv_read(data, len, source, on_record, L, L->err, L->n_err);
    if (st == FG_OK && !L->n_header) {
        snprintf(L->err, L->n_err, "%s: no header line (name,full_name,category,order,…)", source);
        st = FG_ERR_DATA;
    }
    return st;
}

/*** Building the registry ***/

static int by_order(const void *pa, const void *pb)
{
    const row *a = pa, *b = pb;
    if (a->a.order != b->a.order)
        return a->a.order < b->a.order ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

typedef struct claim {
    fg_nametab *tab;
    int agency;
    int clash;  /* the other agency when a name is taken */
    char *what; /* the name that clashed, owned */
} claim;

static bool claim_item(void *ctx, const char *s, size_t len)
{
    claim *c = ctx;
    int have = nt_put_folded(c->tab, s, len, c->agency);
    if (have >= 0) {
        c->clash = have;
        c->what = fg_xstrndup(s, len);
        return false;
    }
    return true;
}

/* A local form with 和 is also written without it: 自然资源和规划局 as
 * 自然资源规划局, 文化和旅游局 as 文化旅游局. The variant is only added
 * where no body has it already. */
static bool claim_without_he(void *ctx, const char *s, size_t len)
{
    claim *c = ctx;
    fg_buf b;
    fg_buf_init(&b);
    for (size_t i = 0; i < len;) {
        if (i + 3 <= len && memcmp(s + i, "和", 3) == 0) {
            i += 3;
            continue;
        }
        fg_buf_putc(&b, s[i++]);
    }
    if (b.len < len && b.len > 0)
        nt_put_folded(c->tab, b.ptr, b.len, c->agency); /* a clash: keep the other */
    fg_buf_fini(&b);
    return true;
}

/* Reports that the name `c->what` of row `i` is already one of another
 * body's, blaming the user file's row when one of the two comes from it. */
static fg_status clash(const row *rows, size_t i, claim *c, const char *kind, char *err,
                       size_t n_err)
{
    const row *a = &rows[i], *b = &rows[c->clash];
    if (b->from_user && !a->from_user) {
        const row *t = a;
        a = b;
        b = t;
    }
    snprintf(err, n_err, "%s:%zu: %s “%s” of %s is already %s of %s (%s:%zu)", a->a.source,
             a->a.line, kind, c->what, a->a.name,
             strcmp(kind, "local form") == 0 ? "a local form" : "a name", b->a.name, b->a.source,
             b->a.line);
    free(c->what);
    return FG_ERR_DATA;
}

/* Every name of row `i` (canonical, full, aliases) into `tab`. */
static fg_status claim_names(fg_nametab *tab, const row *rows, size_t i, char *err, size_t n_err)
{
    claim c = {tab, (int)i, -1, NULL};
    const fg_agency *a = &rows[i].a;
    if (!claim_item(&c, a->name, strlen(a->name)) ||
        (*a->full_name && !claim_item(&c, a->full_name, strlen(a->full_name))) ||
        !each_item(a->aliases, claim_item, &c))
        return clash(rows, i, &c, "name", err, n_err);
    return FG_OK;
}

/* The local form a unit of `level` is named after: provinces prefer a 厅
 * form, cities any form but a 厅 one, counties a 局 form first. Only
 * provinces have 厅: a body whose forms all end in 厅 (国家林业局: 林业厅)
 * has no municipal or county unit. */
typedef struct pick {
    const char *first, *first_ting, *first_not_ting, *first_ju;
    size_t len_first, len_ting, len_not_ting, len_ju;
} pick;

static bool pick_item(void *ctx, const char *s, size_t len)
{
    pick *p = ctx;
    bool ting = fg_has_suffix(s, len, "厅"), ju = fg_has_suffix(s, len, "局");
    if (!p->first)
        p->first = s, p->len_first = len;
    if (ting && !p->first_ting)
        p->first_ting = s, p->len_ting = len;
    if (!ting && !p->first_not_ting)
        p->first_not_ting = s, p->len_not_ting = len;
    if (ju && !p->first_ju)
        p->first_ju = s, p->len_ju = len;
    return true;
}

static const char *const LEVEL_WORD[] = {"", "", "省", "市", "县", "区"};

/* The unit's canonical name (owned by the caller), or NULL when the body
 * has none at that level. */
static char *unit_name(const char *local, fg_level level)
{
    pick p = {0};
    each_item(local, pick_item, &p);
    const char *s = p.first;
    size_t n = p.len_first;
    if (level == FG_LEVEL_PROVINCE && p.first_ting)
        s = p.first_ting, n = p.len_ting;
    else if ((level == FG_LEVEL_COUNTY || level == FG_LEVEL_DISTRICT) && p.first_ju)
        s = p.first_ju, n = p.len_ju;
    else if (level != FG_LEVEL_PROVINCE)
        s = p.first_not_ting, n = p.len_not_ting;
    if (!s)
        return NULL;
    fg_buf b;
    fg_buf_init(&b);
    fg_buf_puts(&b, LEVEL_WORD[level]);
    fg_buf_put(&b, s, n);
    return fg_buf_detach(&b);
}

/* Adds one unit row per level for every row with local forms, unless a row
 * already carries the unit's name (a user file's own 省商务厅). */
static void make_units(loader *L, fg_nametab *tab)
{
    size_t n_rows = L->n_rows;
    for (int lv = FG_LEVEL_PROVINCE; lv <= FG_LEVEL_DISTRICT; lv++)
        for (size_t i = 0; i < n_rows; i++) {
            if (!*L->rows[i].a.local)
                continue;
            char *name = unit_name(L->rows[i].a.local, (fg_level)lv);
            if (!name)
                continue;
            if (nt_put_folded(tab, name, strlen(name), (int)L->n_rows) >= 0) {
                free(name); /* a row has the name: fg_registry_load links it below */
                continue;
            }
            row u;
            memset(&u, 0, sizeof u);
            u.a.name = name;
            u.a.full_name = fg_xstrdup("");
            u.a.aliases = fg_xstrdup("");
            u.a.local = fg_xstrdup("");
            u.parent_name = fg_xstrdup("");
            u.successor_name = fg_xstrdup("");
            u.a.cat = FG_CAT_LOCAL;
            u.a.order = 100000L * (lv - 1) + L->rows[i].a.order;
            u.a.parent = u.a.successor = -1;
            u.a.counterpart = (int)L->rows[i].seq; /* by seq until the final sort */
            u.a.level = (fg_level)lv;
            u.a.unit[0] = u.a.unit[1] = u.a.unit[2] = u.a.unit[3] = -1;
            u.seq = L->seq++;
            L->rows = fg_xgrow(L->rows, &L->cap_rows, L->n_rows + 1, sizeof *L->rows);
            L->rows[L->n_rows++] = u;
        }
}

static fg_status resolve_ref(fg_registry *r, const row *w, const char *ref, const char *col,
                             int *out, char *err, size_t n_err)
{
    *out = -1;
    if (!*ref)
        return FG_OK;
    *out = fg_registry_lookup(r, ref, strlen(ref));
    if (*out < 0) {
        snprintf(err, n_err, "%s:%zu: %s “%s” of %s is not a body of the registry", w->a.source,
                 w->a.line, col, ref, w->a.name);
        return FG_ERR_DATA;
    }
    return FG_OK;
}

/* Moves the sorted rows into the registry and builds its tables. */
static fg_status finish(fg_registry *r, loader *L, char *err, size_t n_err)
{
    fg_status st = FG_OK;
    size_t n = L->n_rows;
    r->agencies = fg_xcalloc(n ? n : 1, sizeof *r->agencies);
    r->n_agencies = n;
    int *at_seq = fg_xcalloc(L->seq ? L->seq : 1, sizeof *at_seq); /* seq → index */
    for (size_t i = 0; i < n; i++)
        at_seq[L->rows[i].seq] = (int)i;
    for (size_t i = 0; i < n; i++) {
        r->agencies[i] = L->rows[i].a; /* the strings move to the registry */
        if (r->agencies[i].counterpart >= 0)
            r->agencies[i].counterpart = at_seq[r->agencies[i].counterpart];
    }
    free(at_seq);
    for (size_t i = 0; i < n && st == FG_OK; i++)
        st = claim_names(&r->names, L->rows, i, err, n_err);
    /* local forms, and the link from a body to its units */
    for (size_t i = 0; i < n && st == FG_OK; i++) {
        fg_agency *a = &r->agencies[i];
        claim c = {&r->locals, (int)i, -1, NULL};
        if (!each_item(a->local, claim_item, &c)) {
            st = clash(L->rows, i, &c, "local form", err, n_err);
            break;
        }
    }
    for (size_t i = 0; i < n && st == FG_OK; i++) {
        fg_agency *a = &r->agencies[i];
        claim c = {&r->locals, (int)i, -1, NULL};
        each_item(a->local, claim_without_he, &c);
        for (int lv = FG_LEVEL_PROVINCE; *a->local && lv <= FG_LEVEL_DISTRICT; lv++) {
            char *name = unit_name(a->local, (fg_level)lv);
            a->unit[lv - FG_LEVEL_PROVINCE] = name ? fg_registry_lookup(r, name, strlen(name)) : -1;
            free(name);
        }
    }
    for (size_t i = 0; i < n && st == FG_OK; i++) {
        const row *w = &L->rows[i];
        fg_agency *a = &r->agencies[i];
        if (a->counterpart >= 0)
            continue;
        st = resolve_ref(r, w, w->parent_name, "parent", &a->parent, err, n_err);
        if (st == FG_OK)
            st = resolve_ref(r, w, w->successor_name, "successor", &a->successor, err, n_err);
        if (st == FG_OK && a->parent == (int)i) {
            snprintf(err, n_err, "%s:%zu: %s is its own parent", a->source, a->line, a->name);
            st = FG_ERR_DATA;
        }
        if (st == FG_OK && a->successor == (int)i) {
            snprintf(err, n_err, "%s:%zu: %s is its own successor", a->source, a->line, a->name);
            st = FG_ERR_DATA;
        }
    }
    return st;
}

/* A unit follows its counterpart: same dates, and the unit of the
 * counterpart's successor at the same level. */
static void link_units(fg_registry *r)
{
    for (size_t i = 0; i < r->n_agencies; i++) {
        fg_agency *u = &r->agencies[i];
        if (u->counterpart < 0)
            continue;
        const fg_agency *c = &r->agencies[u->counterpart];
        memcpy(u->valid_from, c->valid_from, FG_DATE_LEN);
        memcpy(u->valid_to, c->valid_to, FG_DATE_LEN);
        if (c->successor >= 0)
            u->successor = r->agencies[c->successor].unit[u->level - FG_LEVEL_PROVINCE];
    }
}

/* Successor chains end, and a successor exists by the time its
 * predecessor ends. */
static fg_status check_successors(const fg_registry *r, char *err, size_t n_err)
{
    for (size_t i = 0; i < r->n_agencies; i++) {
        const fg_agency *a = &r->agencies[i];
        if (a->successor < 0 || a->counterpart >= 0)
            continue;
        const fg_agency *s = &r->agencies[a->successor];
        if (s->valid_from[0] && strcmp(s->valid_from, a->valid_to) > 0) {
            snprintf(err, n_err, "%s:%zu: successor %s begins on %s, after %s ends on %s",
                     a->source, a->line, s->name, s->valid_from, a->name, a->valid_to);
            return FG_ERR_DATA;
        }
        int k = (int)i;
        for (size_t steps = 0; k >= 0; steps++) {
            if (steps > r->n_agencies) {
                snprintf(err, n_err, "%s:%zu: the successors of %s go round in a circle", a->source,
                         a->line, a->name);
                return FG_ERR_DATA;
            }
            k = r->agencies[k].successor;
        }
    }
    return FG_OK;
}

fg_status fg_registry_load_text(fg_registry *r, const char *builtin, size_t builtin_len,
                                const char *user, size_t user_len, const char *user_name, char *err,
                                size_t n_err)
{
    memset(r, 0, sizeof *r);
    char scratch[8];
    if (!err) {
        err = scratch;
        n_err = sizeof scratch;
    }
    r->sources[0] = fg_xstrdup(FG_AGENCIES_CSV_NAME);
    r->sources[1] = fg_xstrdup(user_name ? user_name : "");
    loader L = {.err = err, .n_err = n_err};
    fg_status st = read_rows(&L, builtin, builtin_len, r->sources[0], false);
    if (st == FG_OK && user)
        st = read_rows(&L, user, user_len, r->sources[1], true);
    nt_fini(&L.by_name); /* rows are reordered below: the indexes would go stale */
    fg_nametab taken = {0};
    for (size_t i = 0; i < L.n_rows && st == FG_OK; i++)
        st = claim_names(&taken, L.rows, i, err, n_err);
    if (st == FG_OK) {
        make_units(&L, &taken);
        qsort(L.rows, L.n_rows, sizeof *L.rows, by_order);
        st = finish(r, &L, err, n_err);
    }
    nt_fini(&taken);
    for (size_t i = 0; i < L.n_rows; i++) {
        free(L.rows[i].parent_name);
        free(L.rows[i].successor_name);
    }
    if (!r->agencies) /* the strings were not handed over */
        for (size_t i = 0; i < L.n_rows; i++) {
            L.rows[i].parent_name = L.rows[i].successor_name = NULL;
            free_row(&L.rows[i]);
        }
    free(L.rows);
    if (st == FG_OK) {
        link_units(r);
        st = check_successors(r, err, n_err);
    }
    if (st != FG_OK)
        fg_registry_fini(r);
    return st;
}

fg_status fg_registry_load(fg_registry *r, const char *user_file, char *err, size_t n_err)
{
    char *data = NULL;
    size_t len = 0;
    if (user_file) {
        fg_status st = fg_source_read_file(user_file, false, &data, &len);
        if (st != FG_OK) {
            memset(r, 0, sizeof *r);
            if (err)
                snprintf(err, n_err, "cannot %s %s: %s", st == FG_ERR_OPEN ? "open" : "read",
                         user_file, strerror(errno));
            return st;
        }
    }
    fg_status st = fg_registry_load_text(r, (const char *)fg_agencies_csv, fg_agencies_csv_len,
                                         data, len, user_file, err, n_err);
    free(data);
    return st;
}

void fg_registry_fini(fg_registry *r)
{
    for (size_t i = 0; i < r->n_agencies; i++) {
        fg_agency *a = &r->agencies[i];
        free(a->name);
        free(a->full_name);
        free(a->aliases);
        free(a->local);
    }
    free(r->agencies);
    nt_fini(&r->names);
    nt_fini(&r->locals);
    free(r->sources[0]);
    free(r->sources[1]);
    memset(r, 0, sizeof *r);
}

/*** Lookup ***/

static const char PRC[] = "中华人民共和国";

/* No body's name, place names included, is anywhere near this long: a
 * longer "name" (a bracket of one megabyte without a separator) is not
 * folded and hashed at all. */
enum { MAX_NAME_BYTES = 256 };

int fg_registry_lookup(const fg_registry *r, const char *s, size_t len)
{
    if (len > MAX_NAME_BYTES)
        return -1;
    fg_buf key;
    fg_buf_init(&key);
    int i = nt_get_folded(&r->names, s, len, &key);
    if (i < 0 && len > sizeof PRC - 1 && fg_has_prefix(key.ptr, key.len, PRC))
        i = nt_get(&r->names, key.ptr + sizeof PRC - 1, key.len - (sizeof PRC - 1));
    fg_buf_fini(&key);
    return i;
}

/* Level prefixes written without a place name: 省商务厅, 市发改委, 区发改局. */
static const struct {
    const char *word;
    fg_level level;
} GENERIC[] = {{"自治区", FG_LEVEL_PROVINCE}, {"省", FG_LEVEL_PROVINCE}, {"自治州", FG_LEVEL_CITY},
               {"州", FG_LEVEL_CITY},         {"盟", FG_LEVEL_CITY},     {"市", FG_LEVEL_CITY},
               {"自治县", FG_LEVEL_COUNTY},   {"县", FG_LEVEL_COUNTY},   {"区", FG_LEVEL_DISTRICT},
               {"旗", FG_LEVEL_COUNTY}};

static bool is_ideograph(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* The level of a place name by its last word: 江西省, 新疆维吾尔自治区 and the
 * four 直辖市 are provinces; 新余市, 黔东南苗族侗族自治州 cities; 渝水区, 某县
 * counties. A county-level city (瑞金市) cannot be told from its name and
 * counts as a city. */
static fg_level place_level(const char *p, size_t len, bool *municipality)
{
    static const struct {
        const char *suffix;
        fg_level level;
    } SUFFIX[] = {{"特别行政区", FG_LEVEL_PROVINCE},
                  {"自治区", FG_LEVEL_PROVINCE},
                  {"地区", FG_LEVEL_CITY},
                  {"省", FG_LEVEL_PROVINCE},
                  {"州", FG_LEVEL_CITY},
                  {"盟", FG_LEVEL_CITY},
                  {"市", FG_LEVEL_CITY},
                  {"县", FG_LEVEL_COUNTY},
                  {"区", FG_LEVEL_DISTRICT},
                  {"旗", FG_LEVEL_COUNTY}};
    static const char *const MUNICIPALITIES[] = {"北京市", "天津市", "上海市", "重庆市"};
    *municipality = false;
    size_t n;
    for (size_t i = 0; i < len; i += n)
        if (!is_ideograph(fg_utf8_decode(p + i, len - i, &n)))
            return FG_LEVEL_NONE;
    if (fg_has_prefix(p, len, "中共")) {
        p += 6;
        len -= 6;
    }
    for (size_t k = 0; k < sizeof MUNICIPALITIES / sizeof MUNICIPALITIES[0]; k++)
        if (len == 9 && memcmp(p, MUNICIPALITIES[k], 9) == 0) {
            *municipality = true;
            return FG_LEVEL_PROVINCE;
        }
    for (size_t k = 0; k < sizeof SUFFIX / sizeof SUFFIX[0]; k++)
        if (fg_has_suffix(p, len, SUFFIX[k].suffix))
            return SUFFIX[k].level;
    return FG_LEVEL_NONE;
}

static int unit_of(const fg_registry *r, int counterpart, fg_level level)
{
    if (counterpart < 0 || level < FG_LEVEL_PROVINCE)
        return -1;
    return r->agencies[counterpart].unit[level - FG_LEVEL_PROVINCE];
}

/* Reads the folded name t[0..len) as a local unit: a level word or a place
 * name, then a local form. *municipality is set when the place is a 直辖市. */
static int parse_unit(const fg_registry *r, const char *t, size_t len, const fg_place *doc,
                      bool *municipality)
{
    *municipality = false;
    for (size_t k = 0; k < sizeof GENERIC / sizeof GENERIC[0]; k++) {
        size_t w = strlen(GENERIC[k].word);
        if (!fg_has_prefix(t, len, GENERIC[k].word) || w >= len)
            continue;
        int c = nt_get(&r->locals, t + w, len - w);
        /* "市政府外办": the government's own office, 市外办 */
        static const char *const GOV[] = {"人民政府", "政府"};
        for (size_t g = 0; c < 0 && g < 2; g++)
            if (fg_has_prefix(t + w, len - w, GOV[g]) && w + strlen(GOV[g]) < len)
                c = nt_get(&r->locals, t + w + strlen(GOV[g]), len - w - strlen(GOV[g]));
        if (c < 0)
            continue;
        fg_level lv = GENERIC[k].level;
        if (lv == FG_LEVEL_CITY && doc && doc->city_is_province)
            lv = FG_LEVEL_PROVINCE; /* 市商务局 in a document of 北京市 */
        return unit_of(r, c, lv);
    }
    size_t n, chars = 0;
    for (size_t i = 0; i < len && chars < 24; i += n, chars++) {
        fg_utf8_decode(t + i, len - i, &n);
        if (chars < 2) /* a place has two characters at least */
            continue;
        fg_level lv = place_level(t, i, municipality);
        if (lv == FG_LEVEL_NONE)
            continue;
        int c = nt_get(&r->locals, t + i, len - i);
        if (c >= 0)
            return unit_of(r, c, lv);
    }
    *municipality = false;
    int c = nt_get(&r->locals, t, len);
    if (c >= 0 && fg_has_suffix(t, len, "厅"))
        return unit_of(r, c, FG_LEVEL_PROVINCE); /* 厅 exist only in provinces */
    return -1;
}

int fg_registry_resolve(const fg_registry *r, const char *s, size_t len, const fg_place *doc)
{
    if (len > MAX_NAME_BYTES)
        return -1;
    fg_buf key;
    fg_buf_init(&key);
    fg_t2s_fold(s, len, &key);
    int i = -1;
    bool municipality;
    if (key.len && doc && doc->level >= FG_LEVEL_PROVINCE)
        i = unit_of(r, nt_get(&r->locals, key.ptr, key.len), doc->level);
    if (i < 0 && key.len && doc && doc->city_is_province && fg_has_prefix(key.ptr, key.len, "市"))
        i = parse_unit(r, key.ptr, key.len, doc, &municipality); /* 市商务局 of 北京市 */
    if (i < 0 && key.len)
        i = fg_registry_lookup(r, key.ptr, key.len);
    if (i < 0 && key.len)
        i = parse_unit(r, key.ptr, key.len, doc, &municipality);
    fg_buf_fini(&key);
    return i;
}

int fg_registry_successor_at(const fg_registry *r, int agency, const char *date)
{
    for (size_t steps = 0; agency >= 0 && steps < r->n_agencies; steps++) {
        const fg_agency *a = &r->agencies[agency];
        if (a->successor < 0 || !a->valid_to[0] || strcmp(date, a->valid_to) < 0)
            break;
        agency = a->successor;
    }
    return agency;
}

static bool strip_suffix(const char *s, size_t *len, const char *suffix)
{
    if (!fg_has_suffix(s, *len, suffix) || strlen(suffix) >= *len)
        return false;
    *len -= strlen(suffix);
    return true;
}

fg_place fg_registry_place_of(const fg_registry *r, const char *s, size_t len)
{
    fg_place p = {FG_LEVEL_NONE, false};
    static const char *const CENTRAL[] = {"国务院", "中共中央", "中央", "全国"};
    static const char *const GOV[] = {
        "人民政府办公厅", "人民政府办公室", "政府办公厅", "政府办公室", "人民政府", "政府",
        "委员会办公厅",   "委办公厅",       "委办公室",   "委员会",     "委"};
    size_t off = 0;
    for (size_t i = 0; i < len; i++) /* a joint issuer: the first one */
        if (s[i] == ' ' || fg_has_prefix(s + i, len - i, "、") ||
            fg_has_prefix(s + i, len - i, "，")) {
            len = i;
            break;
        }
    fg_utf8_trim(s, &off, &len);
    s += off;
    if (len == 0)
        return p;
    for (size_t k = 0; k < sizeof CENTRAL / sizeof CENTRAL[0]; k++)
        if (fg_has_prefix(s, len, CENTRAL[k])) {
            p.level = FG_LEVEL_CENTRAL;
            return p;
        }
    int i = fg_registry_lookup(r, s, len);
    size_t body = len;
    if (i < 0 && (strip_suffix(s, &body, "办公厅") || strip_suffix(s, &body, "办公室")))
        i = fg_registry_lookup(r, s, body);
    if (i >= 0) {
        const fg_agency *a = &r->agencies[i];
        p.level = a->counterpart >= 0      ? a->level
                  : a->cat != FG_CAT_LOCAL ? FG_LEVEL_CENTRAL
                                           : FG_LEVEL_NONE;
        return p;
    }
    fg_buf key;
    fg_buf_init(&key);
    fg_t2s_fold(s, len, &key);
    i = parse_unit(r, key.ptr, key.len, NULL, &p.city_is_province);
    if (i >= 0) {
        p.level = r->agencies[i].level;
    } else {
        size_t n = key.len;
        for (size_t k = 0; k < sizeof GOV / sizeof GOV[0]; k++)
            if (strip_suffix(key.ptr, &n, GOV[k]))
                break;
        if (n < key.len)
            p.level = place_level(key.ptr, n, &p.city_is_province);
    }
    fg_buf_fini(&key);
    return p;
}

/*** Suggestions ***/

enum { MAX_CPS = 48 };

static size_t decode_all(const char *s, size_t len, int32_t *out)
{
    size_t n, k = 0;
    for (size_t i = 0; i < len && k < MAX_CPS; i += n)
        out[k++] = fg_utf8_decode(s + i, len - i, &n);
    return k;
}

static size_t distance_cps(const int32_t *a, size_t na, const int32_t *b, size_t nb)
{
    size_t prev[MAX_CPS + 1], cur[MAX_CPS + 1];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, (nb + 1) * sizeof *prev);
    }
    return prev[nb];
}

size_t fg_edit_distance(const char *a, size_t a_len, const char *b, size_t b_len)
{
    int32_t x[MAX_CPS], y[MAX_CPS];
    size_t nx = decode_all(a, a_len, x), ny = decode_all(b, b_len, y);
    return distance_cps(x, nx, y, ny);
}

typedef struct nearest {
    size_t d;        /* best distance so far */
    int agency;      /* its body */
    const char *key; /* the name that matched */
    size_t key_len;
} nearest;

static void consider(nearest *best, size_t d, int agency, const char *key, size_t key_len)
{
    if (d < best->d || (d == best->d && agency >= 0 && agency < best->agency)) {
        best->d = d;
        best->agency = agency;
        best->key = key;
        best->key_len = key_len;
    }
}

/* Compares q with every key of `tab`; with `level`, keys are local forms
 * and the candidate is their unit at that level. */
static void scan(const fg_registry *r, const fg_nametab *tab, const int32_t *q, size_t nq,
                 size_t max, fg_level level, nearest *best)
{
    int32_t k[MAX_CPS];
    for (size_t i = 0; i < tab->cap; i++) {
        const fg_name_slot *s = &tab->slots[i];
        if (!s->key)
            continue;
        size_t nk = decode_all(s->key, s->len, k);
        if ((nk > nq ? nk - nq : nq - nk) > max)
            continue;
        size_t d = distance_cps(q, nq, k, nk);
        if (d > max)
            continue;
        if (level == FG_LEVEL_NONE) {
            consider(best, d, s->agency, s->key, s->len);
        } else {
            int u = unit_of(r, s->agency, level);
            if (u >= 0)
                consider(best, d, u, r->agencies[u].name, strlen(r->agencies[u].name));
        }
    }
}

bool fg_registry_suggest(const fg_registry *r, const char *s, size_t len, fg_buf *out)
{
    fg_buf key;
    fg_buf_init(&key);
    fg_t2s_fold(s, len, &key);
    int32_t q[MAX_CPS];
    size_t nq = decode_all(key.ptr ? key.ptr : "", key.len, q);
    bool found = false;
    if (nq == 0 || nq >= MAX_CPS)
        goto out;
    size_t max = nq <= 4 ? 1 : 2;
    nearest best = {max + 1, r->n_agencies ? (int)r->n_agencies : 0, NULL, 0};
    scan(r, &r->names, q, nq, max, FG_LEVEL_NONE, &best);
    /* a local unit with a slip in its form: 市发改委办 → 市发展改革委 */
    size_t n, i = 0;
    for (size_t c = 1; c < nq; c++) {
        fg_utf8_decode(key.ptr + i, key.len - i, &n);
        i += n;
        bool muni;
        fg_level lv = place_level(key.ptr, i, &muni); /* 省, 江西省, 新余市 … */
        if (lv != FG_LEVEL_NONE)
            scan(r, &r->locals, q + c, nq - c, nq - c <= 4 ? 1 : 2, lv, &best);
    }
    if (best.key && best.d > 0) {
        const char *name = r->agencies[best.agency].name;
        fg_buf_puts(out, "“");
        fg_buf_put(out, best.key, best.key_len);
        fg_buf_puts(out, "”");
        if (strlen(name) != best.key_len || memcmp(name, best.key, best.key_len) != 0)
            fg_buf_printf(out, "（%s）", name);
        found = true;
    }
out:
    fg_buf_fini(&key);
    return found;
}

/*** Collectives ***/

static const char *const COLLECTIVE_ENDINGS[] = {
    "有关部门", "相关部门", "有关单位", "相关单位", "各部门",           "各单位", "部门和单位",
    "有关方面", "有关机构", "相关机构", "成员单位", "有关部门（单位）", NULL};

bool fg_is_collective(const char *s, size_t len)
{
    if (len > 60) /* about 20 characters */
        return false;
    for (const char *const *e = COLLECTIVE_ENDINGS; *e; e++) {
        size_t n = strlen(*e);
        if (n <= len && memcmp(s + len - n, *e, n) == 0)
            return true;
    }
    return false;
}
