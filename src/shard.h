/* Shard files: what a run over one partition of the inputs (--shard K/N)
 * keeps so that `fengong merge` can rebuild the outputs a single run over
 * all inputs would give. The file holds a header (K, N) and, in input
 * order, note records (diagnostics that belong to no document) and
 * document records with each document's position among all inputs. */
#ifndef FG_SHARD_H
#define FG_SHARD_H

#include "fengong.h"

#include <stdio.h>

#define FG_SHARD_FILE "shard.fgd"

bool fg_shard_write_header(FILE *fp, unsigned k, unsigned n);
bool fg_shard_write_note(FILE *fp, const char *path, fg_severity sev, const char *code,
                         const char *message);
bool fg_shard_write_doc(FILE *fp, size_t index, const fg_document *doc);

#endif
