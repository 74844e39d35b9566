/* One programme's people and one wave's ties as the store loads them and the network engine,
 * the exports and the pictures take them: a plain shape, no I/O. */
#ifndef SETWORK_ENGINE_NETWORK_NETWORK_DATA_H
#define SETWORK_ENGINE_NETWORK_NETWORK_DATA_H

#include "engine/network/network.h"
#include "model/cohort.h"

#include <stdbool.h>
#include <stddef.h>

/* One programme's people and one wave's ties, shaped for the engine. Indices everywhere are
 * into cohort.people (ordered by email). Owns everything; free with network_data_free. */
struct network_data {
    struct cohort cohort;
    int *department;   /* per person: index into department_names, -1 when blank */
    int *organisation; /* per person: index into organisation_names, -1 */
    int *set;          /* per person: index into set_names, -1 when in no set */
    char **department_names;
    size_t department_count;
    char **organisation_names;
    size_t organisation_count;
    char **set_names; /* sets of the programme's latest published plan, else latest plan */
    size_t set_count;
    char **relation_names;   /* net_tie.relation indexes this */
    long long *relation_ids; /* the store ids of relation_names */
    size_t relation_count;
    struct net_tie *ties;
    size_t tie_count;
    bool *responded; /* per person: answered this wave */
    size_t respondents;
};

/* Frees everything D owns and empties it. */
void network_data_free(struct network_data *d);

/* The engine's view of DATA (pointers into it). */
struct net_people network_data_people(const struct network_data *d);

#endif
