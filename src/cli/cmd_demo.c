/* `setwork demo`: a generated demo organisation in the store (or as a CSV file). */
#include "cli/cli.h"

#include "app/demo/demo_cohort.h"
#include "app/people/cohort_import.h"
#include "core/file.h"
#include "io/import/cohort_csv.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_DEFAULT_PEOPLE    200
#define DEMO_DEFAULT_PROGRAMME "Demo"

/* True when the store already holds any programme: `make run` must not add a second demo. */
static int store_has_data(struct db *db, bool *has)
{
    struct programme_summary *list = NULL;
    size_t n = 0;
    if (store_programmes_list(db, &list, &n) != 0)
        return -1;
    *has = n > 0;
    programme_summaries_free(list, n);
    return 0;
}

static int write_csv(const struct cohort *c, const char *path)
{
    char *csv = cohort_csv_format(c);
    char *err = NULL;
    int status = CLI_OK;
    if (!csv || file_write_atomic(path, csv, strlen(csv), &err) != 0)
        status = cli_user_error(&command_demo, "%s", err ? err : "out of memory");
    free(err);
    free(csv);
    return status;
}

static int run_demo(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"people", required_argument, NULL, 'n'},
        {"programme", required_argument, NULL, 'p'},
        {"seed", required_argument, NULL, 's'},
        {"if-new", no_argument, NULL, 'i'},
        {"csv", required_argument, NULL, 'c'},
        {"json", no_argument, NULL, 'j'},
        {0, 0, 0, 0},
    };
    long people = DEMO_DEFAULT_PEOPLE, seed = 1;
    const char *programme = DEMO_DEFAULT_PROGRAMME, *csv = NULL;
    bool if_new = false, json = false;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'n':
            if (cli_parse_long(&command_demo, "--people", optarg, 1, DEMO_MAX_PEOPLE, &people))
                return CLI_USAGE;
            break;
        case 's':
            if (cli_parse_long(&command_demo, "--seed", optarg, 0, 1L << 62, &seed))
                return CLI_USAGE;
            break;
        case 'p': programme = optarg; break;
        case 'i': if_new = true; break;
        case 'c': csv = optarg; break;
        case 'j': json = true; break;
        default: return cli_usage_error(&command_demo, "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error(&command_demo, "takes no arguments");
    struct cohort cohort;
    if (demo_cohort(&cohort, (size_t)people, (uint64_t)seed) != 0)
        return cli_user_error(&command_demo, "out of memory");
    if (csv) {
        int status = write_csv(&cohort, csv);
        cohort_free(&cohort);
        return status;
    }
    struct db *db = cli_open_db(&command_demo, ctx);
    if (!db) {
        cohort_free(&cohort);
        return CLI_USER;
    }
    int status = CLI_OK;
    bool has = false;
    if (if_new && store_has_data(db, &has) == 0 && has) {
        printf("The database %s already has data; the demo was not added again.\n", ctx->db_path);
        goto done;
    }
    struct import_options opt = {.programme = programme, .source = "demo"};
    struct import_report report;
    struct diag_list diags = {0};
    if (cohort_import(db, &cohort, &opt, &report, &diags) != 0) {
        diag_print(&diags, stderr);
        status = cli_user_error(&command_demo, "the demo could not be stored");
    } else if (json) {
        cli_print_json(import_report_json(&report, &opt));
    } else {
        printf("Created the demo: %zu people in %zu organisations, programme '%s', in %s.\n",
               report.people, (size_t)4, programme, ctx->db_path);
    }
    import_report_free(&report);
    diag_list_free(&diags);
done:
    cohort_free(&cohort);
    db_close(db);
    return status;
}

const struct command command_demo = {
    .name = "demo",
    .summary = "Create a generated demo organisation",
    .help = "usage: setwork demo [--people N] [--programme NAME] [--seed N] [--if-new] [--json]\n"
            "       setwork demo --csv FILE [--people N] [--seed N]\n\n"
            "Generates a realistic cohort (four organisations of different sizes, departments,\n"
            "locations, grades, a management hierarchy; 200 people by default) and imports it\n"
            "into programme NAME (default 'Demo'). The same seed gives the same people.\n\n"
            "  --if-new     do nothing when the database already holds a programme\n"
            "  --csv FILE   write the cohort as an import CSV file instead of storing it\n",
    .run = run_demo,
};
