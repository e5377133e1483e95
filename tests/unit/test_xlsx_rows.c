/* Sheets that go on past the rows a sheet holds: writes a workbook for a
 * small report with sheets of 4 rows (instead of Excel's 1,048,576) to
 * argv[1]; tests/golden/check_xlsx_rows.py then reads it back. */
#include "buf.h"
#include "harness.h"
#include "report.h"
#include "write_xlsx.h"

#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    fg_report r;
    CHECK(fg_report_init(&r), "tmpfile");
    r.sheet_rows = 4;
    static const char *const ROLES[1u << FG_N_ROLES] = {"", "牵头", "负责", "牵头、负责"};
    for (unsigned m = 0; m < (1u << FG_N_ROLES); m++)
        r.role_text[m] = ROLES[m & 3] ? ROLES[m & 3] : "";
    r.docs = fg_xcalloc(1, sizeof *r.docs);
    r.cap_docs = 1;
    r.n_docs = 1;
    fg_rep_doc *d = &r.docs[0];
    d->key = fg_xstrdup("测发〔2099〕1号");
    d->path = fg_xstrdup("t.txt");
    d->title = fg_xstrdup("测试");
    d->number = fg_xstrdup("测发〔2099〕1号");
    d->issuer = fg_xstrdup("");
    d->date = fg_xstrdup("2099-01-01");
    d->level = fg_xstrdup("");
    /* seven measures, each led by agency 0 and agency 1 responsible */
    for (size_t i = 0; i < 7; i++) {
        char id[8], text[32];
        snprintf(id, sizeof id, "%zu", i + 1);
        snprintf(text, sizeof text, "措施%zu。", i + 1);
        fg_rep_cell cells[2] = {{0, 1u << FG_ROLE_LEAD}, {1, 1u << FG_ROLE_RESPONSIBLE}};
        fg_rep_row row = {.doc = 0, .measure = id, .heading = text, .section = "",
                          .text = text, .deadline = "", .notes = "",
                          .written = "0商务部\n1财政部\n", .numbered = true,
                          .attributed = true, .cells = cells, .n_cells = 2};
        fg_report_add_row(&r, &row);
    }
    /* five diagnostics */
    r.diags = fg_xcalloc(5, sizeof *r.diags);
    for (size_t i = 0; i < 5; i++) {
        char msg[32];
        snprintf(msg, sizeof msg, "问题%zu", i + 1);
        r.diags[i] = (fg_rep_diag){fg_xstrdup("t.txt"), fg_xstrdup("x-test"),
                                   fg_xstrdup(msg), i + 1, 1, FG_WARNING};
    }
    r.n_diags = r.cap_diags = 5;
    static const char *const NAMES[] = {"商务部", "财政部"};
    size_t order[] = {0, 1};
    fg_report_fix_columns(&r, order, 2, NAMES, 2);
    char err[256] = "";
    fg_status st = fg_xlsx_write(argv[1], &r, 946684800, err, sizeof err);
    CHECK(st == FG_OK, "fg_xlsx_write: %s", err);
    fg_report_fini(&r);
    return harness_done("test_xlsx_rows");
}
