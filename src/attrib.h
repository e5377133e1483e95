/* Stage 4, attributions: finds the bracketed attributions in a paragraph
 * and parses each (or a label line without brackets) into agencies with
 * roles, an open-list flag, a deadline, the 列第一位者为牵头单位 convention
 * note and a scope note's implied bodies; or says that it is an attribution
 * it cannot read (FG_ATTR_UNPARSED), or none. */
#ifndef FG_ATTRIB_H
#define FG_ATTRIB_H

#include "engine.h"
#include "fengong.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct fg_attr_agency {
    size_t off, len; /* the name as written: a span of the parsed text */
    int agency;      /* registry index, or -1 */
    bool collective; /* 有关部门 and the like: kept as written, not reported */
    fg_role role;
    bool open;       /* its list ends with 等 */
    bool own_role;   /* its role is its own, in a bracket after it: "省发展改革委（牵头）" */
} fg_attr_agency;

typedef enum fg_attr_kind {
    FG_ATTR_NONE,     /* no role word: not an attribution (（AEO）, （中国政府网）) */
    FG_ATTR_REJECTED, /* role words but no list of bodies (（具体办法由用人单位负责制定）) */
    FG_ATTR_NOTE,     /* only the convention note or a scope note, no agencies */
    FG_ATTR_UNPARSED, /* an attribution (a label, or a verb after a body) the
                         grammar cannot read: no agencies, kept for review */
    FG_ATTR_OK
} fg_attr_kind;

typedef struct fg_attr {
    fg_attr_kind kind;
    size_t off, end;           /* the bracket, brackets included */
    fg_attr_agency *agencies;  /* in written order, owned */
    size_t n_agencies, cap_agencies;
    size_t deadline_off, deadline_len; /* span, len 0 when none */
    size_t unparsed_off, unparsed_len; /* first clause not understood, len 0 when none */
    const char *why;           /* for FG_ATTR_REJECTED: the reason */
    bool convention;           /* holds the 列第一位者为牵头单位 note */
    int others_role;           /* the note's "其他为配合单位": that role + 1, else 0 */
    bool bare;                 /* no role word at all: a bare list of bodies */
    bool norole;               /* some agencies had no role word */
    bool explicit_lead;        /* some agency was given 牵头 in words */
    bool separately;           /* 分别牵头 / 分别负责 */
    bool labelled;             /* label form: 牵头单位：… */
    bool unclosed;             /* the bracket is not closed in its paragraph */
    bool cut;                  /* …because the file ends inside it */
    bool defaulted;            /* cut: some agencies lost their role word (responsible) */
    size_t cut_tail_off, cut_tail_len; /* cut: the unreadable end, len 0 when none */
    fg_attr_agency *scope;     /* a scope note's bodies (以下均需…负责，不再列出):
                                  implied for every later measure, owned */
    size_t n_scope;
    size_t scope_off, scope_len; /* the note, len 0 when none */
} fg_attr;

/* How a bracket sits in its paragraph. */
enum {
    FG_BRACKET_UNCLOSED = 1u << 0, /* no closing bracket before the paragraph ends */
    FG_BRACKET_AT_END = 1u << 1,   /* only punctuation follows it in the paragraph */
    FG_BRACKET_CUT = 1u << 2,      /* unclosed, and the file ends in its paragraph */
    FG_BRACKET_NONE = 1u << 3      /* the span has no outer brackets: a label line
                                      such as 责任单位：市国土局、市土地发展中心 */
};

void fg_attr_fini(fg_attr *a);

/* Parses the bracket s[off..end) (outer brackets included; when it is
 * FG_BRACKET_UNCLOSED the span has an opening bracket only and runs to the
 * paragraph's end; with FG_BRACKET_NONE it has no brackets at all: a label
 * line such as 责任单位：市国土局、市土地发展中心). A bare list of agencies is accepted only
 * FG_BRACKET_AT_END. A FG_BRACKET_CUT bracket was cut off by the end of the
 * file: it needs no role word, a role word cut in half is dropped
 * ("财政部按职责分"), and agencies left without one count as responsible.
 * Fills `a` (caller fini's it). */
void fg_attrib_parse(fg_matcher *m, const char *s, size_t off, size_t end, unsigned flags,
                     fg_attr *a);

/* Applies the 列第一位者为牵头单位 convention to `a`: when it names two or
 * more agencies, none led in words, not 分别, not labelled, and the first
 * is a named body (not a collective such as 各有关部门), the first leads;
 * with others_role (fg_role + 1, from "其他为配合单位") and a bare list with
 * no role word, the others take that role. */
void fg_attrib_apply_convention(fg_attr *a, int others_role);

/* The role a convention note gives the bodies after the first ("列第一位者为
 * 牵头单位，其他为配合单位" → support) in s[0..len), as fg_role + 1, or 0. */
int fg_attrib_convention_others(const char *s, size_t len);

/* Calls `fn` for every outermost bracket of the paragraph s[off..off+len),
 * in order: `b_off`, `b_end` the span, `unclosed` when it runs to the end. */
typedef void (*fg_bracket_fn)(void *ctx, size_t b_off, size_t b_end, bool unclosed);
void fg_attrib_brackets(const char *s, size_t off, size_t len, fg_bracket_fn fn, void *ctx);

/* True when s[off..end) holds only spaces and 。；，punctuation. */
bool fg_attrib_only_punct(const char *s, size_t off, size_t end);

/* Appends the agencies of the list s[off..end) (names separated by 、，；
 * and the like, as in a 分工表 cell), all with `role`, to `a`, which the
 * caller zeroes before its first call and fini's; a name that is not a
 * body is noted as unparsed. `a` becomes FG_ATTR_OK once it holds one. */
void fg_attrib_parse_list(fg_matcher *m, const char *s, size_t off, size_t end, fg_role role,
                          fg_attr *a);

#endif
