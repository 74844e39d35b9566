/* A participant's challenges (issue 8): their own, each with who may see it and, for those
 * shared with the cohort, how many others are working on something close (only what
 * challenge_view_json returns: a count and consented excerpts, never a name or an email), their
 * set-mates' shared challenges, and a form to write one. */
#include "web/http/web.h"

#include "app/challenges/challenges.h"
#include "store/store_programmes.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

/* The programmes the viewer is a member of, as [{id,name,...}] (new reference); NULL on error. */
static json_t *my_programmes(struct web_request *r)
{
    json_t *all = view_programmes(r->db, &r->user);
    json_t *mine = json_array();
    size_t i;
    json_t *p;
    if (!all || !mine) {
        json_decref(all);
        json_decref(mine);
        return NULL;
    }
    json_array_foreach(all, i, p)
    {
        long long id = json_integer_value(json_object_get(p, "id"));
        if (r->user.person_id && store_is_member(r->db, id, r->user.person_id) == 1)
            json_array_append(mine, p);
    }
    json_decref(all);
    return mine;
}

static void visibility_text(struct html *page, const char *v)
{
    if (v && strcmp(v, "cohort") == 0)
        H(page, "the cohort, anonymously");
    else if (v && strcmp(v, "set") == 0)
        H(page, "my set");
    else
        H(page, "only me");
}

static void own_list(struct html *page, json_t *own)
{
    size_t i, j;
    json_t *c, *e;
    if (json_array_size(own) == 0)
        H(page, "<p>You have not written a challenge yet.</p>\n");
    json_array_foreach(own, i, c)
    {
        H(page, "<article class=\"challenge\"><h3>");
        html_text(page, json_string_value(json_object_get(c, "title")));
        H(page, "</h3>\n<p>");
        html_text(page, json_string_value(json_object_get(c, "body")));
        H(page, "</p>\n<p class=\"meta\">Who may see it: ");
        visibility_text(page, json_string_value(json_object_get(c, "visibility")));
        if (json_is_true(json_object_get(c, "consent")))
            H(page, "; excerpts may be shared anonymously");
        H(page, ".</p>\n");
        json_t *t = json_object_get(c, "theme");
        if (t) {
            H(page, "<section class=\"theme\"><p><strong>");
            html_int(page, json_integer_value(json_object_get(t, "others")));
            H(page, " others in this cohort are working on something close to this</strong> (");
            html_text(page, json_string_value(json_object_get(t, "label")));
            H(page, ").</p>\n");
            if (json_array_size(json_object_get(t, "excerpts")) > 0) {
                H(page, "<ul class=\"excerpts\">\n");
                json_array_foreach(json_object_get(t, "excerpts"), j, e)
                {
                    H(page, "<li><q>");
                    html_text(page, json_string_value(e));
                    H(page, "</q></li>\n");
                }
                H(page, "</ul>\n");
            }
            H(page, "</section>\n");
        }
        H(page, "</article>\n");
    }
}

static void set_list(struct html *page, json_t *set)
{
    size_t i;
    json_t *c;
    if (json_array_size(set) == 0)
        return;
    H(page, "<h3>Shared by your set</h3>\n");
    json_array_foreach(set, i, c)
    {
        H(page, "<article class=\"challenge\"><h4>");
        html_text(page, json_string_value(json_object_get(c, "title")));
        H(page, "</h4>\n<p>");
        html_text(page, json_string_value(json_object_get(c, "body")));
        H(page, "</p>\n<p class=\"meta\">");
        html_text(page, json_string_value(json_object_get(c, "name")));
        H(page, "</p></article>\n");
    }
}

static void write_form(struct html *page, const char *csrf, json_t *progs)
{
    size_t i;
    json_t *p;
    H(page, "<h2>Write a challenge</h2>\n<form method=\"post\" action=\"/my/challenges\">\n");
    html_csrf(page, csrf);
    if (json_array_size(progs) == 1) {
        H(page, "<input type=\"hidden\" name=\"programme\" value=\"");
        html_int(page, json_integer_value(json_object_get(json_array_get(progs, 0), "id")));
        H(page, "\">\n");
    } else {
        H(page, "<label for=\"programme\">Programme</label>\n"
                "<select id=\"programme\" name=\"programme\">\n");
        json_array_foreach(progs, i, p)
        {
            H(page, "<option value=\"");
            html_int(page, json_integer_value(json_object_get(p, "id")));
            H(page, "\">");
            html_text(page, json_string_value(json_object_get(p, "name")));
            H(page, "</option>\n");
        }
        H(page, "</select>\n");
    }
    html_input(page, "text", "title", "Title", NULL, true);
    H(page, "<label for=\"body\">What is the challenge?</label>\n"
            "<textarea id=\"body\" name=\"body\" rows=\"5\"></textarea>\n"
            "<fieldset><legend>Who may see it</legend>\n"
            "<input type=\"radio\" id=\"vis-me\" name=\"visibility\" value=\"only-me\" checked>"
            "<label for=\"vis-me\">Only me</label>\n"
            "<input type=\"radio\" id=\"vis-set\" name=\"visibility\" value=\"set\">"
            "<label for=\"vis-set\">My set (with my name)</label>\n"
            "<input type=\"radio\" id=\"vis-cohort\" name=\"visibility\" value=\"cohort\">"
            "<label for=\"vis-cohort\">The cohort, anonymously</label>\n</fieldset>\n"
            "<input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"yes\">"
            "<label for=\"consent\">Others in the cohort may read an anonymous excerpt</label>\n"
            "<button type=\"submit\">Save</button>\n</form>\n");
}

/* The page, with ERROR (escaped) above the form when a save was refused. */
static void show(struct web_request *r, int status, const char *error)
{
    json_t *progs = my_programmes(r);
    if (!progs) {
        web_error(r, 500, "Your programmes could not be read.");
        return;
    }
    size_t n = json_array_size(progs);
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "My challenges", &v);
    if (error)
        html_notice(&page, true, error);
    H(&page, "<p class=\"hint\">Write the challenges you bring and choose who may see each "
             "one. Your set sees those shared with the set or the cohort, with your name; the rest "
             "of the cohort is only told how many people work on something close, with an "
             "anonymous excerpt when the author agreed.</p>\n");
    if (n == 0)
        H(&page, "<p>You are not a member of a programme.</p>\n");
    for (size_t i = 0; i < n; i++) {
        struct theme_settings s;
        char *err = NULL;
        json_t *view = NULL;
        long long id = json_integer_value(json_object_get(json_array_get(progs, i), "id"));
        if (n > 1) {
            H(&page, "<h2>");
            html_text(&page, json_string_value(json_object_get(json_array_get(progs, i), "name")));
            H(&page, "</h2>\n");
        }
        if (store_theme_settings(r->db, id, &s) == 0)
            view = challenge_view_json(r->db, id, r->user.person_id, &s, &err);
        free(err);
        if (!view)
            continue;
        own_list(&page, json_object_get(view, "own"));
        set_list(&page, json_object_get(view, "set"));
        json_decref(view);
    }
    if (n > 0)
        write_form(&page, r->csrf, progs);
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
    json_decref(progs);
}

void page_my_challenges(struct web_request *r)
{
    show(r, 200, NULL);
}

void page_challenge_save(struct web_request *r)
{
    const char *prog = formdata_get(&r->form, "programme");
    const char *title = formdata_get(&r->form, "title");
    const char *body = formdata_get(&r->form, "body");
    const char *vis = formdata_get(&r->form, "visibility");
    const char *consent = formdata_get(&r->form, "consent");
    enum challenge_visibility v;
    if (!r->user.person_id) {
        web_error(r, 422, "Your account is not a participant in a programme.");
        return;
    }
    char *end = NULL;
    long long pid = prog ? strtoll(prog, &end, 10) : 0;
    if (!prog || !*prog || *end || pid <= 0) {
        show(r, 400, "Choose a programme.");
        return;
    }
    if (!vis || privacy_visibility_parse(vis, &v) != 0) {
        show(r, 400, "Choose who may see the challenge.");
        return;
    }
    long long id;
    char *err = NULL;
    int rc = challenge_save(r->db, pid, r->user.person_id, title ? title : "", body ? body : "", v,
                            consent && *consent, &id, &err);
    if (rc == 0) {
        free(err);
        web_redirect(r, "/my/challenges");
        return;
    }
    if (rc == 1) {
        char *msg = str_printf("Nothing was saved: %s.", err ? err : "the challenge is not valid");
        show(r, 422, msg);
        free(msg);
    } else {
        web_error(r, 500, "The challenge could not be saved.");
    }
    free(err);
}
