/* XLSX writer: the workbook policy staff would otherwise build by hand.
 *
 *   分工表  one row per measure: 牵头/责任/配合单位, 完成时限, 备注; printable
 *   矩阵    measures × agencies, a fill colour per role, a legend
 *   统计    per agency: measures led, responsible, supporting…, per document;
 *           a bar chart of the 20 busiest agencies
 *   文件    one row per document
 *   问题    every diagnostic, for the places to check by hand
 *
 * The workbook is written in libxlsxwriter's constant_memory mode, each
 * sheet row by row, so a large run is never held twice in memory. The
 * creation time is fixed by the caller, which makes the file reproducible.
 * Strings reaching libxlsxwriter are valid UTF-8 (the pipeline guarantees
 * it) and cut to Excel's 32,767 characters. File and zip errors surface
 * only at workbook_close(), which also frees the workbook: its result is
 * always checked. */
#include "write_xlsx.h"

#include "buf.h"
#include "messages.h"
#include "utf8.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

enum { EXCEL_MAX_CHARS = 32767, TOP_N = 20, ALLOC_COLS = 10 };

/*** Labels ***/

typedef struct labels {
    const char *sheet[6];
    const char *title;       /* when the run has several documents */
    const char *doc_title;   /* of one document: a format for its title */
    const char *alloc[ALLOC_COLS];
    const char *duty[6];     /* 按单位's columns */
    const char *matrix[3];
    const char *legend;
    const char *role[FG_N_ROLES];
    const char *stats[7];
    const char *top_title, *chart_title;
    const char *docs[14];
    const char *diags[6];
    const char *severity[3];
    const char *open_list, *unattributed, *joint_suffix, *guide_suffix;
    const char *footer;
    const char *truncated;
    const char *too_many_docs;
} labels;

static const labels ZH = {
    {"分工表", "矩阵", "统计", "文件", "问题", "按单位"},
    "任务分工表",
    "《%s》任务分工表",
    {"序号", "文件", "编号", "重点任务", "具体措施", "牵头单位", "责任单位", "配合单位",
     "完成时限", "备注"},
    {"单位", "职责", "文件", "编号", "重点任务", "具体措施"},
    {"文件", "编号", "措施"},
    "图例",
    {"牵头", "负责", "配合", "会同", "指导"},
    {"单位", "牵头", "负责", "配合", "会同", "指导", "合计"},
    "最繁忙的20个单位",
    "承担措施最多的单位",
    {"文件", "标题", "文号", "发文机关", "成文日期", "路径", "措施数", "有分工的措施", "单位数",
     "警告数", "层级", "发布日期", "状态", "重复于"},
    {"路径", "行", "列", "级别", "代码", "说明"},
    {"提示", "警告", "错误"},
    "单位名单未列全（“等”）",
    "原文未标注分工",
    "（会同）",
    "（指导）",
    "&C第 &P 页 共 &N 页",
    "…[超出单元格上限，已截断]",
    "文件数超出一张工作表的列数上限，按文件的统计从略",
};

static const labels EN = {
    {"Allocation", "Matrix", "Workload", "Documents", "Issues", "By agency"},
    "Task allocation table",
    "Task allocation: %s",
    {"No.", "Document", "Item", "Key task", "Measure", "Lead", "Responsible", "Support",
     "Deadline", "Remarks"},
    {"Agency", "Role", "Document", "Item", "Key task", "Measure"},
    {"Document", "Item", "Measure"},
    "Legend",
    {"Lead", "Responsible", "Support", "Joint", "Guide"},
    {"Agency", "Lead", "Responsible", "Support", "Joint", "Guide", "Total"},
    "The 20 busiest agencies",
    "Agencies with the most measures",
    {"Document", "Title", "Number", "Issuer", "Date", "File", "Measures", "Attributed measures",
     "Agencies", "Warnings", "Level", "Published", "Status", "Duplicate of"},
    {"File", "Line", "Column", "Severity", "Code", "Message"},
    {"note", "warning", "error"},
    "open list (等): more bodies than named",
    "no attribution in the document",
    " (joint)",
    " (guide)",
    "&CPage &P of &N",
    "…[cut at the cell limit]",
    "more documents than a sheet has columns: counts per document left out",
};

/* fill colours by role, in fg_role order */
static const lxw_color_t ROLE_FILL[FG_N_ROLES] = {0xF4B183, 0x9DC3E6, 0xC5E0B4, 0xFFE699,
                                                  0xD5B8EA};
/* which role colours a cell with several roles */
static const fg_role ROLE_PRIORITY[FG_N_ROLES] = {FG_ROLE_LEAD, FG_ROLE_RESPONSIBLE,
                                                  FG_ROLE_JOINT, FG_ROLE_GUIDE,
                                                  FG_ROLE_SUPPORT};

/*** Writing context ***/

typedef struct xw {
    lxw_workbook *wb;
    fg_report *r;
    fg_rep_row row; /* the row read back */
    const labels *L;
    char *err;
    size_t n_err;
    fg_status st;
    const char *sheet;
    const char *sheet_name; /* overrides the sheet's name (矩阵 2) */
    size_t max_rows;        /* rows a sheet holds: Excel's, or fewer in tests */
    lxw_worksheet *ws;
    lxw_format *title, *head, *head_vertical, *text, *center, *number, *plain;
    lxw_format *bold; /* a bold run inside a cell (the measure's first sentence) */
    lxw_format *role[1u << FG_N_ROLES];
    lxw_format *role_legend[FG_N_ROLES];
} xw;

static void col_name(size_t col, char *out)
{
    char tmp[8];
    int n = 0;
    col++;
    while (col > 0 && n < 7) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

static bool failed(xw *x, lxw_error e, size_t row, size_t col)
{
    if (e == LXW_NO_ERROR || x->st != FG_OK)
        return x->st != FG_OK;
    char c[8];
    col_name(col, c);
    snprintf(x->err, x->n_err, "workbook sheet '%s' cell %s%zu: %s", x->sheet, c, row + 1,
             lxw_strerror(e));
    x->st = FG_ERR_XLSX;
    return true;
}

/* Excel cells hold at most 32,767 characters: longer text is cut, with a
 * marker (the writer has already warned). Returns s or a copy in *tmp. */
static const char *cell_text(const xw *x, const char *s, char **tmp)
{
    size_t chars = 0, i = 0, len = strlen(s), n;
    size_t room = EXCEL_MAX_CHARS - fg_utf8_count(x->L->truncated, strlen(x->L->truncated));
    while (i < len) {
        if (chars == room) {
            fg_buf b;
            fg_buf_init(&b);
            fg_buf_put(&b, s, i);
            fg_buf_puts(&b, x->L->truncated);
            *tmp = fg_buf_detach(&b);
            return *tmp;
        }
        fg_utf8_decode(s + i, len - i, &n);
        i += n;
        chars++;
    }
    return s;
}

static void put_str(xw *x, size_t row, size_t col, const char *s, lxw_format *f)
{
    if (x->st != FG_OK)
        return;
    lxw_error e;
    if (!s || !*s) {
        e = worksheet_write_blank(x->ws, (lxw_row_t)row, (lxw_col_t)col, f);
    } else {
        char *tmp = NULL;
        e = worksheet_write_string(x->ws, (lxw_row_t)row, (lxw_col_t)col, cell_text(x, s, &tmp),
                                   f);
        free(tmp);
    }
    failed(x, e, row, col);
}

/* A cell whose first `bold_len` bytes are bold (a rich string); the rest in
 * the body font. Falls back to a plain cell when there is no rest. */
static void put_rich(xw *x, size_t row, size_t col, const char *s, size_t bold_len,
                     lxw_format *f)
{
    if (x->st != FG_OK)
        return;
    if (bold_len == 0 || bold_len >= strlen(s)) {
        put_str(x, row, col, s, f);
        return;
    }
    char *head = fg_xstrndup(s, bold_len);
    lxw_rich_string_tuple a = {x->bold, head}, b = {x->plain, (char *)s + bold_len};
    lxw_rich_string_tuple *parts[] = {&a, &b, NULL};
    failed(x, worksheet_write_rich_string(x->ws, (lxw_row_t)row, (lxw_col_t)col, parts, f), row,
           col);
    free(head);
}

static void put_num(xw *x, size_t row, size_t col, double v, lxw_format *f)
{
    if (x->st == FG_OK)
        failed(x, worksheet_write_number(x->ws, (lxw_row_t)row, (lxw_col_t)col, v, f), row, col);
}

static void set_width(xw *x, size_t col, double width, lxw_format *f)
{
    if (x->st == FG_OK)
        failed(x, worksheet_set_column(x->ws, (lxw_col_t)col, (lxw_col_t)col, width, f), 0, col);
}

/* Adds a sheet, printed landscape with numbered pages: A4 one page wide,
 * or 矩阵 on A3 at full size. */
static void new_sheet(xw *x, int index)
{
    x->sheet = x->sheet_name ? x->sheet_name : x->L->sheet[index];
    x->ws = workbook_add_worksheet(x->wb, x->sheet);
    if (!x->ws) {
        if (x->st == FG_OK) {
            snprintf(x->err, x->n_err, "cannot add workbook sheet '%s'", x->sheet);
            x->st = FG_ERR_XLSX;
        }
        return;
    }
    worksheet_set_landscape(x->ws);
    if (index == 1) {
        /* 矩阵: fifty agencies fitted to one width cannot be read. A3, at
         * full size: its columns go on over pages, each repeating the
         * label columns and the header. */
        worksheet_set_paper(x->ws, 8); /* A3 */
        failed(x, worksheet_repeat_columns(x->ws, 0, 2), 0, 0);
    } else {
        worksheet_set_paper(x->ws, 9); /* A4 */
        worksheet_fit_to_pages(x->ws, 1, 0);
    }
    failed(x, worksheet_set_footer(x->ws, x->L->footer), 0, 0);
}

/* Display width: a CJK character counts about two units. */
/* Units a character takes in a column (see wrap() below). */
static double char_units(int32_t cp)
{
    return cp >= 0x1100 ? 2.2 : 1.15;
}

static double text_width(const char *s)
{
    double w = 0;
    size_t i = 0, len = strlen(s), n;
    while (i < len) {
        w += char_units(fg_utf8_decode(s + i, len - i, &n));
        i += n;
    }
    return w;
}

/* Wrapping, as printed. Spreadsheet programs do not all size rows to
 * wrapped text on opening (LibreOffice keeps the default height), so rows
 * get an explicit height from a model of the wrap: a column `width` units
 * wide (a unit is the default font's digit, about 5.3 points) holds
 * `width` - 2 units of text; a CJK or other wide character takes 2.2 units
 * at 11 points, any other 1.15 (both a little wider than the fonts
 * measure, so that the model errs towards a taller row); a line is 16.5
 * points. Characters wrap one by one (a Latin word that the program moves
 * whole to the next line is covered by the slack). */
#define LINE_PT 16.5
#define ROW_PAD_PT 4.0
#define ROW_MAX_PT 409.0 /* Excel's largest row */

/* Fills lines of `width` units with s[0..len) until `max_lines` are full:
 * returns the bytes that fit, and the lines they take in *lines. */
static size_t wrap(const char *s, size_t len, double width, size_t max_lines, size_t *lines)
{
    double room = width > 4 ? width - 2 : 2, w = 0;
    size_t n_lines = 1, i = 0, n;
    while (i < len) {
        if (s[i] == '\n') {
            if (n_lines == max_lines)
                break;
            n_lines++, w = 0, i++;
            continue;
        }
        int32_t cp = fg_utf8_decode(s + i, len - i, &n);
        double cw = char_units(cp);
        if (w + cw > room && w > 0) {
            if (n_lines == max_lines)
                break;
            n_lines++, w = 0;
        }
        w += cw;
        i += n;
    }
    *lines = n_lines;
    return i;
}

static size_t lines_needed(const char *s, double width)
{
    size_t lines;
    wrap(s, strlen(s), width, (size_t)-1, &lines);
    return lines;
}

/* The lines one row of the sheet holds. */
static size_t max_row_lines(void)
{
    return (size_t)((ROW_MAX_PT - ROW_PAD_PT) / LINE_PT);
}

static void fit_row(xw *x, size_t row, size_t lines)
{
    double h = LINE_PT * (double)lines + ROW_PAD_PT;
    if (x->st == FG_OK)
        failed(x, worksheet_set_row(x->ws, (lxw_row_t)row, h > ROW_MAX_PT ? ROW_MAX_PT : h, NULL),
               row, 0);
}

/* Fonts of a printed 分工表 (GB/T 9704): 仿宋_GB2312 for the text, 黑体 for
 * the header, 方正小标宋简体 for the title. A computer without one falls back
 * by the font's name (Windows maps 仿宋_GB2312 to 仿宋; LibreOffice to a CJK
 * serif). */
static const char BODY_FONT[] = "仿宋_GB2312", HEAD_FONT[] = "黑体",
                  TITLE_FONT[] = "方正小标宋简体";
enum { BODY_PT = 11 };

static lxw_format *plain_format(lxw_workbook *wb)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, BODY_FONT);
    format_set_font_size(f, BODY_PT);
    return f;
}

static lxw_format *bordered(lxw_workbook *wb)
{
    lxw_format *f = plain_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static void make_formats(xw *x)
{
    lxw_workbook *wb = x->wb;
    x->title = workbook_add_format(wb);
    format_set_font_name(x->title, TITLE_FONT);
    format_set_font_size(x->title, 18);
    format_set_align(x->title, LXW_ALIGN_CENTER);
    format_set_align(x->title, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(x->title);
    x->head = bordered(wb);
    format_set_font_name(x->head, HEAD_FONT);
    format_set_text_wrap(x->head);
    format_set_align(x->head, LXW_ALIGN_CENTER);
    format_set_align(x->head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(x->head, 0xD9E1F2);
    x->head_vertical = bordered(wb);
    format_set_font_name(x->head_vertical, HEAD_FONT);
    format_set_rotation(x->head_vertical, 270); /* stacked: reads top to bottom */
    format_set_align(x->head_vertical, LXW_ALIGN_CENTER);
    format_set_bg_color(x->head_vertical, 0xD9E1F2);
    x->text = bordered(wb);
    format_set_text_wrap(x->text);
    x->center = bordered(wb);
    format_set_align(x->center, LXW_ALIGN_CENTER);
    x->number = bordered(wb);
    x->plain = plain_format(wb);
    x->bold = plain_format(wb);
    format_set_bold(x->bold);
    for (unsigned mask = 1; mask < (1u << FG_N_ROLES); mask++) {
        lxw_format *f = bordered(wb);
        format_set_align(f, LXW_ALIGN_CENTER);
        for (int k = 0; k < FG_N_ROLES; k++)
            if (mask & (1u << ROLE_PRIORITY[k])) {
                format_set_bg_color(f, ROLE_FILL[ROLE_PRIORITY[k]]);
                break;
            }
        x->role[mask] = f;
    }
    x->role[0] = x->center;
    for (int k = 0; k < FG_N_ROLES; k++)
        x->role_legend[k] = x->role[1u << k];
}

/* The role words of a cell, in the workbook's language. */
static const char *role_label(const xw *x, unsigned roles, fg_buf *tmp)
{
    if (x->r->lang == FG_LANG_ZH)
        return x->r->role_text[roles];
    fg_buf_clear(tmp);
    for (int k = 0; k < FG_N_ROLES; k++)
        if (roles & (1u << k)) {
            if (tmp->len)
                fg_buf_puts(tmp, ", ");
            fg_buf_puts(tmp, x->L->role[k]);
        }
    return tmp->ptr ? tmp->ptr : "";
}

/*** 分工表 ***/

/* Appends to `out` the agencies of `role`, as the document writes them and
 * in its order (row->written), joined by 、. */
static void join_role(const fg_rep_row *row, fg_role role, const char *suffix, fg_buf *out)
{
    for (const char *p = row->written; *p;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > 1 && p[0] - '0' == (int)role) {
            if (out->len)
                fg_buf_puts(out, "、");
            fg_buf_put(out, p + 1, len - 1);
            if (suffix)
                fg_buf_puts(out, suffix);
        }
        p = end ? end + 1 : p + len;
    }
}

/* 重点任务 and 具体措施: the section heading and the text; an item's own
 * heading stands as the task when there is no section, and is then not
 * repeated at the start of the measure (按单位). */
static const char *task_and_measure(const fg_rep_row *row, const char **measure)
{
    const char *task = row->section[0] ? row->section : row->numbered ? row->heading : "";
    *measure = row->text;
    size_t h = strlen(task);
    if (task == row->heading && h > 0 && strncmp(row->text, task, h) == 0) {
        const char *rest = row->text + h;
        if (strncmp(rest, "。", 3) == 0 || strncmp(rest, "：", 3) == 0)
            rest += 3;
        if (*rest)
            *measure = rest;
    }
    return task;
}

static const double ALLOC_WIDTH[ALLOC_COLS] = {5, 16, 8, 18, 60, 16, 24, 18, 12, 20};
enum { COL_SEQ, COL_DOC, COL_ID, COL_TASK, COL_TEXT, COL_LEAD, COL_RESP, COL_SUPPORT,
       COL_DEADLINE, COL_NOTE };

/* The sheet name for part k (from 0) of sheet `index`: 分工表, 分工表 2 … */
static void part_name(xw *x, int index, size_t k, char *name, size_t n)
{
    if (k == 0)
        snprintf(name, n, "%s", x->L->sheet[index]);
    else
        snprintf(name, n, "%s %zu", x->L->sheet[index], k + 1);
}

/* Rows of data that fit on one sheet below `head` rows of title and
 * header, and the number of sheets `n` rows take (at least one). */
static size_t sheets_for(const xw *x, size_t n, size_t head, size_t *per)
{
    *per = x->max_rows - head;
    return n ? (n + *per - 1) / *per : 1;
}

enum { GRID_MAX_COLS = 10 };

/* A table sheet whose rows hold wrapped text (分工表, 按单位): which of its
 * cells it shows, how wide, and where it is. A row too tall for a sheet's
 * row goes on below (write_wrapped), and past a sheet's rows the table goes
 * on over a new part (分工表 2 …), which `start` sets up. */
typedef struct grid {
    const double *width;         /* by cell */
    size_t cols[GRID_MAX_COLS];  /* the cells shown, in order */
    size_t n_cols;
    size_t num_col;              /* the cell written as a number */
    size_t bold_col, bold_len;   /* the first bold_len bytes of this cell are bold */
    size_t part;                 /* from 0 */
    size_t row;                  /* next row on the sheet */
    void (*start)(xw *x, struct grid *g); /* sets up part g->part, sets g->row */
    fg_buf cell[GRID_MAX_COLS];
} grid;

/* The 分工表 being written: its grid (a workbook of one document has no 文件
 * column) and which runs of rows hold tasks. */
typedef struct alloc {
    grid g;
    bool *task_run; /* by run of rows (below): holds a task */
    size_t n_runs;
} alloc;

/* Rows run together by section: the rows of one document with the same
 * first numbering step ("一" of "一/（三）"). A row under a section (its id
 * has a second step) is a task unless its document has attributions and no
 * row of its section has one: 一、总体要求 with its （一）指导思想 is not a
 * task of an attributed plan. Items without a section, and every item of a
 * document without attributions, are tasks. */
static bool same_run(size_t a_doc, const char *a_id, const fg_rep_row *b)
{
    if (a_doc != b->doc || a_id[0] == '#' || b->measure[0] == '#')
        return false;
    size_t n = strcspn(a_id, "/.");
    return strncmp(a_id, b->measure, n) == 0 && (b->measure[n] == '/' || b->measure[n] == '.' ||
                                                 b->measure[n] == 0);
}

static bool is_task(const xw *x, const alloc *al, size_t run)
{
    const fg_rep_row *row = &x->row;
    if (x->r->docs[row->doc].attributed == 0 || !strchr(row->measure, '/'))
        return true;
    return run < al->n_runs && al->task_run[run];
}

/* First pass over the rows: which runs hold an attributed row. */
static void find_task_runs(xw *x, alloc *al)
{
    size_t cap = 0, prev_doc = 0;
    char *prev_id = NULL;
    fg_report_rewind(x->r);
    while (fg_report_next(x->r, &x->row)) {
        const fg_rep_row *row = &x->row;
        if (!prev_id || !same_run(prev_doc, prev_id, row)) {
            al->task_run = fg_xgrow(al->task_run, &cap, al->n_runs + 1, sizeof *al->task_run);
            al->task_run[al->n_runs++] = false;
        }
        al->task_run[al->n_runs - 1] |= row->attributed;
        free(prev_id);
        prev_id = fg_xstrdup(row->measure);
        prev_doc = row->doc;
    }
    free(prev_id);
}

/* Adds part g->part of sheet `index` for a grid: its name (分工表 2 …), the
 * column widths, and the header row `head` frozen and repeated on every
 * printed page. False when the sheet could not be added. */
static bool grid_sheet(xw *x, grid *g, int index, lxw_row_t head)
{
    char name[40];
    part_name(x, index, g->part, name, sizeof name);
    x->sheet_name = name;
    new_sheet(x, index);
    x->sheet_name = NULL;
    if (x->st != FG_OK)
        return false;
    for (size_t c = 0; c < g->n_cols; c++)
        set_width(x, c, g->width[g->cols[c]], NULL);
    worksheet_freeze_panes(x->ws, head + 1, 0);
    failed(x, worksheet_repeat_rows(x->ws, head, head), head, 0);
    return true;
}

/* Starts part g->part of 分工表: its set-up, the title and the header. */
static void allocation_part(xw *x, grid *al)
{
    if (!grid_sheet(x, al, 0, 1))
        return;
    worksheet_set_margins(x->ws, 0.4, 0.4, 0.6, 0.6);
    /* one document: its own title and 文号 */
    fg_buf title;
    fg_buf_init(&title);
    const fg_rep_doc *d = &x->r->docs[0];
    if (x->r->n_docs == 1 && d->title[0]) {
        fg_buf_printf(&title, x->L->doc_title, d->title);
        if (d->number[0])
            fg_buf_printf(&title, "\n（%s）", d->number);
    } else {
        fg_buf_puts(&title, x->L->title);
    }
    size_t lines = lines_needed(title.ptr, 100);
    failed(x, worksheet_set_row(x->ws, 0, 30.0 * (double)lines, NULL), 0, 0);
    if (x->st == FG_OK) {
        char *tmp = NULL;
        failed(x, worksheet_merge_range(x->ws, 0, 0, 0, (lxw_col_t)(al->n_cols - 1),
                                        cell_text(x, title.ptr, &tmp), x->title), 0, 0);
        free(tmp);
    }
    fg_buf_fini(&title);
    for (size_t c = 0; c < al->n_cols; c++)
        put_str(x, 1, c, x->L->alloc[al->cols[c]], x->head);
    al->row = 2;
}

/* Closes the part: the filter over the rows written. */
static void end_part(xw *x, grid *al)
{
    lxw_row_t head = al->start == allocation_part ? 1 : 0; /* 分工表 has a title row */
    if (x->st == FG_OK)
        failed(x, worksheet_autofilter(x->ws, head, 0, (lxw_row_t)(al->row - 1),
                                       (lxw_col_t)(al->n_cols - 1)),
               head, 0);
}

/* The bytes of the measure's own first sentence at the start of its text,
 * with the 。 or ： that ends it: bold in 具体措施, as offices write it. */
static size_t first_sentence_len(const fg_rep_row *row)
{
    size_t h = strlen(row->heading);
    if (h == 0 || strncmp(row->text, row->heading, h) != 0)
        return 0;
    if (strncmp(row->text + h, "。", 3) == 0 || strncmp(row->text + h, "：", 3) == 0)
        h += 3;
    return h;
}

/* The cells of the measure read back, as the 分工表 shows them: 具体措施 is
 * the whole text, its first sentence bold (g->bold_len). */
static void allocation_cells(xw *x, size_t seq, grid *g)
{
    fg_buf *cell = g->cell;
    const fg_rep_row *row = &x->row;
    const char *measure;
    const char *task = task_and_measure(row, &measure);
    measure = row->text;
    g->bold_len = first_sentence_len(row);
    for (size_t c = 0; c < ALLOC_COLS; c++)
        fg_buf_clear(&cell[c]);
    fg_buf_printf(&cell[COL_SEQ], "%zu", seq);
    fg_buf_puts(&cell[COL_DOC], x->r->docs[row->doc].key);
    fg_buf_puts(&cell[COL_ID], row->measure);
    fg_buf_puts(&cell[COL_TASK], task);
    fg_buf_puts(&cell[COL_TEXT], measure);
    join_role(row, FG_ROLE_LEAD, NULL, &cell[COL_LEAD]);
    join_role(row, FG_ROLE_GUIDE, x->L->guide_suffix, &cell[COL_LEAD]);
    join_role(row, FG_ROLE_RESPONSIBLE, NULL, &cell[COL_RESP]);
    join_role(row, FG_ROLE_SUPPORT, NULL, &cell[COL_SUPPORT]);
    join_role(row, FG_ROLE_JOINT, x->L->joint_suffix, &cell[COL_SUPPORT]);
    fg_buf_puts(&cell[COL_DEADLINE], row->deadline);
    fg_buf *note = &cell[COL_NOTE];
    if (row->open_list)
        fg_buf_puts(note, x->L->open_list);
    if (!row->attributed) {
        if (note->len)
            fg_buf_putc(note, '\n');
        fg_buf_puts(note, x->L->unattributed);
    }
    if (row->notes[0]) {
        if (note->len)
            fg_buf_putc(note, '\n');
        fg_buf_puts(note, row->notes);
    }
}

/* Writes g->cell as one row of the table, on as many rows as its text
 * needs: a row holds at most max_row_lines() lines, and text beyond them
 * goes on in the same column of the rows below, which repeat the cells that
 * fit whole (序号, 编号, the agencies…), so that filtering and sorting keep
 * every piece of a measure with it (a sort is stable, so the pieces stay in
 * order). Merged cells would print the same but break sorting. Cell
 * g->num_col is written as the number `number`. */
static void write_wrapped(xw *x, grid *g, double number)
{
    size_t done[GRID_MAX_COLS] = {0}, max = max_row_lines();
    for (bool more = true; more && x->st == FG_OK;) {
        if (g->row >= x->max_rows) {
            end_part(x, g);
            g->part++;
            g->start(x, g);
        }
        size_t take[GRID_MAX_COLS], lines = 1;
        more = false;
        for (size_t c = 0; c < g->n_cols; c++) {
            size_t k = g->cols[c], l;
            const fg_buf *b = &g->cell[k];
            size_t left = b->len - (done[k] < b->len ? done[k] : b->len);
            take[k] = left ? wrap(b->ptr + done[k], left, g->width[k], max, &l) : 0;
            if (left && l > lines)
                lines = l;
        }
        fit_row(x, g->row, lines);
        for (size_t c = 0; c < g->n_cols; c++) {
            size_t k = g->cols[c];
            fg_buf *b = &g->cell[k];
            /* a cell that fits whole is repeated; a long one goes on */
            bool whole = done[k] == 0 && take[k] == b->len;
            size_t from = whole ? 0 : done[k], n = whole ? b->len : take[k];
            char save = b->len ? b->ptr[from + n] : 0;
            if (b->len)
                b->ptr[from + n] = 0;
            if (k == g->num_col)
                put_num(x, g->row, c, number, x->center);
            else if (k == g->bold_col && from == 0 && g->bold_len <= n)
                put_rich(x, g->row, c, b->len ? b->ptr : "", g->bold_len, x->text);
            else
                put_str(x, g->row, c, b->len ? b->ptr + from : "", x->text);
            if (b->len)
                b->ptr[from + n] = save;
            if (!whole) {
                done[k] += take[k];
                /* a break that falls on a line end starts the next piece */
                if (done[k] < b->len && b->ptr[done[k]] == '\n')
                    done[k]++;
                more = more || done[k] < b->len;
            }
        }
        g->row++;
    }
}

/* 分工表: the tasks, going on over 分工表 2, 分工表 3 … past a sheet's rows. */
static void allocation_sheet(xw *x)
{
    alloc al = {.g = {.width = ALLOC_WIDTH, .num_col = COL_SEQ, .bold_col = COL_TEXT,
                      .start = allocation_part}};
    grid *g = &al.g;
    for (size_t c = 0; c < ALLOC_COLS; c++) {
        fg_buf_init(&g->cell[c]);
        if (c != COL_DOC || x->r->n_docs != 1)
            g->cols[g->n_cols++] = c;
    }
    find_task_runs(x, &al);
    allocation_part(x, g);
    fg_report_rewind(x->r);
    size_t seq = 0, run = 0, prev_doc = 0;
    char *prev_id = NULL;
    while (x->st == FG_OK && fg_report_next(x->r, &x->row)) {
        if (prev_id && !same_run(prev_doc, prev_id, &x->row))
            run++;
        free(prev_id);
        prev_id = fg_xstrdup(x->row.measure);
        prev_doc = x->row.doc;
        if (is_task(x, &al, run)) {
            allocation_cells(x, ++seq, g);
            write_wrapped(x, g, (double)seq);
        }
    }
    free(prev_id);
    end_part(x, g);
    for (size_t c = 0; c < ALLOC_COLS; c++)
        fg_buf_fini(&g->cell[c]);
    free(al.task_run);
}

/*** 按单位 ***/

/* One (agency, role, measure) of the workload: a row of 按单位. */
typedef struct duty {
    uint32_t col;
    uint8_t role;
    size_t row; /* the measure's place in the report */
} duty;

static int by_agency_role_row(const void *pa, const void *pb)
{
    const duty *a = pa, *b = pb;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    if (a->role != b->role)
        return a->role < b->role ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

enum { DUTY_AGENCY, DUTY_ROLE, DUTY_DOC, DUTY_ID, DUTY_TASK, DUTY_TEXT, DUTY_COLS };
static const double DUTY_WIDTH[DUTY_COLS] = {18, 8, 16, 8, 20, 80};

static void agency_part(xw *x, grid *g)
{
    if (!grid_sheet(x, g, 5, 0))
        return;
    for (size_t c = 0; c < g->n_cols; c++)
        put_str(x, 0, c, x->L->duty[g->cols[c]], x->head);
    g->row = 1;
}

/* 按单位: for each agency, in the matrix's order, the measures it leads, is
 * responsible for, supports, joins or guides, by role, in document order:
 * what each office must do. The rows are read back in that order through
 * their places in the report (one offset per measure, one entry per
 * assignment in memory). */
static void agency_sheet(xw *x)
{
    duty *duties = NULL;
    long *offsets = NULL;
    size_t n = 0, cap = 0, n_rows = 0, cap_rows = 0;
    fg_report_rewind(x->r);
    for (long off = fg_report_tell(x->r); fg_report_next(x->r, &x->row);
         off = fg_report_tell(x->r)) {
        offsets = fg_xgrow(offsets, &cap_rows, n_rows + 1, sizeof *offsets);
        offsets[n_rows] = off;
        for (size_t k = 0; k < x->row.n_cells; k++)
            for (int role = 0; role < FG_N_ROLES; role++)
                if (x->row.cells[k].roles & (1u << role)) {
                    duties = fg_xgrow(duties, &cap, n + 1, sizeof *duties);
                    duties[n++] = (duty){x->row.cells[k].col, (uint8_t)role, n_rows};
                }
        n_rows++;
    }
    if (n)
        qsort(duties, n, sizeof *duties, by_agency_role_row);
    grid g = {.width = DUTY_WIDTH, .num_col = SIZE_MAX, .bold_col = SIZE_MAX,
              .start = agency_part};
    for (size_t c = 0; c < DUTY_COLS; c++) {
        fg_buf_init(&g.cell[c]);
        if (c != DUTY_DOC || x->r->n_docs != 1)
            g.cols[g.n_cols++] = c;
    }
    agency_part(x, &g);
    size_t loaded = SIZE_MAX;
    for (size_t i = 0; i < n && x->st == FG_OK; i++) {
        const duty *d = &duties[i];
        if (d->row != loaded) {
            if (!fg_report_seek(x->r, offsets[d->row]) || !fg_report_next(x->r, &x->row))
                break;
            loaded = d->row;
        }
        const fg_rep_row *row = &x->row;
        const char *measure;
        const char *task = task_and_measure(row, &measure);
        for (size_t c = 0; c < DUTY_COLS; c++)
            fg_buf_clear(&g.cell[c]);
        fg_buf_puts(&g.cell[DUTY_AGENCY], x->r->col_names[d->col]);
        fg_buf_puts(&g.cell[DUTY_ROLE], x->L->role[d->role]);
        fg_buf_puts(&g.cell[DUTY_DOC], x->r->docs[row->doc].key);
        fg_buf_puts(&g.cell[DUTY_ID], row->measure);
        fg_buf_puts(&g.cell[DUTY_TASK], task);
        fg_buf_puts(&g.cell[DUTY_TEXT], measure);
        write_wrapped(x, &g, 0);
    }
    end_part(x, &g);
    for (size_t c = 0; c < DUTY_COLS; c++)
        fg_buf_fini(&g.cell[c]);
    free(duties);
    free(offsets);
}

/*** 矩阵 ***/

size_t fg_xlsx_plan(size_t n_rows, size_t n_cols, size_t n_label, size_t max_rows,
                    size_t max_cols, fg_sheet_block **out)
{
    assert(n_label <= n_cols && n_label < max_cols && max_rows >= 2);
    size_t per_sheet_cols = max_cols - n_label, per_sheet_rows = max_rows - 1;
    size_t n_data_cols = n_cols - n_label;
    size_t col_blocks = n_data_cols ? (n_data_cols + per_sheet_cols - 1) / per_sheet_cols : 1;
    size_t row_blocks = n_rows ? (n_rows + per_sheet_rows - 1) / per_sheet_rows : 1;
    fg_sheet_block *b = fg_xcalloc(col_blocks * row_blocks, sizeof *b);
    size_t k = 0;
    for (size_t cb = 0; cb < col_blocks; cb++)
        for (size_t rb = 0; rb < row_blocks; rb++, k++) {
            b[k].col0 = n_label + cb * per_sheet_cols;
            b[k].n_cols = n_data_cols ? n_data_cols - cb * per_sheet_cols : 0;
            if (b[k].n_cols > per_sheet_cols)
                b[k].n_cols = per_sheet_cols;
            b[k].row0 = rb * per_sheet_rows;
            b[k].n_rows = n_rows - b[k].row0;
            if (b[k].n_rows > per_sheet_rows)
                b[k].n_rows = per_sheet_rows;
        }
    *out = b;
    return k;
}

/* One sheet of the matrix: the label columns, then the block's agency
 * columns, for the block's rows. */
static void matrix_block(xw *x, const fg_sheet_block *b)
{
    const fg_report *r = x->r;
    new_sheet(x, 1);
    if (x->st != FG_OK)
        return;
    set_width(x, 0, 18, NULL);
    set_width(x, 1, 9, NULL);
    set_width(x, 2, 34, NULL);
    double longest = 4;
    size_t c0 = b->col0 - 3; /* first agency column of the block */
    for (size_t c = 0; c < b->n_cols; c++) {
        /* empty cells take the column's bordered format: only roles are written */
        set_width(x, 3 + c, 5.5, x->center);
        double w = text_width(r->col_names[c0 + c]);
        if (w > longest)
            longest = w;
    }
    worksheet_freeze_panes(x->ws, 2, 3);
    failed(x, worksheet_repeat_rows(x->ws, 1, 1), 1, 0);

    /* row 0: the legend; row 1: agencies written top to bottom */
    put_str(x, 0, 2, x->L->legend, x->plain);
    for (int k = 0; k < FG_N_ROLES; k++)
        put_str(x, 0, 3 + (size_t)k, x->L->role[k], x->role_legend[k]);
    double height = longest / 2.1 * 15 + 10;
    failed(x, worksheet_set_row(x->ws, 1, height > 240 ? 240 : height, NULL), 1, 0);
    for (size_t c = 0; c < 3; c++)
        put_str(x, 1, c, x->L->matrix[c], x->head);
    for (size_t c = 0; c < b->n_cols; c++)
        put_str(x, 1, 3 + c, r->col_names[c0 + c], x->head_vertical);

    fg_buf tmp;
    fg_buf_init(&tmp);
    fg_report_rewind(x->r);
    for (size_t i = 0; x->st == FG_OK && i < b->row0 + b->n_rows &&
                       fg_report_next(x->r, &x->row);
         i++) {
        if (i < b->row0)
            continue;
        const fg_rep_row *row = &x->row;
        size_t rr = i - b->row0 + 2;
        size_t lines = lines_needed(row->heading, 34);
        size_t l0 = lines_needed(r->docs[row->doc].key, 18);
        fit_row(x, rr, lines > l0 ? lines : l0);
        put_str(x, rr, 0, r->docs[row->doc].key, x->text);
        put_str(x, rr, 1, row->measure, x->text);
        put_str(x, rr, 2, row->heading, x->text);
        for (size_t k = 0; k < row->n_cells; k++) {
            size_t col = row->cells[k].col;
            if (col < c0 || col >= c0 + b->n_cols)
                continue;
            unsigned roles = row->cells[k].roles;
            put_str(x, rr, 3 + col - c0, role_label(x, roles, &tmp), x->role[roles]);
        }
    }
    fg_buf_fini(&tmp);
}

/* The matrix, continued on 矩阵 2, 矩阵 3 … past Excel's 16,384 columns or
 * 1,048,576 rows (a bracket of 100,000 unknown names makes as many
 * columns). */
static void matrix_sheet(xw *x)
{
    fg_sheet_block *blocks;
    size_t n = fg_xlsx_plan(x->r->n_rows, 3 + x->r->n_cols, 3, x->max_rows - 1, LXW_COL_MAX,
                            &blocks);
    for (size_t k = 0; k < n && x->st == FG_OK; k++) {
        char name[40];
        if (k == 0)
            snprintf(name, sizeof name, "%s", x->L->sheet[1]);
        else
            snprintf(name, sizeof name, "%s %zu", x->L->sheet[1], k + 1);
        x->sheet_name = name;
        matrix_block(x, &blocks[k]);
        x->sheet_name = NULL;
    }
    free(blocks);
}

/*** 统计 ***/

static const fg_report *sort_report;

static int busiest_first(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    size_t tx = sort_report->loads[x].total, ty = sort_report->loads[y].total;
    if (tx != ty)
        return tx > ty ? -1 : 1;
    return x < y ? -1 : x > y; /* ties keep the official order */
}

static void workload_chart(xw *x, size_t first_row, size_t n_top)
{
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_BAR);
    lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
    chart_series_set_categories(s, x->sheet, (lxw_row_t)first_row, 0,
                                (lxw_row_t)(first_row + n_top - 1), 0);
    chart_series_set_values(s, x->sheet, (lxw_row_t)first_row, 1,
                            (lxw_row_t)(first_row + n_top - 1), 1);
    lxw_chart_fill fill = {.color = 0x5B9BD5};
    chart_series_set_fill(s, &fill);
    chart_title_set_name(chart, x->L->chart_title);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    chart_axis_set_reverse(chart->y_axis); /* the busiest on top */
    chart_axis_set_interval_unit(chart->y_axis, 1); /* every name shown */
    lxw_chart_options opt = {.x_scale = 1.5, .y_scale = 2.0};
    failed(x, worksheet_insert_chart_opt(x->ws, (lxw_row_t)(first_row - 1), 3, chart, &opt),
           first_row - 1, 3);
}

static void stats_sheet(xw *x)
{
    const fg_report *r = x->r;
    new_sheet(x, 2);
    if (x->st != FG_OK)
        return;
    double *by_doc = fg_xcalloc(r->n_docs + 1, sizeof *by_doc);
    /* one column per document, while they fit on a sheet */
    size_t n_docs = 7 + r->n_docs <= LXW_COL_MAX ? r->n_docs : 0;
    set_width(x, 0, 22, NULL);
    for (size_t c = 1; c < 7; c++)
        set_width(x, c, 8, NULL);
    for (size_t d = 0; d < n_docs; d++)
        set_width(x, 7 + d, 16, NULL);
    worksheet_freeze_panes(x->ws, 1, 1);
    failed(x, worksheet_autofilter(x->ws, 0, 0, (lxw_row_t)r->n_cols, (lxw_col_t)(6 + n_docs)),
           0, 0);
    for (size_t c = 0; c < 7; c++)
        put_str(x, 0, c, x->L->stats[c], x->head);
    for (size_t d = 0; d < n_docs; d++)
        put_str(x, 0, 7 + d, r->docs[d].key, x->head);
    if (n_docs < r->n_docs)
        put_str(x, 0, 7, x->L->too_many_docs, x->plain);
    static const fg_role ORDER[] = {FG_ROLE_LEAD, FG_ROLE_RESPONSIBLE, FG_ROLE_SUPPORT,
                                    FG_ROLE_JOINT, FG_ROLE_GUIDE};
    for (size_t c = 0; c < r->n_cols && x->st == FG_OK; c++) {
        const fg_rep_load *l = &r->loads[c];
        put_str(x, 1 + c, 0, r->col_names[c], x->text);
        for (size_t k = 0; k < 5; k++)
            put_num(x, 1 + c, 1 + k, (double)l->by_role[ORDER[k]], x->number);
        put_num(x, 1 + c, 6, (double)l->total, x->number);
        for (size_t k = 0; k < l->n_docs; k++)
            by_doc[l->docs[k].doc] = (double)l->docs[k].n;
        for (size_t d = 0; d < n_docs; d++)
            put_num(x, 1 + c, 7 + d, by_doc[d], x->number);
        for (size_t k = 0; k < l->n_docs; k++)
            by_doc[l->docs[k].doc] = 0;
    }

    /* below the table: the busiest agencies and their chart */
    size_t *order = fg_xcalloc(r->n_cols + 1, sizeof *order);
    for (size_t c = 0; c < r->n_cols; c++)
        order[c] = c;
    sort_report = r;
    qsort(order, r->n_cols, sizeof *order, busiest_first);
    size_t n_top = r->n_cols < TOP_N ? r->n_cols : TOP_N;
    size_t base = r->n_cols + 3;
    if (n_top > 0) {
        put_str(x, base, 0, x->L->top_title, x->title);
        put_str(x, base + 1, 0, x->L->stats[0], x->head);
        put_str(x, base + 1, 1, x->L->stats[6], x->head);
        for (size_t i = 0; i < n_top; i++) {
            put_str(x, base + 2 + i, 0, r->col_names[order[i]], x->text);
            put_num(x, base + 2 + i, 1, (double)r->loads[order[i]].total, x->number);
        }
        if (x->st == FG_OK)
            workload_chart(x, base + 2, n_top);
    }
    free(order);
    free(by_doc);
}

/*** 文件 and 问题 ***/

/* A plain table sheet: column widths, a bold header row, frozen, with an
 * autofilter over `n_rows` rows. False when the sheet could not be added. */
static bool table_sheet(xw *x, int index, const double *width, const char *const *head,
                        size_t n_cols, size_t n_rows)
{
    new_sheet(x, index);
    if (x->st != FG_OK)
        return false;
    for (size_t c = 0; c < n_cols; c++)
        set_width(x, c, width[c], NULL);
    worksheet_freeze_panes(x->ws, 1, 0);
    failed(x, worksheet_autofilter(x->ws, 0, 0, (lxw_row_t)n_rows, (lxw_col_t)(n_cols - 1)), 0,
           0);
    for (size_t c = 0; c < n_cols; c++)
        put_str(x, 0, c, head[c], x->head);
    return x->st == FG_OK;
}

/* The lines the tallest of n cells takes (rows of 文件 and 问题). */
static size_t cells_lines(const char *const *s, const double *width, size_t n)
{
    size_t lines = 1;
    for (size_t c = 0; c < n; c++) {
        size_t l = lines_needed(s[c], width[c]);
        lines = l > lines ? l : lines;
    }
    return lines;
}

static void documents_sheet(xw *x)
{
    static const double WIDTH[14] = {20, 40, 20, 16, 12, 30, 8, 10, 8, 8, 10, 12, 10, 30};
    if (!table_sheet(x, 3, WIDTH, x->L->docs, 14, x->r->n_docs))
        return;
    for (size_t i = 0; i < x->r->n_docs && x->st == FG_OK; i++) {
        const fg_rep_doc *d = &x->r->docs[i];
        const char *s[6] = {d->key, d->title, d->number, d->issuer, d->date, d->path};
        fit_row(x, 1 + i, cells_lines(s, WIDTH, 6));
        for (size_t c = 0; c < 6; c++)
            put_str(x, 1 + i, c, s[c], x->text);
        put_num(x, 1 + i, 6, (double)d->measures, x->number);
        put_num(x, 1 + i, 7, (double)d->attributed, x->number);
        put_num(x, 1 + i, 8, (double)d->agencies, x->number);
        put_num(x, 1 + i, 9, (double)d->warnings, x->number);
        put_str(x, 1 + i, 10, d->level, x->text);
        put_str(x, 1 + i, 11, d->published ? d->published : "", x->text);
        put_str(x, 1 + i, 12, d->status ? d->status : "", x->text);
        put_str(x, 1 + i, 13, d->duplicate_of ? d->duplicate_of : "", x->text);
    }
}

/* 问题, going on over 问题 2 … past Excel's rows. */
static void issues_sheet(xw *x)
{
    static const double WIDTH[6] = {40, 7, 7, 8, 22, 80};
    size_t per, n_parts = sheets_for(x, x->r->n_diags, 1, &per);
    fg_buf zh;
    fg_buf_init(&zh);
    for (size_t k = 0, i = 0; k < n_parts && x->st == FG_OK; k++) {
        char name[40];
        part_name(x, 4, k, name, sizeof name);
        size_t n = x->r->n_diags - k * per < per ? x->r->n_diags - k * per : per;
        x->sheet_name = name;
        bool ok = table_sheet(x, 4, WIDTH, x->L->diags, 6, n);
        x->sheet_name = NULL;
        if (!ok)
            break;
        for (size_t r = 1; r <= n && x->st == FG_OK; r++, i++) {
            const fg_rep_diag *d = &x->r->diags[i];
            /* in the workbook's language; the CLI and the code stay English */
            fg_buf_clear(&zh);
            const char *message = d->message;
            if (x->r->lang == FG_LANG_ZH) {
                fg_message_zh(d->code, d->message, &zh);
                message = zh.ptr ? zh.ptr : "";
            }
            const char *s[6] = {d->path, "", "", "", d->code, message};
            fit_row(x, r, cells_lines(s, WIDTH, 6));
            put_str(x, r, 0, d->path, x->text);
            if (d->line) {
                put_num(x, r, 1, (double)d->line, x->number);
                put_num(x, r, 2, (double)d->col, x->number);
            } else {
                put_str(x, r, 1, NULL, x->number);
                put_str(x, r, 2, NULL, x->number);
            }
            put_str(x, r, 3, x->L->severity[d->severity], x->text);
            put_str(x, r, 4, d->code, x->text);
            put_str(x, r, 5, message, x->text);
        }
    }
    fg_buf_fini(&zh);
}

/*** Workbook ***/

fg_status fg_xlsx_write(const char *path, fg_report *rep, time_t created, char *err,
                        size_t n_err)
{
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    xw x = {.r = rep, .L = rep->lang == FG_LANG_EN ? &EN : &ZH, .err = err, .n_err = n_err,
            .max_rows = rep->sheet_rows ? rep->sheet_rows : LXW_ROW_MAX};
    x.wb = workbook_new_opt(path, &opt);
    if (!x.wb) {
        snprintf(err, n_err, "cannot create workbook %s", path);
        return FG_ERR_XLSX;
    }
    lxw_doc_properties props = {0};
    props.title = (char *)x.L->title;
    props.author = "fengong";
    props.created = created;
    workbook_set_properties(x.wb, &props);
    make_formats(&x);
    allocation_sheet(&x);
    matrix_sheet(&x);
    stats_sheet(&x);
    agency_sheet(&x);
    documents_sheet(&x);
    issues_sheet(&x);
    lxw_error e = workbook_close(x.wb);
    fg_rep_row_fini(&x.row);
    if (x.st == FG_OK && rep->spill_failed) {
        snprintf(err, n_err, "cannot read back the temporary file of matrix rows");
        x.st = FG_ERR_WRITE;
    }
    if (x.st == FG_OK && e != LXW_NO_ERROR) {
        snprintf(err, n_err, "cannot write workbook %s: %s", path, lxw_strerror(e));
        x.st = FG_ERR_XLSX;
    }
    return x.st;
}
