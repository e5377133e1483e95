/* Stage 6, measures: deadlines. The phrase is found by the pattern
 * RX_TEXT_DEADLINE (engine.c); its date is read here by hand, from the
 * phrase's own year (else the document's), month and day. */
#define _GNU_SOURCE /* memmem */

#include "deadline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The words a deadline ends on or is: the pattern is tried only in a window
 * around one of them, from the text's end, so that a measure costs a byte
 * scan and a few short matches (the pattern has no literal to start a
 * search with, and searched whole texts at every byte). */
static const char *const ANCHORS[] = {"前", "年内", "半年", "持续推进", "长期坚持"};

/* A deadline that holds the anchor at text[i..i+an), in the window around
 * it: true with its span. */
static bool match_around(fg_matcher *m, const char *text, size_t len, size_t i, size_t an,
                         size_t *off, size_t *n)
{
    enum { BEFORE = 36, AFTER = 12 }; /* 2024年12月31日 before, 完成 after, in bytes */
    size_t w0 = i > BEFORE ? i - BEFORE : 0, w1 = i + an + AFTER < len ? i + an + AFTER : len;
    while (w0 < i && ((unsigned char)text[w0] & 0xC0) == 0x80)
        w0++; /* a character's start */
    while (w1 < len && ((unsigned char)text[w1] & 0xC0) == 0x80)
        w1++;
    bool found = false;
    for (size_t pos = w0; pos < w1 && fg_match(m, RX_TEXT_DEADLINE, text + pos, w1 - pos);) {
        size_t o, l;
        fg_matcher_group(m, 0, &o, &l);
        if (pos + o <= i && pos + o + l >= i + an) { /* the match holds the anchor */
            *off = pos + o;
            *n = l;
            found = true;
        }
        pos += o + (l ? l : 1);
    }
    return found;
}

bool fg_deadline_in_text(fg_matcher *m, const char *text, size_t len, size_t *off, size_t *n)
{
    bool found = false;
    size_t best_end = 0;
    for (size_t a = 0; a < sizeof ANCHORS / sizeof *ANCHORS; a++) {
        size_t an = strlen(ANCHORS[a]);
        for (const char *p = text; (p = memmem(p, len - (size_t)(p - text), ANCHORS[a], an));
             p += an) {
            size_t o, l;
            if (match_around(m, text, len, (size_t)(p - text), an, &o, &l) &&
                (!found || o + l > best_end)) {
                *off = o;
                *n = l;
                best_end = o + l;
                found = true;
            }
        }
    }
    return found;
}

const char *fg_deadline_source(const char *deadline, const char *attribution, const char *text)
{
    if (!deadline[0])
        return "";
    if (strstr(attribution, deadline))
        return "bracket";
    return strstr(text, deadline) ? "text" : "table";
}

static int days_in(int y, int m)
{
    static const int D[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : D[m - 1];
}

/* The number that ends right before s[at] ("2023" of "2023年"), or -1. */
static int number_before(const char *s, size_t at, size_t *start)
{
    size_t i = at;
    while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
        i--;
    *start = i;
    return i == at || at - i > 4 ? -1 : atoi(s + i);
}

bool fg_deadline_date(const char *dl, const char *doc_date, char out[11])
{
    out[0] = '\0';
    int year = doc_date && strlen(doc_date) >= 4 ? atoi(doc_date) : 0, month = 0, day = 0;
    const char *nian = strstr(dl, "年"), *yue = strstr(dl, "月"), *ri = strstr(dl, "日");
    size_t st;
    if (nian) {
        int y = number_before(dl, (size_t)(nian - dl), &st);
        if (y >= 1900 && y <= 2999)
            year = y;
    }
    if (year == 0)
        return false;
    if (yue) {
        month = number_before(dl, (size_t)(yue - dl), &st);
        if (month < 1 || month > 12)
            return false;
        day = days_in(year, month); /* 6月底前, 6月前: the month's last day */
        if (ri && ri > yue) {
            int d = number_before(dl, (size_t)(ri - dl), &st);
            if (d >= 1 && d <= days_in(year, month))
                day = d;
        } else if (strstr(dl, "中旬")) {
            day = 20;
        } else if (strstr(dl, "上旬")) {
            day = 10;
        }
    } else if (strstr(dl, "上半年")) {
        month = 6, day = 30;
    } else if (strstr(dl, "下半年") || strstr(dl, "年底") || strstr(dl, "年末") ||
               strstr(dl, "年内") || strstr(dl, "底前") || strstr(dl, "末前")) {
        month = 12, day = 31;
    } else {
        return false; /* 持续推进, 长期坚持 */
    }
    snprintf(out, 11, "%04d-%02d-%02d", year, month, day);
    return true;
}
