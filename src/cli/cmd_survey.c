/* `setwork survey`: import pulse survey answers, show the instrument, and show one person their
 * own answers (nobody else's). */
#include "cli/cli.h"

#include "app/surveys/instrument_csv.h"
#include "app/surveys/survey.h"
#include "app/surveys/survey_csv.h"
#include "engine/themes/privacy.h"
#include "store/store_people.h"
#include "store/store_programmes.h"
#include "store/store_surveys.h"
#include "web/http/views.h"

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
        {"name", required_argument, NULL, 'N'},
        {"source", required_argument, NULL, 'S'},
        {"points", required_argument, NULL, 'P'},
        {"point-min", required_argument, NULL, 'M'},
        {"lower-is-better", required_argument, NULL, 'L'},
        {0, 0, 0, 0},
    };
    if (argc < 2)
        return cli_usage_error(&command_survey,
                               "say what to do: import, items, mine or instrument");
    const char *sub = argv[1];
    argc--, argv++;
    const char *programme = NULL, *wave = NULL, *as = NULL;
    const char *instrument = SURVEY_DEFAULT_INSTRUMENT;
    bool json = false, dry_run = false;
    struct instrument_spec spec = {.point_min = 1};
    long point_min = 1;
    int c;
    while ((c = getopt_long(argc, argv, "p:", options, NULL)) != -1) {
        switch (c) {
        case 'p': programme = optarg; break;
        case 'w': wave = optarg; break;
        case 'i': instrument = optarg; break;
        case 'a': as = optarg; break;
        case 'j': json = true; break;
        case 'n': dry_run = true; break;
        case 'N': spec.name = optarg; break;
        case 'S': spec.source = optarg; break;
        case 'P': spec.points = optarg; break;
        case 'L': spec.lower_is_better = optarg; break;
        case 'M':
            if (cli_parse_long(&command_survey, "--point-min", optarg, 0, 10, &point_min) != 0)
                return CLI_USAGE;
            spec.point_min = (int)point_min;
            break;
        default: return cli_usage_error(&command_survey, "unknown option");
        }
    }
    bool is_import = strcmp(sub, "import") == 0, is_items = strcmp(sub, "items") == 0,
         is_mine = strcmp(sub, "mine") == 0, is_instrument = strcmp(sub, "instrument") == 0;
    if (!is_import && !is_items && !is_mine && !is_instrument)
        return cli_usage_error(&command_survey, "'%s' is not a survey subcommand", sub);
    if (is_import && (optind + 1 != argc || !programme || !wave))
        return cli_usage_error(&command_survey,
                               "import takes FILE.csv, --programme NAME and --wave NAME");
    if (is_import && !survey_wave_name_valid(wave))
        return cli_usage_error(&command_survey, "--wave is start, end or meeting-N, not '%s'",
                               wave);
    if (is_mine && (!programme || !as))
        return cli_usage_error(&command_survey, "mine takes --programme NAME and --as EMAIL");
    if (is_instrument && (optind + 1 != argc || !spec.name || !spec.source || !spec.points))
        return cli_usage_error(&command_survey,
                               "instrument takes FILE.csv, --name, --source and --points");
    struct db *db = cli_open_db(&command_survey, ctx);
    if (!db)
        return CLI_USER;
    int status = CLI_OK;
    if (is_instrument) {
        struct diag_list diags = {0};
        long long new_id;
        if (instrument_csv_import(db, argv[optind], &spec, &new_id, &diags) != 0) {
            diag_sort(&diags);
            diag_print(&diags, stderr);
            status = CLI_USER;
        } else {
            printf("Created instrument '%s'; use it with --instrument '%s'\n", spec.name,
                   spec.name);
        }
        diag_list_free(&diags);
        goto done;
    }
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
        if (json) {
            cli_print_json(survey_instrument_json(&ins));
            instrument_free(&ins);
            free(ids);
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
        json_t *answers = view_survey_answers(db, prog, person);
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
            "       setwork survey items [--instrument NAME] [--json]\n"
            "       setwork survey mine --programme NAME --as EMAIL [--json]\n"
            "       setwork survey instrument FILE.csv --name NAME --source TEXT\n"
            "                             --points 'LOW,...,HIGH' [--point-min N]\n"
            "                             [--lower-is-better SCALE,...]\n\n"
            "import reads one row per person: an email column and one column per item code\n"
            "(see 'setwork survey items'), each cell a point number or its label ('often');\n"
            "blank cells are unanswered. The default instrument is the UCLA 3-item loneliness\n"
            "scale (Hughes et al. 2004) with setwork's own items on feeling connected at work.\n"
            "mine shows a person their own answers, the only individual answers setwork shows.\n"
            "instrument defines a new instrument from code,text,scale,reversed,source rows\n"
            "(source may be blank: --source applies); items are summed per scale, reversed ones\n"
            "as min + max - answer; answers run from --point-min (default 1) over the --points\n"
            "labels. Scales are reported with higher is better unless named in\n"
            "--lower-is-better.\n",
    .run = run_survey,
};
