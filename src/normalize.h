/* Stage 2, normalise: decoded source to plain paragraphs for matching.
 * HTML tags are removed (block tags break paragraphs, inline tags vanish),
 * entities decoded, front matter read, Markdown markers dropped, spaces
 * folded, full-width letters and digits made ASCII. An offset map leads
 * from every byte of the normalised text back to the decoded source. */
#ifndef FG_NORMALIZE_H
#define FG_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

enum { FG_PARA_MD_HEADING = 1u << 0 };

typedef struct fg_para {
    size_t off, len; /* span in fg_text.s */
    unsigned flags;
} fg_para;

typedef struct fg_offseg {
    size_t out, in; /* a run starting at normalised offset `out` */
    bool copy;      /* copied byte for byte (else a replacement for `in`) */
} fg_offseg;

/* One cell of an HTML table (or of a Markdown table): where its text is
 * and where it sits. Rows count from 0 within their table; the columns
 * are worked out by the reader from the spans. */
typedef struct fg_cell {
    size_t table; /* index of its table in the document, from 0 */
    size_t row;   /* its <tr> within the table */
    unsigned colspan, rowspan;
    bool th;
    size_t off, end;     /* its text in fg_text.s (paragraphs joined by '\n') */
    size_t para0, para1; /* the paragraphs it holds: [para0, para1) */
} fg_cell;

typedef struct fg_text {
    char *s; /* normalised text, paragraphs separated by '\n', owned */
    size_t len;
    fg_offseg *segs;
    size_t n_segs, cap_segs;
    fg_para *paras;
    size_t n_paras, cap_paras;
    char *fm_title; /* front matter `title:`, or NULL; owned */
    char *fm_date;  /* front matter `date:`, or NULL; owned */
    bool is_html;
    /* what an HTML page says of itself, as written (entities not decoded);
     * NULL when absent; owned */
    char *html_title;   /* the <title> element's text */
    char *html_h1;      /* the first <h1>'s text */
    char *meta_title;   /* <meta name="ArticleTitle"> */
    char *meta_pubdate; /* <meta name="PubDate">, "firstpublishedtime" */
    fg_cell *cells;     /* every table cell in document order, owned */
    size_t n_cells, cap_cells;
    size_t n_tables;
    /* the text with traditional characters simplified, same length and
     * offsets as `s`, for matching (hant.c); NULL when the text is not
     * traditional; owned */
    char *simplified;
} fg_text;

/* The text to match patterns and names against: the simplified copy when
 * there is one. Spans found in it are spans of t->s, which holds what is
 * written and is what outputs quote. */
static inline const char *fg_text_match(const fg_text *t)
{
    return t->simplified ? t->simplified : t->s;
}

/* Normalises src[0..len) (valid UTF-8, borrowed) into `t`. */
void fg_normalize(fg_text *t, const char *src, size_t len);
void fg_text_fini(fg_text *t);

/* The decoded-source offset of normalised offset `off`. */
size_t fg_text_src_off(const fg_text *t, size_t off);

#endif
