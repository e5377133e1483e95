/* Whole-pipeline cases on small documents: measure assembly, the frame,
 * diagnostics with positions. Each case renders the document as text:
 *   ID|heading|text|role:agency,…|deadline     one line per measure
 *   !code@line:col                              one line per diagnostic */
#include "buf.h"
#include "fengong.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static fg_engine *engine;

static char *render(const char *src, size_t len)
{
    fg_document *d;
    fg_document_parse(engine, "t.txt", src, len, &d);
    fg_buf b;
    fg_buf_init(&b);
    const fg_measure *ms = fg_document_measures(d);
    for (size_t i = 0; i < fg_document_n_measures(d); i++) {
        const fg_measure *m = &ms[i];
        fg_buf_printf(&b, "%s|%s|", m->id, m->heading);
        for (const char *p = m->text; *p; p++)
            fg_buf_putc(&b, *p == '\n' ? '/' : *p);
        fg_buf_putc(&b, '|');
        for (size_t k = 0; k < m->n_assignments; k++)
            fg_buf_printf(&b, "%s%s%s:%s%s", k ? "," : "", m->assignments[k].implicit ? "~" : "",
                          fg_role_name(m->assignments[k].role), m->assignments[k].name,
                          m->assignments[k].open_list ? "+" : "");
        fg_buf_printf(&b, "|%s%s\n", m->deadline, m->review ? "|review" : "");
    }
    const fg_diag *ds = fg_document_diags(d);
    for (size_t i = 0; i < fg_document_n_diags(d); i++)
        fg_buf_printf(&b, "!%s@%zu:%zu\n", ds[i].code, ds[i].line, ds[i].col);
    fg_document_free(d);
    return fg_buf_detach(&b);
}

#define DOC(src, expect)                                                                \
    do {                                                                                \
        char *got_ = render(src, strlen(src));                                          \
        CHECK(strcmp(got_, expect) == 0, "\n--- input\n%s\n--- expected\n%s--- got\n%s", \
              src, expect, got_);                                                       \
        free(got_);                                                                     \
    } while (0)

static void test_inline(void)
{
    DOC("一、标题一。甲甲。（商务部负责）乙乙。（财政部牵头，税务总局按职责分工负责）\n"
        "二、标题二。丙丙。(海关总署负责)\n",
        "一.1|标题一|标题一。甲甲。|responsible:商务部|\n"
        "一.2|标题一|乙乙。|lead:财政部,responsible:税务总局|\n"
        "二|标题二|标题二。丙丙。|responsible:海关总署|\n");
}

static void test_own_line(void)
{
    DOC("为做好工作，现提出以下意见：\n甲段。\n乙段。\n（商务部负责）\n（财政部负责）\n"
        "丙段。\n（海关总署负责）\n各地区要认真落实。\n",
        "#1|甲段|甲段。/乙段。|responsible:商务部|\n"
        "#2|||responsible:财政部|\n"
        "#3|丙段|丙段。|responsible:海关总署|\n"
        "!attribution-no-text@5:1\n");
}

static void test_heading_attribution(void)
{
    DOC("一、加快创新发展（商务部牵头）\n（一）甲。\n（二）乙。（财政部负责）\n"
        "二、其他\n（三）丙。\n",
        "一/（一）|甲|甲。|lead:商务部|\n"
        "一/（二）|乙|乙。|responsible:财政部|\n"
        "二/（三）|丙|丙。||\n");
}

static void test_convention(void)
{
    DOC("一、甲。（教育部、财政部负责。列第一位者为牵头单位，下同）\n"
        "二、乙。（科技部、商务部按职责分工负责）\n"
        "三、丙。（海关总署、税务总局分别负责）\n"
        "四、丁。（商务部牵头，财政部负责）\n",
        "一|甲|甲。|lead:教育部,responsible:财政部|\n"
        "二|乙|乙。|lead:科技部,responsible:商务部|\n"
        "三|丙|丙。|responsible:海关总署,responsible:税务总局|\n"
        "四|丁|丁。|lead:商务部,responsible:财政部|\n"
        "!convention@1:5\n");
    /* the note alone in its bracket: answered with a note, every time */
    DOC("（列第一位者为牵头单位，下同）\n一、甲。（教育部、财政部负责）\n（列第一位的为牵头单位）\n",
        "一|甲|甲。|lead:教育部,responsible:财政部|\n"
        "!convention@1:1\n"
        "!convention@3:1\n");
    /* the note as a paragraph of its own, in another wording */
    DOC("现提出以下意见：\n各项任务中，排在第一位的为牵头部门。\n一、甲。（教育部、财政部负责）\n",
        "一|甲|甲。|lead:教育部,responsible:财政部|\n"
        "!convention@2:1\n");
    /* without the note nobody leads */
    DOC("一、乙。（科技部、商务部按职责分工负责）\n",
        "一|乙|乙。|responsible:科技部,responsible:商务部|\n");
}

static void test_deadline_open_unknown(void)
{
    DOC("一、甲。（国家发展改革委、财政部等按职责分工负责，2023年底前完成）\n"
        "二、乙。（省商务厅牵头，市发改委办配合）\n"
        "三、丙。（商务部会同有关部门负责）\n",
        "一|甲|甲。|responsible:国家发展改革委+,responsible:财政部+|2023年底前完成\n"
        "二|乙|乙。|lead:省商务厅,support:市发改委办|\n"
        "三|丙|丙。|responsible:商务部,joint:有关部门|\n"
        "!agency-unknown@2:13\n");
}

static void test_not_attributions(void)
{
    DOC("一、甲（AEO）。企业负责人（具体办法由用人单位负责制定）。（中国政府网）\n",
        "一|甲（AEO）|甲（AEO）。企业负责人（具体办法由用人单位负责制定）。（中国政府网）||\n"
        "!not-attribution@1:15\n"
        "!no-attributions@0:0\n");
    DOC("李克强主持召开座谈会，企业负责人通过视频连线（正部长级）。\n", "!no-measures@0:0\n");
}

static void test_damaged(void)
{
    DOC("一、甲。（商务部、财政部按职责分工负责\n",
        "一|甲|甲。|responsible:商务部,responsible:财政部|\n"
        "!attribution-unclosed@1:5\n");
    DOC("一、甲。（工信部、公安部、应急管理部）\n",
        "一|甲|甲。|responsible:工业和信息化部,responsible:公安部,responsible:应急管理部|\n"
        "!attribution-no-role@1:5\n");
    DOC("一、甲\xff。（商务部负责）\n",
        "一|甲\xEF\xBF\xBD|甲\xEF\xBF\xBD。|responsible:商务部|\n"
        "!invalid-utf8@1:4\n");
    static const char nul[] = "一、甲。\0（商务部负责）";
    char *got = render(nul, sizeof nul - 1);
    STR_EQ(got, "!not-text@0:0\n");
    free(got);
    DOC("", "!empty@0:0\n");
    DOC("\xEF\xBB\xBF", "!empty@0:0\n"); /* a BOM and nothing else */
}

/* Every bracket with a role word ends up in the outputs or in a
 * diagnostic that says why not. */
static void test_nothing_lost(void)
{
    /* outside the body: rejected or ignored, and said so */
    DOC("关于某事的通知（具体办法由用人单位负责制定）\n国发〔2020〕1号\n各部门（商务部负责）：\n"
        "现提出以下意见：\n一、甲。（商务部负责）\n",
        "一|甲|甲。|responsible:商务部|\n"
        "!not-attribution@1:8\n"
        "!attribution-outside-body@3:4\n");
    /* a heading's attribution that no item takes */
    DOC("一、加快创新发展（商务部牵头）\n（一）甲。（财政部负责）\n（二）乙。（海关总署负责）\n",
        "一/（一）|甲|甲。|responsible:财政部|\n"
        "一/（二）|乙|乙。|responsible:海关总署|\n"
        "!heading-attribution-unused@1:9\n");
    /* …or that a second one on the same heading replaces */
    DOC("一、加快（商务部牵头）发展（财政部牵头）\n（一）甲。\n",
        "一/（一）|甲|甲。|lead:财政部|\n"
        "!heading-attribution-unused@1:5\n");
    /* on its own line right under the heading, it is the heading's */
    DOC("一、加强服务\n（商务部牵头）\n（一）甲。\n（二）乙。（财政部负责）\n",
        "一/（一）|甲|甲。|lead:商务部|\n"
        "一/（二）|乙|乙。|responsible:财政部|\n");
    /* …but not once text came between them */
    DOC("一、加强服务\n总体要求。\n（商务部牵头）\n（一）甲。\n",
        "一|总体要求|总体要求。|lead:商务部|\n"
        "一/（一）|甲|甲。||\n");
    /* a heading's attribution that some item takes: no note */
    DOC("一、加快创新发展（商务部牵头）\n（一）甲。（财政部负责）\n（二）乙。\n",
        "一/（一）|甲|甲。|responsible:财政部|\n"
        "一/（二）|乙|乙。|lead:商务部|\n");
    /* cut off by the end of the file: the agencies read so far are kept */
    DOC("一、甲。（商务部牵头，财政部、海关总署按职责分",
        "一|甲|甲。|lead:商务部,responsible:财政部,responsible:海关总署|\n"
        "!attribution-unclosed@1:5\n");
    DOC("一、甲。（商务部、财政",
        "一|甲|甲。|responsible:商务部|\n"
        "!attribution-unclosed@1:5\n");
    /* unclosed in the middle of the document: as before */
    DOC("一、甲。（商务部、财政\n二、乙。\n",
        "一|甲|甲。（商务部、财政||\n"
        "二|乙|乙。||\n"
        "!no-attributions@0:0\n");
}

/* A label paragraph without brackets closes the item above it, like a
 * bracket on its own line; under a section heading it is the heading's. */
static void test_label_lines(void)
{
    DOC("现提出以下意见：\n一、甲。\n甲段。\n责任单位：市国土局、市土地发展中心,各县（市）人民政府\n"
        "二、乙。\n部门分工：市商务局牵头，市财政局配合。\n"
        "三、丙。\n主办单位：某某网站\n",
        "一|甲|甲。/甲段。|responsible:市国土资源局,responsible:市土地发展中心,"
        "responsible:各县（市）人民政府|\n"
        "二|乙|乙。|lead:市商务局,support:市财政局|\n"
        "三|丙|丙。/主办单位：某某网站||\n"
        "!agency-unknown@4:11\n");
}

/* Label lines that follow each other are one attribution: 牵头单位： then
 * 配合单位： then 完成时限：, under an item or right under a heading. */
static void test_label_lines_together(void)
{
    DOC("现提出以下意见：\n一、甲。\n牵头单位：市商务局\n配合单位：市财政局、市税务局\n"
        "完成时限：2024年底\n二、乙。\n完成时限：2025年\n",
        "一|甲|甲。|lead:市商务局,support:市财政局,support:市税务局|2024年底\n"
        "二|乙|乙。/完成时限：2025年||\n");
    DOC("现提出以下意见：\n一、加快发展\n牵头单位：市商务局\n配合单位：市财政局\n"
        "（一）甲。\n（二）乙。\n",
        "一/（一）|甲|甲。|lead:市商务局,support:市财政局|\n"
        "一/（二）|乙|乙。|lead:市商务局,support:市财政局|\n");
}

/* Labels that end a paragraph after its text, without brackets; a label
 * word inside a sentence is text. */
static void test_trailing_labels(void)
{
    DOC("现提出以下意见：\n一、甲。加强管理。牵头单位：市商务局；配合单位：市财政局。\n"
        "二、乙。明确责任单位：由各企业自行确定。\n",
        "一|甲|甲。加强管理。|lead:市商务局,support:市财政局|\n"
        "二|乙|乙。明确责任单位：由各企业自行确定。||\n");
}

/* An attribution the grammar cannot read closes its measure, with no
 * agencies, marked for review; a scope note gives implicit rows to the
 * measures after it (~ below), not to its own. */
static void test_unparsed_and_scope(void)
{
    DOC("现提出以下意见：\n一、甲。（牵头单位：分管副市长）\n"
        "二、乙。（商务部负责。以下均需各地方人民政府负责，不再列出）\n"
        "三、丙。（财政部负责）\n四、丁。（各地方人民政府、海关总署负责）\n五、戊。\n",
        "一|甲|甲。|||review\n"
        "二|乙|乙。|responsible:商务部|\n"
        "三|丙|丙。|responsible:财政部,~responsible:各地方人民政府|\n"
        "四|丁|丁。|responsible:各地方人民政府,responsible:海关总署|\n"
        "五|戊|戊。|~responsible:各地方人民政府|\n"
        "!attribution-unparsed@2:5\n"
        "!scope-note@3:12\n");
}

/* A heading's attribution that cannot be read marks its items for review. */
static void test_unparsed_heading(void)
{
    DOC("一、加快创新发展（牵头单位：分管副市长）\n（一）甲。\n（二）乙。（财政部负责）\n",
        "一/（一）|甲|甲。|||review\n"
        "一/（二）|乙|乙。|responsible:财政部|\n"
        "!attribution-unparsed@1:9\n");
}

static void test_label_form(void)
{
    DOC("1.甲。〔牵头单位：省商务厅；责任单位：省财政厅、省税务局〕\n",
        "1|甲|甲。|lead:省商务厅,responsible:省财政厅,responsible:省税务局|\n");
}

/* Local units: canonical names, and unprefixed names read at the
 * document's level. */
static void test_local_units(void)
{
    DOC("新余市人民政府办公室关于印发某方案的通知\n余府办发〔2023〕5号\n现提出以下措施：\n"
        "一、甲。（牵头单位：新余市发改委；责任单位：财政局、统计局、国家统计局、渝水区发改局）\n"
        "二、乙。（省市场监管局（省知识产权局）牵头，江西省商务厅配合）\n",
        "一|甲|甲。|lead:市发展改革委,responsible:市财政局,responsible:市统计局,"
        "responsible:国家统计局,responsible:区发展改革局|\n"
        "二|乙|乙。|lead:省市场监管局,support:省商务厅|\n");
    fg_document *d;
    const char *src = "新余市人民政府办公室关于印发某方案的通知\n一、甲。（财政局负责）\n";
    fg_document_parse(engine, "a.txt", src, strlen(src), &d);
    STR_EQ(fg_document_info(d)->level, "municipal");
    STR_EQ(fg_document_measures(d)[0].assignments[0].written, "财政局");
    fg_document_free(d);
    /* in a central document an unprefixed 局 is not a local unit */
    DOC("国务院办公厅关于某事的通知\n国办发〔2020〕1号\n现提出以下意见：\n一、甲。（统计局、财政局负责）\n",
        "一|甲|甲。|responsible:国家统计局,responsible:财政局|\n!agency-unknown@4:10\n");
}

/* The text of an agency-unknown diagnostic, with its suggestion. */
static void test_suggestion_message(void)
{
    fg_document *d;
    const char *src = "一、甲。（商物部、长江委负责）\n";
    fg_document_parse(engine, "a.txt", src, strlen(src), &d);
    INT_EQ(fg_document_n_diags(d), 2);
    if (fg_document_n_diags(d) == 2) {
        STR_EQ(fg_document_diags(d)[0].message,
               "unknown agency “商物部”: kept as written in its own column; did you mean “商务部”?");
        STR_EQ(fg_document_diags(d)[1].message,
               "unknown agency “长江委”: kept as written in its own column");
    }
    fg_document_free(d);
}

/* --current-names: historical bodies take their successors' names as of
 * the date asked for; the name as written stays. */
static const char *first_agency(const fg_engine *e, const char *src, const char **written)
{
    static char name[128];
    fg_document *d;
    fg_document_parse(e, "a.txt", src, strlen(src), &d);
    const fg_measure *m = fg_document_measures(d);
    snprintf(name, sizeof name, "%s", fg_document_n_measures(d) && m[0].n_assignments
                                          ? m[0].assignments[0].name : "-");
    static char w[128];
    snprintf(w, sizeof w, "%s", fg_document_n_measures(d) && m[0].n_assignments
                                    ? m[0].assignments[0].written : "-");
    if (written)
        *written = w;
    fg_document_free(d);
    return name;
}

static void test_current_names(void)
{
    static const char DOC2020[] = "国务院办公厅关于某事的意见\n国办发〔2020〕28号\n"
                                  "现提出以下意见：\n一、甲。（中国银保监会牵头）\n"
                                  "国务院办公厅\n2020年8月5日\n";
    static const char DOC2017[] = "国务院办公厅关于某事的意见\n国办发〔2017〕1号\n"
                                  "现提出以下意见：\n一、甲。（银监会牵头）\n"
                                  "国务院办公厅\n2017年1月5日\n";
    const char *written;
    /* off by default: the document's own names */
    STR_EQ(first_agency(engine, DOC2020, NULL), "银保监会");
    fg_engine *e;
    fg_options o = {.current_names = true};
    INT_EQ(fg_engine_new(&e, &o, NULL, 0), FG_OK);
    STR_EQ(first_agency(e, DOC2020, &written), "金融监管总局");
    STR_EQ(written, "中国银保监会");
    STR_EQ(first_agency(e, DOC2017, NULL), "金融监管总局"); /* 银监会 → 银保监会 → 金融监管总局 */
    fg_engine_free(e);
    o.names_as_of = "2020-12-31";
    INT_EQ(fg_engine_new(&e, &o, NULL, 0), FG_OK);
    STR_EQ(first_agency(e, DOC2017, NULL), "银保监会");
    STR_EQ(first_agency(e, DOC2020, NULL), "银保监会");
    fg_engine_free(e);
    o.names_as_of = "document";
    INT_EQ(fg_engine_new(&e, &o, NULL, 0), FG_OK);
    STR_EQ(first_agency(e, DOC2017, NULL), "银监会");
    STR_EQ(first_agency(e, "一、甲。（银监会牵头）\n", NULL), "金融监管总局"); /* no date: today */
    fg_engine_free(e);
    /* the matrix column follows: the assignment's index is the successor's */
    o.names_as_of = NULL;
    INT_EQ(fg_engine_new(&e, &o, NULL, 0), FG_OK);
    fg_document *d;
    fg_document_parse(e, "a.txt", DOC2020, sizeof DOC2020 - 1, &d);
    int k = fg_document_measures(d)[0].assignments[0].agency;
    STR_EQ(fg_engine_agency_name(e, (size_t)k), "金融监管总局");
    fg_document_free(d);
    fg_engine_free(e);
    char err[256] = "";
    o.names_as_of = "2020-13-01";
    INT_EQ(fg_engine_new(&e, &o, err, sizeof err), FG_ERR_ARG);
    CHECK(strstr(err, "2020-13-01") != NULL, "%s", err);
}

static void test_html_positions(void)
{
    DOC("<p>一、甲。(银保监会、人民<span class=\"k\">银行</span>负责)</p>\n",
        "一|甲|甲。|responsible:银保监会,responsible:人民银行|\n");
    fg_document *d;
    const char *src = "<p>一、甲。(银保监会、人民<span class=\"k\">银行</span>负责)</p>";
    fg_document_parse(engine, "t.html", src, strlen(src), &d);
    const fg_measure *m = fg_document_measures(d);
    INT_EQ(m[0].assignments[1].line, 1);
    INT_EQ(m[0].assignments[1].col, 14); /* 人 of 人民, counted in the HTML source */
    STR_EQ(m[0].assignments[1].written, "人民银行");
    fg_document_free(d);
}

/* A 分工表 role cell worded like an attribution keeps its words' roles;
 * names no role word reaches take the column's. */
static void test_table_worded_cell(void)
{
    const char *src = "<p>现提出以下意见：</p><table><tr><th>序号</th><th>工作任务</th>"
                      "<th>责任单位</th><th>完成时限</th></tr>"
                      "<tr><td>1</td><td>加强保障。</td>"
                      "<td>商务部牵头，财政部、税务总局配合</td><td>2024年底前</td></tr>"
                      "<tr><td>2</td><td>促进运输。</td>"
                      "<td>交通运输部、海关总署</td><td>持续推进</td></tr>"
                      "<tr><td>3</td><td>扩大进口。</td>"
                      "<td>商务部 海关总署</td><td>持续推进</td></tr></table>";
    fg_document *d;
    fg_document_parse(engine, "t.html", src, strlen(src), &d);
    const fg_measure *m = fg_document_measures(d);
    INT_EQ(fg_document_n_measures(d), 3);
    INT_EQ(m[2].n_assignments, 2); /* names separated by a space */
    STR_EQ(m[2].assignments[1].name, "海关总署");
    INT_EQ(m[0].n_assignments, 3);
    STR_EQ(m[0].assignments[0].name, "商务部");
    INT_EQ(m[0].assignments[0].role, FG_ROLE_LEAD);
    STR_EQ(m[0].assignments[2].name, "税务总局");
    INT_EQ(m[0].assignments[2].role, FG_ROLE_SUPPORT);
    STR_EQ(m[0].deadline, "2024年底前");
    INT_EQ(m[1].n_assignments, 2);
    INT_EQ(m[1].assignments[1].role, FG_ROLE_RESPONSIBLE);
    STR_EQ(m[1].attribution, "责任单位：交通运输部、海关总署");
    fg_document_free(d);
}

/* A table of units and contacts names a 责任单位 column but no task: not a
 * 分工表, its cells are text. */
static void test_table_contacts(void)
{
    const char *src =
        "<p>现提出以下意见：</p><p>一、甲。</p><table><tr><th>序号</th><th>责任单位</th>"
        "<th>联系人</th><th>电话</th></tr><tr><td>1</td><td>商务部</td><td>张三</td>"
        "<td>123</td></tr></table>";
    fg_document *d;
    fg_document_parse(engine, "t.html", src, strlen(src), &d);
    const fg_measure *m = fg_document_measures(d);
    INT_EQ(fg_document_n_measures(d), 1);
    INT_EQ(m[0].n_assignments, 0);
    fg_document_free(d);
}

/* A bare list closes an item only after the item's text ends: a body's
 * second name in a list of links is no attribution. */
static void test_bare_list(void)
{
    const char *src = "国务院办公厅关于某事的意见\n国办发〔2022〕1号\n各省：\n现提出以下意见：\n"
                      "一、加强安全生产。落实责任。（工业和信息化部、公安部、应急管理部）\n"
                      "二、加强宣传。做好解读。\n国家新闻出版署（国家版权局）\n";
    fg_document *d;
    fg_document_parse(engine, "t.txt", src, strlen(src), &d);
    const fg_measure *m = fg_document_measures(d);
    INT_EQ(fg_document_n_measures(d), 2);
    INT_EQ(m[0].n_assignments, 3);
    INT_EQ(m[0].assignments[0].role, FG_ROLE_RESPONSIBLE);
    INT_EQ(m[1].n_assignments, 0);
    fg_document_free(d);
}

static const fg_docinfo *info_of(const char *src, fg_document **d)
{
    fg_document_parse(engine, "t.html", src, strlen(src), d);
    return fg_document_info(*d);
}

/* 文号 in other forms come out in the usual one; regulations and joint
 * notices have theirs. */
static void test_number_forms(void)
{
    static const struct {
        const char *src, *number;
    } CASES[] = {
        {"国务院关于印发某方案的通知\n国发[2019]860 号\n各省：\n一、甲。", "国发〔2019〕860号"},
        {"国务院关于印发某方案的通知\n国发(2019)7号\n各省：\n一、甲。", "国发〔2019〕7号"},
        {"中华人民共和国某条例\n中华人民共和国国务院令 第708号\n第一条 甲。",
         "中华人民共和国国务院令第708号"},
        {"财政部 税务总局关于某政策的公告\n财税〔2019〕13号 税总发〔2019〕5号\n各省：\n一、甲。",
         "财税〔2019〕13号、税总发〔2019〕5号"},
        {"财政部 税务总局关于某政策的公告\n财税〔2019〕13号\n税总发〔2019〕5号\n各省：\n一、甲。",
         "财税〔2019〕13号、税总发〔2019〕5号"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        fg_document *d;
        fg_document_parse(engine, "t.txt", CASES[i].src, strlen(CASES[i].src), &d);
        STR_EQ(fg_document_info(d)->number, CASES[i].number);
        fg_document_free(d);
    }
}

/* A gov.cn metadata table says whose document it is; a page title loses
 * the site's name, a leading [已废止] becomes the status. */
static void test_page_identity(void)
{
    fg_document *d;
    const fg_docinfo *in = info_of(
        "<html><head><title>某某意见_财政_中国政府网</title></head><body><table>"
        "<tr><td>索 引 号：</td><td>000014349/2021-00071</td><td>主题分类：</td><td>财政</td></tr>"
        "<tr><td>发文机关：</td><td>国务院办公厅</td><td>成文日期：</td><td>2021年07月30日</td></"
        "tr>"
        "<tr><td>标　　题：</td><td>国务院办公厅关于某某的意见</td></tr>"
        "<tr><td>发文字号：</td><td>国办发〔2021〕30号</td><td>发布日期：</td><td>2021年08月23日</"
        "td></tr>"
        "</table><p>各省：</p><p>一、甲。</p></body></html>",
        &d);
    STR_EQ(in->title, "国务院办公厅关于某某的意见");
    STR_EQ(in->number, "国办发〔2021〕30号");
    STR_EQ(in->issuer, "国务院办公厅");
    STR_EQ(in->date, "2021-07-30");
    STR_EQ(in->published, "2021-08-23");
    STR_EQ(in->status, "");
    fg_document_free(d);
    in = info_of("<html><head><meta name=\"ArticleTitle\" "
                 "content=\"[已废止]某市人民政府办公室关于某事的通知\">"
                 "<meta name=\"PubDate\" content=\"2021-08-16 09:58\">"
                 "<title>某市人民政府 [已废止]某市人民政府办公室关于某事的通知</title></head>"
                 "<body><p>一、甲。</p></body></html>",
                 &d);
    STR_EQ(in->title, "某市人民政府办公室关于某事的通知");
    STR_EQ(in->status, "已废止");
    STR_EQ(in->published, "2021-08-16");
    fg_document_free(d);
    in = info_of(
        "<html><head><title>泸州出台新政 - 川网</title></head><body><p>正文。</p></body></html>",
        &d);
    STR_EQ(in->title, "泸州出台新政");
    fg_document_free(d);
}

/* Some plans put the attribution in a table column: a 分工表 (its header
 * names a 责任单位 column) makes each row a measure, its id the 序号 cell,
 * and a bracketed attribution in the role column keeps its own roles. */
static void test_table_column(void)
{
    const char *src =
        "<p>现提出以下意见：</p><table><tr><td>序号</td><td>任务</td><td>责任单位</td></tr>"
        "<tr><td>1</td><td>加强保障。</td><td>（商务部牵头，财政部负责）</td></tr>\n"
        "<tr><td>2</td><td>促进<span>运输</span>。</td><td>（交通运输部负责）</td></tr></table>";
    fg_document *d;
    fg_document_parse(engine, "t.html", src, strlen(src), &d);
    const fg_measure *m = fg_document_measures(d);
    INT_EQ(fg_document_n_measures(d), 2);
    CHECK(strstr(m[0].text, "加强保障。") && !strstr(m[0].text, "促进"), "%s", m[0].text);
    INT_EQ(m[0].n_assignments, 2);
    STR_EQ(m[0].assignments[0].name, "商务部");
    INT_EQ(m[0].assignments[0].role, FG_ROLE_LEAD);
    STR_EQ(m[0].assignments[1].name, "财政部");
    STR_EQ(m[1].id, "2");
    STR_EQ(m[1].text, "促进运输。");
    INT_EQ(m[1].n_assignments, 1);
    STR_EQ(m[1].assignments[0].name, "交通运输部");
    INT_EQ(m[1].assignments[0].line, 2); /* in the HTML source */
    INT_EQ(m[1].assignments[0].col, 47); /* tags count: <tr><td>2</td><td>促进<span>… */
    INT_EQ(fg_document_n_diags(d), 0);
    fg_document_free(d);
}

/* Markdown notes: front matter, a quoted document, list items. */
static void test_markdown_doc(void)
{
    DOC("---\ntitle: 笔记\ndate: 2023-01-02\n---\n> 现提出以下意见：\n> 一、甲。（商务部负责）\n"
        "- 二、乙。（财政部负责）\n* 三、丙。（海关总署负责）\n",
        "一|甲|甲。|responsible:商务部|\n"
        "二|乙|乙。|responsible:财政部|\n"
        "三|丙|丙。|responsible:海关总署|\n");
}

/* Line ends and widths: positions still point into the file. */
static void test_positions(void)
{
    /* CRLF and a lone CR end lines; the ideographic space and full-width
     * digits before the name count one column each */
    DOC("现提出以下意见：\r\n一、甲。\r二、乙\xE3\x80\x80\xEF\xBC\x92\xEF\xBC\x90。（某某推进办负责）\n",
        "一|甲|甲。||\n"
        "二|乙 20|乙 20。|responsible:某某推进办|\n"
        "!agency-unknown@3:9\n");
    /* a zero-width space inside a name: found, and placed at its start */
    DOC("一、甲。（商\xE2\x80\x8B务部负责）\n", "一|甲|甲。|responsible:商务部|\n");
}

static void test_frame(void)
{
    const char *src = "国务院办公厅关于\n进一步做好某工作的意见\n国办发〔2020〕28号\n"
                      "各省、自治区、直辖市人民政府：\n现提出以下意见：\n一、甲。（商务部负责）\n"
                      "国务院办公厅\n2020年8月5日\n";
    fg_document *d;
    fg_document_parse(engine, "dir/a.txt", src, strlen(src), &d);
    const fg_docinfo *i = fg_document_info(d);
    STR_EQ(i->title, "国务院办公厅关于进一步做好某工作的意见");
    STR_EQ(i->number, "国办发〔2020〕28号");
    STR_EQ(i->key, "国办发〔2020〕28号");
    STR_EQ(i->issuer, "国务院办公厅");
    STR_EQ(i->date, "2020-08-05");
    STR_EQ(i->level, "central");
    INT_EQ(fg_document_n_measures(d), 1);
    fg_document_free(d);

    src = "---\ntitle: 新闻标题\ndate: 2022-05-26 15:01:55 +0800\n---\n正文没有措施。\n";
    fg_document_parse(engine, "dir/b.md", src, strlen(src), &d);
    i = fg_document_info(d);
    STR_EQ(i->title, "新闻标题");
    STR_EQ(i->key, "b.md");
    STR_EQ(i->date, "2022-05-26");
    STR_EQ(i->number, "");
    fg_document_free(d);

    src = "关于某事的通知\n商发〔2021〕7号\n一、甲。（商务部负责）\n商务部\n二〇二一年十一月二十三日\n";
    fg_document_parse(engine, "c.txt", src, strlen(src), &d);
    i = fg_document_info(d);
    STR_EQ(i->title, "关于某事的通知");
    STR_EQ(i->issuer, "商务部");
    STR_EQ(i->date, "2021-11-23");
    fg_document_free(d);
}

int main(void)
{
    char err[256];
    if (fg_engine_new(&engine, NULL, err, sizeof err) != FG_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    test_inline();
    test_own_line();
    test_heading_attribution();
    test_convention();
    test_deadline_open_unknown();
    test_not_attributions();
    test_damaged();
    test_nothing_lost();
    test_label_form();
    test_label_lines();
    test_label_lines_together();
    test_trailing_labels();
    test_unparsed_and_scope();
    test_unparsed_heading();
    test_html_positions();
    test_table_column();
    test_number_forms();
    test_table_worded_cell();
    test_table_contacts();
    test_bare_list();
    test_page_identity();
    test_markdown_doc();
    test_positions();
    test_frame();
    test_local_units();
    test_suggestion_message();
    test_current_names();
    fg_engine_free(engine);
    return harness_done("test_document");
}
