/* Pulse surveys as a service for the web app and the CLI: the instrument as JSON for a form,
 * one person's submission checked and stored, and the means of every wave for a trend line. */
#ifndef SETWORK_APP_SURVEYS_SURVEY_H
#define SETWORK_APP_SURVEYS_SURVEY_H

#include "engine/stats/instrument.h"
#include "store/db.h"

#include <jansson.h>

/* The instrument as {"name","source","points":[{"value","label"}],"items":[{"code","text",
 * "scale","reversed","source"}],"scales":[{"name","title","higher_is_better"}]} (new reference),
 * enough to render a survey form. NULL when out of memory. */
json_t *survey_instrument_json(const struct instrument *ins);

/* Stores PERSON_ID's answers in wave WAVE (start, end or meeting-N) of the programme on the
 * instrument INSTRUMENT_ID: ANSWERS holds one value per item in instrument order,
 * INSTRUMENT_NO_ANSWER for a skipped item. Checks membership, the wave name, that the wave uses
 * this instrument, and every value's range; all answers or none are stored. Returns 0, 1 with a
 * sentence for the person in *ERR (caller frees), -1 on a database error (message in *ERR). */
int survey_submit(struct db *db, long long programme_id, long long person_id, const char *wave,
                  long long instrument_id, const int *answers, size_t nanswers, char **err);

/* Every wave of the programme on the start wave's instrument, in the order opened, with its
 * respondents and, per scale, the mean score over people who answered all its items, shown only
 * when at least MIN_PEOPLE did: [{"wave","respondents","scales":[{"scale","complete","mean"}]}]
 * (mean absent when not shown). For a trend over pulse surveys after meetings. NULL on error. */
json_t *survey_wave_means_json(struct db *db, long long programme_id, long min_people);

#endif
