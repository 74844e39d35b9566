/* What the web pages and the JSON API show of the store's programmes, people, sets, accounts,
 * events and survey answers, as
 * jansson values: the store answers with structs (who may see what is built into its queries)
 * and these shape them, so that a page renders the same object the API returns (and the
 * command line prints it with --json). */
#ifndef SETWORK_WEB_HTTP_VIEWS_H
#define SETWORK_WEB_HTTP_VIEWS_H

#include "store/db.h"
#include "store/store_accounts.h"

#include <jansson.h>
#include <stdbool.h>

/* Programmes USER may see as [{id,name,description,starts_on,ends_on,set_size_min,
 * set_size_max,weights,members,sets,state}], state one of "draft", "sets formed", "running",
 * "finished". New reference; NULL on error. */
json_t *view_programmes(struct db *db, const struct user *user);

/* Programme ID as the object above when USER may see it: 0 and *OUT (new reference), 1 not
 * visible or absent, -1 on error. */
int view_programme(struct db *db, const struct user *user, long long id, json_t **out);

/* Members of programme ID as store_people_search finds them, as [{id,name,organisation,
 * department,email?}]; email only when WITH_EMAIL. New reference; NULL on error. */
json_t *view_people(struct db *db, long long programme_id, const char *q, const char *attr,
                    const char *value, bool with_email, long limit);

/* The attribute names for the filter: ["organisation", then those used in programme ID]. New
 * reference (only "organisation" when the store fails). */
json_t *view_attr_names(struct db *db, long long programme_id);

/* Person ID when USER may see them as {id,name,organisation,department,email?,attributes:{}};
 * email only for admins and the person themselves, and only the attributes that
 * person_field_visible (engine/people) lets the viewer see. 0 and *OUT (new reference), 1 not
 * visible, -1 error. */
int view_person(struct db *db, const struct user *user, long long id, json_t **out);

/* USER's sets as [{id,name,programme,programme_id,plan,status,facilitator,members,role}]. New
 * reference; NULL on error. */
json_t *view_my_sets(struct db *db, const struct user *user);

/* Set ID with its members when USER may see it as {id,name,programme,programme_id,plan,status,
 * facilitator,members:[{id,name,organisation,department,email?}]}; emails only for admins. 0
 * and *OUT (new reference), 1 not visible, -1. */
int view_set(struct db *db, const struct user *user, long long id, json_t **out);

/* The sets of the newest plan of programme ID with their members (admins only; the route
 * checks): {plan,status,sets:[{id,name,facilitator,members:[{id,name,organisation,department,
 * email}]}]} or a null plan and status when there is none. 0 and *OUT (new reference), -1. */
int view_programme_sets(struct db *db, long long programme_id, json_t **out);

/* Every account as [{id,email,role,name,has_password}]. New reference; NULL on error. */
json_t *view_users(struct db *db);

/* USER_ID's API tokens as [{id,name,created_at,last_used}]. New reference; NULL on error. */
json_t *view_tokens(struct db *db, long long user_id);

/* The events of programme ID as [{id,name,group_size,rounds,generated,locked_rounds,
 * min_group_size,starts_at (UTC or null),tz,round_minutes,place}]: 0 and *OUT (new reference),
 * -1 on error. */
int view_events(struct db *db, long long programme_id, json_t **out);

/* One person's own survey answers in programme ID, for them alone, as
 * [{wave,item,text,value,label}] (label the instrument's words for the value, absent when it has
 * none). New reference; NULL on error. */
json_t *view_survey_answers(struct db *db, long long programme_id, long long person_id);

#endif
