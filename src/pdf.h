/* Stage 1, read: PDF files (poppler-glib) as text, page by page. */
#ifndef FG_PDF_H
#define FG_PDF_H

#include "fengong.h"

#include <stdbool.h>
#include <stddef.h>

/* True when `data` starts like a PDF file (%PDF-). */
bool fg_pdf_sniff(const char *data, size_t len);

/* Reads the PDF in data[0..len) (borrowed) into *text (UTF-8, owned by the
 * caller, NUL-terminated, *text_len bytes): each page's text in reading
 * order, its lines as the page has them, a line end between pages.
 * *page_lines (owned, *n_pages items) gives the line (from 1) each page
 * starts on. On failure returns FG_ERR_READ and says why in err: not a
 * PDF, damaged, encrypted, or no text at all (a scanned image: no OCR is
 * done). */
fg_status fg_pdf_read(const char *data, size_t len, char **text, size_t *text_len,
                      size_t **page_lines, size_t *n_pages, char *err, size_t n_err);

#endif
