/* Demonstration challenges composed from fragments per topic, and survey answers drawn around a
 * latent connectedness that rises over the programme. */
#include "app/demo/demo_challenges.h"

#include "core/rng.h"
#include "core/strbuf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct topic {
    const char *titles[4];
    const char *openings[5];
    const char *details[5];
    const char *questions[4];
};

static const struct topic topics[] = {
    {{"Too much on my plate", "Workload", "Never enough time", "Drowning in email"},
     {"My workload has grown every month this year", "I work late most evenings to keep up",
      "My team's workload is unmanageable", "Priorities keep piling up on my desk",
      "Long hours have become normal for me"},
     {"and I have no time left to think.", "and I worry about burning out.",
      "while my manager keeps adding new requests.", "and the email never stops.",
      "so the important work waits while urgent work wins."},
     {"How do I say no without letting people down?", "How do I prioritise my time?",
      "How can I protect my team from burnout?", "What can I stop doing?"}},
    {{"Leading through a restructure", "Change fatigue", "A team in uncertainty", "Merger ahead"},
     {"Our organisation is restructuring again", "A merger means my department will change",
      "My team is anxious about the restructure", "We are leading change decided above us",
      "New roles and a new structure arrive next quarter"},
     {"and people fear for their jobs.", "and the team resists the change.",
      "and I am not sure what to tell my people.", "while the change keeps shifting.",
      "and motivation is falling."},
     {"How do I lead my team through the change?", "How do I keep people motivated?",
      "How honest can I be about the restructure?", "How do I look after myself too?"}},
    {{"A difficult conversation", "Conflict in my team", "Giving hard feedback",
      "A stakeholder who disagrees"},
     {"I keep avoiding a difficult conversation with a colleague",
      "Two people in my team are in open conflict",
      "A senior stakeholder disagrees with everything we propose",
      "I need to give honest feedback about poor performance", "A peer undermines me in meetings"},
     {"and the conflict is getting worse.", "and the project is stalling.",
      "and I postpone the conversation every week.", "and the team feels the tension.",
      "and I do not know how to start."},
     {"How do I start the difficult conversation?",
      "How do I handle conflict without escalating it?", "How do I give feedback that lands?",
      "How do I stay calm when challenged?"}},
    {{"Budget cuts", "Doing more with less", "Funding pressure", "Saving money"},
     {"Our budget has been cut by a fifth", "The funding for our services was reduced",
      "We must deliver the same services with a smaller budget",
      "Every budget across the organisation is being cut",
      "Next year's budget will not cover what we promised"},
     {"and we must decide which services to stop.", "and savings are hard to find.",
      "while demand for our services grows.", "and staff are worried.",
      "and the cuts fall on front-line services."},
     {"How do I choose what to cut?", "How do I make the case for funding?",
      "How do I explain the cuts to my team?", "Where else could savings come from?"}},
    {{"Hybrid working", "A team I rarely see", "Remote team", "Office or home"},
     {"My team works hybrid and we rarely meet in person",
      "Half my team is remote and half is in the office",
      "Since we moved to hybrid working, new starters feel isolated",
      "Remote meetings have replaced every informal conversation",
      "Hybrid working has split my team into two groups"},
     {"and collaboration suffers.", "and people feel disconnected.",
      "and I cannot see who is struggling.", "and trust is harder to build remotely.",
      "and the office days feel empty."},
     {"How do I keep a hybrid team connected?", "How do I build trust remotely?",
      "How do I make office days worth the journey?", "How do I include remote colleagues?"}},
    {{"What next in my career", "Stuck in my role", "Growing as a leader", "Finding a mentor"},
     {"I have been in the same role for six years", "I want to grow my career into leadership",
      "I am unsure what my next career step should be",
      "I would like a mentor outside my organisation",
      "My development has stalled since the reorganisation"},
     {"and promotion feels out of reach.", "and I lack a mentor to talk it through.",
      "while my confidence has dropped.", "and nobody asks about my development.",
      "and I am tempted to leave."},
     {"How do I find a mentor?", "How do I plan my career?",
      "How do I grow as a leader without a promotion?", "Should I stay or move on?"}},
};
#define TOPIC_COUNT (sizeof topics / sizeof topics[0])

/* Draws from core/rng's splitmix64 stream, as demo_cohort does, whose exact sequence the demo
 * challenges and surveys depend on. A number in [0, N). */
static size_t pick(uint64_t *s, size_t n)
{
    return (size_t)(rng_splitmix64(s) % n);
}

/* A uniform number in [0, 1). */
static double uniform(uint64_t *s)
{
    return (double)(rng_splitmix64(s) >> 11) / 9007199254740992.0;
}

int demo_challenges(size_t people, uint64_t seed, struct demo_challenge **out, size_t *count)
{
    *out = calloc(people ? people : 1, sizeof **out);
    *count = 0;
    if (!*out)
        return -1;
    uint64_t s = seed ^ 0x6368616c6c656e67ull; /* apart from demo_cohort's stream */
    for (size_t p = 0; p < people; p++) {
        if (uniform(&s) >= 0.7)
            continue;
        const struct topic *t = &topics[pick(&s, TOPIC_COUNT)];
        struct demo_challenge *c = &(*out)[*count];
        c->person = p;
        c->title = strdup(t->titles[pick(&s, 4)]);
        c->body = str_printf("%s %s %s", t->openings[pick(&s, 5)], t->details[pick(&s, 5)],
                             t->questions[pick(&s, 4)]);
        double v = uniform(&s);
        c->visibility = v < 0.6 ? CHALLENGE_COHORT : v < 0.85 ? CHALLENGE_SET : CHALLENGE_ONLY_ME;
        c->consent = uniform(&s) < 0.67;
        (*count)++;
        if (!c->title || !c->body) {
            demo_challenges_free(*out, *count);
            *out = NULL;
            *count = 0;
            return -1;
        }
    }
    return 0;
}

void demo_challenges_free(struct demo_challenge *list, size_t count)
{
    for (size_t i = 0; list && i < count; i++) {
        free(list[i].title);
        free(list[i].body);
    }
    free(list);
}

/* One answer for someone whose connectedness is C in [0, 1]: items where a higher answer means
 * more connected follow C, the others go against it; a little noise either way. */
static int answer(const struct instrument *ins, size_t item, double c, uint64_t *s)
{
    long sc = instrument_scale_index(ins, ins->items[item].scale);
    bool positive = sc >= 0 && ins->scales[sc].higher_is_better;
    if (ins->items[item].reversed)
        positive = !positive;
    double x = positive ? c : 1 - c;
    double span = ins->point_max - ins->point_min;
    double v = ins->point_min + x * span + (uniform(s) - 0.5) * 0.9;
    long r = lround(v);
    if (r < ins->point_min)
        r = ins->point_min;
    if (r > ins->point_max)
        r = ins->point_max;
    return (int)r;
}

int demo_survey(const struct instrument *ins, size_t people, uint64_t seed, int *start, int *end)
{
    uint64_t s = seed ^ 0x7375727665790000ull;
    for (size_t p = 0; p < people; p++) {
        int *a = &start[p * ins->nitems], *b = &end[p * ins->nitems];
        bool at_start = uniform(&s) < 0.75;
        bool at_end = at_start && uniform(&s) < 0.85;
        double c = 0.2 + 0.5 * uniform(&s);
        double later = c + 0.25 * uniform(&s) - 0.05; /* most people gain a little */
        if (later > 1)
            later = 1;
        for (size_t i = 0; i < ins->nitems; i++) {
            a[i] = at_start ? answer(ins, i, c, &s) : INSTRUMENT_NO_ANSWER;
            b[i] = at_end ? answer(ins, i, later, &s) : INSTRUMENT_NO_ANSWER;
        }
    }
    return 0;
}
