/* Editing a person (admins): name, organisation and the known attributes, checked as a whole
 * and saved in one transaction, so that a bad field changes nothing. */
#include "web/http/web.h"

#include "model/cohort.h"
#include "store/store_people.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

/* Longest name or attribute value accepted from the form. */
#define PERSON_FIELD_MAX 200

/* The fields the form edits, after the name: the known attributes (organisation among them). */
static const char *field_value(const struct formdata *f, json_t *person, const char *name)
{
    const char *v = formdata_get(f, name);
    if (v)
        return v;
    if (strcmp(name, "organisation") == 0 || strcmp(name, "name") == 0)
        return json_string_value(json_object_get(person, name));
    return json_string_value(json_object_get(json_object_get(person, "attributes"), name));
}

static void edit_page(struct web_request *r, json_t *person, int status, const char *error)
{
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Edit person", &v);
    if (error)
        html_notice(&page, true, error);
    H(&page, "<form method=\"post\" class=\"card\" action=\"/people/");
    html_int(&page, r->ids[0]);
    H(&page, "/edit\">\n");
    html_csrf(&page, r->csrf);
    html_input(&page, "text", "name", "Name", field_value(&r->form, person, "name"), true);
    for (size_t i = 0; i < cohort_known_attr_count; i++) {
        const char *attr = cohort_known_attrs[i];
        H(&page, "<p class=\"field\"><label for=\"f-");
        html_text(&page, attr);
        H(&page, "\">");
        html_text(&page, attr);
        H(&page, "</label>\n<input type=\"text\" id=\"f-");
        html_text(&page, attr);
        H(&page, "\" name=\"");
        html_text(&page, attr);
        H(&page, "\" value=\"");
        html_text(&page, field_value(&r->form, person, attr));
        H(&page, "\"></p>\n");
    }
    H(&page, "<p><button type=\"submit\">Save</button> <a href=\"/people/");
    html_int(&page, r->ids[0]);
    H(&page, "\">Cancel</a></p>\n</form>\n");
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
}

static json_t *load(struct web_request *r)
{
    json_t *person = NULL;
    int rc = view_person(r->db, &r->user, r->ids[0], &person);
    if (rc != 0)
        web_error(r, rc == 1 ? 404 : 500, "There is no such person.");
    return rc == 0 ? person : NULL;
}

void page_person_edit_form(struct web_request *r)
{
    json_t *person = load(r);
    if (person)
        edit_page(r, person, 200, NULL);
    json_decref(person);
}

const char *web_person_save(struct web_request *r, long long id, const struct formdata *f)
{
    const char *name = formdata_get(f, "name");
    if (name && !*name)
        return "Give the person a name.";
    if (name && strlen(name) > PERSON_FIELD_MAX)
        return "The name is too long: at most 200 characters.";
    for (size_t i = 0; i < cohort_known_attr_count; i++) {
        const char *v = formdata_get(f, cohort_known_attrs[i]);
        if (v && strlen(v) > PERSON_FIELD_MAX)
            return "A field is too long: at most 200 characters each.";
    }
    if (db_begin(r->db) != 0)
        return "The change could not be saved.";
    json_t *person = NULL;
    int rc = view_person(r->db, &r->user, id, &person);
    const char *organisation = formdata_get(f, "organisation");
    if (rc == 0 && !organisation)
        organisation = json_string_value(json_object_get(person, "organisation"));
    if (rc == 0 && !name)
        name = json_string_value(json_object_get(person, "name"));
    if (rc == 0)
        rc = store_person_update(r->db, id, name, organisation);
    for (size_t i = 1; rc == 0 && i < cohort_known_attr_count; i++) {
        const char *v = formdata_get(f, cohort_known_attrs[i]);
        if (v)
            rc = store_person_set_attr(r->db, id, cohort_known_attrs[i], v);
    }
    json_decref(person);
    if (rc == 0 && db_commit(r->db) == 0)
        return NULL;
    db_rollback(r->db);
    return rc == 1 ? "There is no such person." : "The change could not be saved.";
}

void page_person_edit(struct web_request *r)
{
    json_t *person = load(r);
    if (!person)
        return;
    const char *problem = web_person_save(r, r->ids[0], &r->form);
    if (problem) {
        edit_page(r, person, 400, problem);
    } else {
        char *to = str_printf("/people/%lld", r->ids[0]);
        web_redirect(r, to ? to : "/");
        free(to);
    }
    json_decref(person);
}
