/* The small rules of the check-in, actions and report-back rounds: a check-in is one line, an
 * action's due date is a real calendar date, a report back is done / partly / not done, and
 * only what was not fully done can be carried forward. Pure functions, no I/O. */
#ifndef SETWORK_ENGINE_MEETINGS_ACTIONS_H
#define SETWORK_ENGINE_MEETINGS_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

/* A check-in: how a member arrives, in one short line of at most this many characters (as a
 * browser's maxlength counts them, so the form and the check agree). */
#define MEET_CHECKIN_MAX 280

enum meet_outcome {
    MEET_OUTCOME_DONE,
    MEET_OUTCOME_PARTLY,
    MEET_OUTCOME_NOT_DONE,
};

/* The outcome named S ("done", "partly", "not_done"); -1 for anything else (NULL too). */
int meet_outcome_parse(const char *s);
/* The stored name of OUTCOME ("done", ...); "?" when out of range. Static text. */
const char *meet_outcome_name(int outcome);
/* The words people read for a stored status ("open", "done", "partly", "not_done"). Static. */
const char *meet_status_label(const char *status);
/* Whether an action reported with OUTCOME may be carried forward: only when not fully done. */
bool meet_outcome_may_carry(int outcome);

/* Whether the action due on DUE ("YYYY-MM-DD" or NULL/"": never) is overdue on TODAY (same
 * form): due strictly before today. */
bool meet_action_overdue(const char *due, const char *today);

/* Whether S is a usable one-line text: not empty after spaces, at most MAX characters (code
 * points), valid UTF-8, and no control characters (a newline included), so it stays one line. */
bool meet_line_ok(const char *s, size_t max);

#endif
