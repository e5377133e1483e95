/* Stage 1, read: which format a file's bytes are in, and the text of the
 * formats that are not text (Word .docx, PDF). */
#ifndef FG_FORMATS_H
#define FG_FORMATS_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum fg_format {
    FG_FORMAT_TEXT, /* text, HTML, Markdown: decoded as they are */
    FG_FORMAT_DOCX,
    FG_FORMAT_PDF,
    FG_FORMAT_OLE /* .doc, .wps and other binary Office files: not read */
} fg_format;

/* The format data[0..len) is in, by its first bytes. */
fg_format fg_format_sniff(const char *data, size_t len);

/* "text", "docx", "pdf", "doc". */
const char *fg_format_name(fg_format f);

/* How binary Office files are treated: converted by soffice within
 * `seconds`, or (convert false) an error giving the command. */
typedef struct fg_convert {
    bool convert;
    unsigned seconds;
} fg_convert;

/* For a .docx or PDF: its text as the later stages read it, in *text
 * (UTF-8, owned by the caller; for text formats NULL and true). A .doc or
 * .wps is converted to .docx first when `cv` says so. When the file cannot
 * be read or converted, or is a binary Office file not converted, an error
 * diagnostic says why and what to do, and false is returned. */
bool fg_format_text(fg_format f, const char *data, size_t len, const fg_convert *cv, char **text,
                    size_t *text_len, fg_diags *diags);

/* The same, and for a PDF the line (from 1) each page starts on, in
 * *pages (owned by the caller, *n_pages items; NULL and 0 otherwise). */
bool fg_format_text_paged(fg_format f, const char *data, size_t len, const fg_convert *cv,
                          char **text, size_t *text_len, size_t **pages, size_t *n_pages,
                          fg_diags *diags);

#endif
