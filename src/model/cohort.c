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

static int by_email_then_position(const void *a, const void *b)
{
    const struct cohort_index_entry *x = a, *y = b;
    int c = strcmp(x->email, y->email);
    if (c)
        return c;
    return (x->person > y->person) - (x->person < y->person);
}

int cohort_index_build(const struct cohort *c, struct cohort_index *out)
{
    out->count = c->count;
    out->entries = calloc(c->count ? c->count : 1, sizeof *out->entries);
    if (!out->entries)
        return -1;
    for (size_t i = 0; i < c->count; i++) {
        out->entries[i].email = c->people[i].email;
        out->entries[i].person = i;
    }
    qsort(out->entries, out->count, sizeof *out->entries, by_email_then_position);
    return 0;
}

long cohort_index_find(const struct cohort_index *idx, const char *email)
{
    size_t lo = 0, hi = idx->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(idx->entries[mid].email, email) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* lo is the first entry not below EMAIL: with duplicates, the earliest person. */
    if (lo < idx->count && strcmp(idx->entries[lo].email, email) == 0)
        return (long)idx->entries[lo].person;
    return -1;
}

void cohort_index_free(struct cohort_index *idx)
{
    free(idx->entries);
    idx->entries = NULL;
    idx->count = 0;
}
