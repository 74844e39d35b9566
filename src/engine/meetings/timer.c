/* The phase timer: every transition banks the running segment into the current phase first, so
 * pausing, resuming and skipping can never lose or double-count time. */
#include "engine/meetings/timer.h"

#include <string.h>

static const double default_weights[MEET_PHASE_COUNT] = {20, 15, 35, 15, 15};

const char *meet_phase_name(enum meet_phase phase)
{
    static const char *names[MEET_PHASE_COUNT] = {"present", "clarifying", "open", "reflection",
                                                  "action"};
    return (unsigned)phase < MEET_PHASE_COUNT ? names[phase] : "?";
}

int meet_timer_init(struct meet_timer *t, int n, const int64_t *person_ids, int64_t total_s,
                    const int64_t *bids_s, const double *weights)
{
    if (n < 1 || n > MEET_TIMER_MAX_PRESENTERS || total_s <= 0)
        return -1;
    if (!weights)
        weights = default_weights;
    double wsum = 0;
    for (int k = 0; k < MEET_PHASE_COUNT; k++) {
        if (!(weights[k] > 0))
            return -1;
        wsum += weights[k];
    }
    int64_t bid_sum = 0;
    if (bids_s) {
        for (int i = 0; i < n; i++) {
            if (bids_s[i] <= 0)
                return -1;
            bid_sum += bids_s[i];
        }
    }
    memset(t, 0, sizeof *t);
    t->npresenters = n;
    t->state = MEET_TIMER_READY;
    for (int i = 0; i < n; i++) {
        struct meet_presenter_clock *c = &t->p[i];
        c->person_id = person_ids[i];
        if (!bids_s)
            c->budget_s = total_s / n;
        else if (bid_sum <= total_s)
            c->budget_s = bids_s[i];
        else
            c->budget_s = (int64_t)((double)bids_s[i] * (double)total_s / (double)bid_sum);
        /* Phases get whole seconds; the rounding remainder goes to open questions, the heart of
         * the process, so phase budgets always add up to the presenter's budget. */
        int64_t given = 0;
        for (int k = 0; k < MEET_PHASE_COUNT; k++) {
            c->phase_budget_s[k] = (int64_t)((double)c->budget_s * weights[k] / wsum);
            given += c->phase_budget_s[k];
        }
        c->phase_budget_s[MEET_PHASE_OPEN] += c->budget_s - given;
    }
    return 0;
}

/* Moves the running segment up to NOW into the current phase. */
static void bank(struct meet_timer *t, int64_t now)
{
    if (t->state != MEET_TIMER_RUNNING)
        return;
    if (now > t->segment_start)
        t->p[t->current].phase_used_s[t->phase] += now - t->segment_start;
    t->segment_start = now;
}

int meet_timer_start(struct meet_timer *t, int64_t now)
{
    if (t->state == MEET_TIMER_RUNNING || t->state == MEET_TIMER_DONE)
        return -1;
    t->state = MEET_TIMER_RUNNING;
    t->segment_start = now;
    return 0;
}

int meet_timer_pause(struct meet_timer *t, int64_t now)
{
    if (t->state != MEET_TIMER_RUNNING)
        return -1;
    bank(t, now);
    t->state = MEET_TIMER_PAUSED;
    return 0;
}

int meet_timer_next(struct meet_timer *t, int64_t now)
{
    if (t->state == MEET_TIMER_DONE)
        return -1;
    bank(t, now);
    if (t->phase + 1 < MEET_PHASE_COUNT) {
        t->phase++;
    } else if (t->current + 1 < t->npresenters) {
        t->current++;
        t->phase = MEET_PHASE_PRESENT;
    } else {
        t->state = MEET_TIMER_DONE;
    }
    return 0;
}

static int64_t running_extra(const struct meet_timer *t, int64_t now)
{
    if (t->state != MEET_TIMER_RUNNING || now <= t->segment_start)
        return 0;
    return now - t->segment_start;
}

void meet_timer_view(const struct meet_timer *t, int64_t now, struct meet_timer_view *v)
{
    const struct meet_presenter_clock *c = &t->p[t->current];
    v->state = t->state;
    v->current = t->current;
    v->phase = t->phase;
    v->phase_used_s = c->phase_used_s[t->phase] + running_extra(t, now);
    v->phase_budget_s = c->phase_budget_s[t->phase];
    v->phase_left_s = v->phase_budget_s - v->phase_used_s;
    if (t->state == MEET_TIMER_DONE || t->state == MEET_TIMER_READY)
        v->alert = MEET_ALERT_NONE;
    else if (v->phase_left_s < 0)
        v->alert = MEET_ALERT_OVERRUN;
    else if (v->phase_left_s <= MEET_TIMER_WARN_S)
        v->alert = MEET_ALERT_WARN;
    else
        v->alert = MEET_ALERT_NONE;
}

int64_t meet_timer_airtime(const struct meet_timer *t, int i, int64_t now)
{
    if (i < 0 || i >= t->npresenters)
        return 0;
    int64_t sum = 0;
    for (int k = 0; k < MEET_PHASE_COUNT; k++)
        sum += t->p[i].phase_used_s[k];
    if (i == t->current)
        sum += running_extra(t, now);
    return sum;
}
