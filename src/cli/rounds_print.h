/* Printing a rounds schedule for people on the day: the rounds, itineraries, table cards, CSV
 * and JSON. Used by cmd_rounds.c only. */
#ifndef SETWORK_CLI_ROUNDS_PRINT_H
#define SETWORK_CLI_ROUNDS_PRINT_H

#include "engine/rounds/rounds.h"
#include "model/cohort.h"

#include <jansson.h>
#include <stdio.h>

/* COHORT may be NULL: people are then shown as their numbers 0..n-1. */
void rounds_print_tables(FILE *out, const struct rounds_result *res, const struct cohort *cohort);
void rounds_print_itinerary(FILE *out, const struct rounds_result *res,
                            const struct cohort *cohort);
void rounds_print_cards(FILE *out, const struct rounds_result *res, const struct cohort *cohort);
/* MIX: the first --mix column, or NULL. */
void rounds_print_summary(FILE *out, const struct rounds_result *res, const char *mix);
/* Writes email,name,round,table rows (table empty when absent). Returns 0 or -1 (errno set). */
int rounds_write_csv(const char *path, const struct rounds_result *res,
                     const struct cohort *cohort);
/* The --json object; caller owns it. NULL when out of memory. */
json_t *rounds_to_json(const struct rounds_result *res, const struct cohort *cohort);

#endif
