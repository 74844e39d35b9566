/* Meeting series: civil-date arithmetic in pure C, and zone conversion through libical so that
 * the process-wide TZ variable (setenv/tzset) is never needed in a threaded server. */
#include "engine/meetings/series.h"

#include <ctype.h>
#include <libical/ical.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int meet_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return days[month - 1] + (month == 2 && is_leap(year));
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm), valid for any year. */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int meet_weekday(int year, int month, int day)
{
    int64_t z = days_from_civil(year, month, day);
    return (int)(((z % 7) + 11) % 7); /* 1970-01-01 was a Thursday (4) */
}

static int local_valid(const struct meet_local *l)
{
    return l->year >= 1900 && l->year <= 9999 && l->month >= 1 && l->month <= 12 && l->day >= 1 &&
           l->day <= meet_days_in_month(l->year, l->month) && l->hour >= 0 && l->hour <= 23 &&
           l->minute >= 0 && l->minute <= 59;
}

/* Reads exactly N digits at *P; returns the value or -1. */
static int digits(const char **p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    return v;
}

static int expect(const char **p, char c)
{
    if (**p != c)
        return -1;
    (*p)++;
    return 0;
}

int meet_local_parse(const char *text, struct meet_local *out)
{
    const char *p = text;
    struct meet_local l;
    if ((l.year = digits(&p, 4)) < 0 || expect(&p, '-') || (l.month = digits(&p, 2)) < 0 ||
        expect(&p, '-') || (l.day = digits(&p, 2)) < 0)
        return -1;
    if (*p != 'T' && *p != ' ')
        return -1;
    p++;
    if ((l.hour = digits(&p, 2)) < 0 || expect(&p, ':') || (l.minute = digits(&p, 2)) < 0 || *p)
        return -1;
    if (!local_valid(&l))
        return -1;
    *out = l;
    return 0;
}

int meet_rule_parse(const char *text, struct meet_rule *rule)
{
    if (strcmp(text, "monthly") == 0) {
        rule->kind = MEET_MONTHLY;
        rule->weeks = 0;
        return 0;
    }
    const char *p = text;
    int w = 0, n = 0;
    while (isdigit((unsigned char)*p) && n < 3) {
        w = w * 10 + (*p++ - '0');
        n++;
    }
    if (n == 0 || *p != 'w' || p[1] || w < 1 || w > MEET_SERIES_MAX_WEEKS)
        return -1;
    rule->kind = MEET_EVERY_WEEKS;
    rule->weeks = w;
    return 0;
}

int meet_series_local(const struct meet_local *first, const struct meet_rule *rule, int count,
                      struct meet_local *out)
{
    if (count < 1 || count > MEET_SERIES_MAX || !local_valid(first))
        return -1;
    if (rule->kind == MEET_EVERY_WEEKS) {
        if (rule->weeks < 1 || rule->weeks > MEET_SERIES_MAX_WEEKS)
            return -1;
        int64_t z = days_from_civil(first->year, first->month, first->day);
        for (int i = 0; i < count; i++) {
            out[i] = *first;
            civil_from_days(z + (int64_t)i * 7 * rule->weeks, &out[i].year, &out[i].month,
                            &out[i].day);
        }
        return 0;
    }
    if (rule->kind != MEET_MONTHLY)
        return -1;
    int wday = meet_weekday(first->year, first->month, first->day);
    int last = first->day + 7 > meet_days_in_month(first->year, first->month);
    int ordinal = (first->day - 1) / 7; /* 0 = first such weekday of the month */
    int y = first->year, m = first->month;
    for (int i = 0; i < count; i++) {
        int first_wday = meet_weekday(y, m, 1);
        int d = 1 + (wday - first_wday + 7) % 7;
        int dim = meet_days_in_month(y, m);
        if (last) {
            while (d + 7 <= dim)
                d += 7;
        } else {
            d += 7 * ordinal; /* ordinals 0-3 always exist; a 5th is treated as "last" above */
        }
        out[i] = *first;
        out[i].year = y;
        out[i].month = m;
        out[i].day = d;
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    return 0;
}

/* libical keeps a process-wide cache of loaded zones that is filled lazily; the mutex makes
 * the first load (and every conversion, which may extend a zone's expanded changes) safe. */
static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

static icaltimezone *zone_for(const char *tzid)
{
    if (!tzid || !*tzid || strcmp(tzid, "UTC") == 0 || strcmp(tzid, "Etc/UTC") == 0)
        return icaltimezone_get_utc_timezone();
    return icaltimezone_get_builtin_timezone(tzid);
}

const void *meet_tz_utc_zone(void)
{
    pthread_mutex_lock(&tz_lock);
    const void *z = icaltimezone_get_utc_timezone();
    pthread_mutex_unlock(&tz_lock);
    return z;
}

int meet_tz_valid(const char *tzid)
{
    pthread_mutex_lock(&tz_lock);
    int ok = zone_for(tzid) != NULL;
    pthread_mutex_unlock(&tz_lock);
    return ok;
}

/* The zone's offset from UTC, in seconds, at the instant UTC. Call under tz_lock. */
static int offset_at(icaltimezone *z, int64_t utc)
{
    icaltimezone *u = icaltimezone_get_utc_timezone();
    if (z == u)
        return 0;
    struct icaltimetype t = icaltime_from_timet_with_zone((time_t)utc, 0, u);
    int daylight = 0;
    return icaltimezone_get_utc_offset_of_utc_time(z, &t, &daylight);
}

int meet_tz_resolve(const char *tzid, const struct meet_local *l, int64_t *utc,
                    enum meet_local_kind *kind)
{
    if (!local_valid(l))
        return -1;
    pthread_mutex_lock(&tz_lock);
    icaltimezone *z = zone_for(tzid);
    if (!z) {
        pthread_mutex_unlock(&tz_lock);
        return -1;
    }
    /* The wall-clock time read as if it were UTC; the offsets a day either side are those
     * before and after any change near it, and each is a candidate only if the instant it
     * gives really has that offset. */
    int64_t wall =
        days_from_civil(l->year, l->month, l->day) * 86400 + l->hour * 3600 + l->minute * 60;
    int before = offset_at(z, wall - 86400), after = offset_at(z, wall + 86400);
    int64_t ub = wall - before, ua = wall - after;
    bool b_ok = offset_at(z, ub) == before, a_ok = offset_at(z, ua) == after;
    pthread_mutex_unlock(&tz_lock);
    enum meet_local_kind k = MEET_LOCAL_EXACT;
    if (before == after || (b_ok && !a_ok)) {
        *utc = ub;
    } else if (a_ok && !b_ok) {
        *utc = ua;
    } else if (a_ok && b_ok) {
        k = MEET_LOCAL_REPEATED; /* the first occurrence is the earlier instant */
        *utc = ub < ua ? ub : ua;
    } else {
        k = MEET_LOCAL_GAP; /* the offset before the gap moves it forward by the gap */
        *utc = ub;
    }
    if (kind)
        *kind = k;
    return 0;
}

int meet_tz_to_utc(const char *tzid, const struct meet_local *l, int64_t *utc)
{
    return meet_tz_resolve(tzid, l, utc, NULL);
}

int meet_tz_from_utc(const char *tzid, int64_t utc, struct meet_local *out)
{
    pthread_mutex_lock(&tz_lock);
    icaltimezone *z = zone_for(tzid);
    if (!z) {
        pthread_mutex_unlock(&tz_lock);
        return -1;
    }
    struct icaltimetype t = icaltime_from_timet_with_zone((time_t)utc, 0, z);
    pthread_mutex_unlock(&tz_lock);
    out->year = t.year;
    out->month = t.month;
    out->day = t.day;
    out->hour = t.hour;
    out->minute = t.minute;
    return 0;
}

void meet_utc_format(int64_t utc, char *buf, size_t size)
{
    int64_t days = utc >= 0 ? utc / 86400 : -((-utc + 86399) / 86400);
    int64_t secs = utc - days * 86400;
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(secs / 3600),
             (int)(secs % 3600 / 60), (int)(secs % 60));
}

int meet_utc_parse(const char *text, int64_t *utc)
{
    const char *p = text;
    int y, mo, d, h, mi, s;
    if ((y = digits(&p, 4)) < 0 || expect(&p, '-') || (mo = digits(&p, 2)) < 0 || expect(&p, '-') ||
        (d = digits(&p, 2)) < 0 || expect(&p, 'T') || (h = digits(&p, 2)) < 0 || expect(&p, ':') ||
        (mi = digits(&p, 2)) < 0 || expect(&p, ':') || (s = digits(&p, 2)) < 0 || expect(&p, 'Z') ||
        *p)
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > meet_days_in_month(y, mo) || h > 23 || mi > 59 || s > 60)
        return -1;
    *utc = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    return 0;
}

/* The newest observance of zone component C that is of kind KIND (daylight or standard), ends
 * at OFFSET and began at or before local time T: its TZNAME, or NULL. The zone's component
 * lists every historical observance; the newest one that fits names the current rules. */
static const char *observance_name(icalcomponent *c, int daylight, int offset,
                                   struct icaltimetype t)
{
    icalcomponent_kind kind = daylight ? ICAL_XDAYLIGHT_COMPONENT : ICAL_XSTANDARD_COMPONENT;
    const char *best = NULL;
    struct icaltimetype best_start = icaltime_null_time();
    for (icalcomponent *o = icalcomponent_get_first_component(c, kind); o;
         o = icalcomponent_get_next_component(c, kind)) {
        icalproperty *to = icalcomponent_get_first_property(o, ICAL_TZOFFSETTO_PROPERTY);
        icalproperty *name = icalcomponent_get_first_property(o, ICAL_TZNAME_PROPERTY);
        icalproperty *start = icalcomponent_get_first_property(o, ICAL_DTSTART_PROPERTY);
        if (!to || !name || !start || icalproperty_get_tzoffsetto(to) != offset)
            continue;
        struct icaltimetype s = icalproperty_get_dtstart(start);
        if (icaltime_compare(s, t) > 0)
            continue;
        if (!best || icaltime_compare(s, best_start) >= 0) {
            best = icalproperty_get_tzname(name);
            best_start = s;
        }
    }
    return best;
}

/* Scanning a zone's observances takes microseconds (London has about ninety); a page lists
 * many meetings in one zone and year, so the names found are remembered. The names belong to
 * libical's built-in zones, which stay loaded for the life of the process. Guarded by tz_lock. */
#define NAME_CACHE_SIZE 64
static struct {
    const icaltimezone *zone;
    int year, offset, daylight;
    const char *name;
} name_cache[NAME_CACHE_SIZE];

static const char *cached_name(icaltimezone *z, int daylight, int offset, struct icaltimetype t)
{
    uintptr_t h = (uintptr_t)z / 64 + (uintptr_t)t.year * 31 + (uintptr_t)(offset / 900) * 7 +
                  (uintptr_t)daylight;
    size_t i = h % NAME_CACHE_SIZE;
    if (name_cache[i].zone == z && name_cache[i].year == t.year && name_cache[i].offset == offset &&
        name_cache[i].daylight == daylight)
        return name_cache[i].name;
    icalcomponent *c = icaltimezone_get_component(z);
    const char *name = c ? observance_name(c, daylight, offset, t) : NULL;
    name_cache[i].zone = z;
    name_cache[i].year = t.year;
    name_cache[i].offset = offset;
    name_cache[i].daylight = daylight;
    name_cache[i].name = name;
    return name;
}

int meet_tz_describe(const char *tzid, int64_t utc, int *offset_s, char *abbr, size_t size)
{
    pthread_mutex_lock(&tz_lock);
    icaltimezone *z = zone_for(tzid);
    if (!z) {
        pthread_mutex_unlock(&tz_lock);
        return -1;
    }
    icaltimezone *u = icaltimezone_get_utc_timezone();
    struct icaltimetype t = icaltime_from_timet_with_zone((time_t)utc, 0, u);
    int daylight = 0, offset = 0;
    const char *name = NULL;
    if (z != u) {
        offset = icaltimezone_get_utc_offset_of_utc_time(z, &t, &daylight);
        struct icaltimetype local = icaltime_from_timet_with_zone((time_t)utc, 0, z);
        name = cached_name(z, daylight, offset, local);
    }
    /* Zones without a letter abbreviation have "-03" or "+0530" in the tz database. */
    if (name && *name && *name != '+' && *name != '-')
        snprintf(abbr, size, "%s", name);
    else if (offset == 0)
        snprintf(abbr, size, "UTC");
    else if (offset % 3600 == 0)
        snprintf(abbr, size, "UTC%c%d", offset < 0 ? '-' : '+', abs(offset) / 3600);
    else
        snprintf(abbr, size, "UTC%c%d:%02d", offset < 0 ? '-' : '+', abs(offset) / 3600,
                 abs(offset) % 3600 / 60);
    pthread_mutex_unlock(&tz_lock);
    *offset_s = offset;
    return 0;
}
