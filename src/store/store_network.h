/* Network surveys in the store: waves, relations, ties, responses and consent; and loading one
 * programme's surveys into the arrays the network engine takes. */
#ifndef SETWORK_STORE_STORE_NETWORK_H
#define SETWORK_STORE_STORE_NETWORK_H

#include "engine/network/network.h"
#include "engine/network/network_data.h"
#include "model/cohort.h"
#include "store/db.h"

#include <stdbool.h>
#include <stddef.h>

/* Finds wave NAME (case-insensitive) of the programme: 0 and *ID, 1 when none, -1 on error. */
int store_network_wave_id(struct db *db, long long programme_id, const char *name, long long *id);
/* Finds or creates wave NAME (new waves go last): 0 and *ID (*CREATED 1 when new), -1. */
int store_network_wave_ensure(struct db *db, long long programme_id, const char *name,
                              long long *id, int *created);
/* Finds or creates relation NAME of the programme: 0 and *ID, -1 on error. */
int store_network_relation_ensure(struct db *db, long long programme_id, const char *name,
                                  long long *id);

/* Opens wave NAME of the programme asking the relations RELATIONS (NRELATIONS names, in the
 * order asked; each found or created) in one transaction. An existing wave is left as it is
 * (*CREATED 0) with the relations it had. 0 and *WAVE_ID, or -1 with nothing changed. */
int store_network_wave_open(struct db *db, long long programme_id, const char *name,
                            const char *const *relations, size_t nrelations, long long *wave_id,
                            int *created);
/* The relations wave WAVE_ID asks, in order, into *IDS (caller frees) and *COUNT; none for a wave
 * opened without a choice (it asks every relation of its programme). 0 or -1. */
int store_network_wave_relations(struct db *db, long long wave_id, long long **ids, size_t *count);

/* One wave with its counts, in wave order. */
struct network_wave_row {
    long long id;
    char *name;
    int position;
    long ties;        /* nominations recorded */
    long respondents; /* people who answered */
    long members;     /* programme members now (the denominator of the response rate) */
};
/* Lists the programme's waves into *OUT (caller frees with network_wave_rows_free). 0 or -1. */
int store_network_waves(struct db *db, long long programme_id, struct network_wave_row **out,
                        size_t *count);
void network_wave_rows_free(struct network_wave_row *rows, size_t count);

/* Removes what PERSON answered in WAVE for RELATION, so that a new answer replaces it, and
 * stores how many ties that removed in *REMOVED (may be NULL). 0 or -1. */
int store_network_answers_clear(struct db *db, long long wave_id, long long relation_id,
                                long long person_id, long *removed);
/* Records one nomination; STRENGTH NAN for none; SOURCE "csv" or "web". Replaces an equal
 * (wave, relation, from, to) tie. 0 or -1. */
int store_network_tie_put(struct db *db, long long wave_id, long long relation_id,
                          long long from_id, long long to_id, double strength, const char *source);
/* Saves one participant's whole answer from the web form in one transaction: their ties in
 * WAVE under RELATION become exactly TO_IDS (COUNT people; STRENGTHS may be NULL, or hold NAN
 * for none), they are recorded as having answered (source "web"), even with COUNT 0 (naming
 * nobody is an answer). The caller checks that TO_IDS are programme members other than
 * PERSON. 0, or -1 with nothing changed. */
int store_network_answer_save(struct db *db, long long wave_id, long long relation_id,
                              long long person_id, const long long *to_ids, const double *strengths,
                              size_t count);
/* Records that PERSON answered WAVE (once; a later answer updates the time). 0 or -1. */
int store_network_response_record(struct db *db, long long wave_id, long long person_id,
                                  const char *source);
/* Appends a consent record with the STATEMENT shown. 0 or -1. */
int store_network_consent_record(struct db *db, long long programme_id, long long person_id,
                                 bool granted, const char *statement);
/* The consent in force: 0 with *GRANTED set, 1 when the person never answered the question,
 * -1 on error. */
int store_network_consent_get(struct db *db, long long programme_id, long long person_id,
                              bool *granted);

/* A pair of people (store ids) who already know each other, with person_a < person_b. */
struct known_pair {
    long long person_a;
    long long person_b;
};
/* Every pair of the programme's people joined by a tie recorded in any wave under any relation
 * in either direction: "already know each other", for set formation. Each unordered pair
 * appears once, with person_a < person_b, sorted by (person_a, person_b), so callers can
 * bsearch. Stores a new array in *OUT (caller frees with free(); NULL when COUNT is 0) and its
 * length in *COUNT. Returns 0, or -1 on a database error. */
int store_known_pairs(struct db *db, long long programme_id, struct known_pair **out,
                      size_t *count);

#endif
