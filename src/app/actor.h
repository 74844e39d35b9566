/* Who asks: every use case in src/app/ takes the actor, never a web request, so that the command
 * line, the web pages and the API are answered by the same rules. */
#ifndef SETWORK_APP_ACTOR_H
#define SETWORK_APP_ACTOR_H

#include "store/store_accounts.h"

struct actor {
    long long account_id; /* 0: not an account (the command line acts as the operator) */
    long long person_id;  /* 0: the account is not a person of the cohort */
    enum user_role role;  /* ROLE_ADMIN for the command line's operator */
};

/* The command line's operator: whoever may run setwork on the database acts as an admin. */
static inline struct actor actor_operator(void)
{
    return (struct actor){0, 0, ROLE_ADMIN};
}

#endif
