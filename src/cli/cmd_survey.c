/* `setwork survey`: import pulse survey answers, show the instrument, and show one person their
 * own answers (nobody else's). */
#include "cli/cli.h"

#include "engine/themes/privacy.h"
#include "import/survey_csv.h"
#include "store/store_people.h"
#include "store/store_surveys.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int run_survey(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"programme", required_argument, NULL, 'p'},
        {"wave", required_argument, NULL, 'w'},
        {"instrument", required_argument, NULL, 'i'},
        {"as", required_argument, NULL, 'a'},
        {"json", no_argument, NULL, 'j'},
        {"dry-run", no_argument, NULL, 'n'},
        {0, 0, 0, 0},
    };
    if (argc < 2)
        return cli_usage_error(&command_survey, "say what to do: import, items or mine");
    const char *sub = argv[1];
    argc--, argv++;
    const char *programme = NULL, *wave = NULL, *as = NULL;
    const char *instrument = SURVEY_DEFAULT_INSTRUMENT;
    bool json = false, dry_run = false;
    int c;
    while ((c = getopt_long(argc, argv, "p:", options, NULL)) != -1) {
        switch (c) {
        case 'p': programme = optarg; break;
        case 'w': wave = optarg; break;
        case 'i': instrument = optarg; break;
        case 'a': as = optarg; break;
        case 'j': json = true; break;
        case 'n': dry_run = true; break;
        default: return cli_usage_error(&command_survey, "unknown option");
        }
    }
    bool is_import = strcmp(sub, "import") == 0, is_items = strcmp(sub, "items") == 0,
         is_mine = strcmp(sub, "mine") == 0;
    if (!is_import && !is_items && !is_mine)
        return cli_usage_error(&command_survey, "'%s' is not a survey subcommand", sub);
    if (is_import && (optind + 1 != argc || !programme || !wave))
        return cli_usage_error(&command_survey,
                               "import takes FILE.csv, --programme NAME and --wave NAME");
    if (is_import && !survey_wave_name_valid(wave))
        return cli_usage_error(&command_survey, "--wave is start, end or meeting-N, not '%s'",
                               wave);
    if (is_mine && (!programme || !as))
        return cli_usage_error(&command_survey, "mine takes --programme NAME and --as EMAIL");
    struct db *db = cli_open_db(&command_survey, ctx);
    if (!db)
        return CLI_USER;
    int status = CLI_OK;
    long long ins_id, prog = 0, person;
    if (store_instrument_id(db, instrument, &ins_id) != 0) {
        status = cli_user_error(&command_survey, "there is no instrument '%s'", instrument);
        goto done;
    }
    if (programme && store_programme_id(db, programme, &prog) != 0) {
        status = cli_user_error(&command_survey,
                                "there is no programme '%s'; see 'setwork programmes'", programme);
        goto done;
    }
    if (is_items) {
        struct instrument ins;
        long long *ids = NULL;
        if (store_instrument_load(db, ins_id, &ins, &ids) != 0) {
            status = cli_user_error(&command_survey, "cannot read the instrument");
            goto done;
        }
        printf("%s\nSource: %s\nAnswers:", ins.name, ins.source);
        for (int p = 0; p <= ins.point_max - ins.point_min; p++)
            printf(" %d %s%s", ins.point_min + p, ins.point_labels[p],
                   p < ins.point_max - ins.point_min ? "," : "\n");
        for (size_t i = 0; i < ins.nitems; i++)
            printf("  %-24s %-18s %s%s [%s]\n", ins.items[i].code, ins.items[i].scale,
                   ins.items[i].text, ins.items[i].reversed ? " (reversed)" : "",
                   ins.items[i].source);
        instrument_free(&ins);
        free(ids);
        goto done;
    }
    if (is_mine) {
        /* The command line stands for the person themselves: privacy.h allows only that. */
        if (!privacy_answers_visible(VIEWER_SELF) || store_person_id(db, as, &person) != 0) {
            status = cli_user_error(&command_survey, "nobody has the email '%s'", as);
            goto done;
        }
        json_t *answers = store_survey_person_answers(db, prog, person);
        if (!answers) {
            status = cli_user_error(&command_survey, "%s", db_errmsg(db));
            goto done;
        }
        if (json) {
            cli_print_json(answers);
        } else {
            size_t i;
            json_t *a;
            json_array_foreach(answers, i, a)
                printf("%-10s %d  %s\n", json_string_value(json_object_get(a, "wave")),
                       (int)json_integer_value(json_object_get(a, "value")),
                       json_string_value(json_object_get(a, "text")));
            json_decref(answers);
        }
        goto done;
    }
    struct diag_list diags = {0};
    struct survey_import_report r;
    if (survey_csv_import(db, prog, wave, ins_id, argv[optind], dry_run, &r, &diags) != 0) {
        diag_sort(&diags);
        diag_print(&diags, stderr);
        status = CLI_USER;
    } else if (json) {
        cli_print_json(json_pack("{s:s, s:I, s:I, s:b, s:b}", "wave", wave, "rows",
                                 (json_int_t)r.rows, "answers", (json_int_t)r.answers,
                                 "wave_created", r.wave_created, "dry_run", dry_run));
    } else {
        printf("%swave '%s': %zu people, %zu answers\n", dry_run ? "(dry run) " : "", wave, r.rows,
               r.answers);
    }
    diag_list_free(&diags);
done:
    db_close(db);
    return status;
}

const struct command command_survey = {
    .name = "survey",
    .summary = "Pulse survey answers on connectedness",
    .help = "usage: setwork survey import FILE.csv --programme NAME --wave start|end|meeting-N\n"
            "                             [--instrument NAME] [--dry-run] [--json]\n"
            "       setwork survey items [--instrument NAME]\n"
            "       setwork survey mine --programme NAME --as EMAIL [--json]\n\n"
            "import reads one row per person: an email column and one column per item code\n"
            "(see 'setwork survey items'), each cell a point number or its label ('often');\n"
            "blank cells are unanswered. The default instrument is the UCLA 3-item loneliness\n"
            "scale (Hughes et al. 2004) with setwork's own items on feeling connected at work.\n"
            "mine shows a person their own answers, the only individual answers setwork shows.\n",
    .run = run_survey,
};
