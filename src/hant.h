/* Stage 2b, traditional characters: a simplified copy of the normalised
 * text, for matching, when the document is written in traditional
 * characters (reprints from Hong Kong, Macau and Taiwan sites). The copy
 * has the same length and the same byte offsets as the text, so every
 * span found in it is a span of the original too. */
#ifndef FG_HANT_H
#define FG_HANT_H

#include "engine.h"
#include "normalize.h"

#include <stdbool.h>

/* Loads OpenCC's tw2sp (traditional with Taiwan phrasing to simplified)
 * and hk2s (Hong Kong variants to simplified) conversions. Returns NULL
 * and writes OpenCC's message into err on failure (data files missing). */
void *fg_hant_open(char *err, size_t n_err);
void fg_hant_close(void *converter);

/* When at least one CJK character in ten of `t` is traditional (and two
 * at least), sets t->simplified to the simplified matching copy and
 * returns true; else leaves it NULL. `converter` is from fg_hant_open(). */
bool fg_hant_simplify(void *converter, fg_text *t);

#endif
