/* libFuzzer harness for the network tie file checks: any input must give either validated ties
 * or a list of problems, never a crash, a leak or undefined behaviour. The roster is fixed so
 * that member look-ups, self-ties and duplicates are all reachable. */
#include "app/network/network_ties.h"

#include <stddef.h>
#include <stdint.h>

static char *emails[] = {"a@x.org", "b@x.org", "c@x.org"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cohort_person people[3] = {
        {.email = emails[0], .name = emails[0], .manager = -1},
        {.email = emails[1], .name = emails[1], .manager = -1},
        {.email = emails[2], .name = emails[2], .manager = -1},
    };
    struct cohort roster = {.count = 3, .people = people};
    struct diag_list diags = {0};
    struct tie_file f;
    if (tie_file_parse("fuzz.csv", (const char *)data, size, &roster, "Fuzz", &f, &diags) == 0)
        tie_file_free(&f);
    diag_list_free(&diags);
    return 0;
}
