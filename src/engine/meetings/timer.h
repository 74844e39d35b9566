/* The phase timer for presentations in an action learning meeting, as a pure state machine over
 * explicit timestamps (seconds), so the web page, the API and the tests share one logic. */
#ifndef SETWORK_ENGINE_MEETINGS_TIMER_H
#define SETWORK_ENGINE_MEETINGS_TIMER_H

#include <stdbool.h>
#include <stdint.h>

/* A set has at most 8 members; a little room for guests presenting. */
#define MEET_TIMER_MAX_PRESENTERS 12
/* A phase within this many seconds of its budget shows a warning. */
#define MEET_TIMER_WARN_S 60

enum meet_phase {
    MEET_PHASE_PRESENT, /* the presenter describes the issue */
    MEET_PHASE_CLARIFY, /* clarifying questions */
    MEET_PHASE_OPEN,    /* open questions */
    MEET_PHASE_REFLECT, /* the presenter reflects */
    MEET_PHASE_ACTION,  /* the presenter commits to actions */
    MEET_PHASE_COUNT,
};

enum meet_timer_state { MEET_TIMER_READY, MEET_TIMER_RUNNING, MEET_TIMER_PAUSED, MEET_TIMER_DONE };

enum meet_timer_alert { MEET_ALERT_NONE, MEET_ALERT_WARN, MEET_ALERT_OVERRUN };

struct meet_presenter_clock {
    int64_t person_id;
    int64_t budget_s; /* this presenter's share of the time */
    int64_t phase_budget_s[MEET_PHASE_COUNT];
    int64_t phase_used_s[MEET_PHASE_COUNT]; /* closed segments only; see meet_timer_view */
};

struct meet_timer {
    int npresenters;
    struct meet_presenter_clock p[MEET_TIMER_MAX_PRESENTERS];
    int current;           /* index of the presenter on now */
    enum meet_phase phase; /* phase on now */
    enum meet_timer_state state;
    int64_t segment_start; /* when the running segment began (RUNNING only) */
};

/* What a page shows at time NOW. */
struct meet_timer_view {
    enum meet_timer_state state;
    int current;
    enum meet_phase phase;
    int64_t phase_used_s, phase_budget_s, phase_left_s; /* left is negative on overrun */
    enum meet_timer_alert alert;
};

/* Sets up a timer for N presenters (PERSON_IDS) sharing TOTAL_S seconds: equally when BIDS_S is
 * NULL, otherwise by bids (each gets its bid, scaled down proportionally when the bids exceed
 * the total). WEIGHTS (MEET_PHASE_COUNT positive numbers, NULL for the default 20/15/35/15/15)
 * split each presenter's time into phases. Returns 0, or -1 for N outside
 * 1..MEET_TIMER_MAX_PRESENTERS, a non-positive total or bid, or bad weights. */
int meet_timer_init(struct meet_timer *t, int n, const int64_t *person_ids, int64_t total_s,
                    const int64_t *bids_s, const double *weights);

/* Starts or resumes at NOW. Returns 0, or -1 when already running or done. */
int meet_timer_start(struct meet_timer *t, int64_t now);
/* Pauses at NOW, banking the running segment. 0, or -1 when not running. */
int meet_timer_pause(struct meet_timer *t, int64_t now);
/* Closes the current phase at NOW and moves to the next phase, or the next presenter's first
 * phase; after the last phase of the last presenter the timer is DONE. Keeps running if it
 * was running. 0, or -1 when done. */
int meet_timer_next(struct meet_timer *t, int64_t now);

/* Fills V with the state at NOW (NOW before the segment start counts as zero elapsed). */
void meet_timer_view(const struct meet_timer *t, int64_t now, struct meet_timer_view *v);

/* Seconds presenter I has had so far, across all phases, including a running segment. */
int64_t meet_timer_airtime(const struct meet_timer *t, int i, int64_t now);

/* A stable name for a phase ("present", "clarifying", "open", "reflection", "action"). */
const char *meet_phase_name(enum meet_phase phase);

#endif
