/* `setwork import FILE.csv --programme NAME`: validate a cohort file, then store it. */
#include "cli/cli.h"

#include "app/people/cohort_import.h"
#include "io/import/cohort_csv.h"
#include "store/db.h"
#include "store/store_people.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static void print_report(const struct import_report *r, const struct import_options *opt)
{
    printf("%s%s into programme '%s'%s: %zu people (%zu new, %zu updated, %zu unchanged); "
           "%zu joined the programme.\n",
           opt->dry_run ? "Checked " : "Imported ", opt->source, opt->programme,
           r->programme_created ? " (new programme)" : "", r->people, r->created, r->updated,
           r->unchanged, r->joined);
    size_t i;
    json_t *ch;
    if (json_array_size(r->changes))
        puts("Changes:");
    json_array_foreach(r->changes, i, ch)
    {
        printf("  %s: %s '%s' -> '%s'\n", json_string_value(json_object_get(ch, "email")),
               json_string_value(json_object_get(ch, "field")),
               json_string_value(json_object_get(ch, "from")),
               json_string_value(json_object_get(ch, "to")));
    }
    size_t missing = json_array_size(r->not_in_file);
    if (missing) {
        printf("%zu member%s of '%s' %s not in this file%s:", missing, missing == 1 ? "" : "s",
               opt->programme, missing == 1 ? "is" : "are",
               r->pruned      ? (opt->dry_run ? " and would be removed" : " and were removed")
               : missing == 1 ? " and stays a member (use --prune to remove them)"
                              : " and stay members (use --prune to remove them)");
        json_t *e;
        json_array_foreach(r->not_in_file, i, e) printf(" %s", json_string_value(e));
        putchar('\n');
    }
    if (opt->dry_run)
        puts("Dry run: nothing was written.");
}

static int report_problems(struct diag_list *diags, const char *source, bool json)
{
    if (json) {
        cli_print_json(json_pack("{s:s, s:o}", "file", source, "errors", diag_to_json(diags)));
    }
    diag_print(diags, stderr);
    size_t n = diags->count + diags->dropped;
    fprintf(stderr, "setwork import: %zu problem%s in %s; nothing was imported.\n", n,
            n == 1 ? "" : "s", source);
    return CLI_USER;
}

static int run_import(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"programme", required_argument, NULL, 'p'},
        {"dry-run", no_argument, NULL, 'n'},
        {"prune", no_argument, NULL, 'P'},
        {"json", no_argument, NULL, 'j'},
        {0, 0, 0, 0},
    };
    struct import_options opt = {0};
    bool json = false;
    int c;
    while ((c = getopt_long(argc, argv, "p:n", options, NULL)) != -1) {
        switch (c) {
        case 'p': opt.programme = optarg; break;
        case 'n': opt.dry_run = true; break;
        case 'P': opt.prune = true; break;
        case 'j': json = true; break;
        default: return cli_usage_error(&command_import, "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error(&command_import, "give exactly one CSV file to import");
    if (!opt.programme || !opt.programme[0])
        return cli_usage_error(&command_import, "--programme NAME is required");
    opt.source = argv[optind];

    struct db *db = cli_open_db(&command_import, ctx);
    if (!db)
        return CLI_USER;
    struct diag_list diags = {0};
    struct cohort cohort;
    struct cohort_lookup lookup = {.exists = store_person_exists, .ctx = db};
    int rc = cohort_csv_read(opt.source, &lookup, &cohort, &diags);
    if (rc != 0) {
        int status = report_problems(&diags, opt.source, json);
        diag_list_free(&diags);
        db_close(db);
        return status;
    }
    struct import_report report;
    rc = cohort_import(db, &cohort, &opt, &report, &diags);
    int status = CLI_OK;
    if (rc != 0) {
        status = report_problems(&diags, opt.source, json);
    } else if (json) {
        cli_print_json(import_report_json(&report, &opt));
    } else {
        print_report(&report, &opt);
    }
    import_report_free(&report);
    diag_list_free(&diags);
    cohort_free(&cohort);
    db_close(db);
    return status;
}

const struct command command_import = {
    .name = "import",
    .summary = "Import a cohort from a CSV file into a programme",
    .help =
        "usage: setwork import FILE.csv --programme NAME [--dry-run] [--prune] [--json]\n\n"
        "Reads a cohort (one row per person, a header row first) and stores it in programme\n"
        "NAME, creating the programme if needed. Columns:\n"
        "  name, email                 required; email identifies the person\n"
        "  organisation, department, location, role, grade, gender\n"
        "                              known attributes, used when forming sets\n"
        "  manager_email               the line manager (in the file or already in setwork)\n"
        "  anything else               kept as a custom attribute usable for grouping\n\n"
        "Header names may be in any case and contain spaces ('Manager Email'). The file may be\n"
        "UTF-8 with or without a byte order mark, with CRLF or LF line ends, quoted fields and\n"
        "blank lines; it may be at most 64 MiB and 100,000 people.\n\n"
        "The import is all or nothing: every problem is listed with its line and column, and\n"
        "if there is any, nothing is written. Importing the same file again changes nothing;\n"
        "an updated file updates people (matched by email) and lists what changed. Columns the\n"
        "file does not have are left as they are.\n\n"
        "  --dry-run   check and report, write nothing\n"
        "  --prune     remove members of the programme who are not in the file\n"
        "  --json      print the report (or the problems) as JSON\n",
    .run = run_import,
};
