/* Password reset: the link is an invitation row that expires in an hour, so the invitation
 * page sets the password and ends the other sessions. */
#include "app/mail/reset.h"

#include "core/token.h"
#include "core/xml_escape.h"
#include "store/store_accounts.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Counts a request under KEY and says whether it is within MAX. 0 within, 1 over, -1 error. */
static int over_limit(struct db *db, const char *key, long max, long long now)
{
    long n = 0;
    if (store_login_failures(db, key, now - RESET_WINDOW_SECONDS, &n) != 0 ||
        store_login_failure(db, key, now) != 0)
        return -1;
    return n >= max ? 1 : 0;
}

static enum status queue_reset(struct db *db, const struct mail_config *cfg, const char *email,
                               const char *link, const char *hash, long long now)
{
    struct strbuf key = {0}, text = {0}, html = {0}, err = {0};
    sb_printf(&key, "reset:%s:%s", hash, email);
    sb_printf(&text,
              "Someone, probably you, asked to reset the password of your setwork account.\n"
              "Choose a new password with this link (it works once, for one hour):\n\n%s\n\n"
              "If you did not ask, ignore this mail: your password stays as it is.\n",
              link);
    sb_append(&html, "<!DOCTYPE html><html><body><p>Someone, probably you, asked to reset the "
                     "password of your setwork account. Choose a new password with this link (it "
                     "works once, for one hour):</p><p><a href=\"");
    xml_escape_attr(&html, link);
    sb_append(&html, "\">Choose a new password</a></p><p>If you did not ask, ignore this mail: "
                     "your password stays as it is.</p></body></html>\n");
    enum status st = STATUS_FAILED;
    if (!key.failed && !text.failed && !html.failed) {
        struct mail_draft d = {.kind = "reset",
                               .idem_key = key.data,
                               .to = email,
                               .subject = "Reset your setwork password",
                               .text = text.data,
                               .html = html.data};
        st = mail_queue(db, cfg, &d, now, &err);
    }
    sb_free(&key);
    sb_free(&text);
    sb_free(&html);
    sb_free(&err);
    return st;
}

enum status reset_request(struct db *db, const struct mail_config *cfg, const char *email,
                          const char *address, const char *base, long long now)
{
    if (!email || !*email || strlen(email) > 254)
        return STATUS_OK;
    char *email_key = str_printf("reset:%s", email);
    char *address_key = str_printf("reset-addr:%s", address ? address : "");
    enum status st = STATUS_FAILED;
    if (!email_key || !address_key || db_begin(db) != 0)
        goto out;
    str_lower(email_key);
    int by_email = over_limit(db, email_key, RESET_MAX_PER_EMAIL, now);
    int by_address = over_limit(db, address_key, RESET_MAX_PER_ADDRESS, now);
    struct user u = {0};
    int found = by_email == 0 && by_address == 0 ? store_user_by_email(db, email, &u, NULL) : 1;
    if (by_email < 0 || by_address < 0 || found < 0) {
        db_rollback(db);
        goto out;
    }
    st = STATUS_OK;
    if (found == 0 && cfg->enabled) {
        char token[TOKEN_SIZE], hash[TOKEN_HASH_SIZE];
        token_random(token);
        token_hash(token, hash);
        char *link = str_printf("%s/invitation?token=%s", base, token);
        if (!link || store_invitation_create(db, hash, u.id, now, now + RESET_LINK_SECONDS) != 0)
            st = STATUS_FAILED;
        else
            st = queue_reset(db, cfg, u.email, link, hash, now);
        free(link);
    }
    if (found == 0)
        user_clear(&u);
    /* The attempts are kept even when nothing was sent, so that the limit holds. */
    if (st == STATUS_OK ? db_commit(db) != 0 : db_rollback(db) != 0)
        st = STATUS_FAILED;
out:
    free(email_key);
    free(address_key);
    return st;
}
