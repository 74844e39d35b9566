/* Problems found in user input, collected so that every one is reported, not just the first.
 * Each names where it is (file, line, field) and says what to do. */
#ifndef SETWORK_CORE_DIAG_H
#define SETWORK_CORE_DIAG_H

#include <jansson.h>
#include <stdio.h>

struct diag {
    char *file;    /* file or source name; may be NULL */
    long line;     /* 1-based line; 0 when the problem is not on one line */
    char *field;   /* column or field name; may be NULL */
    char *message; /* complete sentence: what is wrong and what to do */
};

struct diag_list {
    struct diag *items;
    size_t count;
    size_t cap;
    size_t
        limit; /* stop storing after this many (0: DIAG_DEFAULT_LIMIT); `dropped` counts the rest */
    size_t dropped;
};

/* A file with a million bad rows should not print a million lines. */
#define DIAG_DEFAULT_LIMIT 1000

/* Adds a problem. Strings are copied. Returns 0, or -1 when out of memory. */
int diag_add(struct diag_list *list, const char *file, long line, const char *field,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Prints each problem as `file:line: column 'field': message` on OUT. */
void diag_print(const struct diag_list *list, FILE *out);

/* Returns a new JSON array of {"file","line","field","message"} objects (caller owns it). */
json_t *diag_to_json(const struct diag_list *list);

/* Sorts problems by line so that reports read top to bottom (stable for equal lines). */
void diag_sort(struct diag_list *list);

void diag_list_free(struct diag_list *list);

#endif
