/* Deadlines: the phrase a measure's text sets, where it comes from, and the
 * date it ends on (constructed cases). */
#include "deadline.h"
#include "harness.h"

#include <stdlib.h>

static void date_is(const char *dl, const char *doc_date, const char *want)
{
    char out[11];
    bool ok = fg_deadline_date(dl, doc_date, out);
    CHECK(ok == (want[0] != '\0') && strcmp(out, want) == 0, "%s in a %s document: %s, want %s",
          dl, doc_date, out, want);
}

int main(void)
{
    date_is("6月底前", "2024-03-01", "2024-06-30");
    date_is("2月底前完成", "2024-01-05", "2024-02-29");
    date_is("2023年2月底前", "2024-01-05", "2023-02-28");
    date_is("年内", "2024-03-01", "2024-12-31");
    date_is("年底前", "2022-05-17", "2022-12-31");
    date_is("2025年底前", "2022-05-17", "2025-12-31");
    date_is("2025年上半年", "2024-03-01", "2025-06-30");
    date_is("2024年12月31日前", "", "2024-12-31");
    date_is("9月中旬前", "2024-03-01", "2024-09-20");
    date_is("持续推进", "2024-03-01", "");
    date_is("长期坚持", "2024-03-01", "");
    date_is("6月底前", "", ""); /* no year anywhere */
    STR_EQ(fg_deadline_source("", "（商务部负责）", "甲"), "");
    STR_EQ(fg_deadline_source("2024年底前", "（商务部负责，2024年底前）", "甲"), "bracket");
    STR_EQ(fg_deadline_source("年内", "（商务部负责）", "加强管理，年内完成。"), "text");
    STR_EQ(fg_deadline_source("2024年6月", "牵头单位：商务部", "加强管理"), "table");
    return harness_done("test_deadline");
}
