/* `setwork ics`: a person's calendar feed (every meeting of their sets) as iCalendar, for
 * scripts and for checking what the tokenised web feed will serve. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/strbuf.h"
#include "store/store_meetings.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#define CMD (&command_ics)

static int run_ics(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {{"programme", required_argument, NULL, 'p'},
                                            {"output", required_argument, NULL, 'o'},
                                            {"meeting", required_argument, NULL, 'm'},
                                            {0, 0, 0, 0}};
    const char *programme = NULL, *output = NULL;
    long meeting = 0;
    int c;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case 'p': programme = optarg; break;
        case 'o': output = optarg; break;
        case 'm':
            if (cli_parse_long(CMD, "--meeting", optarg, 1, 0x7fffffffL, &meeting))
                return CLI_USAGE;
            break;
        default: return cli_usage_error(CMD, "unknown option");
        }
    }
    if (meeting ? optind != argc || programme : optind + 1 != argc)
        return cli_usage_error(CMD, "wants one PERSON_EMAIL, or --meeting ID alone");
    struct db *db = cli_open_db(CMD, ctx);
    if (!db)
        return CLI_USER;
    int status = CLI_OK;
    struct meeting *ms = NULL;
    size_t n = 0;
    char *text = NULL, *email = NULL;
    long long person, prog = 0;
    int rc;
    if (meeting) {
        ms = calloc(1, sizeof *ms);
        rc = ms ? store_meeting_get(db, meeting, ms) : -1;
        if (rc) {
            free(ms);
            ms = NULL;
            status = rc > 0 ? cli_user_error(CMD, "no meeting %ld", meeting)
                            : cli_user_error(CMD, "%s", db_errmsg(db));
            goto out;
        }
        n = 1;
        goto write;
    }
    email = str_lower(strdup(argv[optind]));
    rc = email ? store_person_id(db, email, &person) : -1;
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
    if (store_meetings_feed(db, person, prog, &ms, &n)) {
        status = cli_user_error(CMD, "%s", db_errmsg(db));
        goto out;
    }
write:
    text = meetings_to_ics(ms, n, meeting ? NULL : "setwork meetings", (int64_t)time(NULL));
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
    free(text);
    meetings_free(ms, n);
    free(email);
    db_close(db);
    return status;
}

const struct command command_ics = {
    .name = "ics",
    .summary = "Write a person's meetings as an iCalendar feed",
    .help = "usage: setwork ics PERSON_EMAIL [--programme NAME] [-o FILE]\n"
            "       setwork ics --meeting ID [-o FILE]\n\n"
            "Writes every meeting of the person's sets (and sets they facilitate) as iCalendar\n"
            "to standard output or FILE. UIDs are stable and SEQUENCE grows with each move or\n"
            "cancellation, so re-importing updates events instead of duplicating them;\n"
            "cancelled meetings stay in the feed with STATUS:CANCELLED. Times are in UTC.\n"
            "--meeting writes the single .ics of one meeting.\n",
    .run = run_ics,
};
