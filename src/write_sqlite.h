/* fengong.sqlite through libsqlite3: documents, measures and assignments,
 * typed and keyed as the README says, written in one transaction. The
 * only file that includes sqlite3.h. */
#ifndef FG_WRITE_SQLITE_H
#define FG_WRITE_SQLITE_H

#include "fengong.h"
#include "report.h"

#include <stddef.h>

typedef struct fg_sqlite fg_sqlite;

/* Opens the database at `path` (an empty temporary file), creates the
 * tables and begins the transaction. NULL, with `err` set, on failure. */
fg_sqlite *fg_sqlite_open(const char *path, char *err, size_t n_err);
/* Rows. The first failure is kept and reported by fg_sqlite_close(); later
 * calls do nothing. */
void fg_sqlite_document(fg_sqlite *s, const fg_rep_doc *d);
void fg_sqlite_measure(fg_sqlite *s, const fg_rep_doc *d, size_t seq, const fg_measure *me);
void fg_sqlite_assignment(fg_sqlite *s, const fg_rep_doc *d, size_t seq, const fg_measure *me,
                          const fg_assignment *as, size_t agency_seq);
/* With `commit`, makes the indexes, commits and closes: FG_OK or
 * FG_ERR_WRITE with `err` set. Without, closes (the caller removes the
 * file). Frees `s` (may be NULL) in both cases. */
fg_status fg_sqlite_close(fg_sqlite *s, bool commit, char *err, size_t n_err);

#endif
