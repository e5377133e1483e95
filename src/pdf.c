/* Stage 1, read: a PDF through poppler-glib. Each page's text comes from
 * poppler_page_get_text(), which gives it in reading order with the page's
 * own line breaks; the pages follow one another, a line end between them.
 * Lines wrapped in mid-sentence and page furniture (— 3 —) are the
 * normaliser's to rejoin and drop, as for text pasted from a PDF.
 *
 * Chosen over MuPDF (libmupdf-dev, 1.21): poppler-glib is a shared library
 * under the GPL (MuPDF is AGPL and links statically with its own copies of
 * many libraries), Debian keeps it current for its desktop, and on the
 * red-header PDF of fixtures/real/pdf both give the same text order; see
 * the commit that added this file for the figures. */
#include "pdf.h"

#include "buf.h"

#include <poppler.h>
#include <stdio.h>
#include <string.h>

bool fg_pdf_sniff(const char *data, size_t len)
{
    return len >= 5 && memcmp(data, "%PDF-", 5) == 0;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static bool has_text(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\r' && *s != '\t' && *s != '\f')
            return true;
    return false;
}

fg_status fg_pdf_read(const char *data, size_t len, char **text, size_t *text_len,
                      size_t **page_lines, size_t *n_pages, char *err, size_t n_err)
{
    *text = NULL;
    *text_len = 0;
    *page_lines = NULL;
    *n_pages = 0;
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *ge = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &ge);
    if (!doc) {
        bool locked = ge && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED;
        snprintf(err, n_err, "%s%s%s",
                 locked ? "the PDF is encrypted (a password is needed)" : "not a readable PDF",
                 locked || !ge ? "" : ": ", locked || !ge ? "" : ge->message);
        if (ge)
            g_error_free(ge);
        g_bytes_unref(bytes);
        return FG_ERR_READ;
    }
    int n = poppler_document_get_n_pages(doc);
    size_t *starts = fg_xcalloc((size_t)(n > 0 ? n : 1), sizeof *starts);
    fg_buf b;
    fg_buf_init(&b);
    size_t line = 1;
    bool any = false;
    for (int i = 0; i < n; i++) {
        starts[i] = line;
        PopplerPage *page = poppler_document_get_page(doc, i);
        char *t = page ? poppler_page_get_text(page) : NULL;
        if (t) {
            any = any || has_text(t);
            for (char *p = t; *p; p++)
                if (*p == '\f' || *p == '\r') /* poppler ends pages with a form feed */
                    *p = *p == '\r' && p[1] == '\n' ? ' ' : '\n';
            fg_buf_puts(&b, t);
            if (b.len && b.ptr[b.len - 1] != '\n')
                fg_buf_putc(&b, '\n');
            line += count_lines(t) + (t[0] && t[strlen(t) - 1] != '\n');
            g_free(t);
        }
        if (page)
            g_object_unref(page);
    }
    g_object_unref(doc);
    g_bytes_unref(bytes);
    if (!any) {
        snprintf(err, n_err,
                 "the PDF has no text layer (%d page%s of images: scanned?); "
                 "fengong does no OCR",
                 n, n == 1 ? "" : "s");
        fg_buf_fini(&b);
        free(starts);
        return FG_ERR_READ;
    }
    *text_len = b.len;
    *text = fg_buf_detach(&b);
    *page_lines = starts;
    *n_pages = (size_t)n;
    return FG_OK;
}
