/* Stage 3, segment: paragraphs to numbered blocks, and the document frame
 * around them (title, 文号, lead-in, signature and date). */
#ifndef FG_SEGMENT_H
#define FG_SEGMENT_H

#include "engine.h"
#include "normalize.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct fg_block {
    size_t para_off, para_len; /* the whole paragraph in fg_text.s */
    size_t off, len;           /* the paragraph after its numbering label */
    int level;                 /* 0: not numbered; 1 章, 2 一、/第一条, 3 （一）, 4 1., 5 （1）, 6 ① */
    char label[40];            /* the label as it appears in a path: 十一, （三）, 1 */
    bool heading_only;         /* a short line without a sentence: a heading */
    bool has_children;         /* the next numbered block is deeper */
    bool in_body;              /* between the lead-in and the signature */
} fg_block;

typedef struct fg_layout {
    fg_block *blocks; /* one per paragraph, owned */
    size_t n_blocks;
    int max_level;    /* deepest numbering level used in the body */
    char *title, *number, *issuer, *date; /* owned, "" when absent */
    char *published, *status;             /* owned, "" when absent */
} fg_layout;

/* Builds the layout of the normalised text `t`. */
void fg_segment(fg_matcher *m, const fg_text *t, fg_layout *out);
void fg_layout_fini(fg_layout *l);

/* The first sentence of s[off..off+len) without its closing punctuation
 * (the whole span when it has no 。！？；). Sets *h_len. */
size_t fg_first_sentence(const char *s, size_t off, size_t len, size_t *h_len);

#endif
