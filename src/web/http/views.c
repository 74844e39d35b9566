/* The store's programmes, people and sets shaped as the JSON the pages and the API share. */
#include "web/http/views.h"

#include "app/plans/programme_state.h"

#include "engine/people/person_fields.h"
#include "store/store_events.h"
#include "store/store_people.h"
#include "store/store_programmes.h"
#include "store/store_sets.h"
#include "store/store_surveys.h"

#include <stdlib.h>

/* A string or JSON null. */
static json_t *string_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *programme_object(const struct store_programme *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(p->id));
    json_object_set_new(o, "name", json_string(p->name));
    json_object_set_new(o, "description", json_string(p->description));
    json_object_set_new(o, "starts_on", string_or_null(p->starts_on));
    json_object_set_new(o, "ends_on", string_or_null(p->ends_on));
    json_object_set_new(o, "set_size_min", json_integer(p->set_size_min));
    json_object_set_new(o, "set_size_max", json_integer(p->set_size_max));
    json_object_set_new(o, "weights", json_string(p->weights));
    json_object_set_new(o, "members", json_integer(p->members));
    json_object_set_new(o, "sets", json_integer(p->sets));
    json_object_set_new(o, "state", json_string(p->state));
    json_object_set_new(o, "allows", json_string(programme_state_allows(p->state)));
    return o;
}

json_t *view_programmes(struct db *db, const struct user *user)
{
    struct store_programme *list;
    size_t count;
    if (store_programmes_visible(db, user, &list, &count) != 0)
        return NULL;
    json_t *out = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(out, programme_object(&list[i]));
    store_programme_list_free(list, count);
    return out;
}

int view_programme(struct db *db, const struct user *user, long long id, json_t **out)
{
    struct store_programme p;
    int rc = store_programme_visible(db, user, id, &p);
    if (rc != 0)
        return rc;
    *out = programme_object(&p);
    store_programme_free(&p);
    return 0;
}

/* The email is left out when the viewer may not see it. */
static json_t *person_object(const struct store_person_brief *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(p->id));
    json_object_set_new(o, "name", json_string(p->name));
    json_object_set_new(o, "organisation", json_string(p->organisation));
    json_object_set_new(o, "department", json_string(p->department));
    if (p->email)
        json_object_set_new(o, "email", json_string(p->email));
    return o;
}

static json_t *people_array(const struct store_person_brief *list, size_t count)
{
    json_t *out = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(out, person_object(&list[i]));
    return out;
}

json_t *view_people(struct db *db, long long programme_id, const char *q, const char *attr,
                    const char *value, bool with_email, long limit)
{
    struct store_person_brief *list;
    size_t count;
    if (store_people_search(db, programme_id, q, attr, value, with_email, limit, &list, &count) !=
        0)
        return NULL;
    json_t *out = people_array(list, count);
    store_person_briefs_free(list, count);
    return out;
}

json_t *view_attr_names(struct db *db, long long programme_id)
{
    json_t *names = json_array();
    json_array_append_new(names, json_string("organisation"));
    char **list;
    size_t count;
    if (store_attr_names(db, programme_id, &list, &count) != 0)
        return names;
    for (size_t i = 0; i < count; i++)
        json_array_append_new(names, json_string(list[i]));
    store_attr_names_free(list, count);
    return names;
}

int view_person(struct db *db, const struct user *user, long long id, json_t **out)
{
    struct store_person_view p;
    int rc = store_person_visible(db, user, id, &p);
    if (rc != 0)
        return rc;
    /* Anyone else the store lets through is a set-mate or a facilitator: they see what
     * person_field_visible allows (not a set-mate's gender, grade or email). */
    enum person_viewer viewer = user->role == ROLE_ADMIN ? PERSON_VIEWER_ADMIN
                                : user->person_id && user->person_id == p.person.id
                                    ? PERSON_VIEWER_SELF
                                    : PERSON_VIEWER_SET_MATE;
    if (!person_field_visible(viewer, PERSON_EMAIL)) {
        free(p.person.email);
        p.person.email = NULL;
    }
    *out = person_object(&p.person);
    json_t *attrs = json_object();
    for (size_t i = 0; i < p.attr_count; i++)
        if (person_field_visible(viewer, person_field_of_name(p.attr_names[i])))
            json_object_set_new(attrs, p.attr_names[i], json_string(p.attr_values[i]));
    json_object_set_new(*out, "attributes", attrs);
    store_person_view_free(&p);
    return 0;
}

/* The set with its member count (and its role when the store gave one). */
static json_t *set_object(const struct store_set_view *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(s->id));
    json_object_set_new(o, "name", json_string(s->name));
    json_object_set_new(o, "programme", json_string(s->programme));
    json_object_set_new(o, "programme_id", json_integer(s->programme_id));
    json_object_set_new(o, "plan", json_string(s->plan));
    json_object_set_new(o, "status", json_string(s->status));
    json_object_set_new(o, "facilitator", json_string(s->facilitator));
    json_object_set_new(o, "members", json_integer(s->members));
    if (s->role)
        json_object_set_new(o, "role", json_string(s->role));
    return o;
}

json_t *view_my_sets(struct db *db, const struct user *user)
{
    struct store_set_view *list;
    size_t count;
    if (store_my_sets(db, user, &list, &count) != 0)
        return NULL;
    json_t *out = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(out, set_object(&list[i]));
    store_set_views_free(list, count);
    return out;
}

int view_set(struct db *db, const struct user *user, long long id, json_t **out)
{
    struct store_set_view s;
    int rc = store_set_visible(db, user, id, &s);
    if (rc != 0)
        return rc;
    struct store_person_brief *members;
    size_t count;
    /* The viewer is an admin, or a member or facilitator of the set. */
    bool emails = person_field_visible(
        user->role == ROLE_ADMIN ? PERSON_VIEWER_ADMIN : PERSON_VIEWER_SET_MATE, PERSON_EMAIL);
    rc = store_set_member_briefs(db, id, emails, &members, &count);
    if (rc != 0) {
        store_set_view_free(&s);
        return -1;
    }
    /* Those who have left, with the day, for whoever may see the set (its members, its
     * facilitator, admins); a former member no longer sees the set at all. */
    struct store_former_member *former;
    size_t nformer;
    if (store_set_former_members(db, id, NULL, &former, &nformer) != 0) {
        store_person_briefs_free(members, count);
        store_set_view_free(&s);
        return -1;
    }
    /* The count's key takes the list, in the same place. */
    *out = set_object(&s);
    json_object_set_new(*out, "members", people_array(members, count));
    store_person_briefs_free(members, count);
    json_t *left = json_array();
    for (size_t i = 0; i < nformer; i++)
        json_array_append_new(left,
                              json_pack("{s:I, s:s, s:s}", "id", (json_int_t)former[i].person_id,
                                        "name", former[i].name, "left_on", former[i].left_on));
    json_object_set_new(*out, "former_members", left);
    store_former_members_free(former, nformer);
    store_set_view_free(&s);
    return 0;
}

int view_programme_sets(struct db *db, long long programme_id, json_t **out)
{
    struct store_newest_plan plan;
    if (store_newest_plan(db, programme_id, &plan) != 0)
        return -1;
    if (!plan.has_plan) {
        *out = json_pack("{sn sn s[]}", "plan", "status", "sets");
        return 0;
    }
    json_t *sets = json_array();
    for (size_t i = 0; i < plan.set_count; i++) {
        const struct store_newest_set *s = &plan.sets[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(s->id));
        json_object_set_new(o, "name", json_string(s->name));
        json_object_set_new(o, "facilitator", json_string(s->facilitator));
        json_object_set_new(o, "members", people_array(s->members, s->member_count));
        json_array_append_new(sets, o);
    }
    *out = json_object();
    json_object_set_new(*out, "plan", json_string(plan.plan));
    json_object_set_new(*out, "status", json_string(plan.status));
    json_object_set_new(*out, "sets", sets);
    store_newest_plan_free(&plan);
    return 0;
}

json_t *view_users(struct db *db)
{
    struct store_user_entry *list;
    size_t count;
    if (store_users_list(db, &list, &count) != 0)
        return NULL;
    json_t *out = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(out,
                              json_pack("{sI ss ss ss sb sb}", "id", (json_int_t)list[i].id,
                                        "email", list[i].email, "role", list[i].role, "name",
                                        list[i].name, "has_password", (int)list[i].has_password,
                                        "disabled", (int)list[i].disabled));
    store_user_entries_free(list, count);
    return out;
}

json_t *view_tokens(struct db *db, long long user_id)
{
    struct store_token_entry *list;
    size_t count;
    if (store_tokens_list(db, user_id, &list, &count) != 0)
        return NULL;
    json_t *out = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(out,
                              json_pack("{sI ss sI sI}", "id", (json_int_t)list[i].id, "name",
                                        list[i].name, "created_at", (json_int_t)list[i].created_at,
                                        "last_used", (json_int_t)list[i].last_used));
    store_token_entries_free(list, count);
    return out;
}

int view_events(struct db *db, long long programme_id, json_t **out)
{
    *out = NULL;
    struct store_event_entry *list;
    size_t count;
    if (store_events_list(db, programme_id, &list, &count) != 0)
        return -1;
    *out = json_array();
    for (size_t i = 0; i < count; i++) {
        const struct store_event_entry *e = &list[i];
        json_array_append_new(*out, json_pack("{s:I, s:s, s:i, s:i, s:b, s:i, s:i}", "id",
                                              (json_int_t)e->id, "name", e->name, "group_size",
                                              e->group_size, "rounds", e->rounds, "generated",
                                              (int)e->generated, "locked_rounds", e->locked_rounds,
                                              "min_group_size", e->min_group_size));
        /* When and where (migration 0022). */
        json_t *o = json_array_get(*out, i);
        json_object_set_new(o, "starts_at",
                            e->starts_at[0] ? json_string(e->starts_at) : json_null());
        json_object_set_new(o, "tz", json_string(e->tzid));
        json_object_set_new(o, "round_minutes", json_integer(e->round_minutes));
        json_object_set_new(o, "place", json_string(e->place));
    }
    store_event_entries_free(list, count);
    return 0;
}

json_t *view_survey_answers(struct db *db, long long programme_id, long long person_id)
{
    struct store_survey_answer *list;
    size_t count;
    if (store_survey_person_answers(db, programme_id, person_id, &list, &count) != 0)
        return NULL;
    json_t *out = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:i, s:s?}", "wave", list[i].wave,
                                             "item", list[i].item, "text", list[i].text, "value",
                                             list[i].value, "label", list[i].label));
    store_survey_answers_free(list, count);
    return out;
}
