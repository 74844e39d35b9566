/* `setwork ics`: a person's calendar feed (every meeting of their sets) as iCalendar, for
 * scripts and for checking what the tokenised web feed will serve. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/strbuf.h"
#include "engine/meetings/ics.h"
#include "store/store_meetings.h"
#include "store/store_people.h"

#define CMD (&command_ics)

/* Turns stored meetings into calendar events. Summaries name the set and programme only:
 * a calendar is not a place for what is said in a set. Caller frees the result and
 * *SUMMARIES (COUNT strings). */
static struct meet_ics_event *events_of(const struct meeting *ms, size_t n, char ***summaries)
{
    struct meet_ics_event *ev = calloc(n ? n : 1, sizeof *ev);
    char **sum = calloc(n ? n : 1, sizeof *sum);
    if (!ev || !sum)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        sum[i] = str_printf("Action learning: %s (%s)", ms[i].set_name, ms[i].programme_name);
        if (!sum[i])
            goto fail;
        ev[i] =
            (struct meet_ics_event){ms[i].uid, ms[i].sequence, ms[i].starts_at, ms[i].ends_at,
                                    sum[i],    ms[i].location, ms[i].link,      ms[i].cancelled};
    }
    *summaries = sum;
    return ev;
fail:
    for (size_t i = 0; sum && i < n; i++)
        free(sum[i]);
    free(sum);
    free(ev);
    return NULL;
}

static int run_ics(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {{"programme", required_argument, NULL, 'p'},
                                            {"output", required_argument, NULL, 'o'},
                                            {0, 0, 0, 0}};
    const char *programme = NULL, *output = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'p': programme = optarg; break;
        case 'o': output = optarg; break;
        default: return cli_usage_error(CMD, "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error(CMD, "wants one PERSON_EMAIL");
    struct db *db = cli_open_db(CMD, ctx);
    if (!db)
        return CLI_USER;
    int status = CLI_OK;
    struct meeting *ms = NULL;
    size_t n = 0;
    struct meet_ics_event *ev = NULL;
    char **sum = NULL, *text = NULL;
    char *email = str_lower(strdup(argv[optind]));
    long long person, prog = 0;
    int rc = email ? store_person_id(db, email, &person) : -1;
    if (rc) {
        status = rc > 0 ? cli_user_error(CMD, "no person with email '%s'", argv[optind])
                        : cli_user_error(CMD, "%s", db_errmsg(db));
        goto out;
    }
    if (programme && (rc = store_programme_id(db, programme, &prog))) {
        status = rc > 0 ? cli_user_error(CMD, "no programme named '%s'", programme)
                        : cli_user_error(CMD, "%s", db_errmsg(db));
        goto out;
    }
    if (store_meetings_for_person(db, person, prog, &ms, &n)) {
        status = cli_user_error(CMD, "%s", db_errmsg(db));
        goto out;
    }
    ev = events_of(ms, n, &sum);
    text = ev ? meet_ics_build(ev, n, "setwork meetings", (int64_t)time(NULL)) : NULL;
    if (!text) {
        status = cli_user_error(CMD, "out of memory");
        goto out;
    }
    FILE *f = output ? fopen(output, "wb") : stdout;
    if (!f) {
        status = cli_user_error(CMD, "cannot write %s", output);
        goto out;
    }
    size_t len = strlen(text);
    bool ok = fwrite(text, 1, len, f) == len;
    if (output)
        ok = (fclose(f) == 0) && ok;
    else
        ok = (fflush(f) == 0) && ok;
    if (!ok)
        status = cli_user_error(CMD, "cannot write %s", output ? output : "standard output");
out:
    for (size_t i = 0; sum && i < n; i++)
        free(sum[i]);
    free(sum);
    free(ev);
    free(text);
    meetings_free(ms, n);
    free(email);
    db_close(db);
    return status;
}

const struct command command_ics = {
    .name = "ics",
    .summary = "Write a person's meetings as an iCalendar feed",
    .help = "usage: setwork ics PERSON_EMAIL [--programme NAME] [-o FILE]\n\n"
            "Writes every meeting of the person's sets (and sets they facilitate) as iCalendar\n"
            "to standard output or FILE. UIDs are stable and SEQUENCE grows with each move or\n"
            "cancellation, so re-importing updates events instead of duplicating them;\n"
            "cancelled meetings stay in the feed with STATUS:CANCELLED. Times are in UTC.\n",
    .run = run_ics,
};
