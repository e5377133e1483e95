/* A small binary record format for temporary and shard files: unsigned
 * integers as 8 bytes little-endian, strings as a length and the bytes.
 * Readers check every length against what remains, so a damaged file is an
 * error, never an overrun. */
#ifndef FG_SERIAL_H
#define FG_SERIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct fg_out {
    FILE *fp;
    bool failed;
} fg_out;

void fg_put_u64(fg_out *o, uint64_t v);
void fg_put_str(fg_out *o, const char *s);

typedef struct fg_in {
    FILE *fp;
    bool failed; /* short read or an implausible length */
} fg_in;

uint64_t fg_get_u64(fg_in *in);
/* A new NUL-terminated string (the caller frees it); "" after a failure. */
char *fg_get_str(fg_in *in);

#endif
