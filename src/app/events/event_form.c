/* Reading and checking the fields of a new mixer event (event_form.h). */
#include "app/events/event_form.h"

#include "app/meetings/series_plan.h"
#include "core/strbuf.h"
#include "engine/meetings/series.h"
#include "engine/rounds/rounds.h"
#include "store/store_cohort.h"
#include "store/store_plans.h"

#include <stdlib.h>
#include <string.h>

#define PROBLEM(f, ...)                                                                            \
    do {                                                                                           \
        if (diag_add(problems, NULL, 0, f, __VA_ARGS__))                                           \
            return -1;                                                                             \
    } while (0)

int event_sizes_parse(const char *text, int *min, int *max)
{
    *min = *max = 0;
    if (!text)
        return -1;
    char *end;
    long a = strtol(text, &end, 10);
    if (end == text || a < 0 || a > 1000)
        return -1;
    if (*end == '\0') {
        *max = (int)a;
        return 0;
    }
    if (*end != '-')
        return -1;
    const char *rest = end + 1;
    long b = strtol(rest, &end, 10);
    if (end == rest || *end || b < 0 || b > 1000)
        return -1;
    *min = (int)a;
    *max = (int)b;
    return 0;
}

static const char *value(event_field_fn get, void *ctx, const char *name)
{
    const char *v = get(ctx, name);
    return v ? v : "";
}

/* A whole number LO..HI in TEXT: 0 with *OUT, else -1. */
static int whole(const char *text, long lo, long hi, int *out)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (!*text || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

/* A record id in TEXT ("" none): 0 with *ID (0 none), else -1. */
static int record_id(const char *text, long long *id)
{
    *id = 0;
    if (!*text)
        return 0;
    char *end;
    long long v = strtoll(text, &end, 10);
    if (*end || v <= 0)
        return -1;
    *id = v;
    return 0;
}

static int read_basics(event_field_fn get, void *ctx, struct store_event *ev,
                       struct diag_list *problems)
{
    const char *name = value(get, ctx, "name");
    if (!*name)
        PROBLEM("name", "Give the event a name.");
    else if (strlen(name) >= sizeof ev->name)
        PROBLEM("name", "The name is too long (200 characters at most).");
    str_copy(ev->name, name, sizeof ev->name);
    const char *sizes = get(ctx, "group_size");
    if (event_sizes_parse(sizes, &ev->min_group_size, &ev->group_size) != 0)
        PROBLEM("group_size", "People per table is a number, e.g. 4, or a range, e.g. 4-5.");
    else if (ev->group_size < 2 || ev->group_size > ROUNDS_MAX_GROUP)
        PROBLEM("group_size", "Tables hold 2 to %d people.", ROUNDS_MAX_GROUP);
    else if (ev->min_group_size != 0 &&
             (ev->min_group_size < 2 || ev->min_group_size > ev->group_size))
        PROBLEM("group_size", "A range of table sizes reads smallest-largest, e.g. 4-5, from 2 "
                              "people up.");
    if (whole(value(get, ctx, "rounds"), 1, ROUNDS_MAX_ROUNDS, &ev->rounds) != 0)
        PROBLEM("rounds", "An event has 1 to %d rounds.", ROUNDS_MAX_ROUNDS);
    return 0;
}

static int read_when_where(struct db *db, event_field_fn get, void *ctx, struct store_event *ev,
                           struct diag_list *problems)
{
    const char *tz = value(get, ctx, "tz");
    char fallback[SERIES_TZ_MAX + 1];
    if (!*tz) {
        series_default_tz(db, ev->programme_id, fallback);
        tz = fallback;
    }
    bool tz_good = strlen(tz) < sizeof ev->tzid && meet_tz_valid(tz);
    if (!tz_good)
        PROBLEM("tz", "The time zone is not one we know: give a name such as Europe/London or "
                      "America/New_York.");
    str_copy(ev->tzid, tz_good ? tz : "UTC", sizeof ev->tzid);
    const char *starts = value(get, ctx, "starts");
    struct meet_local local;
    int64_t utc;
    if (*starts && meet_local_parse(starts, &local) != 0)
        PROBLEM("starts", "Give the date and time of the first round as YYYY-MM-DDTHH:MM (a real "
                          "date, 24-hour clock), or leave it empty.");
    else if (*starts && tz_good) {
        if (meet_tz_to_utc(ev->tzid, &local, &utc) != 0)
            PROBLEM("starts", "That time cannot be read in the time zone given.");
        else
            meet_utc_format(utc, ev->starts_at, sizeof ev->starts_at);
    }
    const char *minutes = value(get, ctx, "round_minutes");
    if (*minutes && whole(minutes, 1, EVENT_ROUND_MINUTES_MAX, &ev->round_minutes) != 0)
        PROBLEM("round_minutes",
                "A round lasts 1 to %d minutes; leave it empty if you do not "
                "know yet.",
                EVENT_ROUND_MINUTES_MAX);
    const char *place = value(get, ctx, "place");
    if (strlen(place) > EVENT_PLACE_MAX)
        PROBLEM("place", "The place is too long (%d characters at most).", EVENT_PLACE_MAX);
    str_copy(ev->place, place, sizeof ev->place);
    return 0;
}

static int read_rules(struct db *db, event_field_fn get, void *ctx, struct store_event *ev,
                      struct diag_list *problems)
{
    const char *mix = value(get, ctx, "mix_by");
    if (*mix) {
        struct cohort cohort = {0};
        char *why = NULL;
        int rc = store_load_cohort(db, ev->programme_id, &cohort, &why);
        free(why);
        if (rc != 0)
            return -1;
        char lower[sizeof ev->mix_by];
        str_copy(lower, mix, sizeof lower);
        str_lower(lower);
        bool known = strlen(mix) < sizeof lower && cohort_attr_index(&cohort, lower) >= 0;
        cohort_free(&cohort);
        if (!known)
            PROBLEM("mix_by",
                    "The people of this programme have no column '%s': choose one "
                    "from the list.",
                    mix);
        else
            str_copy(ev->mix_by, lower, sizeof ev->mix_by);
    }
    if (record_id(value(get, ctx, "apart_plan"), &ev->apart_plan_id) != 0)
        PROBLEM("apart_plan", "Choose a plan from the list, or none.");
    else if (ev->apart_plan_id > 0) {
        struct store_plan_rows plan;
        int rc = store_plan_rows_load(db, ev->apart_plan_id, &plan);
        if (rc < 0)
            return -1;
        bool ours = rc == 0 && plan.programme_id == ev->programme_id;
        if (rc == 0)
            store_plan_rows_free(&plan);
        if (!ours)
            PROBLEM("apart_plan", "There is no such plan in this programme: choose one from the "
                                  "list, or none.");
    }
    if (record_id(value(get, ctx, "apart_event"), &ev->apart_event_id) != 0)
        PROBLEM("apart_event", "Choose an earlier event from the list, or none.");
    else if (ev->apart_event_id > 0) {
        struct store_event before;
        int rc = store_event_get(db, ev->apart_event_id, &before);
        if (rc < 0)
            return -1;
        if (rc == 1 || before.programme_id != ev->programme_id)
            PROBLEM("apart_event", "There is no such event in this programme: choose one from "
                                   "the list, or none.");
        else if (!before.generated)
            PROBLEM("apart_event", "That event has no tables yet: generate it first, or choose "
                                   "another.");
    }
    return 0;
}

int event_form_read(struct db *db, long long programme_id, event_field_fn get, void *ctx,
                    struct store_event *ev, struct diag_list *problems)
{
    memset(ev, 0, sizeof *ev);
    ev->programme_id = programme_id;
    ev->seed = 1;
    if (read_basics(get, ctx, ev, problems) != 0 ||
        read_when_where(db, get, ctx, ev, problems) != 0 ||
        read_rules(db, get, ctx, ev, problems) != 0)
        return -1;
    return problems->count + problems->dropped > 0 ? 1 : 0;
}
