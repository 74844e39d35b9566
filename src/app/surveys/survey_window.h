/* When each wave of the pulse survey is open: around the programme's start (the "start" wave)
 * and around its end (the "end" wave), pulse_window_days either side, so that nobody answers
 * the end-of-programme survey on day one. A programme without dates has no windows: both waves
 * are open, as before dates are set. */
#ifndef SETWORK_APP_SURVEYS_SURVEY_WINDOW_H
#define SETWORK_APP_SURVEYS_SURVEY_WINDOW_H

#include <stdbool.h>
#include <time.h>

#include "core/status.h"
#include "store/db.h"

struct survey_window {
    bool open;
    bool bounded;      /* false: the programme has no date for this wave, so it is open */
    char opens[11];    /* "YYYY-MM-DD", the first day open (when bounded) */
    char closes[11];   /* the last day open */
    char message[160]; /* when closed: when it opens or that it closed, in a sentence */
};

/* The window of WAVE ("start" or "end") of PROGRAMME_ID on the UTC day of NOW into *OUT.
 * STATUS_OK, STATUS_NOT_FOUND for no such programme, STATUS_FAILED on a database error. */
enum status survey_wave_window(struct db *db, long long programme_id, const char *wave, time_t now,
                               struct survey_window *out);

#endif
