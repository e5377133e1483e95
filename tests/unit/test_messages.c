/* Every diagnostic code README.md lists has a Chinese text for the
 * workbook, and the quoted parts of an English message land in it. */
#include "harness.h"
#include "messages.h"

#include <stdlib.h>

static char *zh(const char *code, const char *msg)
{
    fg_buf b;
    fg_buf_init(&b);
    fg_message_zh(code, msg, &b);
    return fg_buf_detach(&b);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    char path[4096];
    snprintf(path, sizeof path, "%s/README.md", argv[1]);
    FILE *fp = fopen(path, "r");
    CHECK(fp != NULL, "README.md at %s", path);
    char line[4096];
    size_t n = 0;
    while (fp && fgets(line, sizeof line, fp)) {
        char code[64];
        char sev[16];
        /* | `agency-unknown` | warning | … */
        if (sscanf(line, "| `%63[a-z0-9-]` | %15[a-z] |", code, sev) != 2 ||
            (strcmp(sev, "note") && strcmp(sev, "warning") && strcmp(sev, "error")))
            continue;
        n++;
        char *t = zh(code, "an English message");
        CHECK(strcmp(t, "an English message") != 0, "code %s has no Chinese text", code);
        free(t);
    }
    if (fp)
        fclose(fp);
    CHECK(n >= 20, "README lists %zu codes", n);
    char *t = zh("agency-unknown", "unknown agency “市审改办”: kept as written in its own column; "
                                   "did you mean “市审计局”?");
    STR_EQ(t, "未识别的机构：市审改办（按原文单列；是否为“市审计局”？）");
    free(t);
    t = zh("agency-unknown", "unknown agency “市审改办”: kept as written in its own column");
    STR_EQ(t, "未识别的机构：市审改办（按原文单列）");
    free(t);
    t = zh("x-unknown-code", "kept in English");
    STR_EQ(t, "kept in English");
    free(t);
    return harness_done("test_messages");
}
