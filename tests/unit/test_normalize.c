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

static void test_html_more(void)
{
    /* named entities of HTML 4 and XHTML's &apos;; names are case-sensitive */
    PARAS("<p>&ldquo;甲&rdquo;&mdash;乙&hellip;&middot;&times;&apos;&eacute;&Omega;&AMP;</p>",
          "“甲”—乙…·×'éΩ&AMP;");
    /* numeric: decimal and hex, a CJK name written as references */
    PARAS("<p>&#20154;&#x6C11;银行&#x3000;负责</p>", "人民银行 负责");
    /* inline tags inside a name: it stays whole */
    PARAS("<p>(人民<a href=\"/x\">银行</a>、国家<font color=red>发展</font>改革委、"
          "<b>财政</b><em>部</em>负责)</p>",
          "(人民银行、国家发展改革委、财政部负责)");
    /* every block element breaks the paragraph */
    PARAS("<h1>一</h1><h2>二</h2><h3>三</h3><h4>四</h4><h5>五</h5><h6>六</h6>"
          "<ul><li>甲</li><li>乙</li></ul><div>丙</div>丁<br>戊<p>己</p>",
          "一|二|三|四|五|六|甲|乙|丙|丁|戊|己");
    /* a header cell, rows and cells, attributes and upper case */
    PARAS("<TABLE border=1><TR><TH>序号</TH><TH>任务</TH><TH>责任单位</TH></TR>"
          "<TR><TD>1</TD><TD>加强保障。</TD><TD>（商务部负责）</TD></TR></TABLE>",
          "序号|任务|责任单位|1|加强保障。|（商务部负责）");
    /* script, style and comments hold no text, even with tags inside */
    PARAS("<p>甲<script type=\"text/javascript\">if (a<b) x=\"（商务部负责）\";</script>乙"
          "<style>p{}</style><!-- （财政部负责） -->丙</p>",
          "甲乙丙");
    /* a comment that never ends hides the rest; an unclosed script too */
    PARAS("<p>甲</p><!-- 乙", "甲");
    PARAS("<p>甲</p><script>乙", "甲");
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
    /* nested quotes, list markers, heading levels; numbered lines keep
     * their numbers (they are the document's own numbering) */
    PARAS("> > 甲\n>> 乙\n+ 丙\n###### 丁\n1. 戊\n####### 七个", "甲|乙|丙|丁|1. 戊|####### 七个");
    /* front matter without a closing line is not front matter */
    PARAS("---\ntitle: x\n正文", "title: x|正文"); /* the --- is a rule */
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
    /* NBSP, em space, ideographic space and tabs fold to one space */
    PARAS("甲\xC2\xA0\xE2\x80\x83\xE3\x80\x80\t乙", "甲 乙");
    /* zero-width space, joiner, word joiner and a BOM inside a name */
    PARAS("人\xE2\x80\x8B民\xE2\x80\x8D银\xE2\x81\xA0行\xEF\xBB\xBF", "人民银行");
    /* full-width letters and digits; full-width brackets stay (they matter) */
    PARAS("\xEF\xBC\xA1\xEF\xBC\xA5\xEF\xBC\xAF（\xEF\xBC\x91）", "AEO（1）");
    /* CRLF, lone CR, LF */
    PARAS("甲\r\n乙\r丙\n丁\r\r戊", "甲|乙|丙|丁|戊");
    /* Unicode's line and paragraph separators */
    PARAS("甲\xE2\x80\xA8乙\xE2\x80\xA9丙", "甲|乙|丙");
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

/* Normalised offsets lead back to the source through replacements of
 * other lengths: full-width digits (3 bytes to 1), ideographic spaces,
 * zero-width characters, CRLF. */
static void test_offsets_width(void)
{
    const char *src = "\xE3\x80\x80\xEF\xBC\x92\xEF\xBC\x90年\xE2\x80\x8B底\r\n乙";
    fg_text t;
    fg_normalize(&t, src, strlen(src));
    STR_EQ(t.s, "20年底\n乙\n");
    INT_EQ(fg_text_src_off(&t, 0), 3);  /* 2 (after the ideographic space) */
    INT_EQ(fg_text_src_off(&t, 1), 6);  /* 0 */
    INT_EQ(fg_text_src_off(&t, 2), 9);  /* 年 */
    INT_EQ(fg_text_src_off(&t, 5), 15); /* 底, after the zero-width space */
    INT_EQ(fg_text_src_off(&t, 9), 20); /* 乙, after CRLF */
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

/* Page-number lines go; a year range stays. Hard-wrapped lines (most
 * long lines one length) are rejoined, a name cut in two is whole again,
 * and its offset still leads to the original line. */
static void test_layout(void)
{
    PARAS("一、甲。\n— 3 —\n- 12 -\n第 3 页\n2022-2025\n第3页 共12页\n二、乙。",
          "一、甲。|2022-2025|二、乙。");
    const char *src = "一、加强外贸企业生产经营保障。各地方建立重点外\n"
                      "贸企业服务保障制度，主动服务，及时掌握和解决外贸\n"
                      "企业的困难问题，确定重点外贸企业名录和相关物流企\n"
                      "业、人员名录，对生产、物流、用工予以保障，保障供\n"
                      "应链稳定。（商务部、工业和信息化部、人力资源社会\n"
                      "保障部按职责分工负责）\n"
                      "二、促进外贸货物运输保通保畅，全力保障货运物流运\n"
                      "输畅通。（交通运输部负责）\n";
    fg_text t;
    fg_normalize(&t, src, strlen(src));
    INT_EQ(t.n_paras, 2);
    const char *s = t.s + t.paras[0].off;
    CHECK(strstr(s, "重点外贸企业服务") && strstr(s, "人力资源社会保障部按职责"), "%.*s",
          (int)t.paras[0].len, s);
    const char *bao = strstr(t.s, "保障部按");
    size_t src_bao = (size_t)(strstr(src, "保障部按") - src);
    INT_EQ(fg_text_src_off(&t, (size_t)(bao - t.s)), src_bao); /* on the next line */
    fg_text_fini(&t);
}

int main(void)
{
    test_html();
    test_html_more();
    test_markdown();
    test_whitespace();
    test_offsets();
    test_offsets_width();
    test_hostile();
    test_layout();
    return harness_done("test_normalize");
}
