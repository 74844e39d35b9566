/* `setwork meetings`: schedule a series of meetings for a programme's sets, list them, move one
 * meeting, cancel one. The series arithmetic is engine/meetings; this file only parses and
 * prints. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/meetings/meetings_demo.h"
#include "app/meetings/series_plan.h"
#include "engine/meetings/series.h"
#include "store/store_meeting_series.h"
#include "store/store_meetings.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#define CMD (&command_meetings)

static void print_local(const struct meeting *m, char *buf, size_t size)
{
    struct meet_local l;
    if (meet_tz_from_utc(m->tzid, m->starts_at, &l) == 0)
        snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d", l.year, l.month, l.day, l.hour, l.minute);
    else
        meet_utc_format(m->starts_at, buf, size);
}

struct schedule_opts {
    const char *programme, *set, *first, *every, *tz, *location, *link, *duration;
    long count;
};

static int schedule(struct db *db, const struct schedule_opts *o)
{
    struct meet_local first, local[MEET_SERIES_MAX];
    struct meet_rule rule;
    int minutes;
    if (meet_local_parse(o->first, &first))
        return cli_usage_error(CMD, "--first wants YYYY-MM-DDTHH:MM, got '%s'", o->first);
    if (meet_rule_parse(o->every, &rule))
        return cli_usage_error(CMD, "--every wants Nw (1-%d weeks) or monthly",
                               MEET_SERIES_MAX_WEEKS);
    if (series_duration_parse(o->duration, &minutes))
        return cli_usage_error(CMD, "--duration wants e.g. 3h, 90m or 2h30m (at most 24h)");
    if (!meet_tz_valid(o->tz))
        return cli_user_error(CMD, "unknown time zone '%s'", o->tz);
    if ((o->location && strlen(o->location) > MEET_LOCATION_MAX) ||
        (o->link && strlen(o->link) > MEET_LOCATION_MAX))
        return cli_user_error(CMD, "location and link are limited to %d bytes", MEET_LOCATION_MAX);
    if (meet_series_local(&first, &rule, (int)o->count, local))
        return cli_usage_error(CMD, "cannot make that series");
    int64_t starts[MEET_SERIES_MAX];
    for (int i = 0; i < o->count; i++)
        if (meet_tz_to_utc(o->tz, &local[i], &starts[i]))
            return cli_user_error(CMD, "cannot convert a date to UTC");

    long long prog;
    int rc = store_programme_id(db, o->programme, &prog);
    if (rc)
        return rc > 0 ? cli_user_error(CMD, "no programme named '%s'", o->programme)
                      : cli_user_error(CMD, "%s", db_errmsg(db));
    long long *sets = NULL;
    size_t nsets = 0;
    if (o->set) {
        sets = malloc(sizeof *sets);
        if (!sets)
            return cli_user_error(CMD, "out of memory");
        rc = store_meeting_find_set(db, prog, o->set, sets);
        if (rc) {
            free(sets);
            return rc > 0 ? cli_user_error(CMD, "no set named '%s' in '%s'", o->set, o->programme)
                          : cli_user_error(CMD, "%s", db_errmsg(db));
        }
        nsets = 1;
    } else if (store_meeting_programme_sets(db, prog, &sets, &nsets)) {
        return cli_user_error(CMD, "%s", db_errmsg(db));
    }
    if (nsets == 0) {
        free(sets);
        return cli_user_error(CMD, "programme '%s' has no sets yet", o->programme);
    }
    /* All sets in one transaction; a set that has meetings already is refused (as on the web)
     * so that re-running the command neither doubles meetings nor strands their records. */
    int status = CLI_OK;
    long long busy = 0;
    rc = store_series_create_many(db, sets, nsets, o->every, o->tz, minutes, (int)o->count, starts,
                                  o->location, o->link, &busy);
    if (rc > 0)
        status = cli_user_error(CMD,
                                "set %lld already has meetings; move or cancel them first "
                                "(nothing was scheduled)",
                                busy);
    else if (rc < 0)
        status = cli_user_error(CMD, "could not save the series: %s", db_errmsg(db));
    if (status == CLI_OK)
        printf("Scheduled %ld meetings for each of %zu set%s.\n", o->count, nsets,
               nsets == 1 ? "" : "s");
    free(sets);
    return status;
}

static int list(struct db *db, const char *programme, const char *set, bool json)
{
    long long prog, set_id = 0;
    int rc = store_programme_id(db, programme, &prog);
    if (rc)
        return rc > 0 ? cli_user_error(CMD, "no programme named '%s'", programme)
                      : cli_user_error(CMD, "%s", db_errmsg(db));
    if (set && (rc = store_meeting_find_set(db, prog, set, &set_id)))
        return rc > 0 ? cli_user_error(CMD, "no set named '%s'", set)
                      : cli_user_error(CMD, "%s", db_errmsg(db));
    struct meeting *ms;
    size_t n;
    if (store_meetings_list(db, prog, set_id, &ms, &n))
        return cli_user_error(CMD, "%s", db_errmsg(db));
    json_t *arr = json ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        char local[40], s[32], e[32];
        print_local(&ms[i], local, sizeof local);
        meet_utc_format(ms[i].starts_at, s, sizeof s);
        meet_utc_format(ms[i].ends_at, e, sizeof e);
        const char *status = ms[i].cancelled ? "cancelled" : "scheduled";
        struct meet_quorum q = {0, true};
        int quorum = 0;
        if (store_meeting_quorum(db, ms[i].id, &q, &quorum) < 0) {
            meetings_free(ms, n);
            json_decref(arr);
            return cli_user_error(CMD, "%s", db_errmsg(db));
        }
        if (json) {
            json_array_append_new(
                arr, json_pack("{s:I, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i,"
                               " s:b}",
                               "id", (json_int_t)ms[i].id, "set", ms[i].set_name, "number",
                               ms[i].position, "local_start", local, "tz", ms[i].tzid, "starts_at",
                               s, "ends_at", e, "location", ms[i].location, "link", ms[i].link,
                               "status", status, "sequence", ms[i].sequence, "expected", q.expected,
                               "quorum", quorum, "quorum_met", q.met));
        } else {
            printf("%6lld  %-12s #%-2d %s %s  %-9s  %s\n", ms[i].id, ms[i].set_name, ms[i].position,
                   local, ms[i].tzid, status, *ms[i].location ? ms[i].location : ms[i].link);
            /* The facilitator's warning: apologies have brought the meeting under quorum. */
            if (!ms[i].cancelled && !q.met)
                printf("        warning: %d expected after apologies, quorum is %d\n", q.expected,
                       quorum);
        }
    }
    if (json)
        cli_print_json(arr);
    else if (n == 0)
        puts("No meetings yet. Schedule a series with 'setwork meetings schedule'.");
    meetings_free(ms, n);
    return CLI_OK;
}

/* `meetings demo --programme NAME` (ARGV[0] is "demo"). */
static int meetings_demo_run(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {{"programme", required_argument, NULL, 'p'},
                                            {0, 0, 0, 0}};
    const char *programme = NULL;
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c != 'p')
            return cli_usage_error(CMD, "unknown option");
        programme = optarg;
    }
    if (!programme || optind != argc)
        return cli_usage_error(CMD, "demo wants --programme NAME and no other arguments");
    struct db *db = cli_open_db(CMD, ctx);
    if (!db)
        return CLI_USER;
    long long prog;
    size_t filled = 0;
    struct strbuf err = {0};
    int status = CLI_OK;
    int rc = store_programme_id(db, programme, &prog);
    if (rc)
        status = rc > 0 ? cli_user_error(CMD, "no programme named '%s'", programme)
                        : cli_user_error(CMD, "%s", db_errmsg(db));
    else if (meetings_demo_fill(db, prog, &filled, &err) != 0)
        status = cli_user_error(CMD, "%s", err.data ? err.data : "out of memory");
    else
        printf("Filled the first meeting of %zu set%s with check-ins, actions and reviews.\n",
               filled, filled == 1 ? "" : "s");
    sb_free(&err);
    db_close(db);
    return status;
}

static int move_or_cancel(struct db *db, const char *verb, const char *id_text, const char *to)
{
    long id;
    if (cli_parse_long(CMD, "ID", id_text, 1, 0x7fffffffL, &id))
        return CLI_USAGE;
    struct meeting m;
    int rc = store_meeting_get(db, id, &m);
    if (rc)
        return rc > 0 ? cli_user_error(CMD, "no meeting %ld", id)
                      : cli_user_error(CMD, "%s", db_errmsg(db));
    int status = CLI_OK;
    if (strcmp(verb, "cancel") == 0) {
        rc = store_meeting_cancel(db, id);
        if (rc < 0)
            status = cli_user_error(CMD, "%s", db_errmsg(db));
        else
            printf(rc ? "Meeting %ld was already cancelled.\n" : "Cancelled meeting %ld.\n", id);
    } else {
        struct meet_local l;
        int64_t starts;
        if (!to || meet_local_parse(to, &l)) {
            status = cli_usage_error(CMD, "move wants --to YYYY-MM-DDTHH:MM");
        } else if (meet_tz_to_utc(m.tzid, &l, &starts)) {
            status = cli_user_error(CMD, "cannot convert in zone %s", m.tzid);
        } else if (store_meeting_move(db, id, starts, starts + (m.ends_at - m.starts_at))) {
            status = cli_user_error(CMD, "%s", db_errmsg(db));
        } else {
            printf("Moved meeting %ld to %s (%s).\n", id, to, m.tzid);
        }
    }
    meeting_free(&m);
    return status;
}

static int run_meetings(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {{"programme", required_argument, NULL, 'p'},
                                            {"set", required_argument, NULL, 's'},
                                            {"first", required_argument, NULL, 'f'},
                                            {"every", required_argument, NULL, 'e'},
                                            {"count", required_argument, NULL, 'c'},
                                            {"duration", required_argument, NULL, 'd'},
                                            {"tz", required_argument, NULL, 'z'},
                                            {"location", required_argument, NULL, 'l'},
                                            {"link", required_argument, NULL, 'k'},
                                            {"to", required_argument, NULL, 't'},
                                            {"json", no_argument, NULL, 'j'},
                                            {0, 0, 0, 0}};
    if (argc < 2)
        return cli_usage_error(CMD, "which action: schedule, list, move or cancel?");
    const char *verb = argv[1];
    if (strcmp(verb, "demo") == 0)
        return meetings_demo_run(ctx, argc - 1, argv + 1);
    struct schedule_opts o = {.tz = "Europe/London", .duration = "3h", .count = 6};
    const char *to = NULL;
    bool json = false;
    int c;
    optind = 0;
    while ((c = getopt_long(argc - 1, argv + 1, "", options, NULL)) != -1) {
        switch (c) {
        case 'p': o.programme = optarg; break;
        case 's': o.set = optarg; break;
        case 'f': o.first = optarg; break;
        case 'e': o.every = optarg; break;
        case 'd': o.duration = optarg; break;
        case 'z': o.tz = optarg; break;
        case 'l': o.location = optarg; break;
        case 'k': o.link = optarg; break;
        case 't': to = optarg; break;
        case 'j': json = true; break;
        case 'c':
            if (cli_parse_long(CMD, "--count", optarg, 1, MEET_SERIES_MAX, &o.count))
                return CLI_USAGE;
            break;
        default: return cli_usage_error(CMD, "unknown option");
        }
    }
    int rest = argc - 1 - optind; /* positional arguments after the verb */
    char **pos = argv + 1 + optind;
    bool is_schedule = strcmp(verb, "schedule") == 0, is_list = strcmp(verb, "list") == 0;
    bool is_change = strcmp(verb, "move") == 0 || strcmp(verb, "cancel") == 0;
    if (!is_schedule && !is_list && !is_change)
        return cli_usage_error(CMD, "unknown action '%s'", verb);
    if ((is_schedule || is_list) && (rest != 0 || !o.programme))
        return cli_usage_error(CMD, "%s wants --programme NAME and no other arguments", verb);
    if (is_schedule && (!o.first || !o.every))
        return cli_usage_error(CMD, "schedule wants --first and --every");
    if (is_schedule && o.location && o.link)
        return cli_usage_error(CMD, "give --location or --link, not both");
    if (is_change && rest != 1)
        return cli_usage_error(CMD, "%s wants one meeting ID", verb);
    struct db *db = cli_open_db(CMD, ctx);
    if (!db)
        return CLI_USER;
    int status = is_schedule ? schedule(db, &o)
                 : is_list   ? list(db, o.programme, o.set, json)
                             : move_or_cancel(db, verb, pos[0], to);
    db_close(db);
    return status;
}

const struct command command_meetings = {
    .name = "meetings",
    .summary = "Schedule, list, move and cancel the meetings of sets",
    .help = "usage: setwork meetings schedule --programme NAME [--set NAME]\n"
            "                 --first YYYY-MM-DDTHH:MM --every Nw|monthly [--count N]\n"
            "                 [--duration 3h] [--tz Europe/London] [--location TEXT|--link URL]\n"
            "       setwork meetings list --programme NAME [--set NAME] [--json]\n"
            "       setwork meetings move ID --to YYYY-MM-DDTHH:MM\n"
            "       setwork meetings cancel ID\n"
            "       setwork meetings demo --programme NAME  (check-ins, actions, reviews)\n\n"
            "schedule makes a series for the named set, or for every set of the programme's\n"
            "current plan, at the same local wall-clock time in --tz (default Europe/London)\n"
            "across daylight-saving changes. --every 4w is every four weeks on the same weekday;\n"
            "monthly is the same ordinal weekday each month (2nd Tuesday, or last Thursday).\n"
            "A set that already has meetings (not cancelled) is refused, and nothing is written.\n"
            "move keeps the duration and the meeting's zone; move and cancel keep the calendar\n"
            "UID and raise its SEQUENCE so calendars update the event.\n",
    .run = run_meetings,
};
