/* The small CSV files that steer a rounds plan: keep-apart and keep-together pairs, absences,
 * earlier groups (history) and locked rounds. One record per line, fields separated by commas,
 * blank lines and lines starting with '#' ignored, an optional header whose first field is
 * "email". People are named by email (case-insensitive) or, for --people N, by index 0..N-1.
 *
 *   apart / together:  alice@x.org,bob@x.org            (exactly two people)
 *   absent:            alice@x.org,2                     (person, round 1..W)
 *   history:           alice@x.org,bob@x.org[,carol@x.org...]  (an earlier group: all pairs met)
 *   lock:              alice@x.org,Alice,1,3             (the --csv output: email,name,round,table)
 */
#ifndef SETWORK_IO_IMPORT_ROUNDS_FILES_H
#define SETWORK_IO_IMPORT_ROUNDS_FILES_H

#include "core/diag.h"
#include "model/cohort.h"

#include <stddef.h>

#define ROUNDS_FILE_MAX_BYTES  (16 * 1024 * 1024)
#define ROUNDS_FILE_MAX_FIELDS 64

/* Who the names in a file can be: the people of COHORT, or (COHORT NULL) indices 0..PEOPLE-1. */
struct rounds_names {
    const struct cohort *cohort;
    int people;
};

/* Reads pairs (two people per line) into *PAIRS (caller frees; {a0,b0,a1,b1,...}) and *COUNT.
 * Returns 0; 1 when problems were added to DIAGS; -1 when out of memory. */
int rounds_read_pairs(const char *path, const struct rounds_names *names, int **pairs,
                      size_t *count, struct diag_list *diags);

/* Reads earlier groups (two or more people per line) as every pair of each group. Returns as
 * rounds_read_pairs. */
int rounds_read_history(const char *path, const struct rounds_names *names, int **pairs,
                        size_t *count, struct diag_list *diags);

/* Marks absences in ABSENT (rounds*people flags, already allocated). Returns as above. */
int rounds_read_absent(const char *path, const struct rounds_names *names, int rounds,
                       unsigned char *absent, struct diag_list *diags);

/* Reads rounds already played from a --csv file: rounds 1..K (K the highest round in the file)
 * become locked; people without a table in a locked round are absent from it. Fills *LOCKED
 * (K*people table numbers from 0, -1 absent; caller frees) and *LOCKED_ROUNDS. */
int rounds_read_locked(const char *path, const struct rounds_names *names, int rounds, int **locked,
                       int *locked_rounds, struct diag_list *diags);

#endif
