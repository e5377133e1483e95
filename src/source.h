/* Stage 1, read/decode: file bytes to valid UTF-8 text plus a line-start
 * table, so that later stages can report line and column. */
#ifndef FG_SOURCE_H
#define FG_SOURCE_H

#include "diag.h"
#include "fengong.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct fg_source {
    char *text; /* decoded, valid UTF-8, NUL-terminated, owned */
    size_t len;
    size_t *line_starts; /* offset of each line's first byte, owned */
    size_t n_lines;
    char encoding[40]; /* what the bytes were read as: "UTF-8", "GB18030", … */
    /* columns in long lines: ck_chars[k] counts the characters from the
     * start of the line holding offset k * FG_SOURCE_CK to that offset */
    size_t *ck_chars;
    size_t n_ck;
    /* fg_source_locate() also remembers its last answer */
    size_t memo_line, memo_off, memo_col;
} fg_source;

/* Bytes between column checkpoints. */
#define FG_SOURCE_CK 4096

/* Largest file fg_source_read_file() accepts (larger: FG_ERR_READ, EFBIG). */
#define FG_SOURCE_MAX_BYTES ((size_t)1 << 30)

/* Reads a whole file into a new buffer (*data, owned by the caller).
 * Returns FG_ERR_OPEN or FG_ERR_READ with errno set on failure. With
 * `stop_at_binary`, reading stops after the first 64 KiB when they hold
 * NUL bytes in no UTF-16 pattern (a binary file, /dev/zero): the decoder
 * then reports it as not text without reading the rest. */
fg_status fg_source_read_file(const char *path, bool stop_at_binary, char **data, size_t *len);
/* The same with a limit of `max` bytes: a larger file is not read
 * (FG_ERR_READ, errno EFBIG). */
fg_status fg_source_read_file_max(const char *path, bool stop_at_binary, size_t max, char **data,
                                  size_t *len);

/* The iconv name fengong uses for a user's encoding name ("gbk" and
 * "gb2312" become "GB18030", their superset; "utf8" becomes "UTF-8"), as a
 * new string the caller frees; NULL when iconv cannot decode it. */
char *fg_encoding_resolve(const char *name);

/* Decodes `len` bytes (borrowed) into `src`. The encoding is, in order: a
 * byte-order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE); `forced` when not
 * NULL; UTF-8 when the bytes are valid UTF-8 (or nearly: a few damaged
 * sequences in UTF-8 text); an HTML <meta charset>; GB18030 when the bytes
 * decode cleanly as GB18030; else UTF-8. Undecodable bytes become U+FFFD
 * with one warning at the first; a sequence cut off at the end of the file
 * gets its own warning. A file whose text holds NUL characters or mostly
 * control characters is not text: an error `not-text`, an empty source,
 * and false is returned. */
bool fg_source_decode(fg_source *src, const char *data, size_t len, const char *forced,
                      fg_diags *diags);

/* An empty source (for a file that could not be read). */
void fg_source_init_empty(fg_source *src);

void fg_source_fini(fg_source *src);

/* Line and column (from 1, column in code points) of byte offset `off`:
 * logarithmic in the number of lines plus at most FG_SOURCE_CK bytes
 * counted, in whatever order offsets come (a heading's attribution
 * located between the items of one 50 MB line of HTML). */
void fg_source_locate(fg_source *src, size_t off, size_t *line, size_t *col);

#endif
