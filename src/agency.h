/* Agency registry: canonical names in the official order of State Council
 * bodies, their aliases, and whole-name lookup through a hash table. */
#ifndef FG_AGENCY_H
#define FG_AGENCY_H

#include <stdbool.h>
#include <stddef.h>

typedef enum fg_agency_cat {
    FG_CAT_CONSTITUENT,     /* 国务院组成部门 */
    FG_CAT_SPECIAL,         /* 直属特设机构 */
    FG_CAT_AFFILIATED,      /* 直属机构 */
    FG_CAT_OFFICE,          /* 办事机构 */
    FG_CAT_INSTITUTION,     /* 直属事业单位 */
    FG_CAT_ADMINISTRATION,  /* 部委管理的国家局 */
    FG_CAT_OTHER,           /* historical bodies, Party departments, banks, firms */
    FG_CAT_LOCAL            /* local-government collectives */
} fg_agency_cat;

typedef struct fg_agency {
    const char *name;    /* canonical short name */
    fg_agency_cat cat;
    const char *aliases; /* '|'-separated, may be "" */
} fg_agency;

typedef struct fg_registry {
    const fg_agency *agencies; /* in official order */
    size_t n_agencies;
    struct fg_name_slot *slots; /* hash table of every name and alias */
    size_t n_slots;
    size_t max_len;             /* bytes of the longest name or alias */
} fg_registry;

void fg_registry_init(fg_registry *r);
void fg_registry_fini(fg_registry *r);

/* Index of the body whose canonical name or alias is exactly s[0..len),
 * or -1. */
int fg_registry_lookup(const fg_registry *r, const char *s, size_t len);

/* True for collective phrases kept as written: 有关部门, 各相关部门,
 * 有关部门和单位, 市级各有关部门 … */
bool fg_is_collective(const char *s, size_t len);

#endif
