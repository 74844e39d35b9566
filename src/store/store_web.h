/* What the web pages and the JSON API read, with who-may-see-what built into each query: the
 * object-level half of authorisation (web/routes.c holds the route-level half). Results are
 * jansson values so that a page renders them and the API returns them unchanged. */
#ifndef SETWORK_STORE_STORE_WEB_H
#define SETWORK_STORE_STORE_WEB_H

#include "store/db.h"
#include "store/store_accounts.h"

#include <jansson.h>
#include <stdbool.h>

/* Programmes USER may see (admins: all; others: those they are a member of or facilitate a set
 * in) as [{id,name,description,starts_on,ends_on,set_size_min,set_size_max,members,sets,state}],
 * state one of "draft", "sets formed", "running", "finished". New reference; NULL on error. */
json_t *store_web_programmes(struct db *db, const struct user *user);

/* Programme ID as the object above when USER may see it: 0 and *OUT, 1 not visible or absent,
 * -1 on error. */
int store_web_programme(struct db *db, const struct user *user, long long id, json_t **out);

/* Creates a programme: 0 and *ID, 1 when the name is taken, -1 on error. */
int store_web_programme_create(struct db *db, const char *name, const char *description,
                               const char *starts_on, const char *ends_on, long long *id);

/* Updates programme ID (set sizes SIZE_MIN..SIZE_MAX people): 0, 1 when the name is taken by
 * another programme (or ID is absent), -1 on error. */
int store_web_programme_update(struct db *db, long long id, const char *name,
                               const char *description, const char *starts_on, const char *ends_on,
                               long size_min, long size_max);

/* Members of programme ID matching Q (in name or email, case-insensitive; NULL or "" for all)
 * and, when ATTR is set, with attribute ATTR equal to VALUE; at most LIMIT rows, by name, as
 * [{id,name,organisation,department,email?}]; email only when WITH_EMAIL. NULL on error. */
json_t *store_web_people(struct db *db, long long programme_id, const char *q, const char *attr,
                         const char *value, bool with_email, long limit);

/* The attribute names used in programme ID (for the filter), as ["department",...]. */
json_t *store_web_attr_names(struct db *db, long long programme_id);

/* Person ID when USER may see them (admins: anyone; others: themselves, their set mates in
 * published plans, the members of sets they facilitate) as {id,name,organisation,attributes:{},
 * email?}; email only for admins and the person themselves. 0, 1 not visible, -1 error. */
int store_web_person(struct db *db, const struct user *user, long long id, json_t **out);

/* USER's sets: those they are a member of in published plans and those they facilitate, as
 * [{id,name,programme,programme_id,plan,facilitator,members,role}]. NULL on error. */
json_t *store_web_my_sets(struct db *db, const struct user *user);

/* Set ID with its members when USER may see it (admins; its facilitator; its members once the
 * plan is published) as {id,name,programme,programme_id,plan,status,facilitator,members:[{id,
 * name,organisation,department,email?}]}; emails only for admins. 0, 1 not visible, -1. */
int store_web_set(struct db *db, const struct user *user, long long id, json_t **out);

/* The sets of the newest plan of programme ID with their members (admins only; the route
 * checks): {plan,status,sets:[{id,name,facilitator,members:[{name,email,organisation,
 * department}]}]} or a null plan when there is none. 0, -1 on error. */
int store_web_programme_sets(struct db *db, long long programme_id, json_t **out);

/* Stores the programme's default set formation weights ("organisation=3,department=2,..."; ""
 * for the engine's defaults). 0 or -1. */
int store_web_programme_weights(struct db *db, long long id, const char *weights);

#endif
