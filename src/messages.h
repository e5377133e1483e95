/* Support: the Chinese text of each diagnostic, for the workbook (备注 and
 * 问题) of a --lang zh run. The CLI's messages stay English. */
#ifndef FG_MESSAGES_H
#define FG_MESSAGES_H

#include "buf.h"

/* Appends to `out` the Chinese text of a diagnostic with `code` and the
 * English `message`: the code's sentence with the message's quoted parts
 * (“…”) in their places; a code without a sentence keeps the English. */
void fg_message_zh(const char *code, const char *message, fg_buf *out);

/* The number of codes with a Chinese sentence, and code i (for the test
 * that every code README lists has one). */
size_t fg_message_n_codes(void);
const char *fg_message_code(size_t i);

#endif
