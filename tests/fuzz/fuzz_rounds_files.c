/* libFuzzer harness for the mixer steering files (--apart/--together, --absent, --history,
 * --lock): any file must give its records or a list of problems, never a crash or a leak. The
 * first byte picks the reader and whether people are named by email (a fixed cohort of four) or
 * by index (--people 6); the rest is the file, written to one scratch file (the readers take
 * paths). */
#include "io/import/rounds_files.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char path[64];
static char *emails[] = {"a@x.org", "b@x.org", "c@x.org", "d@x.org"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/setwork-fuzz-rounds-%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    struct cohort_person people[4];
    for (int i = 0; i < 4; i++)
        people[i] = (struct cohort_person){.email = emails[i], .name = emails[i], .manager = -1};
    struct cohort roster = {.count = 4, .people = people};
    bool by_index = data[0] & 0x10;
    struct rounds_names names = {by_index ? NULL : &roster, by_index ? 6 : 4};
    int people_count = names.people, rounds = 3;
    struct diag_list diags = {0};
    int *pairs = NULL, *locked = NULL, locked_rounds = 0;
    size_t count = 0;
    unsigned char *absent = calloc((size_t)(rounds * people_count), 1);
    switch (data[0] % 4) {
    case 0: rounds_read_pairs(path, &names, &pairs, &count, &diags); break;
    case 1: rounds_read_history(path, &names, &pairs, &count, &diags); break;
    case 2:
        if (absent)
            rounds_read_absent(path, &names, rounds, absent, &diags);
        break;
    default: rounds_read_locked(path, &names, rounds, &locked, &locked_rounds, &diags); break;
    }
    free(pairs);
    free(locked);
    free(absent);
    diag_list_free(&diags);
    return 0;
}
