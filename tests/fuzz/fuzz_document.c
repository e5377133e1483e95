/* libFuzzer target over the whole document pipeline: decode (detected
 * encodings, and forced GB18030 or UTF-16LE for some inputs), normalise,
 * traditional characters, segment, attributions, assembly, then the CSV
 * writer (and, for one input in sixteen, the workbook). Built only with
 * -DFG_FUZZ=ON and clang (scripts/fuzz.sh).
 *
 * Besides crashes and sanitizer reports, it checks what every consumer of
 * the library relies on, and aborts when it does not hold:
 *   - every string the document hands out is valid UTF-8 (libxlsxwriter
 *     does not check, and Excel drops what is not);
 *   - every position (measure, assignment, diagnostic) is a line of the
 *     decoded source and a column within that line.
 * Which optional paths run depends only on the input's length, so that a
 * crashing input always reproduces. */
#define _GNU_SOURCE

#include "fengong.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static fg_engine *engine, *engine_gb, *engine_u16;
static char out_dir[64];

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_document: %s: %s\n", what, detail);
    abort();
}

static void check_utf8(const char *s, const char *what)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        size_t need = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                    : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (!need)
            fail("invalid UTF-8 lead byte", what);
        uint32_t cp = need == 1 ? c : c & (0x7Fu >> need);
        for (size_t i = 1; i < need; i++) {
            if ((p[i] & 0xC0) != 0x80)
                fail("invalid UTF-8 continuation", what);
            cp = cp << 6 | (p[i] & 0x3F);
        }
        if ((need == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            fail("overlong, surrogate or out of range", what);
        p += need;
    }
}

/* The last answer of line_chars(): positions come line by line, and a
 * line may be long. Forgotten after each document. */
static struct {
    size_t line, n; /* line 0: nothing remembered */
} memo;

/* Characters in `line` of the source, or fail when there is no such line. */
static size_t line_chars(const fg_document *d, size_t line, const char *what)
{
    if (memo.line && line == memo.line)
        return memo.n;
    size_t len;
    const char *s = fg_document_source_line(d, line, &len);
    if (!s)
        fail("position on a line the source does not have", what);
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    memo.line = line;
    memo.n = n;
    return n;
}

static void check_pos(const fg_document *d, size_t line, size_t col, const char *what)
{
    /* a column may point just past the line's last character (an
     * attribution cut off at the end of the file points at its end) */
    if (col < 1 || col > line_chars(d, line, what) + 1)
        fail("column outside its line", what);
}

static void check_document(const fg_document *d)
{
    const fg_docinfo *info = fg_document_info(d);
    const char *fields[] = {info->key, info->path, info->title, info->number, info->issuer,
                            info->date};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        check_utf8(fields[i], "document info");
    const fg_measure *ms = fg_document_measures(d);
    for (size_t i = 0; i < fg_document_n_measures(d); i++) {
        const fg_measure *m = &ms[i];
        check_utf8(m->id, "measure id");
        check_utf8(m->heading, "heading");
        check_utf8(m->section, "section");
        check_utf8(m->text, "measure text");
        check_utf8(m->attribution, "attribution");
        check_utf8(m->deadline, "deadline");
        check_pos(d, m->line, m->col, "measure");
        for (size_t k = 0; k < m->n_assignments; k++) {
            check_utf8(m->assignments[k].name, "agency");
            check_utf8(m->assignments[k].written, "agency_written");
            check_pos(d, m->assignments[k].line, m->assignments[k].col, "assignment");
        }
    }
    const fg_diag *ds = fg_document_diags(d);
    for (size_t i = 0; i < fg_document_n_diags(d); i++) {
        check_utf8(ds[i].message, ds[i].code);
        if (ds[i].line)
            check_pos(d, ds[i].line, ds[i].col, ds[i].code);
    }
}

static fg_engine *new_engine(const char *encoding)
{
    fg_engine *e;
    char err[512];
    fg_options o = {.encoding = encoding};
    if (fg_engine_new(&e, &o, err, sizeof err) != FG_OK)
        fail("engine", err);
    return e;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    engine = new_engine(NULL);
    engine_gb = new_engine("GB18030");
    engine_u16 = new_engine("UTF-16LE");
    snprintf(out_dir, sizeof out_dir, "/tmp/fg-fuzz-XXXXXX");
    if (!mkdtemp(out_dir))
        fail("mkdtemp", out_dir);
    return 0;
}

static void write_outputs(const fg_document *d, unsigned formats)
{
    fg_writer *w;
    char err[1024];
    fg_writer_options wo = {.formats = formats};
    if (fg_writer_new(engine, out_dir, &wo, &w, err, sizeof err) != FG_OK)
        fail("writer", err);
    if (fg_writer_add(w, d, NULL, err, sizeof err) != FG_OK ||
        fg_writer_finish(w, err, sizeof err) != FG_OK)
        fail("writing outputs", err); /* the disk is fine: the document broke it */
    fg_writer_free(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fg_engine *e = size % 4 == 1 ? engine_gb : size % 4 == 2 ? engine_u16 : engine;
    fg_document *d;
    fg_document_parse(e, "fuzz.txt", (const char *)data, size, &d);
    check_document(d);
    memo.line = 0;
    if (!fg_document_has_errors(d))
        write_outputs(d, size % 16 == 0 ? FG_FORMAT_CSV | FG_FORMAT_XLSX : FG_FORMAT_CSV);
    fg_document_free(d);
    return 0;
}
