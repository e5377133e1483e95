/* How a matrix too large for one Excel sheet is cut into sheets: every
 * data row and column lands on exactly one sheet, label columns on all. The
 * real limits (16,384 columns, 1,048,576 rows) are too large to write in a
 * unit test, so the plan is checked with small ones; hostile.names-unknown
 * and the xlsx test write a real workbook past the column limit. */
#include "harness.h"
#include "write_xlsx.h"

#include <stdlib.h>

static void check_cover(size_t n_rows, size_t n_cols, size_t n_label, size_t max_rows,
                        size_t max_cols, size_t want_sheets)
{
    fg_sheet_block *b;
    size_t n = fg_xlsx_plan(n_rows, n_cols, n_label, max_rows, max_cols, &b);
    INT_EQ(n, want_sheets);
    /* each (row, data column) exactly once, within the limits */
    unsigned char *seen = calloc((n_rows ? n_rows : 1) * (n_cols ? n_cols : 1), 1);
    for (size_t k = 0; k < n; k++) {
        CHECK(b[k].n_rows + 1 <= max_rows, "sheet %zu: %zu rows", k, b[k].n_rows);
        CHECK(n_label + b[k].n_cols <= max_cols, "sheet %zu: %zu columns", k, b[k].n_cols);
        for (size_t r = b[k].row0; r < b[k].row0 + b[k].n_rows; r++)
            for (size_t c = b[k].col0; c < b[k].col0 + b[k].n_cols; c++)
                seen[r * n_cols + c]++;
    }
    for (size_t r = 0; r < n_rows; r++)
        for (size_t c = n_label; c < n_cols; c++)
            CHECK(seen[r * n_cols + c] == 1, "cell %zu,%zu on %d sheets", r, c,
                  seen[r * n_cols + c]);
    free(seen);
    free(b);
}

int main(void)
{
    check_cover(10, 8, 3, 100, 100, 1);  /* fits */
    check_cover(10, 8, 3, 100, 5, 3);    /* 5 data columns, 2 per sheet */
    check_cover(10, 8, 3, 4, 100, 4);    /* 10 rows, 3 per sheet */
    check_cover(10, 8, 3, 4, 5, 12);     /* both */
    check_cover(0, 3, 3, 4, 5, 1);       /* empty: one sheet with the header */
    check_cover(7, 3, 3, 4, 5, 3);       /* no agency column at all */
    fg_sheet_block *b;
    size_t n = fg_xlsx_plan(5, 9, 3, 4, 5, &b); /* column blocks outside */
    INT_EQ(n, 6);
    INT_EQ(b[0].col0, 3); INT_EQ(b[0].n_cols, 2); INT_EQ(b[0].row0, 0); INT_EQ(b[0].n_rows, 3);
    INT_EQ(b[1].col0, 3); INT_EQ(b[1].row0, 3); INT_EQ(b[1].n_rows, 2);
    INT_EQ(b[2].col0, 5);
    INT_EQ(b[5].col0, 7); INT_EQ(b[5].n_cols, 2);
    free(b);
    return harness_done("test_xlsx_plan");
}
