/* fengong command line: parses options, finds the input documents, runs
 * the library over them (on several threads), prints diagnostics and
 * progress, writes the run summary and picks the exit status. The only
 * file that touches argv, stdin, stdout and exit codes. */
#define _GNU_SOURCE

#include "fengong.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_DONE = 0, EXIT_INPUT_ERRORS = 1, EXIT_FAILURE_USAGE = 2 };
enum { MAX_DEPTH = 64, MAX_JOBS = 256 };
#define FG_MAX_DOCUMENT_LIMIT (1ull << 30) /* fg_source_read_file's own limit */

static const char USAGE[] =
    "Usage: fengong [options] PATH...\n"
    "  or:  fengong merge [options] DIR...\n"
    "  or:  fengong [--agencies FILE] agencies\n"
    "\n"
    "Reads Chinese policy documents (State Council opinions and the plans that\n"
    "implement them), finds every measure and the agencies its attribution names\n"
    "with their roles (牵头 lead, 负责 responsible, 配合 support, 会同 joint,\n"
    "指导 guide), and writes a measure-by-agency matrix.\n"
    "\n"
    "PATH is a document, a folder (searched recursively for .txt .html .htm .md\n"
    ".docx .pdf .doc .wps files, taken in byte order of their paths), or - for\n"
    "one document on standard input. Outputs list documents in input order,\n"
    "whatever the number of threads. Word .docx and PDF files are read as the\n"
    "text they hold (a PDF without text, a scanned image, is an error: no OCR);\n"
    "a binary .doc or .wps is an error that says how to convert it. A file with\n"
    "the same bytes as an earlier one (the same file in two folders) is read\n"
    "once: the copy gets a 'duplicate' warning.\n"
    "\n"
    "Encodings: a byte-order mark decides (UTF-8, UTF-16LE/BE, UTF-32LE/BE);\n"
    "else --encoding when given; else UTF-8 when the bytes are UTF-8; else the\n"
    "charset an HTML <meta> declares; else GB18030 (GBK) when the bytes decode\n"
    "cleanly as GB18030; else whichever of UTF-8 and GB18030 (line by line)\n"
    "leaves fewer bytes undecodable. Undecodable bytes become U+FFFD with a\n"
    "warning. Traditional characters are read through OpenCC (tw2sp).\n"
    "\n"
    "'fengong agencies' prints the agency registry (with --agencies, merged) as\n"
    "CSV on stdout, in the columns an --agencies file uses. To read a folder\n"
    "named agencies, write ./agencies.\n"
    "\n"
    "";

/* (Split: C11 compilers need take no string longer than 4,095 bytes.) */
static const char USAGE_OPTIONS[] =
    "Options:\n"
    "  -o DIR           output folder (default: out); created if missing;\n"
    "                   - (standard output) with --format long\n"
    "  --format LIST    comma-separated outputs: csv, xlsx, sqlite (default:\n"
    "                   csv,xlsx); or long: only the assignments table\n"
    "  --header         with --format long -o -: write the header line first\n"
    "  --encoding NAME  read every document as NAME (any name iconv knows, e.g.\n"
    "                   GBK, GB18030, BIG5, UTF-16LE); a byte-order mark wins\n"
    "  --excel-csv      CSV for Excel: UTF-8 BOM, CRLF line ends, and a ' before\n"
    "                   cells that start with = + - @ (so Excel shows, not runs,\n"
    "                   them); the default is plain RFC 4180 CSV for BI tools\n"
    "  --lang zh|en     language of the workbook's sheet names and labels\n"
    "                   (default: zh); CSV headers never change\n"
    "  --agencies FILE  merge the bodies of FILE (CSV, the columns of\n"
    "                   'fengong agencies') into the built-in registry: a row\n"
    "                   named like a built-in body replaces it\n"
    "  --current-names[=WHEN]\n"
    "                   name historical bodies by their successors (银保监会 →\n"
    "                   金融监管总局), so that matrices of different years line\n"
    "                   up; WHEN is a date YYYY-MM-DD, or 'document' for each\n"
    "                   document's date of issue (default: today). Off by\n"
    "                   default: columns use the names the documents use\n"
    "  -j N             worker threads (default: the number of online cores)\n"
    "  --files-from F   read more PATHs from file F, one per line (- for stdin)\n"
    "  --shard K/N      process only the K-th (1..N) of N partitions of the\n"
    "                   inputs, chosen by a stable hash of each path relative to\n"
    "                   its input root; also writes DIR/shard.fgd for merge\n"
    "  --summary FILE   write a JSON summary of the run to FILE\n"
    "  --dedupe         one document per 文号: of the files with the same 文号\n"
    "                   keep the one with the most attributed measures (the\n"
    "                   first of those), for BI counts; reads every file twice;\n"
    "                   not with --shard\n"
    "  --strict         treat warnings as errors: exit status 1 when any\n"
    "  --max-document-size SIZE\n"
    "                   the largest document read: its file, and its decoded or\n"
    "                   inflated text (default 64M; K, M, G suffixes; at most\n"
    "                   1G); a larger one is an error of that document\n"
    "  --convert[=SECONDS]\n"
    "                   convert .doc and .wps files to .docx with LibreOffice\n"
    "                   (soffice on PATH), at most SECONDS each (default 120),\n"
    "                   and read them; without it they are an error\n"
    "  --wait           wait while another run writes to the same output folder\n"
    "                   (by default that is an error, exit 2)\n"
    "  --allow-empty    write the outputs even when no document was read (by\n"
    "                   default such a run leaves the previous outputs as they\n"
    "                   were, and exits 1)\n"
    "  -q, --quiet      print errors only: no notes, warnings, progress or summary\n"
    "  -h, --help       show this help and exit\n"
    "  --version        show the version and exit\n"
    "\n"

    "fengong merge DIR... combines the output folders of the shards 1..N of one\n"
    "run (each holding shard.fgd) into the outputs a single run would have\n"
    "written; it takes -o, --format, --excel-csv, --lang, -q, --summary, and\n"
    "--agencies (the shards' file: names are checked against the registry).\n"
    "\n"
    "";

/* ISO C compilers need only support strings of 4,095 bytes: the second half. */
static const char USAGE_OUTPUTS[] =
    "Outputs in DIR (written under temporary names, renamed when all are\n"
    "complete; on failure the previous outputs stay as they were):\n"
    "  assignments.csv  one row per (measure, agency); implicit=true for bodies\n"
    "                   a scope note (以下均需…负责，不再列出) implies\n"
    "  measures.csv     one row per measure; review=true where its attribution\n"
    "                   was not understood (see the attribution-unparsed warning)\n"
    "  documents.csv    one row per document\n"
    "  matrix.csv       measures x agencies, cells 牵头/负责/配合/会同/指导\n"
    "  matrix.xlsx      workbook: 分工表 (allocation table, print-ready), 矩阵\n"
    "                   (matrix), 统计 (workload per agency, chart), 按单位\n"
    "                   (each agency's measures, by role), 文件 (documents),\n"
    "                   问题 (every diagnostic)\n"
    "A run takes DIR/.fengong.lock (see --wait), and removes the temporary\n"
    "files that killed runs left in DIR; on SIGINT, SIGTERM or SIGHUP it\n"
    "removes its own.\n"
    "  fengong.sqlite   with --format ...,sqlite: the three tables above, typed,\n"
    "                   keyed and indexed, in one SQLite database\n"
    "With -o - and --format long, assignments rows go to standard output, one\n"
    "line each, with no header (the header line first with --header).\n"
    "\n"
    "Diagnostics go to stderr as FILE:LINE:COL: SEVERITY: MESSAGE [CODE]\n"
    "(FILE: SEVERITY: ... for a whole file). When stderr is a terminal a\n"
    "progress line shows documents done, MB/s and the time left.\n"
    "\n"
    "Exit status:\n"
    "  0  done (warnings allowed)\n"
    "  1  some inputs had errors (or warnings, with --strict); the rest were\n"
    "     processed and written; or no document was read at all, and the\n"
    "     previous outputs were left as they were\n"
    "  2  usage error (also a PATH that does not exist), a bad --agencies file\n"
    "     (the message names FILE:LINE), or the outputs could not be written\n";

typedef struct options {
    const char *out_dir;
    fg_writer_options writer;
    fg_options engine;
    bool list_agencies; /* the `agencies` command */
    bool quiet, strict, merge, to_stdout;
    bool allow_empty; /* write outputs even when no document was read */
    bool wait;        /* wait for another run's lock on the output folder */
    bool dedupe; /* one document per 文号: the one with most attributed measures */
    unsigned jobs;
    const char *files_from, *summary;
} options;

/*** Inputs ***/

typedef struct input {
    char *path;
    const char *rel; /* the path relative to its input root, for --shard */
} input;

typedef struct inputs {
    input *v;
    size_t n, cap;
} inputs;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("fengong: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *xstrdup(const char *s) { return strcpy(xrealloc(NULL, strlen(s) + 1), s); }

static void add_input(inputs *in, const char *path, size_t rel_off)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 64;
        in->v = xrealloc(in->v, in->cap * sizeof *in->v);
    }
    in->v[in->n].path = xstrdup(path);
    in->v[in->n].rel = in->v[in->n].path + rel_off;
    in->n++;
}

static void free_inputs(inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->v[i].path);
    free(in->v);
}

static bool wanted_extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    static const char *const EXT[] = {".txt", ".html", ".htm", ".md", ".docx",
                                      ".pdf", ".doc", ".wps"};
    for (size_t i = 0; dot && i < sizeof EXT / sizeof *EXT; i++)
        if (strcasecmp(dot, EXT[i]) == 0)
            return true;
    return false;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const input *)a)->path, ((const input *)b)->path);
}

typedef struct run_state run_state;
static void folder_error(run_state *rs, const char *dir, int err);

/* Folders already walked, by device and inode, so that a symbolic link
 * back up the tree (or two links to one folder) is walked once, not 2^64
 * times. Open addressing; the table only grows. */
typedef struct dir_set {
    dev_t *dev;
    ino_t *ino;
    size_t n, cap; /* cap 0 or a power of two */
} dir_set;

static bool dir_set_add(dir_set *s, dev_t dev, ino_t ino)
{
    if ((s->n + 1) * 2 > s->cap) {
        dir_set old = *s;
        s->cap = old.cap ? old.cap * 2 : 64;
        s->dev = calloc(s->cap, sizeof *s->dev);
        s->ino = calloc(s->cap, sizeof *s->ino);
        if (!s->dev || !s->ino) {
            fputs("fengong: out of memory\n", stderr);
            abort();
        }
        s->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.ino[i] || old.dev[i])
                dir_set_add(s, old.dev[i], old.ino[i]);
        free(old.dev);
        free(old.ino);
    }
    size_t i = ((size_t)ino * 0x9E3779B97F4A7C15ull ^ (size_t)dev) & (s->cap - 1);
    for (; s->ino[i] || s->dev[i]; i = (i + 1) & (s->cap - 1))
        if (s->ino[i] == ino && s->dev[i] == dev)
            return false;
    s->dev[i] = dev;
    s->ino[i] = ino;
    s->n++;
    return true;
}

static void not_regular(run_state *rs, const char *path);

/* Adds the documents below `dir`, recursively; the caller sorts them.
 * Unreadable folders and entries that are not regular files (a named pipe
 * would block the read forever) are reported as input errors. */
/* A file or folder a walk passes over: 'h' hidden, 'o' another kind of
 * file, 'd' past the depth limit (counted for the summary). */
static void passed_over(run_state *rs, char kind);

static void walk(run_state *rs, dir_set *seen, const char *dir, size_t rel_off, int depth,
                 inputs *out)
{
    struct stat dst;
    if (stat(dir, &dst) == 0 && !dir_set_add(seen, dst.st_dev, dst.st_ino))
        return; /* walked already, through another path */
    DIR *d = opendir(dir);
    if (!d) {
        folder_error(rs, dir, errno);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (e->d_name[0] == '.') {
            passed_over(rs, 'h'); /* never silently: counted */
            continue;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *p = xrealloc(NULL, len);
        snprintf(p, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
        struct stat st;
        bool found = stat(p, &st) == 0; /* else vanished or a broken link: the read says */
        if (found && S_ISDIR(st.st_mode)) {
            if (depth < MAX_DEPTH)
                walk(rs, seen, p, rel_off, depth + 1, out);
            else
                passed_over(rs, 'd');
        } else if (wanted_extension(e->d_name) && found && !S_ISREG(st.st_mode)) {
            not_regular(rs, p);
        } else if (wanted_extension(e->d_name)) {
            add_input(out, p, rel_off);
        } else {
            passed_over(rs, 'o');
        }
        free(p);
    }
    closedir(d);
}

/* One PATH: a folder's documents in byte order of their paths, else the
 * path itself (a file, a path that will fail to open, or -). */
static void add_path(run_state *rs, const char *path, inputs *out)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        size_t first = out->n, rel = strlen(path) + (path[strlen(path) - 1] == '/' ? 0 : 1);
        dir_set seen = {0};
        walk(rs, &seen, path, rel, 0, out);
        free(seen.dev);
        free(seen.ino);
        if (out->n > first)
            qsort(out->v + first, out->n - first, sizeof *out->v, by_path);
    } else {
        add_input(out, path, 0);
    }
}

/* PATHs from a file, one per line (- for standard input). */
static int read_files_from(run_state *rs, const char *name, inputs *out, size_t *n_lines)
{
    FILE *fp = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
    if (!fp)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0) {
            add_path(rs, line, out);
            ++*n_lines;
        }
    }
    free(line);
    int bad = ferror(fp);
    if (fp != stdin)
        fclose(fp);
    return bad ? -1 : 0;
}

/* FNV-1a: the same partition on every machine and every run. */
static uint64_t stable_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

/*** Diagnostics, progress and totals ***/

struct run_state {
    const options *o;
    fg_writer *w;
    size_t n_inputs; /* PATHs given, --files-from lines included */
    size_t documents, read_ok, measures, attributed, assignments, bytes, skipped_n;
    size_t duplicates;    /* byte-identical to an earlier file: left out */
    size_t passed_hidden, passed_other, passed_deep; /* what folder walks passed over */
    size_t deduplicated;  /* left out by --dedupe */
    const char **kept_by; /* --dedupe: by input index, the file kept instead, or NULL */
    size_t warnings;
    int errors;
    struct code_count {
        char code[48];
        fg_severity sev;
        size_t n;
    } codes[64];
    size_t n_codes;
    char *skipped; /* JSON array items */
    size_t skipped_len;
    bool progress;
    struct timespec start, last_progress;
    size_t total;
};

static void passed_over(run_state *rs, char kind)
{
    size_t *n = kind == 'h' ? &rs->passed_hidden : kind == 'd' ? &rs->passed_deep : &rs->passed_other;
    (*n)++;
}

static double elapsed(const struct timespec *a)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - a->tv_sec) + (double)(now.tv_nsec - a->tv_nsec) / 1e9;
}

static void clear_progress(run_state *rs)
{
    if (rs->progress)
        fputs("\r\033[K", stderr);
}

static void show_progress(run_state *rs, size_t done)
{
    if (!rs->progress || (elapsed(&rs->last_progress) < 0.2 && done < rs->total))
        return;
    clock_gettime(CLOCK_MONOTONIC, &rs->last_progress);
    double t = elapsed(&rs->start);
    double mbs = t > 0 ? (double)rs->bytes / 1e6 / t : 0;
    double left = done ? t / (double)done * (double)(rs->total - done) : 0;
    fprintf(stderr, "\r\033[K%zu/%zu documents, %.1f MB/s, %.0f s left", done, rs->total, mbs,
            left);
}

static void count_code(run_state *rs, const fg_diag *d, fg_severity sev)
{
    for (size_t i = 0; i < rs->n_codes; i++)
        if (rs->codes[i].sev == sev && strcmp(rs->codes[i].code, d->code) == 0) {
            rs->codes[i].n++;
            return;
        }
    if (rs->n_codes < sizeof rs->codes / sizeof rs->codes[0]) {
        struct code_count *c = &rs->codes[rs->n_codes++];
        snprintf(c->code, sizeof c->code, "%s", d->code);
        c->sev = sev;
        c->n = 1;
    }
}

/* Counts one diagnostic; with --strict a warning is an error. Returns the
 * severity it counts as. */
static fg_severity count_diag(run_state *rs, const fg_diag *d)
{
    fg_severity sev = rs->o->strict && d->severity == FG_WARNING ? FG_ERROR : d->severity;
    count_code(rs, d, sev);
    rs->warnings += sev == FG_WARNING;
    if (rs->o->strict && d->severity == FG_WARNING)
        rs->errors++;
    return sev;
}

/* Counts and prints one diagnostic. */
/* A message as one line of the log: a control character (a line end in a
 * quoted bracket) is written as \xNN, so that no text forges a line. */
static void put_line_safe(FILE *fp, const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7F)
            fprintf(fp, "\\x%02X", (unsigned char)*s);
        else
            fputc(*s, fp);
}

static void report_diag(void *ctx, const char *path, const fg_diag *d)
{
    run_state *rs = ctx;
    fg_severity sev = count_diag(rs, d);
    if (rs->o->quiet && sev != FG_ERROR)
        return;
    clear_progress(rs);
    put_line_safe(stderr, path); /* file names are escaped already (\xNN) */
    if (d->line)
        fprintf(stderr, ":%zu:%zu", d->line, d->col);
    fprintf(stderr, ": %s: ", fg_severity_name(sev));
    put_line_safe(stderr, d->message);
    fprintf(stderr, " [%s]\n", d->code);
}

static void json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c < 0x20)
            fprintf(fp, "\\u%04x", c);
        else
            fputc(c, fp);
    }
    fputc('"', fp);
}

static void note_skipped(run_state *rs, const char *path, const char *code)
{
    char *item = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&item, &len);
    if (!m)
        return;
    fputs(rs->skipped_n ? ",\n    {\"file\": " : "\n    {\"file\": ", m);
    json_string(m, path);
    fputs(", \"reason\": ", m);
    json_string(m, code);
    fputc('}', m);
    fclose(m);
    rs->skipped = xrealloc(rs->skipped, rs->skipped_len + len + 1);
    memcpy(rs->skipped + rs->skipped_len, item, len + 1);
    rs->skipped_len += len;
    rs->skipped_n++;
    free(item);
}

/* An input error found while walking: printed, kept for the workbook's
 * issues sheet (and shard files), counted. */
static void walk_error(run_state *rs, const char *path, const char *msg)
{
    fg_diag d = {FG_ERROR, "read-failed", 0, 0, msg, FG_NO_MEASURE};
    report_diag(rs, path, &d);
    fg_writer_note(rs->w, path, FG_ERROR, "read-failed", msg);
    rs->errors++;
    note_skipped(rs, path, "read-failed");
}

static void folder_error(run_state *rs, const char *dir, int err)
{
    char msg[512];
    snprintf(msg, sizeof msg, "cannot read folder: %s", strerror(err));
    walk_error(rs, dir, msg);
}

static void not_regular(run_state *rs, const char *path)
{
    walk_error(rs, path, "not a regular file (a named pipe, socket or device): skipped");
}

/* Hands a finished document to the writer and counts it; its diagnostics
 * are printed unless it comes from a merge (the shard runs printed them). */
static fg_status take(run_state *rs, const fg_document *doc, size_t index, fg_prepared *prep,
                      char *err, size_t n_err)
{
    const fg_docinfo *info = fg_document_info(doc);
    const fg_diag *ds = fg_document_diags(doc);
    if (rs->kept_by && rs->kept_by[index]) {
        char msg[1200];
        snprintf(msg, sizeof msg,
                 "left out by --dedupe: %.1000s has the same 文号 and at least as many "
                 "attributed measures",
                 rs->kept_by[index]);
        fg_diag d = {FG_NOTE, "deduplicated", 0, 0, msg, FG_NO_MEASURE};
        report_diag(rs, info->path, &d);
        rs->documents++;
        rs->deduplicated++;
        rs->bytes += info->bytes;
        return FG_OK;
    }
    if (fg_writer_duplicate_of(rs->w, doc)) { /* the writer says so and leaves it out */
        rs->documents++;
        rs->duplicates++;
        rs->bytes += info->bytes;
        return fg_writer_add_at(rs->w, doc, index, prep, NULL, err, n_err);
    }
    for (size_t i = 0; i < fg_document_n_diags(doc); i++) {
        if (rs->o->merge)
            count_diag(rs, &ds[i]);
        else
            report_diag(rs, info->path, &ds[i]);
    }
    rs->documents++;
    rs->bytes += info->bytes;
    if (fg_document_has_errors(doc)) {
        rs->errors++;
        for (size_t i = 0; i < fg_document_n_diags(doc); i++)
            if (ds[i].severity == FG_ERROR) {
                note_skipped(rs, info->path, ds[i].code);
                break;
            }
    } else {
        rs->read_ok++;
        const fg_measure *ms = fg_document_measures(doc);
        for (size_t i = 0; i < fg_document_n_measures(doc); i++) {
            rs->measures++;
            rs->attributed += ms[i].attributed;
            rs->assignments += ms[i].n_assignments;
        }
    }
    return fg_writer_add_at(rs->w, doc, index, prep, NULL, err, n_err);
}

static fg_status take_merged(void *ctx, const fg_document *doc, char *err, size_t n_err)
{
    run_state *rs = ctx;
    return take(rs, doc, rs->documents, NULL, err, n_err);
}

static int write_summary(const run_state *rs, int status)
{
    const options *o = rs->o;
    size_t len = strlen(o->summary) + 32;
    char *tmp = xrealloc(NULL, len);
    snprintf(tmp, len, "%s.%ld.tmp", o->summary, (long)getpid());
    FILE *fp = fopen(tmp, "w");
    if (!fp) {
        free(tmp);
        return -1;
    }
    double t = elapsed(&rs->start);
    fprintf(fp, "{\n  \"fengong\": ");
    json_string(fp, fg_version());
    fprintf(fp, ",\n  \"exit_status\": %d,\n  \"inputs\": %zu,\n  \"documents_found\": %zu,\n",
            status, rs->n_inputs, rs->total);
    fprintf(fp, "  \"documents_read\": %zu,\n  \"skipped\": [%s%s],\n", rs->read_ok,
            rs->skipped ? rs->skipped : "", rs->skipped_n ? "\n  " : "");
    fprintf(fp, "  \"duplicates\": %zu,\n  \"deduplicated\": %zu,\n", rs->duplicates,
            rs->deduplicated);
    fprintf(fp,
            "  \"passed_over\": {\"hidden\": %zu, \"other_files\": %zu, \"too_deep\": %zu},\n",
            rs->passed_hidden, rs->passed_other, rs->passed_deep);
    fprintf(fp, "  \"measures\": %zu,\n  \"attributed_measures\": %zu,\n", rs->measures,
            rs->attributed);
    fprintf(fp, "  \"assignments\": %zu,\n", rs->assignments);
    for (int sev = FG_WARNING; sev <= FG_ERROR; sev++) {
        fprintf(fp, "  \"%s\": {", sev == FG_WARNING ? "warnings" : "errors");
        bool first = true;
        for (size_t i = 0; i < rs->n_codes; i++)
            if (rs->codes[i].sev == (fg_severity)sev) {
                fputs(first ? "" : ", ", fp);
                json_string(fp, rs->codes[i].code);
                fprintf(fp, ": %zu", rs->codes[i].n);
                first = false;
            }
        fputs("},\n", fp);
    }
    fprintf(fp, "  \"bytes\": %zu,\n  \"seconds\": %.3f,\n  \"bytes_per_second\": %.0f\n}\n",
            rs->bytes, t, t > 0 ? (double)rs->bytes / t : 0.0);
    int bad = ferror(fp) | (fclose(fp) != 0);
    if (!bad && rename(tmp, o->summary) != 0)
        bad = 1;
    if (bad)
        remove(tmp);
    free(tmp);
    return bad ? -1 : 0;
}

/*** Running the documents ***/

typedef struct job {
    const char *path;
    fg_document *doc;
    fg_prepared *prep; /* its CSV rows, formatted by the worker */
    bool done;
} job;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t ready, room;
    job *jobs;
    size_t n, next, consumed, window;
    const fg_engine *engine;
    const fg_writer *w;
    bool stop;
} pool;

static fg_document *load(const fg_engine *engine, const char *path)
{
    fg_document *doc;
    if (strcmp(path, "-") != 0) {
        fg_document_load(engine, path, &doc);
        return doc;
    }
    char *data = NULL;
    size_t len = 0, cap = 0, n;
    do {
        if (len + 65536 > cap)
            data = xrealloc(data, cap = (cap ? cap * 2 : 65536) + 65536);
        n = fread(data + len, 1, 65536, stdin);
        len += n;
    } while (n > 0);
    fg_document_parse(engine, "-", data, len, &doc);
    free(data);
    return doc;
}

/* Workers take documents in order, never more than `window` ahead of the
 * writer, so memory stays bounded while the writer keeps input order. */
static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->next < p->n && p->next >= p->consumed + p->window)
            pthread_cond_wait(&p->room, &p->mu);
        if (p->stop || p->next >= p->n)
            break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        fg_document *doc = load(p->engine, p->jobs[i].path);
        fg_prepared *prep = fg_writer_prepare(p->w, doc, i + 1);
        pthread_mutex_lock(&p->mu);
        p->jobs[i].doc = doc;
        p->jobs[i].prep = prep;
        p->jobs[i].done = true;
        pthread_cond_broadcast(&p->ready);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static fg_status run_jobs(run_state *rs, const fg_engine *engine, const inputs *in,
                          const size_t *index, char *err, size_t n_err)
{
    unsigned n_threads = rs->o->jobs;
    pool p = {.n = in->n, .engine = engine, .w = rs->w, .window = 4 * (size_t)n_threads};
    p.jobs = calloc(in->n + 1, sizeof *p.jobs);
    for (size_t i = 0; i < in->n; i++)
        p.jobs[i].path = in->v[i].path;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.room, NULL);
    pthread_t th[MAX_JOBS];
    unsigned started = 0;
    for (; n_threads > 1 && started < n_threads; started++)
        if (pthread_create(&th[started], NULL, worker, &p) != 0)
            break;
    fg_status st = FG_OK;
    for (size_t i = 0; i < in->n && st == FG_OK; i++) {
        fg_document *doc;
        fg_prepared *prep = NULL;
        if (started == 0) {
            doc = load(engine, in->v[i].path); /* -j 1: no threads at all */
        } else {
            pthread_mutex_lock(&p.mu);
            while (!p.jobs[i].done)
                pthread_cond_wait(&p.ready, &p.mu);
            doc = p.jobs[i].doc;
            prep = p.jobs[i].prep;
            p.jobs[i].doc = NULL;
            p.jobs[i].prep = NULL;
            pthread_mutex_unlock(&p.mu);
        }
        st = take(rs, doc, index[i], prep, err, n_err);
        fg_prepared_free(prep);
        fg_document_free(doc);
        pthread_mutex_lock(&p.mu);
        p.consumed = i + 1;
        pthread_cond_broadcast(&p.room);
        pthread_mutex_unlock(&p.mu);
        show_progress(rs, i + 1);
    }
    pthread_mutex_lock(&p.mu);
    p.stop = true;
    pthread_cond_broadcast(&p.room);
    pthread_mutex_unlock(&p.mu);
    for (unsigned t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    for (size_t i = 0; i < in->n; i++) {
        fg_document_free(p.jobs[i].doc);
        fg_prepared_free(p.jobs[i].prep);
    }
    free(p.jobs);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.ready);
    pthread_cond_destroy(&p.room);
    clear_progress(rs);
    return st;
}

/*** Options ***/

static int parse_formats(const char *s, options *o)
{
    unsigned formats = 0;
    bool long_only = false;
    char *copy = xstrdup(s), *save = NULL;
    int rc = 0;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "csv") == 0)
            formats |= FG_FORMAT_CSV;
        else if (strcmp(tok, "xlsx") == 0)
            formats |= FG_FORMAT_XLSX;
        else if (strcmp(tok, "sqlite") == 0)
            formats |= FG_FORMAT_SQLITE;
        else if (strcmp(tok, "long") == 0)
            long_only = true;
        else
            rc = -1;
    }
    free(copy);
    if (rc != 0 || (long_only && formats) || (!long_only && !formats))
        return -1; /* long goes alone */
    o->writer.formats = long_only ? FG_FORMAT_CSV : formats;
    o->writer.long_only = long_only;
    return 0;
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "fengong: %s%s\nTry 'fengong --help' for more information.\n", msg,
            arg ? arg : "");
    return EXIT_FAILURE_USAGE;
}

static int parse_shard(const char *s, options *o)
{
    unsigned k, n;
    char tail;
    if (sscanf(s, "%u/%u%c", &k, &n, &tail) != 2 || n < 1 || k < 1 || k > n || n > 1000000)
        return -1;
    o->writer.shard_k = k;
    o->writer.shard_n = n;
    return 0;
}

static unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

/* Returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, options *o)
{
    static const struct option LONG[] = {
        {"format", required_argument, NULL, 'f'}, {"excel-csv", no_argument, NULL, 'x'},
        {"lang", required_argument, NULL, 'l'},   {"files-from", required_argument, NULL, 'F'},
        {"shard", required_argument, NULL, 'S'},  {"summary", required_argument, NULL, 's'},
        {"strict", no_argument, NULL, 'T'},       {"quiet", no_argument, NULL, 'q'},
        {"agencies", required_argument, NULL, 'a'},
        {"encoding", required_argument, NULL, 'e'},
        {"allow-empty", no_argument, NULL, 'E'},
        {"wait", no_argument, NULL, 'W'},
        {"convert", optional_argument, NULL, 'C'},
        {"dedupe", no_argument, NULL, 'D'},
        {"max-document-size", required_argument, NULL, 'M'},
        {"header", no_argument, NULL, 'H'},
        {"current-names", optional_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},         {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    memset(o, 0, sizeof *o);
    o->out_dir = "out";
    o->writer.formats = FG_FORMAT_CSV | FG_FORMAT_XLSX;
    o->jobs = default_jobs();
    if (argc > 1 && strcmp(argv[1], "merge") == 0) {
        o->merge = true;
        argv++;
        argc--;
    }
    int c;
    char *end;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:j:qh", LONG, NULL)) != -1) {
        switch (c) {
        case 'o': o->out_dir = optarg; break;
        case 'f':
            if (parse_formats(optarg, o) != 0)
                return usage_error("--format takes a list of csv, xlsx, sqlite, or long, not ",
                                   optarg);
            break;
        case 'x': o->writer.excel_csv = true; break;
        case 'l':
            if (strcmp(optarg, "zh") != 0 && strcmp(optarg, "en") != 0)
                return usage_error("--lang takes zh or en, not ", optarg);
            o->writer.english = strcmp(optarg, "en") == 0;
            break;
        case 'j':
            o->jobs = (unsigned)strtoul(optarg, &end, 10);
            if (*end || o->jobs < 1 || o->jobs > MAX_JOBS)
                return usage_error("-j takes a number of threads from 1 to 256, not ", optarg);
            break;
        case 'F': o->files_from = optarg; break;
        case 'S':
            if (parse_shard(optarg, o) != 0)
                return usage_error("--shard takes K/N with 1 <= K <= N, not ", optarg);
            break;
        case 's': o->summary = optarg; break;
        case 'T': o->strict = true; break;
        case 'a': o->engine.agencies_file = optarg; break;
        case 'e': o->engine.encoding = optarg; break;
        case 'c':
            o->engine.current_names = true;
            o->engine.names_as_of = optarg;
            break;
        case 'q': o->quiet = true; break;
        case 'E': o->allow_empty = true; break;
        case 'W': o->wait = true; break;
        case 'C':
            o->engine.convert = true;
            if (optarg) {
                unsigned long sec = strtoul(optarg, &end, 10);
                if (*end || sec < 1 || sec > 3600)
                    return usage_error("--convert takes a time limit in seconds (1 to 3600), "
                                       "not ", optarg);
                o->engine.convert_seconds = (unsigned)sec;
            }
            break;
        case 'D':
            o->dedupe = true;
            break;
        case 'M': {
            unsigned long long v = strtoull(optarg, &end, 10);
            unsigned shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20
                             : *end == 'G' || *end == 'g'                     ? 30
                                                                              : 0;
            if (shift)
                end++;
            if (*end || v == 0 || v > (1ull << 40) >> shift)
                return usage_error("--max-document-size takes a size such as 64M, 500K or "
                                   "1G (at most 1G), not ", optarg);
            if ((v << shift) > FG_MAX_DOCUMENT_LIMIT)
                return usage_error("--max-document-size is at most 1G, not ", optarg);
            o->engine.max_document_size = (size_t)(v << shift);
            break;
        }
        case 'H': o->writer.header = true; break;
        case 'h':
            fputs(USAGE, stdout);
            fputs(USAGE_OPTIONS, stdout);
            fputs(USAGE_OUTPUTS, stdout);
            return EXIT_DONE;
        case 'V': printf("fengong %s\n", fg_version()); return EXIT_DONE;
        case ':': return usage_error("missing value for ", argv[optind - 1]);
        default: return usage_error("unknown option ", argv[optind - 1]);
        }
    }
    if (!o->merge && optind < argc && strcmp(argv[optind], "agencies") == 0) {
        if (optind + 1 < argc)
            return usage_error("'agencies' takes no paths: ", argv[optind + 1]);
        o->list_agencies = true;
        return -1;
    }
    o->to_stdout = strcmp(o->out_dir, "-") == 0;
    if (o->to_stdout && !o->writer.long_only)
        return usage_error("-o - (standard output) needs --format long", NULL);
    if (o->writer.header && !o->to_stdout)
        return usage_error("--header is for --format long -o - (the files have headers)", NULL);
    if (o->dedupe && (o->merge || o->writer.shard_n))
        return usage_error("--dedupe needs all documents in one run: not with --shard or merge",
                           NULL);
    if (o->merge && (o->writer.shard_n || o->files_from))
        return usage_error("merge takes output folders, not --shard or --files-from", NULL);
    if (optind >= argc && !o->files_from)
        return usage_error(o->merge ? "merge: no shard output folders given"
                                    : "no input: give at least one document or folder", NULL);
    /* a typo (missing.tx, fengong hlep) must not replace good outputs:
     * checked before anything is read or written */
    struct stat st;
    for (int i = optind; i < argc; i++)
        if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) != 0)
            return usage_error(errno == ENOENT ? "no such file or folder: "
                                               : "cannot reach: ", argv[i]);
    return -1;
}

/*** Run ***/

static int make_dirs(const char *dir)
{
    char *p = xstrdup(dir);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0777);
            *s = '/';
        }
    int rc = mkdir(p, 0777) == 0 || errno == EEXIST ? 0 : -1;
    free(p);
    return rc;
}

/*** The output folder's lock, and temporary files on a signal ***/

/* Takes the lock of the output folder (a POSIX record lock on
 * DIR/.fengong.lock, released when the process ends however it ends), so
 * that two runs never mix their outputs; waits for it with --wait. Then no
 * live run owns the temporary files left in DIR, and those of killed runs
 * are removed. Returns the lock's descriptor, or -1 with err set. */
static int lock_out_dir(const options *o, char *err, size_t n_err)
{
    size_t len = strlen(o->out_dir) + 16;
    char *path = xrealloc(NULL, len);
    snprintf(path, len, "%s/.fengong.lock", o->out_dir);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    int rc = fd < 0 ? -1 : fcntl(fd, o->wait ? F_SETLKW : F_SETLK, &fl);
    if (rc != 0) {
        if (fd >= 0 && (errno == EACCES || errno == EAGAIN))
            snprintf(err, n_err, "another fengong run is writing to %s (it holds %s): try again "
                     "later, or give --wait", o->out_dir, path);
        else
            snprintf(err, n_err, "cannot %s %s: %s", fd < 0 ? "create" : "lock", path,
                     strerror(errno));
        if (fd >= 0)
            close(fd);
        fd = -1;
    } else {
        fg_writer_remove_stale(o->out_dir);
    }
    free(path);
    return fd;
}

enum { MAX_TEMPS = 16 };
static const char *g_temps[MAX_TEMPS];
static volatile sig_atomic_t g_n_temps;

/* SIGINT, SIGTERM, SIGHUP: the run's temporary files go (unlink is safe
 * in a handler), then the signal does what it would have done. */
static void on_signal(int sig)
{
    for (sig_atomic_t i = 0; i < g_n_temps; i++)
        unlink(g_temps[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void clean_up_on_signals(const fg_writer *w)
{
    g_n_temps = 0;
    size_t n = fg_writer_temp_files(w, g_temps, MAX_TEMPS);
    g_n_temps = (sig_atomic_t)n;
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    for (int s = 0; s < 3; s++)
        sigaction((int[]){SIGINT, SIGTERM, SIGHUP}[s], &sa, NULL);
}

/* Collects the inputs, keeps this shard's, and runs them. */
/* --dedupe: reads every input once ahead to learn, for each 文号, the file
 * with the most attributed measures (the first of those); the others get
 * rs->kept_by[their input index] = the kept file. */
typedef struct dedupe_entry {
    char *key;
    size_t attributed, pos; /* pos: in `mine` */
} dedupe_entry;

static int by_key_then_best(const void *pa, const void *pb)
{
    const dedupe_entry *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    if (a->attributed != b->attributed)
        return a->attributed > b->attributed ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

static void plan_dedupe(run_state *rs, const fg_engine *engine, const inputs *mine,
                        const size_t *index, size_t n_all)
{
    dedupe_entry *e = xrealloc(NULL, (mine->n + 1) * sizeof *e);
    size_t n = 0;
    for (size_t k = 0; k < mine->n; k++) {
        fg_document *d = NULL;
        fg_document_load(engine, mine->v[k].path, &d);
        const fg_docinfo *info = d ? fg_document_info(d) : NULL;
        if (info && !fg_document_has_errors(d) && info->number[0]) {
            size_t attributed = 0;
            const fg_measure *ms = fg_document_measures(d);
            for (size_t i = 0; i < fg_document_n_measures(d); i++)
                attributed += ms[i].attributed;
            e[n].key = strdup(info->number);
            if (!e[n].key) {
                fputs("fengong: out of memory\n", stderr);
                abort();
            }
            e[n].attributed = attributed;
            e[n].pos = k;
            n++;
        }
        fg_document_free(d);
    }
    qsort(e, n, sizeof *e, by_key_then_best);
    rs->kept_by = calloc(n_all + 1, sizeof *rs->kept_by);
    if (!rs->kept_by) {
        fputs("fengong: out of memory\n", stderr);
        abort();
    }
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && strcmp(e[j].key, e[i].key) == 0)
            j++;
        for (size_t k = i + 1; k < j; k++)
            rs->kept_by[index[e[k].pos]] = mine->v[e[i].pos].path;
        i = j;
    }
    for (size_t i = 0; i < n; i++)
        free(e[i].key);
    free(e);
}

static fg_status process(run_state *rs, const fg_engine *engine, char **paths, int n_paths,
                         char *err, size_t n_err)
{
    const options *o = rs->o;
    inputs all = {0}, mine = {0};
    for (int i = 0; i < n_paths; i++)
        add_path(rs, paths[i], &all);
    rs->n_inputs = (size_t)n_paths;
    if (o->files_from && read_files_from(rs, o->files_from, &all, &rs->n_inputs) != 0) {
        snprintf(err, n_err, "cannot read --files-from %s: %s", o->files_from, strerror(errno));
        free_inputs(&all);
        return FG_ERR_READ;
    }
    size_t n_all = all.n;
    size_t *index = xrealloc(NULL, (all.n + 1) * sizeof *index);
    for (size_t i = 0; i < all.n; i++)
        if (!o->writer.shard_n ||
            stable_hash(all.v[i].rel) % o->writer.shard_n == o->writer.shard_k - 1) {
            index[mine.n] = i;
            add_input(&mine, all.v[i].path, 0);
        }
    free_inputs(&all);
    rs->total = mine.n;
    if (o->dedupe)
        plan_dedupe(rs, engine, &mine, index, n_all);
    fg_status st = run_jobs(rs, engine, &mine, index, err, n_err);
    free(rs->kept_by);
    rs->kept_by = NULL;
    free(index);
    free_inputs(&mine);
    return st;
}

static int run(const options *o, char **paths, int n_paths)
{
    run_state rs = {.o = o};
    clock_gettime(CLOCK_MONOTONIC, &rs.start);
    rs.progress = !o->quiet && isatty(STDERR_FILENO);
    char err[1024] = "";
    fg_engine *engine = NULL;
    int status = EXIT_FAILURE_USAGE, lock = -1;
    fg_writer_options wo = o->writer;
    if (o->to_stdout)
        wo.stream = stdout;
    fg_status est = fg_engine_new(&engine, &o->engine, err, sizeof err);
    if (est == FG_ERR_ARG) /* a bad --encoding or --current-names value */
        return usage_error(err, NULL);
    if (est != FG_OK)
        goto out;
    if (!o->to_stdout && make_dirs(o->out_dir) != 0) {
        snprintf(err, sizeof err, "cannot create output folder %s: %s", o->out_dir,
                 strerror(errno));
        goto out;
    }
    if (!o->to_stdout && (lock = lock_out_dir(o, err, sizeof err)) < 0)
        goto out;
    if (fg_writer_new(engine, o->to_stdout ? "." : o->out_dir, &wo, &rs.w, err, sizeof err) !=
        FG_OK)
        goto out;
    clean_up_on_signals(rs.w);
    fg_writer_set_diag_fn(rs.w, report_diag, &rs);
    fg_status st = o->merge ? fg_merge(engine, (const char *const *)paths, (size_t)n_paths,
                                       rs.w, take_merged, &rs, err, sizeof err)
                            : process(&rs, engine, paths, n_paths, err, sizeof err);
    if (st != FG_OK)
        goto out;
    if (!o->merge && !o->allow_empty && rs.documents == (size_t)rs.errors) {
        /* an empty inbox, or nothing readable: the last good outputs stay */
        fprintf(stderr, "fengong: error: no document was read (%zu input%s): the outputs in %s "
                "are left as they were (--allow-empty writes empty ones)\n", rs.documents,
                rs.documents == 1 ? "" : "s", o->to_stdout ? "standard output" : o->out_dir);
        status = EXIT_INPUT_ERRORS;
        goto out;
    }
    if (fg_writer_finish(rs.w, err, sizeof err) != FG_OK)
        goto out;
    if (!o->quiet) {
        fprintf(stderr, "fengong: %zu document%s, %zu measures (%zu attributed), %zu warnings, "
                "%d with errors; outputs in %s", rs.documents, rs.documents == 1 ? "" : "s",
                rs.measures, rs.attributed, rs.warnings, rs.errors,
                o->to_stdout ? "standard output" : o->out_dir);
        if (rs.passed_hidden + rs.passed_other + rs.passed_deep)
            fprintf(stderr, "; passed over in folders: %zu hidden, %zu other files, %zu too deep",
                    rs.passed_hidden, rs.passed_other, rs.passed_deep);
        fputc('\n', stderr);
    }
    status = rs.errors ? EXIT_INPUT_ERRORS : EXIT_DONE;
out:
    if (status == EXIT_FAILURE_USAGE)
        fprintf(stderr, "fengong: error: %s\n", err);
    if (o->summary && write_summary(&rs, status) != 0) {
        fprintf(stderr, "fengong: error: cannot write --summary %s: %s\n", o->summary,
                strerror(errno));
        status = EXIT_FAILURE_USAGE;
    }
    g_n_temps = 0;
    fg_writer_free(rs.w);
    if (lock >= 0)
        close(lock);
    fg_engine_free(engine);
    free(rs.skipped);
    return status;
}

/* `fengong agencies`: the effective registry as CSV on stdout. */
static int list_agencies(const options *o)
{
    char err[1024] = "";
    fg_engine *engine = NULL;
    int status = EXIT_FAILURE_USAGE;
    if (fg_engine_new(&engine, &o->engine, err, sizeof err) == FG_OK &&
        fg_engine_write_agencies(engine, stdout, err, sizeof err) == FG_OK)
        status = EXIT_DONE;
    if (status != EXIT_DONE)
        fprintf(stderr, "fengong: error: %s\n", err);
    fg_engine_free(engine);
    return status;
}

int main(int argc, char **argv)
{
    /* a file size limit must fail a write (reported, outputs kept), not kill us */
    signal(SIGXFSZ, SIG_IGN);
    options o;
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    if (o.list_agencies)
        return list_agencies(&o);
    char **rest = argv + optind + (o.merge ? 1 : 0);
    int n_rest = argc - optind - (o.merge ? 1 : 0);
    return run(&o, rest, n_rest);
}
