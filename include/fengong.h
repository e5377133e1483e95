/*
 * fengong: turns Chinese government policy documents into an agency
 * responsibility matrix (任务分工表).
 *
 * The pipeline, for one document: read and decode the file, normalise the
 * text (HTML tags, entities, front matter, whitespace), cut it into
 * paragraphs and numbered items, find the bracketed attributions that close
 * each measure, resolve agency names against a built-in registry, and hand
 * the result to a writer that produces CSV files and an Excel workbook.
 *
 * Ownership: every object returned by a *_new or *_load function is freed by
 * the matching *_free function; every string or array reached through a
 * document is owned by that document and lives until fg_document_free().
 * The library never prints and never exits (out-of-memory aside: it aborts).
 */
#ifndef FENGONG_H
#define FENGONG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Environment errors. Problems inside a document are diagnostics, not
 * statuses. */
typedef enum fg_status {
    FG_OK = 0,
    FG_ERR_OPEN,    /* a file could not be opened */
    FG_ERR_READ,    /* a file could not be read */
    FG_ERR_WRITE,   /* an output could not be written (disk full, ...) */
    FG_ERR_PATTERN, /* a built-in pattern did not compile */
    FG_ERR_XLSX,    /* libxlsxwriter reported an error */
    FG_ERR_ARG,     /* invalid argument */
    FG_ERR_DATA     /* a data file (the agency registry) is malformed */
} fg_status;

/* A static English description of `st`. */
const char *fg_strerror(fg_status st);

typedef enum fg_severity { FG_NOTE, FG_WARNING, FG_ERROR } fg_severity;

/* "note", "warning" or "error". */
const char *fg_severity_name(fg_severity sev);

typedef enum fg_role {
    FG_ROLE_LEAD,        /* 牵头 */
    FG_ROLE_RESPONSIBLE, /* 负责 */
    FG_ROLE_SUPPORT,     /* 配合, 参与 */
    FG_ROLE_JOINT,       /* 会同 partners */
    FG_ROLE_GUIDE,       /* 指导 */
    FG_N_ROLES
} fg_role;

/* "lead", "responsible", "support", "joint", "guide". */
const char *fg_role_name(fg_role role);
/* "牵头", "负责", "配合", "会同", "指导". */
const char *fg_role_zh(fg_role role);

/* One diagnostic about a document. `line` and `col` count from 1 in the
 * decoded source (col in code points); both are 0 for file-level
 * diagnostics. `code` is a stable identifier such as "agency-unknown";
 * the message is in English. */
#define FG_NO_MEASURE ((size_t)-1)

typedef struct fg_diag {
    fg_severity severity;
    const char *code;
    size_t line, col;
    const char *message;
    size_t measure; /* index of the measure it concerns, or FG_NO_MEASURE */
} fg_diag;

/* One agency named by an attribution, with its role in that measure. */
typedef struct fg_assignment {
    int agency;          /* index in the registry, or -1 if unknown */
    const char *name;    /* canonical name (as written when unknown); with
                            current_names, the successor's as of the date */
    const char *written; /* the name as the document writes it */
    fg_role role;
    bool open_list;      /* the list it came from ends with 等 */
    bool implicit;       /* implied by a scope note (以下均需各区政府…负责，
                            不再列出), not written at the measure */
    bool inherited;      /* given by a section heading's attribution
                            (三、加快创新发展（商务部牵头）), not the item's own */
    size_t line, col;    /* where the name is written */
    size_t page;         /* the PDF page that line is on (from 1); 0 for other formats */
} fg_assignment;

/* One measure (clause) of a document. */
typedef struct fg_measure {
    const char *id;          /* numbering path: "十一", "一/（三）", "十一.2", "#3" */
    const char *heading;     /* the item's first sentence or heading line */
    const char *section;     /* heading of the enclosing section, "" if none */
    const char *text;        /* full text, paragraphs joined with '\n' */
    const char *attribution; /* the bracket as written, "" if none */
    const char *deadline;    /* 完成时限 from the bracket, "" if none */
    size_t line, col;        /* where the measure's text starts */
    size_t page;             /* the PDF page of that line (from 1); 0 for other formats */
    const fg_assignment *assignments;
    size_t n_assignments;
    bool attributed;         /* closed by an attribution */
    bool review;             /* its attribution, or part of it, was not
                                understood: a person should read it */
} fg_measure;

/* What the document says about itself. Empty strings when absent. */
typedef struct fg_docinfo {
    const char *key;    /* the 文号 when found, else the file name */
    const char *path;   /* the path as given */
    const char *title;
    const char *number; /* 文号, e.g. 国办发〔2022〕18号 */
    const char *issuer;
    const char *date;   /* date of issue, YYYY-MM-DD */
    size_t bytes;       /* size of the input in bytes */
    uint64_t content_hash; /* the first 64 bits of doc_id's SHA-256: byte-identical files match */
    const char *level;  /* the issuer's level of government: "central",
                           "provincial", "municipal", "county", or "" */
    const char *published; /* date the page was published (发布日期), YYYY-MM-DD */
    const char *status;    /* a status the page shows: 已废止, 失效, 征求意见稿; or "" */
    char doc_id[17];       /* first 16 hex digits of the SHA-256 of the input's bytes */
} fg_docinfo;

/* Compiled patterns and the agency registry. Read-only once built, so one
 * engine may serve several threads. */
typedef struct fg_engine fg_engine;

/* Settings that apply to a whole run. Zero-initialise, then set fields;
 * a NULL fg_options * means all defaults. Strings are borrowed for the
 * duration of fg_engine_new() only. */
typedef struct fg_options {
    /* Agency registry. */
    bool current_names;        /* map historical bodies to their successors */
    const char *names_as_of;   /* with current_names: NULL for today (the
                                  SOURCE_DATE_EPOCH day when set), "document"
                                  for each document's date, or YYYY-MM-DD */
    const char *agencies_file; /* CSV of bodies merged into the built-in
                                  registry, or NULL */
    /* Reading. */
    /* Read every document in this encoding (any name iconv knows; "GBK"
     * and "GB2312" are read as GB18030, their superset). A byte-order mark
     * still wins. NULL: detect (see fg_document_parse()). */
    const char *encoding;
    /* Convert binary Office files (.doc, .wps) to .docx with LibreOffice
     * (soffice on PATH), at most `convert_seconds` each, and read the
     * result; off: they are an error that gives the command. */
    bool convert;
    unsigned convert_seconds; /* 0: 120 */
    /* The largest document read, in bytes, of the file and of its decoded or
     * inflated text (a larger one is an error of that document: too-large);
     * 0: 64 MiB. */
    size_t max_document_size;
} fg_options;

/* Builds an engine. On failure returns, with a message in `err` (may be
 * NULL): FG_ERR_PATTERN (the pattern's name and the PCRE2 message),
 * FG_ERR_DATA (a bad row of the agencies file, as "FILE:LINE: …"),
 * FG_ERR_OPEN or FG_ERR_READ (the agencies file, or OpenCC's conversion
 * tables), FG_ERR_ARG (names_as_of is not a date, or encoding is not an
 * encoding iconv can decode). The engine is freed with fg_engine_free(). */
fg_status fg_engine_new(fg_engine **out, const fg_options *opt, char *err, size_t n_err);
void fg_engine_free(fg_engine *engine);

/* The registry in official order, local units after the central bodies:
 * `i` from 0 to fg_engine_n_agencies()-1. The returned name is owned by
 * the engine. */
size_t fg_engine_n_agencies(const fg_engine *engine);
const char *fg_engine_agency_name(const fg_engine *engine, size_t i);

/* Writes the effective registry (built-in rows merged with the agencies
 * file; not the local units made from them) to `fp` as CSV with the data
 * file's header, in official order. `fp` is borrowed: it is flushed, not
 * closed. Returns FG_ERR_WRITE with a message in `err` when a write fails. */
fg_status fg_engine_write_agencies(const fg_engine *engine, FILE *fp, char *err, size_t n_err);

typedef struct fg_document fg_document;

/* Reads the file at `path` and extracts it. Always sets *out to a document
 * (unless memory runs out); when the file cannot be read the document is
 * empty, carries an error diagnostic, and the status is FG_ERR_OPEN or
 * FG_ERR_READ. */
fg_status fg_document_load(const fg_engine *engine, const char *path, fg_document **out);

/* Extracts a document from `len` bytes at `data` (borrowed, copied as
 * needed). `path` names it in outputs and diagnostics. The bytes are
 * decoded as: the encoding of a byte-order mark (UTF-8, UTF-16, UTF-32);
 * else the engine's forced encoding; else UTF-8 when they are UTF-8 (a few
 * damaged sequences allowed, replaced by U+FFFD with a warning); else the
 * charset an HTML <meta> declares; else GB18030 when they decode cleanly as
 * GB18030; else UTF-8 with replacement. Text with NUL characters is not a
 * document: an error `not-text`. */
fg_status fg_document_parse(const fg_engine *engine, const char *path,
                            const char *data, size_t len, fg_document **out);

void fg_document_free(fg_document *doc);

/* Writes everything the outputs take from `doc` (not its source text) to
 * `fp` in fengong's binary shard format, so that `fengong merge` can
 * rebuild the outputs of a run split over machines. Returns FG_ERR_WRITE
 * when a write fails. */
fg_status fg_document_write(const fg_document *doc, FILE *fp);

/* Reads a document written by fg_document_write(). Its agencies are
 * checked against the engine's registry. Returns FG_ERR_READ (with *out
 * NULL) for a damaged record or a registry that does not match. */
fg_status fg_document_read(const fg_engine *engine, FILE *fp, fg_document **out);

const fg_docinfo *fg_document_info(const fg_document *doc);
size_t fg_document_n_measures(const fg_document *doc);
const fg_measure *fg_document_measures(const fg_document *doc);
size_t fg_document_n_diags(const fg_document *doc);
const fg_diag *fg_document_diags(const fg_document *doc);
/* True when the document has at least one diagnostic of severity FG_ERROR. */
bool fg_document_has_errors(const fg_document *doc);
/* The text of line `line` (from 1) of the decoded source, without its line
 * end, for showing under a diagnostic; *len receives its length in bytes.
 * NULL when out of range. Owned by the document. */
const char *fg_document_source_line(const fg_document *doc, size_t line, size_t *len);

/* Output formats, a bit set. */
enum { FG_FORMAT_CSV = 1u << 0, FG_FORMAT_XLSX = 1u << 1, FG_FORMAT_SQLITE = 1u << 2 };

typedef struct fg_writer_options {
    unsigned formats; /* FG_FORMAT_CSV | FG_FORMAT_XLSX; 0 means both */
    bool long_only;   /* only assignments (the long table), no matrix or workbook */
    FILE *stream;     /* with long_only: rows go here, no header, line breaks
                         inside fields become spaces (the map step of a
                         streaming engine); the stream is not closed */
    unsigned shard_k, shard_n; /* 1 <= k <= n: also write shard.fgd for
                                  fengong merge; 0 when not sharded */
    bool excel_csv;   /* CSV for Excel: UTF-8 BOM, CRLF, cells that Excel would
                         evaluate as formulas (leading = + - @) guarded with ' */
    bool english;     /* workbook sheet names and labels in English */
    bool header;      /* with stream: write the assignments header line first */
} fg_writer_options;

/* The outputs' schema, documents.csv's `schema` column and the database's
 * user_version: raised whenever a column is added, removed or changes. */
#define FG_SCHEMA 4

/* Collects documents and writes the outputs into a folder. Per-document
 * rows are written as documents are added; the matrix and the workbook at
 * fg_writer_finish(). Files are written under temporary names and renamed
 * into place only when all of them are complete. */
typedef struct fg_writer fg_writer;

/* Opens the writer. `dir` must exist; `opt` may be NULL for defaults. On
 * failure returns the status and writes a message naming the file into
 * `err`. */
fg_status fg_writer_new(const fg_engine *engine, const char *dir, const fg_writer_options *opt,
                        fg_writer **out, char *err, size_t n_err);

/* Receives the diagnostics the writer itself raises (duplicate-document,
 * xlsx-truncated), with the path of the document concerned. */
typedef void (*fg_diag_fn)(void *ctx, const char *path, const fg_diag *d);
void fg_writer_set_diag_fn(fg_writer *w, fg_diag_fn fn, void *ctx);

/* The temporary files the writer has made (at most `max`, borrowed until
 * fg_writer_free), for a signal handler that removes them. */
size_t fg_writer_temp_files(const fg_writer *w, const char **paths, size_t max);

/* Removes the temporary files of fengong runs in `dir` that ended without
 * finishing (killed): only to be called while holding the folder's lock,
 * when no live run can own them. */
void fg_writer_remove_stale(const char *dir);

/* Adds a document. Its diagnostics go to the workbook's issues sheet; a
 * document with errors contributes nothing else. The document is borrowed:
 * what the writer keeps it copies. When the document's key was already
 * used in this run, its rows use the key with "#2", "#3"… appended;
 * *key_used (may be NULL) receives the key written, owned by the writer. */
fg_status fg_writer_add(fg_writer *w, const fg_document *doc, const char **key_used,
                        char *err, size_t n_err);

/* A document's rows of assignments.csv and measures.csv, formatted ahead
 * of fg_writer_add_at(). fg_writer_prepare() only reads settings fixed by
 * fg_writer_new(), so worker threads may call it while another thread adds
 * documents: formatting then runs in parallel, writing stays in order.
 * doc_seq is the place (1…) the document is expected to take among the
 * documents written; when it takes another, its rows are formatted again.
 * Freed by fg_prepared_free() (NULL does nothing). */
typedef struct fg_prepared fg_prepared;
fg_prepared *fg_writer_prepare(const fg_writer *w, const fg_document *doc, size_t doc_seq);
void fg_prepared_free(fg_prepared *p);

/* fg_writer_add() with more: `index` is the document's position among all
 * inputs of the whole run (kept in shard.fgd for a merge), `prepared` (may
 * be NULL) its rows from fg_writer_prepare(), borrowed. */
fg_status fg_writer_add_at(fg_writer *w, const fg_document *doc, size_t index,
                           fg_prepared *prepared, const char **key_used, char *err,
                           size_t n_err);

/* The path of an earlier document of the run with the same bytes as `doc`
 * (the same file in two folders), or NULL; owned by the writer. Such a
 * document is left out by fg_writer_add_at(), with a `duplicate` warning. */
const char *fg_writer_duplicate_of(const fg_writer *w, const fg_document *doc);

/* Records a diagnostic that belongs to no document (an unreadable folder)
 * for the workbook's issues sheet. Strings are copied. */
void fg_writer_note(fg_writer *w, const char *path, fg_severity sev, const char *code,
                    const char *message);

/* Writes the matrix and the workbook, then renames every output into
 * place. On failure no output is renamed and the temporary files are
 * removed. */
fg_status fg_writer_finish(fg_writer *w, char *err, size_t n_err);

/* Frees the writer; removes temporary files when fg_writer_finish() was
 * not called or failed. */
void fg_writer_free(fg_writer *w);

/* Receives each document of a merge in input order; it must hand the
 * document to the writer (fg_writer_add) and may count it. The document
 * is freed after the call. */
typedef fg_status (*fg_merge_fn)(void *ctx, const fg_document *doc, char *err, size_t n_err);

/* Adds to `w`, in input order, the documents and notes of the shard output
 * folders `dirs` (each holding shard.fgd, shards 1…N of one run, each
 * exactly once), so that fg_writer_finish() then writes what a single run
 * over all inputs would have. Each document goes through `fn` (NULL: straight
 * to fg_writer_add). Errors name the folder. */
fg_status fg_merge(const fg_engine *engine, const char *const *dirs, size_t n_dirs,
                   fg_writer *w, fg_merge_fn fn, void *ctx, char *err, size_t n_err);

/* The library version, e.g. "0.1.0". */
const char *fg_version(void);

#ifdef __cplusplus
}
#endif
#endif
