/* Storing a validated cohort in a programme: all or nothing, idempotent, and a report of what
 * changed. Checks what only the store can tell: managers who are in setwork but not in the file,
 * and management cycles that run through people already stored. */
#ifndef SETWORK_APP_PEOPLE_COHORT_IMPORT_H
#define SETWORK_APP_PEOPLE_COHORT_IMPORT_H

#include "core/diag.h"
#include "model/cohort.h"
#include "store/db.h"

#include <jansson.h>
#include <stdbool.h>

struct import_options {
    const char *programme; /* created when it does not exist */
    const char *source;    /* file name for messages */
    bool dry_run;          /* check and report, write nothing */
    bool prune;            /* remove programme members who are not in the file */
    const char *expect;    /* NULL, or the digest of a preview: commit only if it is the same */
};

/* The digest of an import's changes as text: SHA-256 in lower-case hex. */
#define IMPORT_DIGEST_SIZE 65

struct import_report {
    bool programme_created;
    size_t people;  /* rows in the file */
    size_t created; /* new people */
    size_t updated; /* existing people with any change */
    size_t unchanged;
    size_t joined;       /* added to the programme */
    json_t *changes;     /* [{"email","field","from","to"}] for updated people */
    json_t *not_in_file; /* emails of members who are not in the file */
    bool pruned;         /* not_in_file were removed */
    json_t *added;       /* [{"email","name","new"}] for people who join the programme */
    char digest[IMPORT_DIGEST_SIZE]; /* of everything above: equal digests, equal changes */
};

/* Imports C into the programme in one transaction. Returns 0 on success (or a clean dry run),
 * 1 when problems were added to DIAGS and nothing was written, -1 on a database error (message
 * in DIAGS), 2 when OPT->expect is set and the changes are not the ones previewed (nothing was
 * written; REPORT holds the changes as they would be now). REPORT is filled on 0 and 2; free it
 * with import_report_free in every case. */
int cohort_import(struct db *db, const struct cohort *c, const struct import_options *opt,
                  struct import_report *report, struct diag_list *diags);

void import_report_free(struct import_report *r);

/* The report as a JSON object (new reference). */
json_t *import_report_json(const struct import_report *r, const struct import_options *opt);

#endif
