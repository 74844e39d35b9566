/* The JSON API under /api/v1/: the same store queries and checks as the pages, as JSON. The
 * route table (web/routes.c) has already authenticated the Bearer token and checked the role. */
#include "web/http/web.h"

#include "app/people/cohort_import.h"
#include "app/people/import_preview.h"
#include "store/store_programmes.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

static const char *jstr(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* 404 for a miss (absent or hidden alike), 500 for an error, else the value. */
static void reply(struct web_request *r, int rc, json_t *value, const char *what)
{
    if (rc == 0)
        web_json(r, 200, value);
    else
        web_error(r, rc == 1 ? 404 : 500, what);
}

void api_me(struct web_request *r)
{
    web_json(r, 200,
             json_pack("{sI ss ss ss sI}", "id", (json_int_t)r->user.id, "email", r->user.email,
                       "name", r->user.name, "role", user_role_name(r->user.role), "person_id",
                       (json_int_t)r->user.person_id));
}

void api_programmes(struct web_request *r)
{
    json_t *list = view_programmes(r->db, &r->user);
    reply(r, list ? 0 : -1, list, "The programmes could not be read.");
}

void api_programme(struct web_request *r)
{
    json_t *p = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &p);
    reply(r, rc, p, "There is no such programme.");
}

void api_programme_create(struct web_request *r)
{
    json_t *body = web_json_body(r, NULL);
    if (!body)
        return;
    const char *name = jstr(body, "name"), *description = jstr(body, "description"),
               *starts = jstr(body, "starts_on"), *ends = jstr(body, "ends_on");
    const char *problem = web_programme_problem(name, description, starts, ends);
    long long id = 0;
    int rc = problem ? 1 : store_programme_create(r->db, name, description, starts, ends, &id);
    if (problem)
        web_error(r, 400, problem);
    else if (rc == 1)
        web_error(r, 409, "A programme with this name exists already.");
    else if (rc != 0)
        web_error(r, 500, "The programme could not be created.");
    else {
        json_t *p = NULL;
        rc = view_programme(r->db, &r->user, id, &p);
        if (rc == 0)
            web_json(r, 201, p);
        else
            web_error(r, 500, "The programme could not be read back.");
    }
    json_decref(body);
}

/* Fields absent from the body keep their stored values. */
void api_programme_update(struct web_request *r)
{
    json_t *p = NULL, *body = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &p);
    if (rc != 0) {
        reply(r, rc, NULL, "There is no such programme.");
        return;
    }
    body = web_json_body(r, NULL);
    if (!body)
        goto out;
    json_object_update_existing(p, body);
    const char *name = jstr(p, "name"), *description = jstr(p, "description"),
               *starts = jstr(p, "starts_on"), *ends = jstr(p, "ends_on");
    json_t *lo = json_object_get(p, "set_size_min"), *hi = json_object_get(p, "set_size_max");
    const char *problem = web_programme_problem(name, description, starts, ends);
    if (!problem &&
        (!json_is_integer(lo) || !json_is_integer(hi) || json_integer_value(lo) < 2 ||
         json_integer_value(hi) > 20 || json_integer_value(lo) > json_integer_value(hi)))
        problem = "Set sizes must be whole numbers from 2 to 20, the smallest first.";
    if (problem) {
        web_error(r, 400, problem);
        goto out;
    }
    rc = store_programme_update(r->db, r->ids[0], name, description, starts, ends,
                                (long)json_integer_value(lo), (long)json_integer_value(hi));
    if (rc == 1)
        web_error(r, 409, "Another programme has this name.");
    else if (rc != 0)
        web_error(r, 500, "The programme could not be saved.");
    else {
        json_decref(p);
        p = NULL;
        rc = view_programme(r->db, &r->user, r->ids[0], &p);
        reply(r, rc, json_incref(p), "The programme could not be read back.");
    }
out:
    json_decref(p);
    json_decref(body);
}

void api_people(struct web_request *r)
{
    json_t *p = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &p);
    json_decref(p);
    if (rc != 0) {
        reply(r, rc, NULL, "There is no such programme.");
        return;
    }
    json_t *people =
        view_people(r->db, r->ids[0], formdata_get(&r->query, "q"), formdata_get(&r->query, "attr"),
                    formdata_get(&r->query, "value"), r->user.role == ROLE_ADMIN, WEB_PEOPLE_PAGE);
    reply(r, people ? 0 : -1, people, "The people could not be read.");
}

void api_person(struct web_request *r)
{
    json_t *p = NULL;
    int rc = view_person(r->db, &r->user, r->ids[0], &p);
    reply(r, rc, p, "There is no such person.");
}

/* {"name": ..., "organisation": ..., "department": ...}: the fields to change, all strings. */
void api_person_update(struct web_request *r)
{
    json_t *body = web_json_body(r, NULL);
    if (!body)
        return;
    struct formdata f = {0};
    const char *key;
    json_t *value;
    bool ok = true;
    json_object_foreach(body, key, value)
    {
        if (!json_is_string(value) || f.count >= FORMDATA_MAX_FIELDS) {
            ok = false;
            break;
        }
        struct formdata_field *grown = realloc(f.fields, (f.count + 1) * sizeof *grown);
        if (!grown) {
            ok = false;
            break;
        }
        f.fields = grown;
        f.fields[f.count] = (struct formdata_field){str_printf("%s", key),
                                                    str_printf("%s", json_string_value(value)),
                                                    json_string_length(value), NULL};
        if (!f.fields[f.count].name || !f.fields[f.count].value) {
            free(f.fields[f.count].name);
            free(f.fields[f.count].value);
            ok = false;
            break;
        }
        f.count++;
    }
    if (!ok) {
        web_error(r, 400, "Send a JSON object of strings.");
    } else {
        json_t *p = NULL;
        int rc = view_person(r->db, &r->user, r->ids[0], &p);
        json_decref(p);
        const char *problem = rc == 0 ? web_person_save(r, r->ids[0], &f) : NULL;
        if (rc != 0)
            web_error(r, rc == 1 ? 404 : 500, "There is no such person.");
        else if (problem)
            web_error(r, 400, problem);
        else if (view_person(r->db, &r->user, r->ids[0], &p) == 0)
            web_json(r, 200, p);
        else
            web_error(r, 500, "The person could not be read back.");
    }
    formdata_free(&f);
    json_decref(body);
}

void api_my_sets(struct web_request *r)
{
    json_t *sets = view_my_sets(r->db, &r->user);
    reply(r, sets ? 0 : -1, sets, "Your sets could not be read.");
}

void api_set(struct web_request *r)
{
    json_t *s = NULL;
    int rc = view_set(r->db, &r->user, r->ids[0], &s);
    reply(r, rc, s, "There is no such set.");
}

void api_programme_sets(struct web_request *r)
{
    json_t *p = NULL, *plan = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &p);
    json_decref(p);
    if (rc == 0)
        rc = view_programme_sets(r->db, r->ids[0], &plan);
    reply(r, rc, plan, "There is no such programme.");
}

/* The body is the CSV file itself (Content-Type: text/csv). */
void api_import(struct web_request *r)
{
    json_t *p = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &p);
    if (rc != 0) {
        reply(r, rc, NULL, "There is no such programme.");
        return;
    }
    const struct formdata_field *body = formdata_field(&r->form, "body");
    struct diag_list diags = {0};
    struct import_report report = {0};
    const struct formdata_field *dry = formdata_field(&r->query, "dry_run");
    const struct formdata_field *expect = formdata_field(&r->query, "expect");
    struct import_options opt = {.programme = jstr(p, "name"),
                                 .source = "upload.csv",
                                 .dry_run = dry && dry->value && strcmp(dry->value, "1") == 0,
                                 .expect = expect && expect->value[0] ? expect->value : NULL};
    struct sheet_source src = {0};
    if (!body) {
        web_error(r, 400, "Send the cohort CSV as the body.");
    } else {
        rc = import_upload(r->db, &opt, body->value, body->len, NULL, &src, &report, &diags);
        if (rc == 0)
            web_json(r, 200, import_report_json(&report, &opt));
        else if (rc == 2)
            web_json(r, 409,
                     json_pack("{ss so}", "error",
                               "The changes are no longer those previewed (the people changed "
                               "since); nothing was stored. These are the changes now.",
                               "import", import_report_json(&report, &opt)));
        else if (rc == 1)
            web_json(r, 422,
                     json_pack("{ss so}", "error",
                               "The file has problems; nothing was "
                               "stored.",
                               "problems", diag_to_json(&diags)));
        else
            web_error(r, 500, "The import failed.");
    }
    import_report_free(&report);
    sheet_source_free(&src);
    diag_list_free(&diags);
    json_decref(p);
}

void api_tokens(struct web_request *r)
{
    json_t *tokens = view_tokens(r->db, r->user.id);
    reply(r, tokens ? 0 : -1, tokens, "Your tokens could not be read.");
}

/* {"name": "..."} -> {"id"?, "name", "token"}: the token is shown this once. */
void api_token_create(struct web_request *r)
{
    json_t *body = web_json_body(r, NULL);
    if (!body)
        return;
    const char *name = jstr(body, "name");
    char token[AUTH_TOKEN_SIZE];
    if (!name || !*name || strlen(name) > WEB_TOKEN_NAME_MAX)
        web_error(r, 400, "Give the token a name of at most 100 characters.");
    else if (auth_api_token_create(r->db, r->user.id, name, r->now, token) != 0)
        web_error(r, 500, "The token could not be created.");
    else
        web_json(r, 201, json_pack("{ss ss}", "name", name, "token", token));
    json_decref(body);
}

void api_token_delete(struct web_request *r)
{
    int rc = store_token_delete(r->db, r->user.id, r->ids[0]);
    reply(r, rc, rc == 0 ? json_pack("{sb}", "deleted", 1) : NULL, "There is no such token.");
}

void api_users(struct web_request *r)
{
    json_t *users = view_users(r->db);
    reply(r, users ? 0 : -1, users, "The accounts could not be read.");
}

void api_user_invite(struct web_request *r)
{
    json_t *body = web_json_body(r, NULL);
    if (!body)
        return;
    char token[AUTH_TOKEN_SIZE];
    const char *problem = NULL;
    int rc = web_invite(r, jstr(body, "email"), jstr(body, "role"), token, &problem);
    if (rc == 1)
        web_error(r, 400, problem);
    else if (rc != 0)
        web_error(r, 500, "The invitation could not be created.");
    else {
        char *link = str_printf("%s/invitation?token=%s", r->config->origin, token);
        web_json(r, 201,
                 json_pack("{ss ss}", "email", jstr(body, "email"), "link", link ? link : ""));
        free(link);
    }
    json_decref(body);
}
