/* Stage 6, measures: the 完成时限 a measure's text sets when its attribution
 * sets none, and the date a deadline ends on (for BI: overdue tasks). */
#ifndef FG_DEADLINE_H
#define FG_DEADLINE_H

#include "engine.h"

#include <stdbool.h>
#include <stddef.h>

/* The last deadline phrase in text[0..len) ("2023年6月底前完成", "年内",
 * "持续推进"): true with its span. */
bool fg_deadline_in_text(fg_matcher *m, const char *text, size_t len, size_t *off, size_t *n);

/* Where a measure's deadline comes from: "bracket" when its attribution
 * holds it, "text" when its text does, "table" otherwise (a 完成时限 cell),
 * "" when it has none. */
const char *fg_deadline_source(const char *deadline, const char *attribution, const char *text);

/* The ISO date (YYYY-MM-DD, into out[11]) the deadline ends on, resolved
 * against the document's date of issue `doc_date` (YYYY-MM-DD or ""):
 * 6月底前 in a 2024 document is 2024-06-30, 年内 2024-12-31, 2025年上半年
 * 2025-06-30. False (out "") for 持续推进, 长期坚持 and what has no date. */
bool fg_deadline_date(const char *deadline, const char *doc_date, char out[11]);

#endif
