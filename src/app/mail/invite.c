/* Invitations and their mail, written in one transaction with the account and its link. */
#include "app/mail/invite.h"

#include "core/token.h"
#include "core/xml_escape.h"

#include <stdlib.h>
#include <string.h>

void invite_result_clear(struct invite_result *r)
{
    free(r->link);
    memset(r, 0, sizeof *r);
}

/* Queues the invitation mail for EMAIL (NAME may equal it) with LINK. */
static enum status queue_invitation(struct db *db, const struct mail_config *cfg, const char *email,
                                    const char *name, const char *link, const char *hash,
                                    long long now, struct strbuf *err)
{
    struct strbuf key = {0}, text = {0}, html = {0};
    sb_printf(&key, "invitation:%s:%s", hash, email);
    sb_printf(&text,
              "Hello %s,\n\n"
              "You are invited to setwork, where your programme's action learning sets meet.\n"
              "Choose your password with this link (it works once, for seven days):\n\n"
              "%s\n\n"
              "If you did not expect this mail, you can ignore it.\n",
              name, link);
    sb_append(&html, "<!DOCTYPE html><html><body><p>Hello ");
    xml_escape_text(&html, name);
    sb_append(&html, ",</p><p>You are invited to setwork, where your programme's action learning "
                     "sets meet. Choose your password with this link (it works once, for seven "
                     "days):</p><p><a href=\"");
    xml_escape_attr(&html, link);
    sb_append(&html, "\">Choose my password</a></p><p>If you did not expect this mail, you can "
                     "ignore it.</p></body></html>\n");
    enum status st = STATUS_FAILED;
    if (!key.failed && !text.failed && !html.failed) {
        struct mail_draft d = {.kind = "invitation",
                               .idem_key = key.data,
                               .to = email,
                               .subject = "Your invitation to setwork",
                               .text = text.data,
                               .html = html.data};
        st = mail_queue(db, cfg, &d, now, err);
    }
    sb_free(&key);
    sb_free(&text);
    sb_free(&html);
    return st;
}

/* The invitation itself, inside the caller's transaction. */
static enum status invite_in_tx(struct db *db, const struct mail_config *cfg, const char *email,
                                const char *name, enum user_role role, const char *base,
                                long long now, struct invite_result *out, struct strbuf *err)
{
    struct user found = {0};
    long long id = 0;
    int rc = store_user_by_email(db, email, &found, NULL);
    if (rc < 0)
        return STATUS_FAILED;
    if (rc == 0) {
        id = found.id;
        user_clear(&found);
        rc = store_user_has_password(db, id);
        if (rc < 0)
            return STATUS_FAILED;
        if (rc == 0) {
            sb_printf(err,
                      "%s has an account already; they can reset their password from the "
                      "login page.",
                      email);
            return STATUS_CONFLICT;
        }
        out->resent = true;
    } else if (store_user_create(db, email, role, NULL, &id) != 0) {
        return STATUS_FAILED;
    }
    char token[TOKEN_SIZE], hash[TOKEN_HASH_SIZE];
    token_random(token);
    token_hash(token, hash);
    if (store_invitation_create(db, hash, id, now, now + ACCOUNT_INVITATION_SECONDS) != 0)
        return STATUS_FAILED;
    str_copy(out->token, token, sizeof out->token);
    out->link = str_printf("%s/invitation?token=%s", base, token);
    if (!out->link)
        return STATUS_FAILED;
    if (!cfg->enabled)
        return STATUS_OK;
    enum status st =
        queue_invitation(db, cfg, email, name ? name : email, out->link, hash, now, err);
    out->queued = st == STATUS_OK;
    return st;
}

/* A plain address: something@something, no spaces, no angle brackets or commas. */
static bool plain_email(const char *email)
{
    const char *at = strchr(email, '@');
    return at && at != email && at[1] && !strchr(at + 1, '@') && !strpbrk(email, " \t<>,;\"()") &&
           strlen(email) <= 254;
}

enum status invite_one(struct db *db, const struct mail_config *cfg, const char *email,
                       enum user_role role, const char *base, long long now,
                       struct invite_result *out, struct strbuf *err)
{
    memset(out, 0, sizeof *out);
    if (!plain_email(email)) {
        sb_printf(err, "'%s' is not a mail address such as ana@example.org.", email);
        return STATUS_INVALID;
    }
    if (db_begin(db) != 0)
        return STATUS_FAILED;
    enum status st = invite_in_tx(db, cfg, email, NULL, role, base, now, out, err);
    if (st == STATUS_OK ? db_commit(db) != 0 : db_rollback(db) != 0)
        st = STATUS_FAILED;
    if (st != STATUS_OK)
        invite_result_clear(out);
    return st;
}

enum status invite_programme(struct db *db, const struct mail_config *cfg, long long programme_id,
                             const char *base, long long now, long *count, struct strbuf *links,
                             struct strbuf *err)
{
    struct store_user_entry *people = NULL;
    size_t n = 0;
    *count = 0;
    if (db_begin(db) != 0)
        return STATUS_FAILED;
    enum status st = STATUS_OK;
    if (store_programme_people_without_account(db, programme_id, &people, &n) != 0)
        st = STATUS_FAILED;
    for (size_t i = 0; st == STATUS_OK && i < n; i++) {
        struct invite_result r;
        memset(&r, 0, sizeof r);
        if (!plain_email(people[i].email)) {
            sb_printf(err,
                      "'%s' is not a mail address such as ana@example.org; correct it in "
                      "the cohort and invite again.",
                      people[i].email);
            st = STATUS_INVALID;
            break;
        }
        st = invite_in_tx(db, cfg, people[i].email, people[i].name, ROLE_PARTICIPANT, base, now, &r,
                          err);
        if (st == STATUS_OK && links)
            sb_printf(links, "%s %s\n", people[i].email, r.link);
        invite_result_clear(&r);
    }
    if (st == STATUS_OK)
        *count = (long)n;
    if (st == STATUS_OK ? db_commit(db) != 0 : db_rollback(db) != 0)
        st = STATUS_FAILED;
    store_user_entries_free(people, n);
    return st;
}
