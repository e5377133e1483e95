/* fengong command line: parses options, finds the input documents, runs
 * the library over them, prints diagnostics and picks the exit status.
 * The only file that touches argv, stdout and exit codes. */
#define _GNU_SOURCE

#include "fengong.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum { EXIT_DONE = 0, EXIT_INPUT_ERRORS = 1, EXIT_FAILURE_USAGE = 2 };
enum { MAX_DEPTH = 64 };

static const char USAGE[] =
    "Usage: fengong [options] PATH...\n"
    "\n"
    "Reads Chinese policy documents (State Council opinions and the plans that\n"
    "implement them), finds every measure and the agencies its attribution names\n"
    "with their roles (牵头 lead, 负责 responsible, 配合 support, 会同 joint,\n"
    "指导 guide), and writes a measure-by-agency matrix.\n"
    "\n"
    "PATH is a document or a folder; folders are searched recursively for\n"
    ".txt .html .htm .md files, in byte order of their paths.\n"
    "\n"
    "Encodings: a byte-order mark decides (UTF-8, UTF-16LE/BE, UTF-32LE/BE);\n"
    "else --encoding when given; else UTF-8 when the bytes are UTF-8; else the\n"
    "charset an HTML <meta> declares; else GB18030 (GBK) when the bytes decode\n"
    "cleanly as GB18030; else UTF-8. Undecodable bytes become U+FFFD with a\n"
    "warning. Traditional characters are matched through OpenCC (tw2sp, hk2s);\n"
    "outputs keep them as written, with canonical names in simplified.\n"
    "\n"
    "Options:\n"
    "  -o DIR           output folder (default: out); created if missing\n"
    "  --format LIST    comma-separated outputs: csv, xlsx (default: csv,xlsx)\n"
    "  --encoding NAME  read every document as NAME (any name iconv knows, e.g.\n"
    "                   GBK, GB18030, BIG5, UTF-16LE); a byte-order mark wins\n"
    "  -q, --quiet      print errors only: no notes, warnings or summary\n"
    "  -h, --help       show this help and exit\n"
    "  --version        show the version and exit\n"
    "\n"
    "Outputs in DIR (written under temporary names, renamed when complete):\n"
    "  assignments.csv  one row per (measure, agency)\n"
    "  measures.csv     one row per measure\n"
    "  documents.csv    one row per document\n"
    "  matrix.csv       measures x agencies, cells 牵头/负责/配合/会同/指导\n"
    "  matrix.xlsx      the matrix as an Excel workbook\n"
    "\n"
    "Diagnostics go to stderr as FILE:LINE:COL: SEVERITY: MESSAGE [CODE]\n"
    "(FILE: SEVERITY: ... for a whole file).\n"
    "\n"
    "Exit status:\n"
    "  0  done (warnings allowed)\n"
    "  1  some inputs had errors; the rest were processed and written\n"
    "  2  usage error, or the outputs could not be written\n";

typedef struct options {
    const char *out_dir;
    unsigned formats;
    bool quiet;
    const char *encoding; /* NULL: detect */
} options;

typedef struct paths {
    char **v;
    size_t n, cap;
} paths;

static void paths_add(paths *p, const char *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->v = realloc(p->v, p->cap * sizeof *p->v);
        if (!p->v) {
            fputs("fengong: out of memory\n", stderr);
            exit(EXIT_FAILURE_USAGE);
        }
    }
    p->v[p->n++] = strdup(s);
}

static void paths_free(paths *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
}

static bool wanted_extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcasecmp(dot, ".txt") == 0 || strcasecmp(dot, ".html") == 0 ||
                   strcasecmp(dot, ".htm") == 0 || strcasecmp(dot, ".md") == 0);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

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
            exit(EXIT_FAILURE_USAGE);
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

/* Adds the documents below `dir`, sorted, recursively. Unreadable folders
 * and entries that are not regular files (a named pipe would block the
 * read forever) are reported and counted as input errors. */
static void walk(const char *dir, int depth, dir_set *seen, paths *out, int *n_errors)
{
    struct stat dst;
    if (stat(dir, &dst) == 0 && !dir_set_add(seen, dst.st_dev, dst.st_ino))
        return; /* walked already, through another path */
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: error: cannot read folder: %s [read-failed]\n", dir,
                strerror(errno));
        ++*n_errors;
        return;
    }
    paths names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            paths_add(&names, e->d_name);
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, by_name);
    for (size_t i = 0; i < names.n; i++) {
        size_t len = strlen(dir) + strlen(names.v[i]) + 2;
        char *p = malloc(len);
        if (!p)
            abort();
        snprintf(p, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names.v[i]);
        struct stat st;
        bool found = stat(p, &st) == 0; /* else vanished or a broken link: the read says */
        if (found && S_ISDIR(st.st_mode)) {
            if (depth < MAX_DEPTH)
                walk(p, depth + 1, seen, out, n_errors);
        } else if (wanted_extension(names.v[i]) && found && !S_ISREG(st.st_mode)) {
            fprintf(stderr, "%s: error: not a regular file (a named pipe, socket or device): "
                    "skipped [read-failed]\n", p);
            ++*n_errors;
        } else if (wanted_extension(names.v[i])) {
            paths_add(out, p);
        }
        free(p);
    }
    paths_free(&names);
}

static int parse_formats(const char *s, unsigned *formats)
{
    *formats = 0;
    char *copy = strdup(s), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "csv") == 0)
            *formats |= FG_FORMAT_CSV;
        else if (strcmp(tok, "xlsx") == 0)
            *formats |= FG_FORMAT_XLSX;
        else {
            free(copy);
            return -1;
        }
    }
    free(copy);
    return *formats ? 0 : -1;
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "fengong: %s%s\nTry 'fengong --help' for more information.\n", msg,
            arg ? arg : "");
    return EXIT_FAILURE_USAGE;
}

/* Returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, options *o)
{
    static const struct option LONG[] = {{"format", required_argument, NULL, 'f'},
                                         {"encoding", required_argument, NULL, 'e'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {"version", no_argument, NULL, 'V'},
                                         {NULL, 0, NULL, 0}};
    o->out_dir = "out";
    o->formats = FG_FORMAT_CSV | FG_FORMAT_XLSX;
    o->quiet = false;
    o->encoding = NULL;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", LONG, NULL)) != -1) {
        switch (c) {
        case 'o':
            o->out_dir = optarg;
            break;
        case 'f':
            if (parse_formats(optarg, &o->formats) != 0)
                return usage_error("--format takes csv, xlsx or csv,xlsx, not ", optarg);
            break;
        case 'e':
            o->encoding = optarg;
            break;
        case 'q':
            o->quiet = true;
            break;
        case 'h':
            fputs(USAGE, stdout);
            return EXIT_DONE;
        case 'V':
            printf("fengong %s\n", fg_version());
            return EXIT_DONE;
        case ':':
            return usage_error("missing value for ", argv[optind - 1]);
        default:
            return usage_error("unknown option ", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return usage_error("no input: give at least one document or folder", NULL);
    return -1;
}

static int make_dirs(const char *dir)
{
    char *p = strdup(dir);
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

static void print_diags(const fg_document *doc, bool quiet)
{
    const char *path = fg_document_info(doc)->path;
    const fg_diag *ds = fg_document_diags(doc);
    for (size_t i = 0; i < fg_document_n_diags(doc); i++) {
        const fg_diag *d = &ds[i];
        if (quiet && d->severity != FG_ERROR)
            continue;
        if (d->line)
            fprintf(stderr, "%s:%zu:%zu: %s: %s [%s]\n", path, d->line, d->col,
                    fg_severity_name(d->severity), d->message, d->code);
        else
            fprintf(stderr, "%s: %s: %s [%s]\n", path, fg_severity_name(d->severity),
                    d->message, d->code);
    }
}

typedef struct totals {
    size_t documents, measures, attributed, warnings;
    int errors;
} totals;

static void count(totals *t, const fg_document *doc)
{
    t->documents++;
    const fg_measure *ms = fg_document_measures(doc);
    for (size_t i = 0; i < fg_document_n_measures(doc); i++) {
        t->measures++;
        t->attributed += ms[i].attributed;
    }
    const fg_diag *ds = fg_document_diags(doc);
    for (size_t i = 0; i < fg_document_n_diags(doc); i++)
        t->warnings += ds[i].severity == FG_WARNING;
    t->errors += fg_document_has_errors(doc);
}

static int run(const options *o, char **inputs, int n_inputs)
{
    totals t = {0};
    paths docs = {0};
    char err[1024] = "";
    fg_engine *engine = NULL;
    fg_writer *w = NULL;
    int status = EXIT_FAILURE_USAGE;
    fg_options eo = {.encoding = o->encoding};
    fg_status est = fg_engine_new(&engine, &eo, err, sizeof err);
    if (est == FG_ERR_ARG)
        return usage_error(err, NULL);
    if (est != FG_OK)
        goto out;
    dir_set seen = {0};
    for (int i = 0; i < n_inputs; i++) {
        struct stat st;
        if (stat(inputs[i], &st) == 0 && S_ISDIR(st.st_mode))
            walk(inputs[i], 0, &seen, &docs, &t.errors);
        else
            paths_add(&docs, inputs[i]); /* named: read whatever it is (a pipe too) */
    }
    free(seen.dev);
    free(seen.ino);
    if (make_dirs(o->out_dir) != 0) {
        snprintf(err, sizeof err, "cannot create output folder %s: %s", o->out_dir,
                 strerror(errno));
        goto out;
    }
    if (fg_writer_new(engine, o->out_dir, o->formats, &w, err, sizeof err) != FG_OK)
        goto out;
    for (size_t i = 0; i < docs.n; i++) {
        fg_document *doc;
        fg_document_load(engine, docs.v[i], &doc);
        print_diags(doc, o->quiet);
        count(&t, doc);
        if (fg_document_has_errors(doc)) { /* skipped: reported above */
            fg_document_free(doc);
            continue;
        }
        const char *key;
        fg_status st = fg_writer_add(w, doc, &key, err, sizeof err);
        if (st == FG_OK && strcmp(key, fg_document_info(doc)->key) != 0 && !o->quiet)
            fprintf(stderr, "%s: warning: document key %s is used by an earlier file: rows "
                    "use %s [duplicate-document]\n", docs.v[i], fg_document_info(doc)->key, key);
        fg_document_free(doc);
        if (st != FG_OK)
            goto out;
    }
    if (fg_writer_finish(w, err, sizeof err) != FG_OK)
        goto out;
    if (!o->quiet)
        fprintf(stderr, "fengong: %zu document%s, %zu measures (%zu attributed), %zu warnings, "
                "%d with errors; outputs in %s\n", t.documents, t.documents == 1 ? "" : "s",
                t.measures, t.attributed, t.warnings, t.errors, o->out_dir);
    status = t.errors ? EXIT_INPUT_ERRORS : EXIT_DONE;
out:
    if (status == EXIT_FAILURE_USAGE)
        fprintf(stderr, "fengong: error: %s\n", err);
    fg_writer_free(w);
    fg_engine_free(engine);
    paths_free(&docs);
    return status;
}

int main(int argc, char **argv)
{
    options o;
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    return run(&o, argv + optind, argc - optind);
}
