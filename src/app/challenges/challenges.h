/* Shared challenges as a service for the CLI and the web app: finding themes across a
 * programme's cohort-visible challenges, an admin's rename, merge and split, and what each viewer
 * may see. Joins the store (src/store/store_challenges.h) to the engines (engine/themes/); every
 * visibility decision goes through engine/themes/privacy.h. */
#ifndef SETWORK_APP_CHALLENGES_CHALLENGES_H
#define SETWORK_APP_CHALLENGES_CHALLENGES_H

#include "store/db.h"
#include "store/store_challenges.h"
#include "store/store_programmes.h"

#include <jansson.h>

/* Finds the themes of the programme again from its cohort-visible challenges, replacing the
 * stored ones in one transaction. An admin's label is kept for a new theme that shares at least
 * half of its members (Jaccard >= 0.5) with the renamed old one. A theme an admin merged or
 * split (pinned) is kept: its members still shared with the cohort stay, a challenge in no new
 * theme joins it when it is as close to one of its members as the threshold asks, and the rest is
 * clustered. Returns 0 and, when SUMMARY is not NULL, the admin view (challenge_themes_json) in
 * *SUMMARY; -1 with a message in *ERR (caller frees). */
int challenge_themes_discover(struct db *db, long long programme_id, const struct theme_settings *s,
                              json_t **summary, char **err);

/* Gives theme ID a label chosen by an admin (1 to CHALLENGE_MAX_TITLE bytes). 0, 1 when the
 * programme has no such theme or the label is empty (message in *ERR), -1 on error. */
int challenge_theme_rename(struct db *db, long long programme_id, long long id, const char *label,
                           char **err);

/* Moves the members of theme FROM into INTO and deletes FROM; INTO's generated label is
 * recomputed (an admin's label is kept). 0, 1 when a theme is missing or they are the same, -1. */
int challenge_theme_merge(struct db *db, long long programme_id, long long into, long long from,
                          const struct theme_settings *s, char **err);

/* Merges every theme in FROM (NFROM ids, none twice, none INTO) into INTO in one transaction:
 * checked whole before anything is written. INTO is pinned, so that themes found again later
 * keep it together. 0, 1 with a sentence in *ERR when a theme is missing or chosen wrongly, -1. */
int challenge_theme_merge_many(struct db *db, long long programme_id, long long into,
                               const long long *from, size_t nfrom, const struct theme_settings *s,
                               char **err);

/* Moves the challenges CHOSEN (NCHOSEN ids, all members of theme ID, not all of them) into a new
 * theme whose id goes to *NEW; both are pinned and get generated labels (theme ID keeps an
 * admin's label). 0, 1 with a sentence in *ERR, -1 on error. */
int challenge_theme_split_chosen(struct db *db, long long programme_id, long long id,
                                 const long long *chosen, size_t nchosen,
                                 const struct theme_settings *s, long long *out_new, char **err);

/* Re-clusters the members of theme ID into two themes, each with a generated label; the new ids
 * go to *A and *B. 0, 1 when the theme is missing or has fewer than two members, -1 on error. */
int challenge_theme_split(struct db *db, long long programme_id, long long id,
                          const struct theme_settings *s, long long *a, long long *b, char **err);

/* The admin's and the report's view of the themes, largest first: every theme as {"id",
 * "people","challenges","shown"}, with "label", "auto_label" and "renamed" for themes that may
 * be shown (at least s->min_people people) or when ADMIN is true (an admin needs the words of a
 * small theme to merge it; its words come from texts whose authors may not have consented, so
 * nobody else gets them), and "excerpts" from consenting authors for shown themes only. Never a
 * name. NULL on error. */
json_t *challenge_themes_json(struct db *db, long long programme_id, const struct theme_settings *s,
                              bool admin);

/* The members of theme THEME_ID still shared with the cohort, as an admin may see them to split
 * it: [{"id", "excerpt"}], the excerpt only when the theme may be shown and the author agreed
 * (privacy.h, VIEWER_COHORT); never a name or a title. An empty array when there is no such
 * theme; NULL on error. */
json_t *challenge_theme_members_json(struct db *db, long long programme_id, long long theme_id,
                                     const struct theme_settings *s);

/* What PERSON_ID sees: {"own": [their challenges in full, each with "theme": {"label",
 * "others", "excerpts"} when it is in a theme that may be shown], "set": [challenges of set-mates
 * shared with the set or the cohort, with names]}. NULL on error or when PERSON_ID is not a
 * member (*ERR says which; caller frees). */
json_t *challenge_view_json(struct db *db, long long programme_id, long long person_id,
                            const struct theme_settings *s, char **err);

/* Saves a challenge PERSON_ID writes (the web form's path): checks membership, a title of 1 to
 * CHALLENGE_MAX_TITLE bytes, a body of at most CHALLENGE_MAX_BODY bytes, both valid UTF-8, then
 * creates or updates it by title. A challenge no longer shared with the cohort leaves its theme at
 * once. Returns 0 and *ID, 1 with a sentence for the user in *ERR (caller frees), -1 on a
 * database error (message in *ERR). */
int challenge_save(struct db *db, long long programme_id, long long person_id, const char *title,
                   const char *body, enum challenge_visibility v, bool consent, long long *id,
                   char **err);

/* The text a challenge is clustered on: title, then body. Caller frees; NULL when out of memory. */
char *challenge_text(const struct challenge *c);

#endif
