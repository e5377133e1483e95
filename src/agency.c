/* Agency registry.
 *
 * The table lists bodies in the official order of the State Council as
 * reformed in 2023 (constituent departments in the order of the 国务院
 * 组成部门 list, then 国务院国资委, the directly affiliated bodies, the
 * office, the directly affiliated institutions, the administrations under
 * ministries), then other bodies attributions name beside them, then the
 * local-government collectives. Order and names follow ../shared/DOMAIN.md
 * and the State Council's own list of its bodies (www.gov.cn 国务院组织
 * 机构). This table is enough for the seed documents; a later issue moves
 * it into a data file with dates and successors.
 *
 * Lookup is on whole names only: 中国国家铁路集团有限公司 is 国铁集团, never
 * 国家铁路局, and 人民银行 is never found inside 进出口银行.
 */
#include "agency.h"

#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const fg_agency AGENCIES[] = {
    /* 国务院组成部门 */
    {"外交部", FG_CAT_CONSTITUENT, "中华人民共和国外交部"},
    {"国防部", FG_CAT_CONSTITUENT, ""},
    {"国家发展改革委", FG_CAT_CONSTITUENT, "发展改革委|国家发展和改革委员会|发改委|国家发改委"},
    {"教育部", FG_CAT_CONSTITUENT, ""},
    {"科技部", FG_CAT_CONSTITUENT, "科学技术部"},
    {"工业和信息化部", FG_CAT_CONSTITUENT, "工信部"},
    {"国家民委", FG_CAT_CONSTITUENT, "民委|国家民族事务委员会"},
    {"公安部", FG_CAT_CONSTITUENT, ""},
    {"国家安全部", FG_CAT_CONSTITUENT, "安全部"},
    {"民政部", FG_CAT_CONSTITUENT, ""},
    {"司法部", FG_CAT_CONSTITUENT, ""},
    {"财政部", FG_CAT_CONSTITUENT, ""},
    {"人力资源社会保障部", FG_CAT_CONSTITUENT, "人社部|人力资源和社会保障部"},
    {"自然资源部", FG_CAT_CONSTITUENT, ""},
    {"生态环境部", FG_CAT_CONSTITUENT, ""},
    {"住房城乡建设部", FG_CAT_CONSTITUENT, "住建部|住房和城乡建设部"},
    {"交通运输部", FG_CAT_CONSTITUENT, "交通部"},
    {"水利部", FG_CAT_CONSTITUENT, ""},
    {"农业农村部", FG_CAT_CONSTITUENT, ""},
    {"商务部", FG_CAT_CONSTITUENT, ""},
    {"文化和旅游部", FG_CAT_CONSTITUENT, "文旅部"},
    {"国家卫生健康委", FG_CAT_CONSTITUENT, "卫生健康委|国家卫健委|卫健委|国家卫生健康委员会"},
    {"退役军人事务部", FG_CAT_CONSTITUENT, "退役军人部"},
    {"应急管理部", FG_CAT_CONSTITUENT, "应急部"},
    {"人民银行", FG_CAT_CONSTITUENT, "中国人民银行|人民银行总行|央行"},
    {"审计署", FG_CAT_CONSTITUENT, ""},
    /* 国务院直属特设机构 */
    {"国务院国资委", FG_CAT_SPECIAL, "国资委|国务院国有资产监督管理委员会"},
    /* 国务院直属机构 */
    {"海关总署", FG_CAT_AFFILIATED, ""},
    {"税务总局", FG_CAT_AFFILIATED, "国家税务总局"},
    {"市场监管总局", FG_CAT_AFFILIATED, "国家市场监督管理总局|国家市场监管总局"},
    {"金融监管总局", FG_CAT_AFFILIATED, "国家金融监督管理总局|国家金融监管总局"},
    {"证监会", FG_CAT_AFFILIATED, "中国证监会|中国证券监督管理委员会"},
    {"广电总局", FG_CAT_AFFILIATED, "国家广电总局|国家广播电视总局"},
    {"体育总局", FG_CAT_AFFILIATED, "国家体育总局"},
    {"国家信访局", FG_CAT_AFFILIATED, "信访局"},
    {"国家统计局", FG_CAT_AFFILIATED, "统计局"},
    {"国家知识产权局", FG_CAT_AFFILIATED, "知识产权局"},
    {"国家国际发展合作署", FG_CAT_AFFILIATED, "国际发展合作署"},
    {"国家医保局", FG_CAT_AFFILIATED, "医保局|国家医疗保障局"},
    {"国务院参事室", FG_CAT_AFFILIATED, ""},
    {"国管局", FG_CAT_AFFILIATED, "国务院机关事务管理局"},
    /* 国务院办事机构 */
    {"国务院研究室", FG_CAT_OFFICE, ""},
    /* 国务院直属事业单位 */
    {"新华社", FG_CAT_INSTITUTION, "新华通讯社"},
    {"中国科学院", FG_CAT_INSTITUTION, "中科院"},
    {"中国社会科学院", FG_CAT_INSTITUTION, "社科院"},
    {"中国工程院", FG_CAT_INSTITUTION, "工程院"},
    {"国务院发展研究中心", FG_CAT_INSTITUTION, ""},
    {"中央广播电视总台", FG_CAT_INSTITUTION, ""},
    {"中国气象局", FG_CAT_INSTITUTION, "气象局"},
    /* 国务院部委管理的国家局 */
    {"国家粮食和储备局", FG_CAT_ADMINISTRATION, "国家粮食和物资储备局|粮食和储备局"},
    {"国家能源局", FG_CAT_ADMINISTRATION, "能源局"},
    {"国家数据局", FG_CAT_ADMINISTRATION, ""},
    {"国家国防科工局", FG_CAT_ADMINISTRATION, "国防科工局"},
    {"国家烟草局", FG_CAT_ADMINISTRATION, "国家烟草专卖局|烟草局"},
    {"国家移民局", FG_CAT_ADMINISTRATION, "移民局|国家移民管理局"},
    {"国家林草局", FG_CAT_ADMINISTRATION, "林草局|国家林业和草原局"},
    {"国家铁路局", FG_CAT_ADMINISTRATION, "铁路局"},
    {"中国民航局", FG_CAT_ADMINISTRATION, "民航局|中国民用航空局"},
    {"国家邮政局", FG_CAT_ADMINISTRATION, "邮政局"},
    {"国家文物局", FG_CAT_ADMINISTRATION, "文物局"},
    {"国家中医药局", FG_CAT_ADMINISTRATION, "中医药局|国家中医药管理局"},
    {"国家疾控局", FG_CAT_ADMINISTRATION, "疾控局|国家疾病预防控制局"},
    {"国家矿山安监局", FG_CAT_ADMINISTRATION, "矿山安监局|国家矿山安全监察局"},
    {"国家消防救援局", FG_CAT_ADMINISTRATION, "消防救援局"},
    {"国家外汇局", FG_CAT_ADMINISTRATION, "外汇局|国家外汇管理局"},
    {"国家药监局", FG_CAT_ADMINISTRATION, "药监局|国家药品监督管理局"},
    /* Historical bodies (before the 2018 and 2023 reforms) */
    {"银保监会", FG_CAT_OTHER, "中国银保监会|中国银行保险监督管理委员会"},
    {"银监会", FG_CAT_OTHER, "中国银监会|中国银行业监督管理委员会"},
    {"保监会", FG_CAT_OTHER, "中国保监会|中国保险监督管理委员会"},
    {"国家卫生计生委", FG_CAT_OTHER, "卫生计生委"},
    {"工商总局", FG_CAT_OTHER, "国家工商总局|国家工商行政管理总局"},
    {"质检总局", FG_CAT_OTHER, "国家质检总局"},
    {"食品药品监管总局", FG_CAT_OTHER, "国家食品药品监管总局|国家食药监总局"},
    {"国土资源部", FG_CAT_OTHER, "国土部"},
    {"环境保护部", FG_CAT_OTHER, "环保部"},
    {"农业部", FG_CAT_OTHER, ""},
    {"文化部", FG_CAT_OTHER, ""},
    {"国家旅游局", FG_CAT_OTHER, "旅游局"},
    {"国家林业局", FG_CAT_OTHER, "林业局"},
    {"国家粮食局", FG_CAT_OTHER, "粮食局"},
    {"安全监管总局", FG_CAT_OTHER, "国家安全监管总局|安监总局"},
    {"国务院法制办", FG_CAT_OTHER, "法制办"},
    {"国务院扶贫办", FG_CAT_OTHER, "扶贫办"},
    /* Policy banks and state firms */
    {"国家开发银行", FG_CAT_OTHER, "国开行|开发银行"},
    {"进出口银行", FG_CAT_OTHER, "中国进出口银行"},
    {"农业发展银行", FG_CAT_OTHER, "中国农业发展银行|农发行"},
    {"中国出口信用保险公司", FG_CAT_OTHER, "中国信保"},
    {"国铁集团", FG_CAT_OTHER, "中国国家铁路集团有限公司|中国铁路总公司"},
    {"供销合作总社", FG_CAT_OTHER, "全国供销合作总社"},
    /* People's organisations (中国贸促会 first, as DOMAIN.md lists it) */
    {"中国贸促会", FG_CAT_OTHER, "贸促会|中国国际贸易促进委员会"},
    {"全国总工会", FG_CAT_OTHER, ""},
    {"共青团中央", FG_CAT_OTHER, "团中央"},
    {"全国妇联", FG_CAT_OTHER, ""},
    {"全国工商联", FG_CAT_OTHER, ""},
    {"中国科协", FG_CAT_OTHER, ""},
    {"中国残联", FG_CAT_OTHER, ""},
    /* Party central departments */
    {"中央组织部", FG_CAT_OTHER, "中组部"},
    {"中央宣传部", FG_CAT_OTHER, "中宣部"},
    {"中央网信办", FG_CAT_OTHER, "网信办|国家网信办"},
    {"中央编办", FG_CAT_OTHER, ""},
    /* Local governments */
    {"各地方人民政府", FG_CAT_LOCAL, ""},
    {"各省级人民政府", FG_CAT_LOCAL, ""},
    {"各省、自治区、直辖市人民政府", FG_CAT_LOCAL, ""},
    {"地方各级人民政府", FG_CAT_LOCAL, "各级人民政府"},
    {"县级以上地方人民政府", FG_CAT_LOCAL, ""},
    {"各地区", FG_CAT_LOCAL, ""},
    {"各地方", FG_CAT_LOCAL, ""},
};

typedef struct fg_name_slot {
    const char *name; /* NULL when empty */
    size_t len;
    int agency;
} fg_name_slot;

static uint64_t hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static void insert(fg_registry *r, const char *s, size_t len, int agency)
{
    size_t i = (size_t)hash(s, len) & (r->n_slots - 1);
    while (r->slots[i].name) {
        if (r->slots[i].len == len && memcmp(r->slots[i].name, s, len) == 0)
            return; /* first claim wins; the registry test checks for clashes */
        i = (i + 1) & (r->n_slots - 1);
    }
    r->slots[i] = (fg_name_slot){s, len, agency};
    if (len > r->max_len)
        r->max_len = len;
}

void fg_registry_init(fg_registry *r)
{
    r->agencies = AGENCIES;
    r->n_agencies = sizeof AGENCIES / sizeof AGENCIES[0];
    r->n_slots = 1024;
    r->max_len = 0;
    r->slots = fg_xcalloc(r->n_slots, sizeof *r->slots);
    for (size_t a = 0; a < r->n_agencies; a++) {
        insert(r, AGENCIES[a].name, strlen(AGENCIES[a].name), (int)a);
        const char *p = AGENCIES[a].aliases;
        while (*p) {
            const char *e = strchr(p, '|');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            insert(r, p, n, (int)a);
            p += n + (e ? 1 : 0);
        }
    }
}

void fg_registry_fini(fg_registry *r)
{
    free(r->slots);
    r->slots = NULL;
}

int fg_registry_lookup(const fg_registry *r, const char *s, size_t len)
{
    if (len > r->max_len)
        return -1; /* no name is that long: do not hash a megabyte */
    size_t i = (size_t)hash(s, len) & (r->n_slots - 1);
    while (r->slots[i].name) {
        if (r->slots[i].len == len && memcmp(r->slots[i].name, s, len) == 0)
            return r->slots[i].agency;
        i = (i + 1) & (r->n_slots - 1);
    }
    return -1;
}

static const char *const COLLECTIVE_ENDINGS[] = {
    "有关部门", "相关部门", "有关单位", "相关单位", "各部门", "各单位", "部门和单位",
    "有关方面", "有关机构", "相关机构", "成员单位", "有关部门（单位）", NULL};

bool fg_is_collective(const char *s, size_t len)
{
    if (len > 60) /* about 20 characters */
        return false;
    for (const char *const *e = COLLECTIVE_ENDINGS; *e; e++) {
        size_t n = strlen(*e);
        if (n <= len && memcmp(s + len - n, *e, n) == 0)
            return true;
    }
    return false;
}
