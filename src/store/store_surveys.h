/* Pulse survey instruments, waves and answers in the store. Individual answers leave the store
 * only for their author (store_survey_person_answers) or as scores for aggregate statistics
 * (store_survey_wave_answers); the privacy rules are in engine/themes/privacy.h. */
#ifndef SETWORK_STORE_STORE_SURVEYS_H
#define SETWORK_STORE_STORE_SURVEYS_H

#include "engine/stats/instrument.h"
#include "store/db.h"

#include <stddef.h>

/* The instrument seeded by migration 0007 (UCLA 3-item loneliness + setwork's work items). */
#define SURVEY_DEFAULT_INSTRUMENT "setwork-connectedness-1"

/* Finds an instrument by name: 0 and *ID, 1 when none, -1 on error. */
int store_instrument_id(struct db *db, const char *name, long long *id);

/* Loads instrument ID with its scales and items (item ids in *ITEM_IDS, one per item, caller
 * frees). Free the instrument with instrument_free. 0, 1 when none, -1 on error. */
int store_instrument_load(struct db *db, long long id, struct instrument *out,
                          long long **item_ids);

/* Stores a new instrument (name unique) with its scales and items. 0 and *ID, or -1. */
int store_instrument_create(struct db *db, const struct instrument *ins, long long *id);

/* The wave NAME of the programme: 0 with *ID and *INSTRUMENT_ID, 1 when none, -1 on error. */
int store_wave_find(struct db *db, long long programme_id, const char *name, long long *id,
                    long long *instrument_id);

/* Finds or creates wave NAME with INSTRUMENT_ID. Returns 0 and *ID, 1 when the wave exists with
 * another instrument (answers on two instruments cannot be compared), -1 on error. */
int store_wave_ensure(struct db *db, long long programme_id, const char *name,
                      long long instrument_id, long long *id);

/* The programme's waves on INSTRUMENT_ID in the order they were opened: ids in *IDS and names in
 * *NAMES (caller frees each name and both arrays). 0 or -1. */
int store_waves_list(struct db *db, long long programme_id, long long instrument_id,
                     long long **ids, char ***names, size_t *count);

/* Sets one answer (replacing an earlier one). 0 or -1. */
int store_answer_put(struct db *db, long long wave_id, long long person_id, long long item_id,
                     int value);

/* Everyone's answers in a wave: person ids ascending, and answers[p * nitems + i] for item i of
 * the instrument (in ITEM_IDS order), INSTRUMENT_NO_ANSWER when missing. */
struct survey_responses {
    size_t npeople;
    size_t nitems;
    long long *people;
    int *answers;
};

/* Loads the answers of WAVE_ID for the NITEMS items ITEM_IDS. 0 or -1. */
int store_survey_wave_answers(struct db *db, long long wave_id, const long long *item_ids,
                              size_t nitems, struct survey_responses *out);
void survey_responses_free(struct survey_responses *r);

/* How many people answered anything in wave WAVE_ID. -1 on error. */
long store_survey_respondents(struct db *db, long long wave_id);

/* One answer of a person: the wave's name, the item's code and text, the value. Strings owned
 * by the struct. */
struct store_survey_answer {
    char *wave, *item, *text;
    int value;
    char *label; /* the instrument's label of VALUE ("often"), or NULL when it has none */
};

/* One person's own answers in the programme, for them alone, by wave and item position: 0 with
 * *OUT (free with store_survey_answers_free) and *COUNT, or -1 with *OUT NULL and *COUNT 0. */
int store_survey_person_answers(struct db *db, long long programme_id, long long person_id,
                                struct store_survey_answer **out, size_t *count);
void store_survey_answers_free(struct store_survey_answer *list, size_t count);

#endif
