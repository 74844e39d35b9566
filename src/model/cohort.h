/* A cohort in memory: people with their attributes and line managers, as read from a CSV file
 * or loaded from the store. The engines take their inputs from this shape (through arrays). */
#ifndef SETWORK_MODEL_COHORT_H
#define SETWORK_MODEL_COHORT_H

#include <stddef.h>

/* One person. Strings are owned by the cohort. */
struct cohort_person {
    char *email; /* lower-cased, unique in the cohort */
    char *name;
    char *manager_email; /* NULL when none */
    long manager;        /* index into cohort.people of the manager, or -1 (none, or outside) */
    char **values;       /* one per cohort.attrs entry; "" when blank, never NULL */
    long line;           /* line in the source file, 0 when loaded from the store */
    long long id;        /* people.id in the store, 0 when read from a file */
};

/* Attribute columns in a fixed order: first the known ones that are present (organisation,
 * department, location, role, grade, gender), then custom columns in file order. */
struct cohort {
    size_t count;
    struct cohort_person *people;
    size_t attr_count;
    char **attrs;           /* attribute names, lower-case */
    int has_manager_column; /* the source says who manages whom (a file may not) */
};

/* The attribute columns setwork knows by name, in this order. */
extern const char *const cohort_known_attrs[];
extern const size_t cohort_known_attr_count;

/* Index of attribute NAME, or -1. */
long cohort_attr_index(const struct cohort *c, const char *name);

/* Index of the person with EMAIL (case-insensitive), or -1. Linear; see cohort_index for many. */
long cohort_find_email(const struct cohort *c, const char *email);

/* Email look-up for large cohorts: the people's emails sorted, with their indices. */
struct cohort_index {
    size_t count;
    struct cohort_index_entry {
        const char *email; /* points into the cohort */
        size_t person;
    } * entries;
};

/* Builds an index of C's emails (C must outlive it). Returns 0 or -1 (out of memory). */
int cohort_index_build(const struct cohort *c, struct cohort_index *out);
/* Index of the first person with EMAIL (exact, lower-case), or -1. O(log n). */
long cohort_index_find(const struct cohort_index *idx, const char *email);
void cohort_index_free(struct cohort_index *idx);

/* Frees everything the cohort owns (not the struct itself) and zeroes it. */
void cohort_free(struct cohort *c);

#endif
