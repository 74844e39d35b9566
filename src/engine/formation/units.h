/* Internal to the formation engine: keep-together people merged into units, which the search
 * moves as one item with a weight (its head count). */
#ifndef SETWORK_ENGINE_FORMATION_UNITS_H
#define SETWORK_ENGINE_FORMATION_UNITS_H

#include "engine/formation/formation.h"

struct form_units {
    int count;    /* units */
    int *unit_of; /* n: the unit of each person */
    int *start;   /* count+1: members of unit u are member[start[u] .. start[u+1]) */
    int *member;  /* n person indices grouped by unit */
    int *weight;  /* count: head count */
    int *pin;     /* count: the set the unit is pinned to, -1 none, -2 two different pins */
};

/* Builds units from P's keep-together pairs and pins. Returns 0 or -1 out of memory. */
int form_units_build(const struct form_problem *p, struct form_units *u);
void form_units_free(struct form_units *u);

/* Appends person I's label (or "person I+1") to SB. */
void form_put_person(struct strbuf *sb, const struct form_problem *p, int i);
/* Appends set G's label (or "set G+1") to SB. */
void form_put_group(struct strbuf *sb, const struct form_problem *p, int g);

#endif
