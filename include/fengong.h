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
    FG_ERR_ARG      /* invalid argument */
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
 * diagnostics. `code` is a stable identifier such as "agency-unknown". */
typedef struct fg_diag {
    fg_severity severity;
    const char *code;
    size_t line, col;
    const char *message;
} fg_diag;

/* One agency named by an attribution, with its role in that measure. */
typedef struct fg_assignment {
    int agency;          /* index in the registry, or -1 if unknown */
    const char *name;    /* canonical name (as written when unknown) */
    const char *written; /* the name as the document writes it */
    fg_role role;
    bool open_list;      /* the list it came from ends with 等 */
    size_t line, col;    /* where the name is written */
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
    const fg_assignment *assignments;
    size_t n_assignments;
    bool attributed;         /* closed by an attribution */
} fg_measure;

/* What the document says about itself. Empty strings when absent. */
typedef struct fg_docinfo {
    const char *key;    /* the 文号 when found, else the file name */
    const char *path;   /* the path as given */
    const char *title;
    const char *number; /* 文号, e.g. 国办发〔2022〕18号 */
    const char *issuer;
    const char *date;   /* date of issue, YYYY-MM-DD */
} fg_docinfo;

/* Compiled patterns and the agency registry. Read-only once built, so one
 * engine may serve several threads. */
typedef struct fg_engine fg_engine;

/* Settings that apply to a whole run. Zero-initialise, then set fields;
 * a NULL fg_options * means all defaults. Strings are borrowed for the
 * duration of fg_engine_new() only. */
typedef struct fg_options {
    /* Read every document in this encoding (any name iconv knows; "GBK"
     * and "GB2312" are read as GB18030, their superset). A byte-order mark
     * still wins. NULL: detect (see fg_document_parse()). */
    const char *encoding;
} fg_options;

/* Builds an engine. On failure returns FG_ERR_PATTERN and writes the
 * pattern's name and the PCRE2 message into `err` (may be NULL);
 * FG_ERR_ARG when opt->encoding is not an encoding iconv can decode;
 * FG_ERR_OPEN when OpenCC's conversion tables cannot be loaded. */
fg_status fg_engine_new(fg_engine **out, const fg_options *opt, char *err, size_t n_err);
void fg_engine_free(fg_engine *engine);

/* The registry in official order: `i` from 0 to fg_engine_n_agencies()-1.
 * The returned name is owned by the engine. */
size_t fg_engine_n_agencies(const fg_engine *engine);
const char *fg_engine_agency_name(const fg_engine *engine, size_t i);

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
enum { FG_FORMAT_CSV = 1u << 0, FG_FORMAT_XLSX = 1u << 1 };

/* Collects documents and writes the outputs into a folder. Per-document
 * rows are written as documents are added; the matrix and the workbook at
 * fg_writer_finish(). Files are written under temporary names and renamed
 * into place only when all of them are complete. */
typedef struct fg_writer fg_writer;

/* Opens the writer. `dir` must exist. On failure returns the status and
 * writes a message naming the file into `err`. */
fg_status fg_writer_new(const fg_engine *engine, const char *dir, unsigned formats,
                        fg_writer **out, char *err, size_t n_err);

/* Adds a document's rows. The document is borrowed: what the writer keeps
 * it copies. When the document's key was already used in this run, the
 * rows use the key with "#2", "#3"… appended; *key_used (may be NULL)
 * receives the key written, owned by the writer. */
fg_status fg_writer_add(fg_writer *w, const fg_document *doc, const char **key_used,
                        char *err, size_t n_err);

/* Writes the matrix and the workbook, then renames every output into
 * place. On failure no output is renamed and the temporary files are
 * removed. */
fg_status fg_writer_finish(fg_writer *w, char *err, size_t n_err);

/* Frees the writer; removes temporary files when fg_writer_finish() was
 * not called or failed. */
void fg_writer_free(fg_writer *w);

/* The library version, e.g. "0.1.0". */
const char *fg_version(void);

#ifdef __cplusplus
}
#endif
#endif
