/* The pulse survey's windows (see survey_window.h). Dates are whole UTC days. */
#include "app/surveys/survey_window.h"

#include "core/date.h"
#include "core/strbuf.h"
#include "store/store_programmes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* DATE ("YYYY-MM-DD", valid) moved by DAYS, as a UTC day in *TM. */
static void date_at(const char *date, int days, struct tm *tm)
{
    *tm = (struct tm){.tm_year = atoi(date) - 1900,
                      .tm_mon = atoi(date + 5) - 1,
                      .tm_mday = atoi(date + 8) + days};
    time_t t = timegm(tm);
    gmtime_r(&t, tm);
}

/* DATE moved by DAYS, into OUT (11 bytes). */
static void shift(const char *date, int days, char out[11])
{
    struct tm tm;
    date_at(date, days, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* "3 Jun 2027" for DATE. */
static void readable(const char *date, char *out, size_t size)
{
    struct tm tm;
    date_at(date, 0, &tm);
    strftime(out, size, "%e %b %Y", &tm);
    if (out[0] == ' ')
        memmove(out, out + 1, strlen(out));
}

enum status survey_wave_window(struct db *db, long long programme_id, const char *wave, time_t now,
                               struct survey_window *out)
{
    *out = (struct survey_window){.open = true};
    int days;
    char starts[11], ends[11];
    int rc = store_programme_pulse_window(db, programme_id, &days, starts, ends);
    if (rc != 0)
        return rc > 0 ? STATUS_NOT_FOUND : STATUS_FAILED;
    bool end = wave && strcmp(wave, "end") == 0;
    const char *anchor = end ? ends : starts;
    if (!date_valid(anchor))
        return STATUS_OK;
    out->bounded = true;
    shift(anchor, -days, out->opens);
    shift(anchor, days, out->closes);
    char today[11];
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    const char *what = end ? "The end-of-programme survey" : "The start-of-programme survey";
    char when[24];
    if (strcmp(today, out->opens) < 0) {
        out->open = false;
        readable(out->opens, when, sizeof when);
        snprintf(out->message, sizeof out->message,
                 "%s opens on %s, %d days before the "
                 "programme %s.",
                 what, when, days, end ? "ends" : "starts");
    } else if (strcmp(today, out->closes) > 0) {
        out->open = false;
        readable(out->closes, when, sizeof when);
        snprintf(out->message, sizeof out->message, "%s closed on %s.", what, when);
    }
    return STATUS_OK;
}
