/* Words for a demonstration meeting: check-in lines, actions in a presenter's words and session
 * reviews, so the meeting page has something to show. Pure: the caller stores them. */
#ifndef SETWORK_APP_DEMO_DEMO_MEETINGS_H
#define SETWORK_APP_DEMO_DEMO_MEETINGS_H

#include <stddef.h>

/* The I-th check-in line (any I; the bank repeats). Static text. */
const char *demo_checkin_line(size_t i);
/* The I-th action, in a presenter's words. Static text. */
const char *demo_action(size_t i);
/* The I-th session review: what helped and what was learned about questioning. Static text. */
void demo_review(size_t i, const char **helped, const char **learned_questioning);

#endif
