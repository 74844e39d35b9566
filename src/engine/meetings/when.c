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

/* "UTC+1", "UTC-4", "UTC+10:30" for OFFSET seconds. */
static void offset_text(int offset, char *buf, size_t size)
{
    int a = offset < 0 ? -offset : offset;
    if (a % 3600)
        snprintf(buf, size, "UTC%c%d:%02d", offset < 0 ? '-' : '+', a / 3600, a % 3600 / 60);
    else
        snprintf(buf, size, "UTC%c%d", offset < 0 ? '-' : '+', a / 3600);
}

int meet_tz_note(const char *tzid, const struct meet_local *asked, enum meet_local_kind kind,
                 int64_t utc, char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    if (kind == MEET_LOCAL_EXACT)
        return 0;
    struct meet_local s;
    char abbr[16], abbr2[16], off[16];
    int offset, offset2;
    if (meet_tz_from_utc(tzid, utc, &s) || meet_tz_describe(tzid, utc, &offset, abbr, sizeof abbr))
        return 0;
    char asked_text[24];
    snprintf(asked_text, sizeof asked_text, "%04d-%02d-%02dT%02d:%02d", asked->year, asked->month,
             asked->day, asked->hour, asked->minute);
    if (kind == MEET_LOCAL_GAP) {
        snprintf(buf, size,
                 "%s does not exist in %s (the clocks go forward at that hour); it is moved "
                 "forward by the gap to %04d-%02d-%02dT%02d:%02d %s.",
                 asked_text, tzid, s.year, s.month, s.day, s.hour, s.minute, abbr);
        return 1;
    }
    /* The second occurrence is as far after the first as the clocks went back. */
    offset_text(offset, off, sizeof off);
    int64_t later = utc;
    for (int step = 15 * 60; step <= 3 * 3600; step += 15 * 60) {
        struct meet_local t;
        if (meet_tz_from_utc(tzid, utc + step, &t) == 0 && t.hour == s.hour &&
            t.minute == s.minute && t.day == s.day) {
            later = utc + step;
            break;
        }
    }
    if (later != utc && meet_tz_describe(tzid, later, &offset2, abbr2, sizeof abbr2) == 0)
        snprintf(buf, size,
                 "%s happens twice in %s (the clocks go back at that hour); the first one is "
                 "used: %02d:%02d %s (%s), not %02d:%02d %s.",
                 asked_text, tzid, s.hour, s.minute, abbr, off, s.hour, s.minute, abbr2);
    else
        snprintf(buf, size,
                 "%s happens twice in %s (the clocks go back at that hour); the first one is "
                 "used: %02d:%02d %s (%s).",
                 asked_text, tzid, s.hour, s.minute, abbr, off);
    return 1;
}
