/* A programme's lifecycle (draft, sets published, running, finished): what each state allows,
 * in the words the programme page, the API and `setwork programmes` use. The state itself is a
 * fact of the store (store_programmes.h). */
#ifndef SETWORK_APP_PLANS_PROGRAMME_STATE_H
#define SETWORK_APP_PLANS_PROGRAMME_STATE_H

/* What STATE ("draft", "sets published", "running", "finished") allows, as a sentence (static
 * storage); an unknown state gets a sentence saying so. */
const char *programme_state_allows(const char *state);

#endif
