/* How fast cohort files of each shape are read and checked (sheet_load, then the cohort checks
 * of cohort_parse), without the database: best of RUNS. Usage: bench_sheet_load RUNS FILE... */
#include "io/import/sheet_load.h"
#include "core/diag.h"
#include "core/strbuf.h"
#include "io/csv/csv_reader.h"
#include "io/import/cohort_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_sheet_load RUNS FILE...\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    for (int f = 2; f < argc; f++) {
        struct diag_list diags = {0};
        char *data = NULL;
        size_t len = 0;
        if (csv_read_file(argv[f], &data, &len, &diags) != 0) {
            diag_print(&diags, stderr);
            return 1;
        }
        double best = 1e9;
        size_t people = 0;
        struct sheet_source src = {0};
        for (int r = 0; r < runs; r++) {
            struct cohort c;
            sheet_source_free(&src);
            double t0 = now();
            int rc = cohort_parse(argv[f], data, len, NULL, &c, &src, &diags);
            double t = now() - t0;
            if (rc != 0) {
                diag_print(&diags, stderr);
                return 1;
            }
            people = c.count;
            cohort_free(&c);
            best = t < best ? t : best;
        }
        struct strbuf sb = {0};
        sheet_source_describe(&src, &sb);
        printf("%s: %zu people, %.1f MB, best of %d: %.0f ms (%s)\n", argv[f], people,
               (double)len / 1e6, runs, best * 1000, sb.data ? sb.data : "");
        sb_free(&sb);
        sheet_source_free(&src);
        diag_list_free(&diags);
        free(data);
    }
    return 0;
}
