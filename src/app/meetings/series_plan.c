/* Scheduling a series from a form or a JSON body; see series_plan.h. */
#include "app/meetings/series_plan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/strbuf.h"
#include "engine/meetings/when.h"
#include "store/store_meetings.h"

int series_duration_parse(const char *text, int *minutes)
{
    long total = 0, v = 0;
    int digits = 0, parts = 0;
    for (const char *p = text; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (++digits > 4)
                return -1;
            v = v * 10 + (*p - '0');
        } else if ((*p == 'h' || *p == 'm') && digits) {
            total += *p == 'h' ? v * 60 : v;
            v = digits = 0;
            parts++;
        } else {
            return -1;
        }
    }
    if (digits || !parts || total < 1 || total > SERIES_MAX_DURATION_MIN)
        return -1;
    *minutes = (int)total;
    return 0;
}

/* A whole number LO..HI from TEXT; 0 or -1. */
static int whole(const char *text, long lo, long hi, int *out)
{
    long v = 0;
    int n = 0;
    for (const char *p = text; *p; p++, n++) {
        if (!isdigit((unsigned char)*p) || n >= 6)
            return -1;
        v = v * 10 + (*p - '0');
    }
    if (n == 0 || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

static const char *field(series_field_fn get, void *ctx, const char *name, const char *dflt)
{
    const char *v = get(ctx, name);
    return v && *v ? v : dflt;
}

/* A link people can click: http(s), printable, no spaces. */
static bool link_ok(const char *s)
{
    if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || *p == 0x7f || *p == '"' || *p == '<' || *p == '>')
            return false;
    return strlen(s) > 8;
}

#define PROBLEM(f, ...)                                                                            \
    do {                                                                                           \
        if (diag_add(problems, NULL, 0, f, __VA_ARGS__))                                           \
            return -1;                                                                             \
    } while (0)

void series_default_tz(struct db *db, long long programme_id, char out[SERIES_TZ_MAX + 1])
{
    if (store_series_last_tz(db, programme_id, out, SERIES_TZ_MAX + 1) != 0 || !meet_tz_valid(out))
        memcpy(out, SERIES_DEFAULT_TZ, sizeof SERIES_DEFAULT_TZ);
}

static int read_fields(series_field_fn get, void *ctx, struct series_plan *p,
                       const char *default_tz, struct diag_list *problems)
{
    const char *v = field(get, ctx, "count", "");
    if (whole(v, 1, MEET_SERIES_MAX, &p->count))
        PROBLEM("count", "The number of meetings must be a whole number from 1 to %d.",
                MEET_SERIES_MAX);
    v = field(get, ctx, "first", "");
    if (meet_local_parse(v, &p->first))
        PROBLEM("first", "Give the first meeting's date and time as YYYY-MM-DDTHH:MM (a real "
                         "date, 24-hour clock).");
    v = field(get, ctx, "every", "");
    if (*v) {
        if (meet_rule_parse(v, &p->rule))
            PROBLEM("every", "The interval is Nw (every N weeks, from 1 to %d) or monthly.",
                    MEET_SERIES_MAX_WEEKS);
        p->weeks = p->rule.weeks;
    } else {
        v = field(get, ctx, "every_weeks", "");
        if (whole(v, 1, MEET_SERIES_MAX_WEEKS, &p->weeks))
            PROBLEM("every_weeks", "The interval must be a whole number of weeks from 1 to %d.",
                    MEET_SERIES_MAX_WEEKS);
        p->rule = (struct meet_rule){MEET_EVERY_WEEKS, p->weeks};
    }
    v = field(get, ctx, "duration", "");
    if (series_duration_parse(v, &p->duration_min))
        PROBLEM("duration", "Write the length as 3h, 90m or 2h30m (at most 24h).");
    v = field(get, ctx, "tz", default_tz);
    if (strlen(v) > SERIES_TZ_MAX || !meet_tz_valid(v) || strchr(v, ' '))
        PROBLEM("tz", "'%.*s' is not a time zone we know; use an IANA name such as %s.",
                SERIES_TZ_MAX, v, SERIES_DEFAULT_TZ);
    else
        memcpy(p->tz, v, strlen(v) + 1);
    const char *mode = field(get, ctx, "mode", "in_person");
    const char *location = field(get, ctx, "location", "");
    const char *link = field(get, ctx, "link", "");
    if (strcmp(mode, "online") == 0) {
        p->online = true;
        if (!link_ok(link) || strlen(link) > MEET_LOCATION_MAX)
            PROBLEM("link",
                    "An online series needs its meeting link: http:// or https://, no "
                    "spaces, at most %d bytes.",
                    MEET_LOCATION_MAX);
        else if (!(p->place = strdup(link)))
            return -1;
    } else if (strcmp(mode, "in_person") == 0) {
        if (!*location || strlen(location) > MEET_LOCATION_MAX)
            PROBLEM("location", "An in-person series needs a location (at most %d bytes).",
                    MEET_LOCATION_MAX);
        else if (!(p->place = strdup(location)))
            return -1;
    } else {
        PROBLEM("mode", "Choose in person or online.");
    }
    return 0;
}

/* Chooses the sets from the "set" field and refuses sets that already have meetings. */
static int choose_sets(series_field_fn get, void *ctx, struct series_plan *p,
                       struct diag_list *problems)
{
    if (p->nsets == 0)
        PROBLEM("set", "The programme has no published plan yet: form and publish its sets "
                       "first.");
    if (p->nsets == 0)
        return 0;
    const char *v = field(get, ctx, "set", "all");
    int id = 0;
    if (strcmp(v, "all") != 0) {
        bool found = false;
        if (whole(v, 1, 2000000000L, &id) == 0)
            for (size_t i = 0; i < p->nsets; i++)
                found = found || p->sets[i].id == id;
        if (!found)
            PROBLEM("set", "Choose a set of the programme's published plan, or every set.");
        if (!found)
            return 0;
        p->set_id = id;
    }
    const char *skip = field(get, ctx, "skip_scheduled", "");
    p->skip_scheduled = !p->set_id && (strcmp(skip, "1") == 0 || strcmp(skip, "on") == 0 ||
                                       strcmp(skip, "true") == 0);
    p->chosen = calloc(p->nsets, sizeof *p->chosen);
    if (!p->chosen)
        return -1;
    for (size_t i = 0; i < p->nsets; i++) {
        if (p->set_id && p->sets[i].id != p->set_id)
            continue;
        if (p->skip_scheduled && p->sets[i].scheduled > 0) {
            p->nskipped++;
            continue;
        }
        /* Re-scheduling would strand or double meetings that may hold records: refused. */
        if (p->sets[i].scheduled > 0)
            PROBLEM("set",
                    "%s already has %d meeting%s. Move or cancel single meetings on their "
                    "pages; a new series can be scheduled once the old meetings are cancelled "
                    "(their records stay).",
                    p->sets[i].name, p->sets[i].scheduled, p->sets[i].scheduled == 1 ? "" : "s");
        p->chosen[p->nchosen++] = p->sets[i].id;
    }
    if (p->nchosen == 0)
        PROBLEM("set", "Every set already has meetings: there is nothing to schedule.");
    return 0;
}

int series_plan_read(struct db *db, long long programme_id, series_field_fn get, void *ctx,
                     struct series_plan *p, struct diag_list *problems)
{
    memset(p, 0, sizeof *p);
    p->programme_id = programme_id;
    size_t before = problems->count;
    if (store_series_sets(db, programme_id, &p->sets, &p->nsets))
        return -1;
    char default_tz[SERIES_TZ_MAX + 1];
    series_default_tz(db, programme_id, default_tz);
    if (read_fields(get, ctx, p, default_tz, problems) || choose_sets(get, ctx, p, problems))
        return -1;
    if (problems->count > before)
        return 1;
    if (meet_series_local(&p->first, &p->rule, p->count, p->local))
        PROBLEM("first", "Those dates cannot be computed.");
    for (int i = 0; i < p->count && problems->count == before; i++)
        if (meet_tz_resolve(p->tz, &p->local[i], &p->starts[i], &p->kinds[i]))
            PROBLEM("tz", "A date could not be converted in %s.", p->tz);
        else if (p->kinds[i] != MEET_LOCAL_EXACT)
            p->nshifted++;
    return problems->count > before ? 1 : 0;
}

/* Adds the warning for meetings that would start in the past: they would count as held at
 * once (in attendance, the report, the programme's state), which is rarely what was meant. */
static int past_warning(const struct series_plan *p, struct diag_list *warnings)
{
    int64_t now = (int64_t)time(NULL);
    int past = 0;
    for (int i = 0; i < p->count; i++)
        past += p->starts[i] < now;
    if (past == 0)
        return 0;
    char first[32];
    meet_local_format(&p->local[0], first, sizeof first);
    if (past == p->count)
        return diag_add(warnings, NULL, 0, "first",
                        "Every meeting of this series is in the past (the first on %s): they "
                        "would count as already held. Check the first date.",
                        first);
    return diag_add(warnings, NULL, 0, "first",
                    "%d of the %d meetings are in the past (the first on %s): they would count "
                    "as already held. Check the first date.",
                    past, p->count, first);
}

int series_plan_warnings(const struct series_plan *p, struct diag_list *warnings)
{
    if (past_warning(p, warnings))
        return -1;
    for (int i = 0; i < p->count; i++) {
        char note[MEET_NOTE_MAX];
        if (meet_tz_note(p->tz, &p->local[i], p->kinds[i], p->starts[i], note, sizeof note) &&
            diag_add(warnings, NULL, 0, "first", "Meeting %d: %s", i + 1, note))
            return -1;
    }
    return 0;
}

const char *series_plan_set_name(const struct series_plan *p, long long id)
{
    for (size_t i = 0; i < p->nsets; i++)
        if (p->sets[i].id == id)
            return p->sets[i].name;
    return "";
}

int series_plan_save(struct db *db, const struct series_plan *p, struct diag_list *problems)
{
    char rule[16];
    long long busy = 0;
    if (p->rule.kind == MEET_MONTHLY)
        snprintf(rule, sizeof rule, "monthly");
    else
        snprintf(rule, sizeof rule, "%dw", p->weeks);
    int rc = store_series_create_many(db, p->chosen, p->nchosen, rule, p->tz, p->duration_min,
                                      p->count, p->starts, p->online ? NULL : p->place,
                                      p->online ? p->place : NULL, &busy);
    if (rc == 1 && diag_add(problems, NULL, 0, "set",
                            "%s has just been given meetings by someone else; "
                            "nothing was scheduled.",
                            series_plan_set_name(p, busy)))
        return -1;
    return rc;
}

void series_plan_free(struct series_plan *p)
{
    free(p->place);
    series_sets_free(p->sets, p->nsets);
    free(p->chosen);
    memset(p, 0, sizeof *p);
}
