/* `setwork meetings`: schedule a series of meetings for a programme's sets, list them, move one
 * meeting, cancel one. A schedule is read, checked and saved by app/meetings/series_plan.h, as on
 * the web; this file only parses the options and prints. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/meetings/meeting_move.h"
#include "app/meetings/meetings_demo.h"
#include "app/meetings/series_plan.h"
#include "engine/meetings/series.h"
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
    const char *programme, *set, *first, *every, *tz, *location, *link, *duration, *count;
};

/* The options as the fields of series_plan.h, so the command line reads and checks a schedule
 * exactly as the schedule page and the API do. SET is the id (as text) of the set named by --set,
 * "none" when that name is no set of the programme, NULL for every set. */
struct schedule_fields {
    const struct schedule_opts *o;
    const char *set;
};

static const char *schedule_field(void *ctx, const char *name)
{
    const struct schedule_fields *f = ctx;
    const struct schedule_opts *o = f->o;
    if (strcmp(name, "set") == 0)
        return f->set ? f->set : "all";
    if (strcmp(name, "count") == 0)
        return o->count;
    if (strcmp(name, "first") == 0)
        return o->first;
    if (strcmp(name, "every") == 0)
        return o->every;
    if (strcmp(name, "duration") == 0)
        return o->duration;
    if (strcmp(name, "tz") == 0)
        return o->tz;
    if (strcmp(name, "mode") == 0)
        return o->link ? "online" : "in_person";
    if (strcmp(name, "location") == 0)
        return o->location;
    if (strcmp(name, "link") == 0)
        return o->link;
    return NULL;
}

/* The command line's name for series_plan's FIELD, to say which option to fix. */
static const char *option_of(const char *field)
{
    static const struct {
        const char *field, *option;
    } names[] = {{"set", "--set"},     {"count", "--count"},       {"first", "--first"},
                 {"every", "--every"}, {"every_weeks", "--every"}, {"duration", "--duration"},
                 {"tz", "--tz"},       {"mode", "--link"},         {"location", "--location"},
                 {"link", "--link"}};
    for (size_t i = 0; field && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].field, field) == 0)
            return names[i].option;
    return "schedule";
}

/* Prints each of PROBLEMS as "setwork meetings: --OPTION: the web's sentence". CLI_USER. */
static int problems_error(const struct diag_list *problems)
{
    for (size_t i = 0; i < problems->count; i++)
        cli_user_error(CMD, "%s: %s", option_of(problems->items[i].field),
                       problems->items[i].message);
    return CLI_USER;
}

static int schedule(struct db *db, const struct schedule_opts *o)
{
    /* --every's spelling is the command line's own (the web asks for a number of weeks). */
    struct meet_rule rule;
    if (meet_rule_parse(o->every, &rule))
        return cli_usage_error(CMD, "--every wants Nw (1-%d weeks) or monthly",
                               MEET_SERIES_MAX_WEEKS);
    long long prog, set_id = 0;
    int rc = store_programme_id(db, o->programme, &prog);
    if (rc)
        return rc > 0 ? cli_user_error(CMD, "no programme named '%s'", o->programme)
                      : cli_user_error(CMD, "%s", db_errmsg(db));
    /* A name that is no set becomes an id that is none, so series_plan says what to choose. */
    char set_text[32] = "none";
    if (o->set) {
        rc = store_meeting_find_set(db, prog, o->set, &set_id);
        if (rc < 0)
            return cli_user_error(CMD, "%s", db_errmsg(db));
        if (rc == 0)
            snprintf(set_text, sizeof set_text, "%lld", set_id);
    }
    struct schedule_fields fields = {o, o->set ? set_text : NULL};
    struct series_plan p;
    struct diag_list problems = {0};
    int status = CLI_OK;
    rc = series_plan_read(db, prog, schedule_field, &fields, &p, &problems);
    if (rc == 0)
        rc = series_plan_save(db, &p, &problems);
    if (rc < 0)
        status = cli_user_error(CMD, "could not save the series: %s", db_errmsg(db));
    else if (rc > 0)
        status = problems_error(&problems);
    else {
        printf("Scheduled %d meetings for each of %zu set%s.\n", p.count, p.nchosen,
               p.nchosen == 1 ? "" : "s");
        /* Times in a daylight-saving gap or fold are stored by RFC 5545's rule; say so. */
        struct diag_list warnings = {0};
        if (series_plan_warnings(&p, &warnings) == 0)
            for (size_t i = 0; i < warnings.count; i++)
                fprintf(stderr, "setwork meetings: warning: %s\n", warnings.items[i].message);
        diag_list_free(&warnings);
    }
    series_plan_free(&p);
    diag_list_free(&problems);
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
        struct meet_quorum q = {0, true, 0};
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
    } else if (!to) {
        status = cli_usage_error(CMD, "move wants --to YYYY-MM-DDTHH:MM");
    } else {
        struct meeting_moved moved;
        struct strbuf err = {0};
        enum status st = meeting_move(db, id, to, &moved, &err);
        if (st == STATUS_INVALID)
            status = cli_usage_error(CMD, "--to: %s", err.data ? err.data : "");
        else if (st != STATUS_OK)
            status = cli_user_error(CMD, "%s", err.data ? err.data : "out of memory");
        else {
            if (*moved.warning)
                fprintf(stderr, "setwork meetings: warning: %s\n", moved.warning);
            printf("Moved meeting %ld to %s (%s): %s.\n", id, moved.local_text, moved.tz,
                   moved.when);
        }
        sb_free(&err);
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
    struct schedule_opts o = {.tz = "Europe/London", .duration = "3h", .count = "6"};
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
        case 'c': o.count = optarg; break;
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
            "                 [--duration 3h] [--tz Europe/London] --location TEXT|--link URL\n"
            "       setwork meetings list --programme NAME [--set NAME] [--json]\n"
            "       setwork meetings move ID --to YYYY-MM-DDTHH:MM\n"
            "       setwork meetings cancel ID\n"
            "       setwork meetings demo --programme NAME  (check-ins, actions, reviews)\n\n"
            "schedule makes a series for the named set, or for every set of the programme's\n"
            "current plan, at the same local wall-clock time in --tz (default Europe/London)\n"
            "across daylight-saving changes. --every 4w is every four weeks on the same weekday;\n"
            "monthly is the same ordinal weekday each month (2nd Tuesday, or last Thursday).\n"
            "The schedule is checked as on the web (a set of the published plan, a location or\n"
            "a link), and each problem names its option. A set that already has meetings (not\n"
            "cancelled) is refused, and nothing is written.\n"
            "move keeps the duration and the meeting's zone; move and cancel keep the calendar\n"
            "UID and raise its SEQUENCE so calendars update the event. move prints the time it\n"
            "stored, and refuses a cancelled meeting (it stays cancelled; schedule a new one).\n"
            "Daylight-saving edges follow RFC 5545: a local time that does not exist (the\n"
            "clocks go forward over it) is moved forward by the gap, and one that happens\n"
            "twice (the clocks go back) is the first of the two; schedule and move warn with\n"
            "the time, the zone and what was stored.\n",
    .run = run_meetings,
};
