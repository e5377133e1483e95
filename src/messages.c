/* Support: diagnostics in Chinese for the workbook. Each code has one
 * sentence per number of quoted parts its English message carries (the
 * names and brackets the message quotes in “…”, in order); %s takes them.
 * The English messages are made where the problem is found; this table
 * only says them again for the office that prints the 分工表. */
#include "messages.h"

#include <stdio.h>
#include <string.h>

typedef struct zh_text {
    const char *code;
    const char *zh[3]; /* with 0, 1 and 2 quoted parts; NULL: use the one before */
} zh_text;

/* clang-format off */
static const zh_text TEXTS[] = {
    {"read-failed", {"无法打开或读取，已跳过"}},
    {"too-large", {"文件超出 --max-document-size 的大小上限，已跳过"}},
    {"not-text", {"不是文本文件（图片或其他二进制文件？），已跳过"}},
    {"unreadable", {"无法读取的 Word 或 PDF 文件（损坏、加密、无文字层或超出大小上限），已跳过"}},
    {"office-binary", {"旧版 Office 文件（.doc、.wps），未读取：请另存为 .docx，或使用 --convert"}},
    {"converted", {"旧版 Office 文件，已由 LibreOffice 转换为 .docx 后读取"}},
    {"empty", {"空文件"}},
    {"invalid-utf8", {"文件中有无效的 UTF-8 字节，已替换为“�”"}},
    {"invalid-encoding", {"文件中有无法按其编码解码的字节，已替换为“�”"}},
    {"invalid-character", {"文件中有表格不能容纳的字符（控制字符、非字符），已替换为“�”"}},
    {"truncated-sequence", {"文件在一个字符中间结束（不完整？），该字符已替换为“�”"}},
    {"encoding", {"文件编码系推断所得"}},
    {"attribution-no-text", {"此条分工紧接上一条分工，前无正文：列为正文为空的措施"}},
    {"attribution-no-role", {"所列单位未写明职责，按“负责”处理"}},
    {"attribution-unclosed", {"分工标注的括号未闭合：保留已读到的单位",
                              "文件在分工标注中截断：保留已读到的单位，未能识别“%s”"}},
    {"attribution-unparsed", {"分工标注未能识别，本措施待核", "分工标注未能识别，本措施待核：“%s”"}},
    {"attribution-outside-body", {"标题、主送机关、导语或落款中的分工标注，未采用"}},
    {"agency-unknown", {"未识别的机构，按原文单列", "未识别的机构：%s（按原文单列）",
                        "未识别的机构：%s（按原文单列；是否为“%s”？）"}},
    {"duplicate", {"与前面的文件字节完全相同：只读取一次", "与前面的文件“%s”字节完全相同：只读取一次"}},
    {"deduplicated", {"同一文号另有更完整的文件：按 --dedupe 未列入"}},
    {"duplicate-document", {"文号与前一文件相同：本文件各行的文件编号另加序号"}},
    {"xlsx-truncated", {"措施正文超出单元格上限（32767字），本表中已截断，完整内容见 measures.csv"}},
    {"not-attribution", {"括号内有职责用语，但不是分工标注", "括号内有职责用语，但不是分工标注：“%s”"}},
    {"heading-attribution-unused", {"章节标题上的分工标注未用于任何措施"}},
    {"scope-note", {"范围说明：其所列单位适用于以下各项措施"}},
    {"convention", {"“列第一位者为牵头单位”：自此以下，多个单位中列第一位者为牵头单位"}},
    {"no-attributions", {"文件中没有分工标注：各措施未列单位"}},
    {"no-measures", {"文件中没有措施（新闻稿等）"}},
};
/* clang-format on */

size_t fg_message_n_codes(void)
{
    return sizeof TEXTS / sizeof TEXTS[0];
}

const char *fg_message_code(size_t i)
{
    return TEXTS[i].code;
}

void fg_message_zh(const char *code, const char *message, fg_buf *out)
{
    const zh_text *t = NULL;
    for (size_t i = 0; i < fg_message_n_codes() && !t; i++)
        if (strcmp(TEXTS[i].code, code) == 0)
            t = &TEXTS[i];
    if (!t) {
        fg_buf_puts(out, message);
        return;
    }
    /* the quoted parts: “…” */
    const char *q[2] = {NULL, NULL};
    size_t qlen[2] = {0, 0}, n = 0;
    for (const char *p = message; n < 2 && (p = strstr(p, "“")) != NULL;) {
        const char *e = strstr(p + 3, "”");
        if (!e)
            break;
        q[n] = p + 3;
        qlen[n++] = (size_t)(e - (p + 3));
        p = e + 3;
    }
    while (n > 0 && !t->zh[n])
        n--;
    const char *f = t->zh[n];
    size_t k = 0;
    for (const char *p = f; *p; p++) {
        if (p[0] == '%' && p[1] == 's' && k < n) {
            fg_buf_put(out, q[k], qlen[k]);
            k++;
            p++;
        } else {
            fg_buf_putc(out, *p);
        }
    }
}
