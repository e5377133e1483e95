/* UTF-8 helpers: decoding with error detection, encoding, and the
 * character classes the pipeline needs (whitespace, CJK punctuation). */
#ifndef FG_UTF8_H
#define FG_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[0..len). Returns it and sets *n to the bytes
 * used; for an invalid or truncated sequence returns -1 and sets *n to the
 * number of bytes to skip (at least 1). */
int32_t fg_utf8_decode(const char *s, size_t len, size_t *n);

/* Writes `cp` as UTF-8 into out (4 bytes of room); returns the length. */
size_t fg_utf8_encode(int32_t cp, char *out);

/* Number of code points in s[0..len), which must be valid UTF-8. */
size_t fg_utf8_count(const char *s, size_t len);

/* True for what XML 1.0 forbids in a document (so in a workbook), beyond
 * the surrogates UTF-8 cannot hold: C0 controls but tab, LF and CR, and the
 * non-characters U+FDD0..U+FDEF and U+xFFFE, U+xFFFF of every plane. */
bool fg_utf8_xml_forbidden(int32_t cp);

/* A file name as it is written out (CSV, workbook, diagnostics, summary):
 * valid UTF-8 kept, and every byte that is not (a GBK name from a Windows
 * archive) or is a control character (a newline that would forge a log
 * line) written as \xNN, two hex digits. A new string the caller frees. */
char *fg_utf8_escape_name(const char *name);

/* Whitespace for our purposes: ASCII space, tab, CR, LF, FF, VT, NBSP,
 * U+2000..U+200A, U+202F, U+205F, U+3000. */
bool fg_is_space(int32_t cp);
/* Zero-width characters removed before matching: U+200B..U+200D, U+2060,
 * U+FEFF. */
bool fg_is_zero_width(int32_t cp);

/* Trims fg_is_space/fg_is_zero_width characters at both ends of
 * s[*off..*off+*len). */
void fg_utf8_trim(const char *s, size_t *off, size_t *len);

/* True when s[0..len) starts with the NUL-terminated `lit`. */
bool fg_has_prefix(const char *s, size_t len, const char *lit);
bool fg_has_suffix(const char *s, size_t len, const char *lit);
/* True when s[0..len) holds the NUL-terminated `lit` anywhere (memchr finds
 * the candidates: a memcmp at every byte cost an eighth of a run). */
bool fg_has_bytes(const char *s, size_t len, const char *lit);

#endif
