/* Traditional characters: when the simplified matching copy is made, that
 * it keeps every offset, the conversions that matter (role words, names,
 * Taiwan phrasing, Hong Kong variants), and the document-level results:
 * canonical names simplified, agency_written as written. */
#include "buf.h"
#include "engine.h"
#include "fengong.h"
#include "hant.h"
#include "harness.h"
#include "normalize.h"

#include <stdlib.h>
#include <string.h>

static fg_engine *engine;

/* The matching copy of `src`, or NULL when none is made. */
static char *simplified(const char *src)
{
    fg_text t;
    fg_normalize(&t, src, strlen(src));
    char *out = NULL;
    if (fg_hant_simplify(engine->opencc, &t)) {
        CHECK(strlen(t.simplified) == t.len, "same length");
        out = fg_xstrndup(t.simplified, t.len ? t.len - 1 : 0); /* without the last '\n' */
    }
    fg_text_fini(&t);
    return out;
}

#define SIMPLIFIES(src, want)                                                           \
    do {                                                                                \
        char *got_ = simplified(src);                                                   \
        CHECK(got_ && strcmp(got_, want) == 0, "%s -> %s, expected %s", src,              \
              got_ ? got_ : "(no copy)", want);                                         \
        free(got_);                                                                     \
    } while (0)

#define UNTOUCHED(src)                                                                  \
    do {                                                                                \
        char *got_ = simplified(src);                                                   \
        CHECK(!got_, "%s made a copy: %s", src, got_);                                  \
        free(got_);                                                                     \
    } while (0)

static void test_copy(void)
{
    SIMPLIFIES("（商務部牽頭，財政部、稅務總局按職責分工負責）",
               "（商务部牵头，财政部、税务总局按职责分工负责）");
    SIMPLIFIES("（牽頭單位：省商務廳；責任單位：省財政廳；配合單位：省稅務局）",
               "（牵头单位：省商务厅；责任单位：省财政厅；配合单位：省税务局）");
    /* Taiwan phrasing, same length: 資訊 is 信息 */
    SIMPLIFIES("（工業和資訊化部負責）", "（工业和信息化部负责）");
    /* Hong Kong form of 衛 */
    SIMPLIFIES("（國家衞生健康委負責）", "（国家卫生健康委负责）");
    /* a phrase that changes length (網際網路 → 互联网) is converted
     * character by character instead: same offsets */
    SIMPLIFIES("推動網際網路發展（商務部負責）", "推动网际网路发展（商务部负责）");
    /* non-CJK text passes through */
    SIMPLIFIES("一、A&B 2023年（國務院）", "一、A&B 2023年（国务院）");
    /* simplified documents are left alone, even with a stray traditional
     * character or a character tw2sp would change (著) */
    UNTOUCHED("各地方建立重点外贸企业服务保障制度（商务部负责）");
    UNTOUCHED("各地方要显著提升著作权保护水平，优化国內市场环境，加快发展外贸新业态新模式，"
              "培育一批跨境电子商务综合试验区（商务部负责）");
    UNTOUCHED("abc 123");
    UNTOUCHED("");
}

static void test_document(void)
{
    const char *src = "國務院辦公廳關於某事的通知\n國辦發〔2022〕9號\n現提出以下意見：\n"
                      "第一條 加強保障。（商務部牽頭，工業和資訊化部、有關部門按職責分工負責）\n"
                      "第二條 促進運輸。（牽頭單位：交通運輸部；責任單位：國家鐵路局；配合單位：省商務廳）\n"
                      "國務院辦公廳\n2022年5月17日\n";
    fg_document *d;
    fg_document_parse(engine, "t.txt", src, strlen(src), &d);
    const fg_docinfo *info = fg_document_info(d);
    STR_EQ(info->number, "国办发〔2022〕9号"); /* an identifier: simplified */
    STR_EQ(info->key, "国办发〔2022〕9号");
    STR_EQ(info->title, "國務院辦公廳關於某事的通知"); /* text: as written */
    STR_EQ(info->issuer, "國務院辦公廳");
    STR_EQ(info->date, "2022-05-17");
    INT_EQ(fg_document_n_measures(d), 2);
    const fg_measure *m = fg_document_measures(d);
    STR_EQ(m[0].id, "第一条");
    STR_EQ(m[0].heading, "加強保障");
    STR_EQ(m[0].text, "加強保障。");
    STR_EQ(m[0].attribution, "（商務部牽頭，工業和資訊化部、有關部門按職責分工負責）");
    INT_EQ(m[0].n_assignments, 3);
    STR_EQ(m[0].assignments[0].name, "商务部");
    STR_EQ(m[0].assignments[0].written, "商務部");
    INT_EQ(m[0].assignments[0].role, FG_ROLE_LEAD);
    STR_EQ(m[0].assignments[1].name, "工业和信息化部");
    STR_EQ(m[0].assignments[1].written, "工業和資訊化部");
    INT_EQ(m[0].assignments[1].role, FG_ROLE_RESPONSIBLE);
    STR_EQ(m[0].assignments[2].name, "有关部门"); /* a collective: simplified */
    STR_EQ(m[0].assignments[2].written, "有關部門");
    INT_EQ(m[0].assignments[2].col, 25);
    STR_EQ(m[1].id, "第二条");
    INT_EQ(m[1].n_assignments, 3);
    STR_EQ(m[1].assignments[0].name, "交通运输部");
    INT_EQ(m[1].assignments[0].role, FG_ROLE_LEAD);
    STR_EQ(m[1].assignments[1].name, "国家铁路局");
    INT_EQ(m[1].assignments[1].role, FG_ROLE_RESPONSIBLE);
    STR_EQ(m[1].assignments[2].name, "省商务厅"); /* a provincial unit: simplified */
    STR_EQ(m[1].assignments[2].written, "省商務廳");
    INT_EQ(m[1].assignments[2].role, FG_ROLE_SUPPORT);
    INT_EQ(m[1].assignments[2].line, 5);
    INT_EQ(m[1].assignments[2].col, 38);
    INT_EQ(fg_document_n_diags(d), 0);
    fg_document_free(d);
}

int main(void)
{
    char err[256];
    if (fg_engine_new(&engine, NULL, err, sizeof err) != FG_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    test_copy();
    test_document();
    fg_engine_free(engine);
    return harness_done("test_hant");
}
