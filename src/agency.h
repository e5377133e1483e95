/* Agency registry: every body an attribution can name, in the official order
 * of State Council bodies, with aliases, dates and successors, loaded from
 * data/agencies.csv (embedded at build time) and an optional user file; the
 * local units of provincial, municipal and county governments derived from
 * it; whole-name lookup through a hash table of folded names. */
#ifndef FG_AGENCY_H
#define FG_AGENCY_H

#include "buf.h"
#include "fengong.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum fg_agency_cat {
    FG_CAT_CONSTITUENT,    /* 国务院组成部门 */
    FG_CAT_SPECIAL,        /* 直属特设机构 */
    FG_CAT_AFFILIATED,     /* 直属机构 */
    FG_CAT_OFFICE,         /* 办事机构 */
    FG_CAT_INSTITUTION,    /* 直属事业单位 */
    FG_CAT_ADMINISTRATION, /* 部委管理的国家局 */
    FG_CAT_PARTY,          /* 党中央部门 */
    FG_CAT_STATE_ORGAN,    /* 其他国家机关: courts, procuratorate */
    FG_CAT_PEOPLE,         /* 人民团体 */
    FG_CAT_FIRM,           /* 金融机构与企业 */
    FG_CAT_LOCAL,          /* 地方: local-government collectives and local units */
    FG_N_CATS
} fg_agency_cat;

/* The category's name as the data file writes it (国务院组成部门 …). */
const char *fg_agency_cat_name(fg_agency_cat cat);

/* Levels of government. A document has one; a local unit has one. */
typedef enum fg_level {
    FG_LEVEL_NONE, /* unknown */
    FG_LEVEL_CENTRAL,
    FG_LEVEL_PROVINCE, /* 省, 自治区, 直辖市 */
    FG_LEVEL_CITY,     /* 市 (prefecture level), 州, 盟 */
    FG_LEVEL_COUNTY,   /* 县, 旗 */
    FG_LEVEL_DISTRICT  /* 区: county level, but its units are named 区财政局,
                          not 县财政局; named "county" in outputs */
} fg_level;

/* "", "central", "provincial", "municipal", "county". */
const char *fg_level_name(fg_level level);

/* Where a document stands: its level, and whether it is a 直辖市 (北京市 …),
 * where units written 市商务局 are provincial ones. */
typedef struct fg_place {
    fg_level level;
    bool city_is_province;
} fg_place;

enum { FG_DATE_LEN = 11 }; /* "YYYY-MM-DD" and its NUL */

typedef struct fg_agency {
    char *name;      /* canonical short name */
    char *full_name; /* "" when none */
    fg_agency_cat cat;
    long order;    /* sort key; the registry is sorted by it */
    int parent;    /* index of the managing body, or -1 */
    int successor; /* index of the body that took over, or -1 */
    char valid_from[FG_DATE_LEN], valid_to[FG_DATE_LEN]; /* "" when open */
    char *aliases;                                       /* '|'-separated, may be "" */
    char *local; /* '|'-separated local forms (商务厅|商务局), may be "" */
    /* local units made from another body's `local` forms */
    int counterpart; /* the central body, or -1 for a row of a data file */
    fg_level level;  /* the unit's level; FG_LEVEL_NONE for rows */
    int unit[4];     /* for a body with local forms: its units by level
                        (province, city, county, district), or -1 */
    /* where a row was defined, for messages (source NULL for units) */
    const char *source;
    size_t line;
} fg_agency;

typedef struct fg_name_slot fg_name_slot;

/* Folded name → agency index, open addressing. */
typedef struct fg_nametab {
    fg_name_slot *slots;
    size_t cap, n; /* cap is 0 or a power of two */
} fg_nametab;

typedef struct fg_registry {
    fg_agency *agencies; /* sorted by order: the matrix's column order */
    size_t n_agencies;
    fg_nametab names;  /* names, full names, aliases, unit names */
    fg_nametab locals; /* local forms → their central body */
    char *sources[2];  /* names of the files read, owned */
} fg_registry;

/* The registry file compiled into the binary (generated at build time from
 * data/agencies.csv), and the path it is reported under. */
extern const unsigned char fg_agencies_csv[];
extern const size_t fg_agencies_csv_len;
#define FG_AGENCIES_CSV_NAME "data/agencies.csv"

/* Builds the registry from the built-in file, then merges `user_file` (may
 * be NULL): a row whose name is a built-in body's name replaces that row,
 * any other row adds a body. On failure returns FG_ERR_DATA (a bad row:
 * "FILE:LINE: …" in `err`) or FG_ERR_OPEN/FG_ERR_READ, and leaves the
 * registry empty; fg_registry_fini() is then still allowed. */
fg_status fg_registry_load(fg_registry *r, const char *user_file, char *err, size_t n_err);

/* The same from texts in memory (for tests): `builtin` as the built-in file,
 * `user` (may be NULL) as a user file named `user_name`. Both borrowed. */
fg_status fg_registry_load_text(fg_registry *r, const char *builtin, size_t builtin_len,
                                const char *user, size_t user_len, const char *user_name, char *err,
                                size_t n_err);

void fg_registry_fini(fg_registry *r);

/* Index of the body with the whole name s[0..len) (canonical, full, alias
 * or a local unit's canonical name, traditional characters folded, a
 * leading 中华人民共和国 ignored), or -1. */
int fg_registry_lookup(const fg_registry *r, const char *s, size_t len);

/* Like fg_registry_lookup(), and also reads local units: a place or level
 * prefix and a local form (江西省商务厅, 市发改委, 区发改局, 省市场监管局).
 * In a provincial, municipal or county document (`doc`, may be NULL) a
 * local form with no prefix (财政局, 发展改革委) is that level's unit. */
int fg_registry_resolve(const fg_registry *r, const char *s, size_t len, const fg_place *doc);

/* Follows `agency`'s successors to the body that carries its work on
 * `date` (YYYY-MM-DD): 银监会 on 2024-01-01 is 金融监管总局. */
int fg_registry_successor_at(const fg_registry *r, int agency, const char *date);

/* The level of an issuing body such as 国务院办公厅, 国家发展改革委办公厅,
 * 新余市人民政府办公室, 新疆维吾尔自治区质监局, 中共江西省委办公厅. */
fg_place fg_registry_place_of(const fg_registry *r, const char *s, size_t len);

/* The known name nearest to s[0..len) in edit distance on characters, when
 * it is close enough to be a slip (1 edit for names of up to 4 characters,
 * 2 for longer ones). Appends "“name”" to `out`, or "“alias”（canonical）"
 * when the nearest is an alias, and returns true; false when none is close. */
bool fg_registry_suggest(const fg_registry *r, const char *s, size_t len, fg_buf *out);

/* True for a YYYY-MM-DD date of the civil calendar. */
bool fg_is_date(const char *s);

/* Levenshtein distance between two UTF-8 strings, on code points. */
size_t fg_edit_distance(const char *a, size_t a_len, const char *b, size_t b_len);

/* True for collective phrases kept as written: 有关部门, 各相关部门,
 * 有关部门和单位, 市级各有关部门 … */
bool fg_is_collective(const char *s, size_t len);

#endif
