/* Network survey answers from CSV (from_email,to_email,relation[,strength]): every problem
 * found with its line, then storing a clean file in one transaction. */
#ifndef SETWORK_APP_NETWORK_NETWORK_TIES_H
#define SETWORK_APP_NETWORK_NETWORK_TIES_H

#include "core/diag.h"
#include "model/cohort.h"
#include "store/db.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Limits on a tie file, each reported by name when exceeded. */
#define TIES_MAX_RELATIONS    50  /* distinct relations in one file */
#define TIES_RELATION_MAX_LEN 100 /* bytes */
#define TIES_STRENGTH_MAX     100.0
/* tie_row.to of a row with an empty to_email: "I know nobody here". */
#define TIES_NOBODY (-1)

/* A validated file: ties between people of the programme (indices into the cohort it was
 * checked against), relations named by index into `relations`. */
struct tie_file {
    size_t count;
    struct tie_row {
        int from;
        int to;          /* TIES_NOBODY: the respondent named nobody */
        int relation;    /* -1 on a nobody row with an empty relation: under any relation */
        double strength; /* NAN when blank */
        long line;
    } * rows;
    size_t relation_count;
    char **relations; /* as first written in the file */
};

/* Parses DATA (NAME in messages) against MEMBERS, the programme's people (PROGRAMME names it in
 * messages). A row with an empty to_email (and an empty strength) is the answer "I know nobody
 * here": the respondent answered, named nobody (under its relation, or under any when that is
 * empty too), and counts as a respondent. Reports: a nobody row beside ties of the same
 * respondent and relation, missing columns, blank or unknown emails (not a member), self-ties,
 * blank or over-long relations, strengths that are not numbers from 0 to TIES_STRENGTH_MAX,
 * rows repeating an earlier (from, to, relation), and the limits above. Returns 0 and fills
 * OUT, 1 when problems were added to DIAGS (OUT empty), -1 when out of memory. */
int tie_file_parse(const char *name, const char *data, size_t len, const struct cohort *members,
                   const char *programme, struct tie_file *out, struct diag_list *diags);
/* Reads PATH and parses it as tie_file_parse does; an unreadable file is a problem (1). */
int tie_file_read(const char *path, const struct cohort *members, const char *programme,
                  struct tie_file *out, struct diag_list *diags);
void tie_file_free(struct tie_file *f);

struct tie_import_report {
    bool wave_created;
    size_t ties;        /* ties stored (rows naming someone) */
    size_t nobody;      /* respondents who named nobody */
    size_t respondents; /* distinct people in from_email */
    size_t replaced;    /* earlier ties of those respondents (same wave and relation) removed */
    size_t relation_count;
};

/* Stores F in wave WAVE of programme PROGRAMME_ID (MEMBERS as given to tie_file_parse): the
 * respondents' earlier answers in this wave for the file's relations are replaced, each is
 * recorded as having answered. One transaction; nothing is written on DRY_RUN or failure.
 * Returns 0 and fills REPORT, or -1 with the database's message in *ERR (caller frees). */
int tie_file_import(struct db *db, long long programme_id, const char *wave,
                    const struct cohort *members, const struct tie_file *f, bool dry_run,
                    struct tie_import_report *report, char **err);

#endif
