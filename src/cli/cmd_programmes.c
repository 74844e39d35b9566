/* `setwork programmes`: the programmes in the store and how many people each has. */
#include "cli/cli.h"

#include "app/plans/programme_state.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

static int run_programmes(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {{"json", no_argument, NULL, 'j'}, {0, 0, 0, 0}};
    bool json = false;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c != 'j')
            return cli_usage_error(&command_programmes, "unknown option");
        json = true;
    }
    if (optind != argc)
        return cli_usage_error(&command_programmes, "takes no arguments");
    struct db *db = cli_open_db(&command_programmes, ctx);
    if (!db)
        return CLI_USER;
    struct programme_summary *list = NULL;
    size_t n = 0;
    int status = CLI_OK;
    if (store_programmes_list(db, &list, &n) != 0) {
        status = cli_user_error(&command_programmes, "%s", db_errmsg(db));
    } else if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, json_pack("{s:s, s:i, s:s, s:i, s:s, s:s}", "name",
                                                 list[i].name, "members", (int)list[i].members,
                                                 "created_at", list[i].created_at, "sets",
                                                 (int)list[i].sets, "state", list[i].state,
                                                 "allows", programme_state_allows(list[i].state)));
        cli_print_json(arr);
    } else if (n == 0) {
        puts("No programmes yet. Import a cohort with 'setwork import FILE.csv --programme NAME'.");
    } else {
        for (size_t i = 0; i < n; i++)
            printf("%-40s %5ld members %4ld sets  %s\n", list[i].name, list[i].members,
                   list[i].sets, list[i].state);
    }
    programme_summaries_free(list, n);
    db_close(db);
    return status;
}

const struct command command_programmes = {
    .name = "programmes",
    .summary = "List the programmes and their sizes",
    .help =
        "usage: setwork programmes [--json]\n\nLists every programme with its member count, its "
        "published sets and its state (draft, sets published, running, finished).\n",
    .run = run_programmes,
};
