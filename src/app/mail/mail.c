/* Mail settings, queueing and the delivery pass. */
#include "app/mail/mail.h"

#include "core/token.h"
#include "io/mail/mime.h"
#include "io/mail/smtp.h"
#include "store/store_outbox.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void mail_config_free(struct mail_config *cfg)
{
    free(cfg->smtp_url);
    free(cfg->user);
    if (cfg->password) {
        memset(cfg->password, 0, strlen(cfg->password));
        free(cfg->password);
    }
    free(cfg->from);
    free(cfg->public_url);
    memset(cfg, 0, sizeof *cfg);
}

/* Reads the first line of PATH into *OUT (caller frees). 0, or -1 with ERR. */
static int read_password_file(const char *path, char **out, struct strbuf *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        sb_printf(err, "smtp_password_file %s: cannot read it: %s.", path, strerror(errno));
        return -1;
    }
    char buf[MAIL_PASSWORD_FILE_MAX + 1];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    if (n > MAIL_PASSWORD_FILE_MAX) {
        sb_printf(err, "smtp_password_file %s: larger than %d bytes; is it the right file?", path,
                  MAIL_PASSWORD_FILE_MAX);
        return -1;
    }
    buf[n] = '\0';
    buf[strcspn(buf, "\r\n")] = '\0';
    *out = strdup(buf);
    memset(buf, 0, sizeof buf);
    return *out ? 0 : -1;
}

enum status mail_config_load(const struct settings *s, struct mail_config *cfg, struct strbuf *err)
{
    memset(cfg, 0, sizeof *cfg);
    const char *url = settings_get(s, SETTING_SMTP_URL);
    const char *from = settings_get(s, SETTING_MAIL_FROM);
    const char *pwfile = settings_get(s, SETTING_SMTP_PASSWORD_FILE);
    cfg->smtp_url = strdup(url);
    cfg->user = strdup(settings_get(s, SETTING_SMTP_USER));
    cfg->from = strdup(from);
    cfg->public_url = strdup(settings_get(s, SETTING_PUBLIC_URL));
    if (!cfg->smtp_url || !cfg->user || !cfg->from || !cfg->public_url)
        goto oom;
    if (*pwfile) {
        if (read_password_file(pwfile, &cfg->password, err) != 0) {
            mail_config_free(cfg);
            return err->len ? STATUS_INVALID : STATUS_FAILED;
        }
    } else if (!(cfg->password = strdup(settings_get(s, SETTING_SMTP_PASSWORD)))) {
        goto oom;
    }
    if (!*url)
        return STATUS_OK;
    if (!*from || mail_bare_address(from, cfg->from_address, sizeof cfg->from_address) != 0) {
        sb_append(err, "setting smtp_url is set but mail_from is not a sender such as "
                       "sets@example.org: set mail_from (or SETWORK_MAIL_FROM).");
        mail_config_free(cfg);
        return STATUS_INVALID;
    }
    cfg->enabled = true;
    return STATUS_OK;
oom:
    mail_config_free(cfg);
    return STATUS_FAILED;
}

const char *mail_link_base(const struct mail_config *cfg, const char *fallback)
{
    return cfg->public_url && *cfg->public_url ? cfg->public_url : fallback;
}

enum status mail_queue(struct db *db, const struct mail_config *cfg, const struct mail_draft *d,
                       long long now, struct strbuf *err)
{
    char token[TOKEN_SIZE];
    token_random(token);
    const char *domain = strchr(cfg->from_address, '@');
    struct strbuf id = {0}, text = {0};
    sb_printf(&id, "%s%s", token, domain ? domain : "@setwork.invalid");
    /* base64url may hold '-' and '_', both fine in a Message-ID. */
    struct mail_message m = {
        .from = cfg->from,
        .to = d->to,
        .subject = d->subject,
        .text = d->text,
        .html = d->html,
        .calendar = d->calendar,
        .method = d->method,
        .list_unsubscribe = d->unsubscribe,
        .message_id = id.data,
        .date = now,
    };
    enum status result = STATUS_FAILED;
    const char *why = NULL;
    if (id.failed)
        goto out;
    if (mail_mime_build(&m, &text, &why) != 0) {
        if (text.failed)
            goto out;
        sb_printf(err, "the message to %s cannot be sent: %s.", d->to, why);
        result = STATUS_INVALID;
        goto out;
    }
    struct outbox_new row = {d->idem_key, d->kind, d->to, d->subject, id.data, text.data};
    long long row_id;
    if (store_outbox_add(db, &row, now, &row_id) < 0) {
        sb_append(err, db_errmsg(db));
        goto out;
    }
    result = STATUS_OK;
out:
    sb_free(&id);
    sb_free(&text);
    return result;
}

long mail_retry_delay(long attempts)
{
    long delay = MAIL_RETRY_FIRST_SECONDS;
    for (long i = 1; i < attempts && delay < MAIL_RETRY_MAX_SECONDS; i++)
        delay *= 2;
    return delay < MAIL_RETRY_MAX_SECONDS ? delay : MAIL_RETRY_MAX_SECONDS;
}

/* True when process PID is gone: its claim will never be finished. */
static bool process_gone(long long pid)
{
    return pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Sends one claimed message and records what happened. 0, or -1 on a store error. */
static int send_one(struct db *db, struct mail_smtp *smtp, const struct mail_config *cfg,
                    long long id, long long now, struct mail_pass_result *result, bool *unreachable)
{
    struct outbox_entry e;
    int rc = store_outbox_get(db, id, &e);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    struct strbuf answer = {0};
    enum mail_send_result sent =
        mail_smtp_send(smtp, cfg->from_address, e.recipient, e.message, strlen(e.message), &answer);
    const char *why = answer.data ? answer.data : "no answer";
    if (sent == MAIL_SENT) {
        rc = store_outbox_sent(db, id, now);
        result->sent++;
    } else if (sent != MAIL_PERMANENT && e.attempts < MAIL_MAX_ATTEMPTS) {
        rc = store_outbox_retry(db, id, now + mail_retry_delay(e.attempts), why);
        result->retried++;
    } else {
        rc = store_outbox_failed(db, id, why);
        result->failed++;
    }
    sb_free(&answer);
    store_outbox_entry_clear(&e);
    if (sent == MAIL_UNREACHABLE)
        *unreachable = true;
    return rc;
}

enum status mail_deliver(struct db *db, const struct mail_config *cfg, long long now, bool all,
                         struct mail_pass_result *result, struct strbuf *err)
{
    memset(result, 0, sizeof *result);
    if (!cfg->enabled)
        return STATUS_OK;
    long long self = (long long)getpid();
    struct outbox_entry *due = NULL;
    size_t count = 0;
    if (store_outbox_due(db, now, all, now - MAIL_CLAIM_STALE_SECONDS, self, MAIL_PASS_MAX, &due,
                         &count) != 0) {
        sb_append(err, db_errmsg(db));
        return STATUS_FAILED;
    }
    struct mail_smtp *smtp = count ? mail_smtp_open(cfg->smtp_url, cfg->user, cfg->password) : NULL;
    enum status status = count && !smtp ? STATUS_FAILED : STATUS_OK;
    bool unreachable = false;
    /* When the server cannot be reached, the rest wait for the next pass instead of each
     * waiting for its own connection timeout. */
    for (size_t i = 0; status == STATUS_OK && !unreachable && i < count; i++) {
        long long old = 0;
        if (strcmp(due[i].status, "sending") == 0) {
            /* Another sender's claim: take it back only when that sender died (or the claim is
             * stale, which store_outbox_due let through with our own pid too). */
            if (due[i].claimed_by != self && !process_gone(due[i].claimed_by) &&
                due[i].claimed_at >= now - MAIL_CLAIM_STALE_SECONDS)
                continue;
            old = due[i].claimed_by;
        }
        /* The claim is committed before the server is asked, so that a crash mid-send leaves
         * a claim to take back rather than a message nobody owns. */
        int rc = store_outbox_claim(db, due[i].id, self, old, now);
        if (rc < 0)
            status = STATUS_FAILED;
        else if (rc == 0 && send_one(db, smtp, cfg, due[i].id, now, result, &unreachable) != 0)
            status = STATUS_FAILED;
    }
    if (status == STATUS_FAILED)
        sb_append(err, smtp || !count ? db_errmsg(db) : "out of memory");
    mail_smtp_close(smtp);
    store_outbox_entries_free(due, count);
    return status;
}
