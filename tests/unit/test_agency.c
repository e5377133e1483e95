/* Agency registry: the data file is well-formed (unique names, no name or
 * local form claimed by two bodies, every parent and successor a body,
 * dates in order), the official order, whole-name lookup with aliases,
 * traditional forms and the traps, local units, document levels, successors
 * at a date, suggestions, and the checks on a user file.
 * Usage: test_agency SOURCE_DIR (to read the seeds' expected matrices). */
#define _POSIX_C_SOURCE 200809L

#include "agency.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static fg_registry r;

static int idx(const char *name) { return fg_registry_lookup(&r, name, strlen(name)); }

static const char *resolve_in(const char *name, fg_level level, bool muni)
{
    fg_place p = {level, muni};
    int i = fg_registry_resolve(&r, name, strlen(name), &p);
    return i < 0 ? "-" : r.agencies[i].name;
}

static const char *resolve(const char *name) { return resolve_in(name, FG_LEVEL_NONE, false); }

#define RESOLVES(name, canonical) STR_EQ(resolve(name), canonical)

/*** The data file ***/

typedef struct own {
    int agency;
    const char *what;
} own;

static bool owned(void *ctx, const char *s, size_t n);

static void each(const char *list, own *o)
{
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, '|');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        owned(o, p, n);
        p += n + (e ? 1 : 0);
    }
}

static bool owned(void *ctx, const char *s, size_t n)
{
    own *o = ctx;
    CHECK(n > 0, "empty %s in %s", o->what, r.agencies[o->agency].name);
    int got = fg_registry_lookup(&r, s, n);
    CHECK(got == o->agency, "%s “%.*s” of %s resolves to %s", o->what, (int)n, s,
          r.agencies[o->agency].name, got < 0 ? "nothing" : r.agencies[got].name);
    return true;
}

static void test_well_formed(void)
{
    size_t n_rows = 0, n_units = 0;
    for (size_t a = 0; a < r.n_agencies; a++) {
        const fg_agency *ag = &r.agencies[a];
        own o = {(int)a, "name"};
        owned(&o, ag->name, strlen(ag->name)); /* unique: resolves to itself */
        if (*ag->full_name) {
            o.what = "full name";
            owned(&o, ag->full_name, strlen(ag->full_name));
        }
        o.what = "alias";
        each(ag->aliases, &o); /* no alias claimed by two bodies */
        CHECK(ag->parent < (int)r.n_agencies && ag->parent != (int)a, "parent of %s", ag->name);
        CHECK(ag->successor < (int)r.n_agencies && ag->successor != (int)a, "successor of %s",
              ag->name);
        CHECK(!ag->valid_from[0] || fg_is_date(ag->valid_from), "valid_from of %s", ag->name);
        CHECK(!ag->valid_to[0] || fg_is_date(ag->valid_to), "valid_to of %s", ag->name);
        CHECK(!ag->valid_from[0] || !ag->valid_to[0] || strcmp(ag->valid_from, ag->valid_to) <= 0,
              "%s: valid_from %s after valid_to %s", ag->name, ag->valid_from, ag->valid_to);
        if (ag->counterpart >= 0) {
            n_units++;
            CHECK(ag->cat == FG_CAT_LOCAL && ag->level >= FG_LEVEL_PROVINCE, "unit %s", ag->name);
            continue;
        }
        n_rows++;
        if (ag->successor >= 0) {
            const fg_agency *s = &r.agencies[ag->successor];
            CHECK(ag->valid_to[0], "%s has a successor but no valid_to", ag->name);
            CHECK(!s->valid_from[0] || strcmp(s->valid_from, ag->valid_to) <= 0,
                  "%s ends %s before its successor %s begins %s", ag->name, ag->valid_to,
                  s->name, s->valid_from);
            /* the chain ends at a body that still exists */
            int k = (int)a;
            for (size_t steps = 0; r.agencies[k].successor >= 0 && steps < r.n_agencies; steps++)
                k = r.agencies[k].successor;
            CHECK(!r.agencies[k].valid_to[0], "the successors of %s end at %s, which ended too",
                  ag->name, r.agencies[k].name);
        }
        if (ag->cat == FG_CAT_ADMINISTRATION && !ag->valid_to[0])
            CHECK(ag->parent >= 0, "国家局 %s has no parent", ag->name);
        /* every local form resolves, and the body has a unit at each level */
        const char *p = ag->local;
        while (*p) {
            const char *e = strchr(p, '|');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            char name[128];
            snprintf(name, sizeof name, "省%.*s", (int)n, p);
            int u = fg_registry_resolve(&r, name, strlen(name), NULL);
            CHECK(u >= 0 && r.agencies[u].counterpart == (int)a, "local form %s of %s", name,
                  ag->name);
            p += n + (e ? 1 : 0);
        }
        /* a unit at every level, but no 厅 below the provinces */
        for (int lv = 0; lv < 4; lv++) {
            bool only_ting = *ag->local && !strstr(ag->local, "|") && strstr(ag->local, "厅");
            CHECK(!*ag->local || ag->unit[lv] >= 0 || (lv > 0 && only_ting),
                  "%s has no unit at level %d", ag->name, lv);
            if (ag->unit[lv] >= 0 && lv > 0)
                CHECK(!strstr(r.agencies[ag->unit[lv]].name, "厅"), "a 厅 below a province: %s",
                      r.agencies[ag->unit[lv]].name);
        }
    }
    CHECK(n_rows > 170, "%zu rows", n_rows);
    CHECK(n_units > 3 * 100, "%zu local units", n_units);
    /* the order is the sort key */
    for (size_t a = 1; a < r.n_agencies; a++)
        CHECK(r.agencies[a - 1].order <= r.agencies[a].order, "%s before %s is out of order",
              r.agencies[a - 1].name, r.agencies[a].name);
}

/*** Official order (../shared/DOMAIN.md, 国发〔2023〕5号 and 6号) ***/

static void in_order(const char *const *names, size_t n, fg_agency_cat cat)
{
    int prev = -1;
    for (size_t i = 0; i < n; i++) {
        int k = idx(names[i]);
        CHECK(k >= 0 && (prev < 0 || k == prev + 1),
              "%s does not follow %s", names[i], i ? names[i - 1] : "(start)");
        CHECK(k >= 0 && r.agencies[k].cat == cat, "%s is not a %s", names[i],
              fg_agency_cat_name(cat));
        CHECK(k >= 0 && !r.agencies[k].valid_to[0], "%s is current", names[i]);
        prev = k;
    }
}

static void test_order(void)
{
    static const char *const CONSTITUENT[] = {
        "外交部", "国防部", "国家发展改革委", "教育部", "科技部", "工业和信息化部", "国家民委",
        "公安部", "国家安全部", "民政部", "司法部", "财政部", "人力资源社会保障部", "自然资源部",
        "生态环境部", "住房城乡建设部", "交通运输部", "水利部", "农业农村部", "商务部",
        "文化和旅游部", "国家卫生健康委", "退役军人事务部", "应急管理部", "人民银行", "审计署"};
    static const char *const AFFILIATED[] = {
        "海关总署", "税务总局", "市场监管总局", "金融监管总局", "证监会", "广电总局", "体育总局",
        "国家信访局", "国家统计局", "国家知识产权局", "国家国际发展合作署", "国家医保局",
        "国务院参事室", "国管局"};
    static const char *const INSTITUTIONS[] = {"新华社",         "中国科学院",
                                               "中国社会科学院", "中国工程院",
                                               "国务院发展研究中心", "中央广播电视总台",
                                               "中国气象局"};
    static const char *const ADMINISTRATIONS[] = {
        "国家粮食和储备局", "国家能源局",   "国家数据局", "国家国防科工局", "国家烟草局",
        "国家移民局",       "国家林草局",   "国家铁路局", "中国民航局",     "国家邮政局",
        "国家文物局",       "国家中医药局", "国家疾控局", "国家矿山安监局", "国家消防救援局",
        "国家外汇局",       "国家药监局"};
    size_t n_c = sizeof CONSTITUENT / sizeof CONSTITUENT[0];
    INT_EQ(n_c, 26);
    in_order(CONSTITUENT, n_c, FG_CAT_CONSTITUENT);
    INT_EQ(idx("外交部"), 0);
    INT_EQ(idx("国务院国资委"), idx("审计署") + 1);
    INT_EQ(idx("海关总署"), idx("国务院国资委") + 1);
    in_order(AFFILIATED, sizeof AFFILIATED / sizeof AFFILIATED[0], FG_CAT_AFFILIATED);
    CHECK(idx("国管局") < idx("国务院研究室"), "国务院研究室 after the affiliated bodies");
    INT_EQ(idx("新华社"), idx("国务院研究室") + 1);
    in_order(INSTITUTIONS, sizeof INSTITUTIONS / sizeof INSTITUTIONS[0], FG_CAT_INSTITUTION);
    INT_EQ(idx("国家粮食和储备局"), idx("中国气象局") + 1);
    in_order(ADMINISTRATIONS, sizeof ADMINISTRATIONS / sizeof ADMINISTRATIONS[0],
             FG_CAT_ADMINISTRATION);
    /* other bodies in the order DOMAIN.md lists them, then local governments */
    const char *OTHERS[] = {"国家药监局", "银保监会", "进出口银行", "中国出口信用保险公司",
                            "国铁集团", "中国贸促会", "各地方人民政府"};
    for (size_t i = 1; i < sizeof OTHERS / sizeof OTHERS[0]; i++)
        CHECK(idx(OTHERS[i - 1]) < idx(OTHERS[i]), "%s before %s", OTHERS[i - 1], OTHERS[i]);
    /* every historical body sits after the administrations, before the locals */
    for (size_t a = 0; a < r.n_agencies; a++)
        if (r.agencies[a].valid_to[0] && r.agencies[a].counterpart < 0)
            CHECK((int)a > idx("国家药监局") && (int)a < idx("各地方人民政府"),
                  "historical %s is out of place", r.agencies[a].name);
    /* local units: after every row, by level, then in the counterparts' order */
    int last_row = idx("各乡镇人民政府");
    CHECK(idx("省外事办") > last_row, "provincial units follow the central bodies");
    CHECK(idx("省商务厅") < idx("市外事办"), "provincial units before municipal ones");
    CHECK(idx("市商务局") < idx("县外事办"), "municipal units before county ones");
    CHECK(idx("省发展改革委") < idx("省商务厅") && idx("省商务厅") < idx("省税务局"),
          "provincial units in their counterparts' order");
    CHECK(idx("省商务厅") > idx("省农业农村厅") && idx("省商务厅") < idx("省文化和旅游厅"),
          "省商务厅 where 商务部 stands");
}

/* The agency columns of a seed's expected matrix follow the registry. */
static void test_seed_columns(const char *src_dir)
{
    static const char *const SEEDS[] = {"all-seeds", "002_355ce6cae6b0e9f2",
                                        "003_6741a91e15ed5b62"};
    for (size_t s = 0; s < sizeof SEEDS / sizeof SEEDS[0]; s++) {
        char path[1024], line[8192];
        snprintf(path, sizeof path, "%s/fixtures/expected/%s/matrix.csv", src_dir, SEEDS[s]);
        FILE *fp = fopen(path, "rb");
        CHECK(fp != NULL, "cannot open %s", path);
        if (!fp)
            continue;
        bool got = fgets(line, sizeof line, fp) != NULL;
        fclose(fp);
        CHECK(got, "%s is empty", path);
        int prev = -1, n_cols = 0;
        for (char *save = NULL, *f = strtok_r(line, ",\n", &save); f; f = strtok_r(NULL, ",\n", &save)) {
            if (++n_cols <= 3) /* document, measure, heading */
                continue;
            size_t n = strlen(f);
            int k = fg_registry_lookup(&r, f + 1, n - 2); /* without the quotes */
            CHECK(k >= 0, "%s: column %s is not in the registry", SEEDS[s], f);
            CHECK(k > prev, "%s: column %s is out of official order", SEEDS[s], f);
            CHECK(k < 0 || strncmp(r.agencies[k].name, f + 1, n - 2) == 0,
                  "%s: column %s is not a canonical name", SEEDS[s], f);
            prev = k;
        }
        CHECK(n_cols > 10, "%s: %d columns", SEEDS[s], n_cols);
    }
}

/*** Lookup ***/

static void test_aliases(void)
{
    /* canonical short names and their colloquial, full and older forms */
    RESOLVES("发展改革委", "国家发展改革委");
    RESOLVES("国家发展改革委", "国家发展改革委");
    RESOLVES("国家发展和改革委员会", "国家发展改革委");
    RESOLVES("发改委", "国家发展改革委");
    RESOLVES("国家发改委", "国家发展改革委");
    RESOLVES("中华人民共和国国家发展和改革委员会", "国家发展改革委");
    RESOLVES("工信部", "工业和信息化部");
    RESOLVES("工业和信息化部", "工业和信息化部");
    RESOLVES("科学技术部", "科技部");
    RESOLVES("国家民族事务委员会", "国家民委");
    RESOLVES("人社部", "人力资源社会保障部");
    RESOLVES("人力资源和社会保障部", "人力资源社会保障部");
    RESOLVES("住建部", "住房城乡建设部");
    RESOLVES("住房和城乡建设部", "住房城乡建设部");
    RESOLVES("文旅部", "文化和旅游部");
    RESOLVES("卫生健康委", "国家卫生健康委");
    RESOLVES("国家卫健委", "国家卫生健康委");
    RESOLVES("国家卫生健康委员会", "国家卫生健康委");
    RESOLVES("应急部", "应急管理部");
    RESOLVES("中国人民银行", "人民银行");
    RESOLVES("人民银行", "人民银行");
    RESOLVES("央行", "人民银行");
    RESOLVES("国资委", "国务院国资委");
    RESOLVES("国务院国有资产监督管理委员会", "国务院国资委");
    RESOLVES("中华人民共和国海关总署", "海关总署");
    RESOLVES("国家税务总局", "税务总局");
    RESOLVES("国家市场监督管理总局", "市场监管总局");
    RESOLVES("国家市场监管总局", "市场监管总局");
    RESOLVES("国家金融监督管理总局", "金融监管总局");
    RESOLVES("中国证监会", "证监会");
    RESOLVES("中国证券监督管理委员会", "证监会");
    RESOLVES("国家广播电视总局", "广电总局");
    RESOLVES("国家体育总局", "体育总局");
    RESOLVES("国家医疗保障局", "国家医保局");
    RESOLVES("国务院机关事务管理局", "国管局");
    RESOLVES("新华通讯社", "新华社");
    RESOLVES("中科院", "中国科学院");
    RESOLVES("国家粮食和物资储备局", "国家粮食和储备局");
    RESOLVES("国家国防科技工业局", "国家国防科工局");
    RESOLVES("国家航天局", "国家国防科工局");
    RESOLVES("国家烟草专卖局", "国家烟草局");
    RESOLVES("国家移民管理局", "国家移民局");
    RESOLVES("移民局", "国家移民局");
    RESOLVES("国家林业和草原局", "国家林草局");
    RESOLVES("民航局", "中国民航局");
    RESOLVES("中国民用航空局", "中国民航局");
    RESOLVES("国家中医药管理局", "国家中医药局");
    RESOLVES("国家疾病预防控制局", "国家疾控局");
    RESOLVES("国家矿山安全监察局", "国家矿山安监局");
    RESOLVES("外汇局", "国家外汇局");
    RESOLVES("国家外汇管理局", "国家外汇局");
    RESOLVES("国家药品监督管理局", "国家药监局");
    /* historical bodies keep their own names */
    RESOLVES("中国银保监会", "银保监会");
    RESOLVES("中国银行保险监督管理委员会", "银保监会");
    RESOLVES("中国银监会", "银监会");
    RESOLVES("中国保监会", "保监会");
    RESOLVES("国家卫生和计划生育委员会", "国家卫生计生委");
    RESOLVES("国家工商总局", "工商总局");
    RESOLVES("国家质检总局", "质检总局");
    RESOLVES("国家食药监总局", "食品药品监管总局");
    RESOLVES("国土资源部", "国土资源部");
    RESOLVES("环保部", "环境保护部");
    RESOLVES("农业部", "农业部");
    RESOLVES("文化部", "文化部");
    RESOLVES("国家旅游局", "国家旅游局");
    RESOLVES("林业局", "国家林业局");
    RESOLVES("国家粮食局", "国家粮食局");
    RESOLVES("安监总局", "安全监管总局");
    RESOLVES("国务院法制办公室", "国务院法制办");
    RESOLVES("国务院扶贫开发领导小组办公室", "国务院扶贫办");
    RESOLVES("中国铁路总公司", "中国铁路总公司");
    RESOLVES("交通部", "交通部");
    /* Party departments, people's organisations, banks and firms */
    RESOLVES("中宣部", "中央宣传部");
    RESOLVES("国家网信办", "中央网信办");
    RESOLVES("国家互联网信息办公室", "中央网信办");
    RESOLVES("中央机构编制委员会办公室", "中央编办");
    RESOLVES("国务院台办", "中央台办");
    RESOLVES("中华全国总工会", "全国总工会");
    RESOLVES("团中央", "共青团中央");
    RESOLVES("中华全国妇女联合会", "全国妇联");
    RESOLVES("中华全国工商业联合会", "全国工商联");
    RESOLVES("中国科学技术协会", "中国科协");
    RESOLVES("中国残疾人联合会", "中国残联");
    RESOLVES("贸促会", "中国贸促会");
    RESOLVES("中国国际贸易促进委员会", "中国贸促会");
    RESOLVES("国开行", "国家开发银行");
    RESOLVES("中国农业发展银行", "农业发展银行");
    RESOLVES("中国信保", "中国出口信用保险公司");
    RESOLVES("全国供销合作总社", "供销合作总社");
    /* local-government collectives */
    RESOLVES("各地方人民政府", "各地方人民政府");
    RESOLVES("各省、自治区、直辖市人民政府", "各省、自治区、直辖市人民政府");
    RESOLVES("各省（自治区、直辖市）人民政府", "各省、自治区、直辖市人民政府");
    RESOLVES("地方各级人民政府", "地方各级人民政府");
    RESOLVES("各地区", "各地区");
    RESOLVES("各县（市、区）人民政府", "各县（市、区）人民政府");
    RESOLVES("各县区人民政府", "各县（市、区）人民政府");
}

static void test_traps(void)
{
    /* a state firm is not the administration with a similar name */
    RESOLVES("中国国家铁路集团有限公司", "国铁集团");
    RESOLVES("国家铁路局", "国家铁路局");
    RESOLVES("铁路局", "国家铁路局");
    /* 人民银行 is not found inside 进出口银行, nor the reverse */
    RESOLVES("进出口银行", "进出口银行");
    RESOLVES("中国进出口银行", "进出口银行");
    RESOLVES("国家开发银行", "国家开发银行");
    /* whole names only: no substring, no prefix, no suffix */
    RESOLVES("银行", "-");
    RESOLVES("人民银", "-");
    RESOLVES("国家铁路集团", "-");
    RESOLVES("铁路集团有限公司", "-");
    RESOLVES("商务部门", "-");
    RESOLVES("财政", "-");
    RESOLVES("国家发展改革委员", "-");
    RESOLVES("国家统计", "-");
    RESOLVES("", "-");
    /* names that look alike but are different bodies */
    RESOLVES("国家发展改革委", "国家发展改革委");
    RESOLVES("广电总局", "广电总局");
    RESOLVES("新闻出版广电总局", "新闻出版广电总局");
    RESOLVES("国家广播电影电视总局", "广播电影电视总局");
    RESOLVES("国家食品药品监督管理局", "国家食品药品监管局");
    RESOLVES("国家食品药品监督管理总局", "食品药品监管总局");
    RESOLVES("国家安全部", "国家安全部");
    RESOLVES("国家安全生产监督管理总局", "安全监管总局");
}

static void test_traditional(void)
{
    RESOLVES("國家發展改革委", "国家发展改革委");
    RESOLVES("國家發展和改革委員會", "国家发展改革委");
    RESOLVES("工業和資訊化部", "工业和信息化部");
    RESOLVES("工業和信息化部", "工业和信息化部");
    RESOLVES("國家智慧財產權局", "国家知识产权局");
    RESOLVES("國家知識產權局", "国家知识产权局");
    RESOLVES("中國人民銀行", "人民银行");
    RESOLVES("人力資源社會保障部", "人力资源社会保障部");
    RESOLVES("國務院國資委", "国务院国资委");
    RESOLVES("國家衛生健康委員會", "国家卫生健康委");
    RESOLVES("國家市場監督管理總局", "市场监管总局");
    RESOLVES("海關總署", "海关总署");
    RESOLVES("國家稅務總局", "税务总局");
    RESOLVES("中國銀保監會", "银保监会");
    RESOLVES("中國證監會", "证监会");
    RESOLVES("生態環境部", "生态环境部");
    RESOLVES("住房和城鄉建設部", "住房城乡建设部");
    RESOLVES("國家鐵路局", "国家铁路局");
    RESOLVES("中國國家鐵路集團有限公司", "国铁集团");
    RESOLVES("中國進出口銀行", "进出口银行");
    RESOLVES("國家航太局", "国家国防科工局");
    RESOLVES("國家網際網路資訊辦公室", "中央网信办");
    RESOLVES("國家品質監督檢驗檢疫總局", "质检总局");
    RESOLVES("江西省商務廳", "省商务厅");
}

/*** Local units ***/

static void test_local(void)
{
    /* a level word, or a place name, and a whole local form */
    RESOLVES("省商务厅", "省商务厅");
    RESOLVES("江西省商务厅", "省商务厅");
    RESOLVES("市商务局", "市商务局");
    RESOLVES("新余市商务局", "市商务局");
    RESOLVES("市发改委", "市发展改革委");
    RESOLVES("市发展和改革委员会", "市发展改革委");
    RESOLVES("新余市发展改革委", "市发展改革委");
    /* a district's units are its own: 区…, not 县… */
    RESOLVES("区发改局", "区发展改革局");
    RESOLVES("渝水区发展和改革局", "区发展改革局");
    RESOLVES("县发改局", "县发展改革局");
    RESOLVES("市政府外办", "市外事办"); /* the government's own office */
    RESOLVES("省发展改革委", "省发展改革委");
    RESOLVES("自治区发展改革委", "省发展改革委");
    RESOLVES("新疆维吾尔自治区质监局", "省质监局");
    RESOLVES("省市场监管局", "省市场监管局");
    RESOLVES("江西省市场监督管理局", "省市场监管局");
    RESOLVES("市市场监管局", "市市场监管局");
    RESOLVES("省财政厅", "省财政厅");
    RESOLVES("省税务局", "省税务局");
    RESOLVES("国家税务总局江西省税务局", "省税务局");
    RESOLVES("省人社厅", "省人力资源社会保障厅");
    RESOLVES("市人社局", "市人力资源社会保障局");
    RESOLVES("省政府办公厅", "省政府办公厅");
    RESOLVES("市政府办公室", "市政府办公室");
    RESOLVES("新余市人民政府办公室", "市政府办公室");
    RESOLVES("省委组织部", "省委组织部");
    RESOLVES("中共江西省委宣传部", "省委宣传部");
    RESOLVES("市委编办", "市委编办");
    RESOLVES("市编办", "市委编办");
    RESOLVES("黔东南苗族侗族自治州财政局", "市财政局");
    RESOLVES("北京市商务局", "省商务厅");     /* a 直辖市 is a province */
    RESOLVES("北京市东城区商务局", "区商务局");
    RESOLVES("省总工会", "省总工会");
    /* a 厅 exists only in a province; other bare forms need the document's level */
    RESOLVES("商务厅", "省商务厅");
    RESOLVES("省林业厅", "省林业厅"); /* 国家林业局's; after 2018 provinces have 林业局 */
    RESOLVES("市林业厅", "-");
    RESOLVES("市林业局", "市林业和草原局");
    RESOLVES("财政局", "-");
    STR_EQ(resolve_in("财政局", FG_LEVEL_CITY, false), "市财政局");
    STR_EQ(resolve_in("发展改革委", FG_LEVEL_CITY, false), "市发展改革委");
    STR_EQ(resolve_in("统计局", FG_LEVEL_COUNTY, false), "县统计局");
    STR_EQ(resolve_in("统计局", FG_LEVEL_CENTRAL, false), "国家统计局");
    STR_EQ(resolve_in("国家统计局", FG_LEVEL_CITY, false), "国家统计局");
    STR_EQ(resolve_in("商务部", FG_LEVEL_CITY, false), "商务部");
    STR_EQ(resolve_in("市商务局", FG_LEVEL_PROVINCE, true), "省商务厅"); /* in 北京市 */
    STR_EQ(resolve_in("区商务局", FG_LEVEL_PROVINCE, true), "区商务局");
    STR_EQ(resolve_in("财政局", FG_LEVEL_DISTRICT, false), "区财政局");
    STR_EQ(resolve_in("财政局", FG_LEVEL_COUNTY, false), "县财政局");
    /* not local units */
    RESOLVES("市场监管局", "-");
    RESOLVES("省商务", "-");
    RESOLVES("江西商务厅", "-");
    RESOLVES("省大数据中心", "-");
    RESOLVES("市级各有关部门", "-");
    /* a unit follows its counterpart's successor */
    int zj = idx("省质监局");
    CHECK(zj >= 0 && r.agencies[zj].valid_to[0], "省质监局 ended");
    STR_EQ(r.agencies[fg_registry_successor_at(&r, zj, "2020-01-01")].name, "省市场监管局");
    STR_EQ(r.agencies[fg_registry_successor_at(&r, idx("省扶贫办"), "2024-01-01")].name,
           "省农业农村厅");
}

static void test_levels(void)
{
    static const struct {
        const char *issuer;
        fg_level level;
        bool muni;
    } CASES[] = {
        {"国务院办公厅", FG_LEVEL_CENTRAL, false},
        {"国务院", FG_LEVEL_CENTRAL, false},
        {"中共中央办公厅、国务院办公厅", FG_LEVEL_CENTRAL, false},
        {"国家发展改革委办公厅、税务总局办公厅", FG_LEVEL_CENTRAL, false},
        {"商务部", FG_LEVEL_CENTRAL, false},
        {"江西省人民政府", FG_LEVEL_PROVINCE, false},
        {"江西省人民政府办公厅", FG_LEVEL_PROVINCE, false},
        {"新疆维吾尔自治区质监局", FG_LEVEL_PROVINCE, false},
        {"中共江西省委办公厅", FG_LEVEL_PROVINCE, false},
        {"北京市人民政府", FG_LEVEL_PROVINCE, true},
        {"新余市人民政府办公室", FG_LEVEL_CITY, false},
        {"新余市商务局", FG_LEVEL_CITY, false},
        {"渝水区人民政府", FG_LEVEL_DISTRICT, false},
        {"北京市东城区人民政府", FG_LEVEL_DISTRICT, false},
        {"", FG_LEVEL_NONE, false},
        {"法广｜李克强", FG_LEVEL_NONE, false},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        fg_place p = fg_registry_place_of(&r, CASES[i].issuer, strlen(CASES[i].issuer));
        CHECK(p.level == CASES[i].level && p.city_is_province == CASES[i].muni,
              "%s: level %s (muni %d), expected %s", CASES[i].issuer, fg_level_name(p.level),
              p.city_is_province, fg_level_name(CASES[i].level));
    }
    STR_EQ(fg_level_name(FG_LEVEL_PROVINCE), "provincial");
    STR_EQ(fg_level_name(FG_LEVEL_CITY), "municipal");
}

/*** Successors ***/

static const char *at(const char *name, const char *date)
{
    int i = fg_registry_successor_at(&r, idx(name), date);
    return i < 0 ? "-" : r.agencies[i].name;
}

static void test_successors(void)
{
    STR_EQ(at("银监会", "2017-06-01"), "银监会");
    STR_EQ(at("银监会", "2018-04-08"), "银保监会");
    STR_EQ(at("银监会", "2020-08-05"), "银保监会");
    STR_EQ(at("银监会", "2023-05-18"), "金融监管总局");
    STR_EQ(at("保监会", "2024-01-01"), "金融监管总局");
    STR_EQ(at("银保监会", "2020-08-05"), "银保监会");
    STR_EQ(at("银保监会", "2023-05-17"), "银保监会");
    STR_EQ(at("银保监会", "2023-05-18"), "金融监管总局");
    STR_EQ(at("卫生部", "2015-01-01"), "国家卫生计生委");
    STR_EQ(at("卫生部", "2024-01-01"), "国家卫生健康委");
    STR_EQ(at("工商总局", "2024-01-01"), "市场监管总局");
    STR_EQ(at("国家食品药品监管局", "2024-01-01"), "市场监管总局");
    STR_EQ(at("国务院扶贫办", "2022-01-01"), "国家乡村振兴局");
    STR_EQ(at("国务院扶贫办", "2024-01-01"), "农业农村部");
    STR_EQ(at("中国铁路总公司", "2024-01-01"), "国铁集团");
    STR_EQ(at("国家旅游局", "2024-01-01"), "文化和旅游部");
    STR_EQ(at("商务部", "2024-01-01"), "商务部");
    INT_EQ(fg_registry_successor_at(&r, -1, "2024-01-01"), -1);
}

/*** Suggestions ***/

static const char *suggest(const char *name)
{
    static char out[256];
    fg_buf b;
    fg_buf_init(&b);
    bool found = fg_registry_suggest(&r, name, strlen(name), &b);
    snprintf(out, sizeof out, "%s", found ? b.ptr : "-");
    fg_buf_fini(&b);
    return out;
}

static void test_suggestions(void)
{
    STR_EQ(suggest("商务布"), "“商务部”");                  /* OCR slip */
    STR_EQ(suggest("财攻部"), "“财政部”");
    STR_EQ(suggest("国家发展改草委"), "“国家发展改革委”");
    STR_EQ(suggest("国家发展和改革委会"), "“国家发展和改革委员会”（国家发展改革委）");
    STR_EQ(suggest("工业和信息部"), "“工业和信息化部”");
    STR_EQ(suggest("海关总暑"), "“海关总署”");
    STR_EQ(suggest("市发改委办"), "“市发展改革委”");
    STR_EQ(suggest("省商务听"), "“省商务厅”");
    STR_EQ(suggest("省数椐局"), "“省数据局”");
    STR_EQ(suggest("长江委"), "-");                          /* too far from anything */
    STR_EQ(suggest("中国地方铁路协会"), "-");
    STR_EQ(suggest("某某研究院"), "-");
    INT_EQ(fg_edit_distance("商务部", 9, "商务布", 9), 1);
    INT_EQ(fg_edit_distance("abc", 3, "", 0), 3);
    INT_EQ(fg_edit_distance("国家发展改革委", 21, "发展改革委", 15), 2);
}

/*** User files ***/

static const char BUILTIN[] =
    "# a small registry\n"
    "name,full_name,category,order,parent,valid_from,valid_to,successor,aliases,local\n"
    "商务部,商务部,国务院组成部门,290,,,,,,商务厅|商务局\n"
    "旧部,旧部,国务院组成部门,2000,,,2020-01-01,商务部,老部,\n";

static fg_status load_user(fg_registry *u, const char *text, char *err, size_t n_err)
{
    return fg_registry_load_text(u, BUILTIN, sizeof BUILTIN - 1, text, strlen(text), "mine.csv",
                                 err, n_err);
}

#define USER_FAILS(text, message)                                                       \
    do {                                                                                \
        fg_registry u_;                                                                 \
        char err_[512] = "";                                                            \
        fg_status st_ = load_user(&u_, text, err_, sizeof err_);                        \
        INT_EQ(st_, FG_ERR_DATA);                                                       \
        CHECK(strstr(err_, message) != NULL, "message “%s” lacks “%s”", err_, message); \
        fg_registry_fini(&u_);                                                          \
    } while (0)

static void test_user_file(void)
{
    char err[512] = "";
    fg_registry u;
    /* a province adds its own bureau, placed among the provincial units,
     * and replaces a built-in row */
    fg_status st = load_user(&u,
                             "\xEF\xBB\xBFname,category,order,aliases\n"
                             "# comment lines are allowed\n"
                             "省大数据局,地方,100295,\"江西省大数据局|大数据局,省\"\n"
                             "旧部,国务院组成部门,2000,老部|旧部门\n",
                             err, sizeof err);
    INT_EQ(st, FG_OK);
    STR_EQ(err, "");
    int big = fg_registry_lookup(&u, "江西省大数据局", strlen("江西省大数据局"));
    int prov = fg_registry_lookup(&u, "省商务厅", strlen("省商务厅"));
    int city = fg_registry_lookup(&u, "市商务局", strlen("市商务局"));
    CHECK(big >= 0 && prov >= 0 && big == prov + 1 && city > big, "省大数据局 beside 省商务厅");
    CHECK(fg_registry_lookup(&u, "大数据局,省", strlen("大数据局,省")) == big, "quoted alias");
    int old = fg_registry_lookup(&u, "旧部门", strlen("旧部门"));
    CHECK(old >= 0 && u.agencies[old].successor < 0 && !u.agencies[old].valid_to[0],
          "the user row replaced the built-in one");
    STR_EQ(u.agencies[old].source, "mine.csv");
    fg_registry_fini(&u);

    /* bad rows: the file and line, and what is wrong */
    USER_FAILS("name,category,order\n商务厅,部门,10\n", "mine.csv:2: unknown category “部门”");
    USER_FAILS("name,category,order\n\n# c\n甲,地方,十\n", "mine.csv:4: order “十” of 甲");
    USER_FAILS("name,category,order,valid_to\n甲,地方,1,2020-02-30\n",
               "mine.csv:2: valid_to “2020-02-30” is not a date");
    USER_FAILS("name,category,order,valid_from,valid_to\n甲,地方,1,2021-01-01,2020-01-01\n",
               "mine.csv:2: valid_from 2021-01-01 is after valid_to 2020-01-01");
    USER_FAILS("name,category,order,successor,valid_to\n甲,地方,1,乙,2020-01-01\n",
               "mine.csv:2: successor “乙” of 甲 is not a body");
    USER_FAILS("name,category,order,successor\n甲,地方,1,商务部\n",
               "mine.csv:2: 甲 has a successor but no valid_to");
    USER_FAILS("name,category,order,parent\n甲,地方,1,丙\n", "mine.csv:2: parent “丙”");
    USER_FAILS("name,category,order,aliases\n甲,地方,1,老部\n",
               "mine.csv:2: name “老部” of 甲 is already a name of 旧部 (data/agencies.csv:4)");
    USER_FAILS("name,category,order,aliases\n甲,地方,1,a||b\n", "mine.csv:2: aliases: an empty name");
    USER_FAILS("name,category,order\n甲,地方,1\n甲,地方,2\n",
               "mine.csv:3: 甲 is already defined at line 2");
    USER_FAILS("name,category,order\n甲,地方\n", "mine.csv:2: 2 fields, but the header has 3");
    USER_FAILS("name,category,sort\n", "mine.csv:1: unknown column “sort”");
    USER_FAILS("name,category\n", "mine.csv:1: the header has no column “order”");
    USER_FAILS("name,category,order\n\"甲,地方,1\n", "mine.csv:2: not well-formed CSV: a quoted");
    USER_FAILS("name,category,order\n甲\"x\",地方,1\n", "mine.csv:2: not well-formed CSV");
    USER_FAILS("# only comments\n", "mine.csv: no header line");
    USER_FAILS("name,category,order,local\n甲,国务院组成部门,1,商务厅\n",
               "mine.csv:2: local form “商务厅” of 甲 is already a local form of 商务部");
    USER_FAILS("name,category,order,valid_to,successor\n甲,地方,1,2020-01-01,乙\n"
               "乙,地方,2,2020-01-01,甲\n",
               "go round in a circle");
    /* the built-in file itself is checked the same way */
    fg_registry b;
    INT_EQ(fg_registry_load_text(&b, "name,category,order\nx,y,1\n", 25, NULL, 0, NULL, err,
                                 sizeof err),
           FG_ERR_DATA);
    CHECK(strstr(err, "data/agencies.csv:2: unknown category “y”") != NULL, "%s", err);
    fg_registry_fini(&b);
    /* a file that cannot be read */
    INT_EQ(fg_registry_load(&b, "/nonexistent/agencies.csv", err, sizeof err), FG_ERR_OPEN);
    CHECK(strstr(err, "cannot open /nonexistent/agencies.csv") != NULL, "%s", err);
    fg_registry_fini(&b);
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

int main(int argc, char **argv)
{
    char err[512] = "";
    fg_status st = fg_registry_load(&r, NULL, err, sizeof err);
    CHECK(st == FG_OK, "the built-in registry does not load: %s", err);
    if (st != FG_OK)
        return harness_done("test_agency");
    test_well_formed();
    test_order();
    if (argc > 1)
        test_seed_columns(argv[1]);
    else
        CHECK(false, "usage: test_agency SOURCE_DIR");
    test_aliases();
    test_traps();
    test_traditional();
    test_local();
    test_levels();
    test_successors();
    test_suggestions();
    test_user_file();
    test_collectives();
    fg_registry_fini(&r);
    return harness_done("test_agency");
}
