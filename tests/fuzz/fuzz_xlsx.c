/* libFuzzer harness for the .xlsx reader (zip archive, XML parts, cells) behind the upload page:
 * any input must give a table or a list of problems, never a crash, a leak or undefined
 * behaviour. Seeded with the workbooks under tests/e2e/cases/. */
#include "io/csv/csv_reader.h"
#include "io/import/xlsx_reader.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *sheets[] = {NULL, "Cohort"};
    for (int i = 0; i < 2; i++) {
        struct diag_list diags = {0};
        struct csv_table table;
        char *used = NULL;
        xlsx_read("fuzz.xlsx", (const char *)data, size, sheets[i], i == 1, &table, &used, &diags);
        csv_table_free(&table);
        free(used);
        diag_list_free(&diags);
    }
    return 0;
}
