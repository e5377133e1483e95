/* Document identity: the first 16 hex digits of a SHA-256 of a file's bytes. */
#ifndef FG_DIGEST_H
#define FG_DIGEST_H

#include <stddef.h>
#include <stdint.h>

enum { FG_DOC_ID_LEN = 16 };

/* Writes FG_DOC_ID_LEN lowercase hex digits and a NUL to out, and returns
 * the same first 64 bits of the digest as a number (the content hash that
 * finds byte-identical files). */
uint64_t fg_doc_id(const void *data, size_t len, char out[FG_DOC_ID_LEN + 1]);

#endif
