/* UTF-8 decoding and encoding. The decoder rejects overlong forms,
 * surrogates and code points above U+10FFFF, so that everything the
 * pipeline passes on (to PCRE2 with PCRE2_NO_UTF_CHECK, to libxlsxwriter)
 * is valid UTF-8. */
#include "utf8.h"

#include "buf.h"

#include <stdio.h>
#include <string.h>

int32_t fg_utf8_decode(const char *str, size_t len, size_t *n)
{
    const unsigned char *s = (const unsigned char *)str;
    *n = 1;
    if (len == 0)
        return -1;
    unsigned c = s[0];
    if (c < 0x80)
        return (int32_t)c;
    size_t need;
    int32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2; cp = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3; cp = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4; cp = c & 0x07; min = 0x10000;
    } else {
        return -1;
    }
    size_t i;
    for (i = 1; i < need; i++) {
        if (i >= len || (s[i] & 0xC0) != 0x80) {
            *n = i;
            return -1;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *n = 1;
        return -1;
    }
    *n = need;
    return cp;
}

size_t fg_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The text is valid UTF-8 (the source stage sees to it), so code points
 * are the bytes that are not continuation bytes: a loop the compiler
 * vectorises. */
size_t fg_utf8_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

bool fg_is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' ||
           cp == '\v' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool fg_is_zero_width(int32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

void fg_utf8_trim(const char *s, size_t *off, size_t *len)
{
    size_t a = *off, b = *off + *len, k;
    while (a < b) {
        int32_t cp = fg_utf8_decode(s + a, b - a, &k);
        if (!fg_is_space(cp) && !fg_is_zero_width(cp))
            break;
        a += k;
    }
    while (b > a) {
        size_t p = b - 1;
        while (p > a && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        int32_t cp = fg_utf8_decode(s + p, b - p, &k);
        if (p + k != b || (!fg_is_space(cp) && !fg_is_zero_width(cp)))
            break;
        b = p;
    }
    *off = a;
    *len = b - a;
}

bool fg_has_prefix(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    return n <= len && memcmp(s, lit, n) == 0;
}

bool fg_has_suffix(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    return n <= len && memcmp(s + len - n, lit, n) == 0;
}

bool fg_utf8_xml_forbidden(int32_t cp)
{
    return (cp >= 0 && cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
           (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp >= 0 && (cp & 0xFFFE) == 0xFFFE);
}

char *fg_utf8_escape_name(const char *name)
{
    size_t len = strlen(name), i = 0, n;
    char *out = fg_xmalloc(len * 4 + 1);
    size_t o = 0;
    while (i < len) {
        int32_t cp = fg_utf8_decode(name + i, len - i, &n);
        if (cp < 0x20 || cp == 0x7F) {
            for (size_t k = 0; k < n; k++)
                o += (size_t)sprintf(out + o, "\\x%02X", (unsigned char)name[i + k]);
        } else {
            memcpy(out + o, name + i, n);
            o += n;
        }
        i += n;
    }
    out[o] = '\0';
    return out;
}

bool fg_has_bytes(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (n == 0)
        return true;
    for (const char *p = s, *end = s + len; (size_t)(end - p) >= n; p++) {
        p = memchr(p, lit[0], (size_t)(end - p) - n + 1);
        if (!p)
            return false;
        if (memcmp(p, lit, n) == 0)
            return true;
    }
    return false;
}
