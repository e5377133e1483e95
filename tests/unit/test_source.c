/* Read/decode stage: byte-order marks, UTF-16/32, GB18030 detection,
 * <meta charset>, forced encodings, damaged and cut-off sequences with
 * their positions, binary files, and line/column that do not depend on
 * the encoding. The encoded inputs are made from UTF-8 literals with iconv
 * (the same glibc converter the stage uses, but in the other direction). */
#include "buf.h"
#include "diag.h"
#include "fengong.h"
#include "harness.h"
#include "source.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* `utf8` converted to encoding `to`, with `prefix` bytes (a BOM) before. */
static char *encode(const char *to, const char *prefix, size_t n_prefix, const char *utf8,
                    size_t *len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == (iconv_t)-1) {
        fprintf(stderr, "iconv cannot encode %s\n", to);
        exit(1);
    }
    size_t in_left = strlen(utf8), cap = in_left * 4 + 16 + n_prefix;
    char *out = malloc(cap), *o = out + n_prefix, *in = (char *)utf8;
    memcpy(out, prefix, n_prefix);
    size_t o_left = cap - n_prefix;
    if (iconv(cd, &in, &in_left, &o, &o_left) == (size_t)-1) {
        fprintf(stderr, "cannot encode test text as %s\n", to);
        exit(1);
    }
    iconv_close(cd);
    *len = (size_t)(o - out);
    return out;
}

typedef struct decoded {
    fg_source src;
    fg_diags diags;
    bool ok;
} decoded;

static void decode(decoded *d, const char *data, size_t len, const char *forced)
{
    fg_diags_init(&d->diags);
    d->ok = fg_source_decode(&d->src, data, len, forced, &d->diags);
}

static void release(decoded *d)
{
    fg_source_fini(&d->src);
    fg_diags_fini(&d->diags);
}

/* "code@line:col" for every diagnostic, joined by spaces. */
static char *diag_list(decoded *d)
{
    fg_buf b;
    fg_buf_init(&b);
    for (size_t i = 0; i < d->diags.n; i++) {
        size_t line = 0, col = 0;
        if (d->diags.items[i].off != FG_NO_OFFSET)
            fg_source_locate(&d->src, d->diags.items[i].off, &line, &col);
        fg_buf_printf(&b, "%s%s@%zu:%zu", i ? " " : "", d->diags.items[i].code, line, col);
    }
    return fg_buf_detach(&b);
}

#define DECODES(data_, len_, forced_, text_, enc_, diags_)                               \
    do {                                                                                \
        decoded d_;                                                                     \
        decode(&d_, data_, len_, forced_);                                              \
        CHECK(d_.ok, "decodes");                                                        \
        STR_EQ(d_.src.text, text_);                                                     \
        STR_EQ(d_.src.encoding, enc_);                                                  \
        char *l_ = diag_list(&d_);                                                      \
        STR_EQ(l_, diags_);                                                             \
        free(l_);                                                                       \
        release(&d_);                                                                   \
    } while (0)

static const char DOC[] = "一、甲。（商务部负责）\n二、乙。\n";

static void test_boms(void)
{
    DECODES("\xEF\xBB\xBF" "一、甲", 12, NULL, "一、甲", "UTF-8", "");
    size_t len;
    char *b = encode("UTF-16LE", "\xFF\xFE", 2, DOC, &len);
    DECODES(b, len, NULL, DOC, "UTF-16LE", "");
    free(b);
    b = encode("UTF-16BE", "\xFE\xFF", 2, DOC, &len);
    DECODES(b, len, NULL, DOC, "UTF-16BE", "");
    free(b);
    b = encode("UTF-32LE", "\xFF\xFE\x00\x00", 4, DOC, &len);
    DECODES(b, len, NULL, DOC, "UTF-32LE", "");
    free(b);
    /* a mark wins over --encoding, and says so */
    b = encode("UTF-16LE", "\xFF\xFE", 2, DOC, &len);
    DECODES(b, len, "GB18030", DOC, "UTF-16LE", "encoding@0:0");
    free(b);
}

static void test_gb18030(void)
{
    size_t len;
    char *b = encode("GB18030", "", 0, DOC, &len);
    DECODES(b, len, NULL, DOC, "GB18030", "encoding@0:0"); /* detected, with a note */
    DECODES(b, len, "GB18030", DOC, "GB18030", "");       /* forced: no note */
    free(b);
    /* characters outside GBK: GB18030's four-byte forms */
    b = encode("GB18030", "", 0, "𠀀€一", &len);
    DECODES(b, len, NULL, "𠀀€一", "GB18030", "encoding@0:0");
    free(b);
    /* forced GB18030 with a byte that is not GB18030: U+FFFD and a warning
     * at its line and column */
    b = encode("GB18030", "", 0, "甲\n乙丙X丁", &len);
    b[len - 3] = (char)0xFF; /* X */
    DECODES(b, len, "GB18030", "甲\n乙丙\xEF\xBF\xBD丁", "GB18030", "invalid-encoding@2:3");
    /* detected: not clean GB18030 and not UTF-8 either: GB18030, which
     * leaves fewer bytes undecodable, with U+FFFD for the stray byte */
    decoded d;
    decode(&d, b, len, NULL);
    STR_EQ(d.src.encoding, "GB18030");
    STR_EQ(d.src.text, "甲\n乙丙\xEF\xBF\xBD丁");
    release(&d);
    free(b);
    /* cut inside a two-byte character at the end: forced, and detected
     * (a truncated download is still GBK, not UTF-8 garbage) */
    b = encode("GB18030", "", 0, "甲乙", &len);
    DECODES(b, len - 1, "GB18030", "甲\xEF\xBF\xBD", "GB18030", "truncated-sequence@1:2");
    free(b);
    b = encode("GB18030", "", 0, "一、甲。（商务部负责）\n二、乙", &len);
    DECODES(b, len - 1, NULL, "一、甲。（商务部负责）\n二、\xEF\xBF\xBD", "GB18030",
            "encoding@0:0 truncated-sequence@2:3");
    free(b);
}

static void test_meta(void)
{
    const char *page = "<html><head><meta charset=\"gb2312\"></head><body><p>一、甲。（商务部负责）</p>";
    size_t len;
    char *b = encode("GB18030", "", 0, page, &len);
    DECODES(b, len, NULL, page, "GB18030", "encoding@0:0");
    free(b);
    page = "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GBK\"><p>商务部</p>";
    b = encode("GB18030", "", 0, page, &len);
    DECODES(b, len, NULL, page, "GB18030", "encoding@0:0");
    free(b);
    /* a page saved as UTF-8 that still declares gbk: the bytes win */
    page = "<meta charset=\"gbk\"><p>商务部负责</p>";
    DECODES(page, strlen(page), NULL, page, "UTF-8", "");
    /* a charset iconv does not know: noted and ignored */
    page = "<meta charset=\"x-klingon\"><p>商务部负责</p>";
    b = encode("GB18030", "", 0, page, &len);
    DECODES(b, len, NULL, page, "GB18030", "encoding@0:0 encoding@0:0");
    free(b);
}

static void test_utf8_damage(void)
{
    /* one invalid byte inside UTF-8: one warning at its line and column */
    DECODES("一、甲\n乙\xff丙\xfe", 18, NULL, "一、甲\n乙\xEF\xBF\xBD丙\xEF\xBF\xBD", "UTF-8",
            "invalid-utf8@2:2");
    /* cut at the end of the file: its own warning, not invalid-utf8 */
    DECODES("甲乙\xE4\xB8", 8, NULL, "甲乙\xEF\xBF\xBD", "UTF-8", "truncated-sequence@1:3");
    DECODES("甲乙\xF0\x9F\x98", 9, NULL, "甲乙\xEF\xBF\xBD", "UTF-8", "truncated-sequence@1:3");
    /* a lead byte followed by ASCII is damage, not a cut; these bytes are
     * clean GB18030 too, but four good characters for one bad byte make
     * them UTF-8 */
    DECODES("甲乙丙丁\xE4" "a", 14, NULL, "甲乙丙丁\xEF\xBF\xBD" "a", "UTF-8",
            "invalid-utf8@1:5");
    /* UTF-8 text that happens to be clean GB18030 too, with one damaged
     * byte: still UTF-8 */
    char s[128] = "";
    for (int i = 0; i < 10; i++)
        strcat(s, "中文");
    strcat(s, "\x81@");
    decoded d;
    decode(&d, s, strlen(s), NULL);
    STR_EQ(d.src.encoding, "UTF-8");
    INT_EQ(d.diags.n, 1);
    STR_EQ(d.diags.items[0].code, "invalid-utf8");
    release(&d);
    /* forced UTF-8: no guessing */
    size_t len;
    char *b = encode("GB18030", "", 0, "商务部", &len);
    decode(&d, b, len, "UTF-8");
    STR_EQ(d.src.encoding, "UTF-8");
    STR_EQ(d.diags.items[0].code, "invalid-utf8");
    release(&d);
    free(b);
}

static void test_utf16_damage(void)
{
    /* a lone low surrogate, then an odd final byte */
    const char b[] = "\xFF\xFE" "a\0" "\x00\xDC" "b\0" "c";
    DECODES(b, sizeof b - 1, NULL, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD", "UTF-16LE",
            "invalid-encoding@1:2 truncated-sequence@1:4");
}

static void test_not_text(void)
{
    decoded d;
    static const char gif[] = "GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff";
    decode(&d, gif, sizeof gif - 1, NULL);
    CHECK(!d.ok, "a GIF is not text");
    STR_EQ(d.diags.items[0].code, "not-text");
    INT_EQ(d.src.len, 0);
    release(&d);
    /* UTF-16 without a mark: not text, with a hint */
    size_t len;
    char *b = encode("UTF-16LE", "", 0, "商务部负责 abc", &len);
    decode(&d, b, len, NULL);
    CHECK(!d.ok, "UTF-16 without BOM");
    CHECK(strstr(d.diags.items[0].message, "--encoding UTF-16LE") != NULL, "hint: %s",
          d.diags.items[0].message);
    release(&d);
    /* …and read when the encoding is given */
    DECODES(b, len, "UTF-16LE", "商务部负责 abc", "UTF-16LE", "");
    free(b);
    /* control characters without a NUL */
    char ctl[64];
    for (int i = 0; i < 63; i++)
        ctl[i] = (char)(i % 3 ? 'a' : 0x01);
    ctl[63] = '\0';
    decode(&d, ctl, 63, NULL);
    CHECK(!d.ok, "mostly control characters");
    release(&d);
    /* a few escapes and form feeds are text; what XML forbids is replaced
     * (the escape by U+FFFD, the form feed, a page break, by a space) */
    DECODES("a\x1b[0mb\fc", 8, NULL, "a\xEF\xBF\xBD[0mb c", "UTF-8", "invalid-character@1:2");
}

static void test_names(void)
{
    static const char *const CASES[][2] = {
        {"gbk", "GB18030"},      {"GB2312", "GB18030"}, {"cp936", "GB18030"},
        {"gb18030", "GB18030"},  {"utf8", "UTF-8"},     {"UTF-8", "UTF-8"},
        {"utf-16le", "UTF-16LE"}, {"big5", "BIG5"},      {"Big5-HKSCS", "BIG5-HKSCS"}};
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char *r = fg_encoding_resolve(CASES[i][0]);
        CHECK(r && strcmp(r, CASES[i][1]) == 0, "%s resolves to %s, not %s", CASES[i][0],
              CASES[i][1], r ? r : "NULL");
        free(r);
    }
    CHECK(fg_encoding_resolve("no-such-encoding") == NULL, "unknown name");
    CHECK(fg_encoding_resolve("") == NULL, "empty name");
    /* the engine refuses an unknown name with FG_ERR_ARG */
    fg_engine *e = NULL;
    char err[256] = "";
    fg_options o = {.encoding = "klingon-8"};
    INT_EQ(fg_engine_new(&e, &o, err, sizeof err), FG_ERR_ARG);
    CHECK(e == NULL && strstr(err, "klingon-8"), "message names it: %s", err);
}

/* Reading stops early on a binary file, never on UTF-16 text, whose
 * Chinese characters and ASCII put zero bytes on both sides (一 is 00 4E
 * in UTF-16LE, 'a' is 61 00); a file of 130 KB was cut at 64 KiB. */
static void test_read_wide(void)
{
    fg_buf t;
    fg_buf_init(&t);
    for (int i = 0; i < 4000; i++)
        fg_buf_printf(&t, "%d、一二三。（商务部负责）\n", i);
    size_t len;
    char *b = encode("UTF-16LE", "\xFF\xFE", 2, t.ptr, &len);
    CHECK(len > 2 * 65536, "the test file is larger than what is sniffed: %zu", len);
    const char *path = "test_source_wide.txt";
    FILE *fp = fopen(path, "wb");
    fwrite(b, 1, len, fp);
    fclose(fp);
    char *data;
    size_t n;
    INT_EQ(fg_source_read_file(path, true, &data, &n), FG_OK);
    INT_EQ(n, len);
    free(data);
    /* a binary file of the same size is cut after the sniffed part */
    for (size_t i = 0; i < len; i++)
        b[i] = (char)(i % 7 == 0 ? 0 : 'x');
    fp = fopen(path, "wb");
    fwrite(b, 1, len, fp);
    fclose(fp);
    INT_EQ(fg_source_read_file(path, true, &data, &n), FG_OK);
    CHECK(n < len, "binary read whole: %zu", n);
    free(data);
    remove(path);
    free(b);
    fg_buf_fini(&t);
}

static void test_lines(void)
{
    /* \r\n, lone \r and \n all end lines; the memo gives the same answers
     * in any order */
    const char *s = "ab\r\ncd\ref\ngh";
    decoded d;
    decode(&d, s, strlen(s), NULL);
    INT_EQ(d.src.n_lines, 4);
    size_t offs[] = {0, 1, 4, 5, 7, 8, 10, 11, 1, 11, 5};
    size_t want[][2] = {{1, 1}, {1, 2}, {2, 1}, {2, 2}, {3, 1}, {3, 2}, {4, 1}, {4, 2},
                        {1, 2}, {4, 2}, {2, 2}};
    for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++) {
        size_t line, col;
        fg_source_locate(&d.src, offs[i], &line, &col);
        CHECK(line == want[i][0] && col == want[i][1], "offset %zu: %zu:%zu, expected %zu:%zu",
              offs[i], line, col, want[i][0], want[i][1]);
    }
    release(&d);
    /* one long line, offsets up and down */
    fg_buf b;
    fg_buf_init(&b);
    for (int i = 0; i < 1000; i++)
        fg_buf_puts(&b, "甲a");
    decode(&d, b.ptr, b.len, NULL);
    size_t line, col;
    fg_source_locate(&d.src, 4 * 500, &line, &col);
    INT_EQ(col, 1001);
    fg_source_locate(&d.src, 4 * 100 + 3, &line, &col);
    INT_EQ(col, 202);
    fg_source_locate(&d.src, 4 * 999, &line, &col);
    INT_EQ(col, 1999);
    release(&d);
    fg_buf_fini(&b);
}

/* A diagnostic's line and column are the same whether the document came
 * as UTF-8, GB18030 or UTF-16: columns count characters. */
static void test_positions_across_encodings(void)
{
    const char *text = "国办发〔2022〕1号\r\n现提出以下意见：\r\n一、甲。（省商务厅、财政部负责）\r\n"
                       "二、乙\xE3\x80\x80丙。（市发改局配合）\r\n";
    fg_engine *e;
    char err[256];
    if (fg_engine_new(&e, NULL, err, sizeof err) != FG_OK) {
        fprintf(stderr, "%s\n", err);
        exit(1);
    }
    static const char *const ENCS[] = {"UTF-8", "GB18030", "UTF-16LE", "UTF-16BE"};
    static const char *const BOMS[] = {"", "", "\xFF\xFE", "\xFE\xFF"};
    char *first = NULL;
    for (int k = 0; k < 4; k++) {
        size_t len;
        char *b = encode(ENCS[k], BOMS[k], strlen(BOMS[k]), text, &len);
        fg_document *doc;
        fg_document_parse(e, "t.txt", b, len, &doc);
        fg_buf out;
        fg_buf_init(&out);
        const fg_diag *ds = fg_document_diags(doc);
        for (size_t i = 0; i < fg_document_n_diags(doc); i++)
            if (strcmp(ds[i].code, "encoding") != 0)
                fg_buf_printf(&out, "%s@%zu:%zu ", ds[i].code, ds[i].line, ds[i].col);
        const fg_measure *ms = fg_document_measures(doc);
        for (size_t i = 0; i < fg_document_n_measures(doc); i++)
            for (size_t a = 0; a < ms[i].n_assignments; a++)
                fg_buf_printf(&out, "%s@%zu:%zu ", ms[i].assignments[a].name,
                              ms[i].assignments[a].line, ms[i].assignments[a].col);
        if (!first) {
            first = fg_buf_detach(&out);
            /* local units resolve through the registry (市发改局 is 市发展改革委) */
            STR_EQ(first, "省商务厅@3:6 财政部@3:11 市发展改革委@4:8 ");
        } else {
            CHECK(strcmp(first, out.ptr) == 0, "%s: %s, UTF-8: %s", ENCS[k], out.ptr, first);
            fg_buf_fini(&out);
        }
        fg_document_free(doc);
        free(b);
    }
    free(first);
    fg_engine_free(e);
}

int main(void)
{
    test_boms();
    test_gb18030();
    test_meta();
    test_utf8_damage();
    test_utf16_damage();
    test_not_text();
    test_names();
    test_read_wide();
    test_lines();
    test_positions_across_encodings();
    return harness_done("test_source");
}
