/* Cohort helpers shared by the import, the store and the engines' adapters. */
#include "model/cohort.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const cohort_known_attrs[] = {"organisation", "department", "location",
                                          "role",         "grade",      "gender"};
const size_t cohort_known_attr_count = sizeof cohort_known_attrs / sizeof cohort_known_attrs[0];

long cohort_attr_index(const struct cohort *c, const char *name)
{
    for (size_t i = 0; i < c->attr_count; i++) {
        if (strcmp(c->attrs[i], name) == 0)
            return (long)i;
    }
    return -1;
}

long cohort_find_email(const struct cohort *c, const char *email)
{
    for (size_t i = 0; i < c->count; i++) {
        if (strcasecmp(c->people[i].email, email) == 0)
            return (long)i;
    }
    return -1;
}

void cohort_free(struct cohort *c)
{
    for (size_t i = 0; i < c->count; i++) {
        struct cohort_person *p = &c->people[i];
        free(p->email);
        free(p->name);
        free(p->manager_email);
        if (p->values) {
            for (size_t k = 0; k < c->attr_count; k++)
                free(p->values[k]);
            free(p->values);
        }
    }
    free(c->people);
    for (size_t k = 0; k < c->attr_count; k++)
        free(c->attrs[k]);
    free(c->attrs);
    memset(c, 0, sizeof *c);
}
