/* What each lifecycle state of a programme allows (programme_state.h). */
#include "app/plans/programme_state.h"

#include <string.h>

const char *programme_state_allows(const char *state)
{
    static const struct {
        const char *state, *allows;
    } table[] = {
        {"draft", "Form sets, move people and re-optimise freely: nobody sees a plan until it "
                  "is published."},
        {"sets published", "Members see their sets. Moving someone, re-optimising or publishing "
                           "another plan asks for confirmation first and tells everyone "
                           "affected."},
        {"running", "Sets have met. Changes ask for confirmation; re-optimising keeps the members "
                    "of sets that have met; someone moved in never sees what was said before "
                    "they joined."},
        {"finished", "Every meeting is held or the end date has passed. The records stay; "
                     "changes still ask for confirmation."},
    };
    for (size_t i = 0; state && i < sizeof table / sizeof table[0]; i++)
        if (strcmp(state, table[i].state) == 0)
            return table[i].allows;
    return "This state is unknown to this version of setwork.";
}
