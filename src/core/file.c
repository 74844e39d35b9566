/* Writing files so that a failure never leaves a half-written file behind. */
#include "core/file.h"

#include "core/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int file_write_atomic(const char *path, const char *data, size_t len, char **err)
{
    char *tmp = str_printf("%s.tmp-XXXXXX", path);
    if (!tmp) {
        *err = str_printf("out of memory");
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        *err = str_printf("cannot write '%s': %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    FILE *f = fdopen(fd, "wb");
    int ok = f && fwrite(data, 1, len, f) == len && fflush(f) == 0 && fsync(fd) == 0;
    int saved = errno;
    if (f)
        ok &= fclose(f) == 0;
    else
        close(fd);
    if (ok && rename(tmp, path) != 0) {
        saved = errno;
        ok = 0;
    }
    if (!ok) {
        *err = str_printf("cannot write '%s': %s", path, strerror(saved));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}
