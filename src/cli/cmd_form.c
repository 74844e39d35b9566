/* `setwork form`: forms action learning sets from a cohort file or a programme, under the rules
 * of action learning, and prints them (or saves them as a plan). The arguments and the printing
 * only: the problem and the plan come from app/plans (plan_service.h), as on the web. */
#include "cli/cli.h"

#include "app/plans/plan_service.h"
#include "io/import/cohort_csv.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct form_args {
    const char *file, *programme, *weights, *save;
    const char *apart, *together, *pin;
    const char *isolate[PLAN_MAX_ISOLATE];
    int isolate_count;
    long sets, size_a, size_b, chain, seed, iterations;
    double seconds;
    int json;
};

static int parse_args(struct form_args *a, int argc, char **argv)
{
    static const struct option options[] = {
        {"programme", required_argument, NULL, 'p'},
        {"sets", required_argument, NULL, 'm'},
        {"size", required_argument, NULL, 'z'},
        {"weights", required_argument, NULL, 'w'},
        {"seconds", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'r'},
        {"apart", required_argument, NULL, 'A'},
        {"together", required_argument, NULL, 'T'},
        {"pin", required_argument, NULL, 'P'},
        {"chain", required_argument, NULL, 'c'},
        {"no-isolate", required_argument, NULL, 'i'},
        {"json", no_argument, NULL, 'j'},
        {"save", required_argument, NULL, 'S'},
        {"iterations", required_argument, NULL, 'I'},
        {0, 0, 0, 0},
    };
    const struct command *cmd = &command_form;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'p': a->programme = optarg; break;
        case 'w': a->weights = optarg; break;
        case 'A': a->apart = optarg; break;
        case 'T': a->together = optarg; break;
        case 'P': a->pin = optarg; break;
        case 'S': a->save = optarg; break;
        case 'j': a->json = 1; break;
        case 'm':
            if (cli_parse_long(cmd, "--sets", optarg, 1, FORM_MAX_SETS, &a->sets) != 0)
                return -1;
            break;
        case 'z': {
            char *dash = strchr(optarg, '-');
            if (!dash) {
                cli_usage_error(cmd, "--size takes A-B, for example 4-8, not '%s'", optarg);
                return -1;
            }
            *dash = '\0';
            if (cli_parse_long(cmd, "--size", optarg, 2, 1000, &a->size_a) != 0 ||
                cli_parse_long(cmd, "--size", dash + 1, a->size_a, 1000, &a->size_b) != 0)
                return -1;
            break;
        }
        case 's':
            if (cli_parse_double(cmd, "--seconds", optarg, 0.001, 86400, &a->seconds) != 0)
                return -1;
            break;
        case 'r':
            if (cli_parse_long(cmd, "--seed", optarg, 0, 0x7fffffffL, &a->seed) != 0)
                return -1;
            break;
        case 'I':
            if (cli_parse_long(cmd, "--iterations", optarg, 1, PLAN_MAX_ITERATIONS,
                               &a->iterations) != 0)
                return -1;
            break;
        case 'c':
            if (cli_parse_long(cmd, "--chain", optarg, 0, 100, &a->chain) != 0)
                return -1;
            break;
        case 'i':
            if (a->isolate_count == PLAN_MAX_ISOLATE) {
                cli_usage_error(cmd, "at most %d --no-isolate attributes", PLAN_MAX_ISOLATE);
                return -1;
            }
            a->isolate[a->isolate_count++] = optarg;
            break;
        default: cli_usage_error(cmd, "unknown option"); return -1;
        }
    }
    if (optind < argc)
        a->file = argv[optind++];
    if (optind != argc || (!a->file) == (!a->programme)) {
        cli_usage_error(cmd, "give either FILE.csv or --programme NAME");
        return -1;
    }
    if (a->sets && a->size_a) {
        cli_usage_error(cmd, "--sets and --size cannot be combined");
        return -1;
    }
    if (a->save && !a->programme) {
        cli_usage_error(cmd, "--save needs --programme (a plan belongs to a programme)");
        return -1;
    }
    return 0;
}

/* Distinct values of attribute A in set G, and known pairs inside G. */
static int distinct_in_set(const struct form_input *in, const int *group, int g, int a)
{
    int count = 0;
    for (int i = 0; i < in->n; i++) {
        if (group[i] != g)
            continue;
        int v = in->code[(size_t)i * (size_t)in->k + (size_t)a], seen = 0;
        for (int j = 0; j < i && !seen; j++)
            seen = group[j] == g && in->code[(size_t)j * (size_t)in->k + (size_t)a] == v;
        count += !seen;
    }
    return count;
}

static int known_in_set(const struct form_input *in, const int *group, int g)
{
    int count = 0;
    for (int t = 0; t < in->known_count; t++)
        count += group[in->known[t].a] == g && group[in->known[t].b] == g;
    return count;
}

static json_t *plan_json(const struct form_input *in, const struct form_result *r, const double *ub,
                         long seed)
{
    const struct cohort *c = in->cohort;
    json_t *sets = json_array(), *weights = json_object();
    for (int a = 0; a < in->k; a++)
        json_object_set_new(weights, c->attrs[a], json_real(in->weight[a]));
    json_object_set_new(weights, "new", json_real(in->w_new));
    for (int g = 0; g < in->m; g++) {
        json_t *members = json_array(), *mix = json_object();
        int size = 0;
        for (int i = 0; i < in->n; i++) {
            if (r->group[i] == g) {
                json_array_append_new(members, json_string(c->people[i].email));
                size++;
            }
        }
        for (int a = 0; a < in->k; a++)
            json_object_set_new(mix, c->attrs[a],
                                json_integer(distinct_in_set(in, r->group, g, a)));
        json_array_append_new(sets, json_pack("{s:s, s:i, s:o, s:o, s:i}", "name", in->set_names[g],
                                              "size", size, "members", members, "mix", mix,
                                              "known_pairs", known_in_set(in, r->group, g)));
    }
    json_t *o = json_object();
    json_object_set_new(o, "objective", json_real(r->objective));
    json_object_set_new(o, "upper_bound", ub ? json_real(*ub) : json_null());
    json_object_set_new(o, "gap",
                        ub && *ub > 0 ? json_real((*ub - r->objective) / *ub) : json_null());
    json_object_set_new(o, "optimal", json_boolean(ub && r->objective >= *ub - 1e-6));
    json_object_set_new(o, "people", json_integer(in->n));
    json_object_set_new(o, "isolated", json_integer(r->isolated));
    json_object_set_new(o, "seed", json_integer(seed));
    json_object_set_new(o, "seconds", json_real(r->seconds));
    json_object_set_new(o, "weights", weights);
    json_object_set_new(o, "sets", sets);
    return o;
}

static void print_plan(const struct form_input *in, const struct form_result *r, const double *ub)
{
    const struct cohort *c = in->cohort;
    for (int g = 0; g < in->m; g++) {
        int size = 0;
        for (int i = 0; i < in->n; i++)
            size += r->group[i] == g;
        printf("%s (%d people):", in->set_names[g], size);
        for (int a = 0, shown = 0; a < in->k; a++) {
            if (in->weight[a] <= 0)
                continue;
            printf("%s %d %ss", shown++ ? "," : "", distinct_in_set(in, r->group, g, a),
                   c->attrs[a]);
        }
        int known = known_in_set(in, r->group, g);
        printf(", %d pair%s who already know each other\n", known, known == 1 ? "" : "s");
        for (int i = 0; i < in->n; i++) {
            if (r->group[i] != g)
                continue;
            printf("  %s <%s>", c->people[i].name, c->people[i].email);
            for (int a = 0, shown = 0; a < in->k && shown < 3; a++) {
                if (in->weight[a] > 0 && c->people[i].values[a][0])
                    printf("%s%s", shown++ ? ", " : " (", c->people[i].values[a]);
            }
            fputs(in->k ? ")\n" : "\n", stdout);
        }
    }
    printf("\n%d sets for %d people; score %.2f", in->m, in->n, r->objective);
    if (ub) {
        double gap = *ub > 0 ? 100 * (*ub - r->objective) / *ub : 0;
        if (r->objective >= *ub - 1e-6)
            printf(", the upper bound: optimal.\n");
        else
            printf(" of at most %.2f (certified gap %.3f%%).\n", *ub, gap);
    } else {
        fputs(".\n", stdout);
    }
    if (r->isolated > 0)
        printf("%d set%s hold a single member of a minority value (--no-isolate).\n", r->isolated,
               r->isolated == 1 ? "" : "s");
}

static int run_form(struct cli_ctx *ctx, int argc, char **argv)
{
    const struct command *cmd = &command_form;
    struct form_args a = {.seconds = 1, .seed = 1, .chain = 1, .size_a = 0, .size_b = 0};
    if (parse_args(&a, argc, argv) != 0)
        return CLI_USAGE;
    if (!a.sets && !a.size_a) {
        a.size_a = 4;
        a.size_b = 8;
    }
    struct plan_settings s = {.name = a.save,
                              .sets = (int)a.sets,
                              .size_min = (int)a.size_a,
                              .size_max = (int)a.size_b,
                              .weights = a.weights,
                              .seconds = a.seconds,
                              .iterations = a.iterations,
                              .seed = a.seed,
                              .chain = a.chain ? (int)a.chain : PLAN_CHAIN_OFF,
                              .isolate_count = a.isolate_count,
                              .apart_file = a.apart,
                              .together_file = a.together,
                              .pin_file = a.pin,
                              .exact_name = 1};
    for (int t = 0; t < a.isolate_count; t++)
        s.isolate[t] = a.isolate[t];
    struct plan_formed f = {0};
    struct strbuf err = {0};
    struct db *db = NULL;
    enum status st;
    int status = CLI_USER;
    if (a.file) {
        struct cohort cohort = {0};
        struct diag_list diags = {0};
        int rc = cohort_csv_read(a.file, NULL, &cohort, &diags);
        if (rc != 0) {
            diag_print(&diags, stderr);
            diag_list_free(&diags);
            cohort_free(&cohort);
            status = cli_user_error(cmd, "%s", rc < 0 ? "out of memory" : "fix the file first");
            goto out;
        }
        diag_list_free(&diags);
        st = plan_form_cohort(&cohort, &s, &f, &err);
    } else {
        db = cli_open_db(cmd, ctx);
        if (!db)
            goto out;
        long long programme_id = 0;
        int rc = store_programme_id(db, a.programme, &programme_id);
        if (rc != 0) {
            status = cli_user_error(cmd, "%s", rc > 0 ? "no such programme" : db_errmsg(db));
            goto out;
        }
        st = plan_form_programme(db, programme_id, &s, a.save != NULL, &f, &err);
    }
    if (st == STATUS_INVALID && f.pb.d) {
        /* The problem was built; the search says which rules collide. */
        if (err.data)
            fputs(err.data, stderr);
        status = cli_user_error(cmd, "the rules cannot all hold (see above)");
        goto out;
    }
    if (st != STATUS_OK) {
        status = cli_user_error(cmd, "%s", err.data ? err.data : "out of memory");
        goto out;
    }
    const double *ub = f.pb.ub >= 0 ? &f.pb.ub : NULL;
    if (a.json)
        cli_print_json(plan_json(&f.pb.in, &f.r, ub, a.seed));
    else
        print_plan(&f.pb.in, &f.r, ub);
    status = CLI_OK;
out:
    plan_formed_free(&f);
    sb_free(&err);
    db_close(db);
    return status;
}

const struct command command_form = {
    .name = "form",
    .summary = "Form action learning sets that mix people across silos",
    .help = "usage: setwork form FILE.csv|--programme NAME [--sets M | --size A-B]\n"
            "                    [--weights NAME=W,...] [--seconds S] [--seed N] [--iterations N]\n"
            "                    [--apart FILE] [--together FILE] [--pin FILE] [--chain D]\n"
            "                    [--no-isolate ATTR] [--json] [--save NAME]\n\n"
            "Splits the cohort into sets so that each person meets as many people as possible\n"
            "from other parts of the organisation whom they do not already know. A pair in one\n"
            "set scores the sum of the weights of the attributes on which they differ, plus the\n"
            "weight 'new' when they do not already know each other: with --programme, pairs who\n"
            "shared a set in an earlier plan (the latest plan counts fully, each older one half\n"
            "as much as the next) or are joined by a tie in any network survey wave.\n"
            "The weight 'similar' (default 0: off) adds to a pair whose challenges shared with\n"
            "the cohort fall in one theme, to form sets that work on common issues while their\n"
            "backgrounds still mix (with --programme).\n"
            "Default weights: organisation=3, department=2, location=1, role=1, grade=1,\n"
            "gender=0.5, other columns 1, new=2; --weights changes any of them (with\n"
            "--programme and no --weights, the programme's own weights, as on the web).\n\n"
            "Rules that always hold: the set sizes (--sets M: M sets as equal as possible;\n"
            "--size A-B, default 4-8: sizes within A-B and within one of the average); nobody\n"
            "with their line manager (--chain D: nobody within D levels of each other in the\n"
            "management chain; 0 turns it off); --apart FILE (lines 'email,email': never in one\n"
            "set); --together FILE (lines 'email,email': always in one set); --pin FILE (lines\n"
            "'email,set number'); and, with --programme, the rules stored for the programme.\n"
            "--no-isolate ATTR avoids sets with a single member of a minority value of ATTR\n"
            "(every value but the most common one); it gives way to the rules above.\n"
            "When the rules cannot all hold, says which collide and why, and exits 1.\n\n"
            "The output ends with the score, a provable upper bound and the certified gap.\n"
            "--seconds S (default 1) bounds the search, which stops earlier at the bound;\n"
            "--iterations N bounds it by work instead, so that a --seed gives the same plan\n"
            "every time. --json prints {objective, upper_bound, gap, optimal, sets: [{name,\n"
            "members: [email...], mix, known_pairs}], ...}. --save NAME stores the plan for\n"
            "the programme.\n",
    .run = run_form,
};
