/* The account page (API tokens, logging out everywhere) and the admin's list of accounts with
 * invitations. */
#include "web/http/web.h"

#include "app/mail/invite.h"
#include "io/import/cohort_csv.h"
#include "store/store_accounts.h"
#include "store/store_outbox.h"
#include "store/store_programmes.h"
#include "web/http/views.h"
#include "web/pages/page_mail.h"

#include <stdlib.h>
#include <string.h>

static void account_page(struct web_request *r, int status, const char *new_token,
                         const char *error, const char *password_notice, bool password_error)
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
             "<h2>Password</h2>\n");
    if (password_notice)
        html_notice(&page, password_error, password_notice);
    H(&page, "<form method=\"post\" action=\"/account/password\" class=\"card\" "
             "id=\"password-form\">\n<p class=\"hint\">Changing it logs you out everywhere "
             "else.</p>\n");
    html_csrf(&page, r->csrf);
    html_input(&page, "password", "current", "Current password", NULL, true);
    html_input(&page, "password", "password", "New password", NULL, true);
    html_input(&page, "password", "confirm", "The same again", NULL, true);
    H(&page, "<p><button type=\"submit\">Change password</button></p>\n</form>\n");
    page_reminders_card(r, &page);
    H(&page, "<h2>Sessions</h2>\n<form method=\"post\" action=\"/logout/everywhere\">");
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
    account_page(r, 200, NULL, NULL, NULL, false);
}

void page_token_create(struct web_request *r)
{
    const char *name = formdata_get(&r->form, "name");
    if (!name || !*name || strlen(name) > WEB_TOKEN_NAME_MAX) {
        account_page(r, 400, NULL, "Give the token a name of at most 100 characters.", NULL, false);
        return;
    }
    char token[AUTH_TOKEN_SIZE];
    if (auth_api_token_create(r->db, r->user.id, name, r->now, token) != 0) {
        web_error(r, 500, "The token could not be created.");
        return;
    }
    account_page(r, 200, token, NULL, NULL, false);
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

void page_password_change(struct web_request *r)
{
    const char *current = formdata_get(&r->form, "current");
    const char *password = formdata_get(&r->form, "password");
    const char *confirm = formdata_get(&r->form, "confirm");
    const char *problem = auth_password_problem(password);
    if (!problem && (!confirm || strcmp(password, confirm) != 0))
        problem = "The two new passwords differ. Type the same password twice.";
    if (problem) {
        account_page(r, 400, NULL, NULL, problem, true);
        return;
    }
    int rc = auth_password_change(r->db, r->user.email, current, password, r->cookie_token);
    if (rc < 0)
        web_error(r, 500, "The password could not be saved.");
    else if (rc == 1)
        account_page(r, 400, NULL, NULL, "The current password is wrong.", true);
    else
        account_page(r, 200, NULL, NULL,
                     "Your password is changed; your other sessions have ended.", false);
}

static void users_page(struct web_request *r, int status, const char *link, const char *error,
                       const char *mailed, const char *links);

/* The role of account U as a small form (plain text for the admin's own account). */
static void user_role_form(struct web_request *r, struct html *page, json_t *u)
{
    long long id = json_integer_value(json_object_get(u, "id"));
    const char *role = json_string_value(json_object_get(u, "role"));
    if (id == r->user.id) {
        html_text(page, role);
        return;
    }
    static const char *const roles[] = {"participant", "facilitator", "admin"};
    H(page, "<form method=\"post\" class=\"inline\" action=\"/users/");
    html_int(page, id);
    H(page, "/role\">");
    html_csrf(page, r->csrf);
    H(page, "<select name=\"role\" aria-label=\"Role of ");
    html_text(page, json_string_value(json_object_get(u, "email")));
    H(page, "\">");
    for (size_t i = 0; i < 3; i++) {
        H(page, "<option value=\"");
        html_text(page, roles[i]);
        if (strcmp(roles[i], role) == 0)
            H(page, "\" selected>");
        else
            H(page, "\">");
        html_text(page, roles[i]);
        H(page, "</option>");
    }
    H(page, "</select> <button type=\"submit\" class=\"link\">Change</button></form>");
}

/* Disable or enable account U (not the admin's own). */
static void user_disable_form(struct web_request *r, struct html *page, json_t *u)
{
    long long id = json_integer_value(json_object_get(u, "id"));
    bool disabled = json_is_true(json_object_get(u, "disabled"));
    if (id == r->user.id) {
        H(page, "you");
        return;
    }
    if (disabled)
        H(page, "disabled ");
    H(page, "<form method=\"post\" class=\"inline\" action=\"/users/");
    html_int(page, id);
    H(page, "/disable\">");
    html_csrf(page, r->csrf);
    if (disabled)
        H(page, "<input type=\"hidden\" name=\"disabled\" value=\"0\"><button type=\"submit\" "
                "class=\"link\">Enable</button></form>");
    else
        H(page, "<input type=\"hidden\" name=\"disabled\" value=\"1\"><button type=\"submit\" "
                "class=\"link\">Disable</button></form>");
}

void page_user_role(struct web_request *r)
{
    enum user_role role = user_role_parse(formdata_get(&r->form, "role"));
    if (r->ids[0] == r->user.id) {
        users_page(r, 409, NULL, "You cannot change your own role; ask another admin.", NULL, NULL);
        return;
    }
    if (!role) {
        users_page(r, 400, NULL, "Choose a role: participant, facilitator or admin.", NULL, NULL);
        return;
    }
    int rc = store_user_set_role(r->db, r->ids[0], role);
    if (rc < 0)
        web_error(r, 500, "The role could not be saved.");
    else if (rc == 1)
        web_error(r, 404, "There is no such account.");
    else
        users_page(r, 200, NULL, NULL, "The role is changed.", NULL);
}

void page_user_disable(struct web_request *r)
{
    const char *v = formdata_get(&r->form, "disabled");
    if (r->ids[0] == r->user.id) {
        users_page(r, 409, NULL, "You cannot disable your own account.", NULL, NULL);
        return;
    }
    if (!v || (strcmp(v, "0") && strcmp(v, "1"))) {
        users_page(r, 400, NULL, "Say whether to disable (1) or enable (0) the account.", NULL,
                   NULL);
        return;
    }
    bool disable = strcmp(v, "1") == 0;
    /* Disabling ends the account's sessions at once, in the same transaction. */
    int rc = db_begin(r->db) != 0 ? -1 : store_user_set_disabled(r->db, r->ids[0], disable, r->now);
    if (rc == 0 && disable && store_sessions_delete_user(r->db, r->ids[0]) != 0)
        rc = -1;
    if (rc == 0 ? db_commit(r->db) != 0 : db_rollback(r->db) != 0)
        rc = -1;
    if (rc < 0)
        web_error(r, 500, "The account could not be changed.");
    else if (rc == 1)
        web_error(r, 404, "There is no such account.");
    else
        users_page(r, 200, NULL, NULL,
                   disable ? "The account is disabled." : "The account is enabled.", NULL);
}

/* Messages of the outbox the users page lists at most. */
#define USERS_MAIL_LIST_MAX 50

/* The bulk invitation form: one programme, every member without an account. */
static void invite_all_form(struct web_request *r, struct html *page)
{
    struct programme_summary *list = NULL;
    size_t count = 0;
    if (store_programmes_list(r->db, &list, &count) != 0 || count == 0) {
        programme_summaries_free(list, count);
        return;
    }
    H(page, "<form method=\"post\" action=\"/users/invite-all\" class=\"card\">\n"
            "<h2>Invite a whole programme</h2>\n<p class=\"hint\">Every member of the "
            "programme who has no account yet gets an invitation as a participant.</p>\n");
    html_csrf(page, r->csrf);
    H(page, "<p class=\"field\"><label for=\"f-programme\">Programme</label>\n<select "
            "id=\"f-programme\" name=\"programme\">");
    for (size_t i = 0; i < count; i++) {
        H(page, "<option value=\"");
        html_int(page, list[i].id);
        H(page, "\">");
        html_text(page, list[i].name);
        H(page, "</option>");
    }
    H(page, "</select></p>\n<p><button type=\"submit\">Invite everyone without an "
            "account</button></p>\n</form>\n");
    programme_summaries_free(list, count);
}

/* The mail that has not gone: waiting to be retried, or failed with the server's answer. */
static void mail_status(struct web_request *r, struct html *page)
{
    struct outbox_entry *list = NULL;
    size_t count = 0;
    if (store_outbox_list(r->db, true, USERS_MAIL_LIST_MAX, &list, &count) != 0 || !count) {
        store_outbox_entries_free(list, count);
        return;
    }
    H(page, "<h2>Mail not delivered yet</h2>\n<table class=\"list\" id=\"mail-unsent\"><thead>"
            "<tr><th scope=\"col\">To</th><th scope=\"col\">Subject</th><th scope=\"col\">"
            "State</th><th scope=\"col\">Attempts</th><th scope=\"col\">Server's answer</th>"
            "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < count; i++) {
        H(page, "<tr><td>");
        html_text(page, list[i].recipient);
        H(page, "</td><td>");
        html_text(page, list[i].subject);
        H(page, "</td><td>");
        if (strcmp(list[i].status, "failed") == 0)
            H(page, "failed");
        else
            H(page, "waiting");
        H(page, "</td><td>");
        html_int(page, list[i].attempts);
        H(page, "</td><td>");
        html_text(page, list[i].last_error ? list[i].last_error : "");
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
    store_outbox_entries_free(list, count);
}

/* LINK is a new invitation's token, LINKS "email link" lines of a bulk invitation (both shown
 * only when mail is off), MAILED a notice. Each may be NULL. */
static void users_page(struct web_request *r, int status, const char *link, const char *error,
                       const char *mailed, const char *links)
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
    bool mailing = r->config->mail && r->config->mail->enabled;
    if (mailed)
        html_notice(&page, false, mailed);
    if (links && *links && !mailing) {
        H(&page, "<p class=\"notice\" role=\"status\">Send each person their one-time link; "
                 "each sets a password and works for seven days:</p>\n<pre class=\"secret\" "
                 "id=\"invite-links\">");
        html_text(&page, links);
        H(&page, "</pre>\n");
    }
    if (link && !mailing) {
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
             "<th scope=\"col\">Password set</th><th scope=\"col\">Access</th></tr></thead>\n"
             "<tbody>\n");
    size_t i;
    json_t *u;
    json_array_foreach(users, i, u)
    {
        H(&page, "<tr><td>");
        html_text(&page, json_string_value(json_object_get(u, "email")));
        H(&page, "</td><td>");
        html_text(&page, json_string_value(json_object_get(u, "name")));
        H(&page, "</td><td>");
        user_role_form(r, &page, u);
        H(&page, "</td><td>");
        if (json_is_true(json_object_get(u, "has_password")))
            H(&page, "yes");
        else
            H(&page, "not yet");
        H(&page, "</td><td>");
        user_disable_form(r, &page, u);
        H(&page, "</td></tr>\n");
    }
    H(&page, "</tbody></table>\n");
    invite_all_form(r, &page);
    mail_status(r, &page);
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
    json_decref(users);
}

void page_users(struct web_request *r)
{
    users_page(r, 200, NULL, NULL, NULL, NULL);
}

/* Shared with the API: creates (or finds, when not yet active) the account for EMAIL with ROLE
 * and a one-time link token, and queues the invitation mail when mail is on. 0, 1 with
 * *PROBLEM for the user, -1 on error. */
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
    static const struct mail_config no_mail = {0};
    const struct mail_config *mail = r->config->mail ? r->config->mail : &no_mail;
    struct invite_result res;
    struct strbuf err = {0};
    enum status st = invite_one(r->db, mail, email, role, mail_link_base(mail, r->config->origin),
                                r->now, &res, &err);
    sb_free(&err);
    if (st == STATUS_CONFLICT) {
        *problem = "This email has an account already.";
        return 1;
    }
    if (st == STATUS_INVALID) {
        *problem = "Give a valid email address.";
        return 1;
    }
    if (st != STATUS_OK)
        return -1;
    str_copy(token, res.token, AUTH_TOKEN_SIZE);
    invite_result_clear(&res);
    return 0;
}

void page_user_invite(struct web_request *r)
{
    char token[AUTH_TOKEN_SIZE];
    const char *problem = NULL;
    int rc = web_invite(r, formdata_get(&r->form, "email"), formdata_get(&r->form, "role"), token,
                        &problem);
    bool mailing = r->config->mail && r->config->mail->enabled;
    if (rc < 0)
        web_error(r, 500, "The invitation could not be created.");
    else
        users_page(r, rc == 0 ? 200 : 400, rc == 0 ? token : NULL, problem,
                   rc == 0 && mailing ? "The invitation is on its way by mail." : NULL, NULL);
}

void page_users_invite_all(struct web_request *r)
{
    const char *id_text = formdata_get(&r->form, "programme");
    char *end = NULL;
    long long programme_id = id_text ? strtoll(id_text, &end, 10) : 0;
    if (!id_text || !*id_text || *end || programme_id <= 0) {
        users_page(r, 400, NULL, "Choose a programme.", NULL, NULL);
        return;
    }
    static const struct mail_config no_mail = {0};
    const struct mail_config *mail = r->config->mail ? r->config->mail : &no_mail;
    struct strbuf err = {0}, links = {0};
    long count = 0;
    enum status st =
        invite_programme(r->db, mail, programme_id, mail_link_base(mail, r->config->origin), r->now,
                         &count, &links, &err);
    if (st == STATUS_FAILED) {
        web_error(r, 500, "The invitations could not be created.");
    } else if (st != STATUS_OK) {
        users_page(r, 400, NULL, err.data ? err.data : "The invitations could not be made.", NULL,
                   NULL);
    } else {
        char *done = str_printf("%ld invitation(s) %s.", count,
                                mail->enabled ? "on their way by mail" : "made");
        users_page(r, 200, NULL, NULL, done ? done : "Done.", links.data);
        free(done);
    }
    sb_free(&err);
    sb_free(&links);
}
