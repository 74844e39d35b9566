/* The account page (API tokens, logging out everywhere) and the admin's list of accounts with
 * invitations. */
#include "web/http/web.h"

#include "io/import/cohort_csv.h"
#include "store/store_accounts.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

static void account_page(struct web_request *r, int status, const char *new_token,
                         const char *error)
{
    json_t *tokens = view_tokens(r->db, r->user.id);
    if (!tokens) {
        web_error(r, 500, "Your tokens could not be read.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Account", &v);
    H(&page, "<dl class=\"facts\"><dt>Email</dt><dd>");
    html_text(&page, r->user.email);
    H(&page, "</dd><dt>Role</dt><dd>");
    html_text(&page, user_role_name(r->user.role));
    H(&page, "</dd></dl>\n<h2>Calendar</h2>\n<p><a href=\"/account/calendar\">Subscribe to your "
             "meetings in Outlook, Google or Apple Calendar</a></p>\n");
    H(&page, "<h2>API tokens</h2>\n<p class=\"hint\">Scripts use a token as "
             "<code>Authorization: Bearer TOKEN</code> on <code>/api/v1/</code>.</p>\n");
    if (error)
        html_notice(&page, true, error);
    if (new_token) {
        H(&page, "<p class=\"notice\" role=\"status\">Your new token (copy it now; it is not "
                 "shown again): <code class=\"secret\">");
        html_text(&page, new_token);
        H(&page, "</code></p>\n");
    }
    if (json_array_size(tokens)) {
        H(&page, "<ul class=\"tokens\">\n");
        size_t i;
        json_t *t;
        json_array_foreach(tokens, i, t)
        {
            H(&page, "<li>");
            html_text(&page, json_string_value(json_object_get(t, "name")));
            H(&page, " <form method=\"post\" class=\"inline\" action=\"/account/tokens/");
            html_int(&page, json_integer_value(json_object_get(t, "id")));
            H(&page, "/delete\">");
            html_csrf(&page, r->csrf);
            H(&page, "<button type=\"submit\" class=\"link\">Revoke</button></form></li>\n");
        }
        H(&page, "</ul>\n");
    }
    H(&page, "<form method=\"post\" action=\"/account/tokens\" class=\"card\">\n");
    html_csrf(&page, r->csrf);
    html_input(&page, "text", "name", "Token name", NULL, true);
    H(&page, "<p><button type=\"submit\">Create token</button></p>\n</form>\n"
             "<h2>Sessions</h2>\n<form method=\"post\" action=\"/logout/everywhere\">");
    html_csrf(&page, r->csrf);
    H(&page, "<p class=\"hint\">Ends every session of yours and revokes all your API "
             "tokens.</p>\n<p><button type=\"submit\">Log out everywhere</button></p></form>\n");
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
    json_decref(tokens);
}

void page_account(struct web_request *r)
{
    account_page(r, 200, NULL, NULL);
}

void page_token_create(struct web_request *r)
{
    const char *name = formdata_get(&r->form, "name");
    if (!name || !*name || strlen(name) > WEB_TOKEN_NAME_MAX) {
        account_page(r, 400, NULL, "Give the token a name of at most 100 characters.");
        return;
    }
    char token[AUTH_TOKEN_SIZE];
    if (auth_api_token_create(r->db, r->user.id, name, r->now, token) != 0) {
        web_error(r, 500, "The token could not be created.");
        return;
    }
    account_page(r, 200, token, NULL);
}

void page_token_delete(struct web_request *r)
{
    int rc = store_token_delete(r->db, r->user.id, r->ids[0]);
    if (rc == 1)
        web_error(r, 404, "There is no such token.");
    else if (rc != 0)
        web_error(r, 500, "The token could not be revoked.");
    else
        web_redirect(r, "/account");
}

static void users_page(struct web_request *r, int status, const char *link, const char *error)
{
    json_t *users = view_users(r->db);
    if (!users) {
        web_error(r, 500, "The accounts could not be read.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "People & access", &v);
    if (error)
        html_notice(&page, true, error);
    if (link) {
        H(&page, "<p class=\"notice\" role=\"status\">Send this one-time link to the person; it "
                 "sets their password and works for seven days: <code class=\"secret\">");
        html_text(&page, r->config->origin);
        H(&page, "/invitation?token=");
        html_url_arg(&page, link);
        H(&page, "</code></p>\n");
    }
    H(&page, "<form method=\"post\" action=\"/users\" class=\"card\">\n<h2>Invite</h2>\n");
    html_csrf(&page, r->csrf);
    html_input(&page, "email", "email", "Email", formdata_get(&r->form, "email"), true);
    H(&page, "<p class=\"field\"><label for=\"f-role\">Role</label>\n<select id=\"f-role\" "
             "name=\"role\"><option value=\"participant\">participant</option><option "
             "value=\"facilitator\">facilitator</option><option value=\"admin\">admin</option>"
             "</select></p>\n<p><button type=\"submit\">Create invitation link</button></p>\n"
             "</form>\n<h2>Accounts</h2>\n<table class=\"list\"><thead><tr>"
             "<th scope=\"col\">Email</th><th scope=\"col\">Name</th><th scope=\"col\">Role</th>"
             "<th scope=\"col\">Password set</th></tr></thead>\n<tbody>\n");
    size_t i;
    json_t *u;
    json_array_foreach(users, i, u)
    {
        H(&page, "<tr><td>");
        html_text(&page, json_string_value(json_object_get(u, "email")));
        H(&page, "</td><td>");
        html_text(&page, json_string_value(json_object_get(u, "name")));
        H(&page, "</td><td>");
        html_text(&page, json_string_value(json_object_get(u, "role")));
        H(&page, "</td><td>");
        if (json_is_true(json_object_get(u, "has_password")))
            H(&page, "yes");
        else
            H(&page, "not yet");
        H(&page, "</td></tr>\n");
    }
    H(&page, "</tbody></table>\n");
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
    json_decref(users);
}

void page_users(struct web_request *r)
{
    users_page(r, 200, NULL, NULL);
}

/* Shared with the API: creates (or finds, when not yet active) the account for EMAIL with ROLE
 * and a one-time link token. 0, 1 with *PROBLEM for the user, -1 on error. */
int web_invite(struct web_request *r, const char *email, const char *role_name,
               char token[AUTH_TOKEN_SIZE], const char **problem)
{
    enum user_role role = user_role_parse(role_name);
    if (!email || !cohort_email_valid(email)) {
        *problem = "Give a valid email address.";
        return 1;
    }
    if (!role) {
        *problem = "Choose a role: participant, facilitator or admin.";
        return 1;
    }
    long long id;
    int rc = store_user_create(r->db, email, role, NULL, &id);
    if (rc == 1) {
        *problem = "This email has an account already.";
        return 1;
    }
    if (rc != 0 || auth_invite(r->db, id, r->now, token) != 0)
        return -1;
    return 0;
}

void page_user_invite(struct web_request *r)
{
    char token[AUTH_TOKEN_SIZE];
    const char *problem = NULL;
    int rc = web_invite(r, formdata_get(&r->form, "email"), formdata_get(&r->form, "role"), token,
                        &problem);
    if (rc < 0)
        web_error(r, 500, "The invitation could not be created.");
    else
        users_page(r, rc == 0 ? 200 : 400, rc == 0 ? token : NULL, problem);
}
