/* Prints selected rows of a CSV file, one per line, so that shell tests can
 * compare one document's rows across runs with diff. Streams the file
 * through libcsv, so outputs of hundreds of megabytes are fine.
 *
 * Usage: csv_rows FILE [--where COLUMN=VALUE]... [--project HEADER_CSV]
 *                      [--count]
 *   --where    keep rows whose COLUMN equals VALUE (all must hold)
 *   --project  print the columns of HEADER_CSV's first row, in its order;
 *              any other non-empty cell of a kept row is appended as
 *              " +COLUMN=VALUE" (so a row that gained a value shows)
 *   --count    print the number of kept rows instead of the rows
 * Fields are joined by " | "; a line feed inside a field prints as \n. */
#include <csv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct row {
    char **f;
    size_t n, cap;
} row;

typedef struct ctx {
    row cur, header, project;
    bool have_header;
    const char **where_col, **where_val;
    size_t n_where;
    bool count, projecting, stop_after_header;
    size_t kept;
} ctx;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fputs("csv_rows: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static void row_clear(row *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->f[i]);
    r->n = 0;
}

static void on_field(void *s, size_t len, void *data)
{
    ctx *c = data;
    row *r = &c->cur;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->f = xrealloc(r->f, r->cap * sizeof *r->f);
    }
    char *v = xrealloc(NULL, len + 1);
    memcpy(v, s, len);
    v[len] = '\0';
    r->f[r->n++] = v;
}

static long column(const row *header, const char *name)
{
    for (size_t i = 0; i < header->n; i++)
        if (strcmp(header->f[i], name) == 0)
            return (long)i;
    return -1;
}

static void print_field(const char *s)
{
    for (; *s; s++)
        if (*s == '\n')
            fputs("\\n", stdout);
        else
            putchar(*s);
}

static void print_row(ctx *c, const row *r)
{
    if (!c->projecting) {
        for (size_t i = 0; i < r->n; i++) {
            if (i)
                fputs(" | ", stdout);
            print_field(r->f[i]);
        }
        putchar('\n');
        return;
    }
    for (size_t i = 0; i < c->project.n; i++) {
        long k = column(&c->header, c->project.f[i]);
        if (i)
            fputs(" | ", stdout);
        print_field(k >= 0 && (size_t)k < r->n ? r->f[k] : "<missing>");
    }
    for (size_t k = 0; k < r->n && k < c->header.n; k++)
        if (r->f[k][0] && column(&c->project, c->header.f[k]) < 0) {
            printf(" +%s=", c->header.f[k]);
            print_field(r->f[k]);
        }
    putchar('\n');
}

static void on_record(int term, void *data)
{
    (void)term;
    ctx *c = data;
    if (!c->have_header) {
        c->header = c->cur;
        c->cur = (row){0};
        c->have_header = true;
        return;
    }
    bool keep = true;
    for (size_t i = 0; i < c->n_where && keep; i++) {
        long k = column(&c->header, c->where_col[i]);
        keep = k >= 0 && (size_t)k < c->cur.n && strcmp(c->cur.f[k], c->where_val[i]) == 0;
    }
    if (keep) {
        c->kept++;
        if (!c->count)
            print_row(c, &c->cur);
    }
    row_clear(&c->cur);
}

static void parse_file(const char *path, ctx *c)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "csv_rows: cannot open %s\n", path);
        exit(2);
    }
    struct csv_parser p;
    csv_init(&p, 0);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        if (csv_parse(&p, buf, n, on_field, on_record, c) != n) {
            fprintf(stderr, "csv_rows: %s: %s\n", path, csv_strerror(csv_error(&p)));
            exit(2);
        }
        if (c->stop_after_header && c->have_header)
            break;
    }
    csv_fini(&p, on_field, on_record, c);
    csv_free(&p);
    fclose(fp);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: csv_rows FILE [--where COL=VALUE]... [--project HEADER_CSV] [--count]\n",
              stderr);
        return 2;
    }
    ctx c = {0};
    c.where_col = calloc((size_t)argc, sizeof *c.where_col);
    c.where_val = calloc((size_t)argc, sizeof *c.where_val);
    const char *project = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--where") == 0 && i + 1 < argc) {
            char *eq = strchr(argv[++i], '=');
            if (!eq) {
                fprintf(stderr, "csv_rows: --where needs COLUMN=VALUE\n");
                return 2;
            }
            *eq = '\0';
            c.where_col[c.n_where] = argv[i];
            c.where_val[c.n_where++] = eq + 1;
        } else if (strcmp(argv[i], "--project") == 0 && i + 1 < argc) {
            project = argv[++i];
        } else if (strcmp(argv[i], "--count") == 0) {
            c.count = true;
        } else {
            fprintf(stderr, "csv_rows: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    if (project) {
        ctx h = {.stop_after_header = true, .count = true}; /* reads, prints nothing */
        parse_file(project, &h);
        c.project = h.header;
        c.projecting = true;
        row_clear(&h.cur);
        free(h.cur.f);
    }
    parse_file(argv[1], &c);
    if (c.count)
        printf("%zu\n", c.kept);
    row_clear(&c.cur);
    free(c.cur.f);
    row_clear(&c.header);
    free(c.header.f);
    row_clear(&c.project);
    free(c.project.f);
    free(c.where_col);
    free(c.where_val);
    return 0;
}
