/* The .docx reader on constructed documents (built here with libzip):
 * automatic numbering from numbering.xml (on the paragraph and through its
 * style), tables with gridSpan and vMerge, breaks, deleted text, and the
 * hostile cases: a zip bomb, a zip without word/document.xml, XML entity
 * expansion, XML that is not well-formed, bytes that are not a zip. */
#include "docx.h"
#include "formats.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define OK(c) CHECK(c, "%s", #c)

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

typedef struct part {
    const char *name;
    const char *data;
    size_t len; /* 0: strlen */
} part;

/* A zip in memory holding the parts; *len its size; the caller frees. */
static char *make_zip(const part *parts, size_t n, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    zip_source_keep(src);
    for (size_t i = 0; i < n; i++) {
        size_t l = parts[i].len ? parts[i].len : strlen(parts[i].data);
        zip_source_t *s = zip_source_buffer(za, parts[i].data, l, 0);
        zip_file_add(za, parts[i].name, s, ZIP_FL_OVERWRITE);
    }
    zip_close(za);
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    *len = (size_t)zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    char *buf = malloc(*len + 1);
    zip_source_read(src, buf, *len);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    return buf;
}

static char *read_docx(const part *parts, size_t n, fg_status *st, char *err, size_t n_err)
{
    size_t len, tl;
    char *zip = make_zip(parts, n, &len);
    char *text = NULL;
    *st = fg_docx_read(zip, len, &text, &tl, err, n_err);
    free(zip);
    return text;
}

static const char NUMBERING[] =
    "<w:numbering " W ">"
    "<w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
    "<w:lvlText w:val=\"%1、\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
    "<w:lvlText w:val=\"（%2）\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%3.\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/>"
    "<w:lvlText w:val=\"•\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "</w:numbering>";

static const char STYLES[] =
    "<w:styles " W "><w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:pPr><w:numPr>"
    "<w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"H1x\"><w:basedOn w:val=\"H1\"/></w:style>"
    "</w:styles>";

#define P(num, lvl, text)                                                                          \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" lvl "\"/><w:numId w:val=\"" num "\"/>"                 \
    "</w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"

static void numbering(void)
{
    const char *doc =
        "<w:document " W "><w:body>"
        "<w:p><w:r><w:t>国务院办公厅关于推动外贸保稳提质的意见</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"H1x\"/></w:pPr><w:r><w:t>强化贸易促进</w:t></w:r></w:p>" P(
            "1", "1", "加强外贸企业生产经营保障。") P("1", "1", "促进外贸货物运输保通保畅。")
            P("1", "2", "第一点") P("1", "2", "第二点") P("1", "1", "增强海运物流服务。")
                P("1", "0", "加快创新发展") P("1", "1", "推动跨境电商。<w:br/>第二行")
                    P("2", "0",
                      "要点") "<w:p><w:r><w:t xml:space=\"preserve\">a &lt; b &amp; c</w:t></w:r>"
                              "<w:del><w:r><w:delText>删去的字</w:delText></w:r></w:del>"
                              "<w:r><w:tab/><w:t>末</w:t></w:r></w:p>"
                              "<w:p/>"
                              "</w:body></w:document>";
    part parts[] = {{"word/document.xml", doc, 0},
                    {"word/numbering.xml", NUMBERING, 0},
                    {"word/styles.xml", STYLES, 0}};
    fg_status st;
    char err[256] = "";
    char *text = read_docx(parts, 3, &st, err, sizeof err);
    INT_EQ(st, FG_OK);
    STR_EQ(text, "国务院办公厅关于推动外贸保稳提质的意见</p>\n"
                 "一、强化贸易促进</p>\n"
                 "（一）加强外贸企业生产经营保障。</p>\n"
                 "（二）促进外贸货物运输保通保畅。</p>\n"
                 "1.第一点</p>\n"
                 "2.第二点</p>\n"
                 "（三）增强海运物流服务。</p>\n"
                 "二、加快创新发展</p>\n"
                 "（一）推动跨境电商。<br>第二行</p>\n"
                 "要点</p>\n"
                 "a &lt; b &amp; c 末</p>\n"
                 "</p>\n");
    free(text);
}

static void tables(void)
{
    const char *doc =
        "<w:document " W "><w:body>"
        "<w:p><w:r><w:t>任务分工表</w:t></w:r></w:p>"
        "<w:tbl>"
        "<w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>重点任务</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>牵头单位</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>"
        "<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>"
        "<w:p><w:r><w:t>甲</w:t></w:r></w:p><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>市财政局</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        "<w:tc><w:p><w:r><w:t>市商务局</w:t></w:r></w:p></w:tc></w:tr>"
        "</w:tbl>"
        "<w:p><w:r><w:t>附件</w:t></w:r></w:p>"
        "</w:body></w:document>";
    part parts[] = {{"word/document.xml", doc, 0}};
    fg_status st;
    char err[256] = "";
    char *text = read_docx(parts, 1, &st, err, sizeof err);
    INT_EQ(st, FG_OK);
    STR_EQ(text, "任务分工表</p><table><tr><td>\n"
                 "序号</td><td>\n"
                 "重点任务</td><td>\n"
                 "牵头单位</td></tr><tr><td colspan=\"3\">\n"
                 "一、总体要求</td></tr><tr><td>\n"
                 "1</td><td rowspan=\"2\">\n"
                 "甲<br>乙</td><td>\n"
                 "市财政局</td></tr><tr><td>\n"
                 "2</td><td>\n"
                 "市商务局</td></tr></table>\n"
                 "附件</p>\n");
    free(text);
}

static void expect_error(const part *parts, size_t n, const char *why)
{
    fg_status st;
    char err[256] = "";
    char *text = read_docx(parts, n, &st, err, sizeof err);
    INT_EQ(st, FG_ERR_READ);
    OK(text == NULL);
    if (!strstr(err, why))
        fprintf(stderr, "error %s: wanted %s\n", err, why);
    OK(strstr(err, why) != NULL);
}

static void hostile(void)
{
    /* a zip bomb: 65 MB of one byte, which deflates to a few dozen KB */
    size_t big = FG_DOCX_MAX_PART + 1024;
    char *zeros = malloc(big);
    memset(zeros, ' ', big);
    memcpy(zeros, "<w:document " W ">", strlen("<w:document " W ">"));
    part bomb[] = {{"word/document.xml", zeros, big}};
    expect_error(bomb, 1, "zip bomb");
    free(zeros);

    part none[] = {{"word/other.xml", "<x/>", 0}};
    expect_error(none, 1, "without word/document.xml");

    part broken[] = {{"word/document.xml", "<w:document " W "><w:body><w:p>", 0}};
    expect_error(broken, 1, "not well-formed");

    /* a billion laughs: libxml2 refuses the loop of references, and no
     * entity is substituted anyway */
    const char *laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"哈哈哈哈哈哈哈哈哈哈\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c "
        "\"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e "
        "\"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
        "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g "
        "\"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>"
        "<w:document " W "><w:body><w:p><w:r><w:t>甲&g;乙</w:t></w:r></w:p></w:body></w:document>";
    part lol[] = {{"word/document.xml", laughs, 0}};
    expect_error(lol, 1, "entity reference loop");

    /* an external entity is never loaded */
    const char *external =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<w:document " W "><w:body><w:p><w:r><w:t>甲&x;乙</w:t></w:r></w:p></w:body></w:document>";
    part ext[] = {{"word/document.xml", external, 0}};
    fg_status st;
    char err[256] = "";
    char *text = read_docx(ext, 1, &st, err, sizeof err);
    INT_EQ(st, FG_OK);
    OK(text && strcmp(text, "甲乙</p>\n") == 0);
    free(text);

    size_t tl;
    st = fg_docx_read("PK\3\4 not a zip", 15, &text, &tl, err, sizeof err);
    INT_EQ(st, FG_ERR_READ);
    OK(strstr(err, "not a readable .docx") != NULL);
}

static void sniffing(void)
{
    INT_EQ(fg_format_sniff("PK\3\4xx", 6), FG_FORMAT_DOCX);
    INT_EQ(fg_format_sniff("%PDF-1.7", 8), FG_FORMAT_PDF);
    INT_EQ(fg_format_sniff("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", 12), FG_FORMAT_OLE);
    INT_EQ(fg_format_sniff("一、", 6), FG_FORMAT_TEXT);
    fg_diags ds;
    fg_diags_init(&ds);
    char *text;
    size_t tl;
    OK(!fg_format_text(FG_FORMAT_OLE, "", 0, NULL, &text, &tl, &ds));
    INT_EQ(ds.n, 1);
    STR_EQ(ds.items[0].code, "office-binary");
    OK(strstr(ds.items[0].message, "soffice --headless --convert-to docx FILE") != NULL);
    fg_diags_fini(&ds);
}

int main(void)
{
    fg_docx_init();
    numbering();
    tables();
    hostile();
    sniffing();
    return harness_done("test_docx");
}
