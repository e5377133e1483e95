/* Stage 1, read: formats by signature. A .docx is a zip (docx.c), a PDF
 * starts with %PDF- (pdf.c), a .doc or .wps is an OLE compound file, which
 * no maintained C library reads well: fengong says how to convert it, or
 * (opt-in) runs LibreOffice to convert it into a temporary folder. */
#define _XOPEN_SOURCE 700

#include "formats.h"

#include "buf.h"
#include "docx.h"
#include "pdf.h"
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

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

/*** Conversion of .doc and .wps by LibreOffice ***/

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static bool write_all(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0) {
            close(fd);
            return false;
        }
        done += (size_t)n;
    }
    return close(fd) == 0;
}

/* Runs soffice in its own process group (it starts soffice.bin under it),
 * its own profile and HOME in `dir`, output thrown away; kills the group
 * after `seconds`. Returns 0 when it exited 0, else -1 with err set. */
static int run_soffice(const char *dir, const char *in, unsigned seconds, char *err, size_t n_err)
{
    char profile[600], home[600];
    snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/profile", dir);
    snprintf(home, sizeof home, "HOME=%s", dir);
    const char *path_env = getenv("PATH");
    char path[4096];
    snprintf(path, sizeof path, "PATH=%s", path_env ? path_env : "/usr/bin:/bin");
    char *argv[] = {"soffice", "--headless", "--norestore", profile,    "--convert-to",
                    "docx",    "--outdir",   (char *)dir,   (char *)in, NULL};
    char *envp[] = {home, path, "LANG=C.UTF-8", NULL};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_init(&at);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&at, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, "soffice", &fa, &at, argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    if (rc != 0) {
        snprintf(err, n_err,
                 "cannot run soffice (%s): install LibreOffice Writer "
                 "(libreoffice-writer-nogui) for --convert",
                 strerror(rc));
        return -1;
    }
    int status = 0;
    struct timespec tick = {0, 50 * 1000 * 1000};
    for (unsigned long waited = 0;; waited += 50) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR) {
            snprintf(err, n_err, "cannot wait for soffice: %s", strerror(errno));
            return -1;
        }
        if (waited >= seconds * 1000ul) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            snprintf(err, n_err, "soffice took more than %u s to convert it: stopped", seconds);
            return -1;
        }
        nanosleep(&tick, NULL);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(err, n_err, "soffice failed to convert it (exit status %d)",
                 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
        return -1;
    }
    return 0;
}

/* The .docx soffice makes of a .doc or .wps, in *docx (owned). */
static bool convert_office(const char *data, size_t len, unsigned seconds, char **docx,
                           size_t *docx_len, char *err, size_t n_err)
{
    const char *tmp = getenv("TMPDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/fengong-convert.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        snprintf(err, n_err, "cannot make a folder for the conversion: %s", strerror(errno));
        return false;
    }
    char in[600], out[600];
    snprintf(in, sizeof in, "%s/document.doc", dir);
    snprintf(out, sizeof out, "%s/document.docx", dir);
    bool ok = false;
    if (!write_all(in, data, len))
        snprintf(err, n_err, "cannot write the document for soffice: %s", strerror(errno));
    else if (run_soffice(dir, in, seconds, err, n_err) == 0) {
        ok = fg_source_read_file(out, false, docx, docx_len) == FG_OK;
        if (!ok)
            snprintf(err, n_err, "soffice wrote no .docx");
    }
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return ok;
}

bool fg_format_text(fg_format f, const char *data, size_t len, const fg_convert *cv, char **text,
                    size_t *text_len, fg_diags *diags)
{
    size_t *pages, n_pages;
    bool ok = fg_format_text_paged(f, data, len, cv, text, text_len, &pages, &n_pages, diags);
    free(pages);
    return ok;
}

bool fg_format_text_paged(fg_format f, const char *data, size_t len, const fg_convert *cv,
                          char **text, size_t *text_len, size_t **page_lines, size_t *n_page_lines,
                          fg_diags *diags)
{
    *page_lines = NULL;
    *n_page_lines = 0;
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
    case FG_FORMAT_PDF:
        st = fg_pdf_read(data, len, text, text_len, page_lines, n_page_lines, err, sizeof err);
        break;
    case FG_FORMAT_OLE: {
        if (!cv || !cv->convert) {
            fg_diags_add(diags, FG_ERROR, "office-binary", FG_NO_OFFSET,
                         "a binary Office file (.doc, .wps), which fengong does not read: "
                         "convert it with 'soffice --headless --convert-to docx FILE' and read "
                         "the .docx, or give --convert");
            return false;
        }
        char *docx;
        size_t docx_len;
        if (!convert_office(data, len, cv->seconds, &docx, &docx_len, err, sizeof err)) {
            fg_diags_add(diags, FG_ERROR, "office-binary", FG_NO_OFFSET,
                         "a binary Office file (.doc, .wps) that --convert could not convert: "
                         "%s; skipped",
                         err);
            return false;
        }
        st = fg_docx_read(docx, docx_len, text, text_len, err, sizeof err);
        free(docx);
        if (st == FG_OK)
            fg_diags_add(diags, FG_NOTE, "converted", FG_NO_OFFSET, "%s",
                         "a binary Office file, converted to .docx by soffice (--convert): "
                         "positions count the .docx's paragraphs");
        break;
    }
    }
    if (st != FG_OK) {
        fg_diags_add(diags, FG_ERROR, "unreadable", FG_NO_OFFSET, "%s: skipped", err);
        return false;
    }
    return true;
}
