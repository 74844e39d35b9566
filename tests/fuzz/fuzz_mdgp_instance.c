/* libFuzzer harness for the MDGPLIB instance reader (`setwork bench mdgp`): any file must give
 * an instance or one message, never a crash, a leak or an allocation the file cannot justify.
 * The reader takes a path, so each input is written to one scratch file first. */
#include "io/import/mdgp_instance.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/setwork-fuzz-mdgp-%ld.txt", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    struct mdgp_instance inst;
    char *err = NULL;
    if (mdgp_instance_read(path, &inst, &err) == 0)
        mdgp_instance_free(&inst);
    free(err);
    return 0;
}
