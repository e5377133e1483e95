/* The engine: the built-in PCRE2 patterns, compiled and JIT-compiled once
 * from a named table, and the agency registry. Read-only after
 * fg_engine_new(), so threads may share it; match data and JIT stacks live
 * in a per-document fg_matcher. */
#ifndef FG_ENGINE_H
#define FG_ENGINE_H

#include "agency.h"
#include "fengong.h"

#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum fg_rx {
    RX_LABEL,      /* numbering label at the start of a paragraph */
    RX_DOCNO,      /* 文号 paragraph */
    RX_DATE,       /* date of issue paragraph */
    RX_VERB,       /* clause ending in a role verb */
    RX_FIELD,      /* label form: 牵头单位： … */
    RX_FIELD_AT,   /* the same, anywhere in a clause */
    RX_LABEL_LINE, /* a paragraph that is an attribution: 责任单位：… */
    RX_DEADLINE,   /* time words in a clause */
    RX_CONVENTION, /* 列第一位者为牵头单位 */
    RX_SCOPE,      /* 以下均需各区政府…负责，不再列出 */
    RX_ROLEWORD,   /* any role word */
    RX_LEADIN,     /* 现提出以下意见： */
    RX_AGENCYLIKE, /* a name shaped like a government body */
    RX_ISSUER,     /* the issuing body's line above the date */
    RX_TEXT_DEADLINE, /* a deadline in a measure's text: 2023年6月底前 */
    RX_COUNT
} fg_rx;

/* The words of the attribution grammar (engine.c): each is a verb, a
 * label's role word, a label's noun, an adverb or tail of a verb, or a
 * deadline label; verbs and role words carry their role. */
enum {
    FG_WORD_VERB = 1u << 0,     /* ends a list: 牵头, 按职责分工负责 */
    FG_WORD_LABEL = 1u << 1,    /* starts a label: 牵头(单位：), 责任(部门：) */
    FG_WORD_NOUN = 1u << 2,     /* a label's noun: 单位, 部门, 机构, 处室 */
    FG_WORD_ADVERB = 1u << 3,   /* before a verb: 分别, 共同, 具体 */
    FG_WORD_TAIL = 1u << 4,     /* after a verb: 落实, 组织实施 */
    FG_WORD_DEADLINE = 1u << 5, /* a deadline label: 完成时限 */
    FG_WORD_INTRO = 1u << 6,    /* opens a label line: 部门分工： */
    FG_WORD_NOLINE = 1u << 7,   /* a label only in brackets, never a line's */
    FG_WORD_JOIN = 1u << 8,     /* joins names in a list: 及, 和; 等 closes one */
    FG_WORD_LEAD = 1u << 9,     /* dropped before a list's first name: 由, 及 */
    FG_WORD_MANNER = 1u << 10   /* before an adverb or verb: 依职责, 按分管领域 */
};

typedef struct fg_word {
    const char *text;
    int role; /* an fg_role for verbs and role words, else -1 */
    unsigned kind;
} fg_word;

extern const fg_word FG_WORDS[];
extern const size_t FG_N_WORDS;

/* The role of the word s[0..len) as a word of one of the `kind`s, or -1
 * when it is none. */
int fg_word_role(const char *s, size_t len, unsigned kind);

enum { FG_MAX_JOINS = 16 };

struct fg_engine {
    fg_registry registry;
    pcre2_code *rx[RX_COUNT];
    /* the last characters of the verbs and tails: a clause that ends in
     * none of them cannot end in a verb (a quick test before RX_VERB) */
    int32_t verb_ends[64];
    size_t n_verb_ends;
    size_t verb_window; /* bytes of the longest adverb + verb + tail */
    /* the FG_WORD_JOIN and FG_WORD_LEAD words, longest first */
    const char *joins[FG_MAX_JOINS], *leads[FG_MAX_JOINS];
    size_t n_joins, n_leads;
    bool current_names;        /* map historical bodies to their successors */
    bool names_as_of_document; /* … as of each document's date */
    char as_of[FG_DATE_LEN];   /* … else as of this date */
    char today[FG_DATE_LEN];   /* for documents without a date */
    char *encoding; /* forced encoding (iconv name), NULL to detect; owned */
    bool convert;   /* .doc/.wps through soffice (formats.c) */
    size_t max_document; /* bytes: of a file, and of its decoded text */
    unsigned convert_seconds;
    void *opencc;   /* OpenCC converters (hant.c) */
};

/* Per-document matching state, and what later stages need to know about
 * the document being read. */
typedef struct fg_matcher {
    const fg_engine *engine;
    fg_place place; /* the document's level (set once its frame is read):
                       resolves 财政局 in a municipal plan to 市财政局 */
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *stack;
} fg_matcher;

void fg_matcher_init(fg_matcher *m, const fg_engine *engine);
void fg_matcher_fini(fg_matcher *m);

/* Matches pattern `rx` against s[0..len) (valid UTF-8, not checked again).
 * Returns true on a match; then fg_matcher_group() gives the groups. A
 * match-limit error counts as no match. */
bool fg_match(fg_matcher *m, fg_rx rx, const char *s, size_t len);
/* Start and length of group `g` of the last match; false if unset. */
bool fg_matcher_group(const fg_matcher *m, int g, size_t *off, size_t *len);

#endif
