/* Engine: compiles the named pattern table once (PCRE2_UTF, then JIT) and
 * builds the agency registry. Every pattern is anchored or applied to one
 * paragraph or one clause, never to a whole document, and subjects are
 * validated UTF-8 already, so matching passes PCRE2_NO_UTF_CHECK. */
#include "engine.h"

#include "buf.h"
#include "docx.h"
#include "hant.h"
#include "source.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The words of the attribution grammar, one line each: the whole grammar's
 * vocabulary is here, and the patterns below take their alternatives from
 * it (@VERB@, @LABEL@, …), longest first. A word may serve as a verb that
 * ends a list ("商务部牵头"), as the role word of a label ("牵头单位："), or
 * both. README.md's grammar section lists the same words. */
/* clang-format off */
const fg_word FG_WORDS[] = {
    /* verbs: "X牵头", "X按职责分工负责" */
    {"牵头", FG_ROLE_LEAD, FG_WORD_VERB | FG_WORD_LABEL},
    {"牵头负责", FG_ROLE_LEAD, FG_WORD_VERB},
    {"牵头落实", FG_ROLE_LEAD, FG_WORD_VERB},
    {"牵头抓总", FG_ROLE_LEAD, FG_WORD_VERB},
    {"负责", FG_ROLE_RESPONSIBLE, FG_WORD_VERB | FG_WORD_LABEL},
    /* "各区政府负总责，市住房城乡建设委指导" */
    {"负总责", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"按职责分工负责", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"按照职责分工负责", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"按职能分工负责", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"按职责分工落实", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"按职责负责", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"按职责落实", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"按照职责分工落实", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"根据职责分工负责", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"依据职责分工负责", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"按各自职责负责", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"依职责负责", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"分工负责", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"按职责分工实施", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"按职责分工抓好落实", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"按职责抓好落实", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"抓好落实", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"具体落实", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"共同落实", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"分别落实", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    /* not 推进 or 落实 alone: "年内持续推进" is a deadline, not a verb's clause */
    {"组织实施", FG_ROLE_RESPONSIBLE, FG_WORD_VERB},
    {"配合", FG_ROLE_SUPPORT, FG_WORD_VERB | FG_WORD_LABEL},
    {"参与", FG_ROLE_SUPPORT, FG_WORD_VERB | FG_WORD_LABEL},
    {"协助", FG_ROLE_SUPPORT, FG_WORD_VERB},
    {"协同", FG_ROLE_SUPPORT, FG_WORD_VERB | FG_WORD_LABEL},
    {"指导", FG_ROLE_GUIDE, FG_WORD_VERB | FG_WORD_LABEL},
    /* label role words only: "主办单位：", "督办部门：" */
    {"牵头责任", FG_ROLE_LEAD, FG_WORD_LABEL},
    /* not on a line of its own: "主办单位：中国证监会", "承办单位：…" close
     * web pages */
    {"主办", FG_ROLE_LEAD, FG_WORD_LABEL | FG_WORD_NOLINE},
    {"主责", FG_ROLE_LEAD, FG_WORD_LABEL},
    {"责任", FG_ROLE_RESPONSIBLE, FG_WORD_LABEL},
    {"承办", FG_ROLE_RESPONSIBLE, FG_WORD_LABEL | FG_WORD_NOLINE},
    {"落实", FG_ROLE_RESPONSIBLE, FG_WORD_LABEL},
    {"实施", FG_ROLE_RESPONSIBLE, FG_WORD_LABEL},
    {"协办", FG_ROLE_SUPPORT, FG_WORD_LABEL},
    {"配合责任", FG_ROLE_SUPPORT, FG_WORD_LABEL},
    {"督办", FG_ROLE_GUIDE, FG_WORD_LABEL},
    /* what a label's role word takes before its colon: "单位", "部门" */
    {"单位", -1, FG_WORD_NOUN},
    {"部门", -1, FG_WORD_NOUN},
    {"机构", -1, FG_WORD_NOUN},
    {"处室", -1, FG_WORD_NOUN},
    {"主体", -1, FG_WORD_NOUN},
    {"科室", -1, FG_WORD_NOUN},
    /* before a verb: "分别牵头", "共同负责" (分别 also marks each as its own) */
    {"分别", -1, FG_WORD_ADVERB},
    {"共同", -1, FG_WORD_ADVERB},
    {"具体", -1, FG_WORD_ADVERB},
    /* before an adverb or a verb, how the bodies share the work:
     * "依职责分别负责落实", "按分管领域负责" (京政服发〔2023〕15号,
     * 京公开办发〔2024〕2号) */
    {"按职责", -1, FG_WORD_MANNER},
    {"依职责", -1, FG_WORD_MANNER},
    {"按照职责", -1, FG_WORD_MANNER},
    {"依照职责", -1, FG_WORD_MANNER},
    {"依据职责", -1, FG_WORD_MANNER},
    {"根据职责", -1, FG_WORD_MANNER},
    {"按职责分工", -1, FG_WORD_MANNER},
    {"依职责分工", -1, FG_WORD_MANNER},
    {"按照职责分工", -1, FG_WORD_MANNER},
    {"根据职责分工", -1, FG_WORD_MANNER},
    {"依据职责分工", -1, FG_WORD_MANNER},
    {"按各自职责", -1, FG_WORD_MANNER},
    {"按照各自职责", -1, FG_WORD_MANNER},
    {"依各自职责", -1, FG_WORD_MANNER},
    {"按职能", -1, FG_WORD_MANNER},
    {"按职能分工", -1, FG_WORD_MANNER},
    {"按分管领域", -1, FG_WORD_MANNER},
    {"依分管领域", -1, FG_WORD_MANNER},
    {"按照分管领域", -1, FG_WORD_MANNER},
    {"按工作职责", -1, FG_WORD_MANNER},
    {"依工作职责", -1, FG_WORD_MANNER},
    {"按职能职责", -1, FG_WORD_MANNER},
    {"按照职能职责", -1, FG_WORD_MANNER},
    {"按各自职能", -1, FG_WORD_MANNER},
    {"按照各自职能", -1, FG_WORD_MANNER},
    {"依法依规", -1, FG_WORD_MANNER},
    /* "各区政府按属地负责", "各县（市、区）属地负责" */
    {"按属地", -1, FG_WORD_MANNER},
    {"按照属地", -1, FG_WORD_MANNER},
    {"按属地原则", -1, FG_WORD_MANNER},
    {"属地", -1, FG_WORD_MANNER},
    /* after a verb, keeping its role: "负责落实", "牵头组织实施" */
    {"落实", -1, FG_WORD_TAIL},
    {"实施", -1, FG_WORD_TAIL},
    {"组织实施", -1, FG_WORD_TAIL},
    {"推进", -1, FG_WORD_TAIL},
    {"推动", -1, FG_WORD_TAIL},
    /* in a list: join two names or a name and a collective ("国务院相关部门
     * 及各地区"; a whole known name is tried first, so 工业和信息化部 never
     * splits); 等 closes a list, also before a conjunction or a collective */
    {"以及", -1, FG_WORD_JOIN | FG_WORD_LEAD},
    {"及", -1, FG_WORD_JOIN | FG_WORD_LEAD},
    {"和", -1, FG_WORD_JOIN | FG_WORD_LEAD},
    {"与", -1, FG_WORD_JOIN | FG_WORD_LEAD},
    {"等", -1, FG_WORD_JOIN},
    /* before a list's first name, dropped: "由市商务局牵头" */
    {"由", -1, FG_WORD_LEAD},
    /* a paragraph that starts with one of these and a colon is an
     * attribution: "部门分工：市商务局牵头，市财政局配合。" */
    {"部门分工", -1, FG_WORD_INTRO},
    {"责任分工", -1, FG_WORD_INTRO},
    {"任务分工", -1, FG_WORD_INTRO},
    {"职责分工", -1, FG_WORD_INTRO},
    {"分工", -1, FG_WORD_INTRO},
    /* labels of a deadline field: "完成时限：2023年底" */
    {"完成时限", -1, FG_WORD_DEADLINE},
    {"完成时间", -1, FG_WORD_DEADLINE},
    {"时间进度", -1, FG_WORD_DEADLINE},
    {"时间节点", -1, FG_WORD_DEADLINE},
    {"时限", -1, FG_WORD_DEADLINE},
};
/* clang-format on */
const size_t FG_N_WORDS = sizeof FG_WORDS / sizeof FG_WORDS[0];
enum { FG_N_WORDS_MAX = 256 }; /* room for the table's words in put_words() */

int fg_word_role(const char *s, size_t len, unsigned kind)
{
    for (size_t i = 0; i < FG_N_WORDS; i++)
        if ((FG_WORDS[i].kind & kind) && strlen(FG_WORDS[i].text) == len &&
            memcmp(FG_WORDS[i].text, s, len) == 0)
            return FG_WORDS[i].role;
    return -1;
}

/* True when word i of kind `kind` holds another word of that kind. */
static bool holds_other(size_t i, unsigned kind)
{
    for (size_t j = 0; j < FG_N_WORDS; j++)
        if (j != i && (FG_WORDS[j].kind & kind) &&
            strlen(FG_WORDS[j].text) < strlen(FG_WORDS[i].text) &&
            strstr(FG_WORDS[i].text, FG_WORDS[j].text))
            return true;
    return false;
}

/* The alternatives of one kind of word (without those of kind `not`; with
 * `core`, without those that hold another), longest first, joined by |. */
static void put_words(fg_buf *out, unsigned kind, unsigned not, bool core)
{
    /* the words, longest first (a longer word before its prefix) */
    const char *w[FG_N_WORDS_MAX];
    size_t n = 0;
    for (size_t len = 64; len > 0; len--)
        for (size_t i = 0; i < FG_N_WORDS && n < FG_N_WORDS_MAX; i++)
            if ((FG_WORDS[i].kind & kind) && !(FG_WORDS[i].kind & not) &&
                strlen(FG_WORDS[i].text) == len && !(core && holds_other(i, kind)))
                w[n++] = FG_WORDS[i].text;
    /* grouped by their first character, "牵(?:头负责|头落实|头)", so that a
     * pattern tries one group, not every word, where a character matches:
     * words with different first characters never match at one place, so
     * the order that matters, longest first within a group, is kept */
    bool done[FG_N_WORDS_MAX] = {false};
    size_t n_groups = 0;
    for (size_t i = 0; i < n; i++) {
        if (done[i])
            continue;
        size_t c, k;
        fg_utf8_decode(w[i], strlen(w[i]), &c);
        size_t members = 0;
        for (k = i; k < n; k++)
            members += !done[k] && strncmp(w[k], w[i], c) == 0;
        if (n_groups++)
            fg_buf_putc(out, '|');
        if (members == 1) {
            fg_buf_puts(out, w[i]);
            done[i] = true;
            continue;
        }
        fg_buf_put(out, w[i], c);
        fg_buf_puts(out, "(?:");
        size_t put = 0;
        for (k = i; k < n; k++)
            if (!done[k] && strncmp(w[k], w[i], c) == 0) {
                if (put++)
                    fg_buf_putc(out, '|');
                fg_buf_puts(out, w[k] + c);
                done[k] = true;
            }
        fg_buf_putc(out, ')');
    }
}

/* The pattern with its @KIND@ placeholders replaced by the words. Caller
 * frees. */
static char *expand(const char *pattern)
{
    static const struct {
        const char *name;
        unsigned kind, not;
        bool core;
    } KINDS[] = {{"@VERB@", FG_WORD_VERB, 0, false},
                 {"@COREVERB@", FG_WORD_VERB, 0, true},
                 {"@LABEL@", FG_WORD_LABEL, 0, false},
                 {"@LINELABEL@", FG_WORD_LABEL, FG_WORD_NOLINE, false},
                 {"@NOUN@", FG_WORD_NOUN, 0, false},
                 {"@ADVERB@", FG_WORD_ADVERB, 0, false},
                 {"@TAIL@", FG_WORD_TAIL, 0, false},
                 {"@DEADLINE@", FG_WORD_DEADLINE, 0, false},
                 {"@INTRO@", FG_WORD_INTRO, 0, false},
                 {"@MANNER@", FG_WORD_MANNER, 0, false}};
    fg_buf b;
    fg_buf_init(&b);
    /* what may follow a label's noun before the colon: a second label joined
     * by 及, 和 or 、 ("责任单位及承办科室"), and a noun in brackets
     * ("责任单位及承办科室（单位）", "牵头单位（部门）") */
    static const char MORE[] =
        "(?:(?:及|和|、|/)(?:@LABEL@)?[主协]?(?:@NOUN@))?(?:[（(](?:@NOUN@)[）)])?";
    char *more = NULL;
    if (strstr(pattern, "@MORE@") && strcmp(pattern, MORE) != 0)
        more = expand(MORE);
    for (const char *p = pattern; *p;) {
        if (more && strncmp(p, "@MORE@", 6) == 0) {
            fg_buf_puts(&b, more);
            p += 6;
            continue;
        }
        size_t k = 0, n = sizeof KINDS / sizeof KINDS[0];
        while (k < n && strncmp(p, KINDS[k].name, strlen(KINDS[k].name)) != 0)
            k++;
        if (k < n) {
            put_words(&b, KINDS[k].kind, KINDS[k].not, KINDS[k].core);
            p += strlen(KINDS[k].name);
        } else {
            fg_buf_putc(&b, *p++);
        }
    }
    free(more);
    return fg_buf_detach(&b);
}

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
     * subject is what comes before the match). @VERB@, @ADVERB@ and @TAIL@
     * are the words of WORDS below. Groups: 1 adverb, 2 verb, 3 tail. */
    {RX_VERB, "verb", "(?:@MANNER@)?(@ADVERB@)?(@VERB@)(@TAIL@)?$"},
    /* "牵头单位：省商务厅", "责任单位:市财政局", "牵头责任单位：区财政局",
     * "完成时限：2023年底". Groups: 1 the role word of a label, 2 a
     * deadline label. */
    {RX_FIELD, "field",
     "^(?:(@LABEL@)[主协]?(?:@NOUN@)@MORE@|(@DEADLINE@))[ ]*[:：][ ]*"},
    /* a paragraph of its own that is an attribution: "责任单位：市国土局、
     * 市土地发展中心", "牵头单位：… 配合单位：…", "部门分工：X牵头，Y配合。".
     * Group 1: a lead-in label (部门分工：), which is not part of the list. */
    {RX_LABEL_LINE, "label-line",
     "^(?:(?:@LINELABEL@)[主协]?(?:@NOUN@)@MORE@[ ]*[:：]|((?:@INTRO@)[ ]*[:：]))"},
    /* the same anywhere: where the next field starts when nothing separates
     * it from the list before ("牵头单位：省商务厅 责任单位：省财政厅") */
    {RX_FIELD_AT, "field-at",
     "(?:(?:@LABEL@)[主协]?(?:@NOUN@)@MORE@|(?:@DEADLINE@))[ ]*[:：]"},
    /* "2023年底前完成", "年内持续推进", "长期坚持" */
    /* a deadline the measure's own text sets (the last one is taken): "2023年6月底前完成",
     * "6月底前出台", "年底前", "2024年12月31日前", "年内", "2025年上半年",
     * "长期坚持", "持续推进" */
    {RX_TEXT_DEADLINE, "text-deadline",
     "(?:(?:(?:19|20)\\d\\d年)?\\d{1,2}月(?:\\d{1,2}日|底|末|中旬|上旬|下旬)?前"
     "|(?:(?:19|20)\\d\\d年)?(?:年底|年末|底|末)前|(?:19|20)\\d\\d年[上下]半年"
     "|年内|长期坚持|持续推进)(?:完成|出台|实现|落实)?"},
    {RX_DEADLINE, "deadline",
     "(?:19|20)\\d\\d年|年内|年底|年前|月底|底前|前完成|长期|持续|逐步|[上下]半年|季度"
     "|\\d{1,2}月|每年|常态化"},
    /* the note that the first-listed body leads, by its meaning: 列 or 排,
     * 在, an ordinal or position word, an optional noun, 为 or 是, a lead
     * word: "列第一位者为牵头单位", "排在第一位的为牵头部门", "排名第一的单位为
     * 牵头单位", "排在首位的是牵头单位", "列在前面的为牵头单位", and without
     * 列/排 only after 第一位 or 首位: "第一位为牵头单位" */
    {RX_CONVENTION, "convention",
     "(?:(?:列|排|排名|排序)在?(?:第[一1１]位?|首位|最前(?:面)?|前面|首个)|第[一1１]位|首位)"
     "[^，。；,;]{0,6}?(?:为|是)(?:主要)?(?:牵头|主办|主责)(?:@NOUN@)?"},
    /* a scope note: bodies implied for every later measure, "以下均需各区政府、
     * 北京经济技术开发区管委会负责，不再列出", "以下均需各市、县人民政府落实，不再
     * 一一列出" (a tail such as 落实 serves as the verb here). Groups: 1 the
     * list, 2 the verb. */
    {RX_SCOPE, "scope",
     "^(?:以下|下列|此后|后续)[^，,、]{0,10}?(?:均需|均须|均由|均要|都需|都由|均|都|需|须|由)"
     "(.+?)(?:@ADVERB@)?(@VERB@|@TAIL@)(?:@TAIL@)?"
     "(?:[，,][ ]*(?:不再(?:一一|重复|单独)?(?:列出|列举|列明|标注)|下同))?$"},
    /* any word that assigns work: "（具体办法由用人单位负责制定）" has one.
     * @COREVERB@ is the verbs that hold no other verb (按职责分工负责 holds
     * 负责): the same brackets match, with fewer alternatives to try at each
     * character */
    {RX_ROLEWORD, "roleword",
     "@COREVERB@|会同|(?:@LABEL@)[主协]?(?:@NOUN@)"},
    /* "经国务院同意，现提出以下意见：", "现就有关事项通知如下：" */
    {RX_LEADIN, "leadin", "(?:以下|如下)[^。]{0,20}[：:]$"},
    /* "省市场监管局", "市政府办公室", "中国国家铁路集团有限公司", "南昌海关",
     * "省消防救援总队", "应急部门" (应 only in 应急: 应当 is prose), and the
     * units a local plan names: "政务中心市公积金中心服务窗口", "各燃气企业",
     * "市主城区公办幼儿园", "公办小学" */
    {RX_AGENCYLIKE, "agencylike",
     "^(?:[^由的在对将把要应可是了与为其等，。；：“”《》、 ]|应(?=急)){1,30}"
     "(?:部|委|局|署|行|办|厅|院|会|政府|单位|部门|机构|公司|集团|中心|社|台|办公室|联"
     "|总会|团中央|处|科|室|所|站|组|海关|总队|支队|窗口|企业|学校|小学|初中|中学|高中"
     "|幼儿园|医院|大学|学院)$"},
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
    fg_docx_init(); /* libxml2, once, before threads read documents */
    e->max_document = opt && opt->max_document_size ? opt->max_document_size : (size_t)64 << 20;
    if (opt) {
        e->convert = opt->convert;
        e->convert_seconds = opt->convert_seconds ? opt->convert_seconds : 120;
    }
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
        char *pattern = expand(d->pattern);
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                       PCRE2_UTF, &code, &at, NULL);
        free(pattern);
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
    size_t longest[4] = {0, 0, 0, 0}; /* adverb, verb, tail, manner */
    static const unsigned WINDOW_KINDS[4] = {FG_WORD_ADVERB, FG_WORD_VERB, FG_WORD_TAIL,
                                             FG_WORD_MANNER};
    for (size_t i = 0; i < FG_N_WORDS; i++) {
        size_t wl = strlen(FG_WORDS[i].text);
        unsigned kd = FG_WORDS[i].kind;
        for (int k = 0; k < 4; k++)
            if ((kd & WINDOW_KINDS[k]) && wl > longest[k])
                longest[k] = wl;
    }
    e->verb_window = longest[0] + longest[1] + longest[2] + longest[3];
    for (size_t i = 0; i < FG_N_WORDS; i++) {
        if (!(FG_WORDS[i].kind & (FG_WORD_VERB | FG_WORD_TAIL)))
            continue;
        const char *w = FG_WORDS[i].text;
        size_t wl = strlen(w), k = wl - 1, n;
        while (k > 0 && ((unsigned char)w[k] & 0xC0) == 0x80)
            k--;
        int32_t cp = fg_utf8_decode(w + k, wl - k, &n);
        size_t j = 0;
        while (j < e->n_verb_ends && e->verb_ends[j] != cp)
            j++;
        if (j == e->n_verb_ends && j < sizeof e->verb_ends / sizeof e->verb_ends[0])
            e->verb_ends[e->n_verb_ends++] = cp;
    }
    for (size_t len = 16; len > 0; len--) /* longest first */
        for (size_t i = 0; i < FG_N_WORDS; i++) {
            if (strlen(FG_WORDS[i].text) != len)
                continue;
            if ((FG_WORDS[i].kind & FG_WORD_JOIN) && e->n_joins < FG_MAX_JOINS)
                e->joins[e->n_joins++] = FG_WORDS[i].text;
            if ((FG_WORDS[i].kind & FG_WORD_LEAD) && e->n_leads < FG_MAX_JOINS)
                e->leads[e->n_leads++] = FG_WORDS[i].text;
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
