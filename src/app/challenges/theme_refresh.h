/* Themes kept current: when challenges change (store_challenge_put marks the programme), the
 * themes are found again once the programme has been quiet for a while, so that "N others in
 * this cohort are working on something close to this" appears without anyone running
 * `setwork challenges themes` on the server. The wait (the setting themes_refresh) keeps a
 * burst of edits to one recomputation. */
#ifndef SETWORK_APP_CHALLENGES_THEME_REFRESH_H
#define SETWORK_APP_CHALLENGES_THEME_REFRESH_H

#include <stdint.h>

#include "store/db.h"

/* Finds again the themes of every programme whose challenges last changed at least QUIET
 * seconds before NOW (Unix seconds); a change made meanwhile leaves the programme marked for
 * the next pass. Returns how many programmes were refreshed, or -1 with a message in *ERR
 * (caller frees) at the first failure. */
int theme_refresh_pass(struct db *db, int64_t now, long quiet, char **err);

struct theme_refresher;

/* Starts a thread with its own connection to DB_PATH that runs theme_refresh_pass every
 * second with QUIET. Returns it, or NULL with a message in *ERR (caller frees). */
struct theme_refresher *theme_refresher_start(const char *db_path, long quiet, char **err);

/* Stops the thread after the pass in flight and frees it. Accepts NULL. */
void theme_refresher_stop(struct theme_refresher *r);

#endif
