/* Agency registry: well-formed (every name and alias resolves to its own
 * body, so no alias is claimed twice), whole-name lookup, collectives. */
#include "agency.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static fg_registry r;

static const char *resolve(const char *name)
{
    int i = fg_registry_lookup(&r, name, strlen(name));
    return i < 0 ? "-" : r.agencies[i].name;
}

#define RESOLVES(name, canonical) STR_EQ(resolve(name), canonical)

static void test_well_formed(void)
{
    for (size_t a = 0; a < r.n_agencies; a++) {
        const fg_agency *ag = &r.agencies[a];
        CHECK(fg_registry_lookup(&r, ag->name, strlen(ag->name)) == (int)a,
              "canonical %s is claimed by another body", ag->name);
        const char *p = ag->aliases;
        while (*p) {
            const char *e = strchr(p, '|');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            CHECK(n > 0, "empty alias in %s", ag->name);
            CHECK(fg_registry_lookup(&r, p, n) == (int)a, "alias %.*s of %s is claimed twice",
                  (int)n, p, ag->name);
            p += n + (e ? 1 : 0);
        }
        if (a > 0)
            CHECK(ag->cat >= r.agencies[a - 1].cat, "%s is out of category order", ag->name);
    }
}

static void test_aliases(void)
{
    RESOLVES("发展改革委", "国家发展改革委");
    RESOLVES("国家发展改革委", "国家发展改革委");
    RESOLVES("国家发展和改革委员会", "国家发展改革委");
    RESOLVES("发改委", "国家发展改革委");
    RESOLVES("工信部", "工业和信息化部");
    RESOLVES("工业和信息化部", "工业和信息化部");
    RESOLVES("人社部", "人力资源社会保障部");
    RESOLVES("人力资源和社会保障部", "人力资源社会保障部");
    RESOLVES("住建部", "住房城乡建设部");
    RESOLVES("住房和城乡建设部", "住房城乡建设部");
    RESOLVES("卫生健康委", "国家卫生健康委");
    RESOLVES("中国人民银行", "人民银行");
    RESOLVES("人民银行", "人民银行");
    RESOLVES("进出口银行", "进出口银行");
    RESOLVES("中国进出口银行", "进出口银行");
    RESOLVES("国资委", "国务院国资委");
    RESOLVES("国家税务总局", "税务总局");
    RESOLVES("国家市场监督管理总局", "市场监管总局");
    RESOLVES("国家金融监督管理总局", "金融监管总局");
    RESOLVES("中国证监会", "证监会");
    RESOLVES("外汇局", "国家外汇局");
    RESOLVES("国家外汇管理局", "国家外汇局");
    RESOLVES("民航局", "中国民航局");
    RESOLVES("移民局", "国家移民局");
    RESOLVES("铁路局", "国家铁路局");
    RESOLVES("中国国家铁路集团有限公司", "国铁集团");
    RESOLVES("国铁集团", "国铁集团");
    RESOLVES("药监局", "国家药监局");
    RESOLVES("中医药局", "国家中医药局");
    RESOLVES("中国银保监会", "银保监会");
    RESOLVES("中国信保", "中国出口信用保险公司");
    RESOLVES("贸促会", "中国贸促会");
    RESOLVES("中宣部", "中央宣传部");
    RESOLVES("国家体育总局", "体育总局");
    RESOLVES("国家知识产权局", "国家知识产权局");
    RESOLVES("各地方人民政府", "各地方人民政府");
    RESOLVES("各省、自治区、直辖市人民政府", "各省、自治区、直辖市人民政府");
    RESOLVES("地方各级人民政府", "地方各级人民政府");
    RESOLVES("各地区", "各地区");
    /* whole names only: no substring, no prefix */
    RESOLVES("银行", "-");
    RESOLVES("人民银", "-");
    RESOLVES("国家铁路集团", "-");
    RESOLVES("商务部门", "-");
    RESOLVES("财政", "-");
    RESOLVES("省商务厅", "-");
    RESOLVES("", "-");
}

static void test_order(void)
{
    static const char *const FIRST[] = {"外交部", "国防部", "国家发展改革委", "教育部", "科技部",
                                        "工业和信息化部", "国家民委", "公安部"};
    for (size_t i = 0; i < sizeof FIRST / sizeof FIRST[0]; i++)
        STR_EQ(r.agencies[i].name, FIRST[i]);
    int pboc = fg_registry_lookup(&r, "人民银行", 12);
    int audit = fg_registry_lookup(&r, "审计署", 9);
    int sasac = fg_registry_lookup(&r, "国务院国资委", 18);
    int customs = fg_registry_lookup(&r, "海关总署", 12);
    int local = fg_registry_lookup(&r, "各地方人民政府", 21);
    CHECK(pboc + 1 == audit && audit + 1 == sasac && sasac + 1 == customs,
          "人民银行, 审计署, 国务院国资委, 海关总署 follow each other");
    CHECK(local > customs, "locals come last");
}

static void test_collectives(void)
{
    CHECK(fg_is_collective("有关部门", strlen("有关部门")), "有关部门");
    CHECK(fg_is_collective("有关部门和单位", strlen("有关部门和单位")), "有关部门和单位");
    CHECK(fg_is_collective("市级各有关部门", strlen("市级各有关部门")), "市级各有关部门");
    CHECK(fg_is_collective("各相关部门", strlen("各相关部门")), "各相关部门");
    CHECK(!fg_is_collective("商务部", strlen("商务部")), "商务部 is not a collective");
    CHECK(!fg_is_collective("部门", strlen("部门")), "部门 alone is not a collective");
}

int main(void)
{
    fg_registry_init(&r);
    test_well_formed();
    test_aliases();
    test_order();
    test_collectives();
    fg_registry_fini(&r);
    return harness_done("test_agency");
}
