/* What admins, reports and participants see of challenges and themes. Every decision about
 * who sees what is a call into engine/themes/privacy.h. */
#include "app/challenges/challenges.h"

#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>

/* The programme's themes and cohort-visible challenges, loaded once per view. */
struct theme_data {
    struct theme_row *themes;
    size_t nthemes;
    struct challenge *cohort;
    size_t ncohort;
};

static void theme_data_free(struct theme_data *d)
{
    theme_rows_free(d->themes, d->nthemes);
    challenges_free(d->cohort, d->ncohort);
    memset(d, 0, sizeof *d);
}

static int theme_data_load(struct db *db, long long programme_id, struct theme_data *d)
{
    memset(d, 0, sizeof *d);
    if (store_themes_list(db, programme_id, &d->themes, &d->nthemes) != 0 ||
        store_challenges_list(db, programme_id, 0, true, &d->cohort, &d->ncohort) != 0) {
        theme_data_free(d);
        return -1;
    }
    return 0;
}

static const struct challenge *find_challenge(const struct theme_data *d, long long id)
{
    for (size_t i = 0; i < d->ncohort; i++) {
        if (d->cohort[i].id == id)
            return &d->cohort[i];
    }
    return NULL;
}

/* The privacy view of THEME for VIEWER (0: an admin or a report). Only members still shared
 * with the cohort count: a challenge made private since the themes were found drops out. */
static int view_of(const struct theme_data *d, const struct theme_row *t, long long viewer,
                   size_t min_people, struct privacy_theme_view *v, size_t *people,
                   size_t *challenges)
{
    struct privacy_member *m = calloc(t->count ? t->count : 1, sizeof *m);
    if (!m)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < t->count; i++) {
        const struct challenge *c = find_challenge(d, t->challenges[i]);
        if (!c || !privacy_enters_themes(c->visibility))
            continue;
        m[n++] = (struct privacy_member){c->person_id, c->consent, c->body[0] ? c->body : c->title};
    }
    *people = privacy_distinct_people(m, n);
    *challenges = n;
    int rc = privacy_theme_view(m, n, viewer, min_people, v);
    free(m);
    return rc;
}

static json_t *excerpts_json(const struct privacy_theme_view *v)
{
    json_t *a = json_array();
    for (size_t i = 0; i < v->nexcerpts; i++)
        json_array_append_new(a, json_string(v->excerpts[i]));
    return a;
}

json_t *challenge_themes_json(struct db *db, long long programme_id, const struct theme_settings *s,
                              bool admin)
{
    struct theme_data d;
    if (theme_data_load(db, programme_id, &d) != 0)
        return NULL;
    json_t *list = json_array();
    for (size_t i = 0; i < d.nthemes; i++) {
        const struct theme_row *t = &d.themes[i];
        struct privacy_theme_view v;
        size_t people, challenges;
        if (view_of(&d, t, 0, (size_t)s->min_people, &v, &people, &challenges) != 0) {
            json_decref(list);
            list = NULL;
            break;
        }
        json_t *o =
            json_pack("{s:I, s:I, s:I, s:b}", "id", (json_int_t)t->id, "people", (json_int_t)people,
                      "challenges", (json_int_t)challenges, "shown", v.shown);
        if (v.shown || admin) {
            json_object_set_new(o, "label", json_string(t->label));
            json_object_set_new(o, "auto_label", json_string(t->auto_label));
            json_object_set_new(o, "renamed", json_boolean(t->renamed));
            json_object_set_new(o, "pinned", json_boolean(t->pinned));
        }
        if (v.shown)
            json_object_set_new(o, "excerpts", excerpts_json(&v));
        json_array_append_new(list, o);
        privacy_theme_view_free(&v);
    }
    /* Largest first, so the list reads like the report. */
    size_t n = list ? json_array_size(list) : 0;
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0; j--) {
            json_t *a = json_array_get(list, j - 1), *b = json_array_get(list, j);
            if (json_integer_value(json_object_get(a, "people")) >=
                json_integer_value(json_object_get(b, "people")))
                break;
            json_incref(a);
            json_array_set(list, j - 1, b);
            json_array_set_new(list, j, a);
        }
    }
    theme_data_free(&d);
    return list;
}

static json_t *own_json(const struct theme_data *d, const struct challenge *c, long long viewer,
                        const struct theme_settings *s)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)c->id, "title", c->title,
                          "body", c->body, "visibility", privacy_visibility_name(c->visibility),
                          "consent", c->consent);
    if (!c->theme_id || !privacy_enters_themes(c->visibility))
        return o;
    for (size_t i = 0; i < d->nthemes; i++) {
        if (d->themes[i].id != c->theme_id)
            continue;
        struct privacy_theme_view v;
        size_t people, challenges;
        if (view_of(d, &d->themes[i], viewer, (size_t)s->min_people, &v, &people, &challenges) !=
            0) {
            json_decref(o);
            return NULL;
        }
        if (v.shown) {
            json_object_set_new(o, "theme",
                                json_pack("{s:s, s:I, s:o}", "label", d->themes[i].label, "others",
                                          (json_int_t)v.others, "excerpts", excerpts_json(&v)));
        }
        privacy_theme_view_free(&v);
    }
    return o;
}

json_t *challenge_view_json(struct db *db, long long programme_id, long long person_id,
                            const struct theme_settings *s, char **err)
{
    *err = NULL;
    int member = store_is_member(db, programme_id, person_id);
    if (member != 1) {
        *err = str_printf(member == 0 ? "this person is not a member of the programme"
                                      : "database error: %s",
                          db_errmsg(db));
        return NULL;
    }
    struct theme_data d;
    struct challenge *mine = NULL, *theirs = NULL;
    size_t nmine = 0, ntheirs = 0, nmates = 0;
    long long *mates = NULL;
    json_t *own = json_array(), *set = json_array(), *result = NULL;
    if (theme_data_load(db, programme_id, &d) != 0)
        goto fail_nodata;
    if (store_challenges_list(db, programme_id, person_id, false, &mine, &nmine) != 0 ||
        store_set_mates(db, programme_id, person_id, &mates, &nmates) != 0)
        goto fail;
    for (size_t i = 0; i < nmine; i++) {
        json_t *o = own_json(&d, &mine[i], person_id, s);
        if (!o)
            goto fail;
        json_array_append_new(own, o);
    }
    for (size_t m = 0; m < nmates; m++) {
        if (store_challenges_list(db, programme_id, mates[m], false, &theirs, &ntheirs) != 0)
            goto fail;
        for (size_t i = 0; i < ntheirs; i++) {
            const struct challenge *c = &theirs[i];
            if (privacy_challenge_access(c->visibility, c->consent, VIEWER_SET_MATE) != ACCESS_FULL)
                continue;
            json_array_append_new(set,
                                  json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)c->id,
                                            "name", c->name, "title", c->title, "body", c->body,
                                            "visibility", privacy_visibility_name(c->visibility)));
        }
        challenges_free(theirs, ntheirs);
        theirs = NULL;
        ntheirs = 0;
    }
    result = json_pack("{s:O, s:O}", "own", own, "set", set);
fail:
    theme_data_free(&d);
fail_nodata:
    if (!result && !*err)
        *err = str_printf("database error: %s", db_errmsg(db));
    challenges_free(mine, nmine);
    challenges_free(theirs, ntheirs);
    free(mates);
    json_decref(own);
    json_decref(set);
    return result;
}

json_t *challenge_theme_members_json(struct db *db, long long programme_id, long long theme_id,
                                     const struct theme_settings *s)
{
    struct theme_data d;
    if (theme_data_load(db, programme_id, &d) != 0)
        return NULL;
    json_t *out = json_array();
    for (size_t i = 0; out && i < d.nthemes; i++) {
        const struct theme_row *t = &d.themes[i];
        if (t->id != theme_id)
            continue;
        struct privacy_theme_view v;
        size_t people, challenges;
        if (view_of(&d, t, 0, (size_t)s->min_people, &v, &people, &challenges) != 0) {
            json_decref(out);
            out = NULL;
            break;
        }
        for (size_t k = 0; k < t->count; k++) {
            const struct challenge *c = find_challenge(&d, t->challenges[k]);
            if (!c || !privacy_enters_themes(c->visibility))
                continue;
            json_t *o = json_pack("{s:I}", "id", (json_int_t)c->id);
            /* An admin is a cohort viewer: an excerpt only from a consenting author, and only
             * in a theme that may be shown at all. */
            if (v.shown && privacy_challenge_access(c->visibility, c->consent, VIEWER_COHORT) ==
                               ACCESS_EXCERPT) {
                char *e = privacy_excerpt(c->body[0] ? c->body : c->title, PRIVACY_EXCERPT_BYTES);
                if (e)
                    json_object_set_new(o, "excerpt", json_string(e));
                free(e);
            }
            json_array_append_new(out, o);
        }
        privacy_theme_view_free(&v);
    }
    theme_data_free(&d);
    return out;
}
