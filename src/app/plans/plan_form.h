/* What the form page for forming sets offers and how it reads back: the cohort's attributes with
 * their weights (the programme's own by default), the people by name (namesakes told apart, never
 * by email), the rules declared so far; and the rules chosen by name, stored for the programme.
 * The sets themselves are then formed through plan_form (plan_service.h), as the API and
 * `setwork form --programme` do. */
#ifndef SETWORK_APP_PLANS_PLAN_FORM_H
#define SETWORK_APP_PLANS_PLAN_FORM_H

#include "core/status.h"
#include "core/strbuf.h"
#include "store/db.h"

#include <stddef.h>

/* The most rows of each kind of rule (keep apart, keep together, pins) the form takes. */
#define PLAN_FORM_MAX_RULES 100

/* One person as the form names them. LABEL is their name, with their department (or a number)
 * added when two people share a name, so that a name picks one person. Strings owned. */
struct plan_form_person {
    long long id;
    char *label, *email;
};

/* A rule the programme has: people as indices into plan_form_choices.people. */
struct plan_form_rule {
    char kind;      /* 'a' apart, 't' together, 'p' pin */
    int a, b;       /* b: -1 for a pin */
    char *set_name; /* pins only */
};

/* What the form offers. Everything owned (plan_form_choices_free). */
struct plan_form_choices {
    char **attrs; /* the cohort's columns */
    double *weights;
    size_t attr_count;
    double w_new, w_similar;
    struct plan_form_person *people;
    size_t people_count;
    struct plan_form_rule *rules;
    size_t rule_count;
};

/* Loads the choices for PROGRAMME_ID: STATUS_OK, STATUS_FAILED with ERR. Free OUT in any case. */
enum status plan_form_choices_load(struct db *db, long long programme_id,
                                   struct plan_form_choices *out, struct strbuf *err);
void plan_form_choices_free(struct plan_form_choices *c);

/* The person TEXT names (a label, a name only one person has, or an email; case and spaces
 * around ignored): their index, or -1 when nobody (or more than one person) matches. */
long plan_form_person_find(const struct plan_form_choices *c, const char *text);

/* Replaces the programme's keep-apart, keep-together and pin rules with RULES (people as
 * indices into C->people), in one transaction. STATUS_OK or STATUS_FAILED. */
enum status plan_form_rules_store(struct db *db, long long programme_id,
                                  const struct plan_form_choices *c,
                                  const struct plan_form_rule *rules, size_t count);

#endif
