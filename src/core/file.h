/* Whole-file writes that either complete or leave the old file untouched. */
#ifndef SETWORK_CORE_FILE_H
#define SETWORK_CORE_FILE_H

#include <stddef.h>

/* Writes LEN bytes of DATA to PATH through a temporary file in the same folder, flushed to disk
 * and renamed over PATH. Returns 0, or -1 with a message in *ERR (caller frees). */
int file_write_atomic(const char *path, const char *data, size_t len, char **err);

#endif
