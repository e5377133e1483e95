/* Normalise stage: HTML, entities, front matter, Markdown, whitespace,
 * and the offset map back to the source. */
#include "buf.h"
#include "harness.h"
#include "normalize.h"

#include <stdlib.h>
#include <string.h>

/* The paragraphs of `src` joined with '|'. */
static char *paras(const char *src)
{
    fg_text t;
    fg_normalize(&t, src, strlen(src));
    fg_buf b;
    fg_buf_init(&b);
    for (size_t i = 0; i < t.n_paras; i++) {
        if (i)
            fg_buf_putc(&b, '|');
        fg_buf_put(&b, t.s + t.paras[i].off, t.paras[i].len);
    }
    fg_text_fini(&t);
    return fg_buf_detach(&b);
}

#define PARAS(src, expect)                                                              \
    do {                                                                                \
        char *got_ = paras(src);                                                        \
        STR_EQ(got_, expect);                                                           \
        free(got_);                                                                     \
    } while (0)

static void test_html(void)
{
    /* a reprint site's span inside a name vanishes */
    PARAS("<p>(银保监会、人民<span web=\"1\" class=\"em\">银行</span>按职责分工负责)</p>",
          "(银保监会、人民银行按职责分工负责)");
    PARAS("<p>一、甲。</p><p>二、乙。</p>", "一、甲。|二、乙。");
    PARAS("<div>a<br/>b<br>c</div>", "a|b|c");
    PARAS("<p>x</p><script>var a = '<p>no</p>';</script><style>.a{}</style><p>y</p>", "x|y");
    PARAS("<p>a<!-- <p>hidden</p> -->b</p>", "ab");
    PARAS("<p>A&amp;B &lt;C&gt; &#26032;&#x534E; &quot;q&quot;</p>", "A&B <C> 新华 \"q\"");
    PARAS("<p>a&nbsp;&nbsp;b</p>", "a b");
    /* a malformed entity stays as written */
    PARAS("<p>x&9826;y</p>", "x&9826;y");
    PARAS("<p>x&unknown;y &#0; &#xD800;</p>", "x&unknown;y \xEF\xBF\xBD \xEF\xBF\xBD");
    /* table cells in reading order */
    PARAS("<table><tr><td>1</td><td>任务</td><td>商务部</td></tr></table>", "1|任务|商务部");
    /* a '<' that is not a tag stays */
    PARAS("<p>a < b and c<d</p>", "a < b and c<d");
    /* plain text: angle brackets and entities are left alone */
    PARAS("a <b> &amp; c", "a <b> &amp; c");
}

static void test_markdown(void)
{
    PARAS("---\ntitle: \"标题\"\ndate: 2022-05-26 15:01:55 +0800\n---\n正文", "正文");
    fg_text t;
    const char *fm = "---\nlayout: post\ntitle: '全国外贸'\ndate: Thu, 15 Sep 2022\n---\n> 引文\n";
    fg_normalize(&t, fm, strlen(fm));
    STR_EQ(t.fm_title, "全国外贸");
    STR_EQ(t.fm_date, "Thu, 15 Sep 2022");
    INT_EQ(t.n_paras, 1);
    fg_text_fini(&t);
    PARAS("# 标题\n\n> 引文\n- 列表\n* 星\n------\n正文", "标题|引文|列表|星|正文");
    PARAS("[法广｜李克强](https://example.org/%e6%b3%95) 尾", "法广｜李克强 尾");
    PARAS("[not a link] (x)", "[not a link] (x)");
}

static void test_whitespace(void)
{
    PARAS("\xE3\x80\x80\xE3\x80\x80为深入贯彻\xE3\x80\x80 落实。  \r\n第二段\r第三段",
          "为深入贯彻 落实。|第二段|第三段");
    PARAS("国家\xE2\x80\x8B发展改革委", "国家发展改革委");
    PARAS("\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x93年\xEF\xBC\xA1\xEF\xBD\x82",
          "2023年Ab"); /* full-width digits and letters */
    PARAS("", "");
    PARAS("\n\n  \n", "");
}

static void test_offsets(void)
{
    const char *src = "<p>人民<span>银行</span>&amp;x</p>";
    fg_text t;
    fg_normalize(&t, src, strlen(src));
    STR_EQ(t.s + t.paras[0].off, "人民银行&x\n");
    size_t p = t.paras[0].off;
    INT_EQ(fg_text_src_off(&t, p), 3);           /* 人 */
    INT_EQ(fg_text_src_off(&t, p + 6), 15);      /* 银 after <span> */
    INT_EQ(fg_text_src_off(&t, p + 12), 28);     /* & of &amp; */
    INT_EQ(fg_text_src_off(&t, p + 13), 33);     /* x */
    fg_text_fini(&t);
}

static void test_hostile(void)
{
    /* many unclosed tags and links: linear, and nothing lost */
    size_t n = 200000;
    char *s = malloc(n * 3 + 8);
    strcpy(s, "<p>");
    for (size_t i = 0; i < n; i++)
        memcpy(s + 3 + i * 3, "<a[", 3);
    s[3 + n * 3] = '\0';
    fg_text t;
    fg_normalize(&t, s, strlen(s));
    INT_EQ(t.n_paras, 1);
    INT_EQ(t.paras[0].len, n * 3);
    fg_text_fini(&t);
    free(s);
}

int main(void)
{
    test_html();
    test_markdown();
    test_whitespace();
    test_offsets();
    test_hostile();
    return harness_done("test_normalize");
}
