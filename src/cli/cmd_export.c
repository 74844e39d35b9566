/* `setwork export --programme NAME`: the programme's cohort in the import's CSV format. */
#include "cli/cli.h"

#include "core/file.h"
#include "io/import/cohort_csv.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int run_export(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"programme", required_argument, NULL, 'p'},
        {"output", required_argument, NULL, 'o'},
        {0, 0, 0, 0},
    };
    const char *programme = NULL, *output = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "p:o:", options, NULL)) != -1) {
        switch (c) {
        case 'p': programme = optarg; break;
        case 'o': output = optarg; break;
        default: return cli_usage_error(&command_export, "unknown option");
        }
    }
    if (!programme || optind != argc)
        return cli_usage_error(&command_export, "--programme NAME is required, and nothing else");
    struct db *db = cli_open_db(&command_export, ctx);
    if (!db)
        return CLI_USER;
    long long id = 0;
    int status = CLI_OK;
    int found = store_programme_id(db, programme, &id);
    if (found != 0) {
        status = cli_user_error(&command_export,
                                "there is no programme '%s'; see 'setwork programmes'", programme);
        db_close(db);
        return status;
    }
    struct cohort cohort;
    char *err = NULL;
    if (store_load_cohort(db, id, &cohort, &err) != 0) {
        status = cli_user_error(&command_export, "%s", err);
        free(err);
        db_close(db);
        return status;
    }
    char *csv = cohort_csv_format(&cohort);
    if (!csv) {
        status = cli_user_error(&command_export, "out of memory");
    } else if (output) {
        if (file_write_atomic(output, csv, strlen(csv), &err) != 0) {
            status = cli_user_error(&command_export, "%s", err);
            free(err);
        }
    } else {
        fputs(csv, stdout);
    }
    free(csv);
    cohort_free(&cohort);
    db_close(db);
    return status;
}

const struct command command_export = {
    .name = "export",
    .summary = "Write a programme's cohort as CSV, in the import's format",
    .help = "usage: setwork export --programme NAME [-o FILE]\n\n"
            "Writes the programme's members as CSV (the format 'setwork import' reads), to FILE\n"
            "or to standard output. Importing the file again changes nothing.\n\n"
            "The file is RFC 4180 CSV in UTF-8 with CRLF line ends. A value a spreadsheet would\n"
            "run as a formula (starting with = + - or @) gets a leading apostrophe, inside the\n"
            "quotes when the value needs them, so Excel shows it as text; 'setwork import'\n"
            "takes the apostrophe off again.\n",
    .run = run_export,
};
