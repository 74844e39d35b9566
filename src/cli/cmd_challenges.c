/* `setwork challenges`: import challenges, find themes, and an admin's rename, merge and split;
 * `list --as EMAIL` shows exactly what that participant would see. */
#include "cli/cli.h"

#include "app/challenges/challenges.h"
#include "app/challenges/challenges_csv.h"
#include "app/demo/demo_challenges.h"
#include "core/strbuf.h"
#include "store/store_people.h"
#include "store/store_programmes.h"
#include "store/store_surveys.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct opts {
    const char *programme;
    const char *as;
    bool json;
    bool dry_run;
    bool have_threshold, have_min_people, have_language, have_min_paired;
    double threshold;
    long min_people, min_paired;
    const char *language;
    long seed;
};

static int parse(int argc, char **argv, struct opts *o)
{
    static const struct option options[] = {
        {"programme", required_argument, NULL, 'p'},
        {"as", required_argument, NULL, 'a'},
        {"json", no_argument, NULL, 'j'},
        {"dry-run", no_argument, NULL, 'n'},
        {"threshold", required_argument, NULL, 't'},
        {"min-people", required_argument, NULL, 'k'},
        {"min-paired", required_argument, NULL, 'm'},
        {"language", required_argument, NULL, 'l'},
        {"seed", required_argument, NULL, 's'},
        {0, 0, 0, 0},
    };
    memset(o, 0, sizeof *o);
    int c;
    while ((c = getopt_long(argc, argv, "p:", options, NULL)) != -1) {
        switch (c) {
        case 'p': o->programme = optarg; break;
        case 'a': o->as = optarg; break;
        case 'j': o->json = true; break;
        case 'n': o->dry_run = true; break;
        case 't':
            if (cli_parse_double(&command_challenges, "--threshold", optarg, 0, 1, &o->threshold))
                return -1;
            o->have_threshold = true;
            break;
        case 'k':
            if (cli_parse_long(&command_challenges, "--min-people", optarg,
                               PRIVACY_FLOOR_MIN_PEOPLE, 1000, &o->min_people))
                return -1;
            o->have_min_people = true;
            break;
        case 'm':
            if (cli_parse_long(&command_challenges, "--min-paired", optarg, 2, 100000,
                               &o->min_paired))
                return -1;
            o->have_min_paired = true;
            break;
        case 's':
            if (cli_parse_long(&command_challenges, "--seed", optarg, 0, 0x7fffffffL, &o->seed))
                return -1;
            break;
        case 'l':
            o->language = optarg;
            o->have_language = true;
            break;
        default: cli_usage_error(&command_challenges, "unknown option"); return -1;
        }
    }
    if (!o->programme) {
        cli_usage_error(&command_challenges, "--programme NAME is required");
        return -1;
    }
    return 0;
}

/* Opens the store and finds the programme and its settings; NULL after reporting an error. */
static struct db *open_programme(struct cli_ctx *ctx, const struct opts *o, long long *id,
                                 struct theme_settings *s)
{
    struct db *db = cli_open_db(&command_challenges, ctx);
    if (!db)
        return NULL;
    int rc = store_programme_id(db, o->programme, id);
    if (rc != 0) {
        cli_user_error(&command_challenges,
                       rc == 1 ? "there is no programme '%s'; see 'setwork programmes'"
                               : "cannot read programme '%s'",
                       o->programme);
        db_close(db);
        return NULL;
    }
    if (store_theme_settings(db, *id, s) != 0) {
        cli_user_error(&command_challenges, "cannot read settings: %s", db_errmsg(db));
        db_close(db);
        return NULL;
    }
    return db;
}

static void print_themes(const json_t *themes, const struct theme_settings *s)
{
    size_t i;
    json_t *t;
    printf("%zu themes (similarity threshold %.2f; shown to participants at %ld+ people)\n",
           json_array_size(themes), s->threshold, s->min_people);
    json_array_foreach(themes, i, t)
    {
        printf("  #%-5lld %3lld people %3lld challenges  %s%s\n",
               (long long)json_integer_value(json_object_get(t, "id")),
               (long long)json_integer_value(json_object_get(t, "people")),
               (long long)json_integer_value(json_object_get(t, "challenges")),
               json_string_value(json_object_get(t, "label")),
               json_is_true(json_object_get(t, "shown")) ? "" : "  (not shown: too few people)");
        size_t k;
        json_t *e;
        json_array_foreach(json_object_get(t, "excerpts"), k, e)
            printf("          \"%s\"\n", json_string_value(e));
    }
}

static int run_import(struct cli_ctx *ctx, int argc, char **argv)
{
    struct opts o;
    if (parse(argc, argv, &o) != 0)
        return CLI_USAGE;
    if (optind + 1 != argc)
        return cli_usage_error(&command_challenges, "import takes one FILE.csv");
    long long id;
    struct theme_settings s;
    struct db *db = open_programme(ctx, &o, &id, &s);
    if (!db)
        return CLI_USER;
    struct diag_list diags = {0};
    struct challenges_import_report r;
    int rc = challenges_csv_import(db, id, argv[optind], o.dry_run, &r, &diags);
    int status = CLI_OK;
    if (rc != 0) {
        diag_sort(&diags);
        diag_print(&diags, stderr);
        status = CLI_USER;
    } else if (o.json) {
        cli_print_json(json_pack("{s:I, s:I, s:I, s:b}", "rows", (json_int_t)r.rows, "created",
                                 (json_int_t)r.created, "updated", (json_int_t)r.updated, "dry_run",
                                 o.dry_run));
    } else {
        printf("%s%zu challenges: %zu new, %zu updated\n", o.dry_run ? "(dry run) " : "", r.rows,
               r.created, r.updated);
    }
    diag_list_free(&diags);
    db_close(db);
    return status;
}

static int run_themes(struct cli_ctx *ctx, int argc, char **argv)
{
    struct opts o;
    if (parse(argc, argv, &o) != 0)
        return CLI_USAGE;
    if (optind != argc)
        return cli_usage_error(&command_challenges, "themes takes no arguments");
    long long id;
    struct theme_settings s;
    struct db *db = open_programme(ctx, &o, &id, &s);
    if (!db)
        return CLI_USER;
    int status = CLI_OK;
    char *err = NULL;
    json_t *summary = NULL;
    if (o.have_threshold)
        s.threshold = o.threshold;
    if (o.have_language)
        str_copy(s.language, o.language, sizeof s.language);
    if (o.have_min_people)
        s.min_people = o.min_people;
    if (o.have_min_paired)
        s.min_paired = o.min_paired;
    /* Options given here become the programme's settings, so the web app and the report agree. */
    if ((o.have_threshold || o.have_language || o.have_min_people || o.have_min_paired) &&
        store_theme_settings_save(db, id, &s) != 0) {
        status = cli_user_error(&command_challenges, "cannot save settings: %s", db_errmsg(db));
        goto done;
    }
    if (challenge_themes_discover(db, id, &s, &summary, &err) != 0) {
        status = cli_user_error(&command_challenges, "%s", err);
        goto done;
    }
    if (o.json)
        cli_print_json(json_incref(summary));
    else
        print_themes(summary, &s);
done:
    json_decref(summary);
    free(err);
    db_close(db);
    return status;
}

static void print_view(const json_t *view)
{
    size_t i;
    json_t *c;
    printf("Your challenges:\n");
    json_array_foreach(json_object_get(view, "own"), i, c)
    {
        printf("  %s [%s]\n", json_string_value(json_object_get(c, "title")),
               json_string_value(json_object_get(c, "visibility")));
        json_t *t = json_object_get(c, "theme");
        if (!t)
            continue;
        json_int_t others = json_integer_value(json_object_get(t, "others"));
        printf("    %lld other%s in this cohort %s working on something close to this (%s)\n",
               (long long)others, others == 1 ? "" : "s", others == 1 ? "is" : "are",
               json_string_value(json_object_get(t, "label")));
        size_t k;
        json_t *e;
        json_array_foreach(json_object_get(t, "excerpts"), k, e)
            printf("      \"%s\"\n", json_string_value(e));
    }
    printf("Your set's challenges:\n");
    json_array_foreach(json_object_get(view, "set"), i, c)
        printf("  %s: %s\n", json_string_value(json_object_get(c, "name")),
               json_string_value(json_object_get(c, "title")));
}

static int run_list(struct cli_ctx *ctx, int argc, char **argv)
{
    struct opts o;
    if (parse(argc, argv, &o) != 0)
        return CLI_USAGE;
    if (optind != argc)
        return cli_usage_error(&command_challenges, "list takes no arguments");
    long long id, person;
    struct theme_settings s;
    struct db *db = open_programme(ctx, &o, &id, &s);
    if (!db)
        return CLI_USER;
    int status = CLI_OK;
    char *err = NULL;
    json_t *view = NULL;
    if (!o.as) {
        /* Without --as: the admin's view, which names nobody. */
        view = challenge_themes_json(db, id, &s, true);
    } else if (store_person_id(db, o.as, &person) != 0) {
        status = cli_user_error(&command_challenges, "nobody has the email '%s'", o.as);
        goto done;
    } else {
        view = challenge_view_json(db, id, person, &s, &err);
    }
    if (!view) {
        status = cli_user_error(&command_challenges, "%s", err ? err : db_errmsg(db));
        goto done;
    }
    if (o.json)
        cli_print_json(json_incref(view));
    else if (o.as)
        print_view(view);
    else
        print_themes(view, &s);
done:
    json_decref(view);
    free(err);
    db_close(db);
    return status;
}

static int parse_id(const char *text, long long *id)
{
    long v;
    if (cli_parse_long(&command_challenges, "THEME", text, 1, 0x7fffffffL, &v) != 0)
        return -1;
    *id = v;
    return 0;
}

/* rename THEME LABEL | merge INTO FROM | split THEME */
static int run_admin(struct cli_ctx *ctx, int argc, char **argv, const char *what)
{
    struct opts o;
    if (parse(argc, argv, &o) != 0)
        return CLI_USAGE;
    int want = strcmp(what, "split") == 0 ? 1 : 2;
    if (argc - optind != want)
        return cli_usage_error(&command_challenges, "%s takes %s", what,
                               want == 1                     ? "THEME"
                               : strcmp(what, "rename") == 0 ? "THEME LABEL"
                                                             : "INTO FROM (two theme numbers)");
    long long a, b = 0;
    if (parse_id(argv[optind], &a) != 0 ||
        (strcmp(what, "merge") == 0 && parse_id(argv[optind + 1], &b) != 0))
        return CLI_USAGE;
    long long id;
    struct theme_settings s;
    struct db *db = open_programme(ctx, &o, &id, &s);
    if (!db)
        return CLI_USER;
    char *err = NULL;
    int rc;
    long long na = 0, nb = 0;
    if (strcmp(what, "rename") == 0)
        rc = challenge_theme_rename(db, id, a, argv[optind + 1], &err);
    else if (strcmp(what, "merge") == 0)
        rc = challenge_theme_merge(db, id, a, b, &s, &err);
    else
        rc = challenge_theme_split(db, id, a, &s, &na, &nb, &err);
    int status = CLI_OK;
    if (rc != 0)
        status = cli_user_error(&command_challenges, "%s", err ? err : "failed");
    else if (strcmp(what, "split") == 0)
        printf("Split theme %lld into %lld and %lld\n", a, na, nb);
    else if (strcmp(what, "merge") == 0)
        printf("Merged theme %lld into %lld\n", b, a);
    else
        printf("Renamed theme %lld\n", a);
    free(err);
    db_close(db);
    return status;
}

/* Stores demo survey answers for the members in waves start and end. 0 or -1. */
static int store_demo_survey(struct db *db, long long programme, const struct cohort *c,
                             uint64_t seed)
{
    long long ins_id, start, end, *items = NULL;
    struct instrument ins;
    if (store_instrument_id(db, SURVEY_DEFAULT_INSTRUMENT, &ins_id) != 0 ||
        store_instrument_load(db, ins_id, &ins, &items) != 0)
        return -1;
    int *a = malloc((c->count * ins.nitems + 1) * sizeof *a);
    int *b = malloc((c->count * ins.nitems + 1) * sizeof *b);
    int rc = -1;
    if (!a || !b || demo_survey(&ins, c->count, seed, a, b) != 0 ||
        store_wave_ensure(db, programme, "start", ins_id, &start) != 0 ||
        store_wave_ensure(db, programme, "end", ins_id, &end) != 0)
        goto done;
    rc = 0;
    for (size_t p = 0; rc == 0 && p < c->count; p++) {
        for (size_t i = 0; rc == 0 && i < ins.nitems; i++) {
            int x = a[p * ins.nitems + i], y = b[p * ins.nitems + i];
            if (x != INSTRUMENT_NO_ANSWER)
                rc = store_answer_put(db, start, c->people[p].id, items[i], x);
            if (rc == 0 && y != INSTRUMENT_NO_ANSWER)
                rc = store_answer_put(db, end, c->people[p].id, items[i], y);
        }
    }
done:
    free(a);
    free(b);
    free(items);
    instrument_free(&ins);
    return rc;
}

static int run_demo(struct cli_ctx *ctx, int argc, char **argv)
{
    struct opts o;
    if (parse(argc, argv, &o) != 0)
        return CLI_USAGE;
    if (optind != argc)
        return cli_usage_error(&command_challenges, "demo takes no arguments");
    long long id;
    struct theme_settings s;
    struct db *db = open_programme(ctx, &o, &id, &s);
    if (!db)
        return CLI_USER;
    struct cohort cohort = {0};
    struct challenge *existing = NULL;
    struct demo_challenge *list = NULL;
    size_t nexisting = 0, n = 0;
    char *err = NULL;
    int status = CLI_OK;
    if (store_challenges_list(db, id, 0, false, &existing, &nexisting) != 0 ||
        store_load_cohort(db, id, &cohort, &err) != 0) {
        status = cli_user_error(&command_challenges, "%s", err ? err : db_errmsg(db));
        goto done;
    }
    if (nexisting > 0) {
        printf("Programme '%s' already has challenges; nothing generated.\n", o.programme);
        goto done;
    }
    if (demo_challenges(cohort.count, (uint64_t)o.seed, &list, &n) != 0 || db_begin(db) != 0) {
        status = cli_user_error(&command_challenges, "out of memory or database busy");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        long long cid;
        if (challenge_save(db, id, cohort.people[list[i].person].id, list[i].title, list[i].body,
                           list[i].visibility, list[i].consent, &cid, &err) != 0)
            break;
    }
    if (err || store_demo_survey(db, id, &cohort, (uint64_t)o.seed) != 0 || db_commit(db) != 0) {
        db_rollback(db);
        status = cli_user_error(&command_challenges, "%s", err ? err : db_errmsg(db));
        goto done;
    }
    if (challenge_themes_discover(db, id, &s, NULL, &err) != 0) {
        status = cli_user_error(&command_challenges, "%s", err);
        goto done;
    }
    printf("Generated %zu challenges and start and end surveys for '%s'; themes found.\n", n,
           o.programme);
done:
    free(err);
    demo_challenges_free(list, n);
    challenges_free(existing, nexisting);
    cohort_free(&cohort);
    db_close(db);
    return status;
}

static int run_challenges(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error(&command_challenges, "say what to do: import, themes, list, "
                                                    "rename, merge, split or demo");
    const char *sub = argv[1];
    if (strcmp(sub, "import") == 0)
        return run_import(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "themes") == 0)
        return run_themes(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "demo") == 0)
        return run_demo(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "list") == 0)
        return run_list(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "rename") == 0 || strcmp(sub, "merge") == 0 || strcmp(sub, "split") == 0)
        return run_admin(ctx, argc - 1, argv + 1, sub);
    return cli_usage_error(&command_challenges, "'%s' is not a challenges subcommand", sub);
}

const struct command command_challenges = {
    .name = "challenges",
    .summary = "Shared challenges and the themes found across a cohort",
    .help =
        "usage: setwork challenges import FILE.csv --programme NAME [--dry-run] [--json]\n"
        "       setwork challenges themes --programme NAME [--threshold X] [--min-people K]\n"
        "                                 [--min-paired M] [--language L] [--json]\n"
        "       setwork challenges list --programme NAME [--as EMAIL] [--json]\n"
        "       setwork challenges rename --programme NAME THEME LABEL\n"
        "       setwork challenges merge --programme NAME INTO FROM\n"
        "       setwork challenges split --programme NAME THEME\n"
        "       setwork challenges demo --programme NAME [--seed N]\n\n"
        "import reads email,title,body,visibility,consent (visibility only-me, set or cohort;\n"
        "blank is only-me; consent yes/no lets an anonymous excerpt be shown and quoted).\n"
        "themes finds themes across the challenges shared with the cohort (Snowball stems,\n"
        "TF-IDF, cosine, average linkage until similarity falls below the threshold, default\n"
        "0.10) and stores them; an admin's label survives when a theme keeps half its members.\n"
        "Options given to themes are saved as the programme's settings: --min-people K (themes\n"
        "of fewer people are never shown, default 3), --min-paired M (connectedness change\n"
        "needs M people in both waves, default 5), --language (a Snowball language).\n"
        "list shows the themes as an admin sees them (no names), or with --as EMAIL exactly\n"
        "what that participant sees. rename, merge and split change themes by number; a theme\n"
        "merged or split stays as it was left when themes are found again (the web's\n"
        "Challenge themes page does the same).\n"
        "demo generates challenges for about 70% of the members and start and end survey\n"
        "answers (for a demonstration; it does nothing when the programme has challenges).\n",
    .run = run_challenges,
};
