/* Check-ins, actions and reviews for the demo meetings (demo_meetings.h). */
#include "app/demo/demo_meetings.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const checkins[] = {
    "A busy week, glad to stop and think for a while",
    "Tired after a long drive, but curious",
    "Good: the restructure finally has a date",
    "Distracted by a deadline tomorrow; I will put it aside",
    "Energised after a good conversation with my team",
    "A bit anxious about bringing my issue today",
    "Calm. The holiday helped",
};

static const char *const actions[] = {
    "Ask my manager for thirty minutes to talk about the workload, and bring two options",
    "Write down what I actually want from the new role before the interview",
    "Have the conversation with Sam about the missed deadlines, face to face",
    "Map who has to agree to the budget change and talk to the two I have not met",
    "Try one meeting a week with cameras off and notice what changes",
    "Block two mornings for the strategy paper and tell the team why",
};

static const struct {
    const char *helped, *learned;
} reviews[] = {
    {"The silence after the first question: I had time to think",
     "Short open questions got further than my long clever ones"},
    {"Hearing the same issue from three sides",
     "When I wanted to give advice, asking 'what have you tried?' worked better"},
    {"The timer kept us honest about airtime",
     "I ask closed questions when I am nervous; I noticed it today"},
    {"Being asked what I would do if I could not fail",
     "A question about feelings opened more than one about facts"},
};

const char *demo_checkin_line(size_t i)
{
    return checkins[i % COUNT(checkins)];
}

const char *demo_action(size_t i)
{
    return actions[i % COUNT(actions)];
}

void demo_review(size_t i, const char **helped, const char **learned_questioning)
{
    *helped = reviews[i % COUNT(reviews)].helped;
    *learned_questioning = reviews[i % COUNT(reviews)].learned;
}
