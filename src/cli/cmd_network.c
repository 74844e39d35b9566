/* `setwork network import|report|export`: network surveys of a programme. */
#include "cli/cli.h"

#include "app/demo/demo_network.h"
#include "cli/network_cli.h"
#include "store/store_plans.h"
#include "store/store_programmes.h"

#include "app/network/network_ties.h"
#include "app/network/network_view.h"
#include "core/file.h"
#include "core/rng.h"
#include "core/strbuf.h"
#include "io/export/network_export.h"
#include "store/store_network.h"
#include "store/store_network_load.h"
#include "store/store_people.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int import_problems(struct diag_list *diags, const char *source, bool json)
{
    if (json)
        cli_print_json(json_pack("{s:s, s:o}", "file", source, "errors", diag_to_json(diags)));
    diag_print(diags, stderr);
    size_t n = diags->count + diags->dropped;
    fprintf(stderr, "setwork network: %zu problem%s in %s; nothing was imported.\n", n,
            n == 1 ? "" : "s", source);
    return CLI_USER;
}

static int run_import(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"programme", required_argument, NULL, 'p'},
        {"wave", required_argument, NULL, 'w'},
        {"dry-run", no_argument, NULL, 'n'},
        {"json", no_argument, NULL, 'j'},
        {0, 0, 0, 0},
    };
    const char *programme = NULL, *wave = NULL;
    bool dry_run = false, json = false;
    int c;
    while ((c = getopt_long(argc, argv, "p:w:n", options, NULL)) != -1) {
        switch (c) {
        case 'p': programme = optarg; break;
        case 'w': wave = optarg; break;
        case 'n': dry_run = true; break;
        case 'j': json = true; break;
        default: return cli_usage_error(&command_network, "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error(&command_network, "give exactly one CSV file of ties to import");
    if (!programme || !programme[0] || !wave || !wave[0])
        return cli_usage_error(&command_network, "--programme NAME and --wave W are required");
    if (strlen(wave) > TIES_RELATION_MAX_LEN)
        return cli_usage_error(&command_network, "the wave name is longer than %d characters",
                               TIES_RELATION_MAX_LEN);
    const char *source = argv[optind];
    struct db *db = cli_open_db(&command_network, ctx);
    if (!db)
        return CLI_USER;
    int status = CLI_USER;
    long long programme_id = 0;
    struct cohort members = {0};
    struct tie_file f = {0};
    struct diag_list diags = {0};
    char *err = NULL;
    int rc = store_programme_id(db, programme, &programme_id);
    if (rc != 0) {
        cli_user_error(&command_network,
                       rc == 1 ? "there is no programme '%s'; import its cohort first with "
                                 "'setwork import FILE.csv --programme NAME'"
                               : "cannot read programme '%s'",
                       programme);
        goto out;
    }
    if (store_load_cohort(db, programme_id, &members, &err) != 0) {
        cli_user_error(&command_network, "%s", err ? err : "cannot load the programme");
        goto out;
    }
    rc = tie_file_read(source, &members, programme, &f, &diags);
    if (rc != 0) {
        if (rc < 0)
            cli_user_error(&command_network, "out of memory reading %s", source);
        else
            import_problems(&diags, source, json);
        goto out;
    }
    struct tie_import_report report;
    if (tie_file_import(db, programme_id, wave, &members, &f, dry_run, &report, &err) != 0) {
        cli_user_error(&command_network, "%s", err);
        goto out;
    }
    if (json) {
        cli_print_json(json_pack(
            "{s:s, s:s, s:s, s:b, s:b, s:I, s:I, s:I, s:I, s:I}", "file", source, "programme",
            programme, "wave", wave, "dry_run", dry_run, "wave_created", report.wave_created,
            "ties", (json_int_t)report.ties, "respondents", (json_int_t)report.respondents,
            "named_nobody", (json_int_t)report.nobody, "relations",
            (json_int_t)report.relation_count, "replaced", (json_int_t)report.replaced));
    } else {
        printf("%s %zu tie%s from %zu respondent%s (%zu relation%s) into wave '%s'%s of "
               "programme '%s'.\n",
               dry_run ? "Checked" : "Imported", report.ties, report.ties == 1 ? "" : "s",
               report.respondents, report.respondents == 1 ? "" : "s", report.relation_count,
               report.relation_count == 1 ? "" : "s", wave,
               report.wave_created ? " (new wave)" : "", programme);
        if (report.nobody)
            printf("%zu respondent%s answered that they know nobody here.\n", report.nobody,
                   report.nobody == 1 ? "" : "s");
        if (report.replaced)
            printf("%zu earlier answer%s of these respondents in this wave were replaced.\n",
                   report.replaced, report.replaced == 1 ? "" : "s");
        if (dry_run)
            puts("Dry run: nothing was written.");
    }
    status = CLI_OK;
out:
    free(err);
    diag_list_free(&diags);
    tie_file_free(&f);
    cohort_free(&members);
    db_close(db);
    return status;
}

static int run_report(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"programme", required_argument, NULL, 'p'},
        {"wave", required_argument, NULL, 'w'},
        {"compare", required_argument, NULL, 'c'},
        {"relation", required_argument, NULL, 'r'},
        {"svg", required_argument, NULL, 's'},
        {"chart", required_argument, NULL, 'C'},
        {"ego", required_argument, NULL, 'e'},
        {"colour", required_argument, NULL, 'k'},
        {"json", no_argument, NULL, 'j'},
        {"anonymise", no_argument, NULL, 'a'},
        {0, 0, 0, 0},
    };
    struct network_report_options opt = {0};
    int c;
    while ((c = getopt_long(argc, argv, "p:w:", options, NULL)) != -1) {
        switch (c) {
        case 'p': opt.programme = optarg; break;
        case 'w': opt.wave = optarg; break;
        case 'c': opt.compare = optarg; break;
        case 'r': opt.relation = optarg; break;
        case 's': opt.svg = optarg; break;
        case 'C': opt.chart = optarg; break;
        case 'e': opt.ego = optarg; break;
        case 'k': opt.colour = optarg; break;
        case 'j': opt.json = true; break;
        case 'a': opt.anonymise = true; break;
        default: return cli_usage_error(&command_network, "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error(&command_network, "unexpected argument '%s'", argv[optind]);
    if (!opt.programme || !opt.programme[0])
        return cli_usage_error(&command_network, "--programme NAME is required");
    if (opt.wave && opt.compare)
        return cli_usage_error(&command_network, "give --wave or --compare, not both");
    if (opt.ego && !opt.svg)
        return cli_usage_error(&command_network, "--ego EMAIL draws into --svg FILE; add it");
    if (opt.colour && strcmp(opt.colour, "department") != 0 &&
        strcmp(opt.colour, "organisation") != 0)
        return cli_usage_error(&command_network,
                               "--colour takes 'department' or 'organisation', not '%s'",
                               opt.colour);
    return network_report_run(ctx, &command_network, &opt);
}

static int run_export(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"programme", required_argument, NULL, 'p'},
        {"wave", required_argument, NULL, 'w'},
        {"relation", required_argument, NULL, 'r'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"anonymise", no_argument, NULL, 'a'},
        {0, 0, 0, 0},
    };
    struct network_export_options opt = {.format = "graphml"};
    int c;
    while ((c = getopt_long(argc, argv, "p:w:o:", options, NULL)) != -1) {
        switch (c) {
        case 'p': opt.programme = optarg; break;
        case 'w': opt.wave = optarg; break;
        case 'r': opt.relation = optarg; break;
        case 'f': opt.format = optarg; break;
        case 'o': opt.output = optarg; break;
        case 'a': opt.anonymise = true; break;
        default: return cli_usage_error(&command_network, "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error(&command_network, "unexpected argument '%s'", argv[optind]);
    if (!opt.programme || !opt.wave)
        return cli_usage_error(&command_network, "--programme NAME and --wave W are required");
    if (strcmp(opt.format, "graphml") != 0 && strcmp(opt.format, "csv") != 0)
        return cli_usage_error(&command_network, "--format takes graphml or csv, not '%s'",
                               opt.format);
    if (strcmp(opt.format, "csv") == 0 && !opt.output)
        return cli_usage_error(&command_network,
                               "--format csv writes two files; give --output PREFIX");
    return network_export_run(ctx, &command_network, &opt);
}

static int write_or_print(const struct command *cmd, const char *path, char *text)
{
    if (!text)
        return cli_user_error(cmd, "out of memory");
    int status = CLI_OK;
    char *err = NULL;
    if (!path)
        fputs(text, stdout);
    else if (file_write_atomic(path, text, strlen(text), &err) != 0)
        status = cli_user_error(cmd, "%s", err);
    free(err);
    free(text);
    return status;
}

int network_export_run(struct cli_ctx *ctx, const struct command *cmd,
                       const struct network_export_options *opt)
{
    struct db *db = cli_open_db(cmd, ctx);
    if (!db)
        return CLI_USER;
    int status = CLI_USER;
    long long programme_id = 0, wave_id = 0;
    struct network_data d = {0};
    struct net_wave w = {0};
    char **labels = NULL;
    char *err = NULL;
    if (store_programme_id(db, opt->programme, &programme_id) != 0) {
        cli_user_error(cmd, "there is no programme '%s'", opt->programme);
        goto out;
    }
    if (store_network_wave_id(db, programme_id, opt->wave, &wave_id) != 0) {
        cli_user_error(cmd, "programme '%s' has no wave '%s'", opt->programme, opt->wave);
        goto out;
    }
    struct net_people people;
    if (store_network_load(db, programme_id, wave_id, opt->relation, &d, &err) != 0 ||
        (people = network_data_people(&d),
         network_relation_check(&d, opt->relation, &err) != 0 ||
             net_analyse(&people, d.ties, d.tie_count, &w, &err) != 0)) {
        cli_user_error(cmd, "%s", err ? err : "cannot analyse the network");
        goto out;
    }
    labels = network_labels(&d, opt->anonymise, (unsigned long)rng_secret_seed());
    if (!labels) {
        cli_user_error(cmd, "out of memory");
        goto out;
    }
    if (strcmp(opt->format, "graphml") == 0) {
        status = write_or_print(cmd, opt->output, network_graphml(&d, &w, labels, opt->anonymise));
    } else {
        char *nodes = str_printf("%s-nodes.csv", opt->output);
        char *edges = str_printf("%s-edges.csv", opt->output);
        status = nodes && edges
                     ? write_or_print(cmd, nodes, network_nodes_csv(&d, &w, labels, opt->anonymise))
                     : cli_user_error(cmd, "out of memory");
        if (status == CLI_OK)
            status = write_or_print(cmd, edges, network_edges_csv(&d, labels, opt->anonymise));
        if (status == CLI_OK)
            fprintf(stderr, "Wrote %s and %s.\n", nodes, edges);
        free(nodes);
        free(edges);
    }
out:
    free(err);
    network_labels_free(labels, d.cohort.count);
    net_wave_free(&w);
    network_data_free(&d);
    db_close(db);
    return status;
}

/* `network demo`: generated baseline and final answers for a programme (for demonstrations). */
static int run_demo(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"programme", required_argument, NULL, 'p'},
        {"seed", required_argument, NULL, 's'},
        {0, 0, 0, 0},
    };
    const char *programme = NULL;
    long seed = 1;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'p')
            programme = optarg;
        else if (c != 's' ||
                 cli_parse_long(&command_network, "--seed", optarg, 0, 1L << 62, &seed) != 0)
            return cli_usage_error(&command_network, "network demo takes --programme and --seed");
    }
    if (!programme)
        return cli_usage_error(&command_network, "network demo needs --programme NAME");
    struct db *db = cli_open_db(&command_network, ctx);
    if (!db)
        return CLI_USER;
    long long pid = 0, plan_id = 0;
    struct cohort cohort = {0};
    struct store_plan_rows plan = {0};
    struct tie_file waves[2] = {0};
    char *err = NULL;
    int *set_of = NULL, status = CLI_OK;
    if (store_programme_id(db, programme, &pid) != 0) {
        status = cli_user_error(&command_network, "there is no programme '%s'", programme);
        goto done;
    }
    if (store_load_cohort(db, pid, &cohort, &err) != 0 ||
        !(set_of = malloc((cohort.count ? cohort.count : 1) * sizeof *set_of))) {
        status = cli_user_error(&command_network, "%s", err ? err : "out of memory");
        goto done;
    }
    bool have_plan =
        store_plan_latest(db, pid, &plan_id) == 0 && store_plan_rows_load(db, plan_id, &plan) == 0;
    for (size_t i = 0; i < cohort.count; i++) {
        set_of[i] = -1;
        for (int k = 0; have_plan && k < plan.n; k++) {
            if (plan.person_ids[k] == cohort.people[i].id)
                set_of[i] = plan.group[k];
        }
    }
    if (demo_network_ties(&cohort, set_of, (uint64_t)seed, &waves[0], &waves[1]) != 0) {
        status = cli_user_error(&command_network, "out of memory");
        goto done;
    }
    static const char *const names[2] = {"baseline", "final"};
    for (int w = 0; w < 2 && status == CLI_OK; w++) {
        struct tie_import_report rep;
        if (tie_file_import(db, pid, names[w], &cohort, &waves[w], false, &rep, &err) != 0)
            status = cli_user_error(&command_network, "%s", err ? err : "import failed");
        else
            printf("Wave %s: %zu ties from %zu people.\n", names[w], rep.ties, rep.respondents);
    }
done:
    free(err);
    free(set_of);
    tie_file_free(&waves[0]);
    tie_file_free(&waves[1]);
    if (plan.sets)
        store_plan_rows_free(&plan);
    cohort_free(&cohort);
    db_close(db);
    return status;
}

static int run_network(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error(&command_network, "say what to do: import, report or export");
    const char *sub = argv[1];
    /* getopt starts at argv[1], which becomes the subcommand name. */
    optind = 1;
    if (strcmp(sub, "import") == 0)
        return run_import(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "report") == 0)
        return run_report(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "export") == 0)
        return run_export(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "demo") == 0)
        return run_demo(ctx, argc - 1, argv + 1);
    return cli_usage_error(&command_network, "'%s' is not one of import, report, export", sub);
}

const struct command command_network = {
    .name = "network",
    .summary = "Import network surveys, report how networks grow, export for Gephi",
    .help =
        "usage: setwork network import FILE.csv --programme NAME --wave W [--dry-run] [--json]\n"
        "       setwork network demo --programme NAME [--seed N]\n"
        "       setwork network report --programme NAME [--wave W | --compare W1,W2]\n"
        "               [--relation R] [--json] [--svg FILE] [--ego EMAIL] [--chart FILE]\n"
        "               [--colour department|organisation] [--anonymise]\n"
        "       setwork network export --programme NAME --wave W [--format graphml|csv]\n"
        "               [--output FILE|PREFIX] [--relation R] [--anonymise]\n\n"
        "import   reads who-knows-whom answers: columns from_email,to_email,relation and an\n"
        "         optional strength (a number from 0 to 100). Both people must be members of\n"
        "         the programme. A row with to_email empty (relation optional, no strength)\n"
        "         is the answer \"I know nobody here\": the person answered and named nobody,\n"
        "         and counts in the response rate. Every problem is listed with its line\n"
        "         (unknown emails, self-ties, duplicate rows, bad strengths) and then nothing\n"
        "         is written. The wave is created if new; a respondent's earlier answers in\n"
        "         the wave for the file's relations are replaced by the file's.\n"
        "report   per-cohort figures (density, components, isolates, mean E-I index, share of\n"
        "         ties across departments and organisations) for the latest wave or --wave W;\n"
        "         with --compare W1,W2 also ties gained and lost inside and beyond each\n"
        "         person's set and each metric's change with Cohen's d_z. --json adds every\n"
        "         person's metrics, at full precision. --svg FILE draws the network (two\n"
        "         waves side by side with new ties in red when comparing); with --ego EMAIL\n"
        "         it draws that person's contacts instead. --chart FILE draws the change\n"
        "         charts (needs --compare). --anonymise replaces names and emails with P1,\n"
        "         P2, ... --relation R keeps one relation; a relation the programme does not\n"
        "         have is an error.\n"
        "export   one wave as GraphML (Gephi, yEd; default, to stdout or --output FILE) or as\n"
        "         CSV node and edge lists for Kumu or Polinode (PREFIX-nodes.csv and\n"
        "         PREFIX-edges.csv), with each person's metrics.\n\n"
        "Degrees in and out count nominations; every other metric treats a tie named by\n"
        "either person as a contact between both. Density is the contact density: pairs in\n"
        "contact / all pairs, n(n-1)/2; --json also gives the nomination density\n"
        "(nominations / ordered pairs, n(n-1)), labelled. Every metric is unweighted (a\n"
        "contact is a contact, whatever its strength), because strength scales differ\n"
        "between surveys. Strength is used by two further figures only, labelled weighted:\n"
        "the weighted degree (the sum of a person's contact weights) and Burt's constraint\n"
        "with weights (as igraph computes them), where a contact weighs strength/100 (a\n"
        "full-strength tie counts 1) and a pair named several times takes its strongest\n"
        "tie. They are given (the cohort means in the report, every person's with --json)\n"
        "only when every tie of the wave has a strength: a missing strength is not guessed,\n"
        "so one tie without it leaves the weighted figures out; the report then says how\n"
        "many ties lack one (--json: ties_without_strength).\n"
        "--compare W1,W2 compares only the people who answered both waves (and the ties\n"
        "they named), and says how many were left out. A tie is inside a set when both\n"
        "people are in one set of the plan in force when the later wave began (its first\n"
        "answer): the plan published at or before then, else the newest plan saved at or\n"
        "before then; plans saved later do not count.\n",
    .run = run_network,
};
