/* Stage 1, read: formats by signature. A .docx is a zip (docx.c), a PDF
 * starts with %PDF- (pdf.c), a .doc or .wps is an OLE compound file, which
 * no maintained C library reads well: fengong says how to convert it. */
#include "formats.h"

#include "docx.h"
#include "pdf.h"

#include <stdlib.h>
#include <string.h>

static const char OLE_MAGIC[8] = {(char)0xD0, (char)0xCF, 0x11, (char)0xE0,
                                  (char)0xA1, (char)0xB1, 0x1A, (char)0xE1};

fg_format fg_format_sniff(const char *data, size_t len)
{
    if (fg_docx_sniff(data, len))
        return FG_FORMAT_DOCX;
    if (fg_pdf_sniff(data, len))
        return FG_FORMAT_PDF;
    if (len >= sizeof OLE_MAGIC && memcmp(data, OLE_MAGIC, sizeof OLE_MAGIC) == 0)
        return FG_FORMAT_OLE;
    return FG_FORMAT_TEXT;
}

const char *fg_format_name(fg_format f)
{
    static const char *const NAMES[] = {"text", "docx", "pdf", "doc"};
    return NAMES[f];
}

bool fg_format_text(fg_format f, const char *data, size_t len, char **text, size_t *text_len,
                    fg_diags *diags)
{
    *text = NULL;
    *text_len = 0;
    char err[512] = "";
    fg_status st = FG_OK;
    switch (f) {
    case FG_FORMAT_TEXT:
        return true;
    case FG_FORMAT_DOCX:
        st = fg_docx_read(data, len, text, text_len, err, sizeof err);
        break;
    case FG_FORMAT_PDF: {
        size_t *pages, n_pages;
        st = fg_pdf_read(data, len, text, text_len, &pages, &n_pages, err, sizeof err);
        free(pages);
        break;
    }
    case FG_FORMAT_OLE:
        fg_diags_add(diags, FG_ERROR, "office-binary", FG_NO_OFFSET,
                     "a binary Office file (.doc, .wps), which fengong does not read: convert it "
                     "with 'soffice --headless --convert-to docx FILE' and read the .docx");
        return false;
    }
    if (st != FG_OK) {
        fg_diags_add(diags, FG_ERROR, "unreadable", FG_NO_OFFSET, "%s: skipped", err);
        return false;
    }
    return true;
}
