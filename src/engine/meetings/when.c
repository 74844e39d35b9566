/* Meeting times as people read them: local time in the series' zone with its abbreviation. */
#include "engine/meetings/when.h"

#include <stdio.h>
#include <string.h>

static const char *const day_names[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static void date_part(const struct meet_local *l, char *buf, size_t size)
{
    int wd = meet_weekday(l->year, l->month, l->day);
    snprintf(buf, size, "%s %d %s %04d", day_names[wd], l->day, month_names[(l->month - 1) % 12],
             l->year);
}

void meet_local_format(const struct meet_local *l, char *buf, size_t size)
{
    char date[24];
    date_part(l, date, sizeof date);
    snprintf(buf, size, "%s, %02d:%02d", date, l->hour, l->minute);
}

static int same_day(const struct meet_local *a, const struct meet_local *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day;
}

static void utc_fallback(int64_t t, char *buf, size_t size)
{
    char iso[32];
    meet_utc_format(t, iso, sizeof iso); /* "YYYY-MM-DDTHH:MM:SSZ" */
    snprintf(buf, size, "%.10s %.5s UTC", iso, iso + 11);
}

int meet_when_format(const char *tzid, int64_t starts, int64_t ends, char *buf, size_t size)
{
    struct meet_local s, e;
    char abbr_s[16], abbr_e[16], start[32], date_e[24];
    int off_s, off_e;
    if (meet_tz_from_utc(tzid, starts, &s) ||
        meet_tz_describe(tzid, starts, &off_s, abbr_s, sizeof abbr_s)) {
        utc_fallback(starts, buf, size);
        return -1;
    }
    meet_local_format(&s, start, sizeof start);
    if (ends <= starts || meet_tz_from_utc(tzid, ends, &e) ||
        meet_tz_describe(tzid, ends, &off_e, abbr_e, sizeof abbr_e)) {
        snprintf(buf, size, "%s %s", start, abbr_s);
        return 0;
    }
    if (!same_day(&s, &e)) {
        date_part(&e, date_e, sizeof date_e);
        if (strcmp(abbr_s, abbr_e) == 0)
            snprintf(buf, size, "%s - %s, %02d:%02d %s", start, date_e, e.hour, e.minute, abbr_e);
        else
            snprintf(buf, size, "%s %s - %s, %02d:%02d %s", start, abbr_s, date_e, e.hour, e.minute,
                     abbr_e);
    } else if (strcmp(abbr_s, abbr_e) != 0) {
        snprintf(buf, size, "%s %s - %02d:%02d %s", start, abbr_s, e.hour, e.minute, abbr_e);
    } else {
        snprintf(buf, size, "%s-%02d:%02d %s", start, e.hour, e.minute, abbr_s);
    }
    return 0;
}
