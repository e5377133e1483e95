/* fengong.sqlite: the CSV tables as one SQLite database, for BI tools that
 * should not need an import step.
 *
 * Byte-identical across runs: a fixed page size, no journal (the file is a
 * temporary one, renamed into place only when complete, removed on
 * failure), rows inserted in input order in one transaction, indexes made
 * after the rows, no timestamps. The database's user_version is the
 * outputs' schema (FG_SCHEMA), its application_id says it is fengong's.
 */
#include "write_sqlite.h"

#include "deadline.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { APPLICATION_ID = 0x46474e47 }; /* "FGNG" */

#define BOOL_COL(name) name " INTEGER NOT NULL CHECK (" name " IN (0, 1))"

static const char SCHEMA[] =
    "PRAGMA page_size = 4096;"
    "PRAGMA journal_mode = OFF;"
    "PRAGMA synchronous = OFF;"
    "BEGIN;"
    "CREATE TABLE documents ("
    " document TEXT NOT NULL UNIQUE, file TEXT NOT NULL, title TEXT NOT NULL,"
    " number TEXT NOT NULL, issuer TEXT NOT NULL, date TEXT NOT NULL,"
    " measures INTEGER NOT NULL, attributed INTEGER NOT NULL, agencies INTEGER NOT NULL,"
    " warnings INTEGER NOT NULL, level TEXT NOT NULL, published TEXT NOT NULL,"
    " status TEXT NOT NULL, duplicate_of TEXT NOT NULL, doc_seq INTEGER NOT NULL UNIQUE,"
    " doc_id TEXT NOT NULL PRIMARY KEY, schema INTEGER NOT NULL);"
    "CREATE TABLE measures ("
    " document TEXT NOT NULL, file TEXT NOT NULL, measure TEXT NOT NULL,"
    " heading TEXT NOT NULL, text TEXT NOT NULL, attribution TEXT NOT NULL,"
    " deadline TEXT NOT NULL, line INTEGER NOT NULL, " BOOL_COL(
        "review") ","
                  " doc_seq INTEGER NOT NULL, seq INTEGER NOT NULL,"
                  " doc_id TEXT NOT NULL REFERENCES documents (doc_id),"
                  " deadline_source TEXT NOT NULL, deadline_date TEXT, page INTEGER,"
                  " PRIMARY KEY (doc_id, seq));"
                  "CREATE TABLE assignments ("
                  " document TEXT NOT NULL, file TEXT NOT NULL, measure TEXT NOT NULL,"
                  " heading TEXT NOT NULL, agency TEXT NOT NULL, agency_written TEXT NOT NULL,"
                  " role TEXT NOT NULL, role_zh TEXT NOT NULL, " BOOL_COL(
                      "open_list") ","
                                   " deadline TEXT NOT NULL, line INTEGER NOT NULL, \"column\" "
                                   "INTEGER NOT NULL,"
                                   " " BOOL_COL("implicit") ", " BOOL_COL(
                                       "inherited") ","
                                                    " doc_seq INTEGER NOT NULL, seq INTEGER NOT "
                                                    "NULL, agency_seq INTEGER NOT NULL,"
                                                    " agency_order INTEGER, doc_id TEXT NOT NULL "
                                                    "REFERENCES documents (doc_id),"
                                                    " deadline_source TEXT NOT NULL,"
                                                    " deadline_date TEXT, page INTEGER,"
                                                    " PRIMARY KEY (doc_id, seq, agency_seq),"
                                                    " FOREIGN KEY (doc_id, seq) REFERENCES "
                                                    "measures (doc_id, seq));";

/* The primary keys' indexes serve lookups by doc_id (their first column);
 * these serve the other joins and filters. */
static const char INDEXES[] =
    "CREATE INDEX assignments_agency ON assignments (agency);"
    "CREATE INDEX assignments_doc_seq ON assignments (doc_seq, seq, agency_seq);"
    "CREATE INDEX measures_doc_seq ON measures (doc_seq, seq);";

enum { ST_DOC, ST_MEASURE, ST_ASSIGN, N_ST };

static const char *const INSERT[N_ST] = {
    "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO measures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO assignments VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"};

struct fg_sqlite {
    sqlite3 *db;
    sqlite3_stmt *st[N_ST];
    char *error; /* the first failure, or NULL */
};

static void fail(fg_sqlite *s, const char *what)
{
    if (s->error)
        return;
    const char *msg = s->db ? sqlite3_errmsg(s->db) : "out of memory";
    size_t n = strlen(what) + strlen(msg) + 3;
    s->error = malloc(n);
    if (s->error)
        snprintf(s->error, n, "%s: %s", what, msg);
}

fg_sqlite *fg_sqlite_open(const char *path, char *err, size_t n_err)
{
    fg_sqlite *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, n_err, "out of memory");
        return NULL;
    }
    char pragma[96];
    snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
             APPLICATION_ID, FG_SCHEMA);
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        fail(s, "cannot open");
    else if (sqlite3_exec(s->db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK ||
             sqlite3_exec(s->db, pragma, NULL, NULL, NULL) != SQLITE_OK)
        fail(s, "cannot create the tables");
    for (int i = 0; i < N_ST && !s->error; i++)
        if (sqlite3_prepare_v2(s->db, INSERT[i], -1, &s->st[i], NULL) != SQLITE_OK)
            fail(s, "cannot prepare an insert");
    if (s->error) {
        snprintf(err, n_err, "cannot write %s: %s", path, s->error);
        fg_sqlite_close(s, false, NULL, 0);
        return NULL;
    }
    return s;
}

/* Binds text (never NULL: absent values are "", as in the CSV files). */
static void text(sqlite3_stmt *st, int *i, const char *v)
{
    sqlite3_bind_text(st, ++*i, v ? v : "", -1, SQLITE_STATIC);
}

static void integer(sqlite3_stmt *st, int *i, size_t v)
{
    sqlite3_bind_int64(st, ++*i, (sqlite3_int64)v);
}

static void run(fg_sqlite *s, int which, const char *what)
{
    sqlite3_stmt *st = s->st[which];
    if (sqlite3_step(st) != SQLITE_DONE)
        fail(s, what);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

void fg_sqlite_document(fg_sqlite *s, const fg_rep_doc *d)
{
    if (s->error)
        return;
    sqlite3_stmt *st = s->st[ST_DOC];
    int i = 0;
    text(st, &i, d->key);
    text(st, &i, d->path);
    text(st, &i, d->title);
    text(st, &i, d->number);
    text(st, &i, d->issuer);
    text(st, &i, d->date);
    integer(st, &i, d->measures);
    integer(st, &i, d->attributed);
    integer(st, &i, d->agencies);
    integer(st, &i, d->warnings);
    text(st, &i, d->level);
    text(st, &i, d->published);
    text(st, &i, d->status);
    text(st, &i, d->duplicate_of);
    integer(st, &i, d->doc_seq);
    text(st, &i, d->doc_id);
    integer(st, &i, FG_SCHEMA);
    run(s, ST_DOC, "cannot insert a document");
}

/* The PDF page, NULL for other formats. */
static void page_column(sqlite3_stmt *st, int *i, size_t page)
{
    if (page)
        sqlite3_bind_int64(st, ++*i, (sqlite3_int64)page);
    else
        sqlite3_bind_null(st, ++*i);
}

/* deadline_source, and deadline_date (NULL when the deadline has no date) */
static void deadline_columns(sqlite3_stmt *st, int *i, const fg_rep_doc *d, const fg_measure *me)
{
    char due[11];
    text(st, i, fg_deadline_source(me->deadline, me->attribution, me->text));
    if (fg_deadline_date(me->deadline, d->date, due))
        sqlite3_bind_text(st, ++*i, due, -1, SQLITE_TRANSIENT); /* due is ours: copied */
    else
        sqlite3_bind_null(st, ++*i);
}

void fg_sqlite_measure(fg_sqlite *s, const fg_rep_doc *d, size_t seq, const fg_measure *me)
{
    if (s->error)
        return;
    sqlite3_stmt *st = s->st[ST_MEASURE];
    int i = 0;
    text(st, &i, d->key);
    text(st, &i, d->path);
    text(st, &i, me->id);
    text(st, &i, me->heading);
    text(st, &i, me->text);
    text(st, &i, me->attribution);
    text(st, &i, me->deadline);
    integer(st, &i, me->line);
    integer(st, &i, me->review);
    integer(st, &i, d->doc_seq);
    integer(st, &i, seq);
    text(st, &i, d->doc_id);
    deadline_columns(st, &i, d, me);
    page_column(st, &i, me->page);
    run(s, ST_MEASURE, "cannot insert a measure");
}

void fg_sqlite_assignment(fg_sqlite *s, const fg_rep_doc *d, size_t seq, const fg_measure *me,
                          const fg_assignment *as, size_t agency_seq)
{
    if (s->error)
        return;
    sqlite3_stmt *st = s->st[ST_ASSIGN];
    int i = 0;
    text(st, &i, d->key);
    text(st, &i, d->path);
    text(st, &i, me->id);
    text(st, &i, me->heading);
    text(st, &i, as->name);
    text(st, &i, as->written);
    text(st, &i, fg_role_name(as->role));
    text(st, &i, fg_role_zh(as->role));
    integer(st, &i, as->open_list);
    text(st, &i, me->deadline);
    integer(st, &i, as->line);
    integer(st, &i, as->col);
    integer(st, &i, as->implicit);
    integer(st, &i, as->inherited);
    integer(st, &i, d->doc_seq);
    integer(st, &i, seq);
    integer(st, &i, agency_seq);
    if (as->agency >= 0)
        integer(st, &i, (size_t)as->agency + 1);
    else
        sqlite3_bind_null(st, ++i); /* not in the registry: sorts first, as NULL does */
    text(st, &i, d->doc_id);
    deadline_columns(st, &i, d, me);
    page_column(st, &i, as->page);
    run(s, ST_ASSIGN, "cannot insert an assignment");
}

fg_status fg_sqlite_close(fg_sqlite *s, bool commit, char *err, size_t n_err)
{
    if (!s)
        return FG_OK;
    for (int i = 0; i < N_ST; i++)
        sqlite3_finalize(s->st[i]);
    if (commit && !s->error &&
        (sqlite3_exec(s->db, INDEXES, NULL, NULL, NULL) != SQLITE_OK ||
         sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK))
        fail(s, "cannot commit");
    if (s->db && sqlite3_close(s->db) != SQLITE_OK)
        fail(s, "cannot close");
    fg_status st = FG_OK;
    if (commit && s->error) {
        snprintf(err, n_err, "%s", s->error);
        st = FG_ERR_WRITE;
    }
    free(s->error);
    free(s);
    return st;
}
