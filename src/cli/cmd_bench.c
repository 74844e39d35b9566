/* `setwork bench mdgp INSTANCE.txt`: solves one MDGPLIB instance with the same engine as
 * `setwork form` and prints one JSON line, so benchmark scripts can compare with the literature. */
#include "cli/cli.h"

#include "engine/formation/formation.h"
#include "io/import/mdgp_instance.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int run_bench(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"seconds", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'r'},
        {"iterations", required_argument, NULL, 'i'},
        {0, 0, 0, 0},
    };
    double seconds = 3;
    long seed = 1, iterations = 0;
    int c, seconds_given = 0;
    (void)ctx;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 's':
            if (cli_parse_double(&command_bench, "--seconds", optarg, 0, 86400, &seconds) != 0)
                return CLI_USAGE;
            seconds_given = 1;
            break;
        case 'r':
            if (cli_parse_long(&command_bench, "--seed", optarg, 0, 0x7fffffffL, &seed) != 0)
                return CLI_USAGE;
            break;
        case 'i':
            if (cli_parse_long(&command_bench, "--iterations", optarg, 0, 1000000000L,
                               &iterations) != 0)
                return CLI_USAGE;
            break;
        default: return cli_usage_error(&command_bench, "unknown option");
        }
    }
    /* --iterations alone bounds the run by work only, so that it gives the same plan on any
     * machine; with --seconds too, whichever ends first. */
    if (iterations > 0 && !seconds_given)
        seconds = 0;
    if (optind + 2 != argc || strcmp(argv[optind], "mdgp") != 0)
        return cli_usage_error(&command_bench, "expected 'mdgp INSTANCE.txt'");
    const char *path = argv[optind + 1];
    struct mdgp_instance inst;
    char *err = NULL;
    if (mdgp_instance_read(path, &inst, &err) != 0) {
        cli_user_error(&command_bench, "%s", err);
        free(err);
        return CLI_USER;
    }
    struct form_problem p = {.n = inst.n, .m = inst.m, .d = inst.d, .lo = inst.lo, .hi = inst.hi};
    struct form_options o = {
        .seed = (uint64_t)seed, .seconds = seconds, .max_iterations = iterations};
    struct form_result r;
    struct strbuf why = {0};
    int rc = form_solve(&p, &o, &r, &why);
    int status = CLI_OK;
    if (rc != 0) {
        status = cli_user_error(&command_bench, "%s",
                                rc < 0     ? "out of memory"
                                : why.data ? why.data
                                           : "infeasible");
        goto out;
    }
    json_t *groups = json_array();
    for (int g = 0; g < inst.m; g++) {
        json_t *members = json_array();
        for (int i = 0; i < inst.n; i++) {
            if (r.group[i] == g)
                json_array_append_new(members, json_integer(i));
        }
        json_array_append_new(groups, members);
    }
    json_t *line = json_pack("{s:f, s:o, s:f, s:f, s:I}", "objective", r.objective, "groups",
                             groups, "seconds", r.seconds, "best_at", r.best_at, "iterations",
                             (json_int_t)r.iterations);
    json_dumpf(line, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
    fputc('\n', stdout);
    json_decref(line);
    free(r.group);
out:
    sb_free(&why);
    mdgp_instance_free(&inst);
    return status;
}

const struct command command_bench = {
    .name = "bench",
    .summary = "Solve a benchmark instance with the set formation engine",
    .help = "usage: setwork bench mdgp INSTANCE.txt [--seconds S] [--seed N] [--iterations N]\n\n"
            "Solves one Maximally Diverse Grouping Problem instance in the MDGPLIB format with\n"
            "the engine behind 'setwork form' and prints one JSON line:\n"
            "{\"objective\", \"groups\" (0-based item indices), \"seconds\", \"best_at\",\n"
            "\"iterations\"}. --seconds is the time limit (default 3); --iterations bounds the\n"
            "work instead (tabu steps, or 256 annealing proposals each), which makes the run\n"
            "reproducible for a seed on any machine; given both, the run stops at the first.\n",
    .run = run_bench,
};
