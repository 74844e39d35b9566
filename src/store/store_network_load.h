/* Loading a programme's people and one wave's ties from the store into the arrays the network
 * engine takes: store ids become indices, departments, organisations and sets become group
 * numbers. */
#ifndef SETWORK_STORE_STORE_NETWORK_LOAD_H
#define SETWORK_STORE_STORE_NETWORK_LOAD_H

#include "engine/network/network.h"
#include "engine/network/network_data.h"
#include "store/db.h"

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

#endif
