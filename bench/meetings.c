/* Benchmark of the meetings engine: series arithmetic with zone conversion (Europe/London),
 * meeting times formatted for people (when.h) and the iCalendar output of a busy person's feed.
 * Prints one line per measurement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/meetings/series.h"
#include "engine/meetings/when.h"
#include "io/export/ics.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
    enum { SERIES = 20000, COUNT = 12, EVENTS = 200, FEEDS = 500 };
    struct meet_local first = {2026, 1, 6, 10, 0}, local[COUNT];
    struct meet_rule rule = {MEET_EVERY_WEEKS, 4};
    int64_t sink = 0;
    double t0 = now_s();
    for (int s = 0; s < SERIES; s++) {
        first.day = 1 + s % 28;
        if (meet_series_local(&first, &rule, COUNT, local))
            return 1;
        for (int i = 0; i < COUNT; i++) {
            int64_t u;
            if (meet_tz_to_utc("Europe/London", &local[i], &u))
                return 1;
            sink += u;
        }
    }
    double t1 = now_s();
    printf("series: %d series of %d meetings with zone conversion in %.3f s (%.2f us a meeting)\n",
           SERIES, COUNT, t1 - t0, (t1 - t0) * 1e6 / (SERIES * COUNT));

    /* Every page showing a meeting formats its time in the series' zone (when.h). */
    enum { WHENS = 100000 };
    size_t chars = 0;
    t0 = now_s();
    for (int i = 0; i < WHENS; i++) {
        char when[MEET_WHEN_MAX];
        int64_t s = 1767225600 + (int64_t)(i % 730) * 86400 + 36000;
        if (meet_when_format("Europe/London", s, s + 10800, when, sizeof when))
            return 1;
        chars += strlen(when);
    }
    t1 = now_s();
    printf("when: %d meeting times formatted in Europe/London in %.3f s (%.2f us each)\n", WHENS,
           t1 - t0, (t1 - t0) * 1e6 / WHENS);
    sink += (int64_t)chars;

    struct meet_ics_event ev[EVENTS];
    char uids[EVENTS][48];
    for (int i = 0; i < EVENTS; i++) {
        snprintf(uids[i], sizeof uids[i], "%032d@setwork", i);
        ev[i] = (struct meet_ics_event){uids[i],
                                        i % 3,
                                        1767225600 + i * 86400LL * 28,
                                        1767225600 + i * 86400LL * 28 + 10800,
                                        "Action learning: Set 1 (Demo)",
                                        "Room 4",
                                        NULL,
                                        i % 7 == 0};
    }
    size_t bytes = 0;
    t0 = now_s();
    for (int f = 0; f < FEEDS; f++) {
        char *text = meet_ics_build(ev, EVENTS, "setwork meetings", 1767225600);
        if (!text)
            return 1;
        bytes += strlen(text);
        free(text);
    }
    t1 = now_s();
    printf("ics: %d feeds of %d events (%zu bytes each) in %.3f s (%.2f ms a feed)\n", FEEDS,
           EVENTS, bytes / FEEDS, t1 - t0, (t1 - t0) * 1e3 / FEEDS);
    return sink == 0 || bytes == 0;
}
