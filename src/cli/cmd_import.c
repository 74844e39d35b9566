/* `setwork import FILE --programme NAME`: validate a cohort file (CSV or .xlsx), then store it. */
#include "cli/cli.h"

#include "app/people/cohort_import.h"
#include "core/strbuf.h"
#include "io/csv/csv_sniff.h"
#include "io/import/cohort_csv.h"
#include "io/import/sheet_load.h"
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
        printf("Dry run: nothing was written. To apply exactly these changes, and nothing if\n"
               "they differ by then, add --expect %s\n",
               r->digest);
}

/* How the file was read, as JSON: the sentence and its parts. */
static json_t *source_json(const struct sheet_source *src)
{
    struct strbuf sb = {0};
    sheet_source_describe(src, &sb);
    json_t *j = json_pack("{s:s, s:s}", "read_as", sb.data ? sb.data : "", "format",
                          src->workbook ? "xlsx" : "csv");
    sb_free(&sb);
    if (!j)
        return NULL;
    if (src->workbook && src->sheet)
        json_object_set_new(j, "sheet", json_string(src->sheet));
    if (!src->workbook && src->encoding) {
        json_object_set_new(j, "encoding", json_string(src->encoding));
        json_object_set_new(j, "transcoded", json_boolean(src->transcoded));
        json_object_set_new(j, "delimiter", json_string(csv_delimiter_name(src->delimiter)));
    }
    return j;
}

static void print_source(const struct sheet_source *src, FILE *out)
{
    struct strbuf sb = {0};
    sheet_source_describe(src, &sb);
    if (sb.data && sb.data[0])
        fprintf(out, "%s\n", sb.data);
    sb_free(&sb);
}

static int report_problems(struct diag_list *diags, const char *source,
                           const struct sheet_source *src, bool json)
{
    if (json) {
        cli_print_json(json_pack("{s:s, s:o, s:o}", "file", source, "source", source_json(src),
                                 "errors", diag_to_json(diags)));
    }
    print_source(src, stderr);
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
        {"sheet", required_argument, NULL, 's'},
        {"expect", required_argument, NULL, 'e'},
        {0, 0, 0, 0},
    };
    struct import_options opt = {0};
    const char *sheet = NULL;
    bool json = false;
    int c;
    while ((c = getopt_long(argc, argv, "p:n", options, NULL)) != -1) {
        switch (c) {
        case 'p': opt.programme = optarg; break;
        case 'n': opt.dry_run = true; break;
        case 'P': opt.prune = true; break;
        case 'j': json = true; break;
        case 's': sheet = optarg; break;
        case 'e': opt.expect = optarg; break;
        default: return cli_usage_error(&command_import, "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error(&command_import, "give exactly one file (CSV or .xlsx) to import");
    if (!opt.programme || !opt.programme[0])
        return cli_usage_error(&command_import, "--programme NAME is required");
    opt.source = argv[optind];

    struct db *db = cli_open_db(&command_import, ctx);
    if (!db)
        return CLI_USER;
    struct diag_list diags = {0};
    struct cohort cohort;
    struct cohort_lookup lookup = {.exists = store_person_exists, .ctx = db};
    struct cohort_read_options read = {.sheet = sheet, .lookup = &lookup};
    struct sheet_source src;
    int rc = cohort_read_file(opt.source, &read, &cohort, &src, &diags);
    if (rc != 0) {
        int status = report_problems(&diags, opt.source, &src, json);
        sheet_source_free(&src);
        diag_list_free(&diags);
        db_close(db);
        return status;
    }
    struct import_report report;
    rc = cohort_import(db, &cohort, &opt, &report, &diags);
    int status = CLI_OK;
    if (rc == 2) {
        fprintf(stderr,
                "setwork import: the changes of %s are no longer those of the dry run that "
                "printed --expect %s (the people in setwork changed since); nothing was "
                "written. Run it again with --dry-run to see the changes now.\n",
                opt.source, opt.expect);
        status = CLI_USER;
    } else if (rc != 0) {
        status = report_problems(&diags, opt.source, &src, json);
    } else if (json) {
        json_t *j = import_report_json(&report, &opt);
        if (j)
            json_object_set_new(j, "source", source_json(&src));
        cli_print_json(j);
    } else {
        print_source(&src, stdout);
        print_report(&report, &opt);
    }
    sheet_source_free(&src);
    import_report_free(&report);
    diag_list_free(&diags);
    cohort_free(&cohort);
    db_close(db);
    return status;
}

const struct command command_import = {
    .name = "import",
    .summary = "Import a cohort from a CSV or Excel file into a programme",
    .help =
        "usage: setwork import FILE --programme NAME [--sheet NAME] [--dry-run] [--prune]\n"
        "                      [--expect DIGEST] [--json]\n\n"
        "Reads a cohort (one row per person, a header row first) and stores it in programme\n"
        "NAME, creating the programme if needed. Columns:\n"
        "  name, email                 required; email identifies the person\n"
        "  organisation, department, location, role, grade, gender\n"
        "                              known attributes, used when forming sets\n"
        "  manager_email               the line manager (in the file or already in setwork)\n"
        "  anything else               kept as a custom attribute usable for grouping\n\n"
        "Header names may be in any case and contain spaces ('Manager Email'). FILE is CSV\n"
        "separated by commas, semicolons (Excel in much of Europe) or tabs, whichever the\n"
        "header shows, in UTF-8 with or without a byte order mark, UTF-16 with one (Excel's\n"
        "'Unicode text'), or Windows-1252 when it is not valid UTF-8 (converted, and said\n"
        "so); with CRLF or LF line ends, quoted fields and blank lines. Or an Excel workbook\n"
        "(.xlsx): its first sheet, or --sheet NAME; dates are read as YYYY-MM-DD. The first\n"
        "line of the output says how the file was read. It may be at most 64 MiB and 100,000\n"
        "people.\n\n"
        "The import is all or nothing: every problem is listed with its line and column, and\n"
        "if there is any, nothing is written. Importing the same file again changes nothing;\n"
        "an updated file updates people (matched by email) and lists what changed. Columns the\n"
        "file does not have are left as they are.\n\n"
        "  --sheet NAME  the sheet of an .xlsx workbook to read (default: the first)\n"
        "  --dry-run   check and report every change (person, field, before, after), write\n"
        "              nothing, and print the digest of those changes\n"
        "  --expect DIGEST  apply only when the changes are exactly those of the dry run that\n"
        "              printed DIGEST; otherwise write nothing and exit 1\n"
        "  --prune     remove members of the programme who are not in the file\n"
        "  --json      print the report (or the problems) as JSON\n",
    .run = run_import,
};
