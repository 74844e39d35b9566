/* Logging in and out, and setting a password from an invitation link. */
#include "web/http/web.h"

#include "app/mail/reset.h"
#include "store/store_accounts.h"

#include <stdlib.h>
#include <string.h>

/* The pre-login CSRF token: the form carries it, and so does a cookie only our pages set. */
static const char *pre_token(struct web_request *r, char fresh[AUTH_TOKEN_SIZE])
{
    if (r->pre_token && strlen(r->pre_token) == AUTH_TOKEN_LEN)
        return r->pre_token;
    auth_random_token(fresh);
    free(r->set_cookie);
    r->set_cookie = str_printf("sw_pre=%s; Path=/; HttpOnly; SameSite=Lax", fresh);
    return fresh;
}

static void login_page(struct web_request *r, int status, const char *email, const char *error)
{
    char fresh[AUTH_TOKEN_SIZE];
    const char *token = pre_token(r, fresh);
    struct html page = {0};
    html_page_begin(&page, "Log in", NULL);
    if (error)
        html_notice(&page, true, error);
    const char *done = formdata_get(&r->query, "done");
    if (done && strcmp(done, "password") == 0)
        html_notice(&page, false, "Your password is set. Log in with it now.");
    H(&page, "<form method=\"post\" action=\"/login\" class=\"card narrow\">\n");
    html_csrf(&page, token);
    html_input(&page, "email", "email", "Email", email, true);
    html_input(&page, "password", "password", "Password", NULL, true);
    H(&page, "<p><button type=\"submit\">Log in</button></p>\n<p><a href=\"/password-reset\">"
             "Forgot your password?</a></p>\n</form>\n");
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
}

void page_login_form(struct web_request *r)
{
    if (r->logged_in) {
        web_redirect(r, "/");
        return;
    }
    login_page(r, 200, NULL, NULL);
}

static void start_session(struct web_request *r, long long user_id)
{
    char token[AUTH_TOKEN_SIZE], csrf[AUTH_TOKEN_SIZE];
    /* Rotation: whatever session this browser had ends, and a new id is issued. */
    if (r->cookie_token)
        auth_session_end(r->db, r->cookie_token);
    /* Housekeeping on a write: sessions abandoned without logging out go at the next login. */
    if (auth_sessions_expire(r->db, r->now, r->config->session_idle, r->config->session_max) != 0 ||
        auth_session_start(r->db, user_id, r->now, token, csrf) != 0) {
        web_error(r, 500, "The session could not be started.");
        return;
    }
    free(r->set_cookie);
    r->set_cookie = str_printf("sw_session=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%ld", token,
                               r->config->session_max);
    web_redirect(r, "/");
}

void page_login(struct web_request *r)
{
    const char *email = formdata_get(&r->form, "email");
    const char *password = formdata_get(&r->form, "password");
    struct user user = {0};
    long wait = 0;
    switch (auth_login(r->db, email, password, r->address, r->now, &user, &wait)) {
    case AUTH_LOGIN_OK:
        start_session(r, user.id);
        user_clear(&user);
        return;
    case AUTH_LOGIN_BAD: login_page(r, 401, email, "The email or the password is wrong."); return;
    case AUTH_LOGIN_LIMITED: {
        char *msg = str_printf("Too many failed tries: wait %ld second%s, then try again, or "
                               "reset your password.",
                               wait, wait == 1 ? "" : "s");
        login_page(r, 429, email, msg ? msg : "Too many failed tries: wait, then try again.");
        free(msg);
        return;
    }
    case AUTH_LOGIN_ERROR: break;
    }
    web_error(r, 500, "Logging in failed because of a database error.");
}

static void end_session_cookie(struct web_request *r)
{
    free(r->set_cookie);
    r->set_cookie = str_printf("sw_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    web_redirect(r, "/login");
}

void page_logout(struct web_request *r)
{
    auth_session_end(r->db, r->cookie_token);
    end_session_cookie(r);
}

void page_logout_everywhere(struct web_request *r)
{
    store_sessions_delete_user(r->db, r->user.id);
    store_tokens_delete_user(r->db, r->user.id); /* a stolen token is a session too */
    end_session_cookie(r);
}

static void invitation_page(struct web_request *r, int status, const char *token, const char *error)
{
    char fresh[AUTH_TOKEN_SIZE];
    const char *csrf = pre_token(r, fresh);
    struct html page = {0};
    html_page_begin(&page, "Set your password", NULL);
    if (error)
        html_notice(&page, true, error);
    H(&page, "<form method=\"post\" action=\"/invitation\" class=\"card narrow\">\n");
    html_csrf(&page, csrf);
    H(&page, "<input type=\"hidden\" name=\"token\" value=\"");
    html_text(&page, token);
    H(&page, "\">\n<p class=\"hint\">At least 10 characters. A few words you can remember "
             "make a good password.</p>\n");
    html_input(&page, "password", "password", "New password", NULL, true);
    html_input(&page, "password", "confirm", "The same again", NULL, true);
    H(&page, "<p><button type=\"submit\">Set password</button></p>\n</form>\n");
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
}

void page_invitation_form(struct web_request *r)
{
    const char *token = formdata_get(&r->query, "token");
    char hash[AUTH_HASH_SIZE];
    if (!token || strlen(token) != AUTH_TOKEN_LEN) {
        web_error(r, 404, "This link is not valid.");
        return;
    }
    auth_hash_token(token, hash);
    if (store_invitation_check(r->db, hash, r->now) != 0) {
        web_error(r, 404,
                  "This link is not valid: it was used already or has expired. Ask "
                  "your programme lead for a new one.");
        return;
    }
    invitation_page(r, 200, token, NULL);
}

void page_invitation(struct web_request *r)
{
    const char *token = formdata_get(&r->form, "token");
    const char *password = formdata_get(&r->form, "password");
    const char *confirm = formdata_get(&r->form, "confirm");
    const char *problem = auth_password_problem(password);
    if (!problem && (!confirm || strcmp(password, confirm) != 0))
        problem = "The two passwords differ. Type the same password twice.";
    if (problem) {
        invitation_page(r, 400, token, problem);
        return;
    }
    long long user_id;
    int rc = auth_invitation_accept(r->db, token, password, r->now, &user_id);
    if (rc == 1)
        web_error(r, 404, "This link is not valid: it was used already or has expired.");
    else if (rc != 0)
        web_error(r, 500, "The password could not be saved.");
    else
        web_redirect(r, "/login?done=password");
}

static void reset_page(struct web_request *r, int status, const char *notice)
{
    char fresh[AUTH_TOKEN_SIZE];
    const char *csrf = pre_token(r, fresh);
    struct html page = {0};
    html_page_begin(&page, "Reset your password", NULL);
    if (notice)
        html_notice(&page, false, notice);
    H(&page, "<form method=\"post\" action=\"/password-reset\" class=\"card narrow\">\n");
    html_csrf(&page, csrf);
    H(&page, "<p class=\"hint\">We mail a link that lets you choose a new password. It works "
             "once, for one hour.</p>\n");
    html_input(&page, "email", "email", "Email", NULL, true);
    H(&page, "<p><button type=\"submit\">Mail me a link</button></p>\n<p><a href=\"/login\">"
             "Back to logging in</a></p>\n</form>\n");
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
}

void page_reset_form(struct web_request *r)
{
    reset_page(r, 200, NULL);
}

void page_reset(struct web_request *r)
{
    static const struct mail_config no_mail = {0};
    const struct mail_config *mail = r->config->mail ? r->config->mail : &no_mail;
    if (reset_request(r->db, mail, formdata_get(&r->form, "email"), r->address,
                      mail_link_base(mail, r->config->origin), r->now) != STATUS_OK) {
        web_error(r, 500, "The request could not be saved.");
        return;
    }
    /* The same answer whether the email has an account or not, and when over the limit. */
    reset_page(r, 200,
               mail->enabled ? "If an account has that email, a link to choose a new password "
                               "is on its way. It works once, for one hour."
                             : "This setwork does not send mail: ask your programme lead for a "
                               "new invitation link.");
}
