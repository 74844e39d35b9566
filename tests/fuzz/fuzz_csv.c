/* libFuzzer harness for the CSV reader and the cohort checks on top of it: any input must give
 * either a cohort or a list of problems, never a crash, a leak or undefined behaviour. */
#include "io/csv/csv_reader.h"
#include "io/import/cohort_csv.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag_list diags = {0};
    struct csv_table table;
    if (csv_parse_all("fuzz.csv", (const char *)data, size, &table, &diags) == 0)
        csv_table_free(&table);
    diag_list_free(&diags);

    struct cohort cohort;
    if (cohort_csv_parse("fuzz.csv", (const char *)data, size, &cohort, &diags) == 0)
        cohort_free(&cohort);
    diag_list_free(&diags);
    return 0;
}
