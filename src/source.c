/* Read/decode stage.
 *
 * Documents arrive in many encodings: UTF-8 with or without a BOM (most
 * reprints), UTF-16 with a BOM (Word's "Unicode text" export), GB18030 or
 * its subsets GBK and GB2312 (older office systems, some gov.cn pages that
 * say so in a <meta charset>), or anything iconv knows when the user names
 * it with --encoding. Everything is decoded once, here, into valid UTF-8 so
 * that every later stage (and PCRE2 with PCRE2_NO_UTF_CHECK) can rely on it.
 *
 * Detection order: a byte-order mark; the forced encoding; UTF-8 when the
 * bytes are valid UTF-8 (or nearly: a damaged UTF-8 file is still UTF-8,
 * not GBK); an HTML <meta charset>; GB18030 when the bytes decode cleanly
 * as GB18030; else UTF-8 with replacement. glibc's iconv does the non-UTF-8
 * work; undecodable bytes become U+FFFD with one warning at the first, and
 * a sequence cut off at the end of the file gets its own warning.
 *
 * Positions: decoding keeps every line break, so line numbers are those of
 * the original file whatever its encoding, and columns count characters,
 * which are the same in UTF-8, UTF-16 and GB18030. Line starts are recorded
 * for \n, \r\n and a lone \r.
 */
#define _POSIX_C_SOURCE 200809L /* fileno */

#include "source.h"

#include "buf.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/*** Reading ***/

enum { SNIFF_BYTES = 65536 };

static bool has_wide_bom(const char *s, size_t len);

/* NUL bytes, in a file that does not start with a UTF-16 or UTF-32
 * byte-order mark, at both even and odd offsets (UTF-16 without a mark has
 * its zero bytes on one side only when it is all ASCII or all CJK; a file
 * with them on both sides is binary or unreadable without --encoding). */
static bool binary_prefix(const char *s, size_t len)
{
    if (has_wide_bom(s, len))
        return false; /* UTF-16 text: 一 is 00 4E, 'a' is 61 00 */
    size_t nul_even = 0, nul_odd = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\0')
            ++*(i % 2 ? &nul_odd : &nul_even);
    if (nul_even + nul_odd == 0)
        return false;
    return nul_even > 0 && nul_odd > 0;
}

/* A .docx (zip) or PDF holds NUL bytes but is a document (formats.c). */
static bool zip_or_pdf(const char *s)
{
    return memcmp(s, "PK\x03\x04", 4) == 0 || memcmp(s, "%PDF-", 5) == 0;
}

fg_status fg_source_read_file(const char *path, bool stop_at_binary, char **data, size_t *len)
{
    return fg_source_read_file_max(path, stop_at_binary, FG_SOURCE_MAX_BYTES, data, len);
}

fg_status fg_source_read_file_max(const char *path, bool stop_at_binary, size_t max, char **data,
                                  size_t *len)
{
    *data = NULL;
    *len = 0;
    /* Opened without blocking, then read blocking: open(2) of a named pipe
     * waits for a writer, and a file a walk listed may have been swapped for
     * one (the run hung for ever); a read of a pipe with no writer ends at
     * once instead. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return FG_ERR_OPEN;
    int fl = fcntl(fd, F_GETFL);
    FILE *fp = fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0 ? NULL : fdopen(fd, "rb");
    if (!fp) {
        int e = errno;
        close(fd);
        errno = e;
        return FG_ERR_OPEN;
    }
    fg_buf b;
    fg_buf_init(&b);
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
        (unsigned long long)st.st_size > max) {
        fclose(fp); /* too large: not even read */
        errno = EFBIG;
        return FG_ERR_READ;
    }
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        fg_buf_reserve(&b, (size_t)st.st_size);
    char chunk[65536];
    size_t n;
    int err = 0;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (b.len + n > max) {
            err = EFBIG;
            break;
        }
        fg_buf_put(&b, chunk, n);
        if (stop_at_binary && b.len >= SNIFF_BYTES && b.len - n < SNIFF_BYTES &&
            binary_prefix(b.ptr, SNIFF_BYTES) && !zip_or_pdf(b.ptr))
            break;
    }
    if (!err && ferror(fp))
        err = errno ? errno : EIO;
    fclose(fp);
    if (err) {
        fg_buf_fini(&b);
        errno = err;
        return FG_ERR_READ;
    }
    *len = b.len;
    *data = fg_buf_detach(&b);
    return FG_OK;
}

/*** Encoding names ***/

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

static bool name_is(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (ascii_lower(*a) != ascii_lower(*b))
            return false;
    return *a == *b;
}

/* The GB family: GB18030 decodes all of them. */
static bool gb_family(const char *name)
{
    static const char *const GB[] = {"gbk",        "gb2312", "gb_2312",     "gb-2312",
                                     "gb18030",    "cp936",  "x-gbk",       "euc-cn",
                                     "gb_2312-80", "ms936",  "windows-936", NULL};
    for (const char *const *g = GB; *g; g++)
        if (name_is(name, *g))
            return true;
    return false;
}

static bool iconv_knows(const char *name)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return false;
    iconv_close(cd);
    return true;
}

char *fg_encoding_resolve(const char *name)
{
    if (!name || !*name)
        return NULL;
    if (gb_family(name))
        return fg_xstrdup("GB18030");
    if (name_is(name, "utf8") || name_is(name, "utf-8"))
        return fg_xstrdup("UTF-8");
    char *up = fg_xstrdup(name);
    for (char *p = up; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 32);
    if (!iconv_knows(up)) {
        free(up);
        return NULL;
    }
    return up;
}

/* Case-insensitive: does s[0..len) start with the lower-case `lit`? */
static bool ascii_prefix(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (n > len)
        return false;
    for (size_t k = 0; k < n; k++)
        if (ascii_lower(s[k]) != lit[k])
            return false;
    return true;
}

/* The name a page declares in <meta charset="gbk"> or <meta http-equiv=
 * "Content-Type" content="text/html; charset=gb2312">, looked for in the
 * first 64 KiB; written into `out` (empty when none). */
static void meta_charset(const char *s, size_t len, char *out, size_t n_out)
{
    out[0] = '\0';
    if (len > SNIFF_BYTES)
        len = SNIFF_BYTES;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '<' || !ascii_prefix(s + i, len - i, "<meta"))
            continue;
        const char *gt = memchr(s + i, '>', len - i);
        size_t end = gt ? (size_t)(gt - s) : len;
        for (size_t j = i + 5; j < end; j++) {
            if (!ascii_prefix(s + j, end - j, "charset"))
                continue;
            size_t p = j + 7;
            while (p < end && (s[p] == ' ' || s[p] == '\t'))
                p++;
            if (p >= end || s[p] != '=')
                continue;
            p++;
            while (p < end && (s[p] == ' ' || s[p] == '\t' || s[p] == '"' || s[p] == '\''))
                p++;
            size_t q = 0;
            while (p < end && q + 1 < n_out &&
                   ((s[p] >= 'a' && s[p] <= 'z') || (s[p] >= 'A' && s[p] <= 'Z') ||
                    (s[p] >= '0' && s[p] <= '9') || strchr("-_.:", s[p])))
                out[q++] = s[p++];
            out[q] = '\0';
            if (q > 0)
                return;
        }
        i = end;
    }
}

/*** Decoding ***/

/* What one decoding pass found. Offsets are in the decoded text. */
typedef struct decode_stats {
    size_t n_bad, first_bad; /* undecodable sequences (each became U+FFFD) */
    bool cut;                /* the input ends inside a multi-byte sequence */
    size_t cut_at;
    size_t n_multi; /* well-formed multi-byte sequences (UTF-8 only) */
} decode_stats;

static size_t utf8_need(unsigned char c)
{
    return c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
}

/* True when s[0..len) is the start of a multi-byte sequence that the end
 * of the input cut off: a lead byte and fewer continuation bytes than it
 * needs, nothing else. */
static bool utf8_cut(const char *s, size_t len)
{
    size_t need = utf8_need((unsigned char)s[0]);
    if (need == 0 || len >= need)
        return false;
    for (size_t i = 1; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return false;
    return true;
}

/* UTF-8 to UTF-8 with U+FFFD for each invalid sequence; well-formed runs
 * are copied whole. */
static void decode_utf8(const char *data, size_t len, fg_buf *out, decode_stats *st)
{
    memset(st, 0, sizeof *st);
    fg_buf_reserve(out, len);
    size_t i = 0, run = 0; /* data[run..i) is well-formed and not yet copied */
    while (i < len) {
        if ((unsigned char)data[i] < 0x80) {
            i++;
            continue;
        }
        size_t k;
        if (fg_utf8_decode(data + i, len - i, &k) >= 0) {
            st->n_multi++;
            i += k;
            continue;
        }
        fg_buf_put(out, data + run, i - run);
        if (i + k == len && utf8_cut(data + i, k)) {
            st->cut = true;
            st->cut_at = out->len;
        } else if (st->n_bad++ == 0) {
            st->first_bad = out->len;
        }
        fg_buf_put(out, "\xEF\xBF\xBD", 3);
        i += k;
        run = i;
    }
    fg_buf_put(out, data + run, len - run);
}

/* Bytes to skip after an undecodable sequence: one code unit. */
static size_t unit_of(const char *enc)
{
    if (strncmp(enc, "UTF-16", 6) == 0 || strncmp(enc, "UCS-2", 5) == 0)
        return 2;
    if (strncmp(enc, "UTF-32", 6) == 0 || strncmp(enc, "UCS-4", 5) == 0)
        return 4;
    return 1;
}

/* Any encoding to UTF-8 through iconv. With `strict`, gives up (false) at
 * the first undecodable sequence; otherwise replaces each by U+FFFD and
 * goes on. Either way a sequence cut off by the end of the input becomes
 * U+FFFD and is reported in st->cut (a GBK file cut in its last character
 * is still GBK). False also when iconv cannot open `enc`. */
static bool decode_iconv(const char *enc, const char *data, size_t len, bool strict, fg_buf *out,
                         decode_stats *st)
{
    memset(st, 0, sizeof *st);
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return false;
    size_t unit = unit_of(enc);
    char *in = (char *)data;
    size_t in_left = len;
    fg_buf_reserve(out, len + len / 2 + 16);
    bool ok = true;
    while (in_left > 0) {
        char *o = out->ptr + out->len;
        size_t o_left = out->cap - out->len - 1;
        size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
        int e = errno;
        out->len = (size_t)(o - out->ptr);
        if (rc != (size_t)-1)
            break;
        if (e == E2BIG) {
            fg_buf_reserve(out, in_left * 2 + 64);
            continue;
        }
        if (strict && e != EINVAL) { /* a cut at the very end is still clean */
            ok = false;
            break;
        }
        if (e == EINVAL) { /* incomplete sequence: the input ends inside it */
            st->cut = true;
            st->cut_at = out->len;
            fg_buf_put(out, "\xEF\xBF\xBD", 3);
            break;
        }
        if (st->n_bad++ == 0) /* EILSEQ */
            st->first_bad = out->len;
        fg_buf_put(out, "\xEF\xBF\xBD", 3);
        size_t skip = unit < in_left ? unit : in_left;
        in += skip;
        in_left -= skip;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    fg_buf_reserve(out, 0);
    out->ptr[out->len] = '\0';
    return ok;
}

/*** Detection ***/

typedef struct bom {
    const char *bytes;
    size_t len;
    const char *encoding;
} bom;

/* UTF-32LE before UTF-16LE: its mark starts with the same two bytes. */
static const bom BOMS[] = {{"\xEF\xBB\xBF", 3, "UTF-8"},
                           {"\xFF\xFE\x00\x00", 4, "UTF-32LE"},
                           {"\x00\x00\xFE\xFF", 4, "UTF-32BE"},
                           {"\xFF\xFE", 2, "UTF-16LE"},
                           {"\xFE\xFF", 2, "UTF-16BE"}};

static const bom *find_bom(const char *data, size_t len)
{
    for (size_t i = 0; i < sizeof BOMS / sizeof BOMS[0]; i++)
        if (len >= BOMS[i].len && memcmp(data, BOMS[i].bytes, BOMS[i].len) == 0)
            return &BOMS[i];
    return NULL;
}

static bool has_wide_bom(const char *s, size_t len)
{
    const bom *b = find_bom(s, len);
    return b && strcmp(b->encoding, "UTF-8") != 0;
}

/* A few damaged sequences in text that is otherwise UTF-8 (one for every
 * four well-formed multi-byte characters at most) leave it UTF-8. Chinese
 * GBK text read as UTF-8 has the opposite proportion, about four invalid
 * sequences for each one that happens to be well-formed (measured on the
 * seeds and the corpus), so the two do not meet. */
static bool nearly_utf8(const decode_stats *u)
{
    return u->n_bad == 0 || u->n_bad * 4 <= u->n_multi;
}

/* Decodes with the encoding a page declares; false when it declares
 * none, or UTF-8 (then the caller repairs UTF-8), or one iconv lacks. */
static bool decode_declared(const char *data, size_t len, fg_buf *out, decode_stats *st,
                            char *enc_out, size_t n_enc, fg_diags *diags)
{
    char declared[64];
    meta_charset(data, len, declared, sizeof declared);
    if (!declared[0])
        return false;
    char *enc = fg_encoding_resolve(declared);
    if (!enc) {
        fg_diags_add(diags, FG_NOTE, "encoding", FG_NO_OFFSET,
                     "the page declares charset “%s”, which iconv does not know: ignored",
                     declared);
        return false;
    }
    bool used = strcmp(enc, "UTF-8") != 0;
    if (used) {
        decode_iconv(enc, data, len, false, out, st);
        snprintf(enc_out, n_enc, "%s", enc);
        fg_diags_add(diags, FG_NOTE, "encoding", FG_NO_OFFSET,
                     "read as %s, the charset the page declares (%s)", enc, declared);
    }
    free(enc);
    return used;
}

/* True when data[0..len) is valid UTF-8 with at least one multi-byte
 * character (an ASCII line reads the same in every encoding). */
static bool utf8_line(const char *data, size_t len, bool *multi)
{
    *multi = false;
    for (size_t i = 0, k; i < len; i += k) {
        if ((unsigned char)data[i] < 0x80) {
            k = 1;
            continue;
        }
        if (fg_utf8_decode(data + i, len - i, &k) < 0)
            return false;
        *multi = true;
    }
    return true;
}

/* GB18030 line by line: a line that is valid UTF-8 stays UTF-8 (a UTF-8
 * footer on a GBK page), every other line is GB18030 with U+FFFD for its
 * bad bytes (a stray byte in a GBK file). Sets *n_utf8 to the lines kept as
 * UTF-8. */
static void decode_mixed(const char *data, size_t len, fg_buf *out, decode_stats *st,
                         size_t *n_utf8)
{
    memset(st, 0, sizeof *st);
    *n_utf8 = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (data + i)) + 1 : len - i;
        bool multi;
        if (utf8_line(data + i, n, &multi)) {
            fg_buf_put(out, data + i, n);
            *n_utf8 += multi;
        } else {
            decode_stats line;
            decode_iconv("GB18030", data + i, n, false, out, &line);
            if (line.n_bad && st->n_bad == 0)
                st->first_bad = line.first_bad;
            st->n_bad += line.n_bad;
            if (line.cut) {
                st->cut = true;
                st->cut_at = line.cut_at;
            }
        }
        i += n;
    }
    fg_buf_reserve(out, 0);
    out->ptr[out->len] = '\0';
}

/* Decides the encoding, writes its name into enc (n_enc bytes) and decodes
 * into `out`; notes what it decided when it was a guess or overrode the
 * user's choice. */
static void detect_and_decode(const char *data, size_t len, const char *forced, fg_buf *out,
                              decode_stats *st, char *enc, size_t n_enc, fg_diags *diags)
{
    const bom *b = find_bom(data, len);
    if (b) {
        if (forced && strcmp(forced, b->encoding) != 0)
            fg_diags_add(diags, FG_NOTE, "encoding", FG_NO_OFFSET,
                         "the file starts with a %s byte-order mark: read as %s, not as the "
                         "encoding given (%s)",
                         b->encoding, b->encoding, forced);
        snprintf(enc, n_enc, "%s", b->encoding);
        if (strcmp(b->encoding, "UTF-8") == 0)
            decode_utf8(data + b->len, len - b->len, out, st);
        else
            decode_iconv(b->encoding, data + b->len, len - b->len, false, out, st);
        return;
    }
    if (forced && strcmp(forced, "UTF-8") != 0) {
        snprintf(enc, n_enc, "%s", forced);
        decode_iconv(forced, data, len, false, out, st);
        return;
    }
    snprintf(enc, n_enc, "UTF-8");
    decode_utf8(data, len, out, st);
    if (forced || nearly_utf8(st))
        return;
    fg_buf_clear(out); /* not UTF-8: try the others, else decode it again below */
    if (decode_declared(data, len, out, st, enc, n_enc, diags))
        return;
    if (decode_iconv("GB18030", data, len, true, out, st)) {
        snprintf(enc, n_enc, "GB18030");
        fg_diags_add(diags, FG_NOTE, "encoding", FG_NO_OFFSET, "%s",
                     "read as GB18030 (GBK): the bytes are not UTF-8 and decode cleanly as "
                     "GB18030");
        return;
    }
    /* neither decodes cleanly: whichever has fewer errors over the whole
     * file, GB18030 taken line by line (a stray byte, a UTF-8 footer); but
     * bytes with NULs (a binary, UTF-16 without a mark) are neither, and are
     * told not text below */
    if (memchr(data, '\0', len)) {
        fg_buf_clear(out);
        decode_utf8(data, len, out, st);
        return;
    }
    decode_stats as_utf8;
    fg_buf utf8;
    fg_buf_init(&utf8);
    decode_utf8(data, len, &utf8, &as_utf8);
    size_t n_utf8_lines;
    fg_buf_clear(out);
    decode_mixed(data, len, out, st, &n_utf8_lines);
    if (st->n_bad + st->cut < as_utf8.n_bad + as_utf8.cut) {
        fg_buf_fini(&utf8);
        snprintf(enc, n_enc, "GB18030");
        fg_diags_add(diags, FG_NOTE, "encoding", FG_NO_OFFSET,
                     "read as GB18030 (GBK), which leaves fewer bytes undecodable than UTF-8 "
                     "(%zu against %zu)%s",
                     st->n_bad, as_utf8.n_bad,
                     n_utf8_lines ? "; lines that are UTF-8 were read as UTF-8" : "");
        return;
    }
    fg_buf_fini(out);
    *out = utf8;
    *st = as_utf8;
}

/*** Source ***/

static void build_lines(fg_source *src)
{
    size_t cap = 0;
    src->n_lines = 0;
    src->line_starts = fg_xgrow(NULL, &cap, 1, sizeof(size_t));
    src->line_starts[src->n_lines++] = 0;
    src->n_ck = src->len / FG_SOURCE_CK + 1;
    src->ck_chars = fg_xcalloc(src->n_ck, sizeof *src->ck_chars);
    size_t chars = 0; /* characters since the line's start */
    for (size_t i = 0; i < src->len; i++) {
        if (i % FG_SOURCE_CK == 0)
            src->ck_chars[i / FG_SOURCE_CK] = chars;
        char c = src->text[i];
        chars += ((unsigned char)c & 0xC0) != 0x80; /* valid UTF-8: lead bytes */
        if (c == '\r' && i + 1 < src->len && src->text[i + 1] == '\n')
            continue;
        if (c == '\n' || c == '\r') {
            src->line_starts = fg_xgrow(src->line_starts, &cap, src->n_lines + 1,
                                        sizeof(size_t));
            src->line_starts[src->n_lines++] = i + 1;
            chars = 0;
        }
    }
}

void fg_source_init_empty(fg_source *src)
{
    memset(src, 0, sizeof *src);
    src->text = fg_xstrdup("");
    snprintf(src->encoding, sizeof src->encoding, "UTF-8");
    build_lines(src);
}

static bool maybe_forbidden(const unsigned char *p, size_t left);

/* One pass over the decoded text: whether control characters other than
 * tab, line ends, form feed and escape make more than one character in ten
 * (not text, even without a NUL), and where the first character XML
 * forbids may be (*first, or len when there is none). The common bytes,
 * ASCII letters and CJK lead and continuation bytes, cost one test. */
static bool mostly_control(const char *s, size_t len, size_t *first)
{
    size_t n_ctrl = 0, n_chars = 0;
    *first = len;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        n_chars += (c & 0xC0) != 0x80;
        if (c >= 0x20 && c < 0xEF && c != 0x7F)
            continue;
        n_ctrl += (c < 0x20 && !strchr("\t\n\v\f\r\x1b", c)) || c == 0x7F;
        if (*first == len && maybe_forbidden((const unsigned char *)s + i, len - i))
            *first = i;
    }
    return n_chars >= 32 && n_ctrl * 10 > n_chars;
}

/* Replaces the characters XML forbids by U+FFFD (form feed and vertical tab,
 * page and line breaks of plain text, by a space), so that nothing written
 * later (the workbook's XML, the CSVs) is ill-formed. Returns how many were
 * replaced and where the first was. */
/* A byte that may start a character XML forbids: a C0 control, or the
 * lead of U+FDD0..U+FDEF, U+xFFFE/U+xFFFF (EF B7 9x/Ax, EF BF BE/BF, and
 * F0..F4 xF BF BE/BF). Only those are decoded: the scan stays a byte loop. */
static bool maybe_forbidden(const unsigned char *p, size_t left)
{
    if (p[0] < 0x20)
        return p[0] != '\t' && p[0] != '\n' && p[0] != '\r';
    if (p[0] == 0xEF && left >= 3)
        return (p[1] == 0xB7 && p[2] >= 0x90 && p[2] <= 0xAF) ||
               (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF));
    if (p[0] >= 0xF0 && left >= 4)
        return (p[1] & 0x0F) == 0x0F && p[2] == 0xBF && (p[3] == 0xBE || p[3] == 0xBF);
    return false;
}

/* `from` is where mostly_control() found the first candidate (b->len: none). */
static size_t replace_forbidden(fg_buf *b, size_t from, size_t *first)
{
    size_t n = 0, i = from, k;
    if (i >= b->len)
        return 0; /* the usual case: nothing to copy */
    *first = i;
    fg_buf out;
    fg_buf_init(&out);
    fg_buf_reserve(&out, b->len + 16);
    fg_buf_put(&out, b->ptr, i);
    while (i < b->len) {
        int32_t cp = fg_utf8_decode(b->ptr + i, b->len - i, &k);
        if (cp == '\f' || cp == '\v') {
            fg_buf_putc(&out, ' ');
        } else if (fg_utf8_xml_forbidden(cp)) {
            fg_buf_puts(&out, "\xEF\xBF\xBD");
            n++;
        } else {
            fg_buf_put(&out, b->ptr + i, k);
        }
        i += k;
    }
    fg_buf_fini(b);
    *b = out;
    return n;
}

static void report_not_text(const char *data, size_t len, const char *why, fg_diags *diags)
{
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    size_t nul_even = 0, nul_odd = 0;
    for (size_t i = 0; i < n; i++)
        if (data[i] == '\0')
            ++*(i % 2 ? &nul_odd : &nul_even);
    const char *hint = "";
    if (nul_odd > 0 && nul_even == 0)
        hint = " (it looks like UTF-16 without a byte-order mark: try --encoding UTF-16LE)";
    else if (nul_even > 0 && nul_odd == 0)
        hint = " (it looks like UTF-16 without a byte-order mark: try --encoding UTF-16BE)";
    fg_diags_add(diags, FG_ERROR, "not-text", FG_NO_OFFSET,
                 "the file %s: not a text document (an image or other binary file?), "
                 "skipped%s",
                 why, hint);
}

bool fg_source_decode(fg_source *src, const char *data, size_t len, const char *forced,
                      fg_diags *diags)
{
    memset(src, 0, sizeof *src);
    fg_buf b;
    fg_buf_init(&b);
    fg_buf_reserve(&b, len);
    decode_stats st;
    detect_and_decode(data, len, forced, &b, &st, src->encoding, sizeof src->encoding, diags);
    const char *enc = src->encoding;
    size_t candidate;
    const char *why = memchr(b.ptr, '\0', b.len)                 ? "contains NUL characters"
                      : mostly_control(b.ptr, b.len, &candidate) ? "is mostly control characters"
                                                                 : NULL;
    if (why) {
        fg_buf_fini(&b);
        report_not_text(data, len, why, diags);
        fg_source_init_empty(src);
        return false;
    }
    size_t first_forbidden = 0, n_forbidden = replace_forbidden(&b, candidate, &first_forbidden);
    src->len = b.len;
    src->text = fg_buf_detach(&b);
    build_lines(src);
    if (n_forbidden)
        fg_diags_add(diags, FG_WARNING, "invalid-character", first_forbidden,
                     "%zu character%s that XML forbids (U+FFFE, U+FFFF, control characters) "
                     "replaced by U+FFFD (first here)",
                     n_forbidden, n_forbidden == 1 ? "" : "s");
    if (st.n_bad && strcmp(enc, "UTF-8") == 0)
        fg_diags_add(diags, FG_WARNING, "invalid-utf8", st.first_bad,
                     "%zu invalid UTF-8 sequence%s replaced by U+FFFD (first here)", st.n_bad,
                     st.n_bad == 1 ? "" : "s");
    else if (st.n_bad)
        fg_diags_add(diags, FG_WARNING, "invalid-encoding", st.first_bad,
                     "%zu byte sequence%s invalid in %s replaced by U+FFFD (first here)", st.n_bad,
                     st.n_bad == 1 ? "" : "s", enc);
    if (st.cut)
        fg_diags_add(diags, FG_WARNING, "truncated-sequence", st.cut_at,
                     "the file ends inside a multi-byte %s character (cut off?): replaced by "
                     "U+FFFD",
                     enc);
    if (len == 0 || src->len == 0)
        fg_diags_add(diags, FG_WARNING, "empty", FG_NO_OFFSET, "%s",
                     "the file is empty: there is nothing to read");
    return true;
}

void fg_source_fini(fg_source *src)
{
    free(src->text);
    free(src->line_starts);
    free(src->ck_chars);
    memset(src, 0, sizeof *src);
}

void fg_source_locate(fg_source *src, size_t off, size_t *line, size_t *col)
{
    if (off > src->len)
        off = src->len;
    size_t lo = 0, hi = src->n_lines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (src->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    /* count from the nearest known column: the line's start, the last
     * checkpoint in the line, or the previous answer */
    size_t start = src->line_starts[lo], base = 0;
    size_t ck = off / FG_SOURCE_CK * FG_SOURCE_CK;
    if (ck > start && ck / FG_SOURCE_CK < src->n_ck) {
        start = ck;
        base = src->ck_chars[ck / FG_SOURCE_CK];
    }
    if (src->memo_line == lo + 1 && src->memo_off <= off && src->memo_off > start) {
        start = src->memo_off;
        base = src->memo_col - 1;
    }
    size_t n = 0;
    for (size_t i = start; i < off; i++)
        n += ((unsigned char)src->text[i] & 0xC0) != 0x80;
    *line = lo + 1;
    *col = base + n + 1;
    src->memo_line = *line;
    src->memo_off = off;
    src->memo_col = *col;
}
