/* Writes one hostile input for the hostile.* tests into a folder, at test
 * time, so that nothing large is committed.
 *
 * Usage: gen_hostile CASE DIR
 * Creates DIR/CASE.txt (some cases a folder or several files); see CASES
 * below for what each one is and tests/hostile/run_hostile.sh for the
 * outcome each must have. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static FILE *create(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    if (!fp) {
        fprintf(stderr, "gen_hostile: cannot create %s: %s\n", path, strerror(errno));
        exit(2);
    }
    return fp;
}

static void done(FILE *fp)
{
    if (ferror(fp) || fclose(fp) != 0) {
        fprintf(stderr, "gen_hostile: write failed: %s\n", strerror(errno));
        exit(2);
    }
}

static void repeat(FILE *fp, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputs(s, fp);
}

/* The frame of a State Council opinion around `body`. */
static const char HEAD[] = "国务院办公厅关于测试畸形输入的意见\n国办发〔2099〕1号\n"
                           "各省、自治区、直辖市人民政府：\n现提出以下意见：\n";

static void gen_empty(const char *dir) { done(create(dir, "empty.txt")); }

static void gen_binary(const char *dir)
{
    /* a PNG file named .txt: signature, IHDR chunk, some IDAT bytes */
    static const unsigned char png[] = {
        0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
        0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 10,
        'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4};
    FILE *fp = create(dir, "image.txt");
    fwrite(png, 1, sizeof png, fp);
    done(fp);
    /* text with one NUL in it */
    fp = create(dir, "nul.txt");
    fputs(HEAD, fp);
    fputs("一、甲。（商务部负责）", fp);
    fputc('\0', fp);
    fputs("二、乙。（财政部负责）\n", fp);
    done(fp);
}

static void gen_invalid_utf8(const char *dir)
{
    FILE *fp = create(dir, "invalid-utf8.txt");
    fputs(HEAD, fp);
    fputs("一、加强保障。各地方\xff\xfe建立制度。（商务部、财政部按职责分工负责）\n", fp);
    fputs("二、促进\xc0\xaf运输。（交通运输部负责）\n", fp);
    done(fp);
}

static void gen_truncated_utf8(const char *dir)
{
    FILE *fp = create(dir, "truncated-utf8.txt");
    fputs(HEAD, fp);
    fputs("一、加强保障。（商务部负责）\n二、促进运输", fp);
    fputs("\xe8\xbf", fp); /* 运 cut after two of its three bytes */
    done(fp);
}

static void gen_brackets(const char *dir)
{
    FILE *fp = create(dir, "brackets.txt");
    fputs(HEAD, fp);
    repeat(fp, "）", 1000000); /* a million closing brackets */
    fputs("\n一、加强保障。（商务部负责）\n二、促进运输。", fp);
    repeat(fp, "（", 500000); /* half a million brackets never closed */
    fputs("交通运输部负责\n三、深度嵌套。", fp);
    repeat(fp, "(", 300000);
    fputs("财政部负责", fp);
    repeat(fp, ")", 300000);
    fputs("\n四、乱序。)（)(（）)）（财政部负责）\n", fp);
    done(fp);
}

static void gen_attribution_cut(const char *dir)
{
    FILE *fp = create(dir, "attribution-cut.txt");
    fputs(HEAD, fp);
    fputs("一、加强保障。（商务部负责）\n", fp);
    fputs("二、促进运输。（各地方人民政府，交通运输部、国家发展改革委、财政部按职责分", fp);
    done(fp);
}

/* 50 MB on one line, no line break at all: one paragraph of prose with an
 * attribution every 2 KB or so. */
static void gen_one_line(const char *dir)
{
    FILE *fp = create(dir, "one-line.txt");
    fputs("一、加强外贸企业生产经营保障。", fp);
    static const char prose[] = "各地方建立重点外贸企业服务保障制度，主动服务，及时掌握和解决外贸企业的困难问题，"
                                "确定重点外贸企业名录和相关物流企业、人员名录，对生产、物流、用工予以保障；";
    size_t total = strlen("一、加强外贸企业生产经营保障。");
    unsigned long k = 0;
    while (total < 50u * 1000 * 1000) {
        for (int i = 0; i < 8; i++) {
            fputs(prose, fp);
            total += sizeof prose - 1;
        }
        char attr[256];
        int n = snprintf(attr, sizeof attr, "（商务部牵头，财政部、试点%lu局按职责分工负责）",
                         k++ % 50);
        fputs(attr, fp);
        total += (size_t)n;
    }
    done(fp);
}

/* The same on one line as minified HTML: seed 002's body again and again. */
static void gen_one_line_html(const char *dir, const char *seed)
{
    FILE *in = fopen(seed, "rb");
    if (!in) {
        fprintf(stderr, "gen_hostile: cannot read %s\n", seed);
        exit(2);
    }
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, in);
    fclose(in);
    buf[n] = '\0';
    char *a = strstr(buf, "<p>一、"), *b = strstr(buf, "<p style=\"text-align:right;\">");
    if (!a || !b || b < a) {
        fprintf(stderr, "gen_hostile: seed has no body\n");
        exit(2);
    }
    FILE *fp = create(dir, "one-line.html");
    fputs("<html><head><meta charset=\"utf-8\"><title>测试</title></head><body>", fp);
    fputs("<p>国务院办公厅关于测试畸形输入的意见</p><p>国办发〔2099〕2号</p><p>现提出以下意见：</p>", fp);
    size_t total = 0;
    while (total < 50u * 1000 * 1000) {
        fwrite(a, 1, (size_t)(b - a), fp);
        total += (size_t)(b - a);
    }
    fputs("</body></html>", fp);
    done(fp);
}

/* An item of 4.5 MB with no sentence end and 100,000 attributions: its
 * first "sentence", the heading of each of its measures, is the whole item
 * (before headings were cut, 20,000 such measures took 20 GB). */
static void gen_no_sentence_end(const char *dir)
{
    FILE *fp = create(dir, "no-sentence-end.txt");
    fputs(HEAD, fp);
    fputs("一、", fp);
    repeat(fp, "甲乙丙丁戊己庚辛（商务部负责）", 100000);
    fputc('\n', fp);
    done(fp);
}

/* Minified HTML: one source line holding a heading whose attribution
 * 100,000 items below inherit. Each item's row locates the heading's
 * agencies, far back on the line, between locating items further on
 * (quadratic before column checkpoints: 40,000 items took 78 s). */
static void gen_heading_one_line(const char *dir)
{
    FILE *fp = create(dir, "heading-one-line.html");
    fputs("<p>国办发〔2099〕3号</p><p>现提出以下意见：</p><p>一、加强保障（商务部牵头）</p>", fp);
    repeat(fp, "<p>（一）甲乙丙丁戊己庚辛壬癸。</p>", 100000);
    fputc('\n', fp);
    done(fp);
}

/* Brackets built to make per-name work quadratic: one "name" of 300,000
 * 和 (every 和 a place to try splitting 财政部和商务部), and 100,000
 * 除 clauses before a convention note (each once rescanned the bracket). */
static void gen_bracket_work(const char *dir)
{
    FILE *fp = create(dir, "bracket-work.txt");
    fputs(HEAD, fp);
    fputs("一、甲。（", fp);
    repeat(fp, "和", 300000);
    fputs("负责）\n二、乙。（商务部、财政部负责，", fp);
    repeat(fp, "除甲，", 100000);
    fputs("列第一位者为牵头单位）\n", fp);
    done(fp);
}

/* 100,000 names separated by 、 in one bracket: known bodies in turn. */
static void gen_names(const char *dir)
{
    static const char *const NAMES[] = {"商务部", "财政部", "海关总署", "税务总局", "人民银行",
                                        "国家发展改革委", "工业和信息化部", "交通运输部"};
    FILE *fp = create(dir, "names.txt");
    fputs(HEAD, fp);
    fputs("一、加强保障。（", fp);
    for (int i = 0; i < 100000; i++) {
        if (i)
            fputs("、", fp);
        fputs(NAMES[i % 8], fp);
    }
    fputs("按职责分工负责）\n", fp);
    done(fp);
}

/* 20,000 different unknown bodies in one bracket: more matrix columns than
 * one Excel sheet holds (16,384). */
static void gen_names_unknown(const char *dir)
{
    FILE *fp = create(dir, "names-unknown.txt");
    fputs(HEAD, fp);
    fputs("一、加强保障。（", fp);
    for (int i = 0; i < 20000; i++)
        fprintf(fp, "%s试点%05d局", i ? "、" : "", i);
    fputs("按职责分工负责）\n", fp);
    done(fp);
}

/* A folder with one good document and one that the test makes unreadable
 * or removes. */
static void gen_folder(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/folder", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/folder/locked", dir);
    mkdir(path, 0755);
    FILE *fp = create(dir, "folder/locked/a.txt");
    fputs(HEAD, fp);
    fputs("一、甲。（商务部负责）\n", fp);
    done(fp);
    fp = create(dir, "folder/vanishing.txt");
    fputs(HEAD, fp);
    fputs("一、甲。（商务部负责）\n", fp);
    done(fp);
    fp = create(dir, "folder/z-good.txt");
    fputs(HEAD, fp);
    fputs("一、乙。（财政部负责）\n", fp);
    done(fp);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: gen_hostile CASE DIR [SEED]\n", stderr);
        return 2;
    }
    const char *c = argv[1], *dir = argv[2];
    if (strcmp(c, "empty") == 0)
        gen_empty(dir);
    else if (strcmp(c, "binary") == 0)
        gen_binary(dir);
    else if (strcmp(c, "invalid-utf8") == 0)
        gen_invalid_utf8(dir);
    else if (strcmp(c, "truncated-utf8") == 0)
        gen_truncated_utf8(dir);
    else if (strcmp(c, "brackets") == 0)
        gen_brackets(dir);
    else if (strcmp(c, "attribution-cut") == 0)
        gen_attribution_cut(dir);
    else if (strcmp(c, "one-line") == 0)
        gen_one_line(dir);
    else if (strcmp(c, "one-line-html") == 0 && argc > 3)
        gen_one_line_html(dir, argv[3]);
    else if (strcmp(c, "no-sentence-end") == 0)
        gen_no_sentence_end(dir);
    else if (strcmp(c, "heading-one-line") == 0)
        gen_heading_one_line(dir);
    else if (strcmp(c, "bracket-work") == 0)
        gen_bracket_work(dir);
    else if (strcmp(c, "names") == 0)
        gen_names(dir);
    else if (strcmp(c, "names-unknown") == 0)
        gen_names_unknown(dir);
    else if (strcmp(c, "folder") == 0)
        gen_folder(dir);
    else {
        fprintf(stderr, "gen_hostile: unknown case %s\n", c);
        return 2;
    }
    return 0;
}
