/* Stage 1, read: Word .docx files (libzip, libxml2) as text the later
 * stages read, one line per paragraph (see docx.c). */
#ifndef FG_DOCX_H
#define FG_DOCX_H

#include "fengong.h"

#include <stdbool.h>
#include <stddef.h>

/* The most bytes one part of a .docx may inflate to (a zip bomb is an
 * error of that document). */
#define FG_DOCX_MAX_PART (64u << 20)

/* Sets up libxml2 once, before threads read documents. */
void fg_docx_init(void);

/* True when `data` starts like a zip file (PK\3\4). */
bool fg_docx_sniff(const char *data, size_t len);

/* Reads the .docx in data[0..len) (borrowed) into *text (UTF-8, owned by
 * the caller, NUL-terminated, *text_len bytes). On failure returns
 * FG_ERR_READ and says why in err: not a zip, no word/document.xml, a part
 * too large when inflated, XML that is not well-formed. */
fg_status fg_docx_read(const char *data, size_t len, char **text, size_t *text_len, char *err,
                       size_t n_err);

#endif
