/* Attribution grammar: runs every case of attrib_cases.txt through
 * fg_attrib_parse and compares roles, canonical names and flags.
 *
 * Case format (see the file): "### name", the bracket, ".", then one
 * "ROLE NAME" line per agency in written order, flag lines (open,
 * deadline TEXT, convention, norole), "scope ROLE NAME" lines for the
 * bodies of a scope note, or a single "none". Each bracket is parsed as the
 * last thing in its paragraph, so a bare list is accepted; an input that
 * does not start with a bracket is a label line (FG_BRACKET_NONE).
 *
 * Diagnostics: lines "! CODE" state the diagnostics the bracket gives
 * (attribution-unparsed, not-attribution, attribution-no-role,
 * agency-unknown, convention, scope-note), in that order, one per line.
 * When a case states none, its diagnostics are not compared; "! -" states
 * that there are none. */
#include "attrib.h"
#include "buf.h"
#include "engine.h"
#include "harness.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fg_buf b;
    fg_buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        fg_buf_put(&b, chunk, n);
    fclose(fp);
    return fg_buf_detach(&b);
}

/* The codes of the diagnostics document.c gives for `a`. */
static void render_diags(const fg_attr *a, fg_buf *out)
{
    size_t before = out->len;
    if (a->kind == FG_ATTR_UNPARSED || (a->kind == FG_ATTR_OK && a->unparsed_len))
        fg_buf_puts(out, "! attribution-unparsed\n");
    if (a->kind == FG_ATTR_REJECTED)
        fg_buf_puts(out, "! not-attribution\n");
    if (a->kind == FG_ATTR_OK && a->norole)
        fg_buf_puts(out, "! attribution-no-role\n");
    for (size_t i = 0; a->kind == FG_ATTR_OK && i < a->n_agencies; i++)
        if (a->agencies[i].agency < 0 && !a->agencies[i].collective)
            fg_buf_puts(out, "! agency-unknown\n");
    if (a->convention)
        fg_buf_puts(out, "! convention\n");
    if (a->n_scope)
        fg_buf_puts(out, "! scope-note\n");
    if (out->len == before)
        fg_buf_puts(out, "! -\n");
}

static void render_agency(const fg_engine *e, const char *s, const fg_attr_agency *g,
                          const char *prefix, fg_buf *out)
{
    fg_buf_printf(out, "%s%s ", prefix, fg_role_name(g->role));
    if (g->agency >= 0)
        fg_buf_puts(out, fg_engine_agency_name(e, (size_t)g->agency));
    else
        fg_buf_put(out, s + g->off, g->len);
    fg_buf_putc(out, '\n');
}

/* What the parser found, rendered in the case file's own format. */
static void render(const fg_engine *e, const char *s, const fg_attr *a, bool diags, fg_buf *out)
{
    if (a->kind != FG_ATTR_OK) {
        fg_buf_puts(out, "none\n");
        for (size_t i = 0; i < a->n_scope; i++)
            render_agency(e, s, &a->scope[i], "scope ", out);
        if (diags)
            render_diags(a, out);
        return;
    }
    bool open = false;
    for (size_t i = 0; i < a->n_agencies; i++) {
        render_agency(e, s, &a->agencies[i], "", out);
        open = open || a->agencies[i].open;
    }
    if (open)
        fg_buf_puts(out, "open\n");
    if (a->deadline_len)
        fg_buf_printf(out, "deadline %.*s\n", (int)a->deadline_len, s + a->deadline_off);
    if (a->convention)
        fg_buf_puts(out, "convention\n");
    if (a->norole)
        fg_buf_puts(out, "norole\n");
    for (size_t i = 0; i < a->n_scope; i++)
        render_agency(e, s, &a->scope[i], "scope ", out);
    if (diags)
        render_diags(a, out);
}

static void run_case(fg_matcher *m, const char *name, const char *input, const char *expect)
{
    fg_attr a;
    size_t len = strlen(input);
    size_t n;
    int32_t cp = fg_utf8_decode(input, len, &n);
    bool bracket = cp == '(' || cp == 0xFF08 || cp == 0x3014 || cp == 0x3010;
    fg_attrib_parse(m, input, 0, len, FG_BRACKET_AT_END | (bracket ? 0 : FG_BRACKET_NONE), &a);
    if (a.convention)
        fg_attrib_apply_convention(&a, a.others_role);
    bool diags = strncmp(expect, "! ", 2) == 0 || strstr(expect, "\n! ") != NULL;
    fg_buf got;
    fg_buf_init(&got);
    render(m->engine, input, &a, diags, &got);
    CHECK(strcmp(got.ptr, expect) == 0, "case '%s': %s\n--- expected\n%s--- got\n%s", name,
          input, expect, got.ptr);
    fg_buf_fini(&got);
    fg_attr_fini(&a);
}

/* The thin entry point for a bare list with a given role (table cells). */
static void test_parse_list(fg_matcher *m)
{
    static const char cell[] = "市商务局、财政局，各县（市、区）人民政府及有关部门";
    fg_attr a = {0}; /* zeroed before the first call: later calls append (cells) */
    fg_attrib_parse_list(m, cell, 0, sizeof cell - 1, FG_ROLE_SUPPORT, &a);
    fg_buf got;
    fg_buf_init(&got);
    render(m->engine, cell, &a, false, &got);
    CHECK(strcmp(got.ptr, "support 市商务局\nsupport 市财政局\nsupport 各县（市、区）人民政府\n"
                          "support 有关部门\n") == 0,
          "parse_list: got\n%s", got.ptr);
    fg_attr_fini(&a);
    static const char prose[] = "按规定办理";
    memset(&a, 0, sizeof a);
    fg_attrib_parse_list(m, prose, 0, sizeof prose - 1, FG_ROLE_LEAD, &a);
    CHECK(a.kind != FG_ATTR_OK && a.n_agencies == 0 && a.unparsed_len > 0,
          "parse_list on prose: kind %d", (int)a.kind);
    fg_attr_fini(&a);
    fg_buf_fini(&got);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "attrib_cases.txt";
    char *text = slurp(path);
    if (!text) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    fg_engine *e;
    char err[256];
    if (fg_engine_new(&e, NULL, err, sizeof err) != FG_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    fg_matcher m;
    fg_matcher_init(&m, e);
    int n_cases = 0;
    char *name = NULL, *input = NULL;
    fg_buf expect;
    fg_buf_init(&expect);
    int state = 0; /* 0 outside, 1 want input, 2 want ".", 3 expected lines */
    for (char *line = strtok(text, "\n");; line = strtok(NULL, "\n")) {
        if (!line || strncmp(line, "### ", 4) == 0) {
            if (state == 3) {
                run_case(&m, name, input, expect.ptr ? expect.ptr : "");
                n_cases++;
            }
            if (!line)
                break;
            name = line + 4;
            fg_buf_clear(&expect);
            state = 1;
        } else if (state == 1) {
            input = line;
            state = 2;
        } else if (state == 2) {
            CHECK(strcmp(line, ".") == 0, "case '%s': expected '.' after the input", name);
            state = 3;
        } else if (state == 3 && line[0]) {
            fg_buf_puts(&expect, line);
            fg_buf_putc(&expect, '\n');
        }
    }
    CHECK(n_cases >= 176, "only %d cases", n_cases);
    test_parse_list(&m);
    printf("%d cases\n", n_cases);
    fg_buf_fini(&expect);
    fg_matcher_fini(&m);
    fg_engine_free(e);
    free(text);
    return harness_done("test_attrib");
}
