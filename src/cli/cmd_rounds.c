/* `setwork rounds`: plans rounds of small tables (mixers, rotations) where people meet as many
 * new people as possible, and prints them for the day. */
#include "app/events/event_rules.h"
#include "cli/cli.h"
#include "cli/rounds_print.h"
#include "core/strbuf.h"
#include "engine/rounds/rounds.h"
#include "io/import/cohort_csv.h"
#include "io/import/rounds_files.h"
#include "store/db.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rounds_opts {
    long people, group_size, min_size, rounds, seed, iterations;
    double seconds;
    bool seconds_given;
    const char *file, *programme, *apart, *together, *absent, *history, *lock, *mix, *csv;
    bool json, itinerary, cards;
};

/* Reads one steering file; reports its problems and returns CLI_USER, or 0. */
static int steering(int rc, struct diag_list *diags, const char *path)
{
    if (rc == 0)
        return 0;
    if (rc < 0)
        return cli_user_error(&command_rounds, "out of memory reading %s", path);
    diag_print(diags, stderr);
    return cli_user_error(&command_rounds, "%zu problem%s in %s; nothing was planned.",
                          diags->count + diags->dropped,
                          diags->count + diags->dropped == 1 ? "" : "s", path);
}

static int load_people(const struct rounds_opts *o, struct cli_ctx *ctx, struct cohort *cohort)
{
    if (o->file) {
        struct diag_list diags = {0};
        int rc = cohort_csv_read(o->file, NULL, cohort, &diags);
        int status = steering(rc, &diags, o->file);
        diag_list_free(&diags);
        return status;
    }
    struct db *db = cli_open_db(&command_rounds, ctx);
    if (!db)
        return CLI_USER;
    long long id;
    char *err = NULL;
    int status = 0;
    int rc = store_programme_id(db, o->programme, &id);
    if (rc != 0)
        status = cli_user_error(&command_rounds,
                                rc == 1 ? "there is no programme '%s'; see 'setwork programmes'"
                                        : "cannot read programme '%s'",
                                o->programme);
    else if (store_load_cohort(db, id, cohort, &err) != 0)
        status = cli_user_error(&command_rounds, "%s", err ? err : "cannot load the programme");
    free(err);
    db_close(db);
    return status;
}

/* --group-size P, or A-B for tables of A to B people. */
static int parse_size(const char *text, struct rounds_opts *o)
{
    const struct command *cmd = &command_rounds;
    const char *dash = strchr(text, '-');
    if (!dash) {
        o->min_size = 0;
        return cli_parse_long(cmd, "--group-size", text, 2, ROUNDS_MAX_GROUP, &o->group_size);
    }
    char *lo = str_printf("%.*s", (int)(dash - text), text);
    int rc = !lo || cli_parse_long(cmd, "--group-size", lo, 2, ROUNDS_MAX_GROUP, &o->min_size) ||
             cli_parse_long(cmd, "--group-size", dash + 1, 2, ROUNDS_MAX_GROUP, &o->group_size);
    free(lo);
    if (rc)
        return -1;
    if (o->min_size > o->group_size) {
        cli_usage_error(cmd, "--group-size %s: the smaller size comes first (e.g. 4-6)", text);
        return -1;
    }
    return 0;
}

static int parse_args(int argc, char **argv, struct rounds_opts *o)
{
    static const struct option options[] = {
        {"people", required_argument, NULL, 'n'},
        {"programme", required_argument, NULL, 'P'},
        {"group-size", required_argument, NULL, 'g'},
        {"rounds", required_argument, NULL, 'w'},
        {"seconds", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'S'},
        {"iterations", required_argument, NULL, 'I'},
        {"apart", required_argument, NULL, 'a'},
        {"together", required_argument, NULL, 't'},
        {"absent", required_argument, NULL, 'A'},
        {"history", required_argument, NULL, 'H'},
        {"lock", required_argument, NULL, 'L'},
        {"mix", required_argument, NULL, 'm'},
        {"csv", required_argument, NULL, 'c'},
        {"json", no_argument, NULL, 'j'},
        {"itinerary", no_argument, NULL, 'i'},
        {"cards", no_argument, NULL, 'C'},
        {0, 0, 0, 0},
    };
    const struct command *cmd = &command_rounds;
    int c;
    while ((c = getopt_long(argc, argv, "g:w:", options, NULL)) != -1) {
        switch (c) {
        case 'n':
            if (cli_parse_long(cmd, "--people", optarg, 2, ROUNDS_MAX_PEOPLE, &o->people))
                return -1;
            break;
        case 'P': o->programme = optarg; break;
        case 'g':
            if (parse_size(optarg, o) != 0)
                return -1;
            break;
        case 'w':
            if (cli_parse_long(cmd, "--rounds", optarg, 1, ROUNDS_MAX_ROUNDS, &o->rounds))
                return -1;
            break;
        case 's':
            if (cli_parse_double(cmd, "--seconds", optarg, 0.001, 3600, &o->seconds))
                return -1;
            o->seconds_given = true;
            break;
        case 'S':
            if (cli_parse_long(cmd, "--seed", optarg, 0, 2147483647L, &o->seed))
                return -1;
            break;
        case 'I':
            if (cli_parse_long(cmd, "--iterations", optarg, 1, 2000000000L, &o->iterations))
                return -1;
            break;
        case 'a': o->apart = optarg; break;
        case 't': o->together = optarg; break;
        case 'A': o->absent = optarg; break;
        case 'H': o->history = optarg; break;
        case 'L': o->lock = optarg; break;
        case 'm': o->mix = optarg; break;
        case 'c': o->csv = optarg; break;
        case 'j': o->json = true; break;
        case 'i': o->itinerary = true; break;
        case 'C': o->cards = true; break;
        default: cli_usage_error(cmd, "unknown option"); return -1;
        }
    }
    if (optind < argc)
        o->file = argv[optind++];
    if (optind < argc) {
        cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
        return -1;
    }
    if ((o->people > 0) + (o->file != NULL) + (o->programme != NULL) != 1) {
        cli_usage_error(cmd, "give exactly one of --people N, FILE.csv or --programme NAME");
        return -1;
    }
    if (o->group_size == 0 || o->rounds == 0) {
        cli_usage_error(cmd, "--group-size P and --rounds W are required");
        return -1;
    }
    /* A move budget alone makes the plan depend on the seed only, not on the machine's speed. */
    if (o->iterations > 0 && !o->seconds_given)
        o->seconds = 3600;
    if (o->mix && o->people > 0) {
        cli_usage_error(cmd, "--mix needs people from a file or a programme");
        return -1;
    }
    return 0;
}

/* Category number of each person on attribute A (-1 when blank). */
static void categories(const struct cohort *cohort, long a, int *cat)
{
    for (size_t i = 0; i < cohort->count; i++) {
        const char *v = cohort->people[i].values[a];
        cat[i] = v[0] ? (int)i : -1;
        for (size_t j = 0; j < i && v[0]; j++)
            if (str_ieq(cohort->people[j].values[a], v)) {
                cat[i] = cat[j];
                break;
            }
    }
}

/* For --mix COL[,COL...]: the cost per meeting of each pair, the sum over the columns the pair
 * shares of set formation's weight for that column (doubled, so that gender's 0.5 stays > 0),
 * and in CAT the categories of the first column for the summary. Returns NULL after reporting. */
static int *mix_costs(const struct cohort *cohort, const char *columns, int *cat, int *status)
{
    size_t n = cohort->count;
    int *cost = calloc(n * n + 1, sizeof *cost);
    int *tmp = malloc((n + 1) * sizeof *tmp);
    char *list = str_printf("%s", columns);
    int first = 1;
    if (!cost || !tmp || !list) {
        *status = cli_user_error(&command_rounds, "out of memory");
        goto fail;
    }
    for (char *col = list, *next; col; col = next) {
        next = strchr(col, ',');
        if (next)
            *next++ = '\0';
        str_lower(str_trim(col));
        long a = cohort_attr_index(cohort, col);
        if (a < 0) {
            *status = cli_user_error(&command_rounds, "--mix: the people have no column '%s'", col);
            goto fail;
        }
        int w = event_mix_weight(col);
        categories(cohort, a, tmp);
        if (first)
            memcpy(cat, tmp, n * sizeof *cat);
        first = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                if (i != j && tmp[i] >= 0 && tmp[i] == tmp[j])
                    cost[i * n + j] += w;
    }
    free(tmp);
    free(list);
    return cost;
fail:
    free(cost);
    free(tmp);
    free(list);
    return NULL;
}

static int run_rounds(struct cli_ctx *ctx, int argc, char **argv)
{
    struct rounds_opts o = {.seconds = 1.0, .seed = 1};
    if (parse_args(argc, argv, &o) != 0)
        return CLI_USAGE;
    struct cohort cohort = {0};
    bool have_cohort = o.people == 0;
    int status = 0;
    int *apart = NULL, *together = NULL, *history = NULL, *locked = NULL, *cat = NULL;
    int *mix = NULL;
    unsigned char *absent = NULL;
    struct rounds_result res = {0};
    struct diag_list diags = {0};
    if (have_cohort && (status = load_people(&o, ctx, &cohort)) != 0)
        goto out;
    int n = have_cohort ? (int)cohort.count : (int)o.people;
    if (have_cohort && (n < 2 || n > ROUNDS_MAX_PEOPLE)) {
        status =
            cli_user_error(&command_rounds, "need 2 to %d people, found %d", ROUNDS_MAX_PEOPLE, n);
        goto out;
    }
    struct rounds_names names = {have_cohort ? &cohort : NULL, n};
    struct rounds_request req = {.people = n,
                                 .group_size = (int)o.group_size,
                                 .min_group_size = (int)o.min_size,
                                 .max_iterations = o.iterations,
                                 .rounds = (int)o.rounds,
                                 .seed = (unsigned long)o.seed,
                                 .seconds = o.seconds};
    if (o.apart &&
        (status = steering(rounds_read_pairs(o.apart, &names, &apart, &req.apart_count, &diags),
                           &diags, o.apart)) != 0)
        goto out;
    if (o.together && (status = steering(rounds_read_pairs(o.together, &names, &together,
                                                           &req.together_count, &diags),
                                         &diags, o.together)) != 0)
        goto out;
    if (o.history && (status = steering(rounds_read_history(o.history, &names, &history,
                                                            &req.history_count, &diags),
                                        &diags, o.history)) != 0)
        goto out;
    if (o.absent) {
        absent = calloc((size_t)n * o.rounds, 1);
        if (!absent) {
            status = cli_user_error(&command_rounds, "out of memory");
            goto out;
        }
        if ((status = steering(rounds_read_absent(o.absent, &names, (int)o.rounds, absent, &diags),
                               &diags, o.absent)) != 0)
            goto out;
    }
    if (o.lock && (status = steering(rounds_read_locked(o.lock, &names, (int)o.rounds, &locked,
                                                        &req.locked_rounds, &diags),
                                     &diags, o.lock)) != 0)
        goto out;
    if (o.mix) {
        cat = malloc(((size_t)n + 1) * sizeof *cat);
        if (!cat) {
            status = cli_user_error(&command_rounds, "out of memory");
            goto out;
        }
        if (!(mix = mix_costs(&cohort, o.mix, cat, &status)))
            goto out;
    }
    req.apart = apart;
    req.together = together;
    req.history = history;
    req.absent = absent;
    req.locked = locked;
    req.attr = cat;
    req.mix_cost = mix;
    char err[512];
    if (rounds_solve(&req, &res, err, sizeof err) != 0) {
        status = cli_user_error(&command_rounds, "%s", err);
        goto out;
    }
    /* The engine's result is checked independently before anyone relies on it. */
    if (rounds_check(&req, res.table, NULL, NULL, err, sizeof err) != 0) {
        status = cli_user_error(&command_rounds, "internal error, the schedule fails its check: %s",
                                err);
        goto out;
    }
    const struct cohort *who = have_cohort ? &cohort : NULL;
    if (o.csv && rounds_write_csv(o.csv, &res, who) != 0) {
        status = cli_user_error(&command_rounds, "cannot write %s: %s", o.csv, strerror(errno));
        goto out;
    }
    if (o.json) {
        cli_print_json(rounds_to_json(&res, who));
    } else if (o.cards) {
        rounds_print_cards(stdout, &res, who);
    } else if (o.itinerary) {
        rounds_print_itinerary(stdout, &res, who);
    } else {
        rounds_print_tables(stdout, &res, who);
        fputc('\n', stdout);
        rounds_print_itinerary(stdout, &res, who);
        fputc('\n', stdout);
        rounds_print_summary(stdout, &res, o.mix);
    }
    if (!o.json && (o.itinerary || o.cards))
        rounds_print_summary(stderr, &res, o.mix); /* keeps stdout printable as it is */
out:
    diag_list_free(&diags);
    rounds_result_free(&res);
    free(apart);
    free(together);
    free(history);
    free(locked);
    free(absent);
    free(cat);
    free(mix);
    if (have_cohort)
        cohort_free(&cohort);
    return status;
}

const struct command command_rounds = {
    .name = "rounds",
    .summary = "Plan mixer rounds where people meet as many new people as possible",
    .help =
        "usage: setwork rounds (--people N | FILE.csv | --programme NAME) --group-size P|A-B\n"
        "                      --rounds W [--seconds S] [--iterations N] [--seed N]\n"
        "                      [--apart FILE] [--together FILE] [--absent FILE] [--history FILE]\n"
        "                      [--lock FILE] [--mix COL[,COL]] [--json | --itinerary | --cards]\n"
        "                      [--csv FILE]\n\n"
        "Plans W rounds of tables of P people (P-1 at some tables when the people present do not\n"
        "divide) so that no pair meets twice when that is possible, and otherwise as few pairs\n"
        "as possible meet twice (and none three times before any twice). --group-size A-B\n"
        "allows tables of A to B people: each round uses the fewest tables of at most B, sizes\n"
        "differing by at most one, or more tables when a design with more gives a perfect plan\n"
        "(35 at 4-5 for 8 rounds: 8 tables, 5 of them of 4; 32 at 4-5 for 10: 8 tables of 4); a\n"
        "round that would need a table under A is refused. Bounds count every number of tables\n"
        "the range allows.\n"
        "Perfect schedules come from finite-geometry constructions and stored designs when they\n"
        "apply (always the same plan), else from local search for up to --seconds (default 1).\n"
        "The search is deterministic in its moves: --iterations N stops it after N moves, and\n"
        "then the plan depends only on --seed and N (not on the machine's speed); with --seconds\n"
        "alone, the same --seed gives the same plan when a perfect one is found, otherwise it\n"
        "depends on how far the search got in the time.\n\n"
        "People are numbered 0..N-1 with --people N, else named by email. Steering files are\n"
        "comma-separated lines ('#' comments and an 'email' header line are ignored):\n"
        "  --apart FILE     two people per line who must never share a table\n"
        "  --together FILE  two people per line who must always share a table\n"
        "  --absent FILE    person,round: who misses which round (rounds count from 1)\n"
        "  --history FILE   earlier groups, two or more people per line: their pairs already met\n"
        "  --lock FILE      rounds already played, as written by --csv: rounds 1..K in the file\n"
        "                   stay as they are and the rest is re-planned (e.g. after absences)\n"
        "  --mix COL[,COL]  spread people who share these columns (e.g. department) over\n"
        "                   tables, weighing columns as set formation does\n\n"
        "Output: the tables, each person's itinerary and a summary; --itinerary or --cards\n"
        "(one printable card per table) alone; --csv FILE writes email,name,round,table rows;\n"
        "--json prints {\"rounds\": [[[member,...],...],...], \"repeat_pairs\", \"max_meetings\",\n"
        "\"bound\", \"least_repeats\", \"perfect\", \"optimal\", \"method\"}: bound is the most\n"
        "rounds with no pair meeting twice, least_repeats a proven lower bound on repeats for\n"
        "this request (absences, locked rounds, history and keep-apart pairs counted), optimal\n"
        "true only when proven (perfect, or no more repeats than least_repeats with no pair\n"
        "meeting three times). Exit 1 when a request cannot be met (e.g.\n"
        "keep-apart pairs that leave no room), with a message naming the round and people.\n",
    .run = run_rounds,
};
