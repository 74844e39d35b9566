/* Loading a programme's people and one wave's ties from the store into the arrays the network
 * engine takes: store ids become indices, departments, organisations and sets become group
 * numbers. */
#ifndef SETWORK_STORE_STORE_NETWORK_LOAD_H
#define SETWORK_STORE_STORE_NETWORK_LOAD_H

#include "engine/network/network.h"
#include "engine/network/network_data.h"
#include "store/db.h"

#include <stdbool.h>
#include <stddef.h>

/* Loads the programme's members and the ties of WAVE_ID among them (ties involving people who
 * have since left the programme are left out). RELATION limits the ties to one relation by
 * name (NULL: all). 0, or -1 with *ERR (caller frees); OUT is empty on failure. */
int store_network_load(struct db *db, long long programme_id, long long wave_id,
                       const char *relation, struct network_data *out, char **err);
/* Loads only the ties of another wave into *TIES over the same people as DATA (for comparing
 * waves). 0 or -1 with *ERR; caller frees *TIES with free(). */
int store_network_load_ties(struct db *db, const struct network_data *data, long long wave_id,
                            const char *relation, struct net_tie **ties, size_t *count, char **err);

/* When wave WAVE_ID began: its first answer (the earliest response or tie recorded), else when
 * it was created, as "YYYY-MM-DDTHH:MM:SSZ" into OUT (SIZE bytes; 32 is enough). 0, 1 when
 * there is no such wave, -1 on error. */
int store_network_wave_began(struct db *db, long long wave_id, char *out, size_t size);

/* Replaces the sets in D by those of the plan in force at AT ("YYYY-MM-DDTHH:MM:SSZ"): the plan
 * published at or before AT, else the newest plan saved at or before AT; a plan saved after AT
 * does not count. Each set's members are those at AT by the membership history (someone moved
 * later counts in the set they were in then). No such plan leaves everyone in no set. *PLAN_NAME
 * gets the plan's name (NULL when none; caller frees). 0, or -1 with *ERR (caller frees). */
int store_network_sets_at(struct db *db, long long programme_id, const char *at,
                          struct network_data *d, char **plan_name, char **err);

/* Fills RESPONDED (one per person of DATA) with whether each answered wave WAVE_ID. 0, or -1
 * with *ERR (caller frees). */
int store_network_load_responded(struct db *db, const struct network_data *data, long long wave_id,
                                 bool *responded, char **err);

#endif
