/* Stage 1, read/decode: file bytes to valid UTF-8 text plus a line-start
 * table, so that later stages can report line and column. */
#ifndef FG_SOURCE_H
#define FG_SOURCE_H

#include "diag.h"
#include "fengong.h"

#include <stddef.h>

typedef struct fg_source {
    char *text;          /* decoded, valid UTF-8, NUL-terminated, owned */
    size_t len;
    size_t *line_starts; /* offset of each line's first byte, owned */
    size_t n_lines;
    /* the last position located: locating goes on from there when it can,
     * so that many names on one long line (an HTML page) cost linear time */
    size_t last_off, last_line, last_col;
} fg_source;

/* Reads a whole file into a new buffer (*data, owned by the caller).
 * Returns FG_ERR_OPEN or FG_ERR_READ with errno set on failure. */
fg_status fg_source_read_file(const char *path, char **data, size_t *len);

/* Decodes `len` bytes (borrowed) into `src`. Invalid UTF-8 is replaced by
 * U+FFFD with one warning; a UTF-8 BOM is dropped; NUL bytes make the input
 * binary: an error `not-text` and an empty source, and false is returned. */
bool fg_source_decode(fg_source *src, const char *data, size_t len, fg_diags *diags);

void fg_source_fini(fg_source *src);

/* Line and column (from 1, column in code points) of byte offset `off`. */
void fg_source_locate(fg_source *src, size_t off, size_t *line, size_t *col);

#endif
