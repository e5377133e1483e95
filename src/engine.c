/* Engine: compiles the named pattern table once (PCRE2_UTF, then JIT) and
 * builds the agency registry. Every pattern is anchored or applied to one
 * paragraph or one clause, never to a whole document, and subjects are
 * validated UTF-8 already, so matching passes PCRE2_NO_UTF_CHECK. */
#include "engine.h"

#include "buf.h"
#include "hant.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct rx_def {
    fg_rx id;
    const char *name;
    const char *pattern;
} rx_def;

/* clang-format off */
static const rx_def PATTERNS[] = {
    /* "十一、鼓励创新…", "（三）加强拓市场服务保障。", "1．", "（2）", "第三条", "㈠", "⑴", "①".
     * Groups: 1 章, 2 条, 3 一、, 4 （一）, 5 1., 6 （1）, 7 ㈠, 8 ⑴, 9 ①. */
    {RX_LABEL, "label",
     "^(?:(第[一二三四五六七八九十百零〇]{1,4}章)|(第[一二三四五六七八九十百零〇]{1,5}条)"
     "|([一二三四五六七八九十百]{1,4})[、．.]"
     "|[（(]([一二三四五六七八九十百]{1,4})[）)][、．.]?"
     "|(\\d{1,3})(?:[．.](?!\\d)|、)"
     "|[（(](\\d{1,3})[）)][、．.]?"
     "|([\\x{3220}-\\x{3229}])|([\\x{2474}-\\x{2487}])|([\\x{2460}-\\x{2473}]))[ ]*"},
    /* "国办发〔2022〕18号", "发改办财金规〔2019〕860号", "国发[2014]21号",
     * "（余府发〔2012〕3号）", "国发[2019]860 号", "国令第708号", and two of
     * them in a joint notice. Group 1: the number(s) without outer brackets. */
#define DOCNO_ONE                                                                          \
    "[\\x{4e00}-\\x{9fff}]{1,16}[ ]*[〔\\[［【(（][ ]*(?:19|20)\\d\\d[ ]*[〕\\]］】)）][ ]*第?[ ]*" \
    "\\d{1,5}[ ]*号|[\\x{4e00}-\\x{9fff}]{1,16}令[ ]*第[ ]*\\d{1,6}[ ]*号"
    {RX_DOCNO, "docno",
     "^[（(]?[ ]*((?:" DOCNO_ONE ")(?:[ 、，]+(?:" DOCNO_ONE "))?)[ ]*[）)]?$"},
    /* "2022年5月17日", "二〇二三年四月十一日" */
    {RX_DATE, "date",
     "^((?:19|20)\\d\\d)[ ]*年[ ]*(\\d{1,2})[ ]*月[ ]*(\\d{1,2})[ ]*日$"
     "|^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
     "([一二三四五六七八九十]{1,3})日$"},
    /* the end of "商务部、海关总署按职责分工负责", "国家发展改革委、商务部分别牵头",
     * "各省级人民政府负责落实", matched on a clause's last 64 bytes (the
     * subject is what comes before the match). Groups: 1 adverb, 2 verb, 3 tail. */
    {RX_VERB, "verb",
     "(分别|共同|具体)?"
     "(按职责分工负责|按照职责分工负责|按职能分工负责|按职责分工落实|按职责负责"
     "|牵头负责|牵头落实|牵头|负责|配合|参与|协助|指导)"
     "(落实|实施|组织实施|推进)?$"},
    /* "牵头单位：省商务厅", "责任单位:市财政局", "完成时限：2023年底". Group 1: the label. */
    {RX_FIELD, "field",
     "^(牵头单位|牵头部门|责任单位|责任部门|主责单位|主办单位|配合单位|配合部门|参与单位"
     "|协办单位|指导单位|完成时限|完成时间|时间进度|时限)[ ]*[:：][ ]*"},
    /* "2023年底前完成", "年内持续推进", "长期坚持" */
    {RX_DEADLINE, "deadline",
     "(?:19|20)\\d\\d年|年内|年底|年前|月底|底前|前完成|长期|持续|逐步|[上下]半年|季度"
     "|\\d{1,2}月|每年|常态化"},
    /* "列第一位者为牵头单位，下同", "排在第一位的为牵头部门", "列第一位为牵头单位" */
    {RX_CONVENTION, "convention",
     "(?:列|排)在?第一位(?:者|的)?(?:为|是)?牵头(?:单位|部门)?"},
    /* any word that assigns work: "（具体办法由用人单位负责制定）" has one */
    {RX_ROLEWORD, "roleword",
     "牵头|负责|配合|参与|会同|指导|协助|责任单位|主办单位|协办单位"},
    /* "经国务院同意，现提出以下意见：", "现就有关事项通知如下：" */
    {RX_LEADIN, "leadin", "(?:以下|如下)[^。]{0,20}[：:]$"},
    /* "省市场监管局", "市政府办公室", "中国国家铁路集团有限公司", "南昌海关",
     * "省消防救援总队" */
    {RX_AGENCYLIKE, "agencylike",
     "^[^由的在对将把要应可是了与为其等，。；：“”《》、 ]{1,30}"
     "(?:部|委|局|署|行|办|厅|院|会|政府|单位|部门|机构|公司|集团|中心|社|台|办公室|联"
     "|总会|团中央|处|科|室|所|站|组|海关|总队|支队)$"},
    /* "国务院办公厅", "商务部办公厅", "新余市人民政府办公室" */
    {RX_ISSUER, "issuer",
     "^[^，。；：,;:]{2,40}(?:办公厅|办公室|人民政府|政府|部|委|局|署|院|会|会议|厅|行)"
     "(?:[（(]代章[）)])?$"},
};
/* clang-format on */

/* Today's date (UTC), or SOURCE_DATE_EPOCH's when set, so that runs can be
 * reproduced. Civil date from a day count: H. Hinnant's algorithm. */
static void today(char out[FG_DATE_LEN])
{
    long long t = (long long)time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            t = v;
    }
    long long z = t / 86400 + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    int y = (int)(yoe + era * 400 + (m <= 2));
    char buf[48];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    memcpy(out, buf, FG_DATE_LEN - 1);
    out[FG_DATE_LEN - 1] = '\0';
}

/* The registry and the run's naming settings. */
static fg_status set_registry(fg_engine *e, const fg_options *opt, char *err, size_t n_err)
{
    today(e->today);
    memcpy(e->as_of, e->today, FG_DATE_LEN);
    if (opt && opt->current_names) {
        e->current_names = true;
        const char *when = opt->names_as_of;
        if (when && strcmp(when, "document") == 0) {
            e->names_as_of_document = true;
        } else if (when && *when) {
            if (!fg_is_date(when)) {
                if (err)
                    snprintf(err, n_err, "the date for current names must be YYYY-MM-DD or "
                             "'document', not '%s'", when);
                return FG_ERR_ARG;
            }
            snprintf(e->as_of, FG_DATE_LEN, "%s", when);
        }
    }
    return fg_registry_load(&e->registry, opt ? opt->agencies_file : NULL, err, n_err);
}

fg_status fg_engine_new(fg_engine **out, const fg_options *opt, char *err, size_t n_err)
{
    fg_engine *e = fg_xcalloc(1, sizeof *e);
    if (opt && opt->encoding) {
        e->encoding = fg_encoding_resolve(opt->encoding);
        if (!e->encoding) {
            if (err)
                snprintf(err, n_err, "unknown encoding '%s' (iconv cannot decode it; try "
                         "UTF-8, GB18030, UTF-16LE, BIG5)", opt->encoding);
            fg_engine_free(e);
            *out = NULL;
            return FG_ERR_ARG;
        }
    }
    uint32_t has_jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &has_jit);
    for (size_t i = 0; i < sizeof PATTERNS / sizeof PATTERNS[0]; i++) {
        const rx_def *d = &PATTERNS[i];
        int code;
        PCRE2_SIZE at;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)d->pattern, PCRE2_ZERO_TERMINATED,
                                       PCRE2_UTF, &code, &at, NULL);
        if (!re) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(code, msg, sizeof msg);
            if (err)
                snprintf(err, n_err, "pattern '%s' does not compile at offset %zu: %s",
                         d->name, (size_t)at, (const char *)msg);
            fg_engine_free(e);
            *out = NULL;
            return FG_ERR_PATTERN;
        }
        if (has_jit)
            pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
        e->rx[d->id] = re;
    }
    e->opencc = fg_hant_open(err, n_err);
    if (!e->opencc) {
        fg_engine_free(e);
        *out = NULL;
        return FG_ERR_OPEN;
    }
    fg_status st = set_registry(e, opt, err, n_err);
    if (st != FG_OK) {
        fg_engine_free(e);
        *out = NULL;
        return st;
    }
    *out = e;
    return FG_OK;
}

void fg_engine_free(fg_engine *e)
{
    if (!e)
        return;
    for (int i = 0; i < RX_COUNT; i++)
        pcre2_code_free(e->rx[i]);
    fg_registry_fini(&e->registry);
    fg_hant_close(e->opencc);
    free(e->encoding);
    free(e);
}

size_t fg_engine_n_agencies(const fg_engine *e) { return e->registry.n_agencies; }

const char *fg_engine_agency_name(const fg_engine *e, size_t i)
{
    return i < e->registry.n_agencies ? e->registry.agencies[i].name : NULL;
}

void fg_matcher_init(fg_matcher *m, const fg_engine *engine)
{
    m->engine = engine;
    m->place = (fg_place){FG_LEVEL_NONE, false};
    m->md = pcre2_match_data_create(16, NULL);
    m->mc = pcre2_match_context_create(NULL);
    m->stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    if (!m->md || !m->mc || !m->stack) {
        fputs("fengong: out of memory\n", stderr);
        abort();
    }
    pcre2_jit_stack_assign(m->mc, NULL, m->stack);
    pcre2_set_match_limit(m->mc, 1000000);
    pcre2_set_depth_limit(m->mc, 10000);
}

void fg_matcher_fini(fg_matcher *m)
{
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mc);
    pcre2_jit_stack_free(m->stack);
}

bool fg_match(fg_matcher *m, fg_rx rx, const char *s, size_t len)
{
    int rc = pcre2_match(m->engine->rx[rx], (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, m->md,
                         m->mc);
    return rc > 0;
}

bool fg_matcher_group(const fg_matcher *m, int g, size_t *off, size_t *len)
{
    if ((uint32_t)g >= pcre2_get_ovector_count(m->md))
        return false;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    if (ov[2 * g] == PCRE2_UNSET)
        return false;
    *off = ov[2 * g];
    *len = ov[2 * g + 1] - ov[2 * g];
    return true;
}

/*** Names of enums ***/

const char *fg_strerror(fg_status st)
{
    switch (st) {
    case FG_OK: return "success";
    case FG_ERR_OPEN: return "cannot open file";
    case FG_ERR_READ: return "cannot read file";
    case FG_ERR_WRITE: return "cannot write output";
    case FG_ERR_PATTERN: return "built-in pattern does not compile";
    case FG_ERR_XLSX: return "workbook error";
    case FG_ERR_ARG: return "invalid argument";
    case FG_ERR_DATA: return "malformed data file";
    }
    return "unknown error";
}

const char *fg_severity_name(fg_severity sev)
{
    return sev == FG_ERROR ? "error" : sev == FG_WARNING ? "warning" : "note";
}

const char *fg_role_name(fg_role role)
{
    static const char *const N[] = {"lead", "responsible", "support", "joint", "guide"};
    return (unsigned)role < FG_N_ROLES ? N[role] : "";
}

const char *fg_role_zh(fg_role role)
{
    static const char *const N[] = {"牵头", "负责", "配合", "会同", "指导"};
    return (unsigned)role < FG_N_ROLES ? N[role] : "";
}

const char *fg_version(void) { return FG_VERSION; }
