/* The demo rounds of each demo set's first meeting (`setwork meetings demo`). */
#ifndef SETWORK_APP_MEETINGS_MEETINGS_DEMO_H
#define SETWORK_APP_MEETINGS_MEETINGS_DEMO_H

#include "core/strbuf.h"
#include "store/db.h"

#include <stddef.h>

/* Fills the first meeting of every set of PROGRAMME_ID with attendance, check-ins, two
 * presenters with their actions and session reviews, in one transaction. A meeting that has
 * check-ins already is left alone, so a second run adds nothing. Returns 0 with *FILLED the
 * meetings written, or -1 with a message in ERR (nothing written). */
int meetings_demo_fill(struct db *db, long long programme_id, size_t *filled, struct strbuf *err);

#endif
