/* Reminders as mail: meeting invitations with their iCalendar part, actions falling due and
 * set-change notices, each with a one-click unsubscribe link (RFC 8058). */
#include "app/mail/reminders.h"

#include "core/token.h"
#include "core/xml_escape.h"
#include "engine/meetings/series.h"
#include "io/export/ics.h"
#include "store/store_outbox.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DAY_SECONDS 86400

enum reminder_kind reminder_decide(const struct reminder_row *r, int64_t now, int *sequence)
{
    bool coming = r->member && !r->cancelled;
    bool sent = r->sent_sequence >= 0;
    if (coming) {
        int seq = r->sequence;
        if (sent && r->sent_cancelled && seq <= r->sent_sequence)
            seq = r->sent_sequence + 1; /* back after a cancellation: above the CANCEL */
        *sequence = seq;
        if (sent)
            return r->sent_cancelled || seq > r->sent_sequence ? REMINDER_REQUEST : REMINDER_NONE;
        bool within =
            r->reminder_days > 0 && r->starts <= now + (int64_t)r->reminder_days * DAY_SECONDS;
        return within ? REMINDER_REQUEST : REMINDER_NONE;
    }
    if (!sent || r->sent_cancelled)
        return REMINDER_NONE;
    int seq = r->cancelled ? r->sequence : r->sequence + 1;
    *sequence = seq > r->sent_sequence ? seq : r->sent_sequence + 1;
    return REMINDER_CANCEL;
}

/* A message with its unsubscribe link, in the caller's transaction. Strings borrowed; the text
 * and HTML get the link appended. */
struct reminder_mail {
    const char *kind, *key, *to, *subject, *text, *html, *calendar, *method;
};

static enum status queue_with_unsubscribe(struct db *db, const struct mail_config *cfg,
                                          const char *base, const struct reminder_mail *m,
                                          int64_t now, struct strbuf *err)
{
    char token[TOKEN_SIZE], hash[TOKEN_HASH_SIZE];
    token_random(token);
    token_hash(token, hash);
    struct strbuf url = {0}, text = {0}, html = {0};
    sb_printf(&url, "%s/unsubscribe?token=%s", base, token);
    sb_printf(&text, "%s\n--\nTo stop these reminders (mail about your account still comes):\n%s\n",
              m->text, url.data ? url.data : "");
    sb_printf(&html, "<!DOCTYPE html><html><body>%s<hr><p><a href=\"", m->html);
    xml_escape_attr(&html, url.data ? url.data : "");
    sb_append(&html, "\">Stop these reminders</a> (mail about your account still comes).</p>"
                     "</body></html>\n");
    enum status st = STATUS_FAILED;
    if (url.failed || text.failed || html.failed)
        goto out;
    struct mail_draft d = {.kind = m->kind,
                           .idem_key = m->key,
                           .to = m->to,
                           .subject = m->subject,
                           .text = text.data,
                           .html = html.data,
                           .calendar = m->calendar,
                           .method = m->method,
                           .unsubscribe = url.data};
    st = mail_queue(db, cfg, &d, now, err);
    if (st == STATUS_OK && store_unsubscribe_add(db, hash, m->to, now) != 0) {
        sb_append(err, db_errmsg(db));
        st = STATUS_FAILED;
    }
out:
    sb_free(&url);
    sb_free(&text);
    sb_free(&html);
    return st;
}

/* A message that cannot be built (an address the mail layer refuses) is skipped, so that one
 * bad address does not hold back everyone else's reminders; ERR keeps the first reason. Any
 * other failure is passed on with its reason. Empties WHY. */
static enum status skip_invalid(enum status st, struct strbuf *why, struct strbuf *err,
                                long *skipped)
{
    if (st == STATUS_INVALID) {
        (*skipped)++;
        if (!err->len)
            sb_append(err, why->data ? why->data : "a message could not be built");
        st = STATUS_OK;
    } else if (st != STATUS_OK && why->len) {
        sb_append(err, why->data);
    }
    sb_free(why);
    return st;
}

/* "2026-03-03 10:00 (Europe/London)": the meeting's wall-clock time in its own zone. */
static void local_time(struct strbuf *out, const char *tzid, int64_t t)
{
    struct meet_local l = {1970, 1, 1, 0, 0};
    if (meet_tz_from_utc(tzid, t, &l) != 0) {
        meet_tz_from_utc("UTC", t, &l);
        tzid = "UTC";
    }
    sb_printf(out, "%04d-%02d-%02d %02d:%02d (%s)", l.year, l.month, l.day, l.hour, l.minute, tzid);
}

static enum status queue_meeting(struct db *db, const struct mail_config *cfg, const char *base,
                                 const struct reminder_row *r, enum reminder_kind kind,
                                 int sequence, int64_t now, struct strbuf *err)
{
    bool cancel = kind == REMINDER_CANCEL;
    bool update = !cancel && r->sent_sequence >= 0;
    struct strbuf summary = {0}, when = {0}, subject = {0}, key = {0}, text = {0}, html = {0};
    sb_printf(&summary, "Action learning: %s (%s)", r->set_name, r->programme_name);
    local_time(&when, r->tzid, r->starts);
    sb_printf(&subject, "%s%s, %s",
              cancel   ? "Cancelled: "
              : update ? "Moved: "
                       : "Reminder: ",
              summary.data ? summary.data : "", when.data ? when.data : "");
    sb_printf(&key, "reminder:%s:%s:%d:%s", cancel ? "CANCEL" : "REQUEST", r->uid, sequence,
              r->email);
    const char *what = cancel   ? (r->cancelled ? "is cancelled"
                                                : "is no longer yours: you have "
                                                  "left the set")
                       : update ? "has moved; it now starts"
                                : "starts";
    sb_printf(&text, "Hello %s,\n\nThe meeting of %s %s %s.\n", r->name, r->set_name, what,
              cancel      ? ""
              : when.data ? when.data
                          : "");
    if (!cancel && *r->location)
        sb_printf(&text, "Where: %s\n", r->location);
    if (!cancel && *r->link)
        sb_printf(&text, "Online: %s\n", r->link);
    sb_append(&text, cancel ? "Your calendar removes it with the attached invitation.\n"
                            : "The attached invitation puts it in your calendar.\n");
    sb_append(&html, "<p>Hello ");
    xml_escape_text(&html, r->name);
    sb_append(&html, ",</p><p>The meeting of ");
    xml_escape_text(&html, r->set_name);
    sb_append(&html, " ");
    xml_escape_text(&html, what);
    if (!cancel) {
        sb_append(&html, " ");
        xml_escape_text(&html, when.data ? when.data : "");
    }
    sb_append(&html, ".</p>");
    if (!cancel && *r->location) {
        sb_append(&html, "<p>Where: ");
        xml_escape_text(&html, r->location);
        sb_append(&html, "</p>");
    }
    if (!cancel && *r->link) {
        sb_append(&html, "<p>Online: <a href=\"");
        xml_escape_attr(&html, r->link);
        sb_append(&html, "\">");
        xml_escape_text(&html, r->link);
        sb_append(&html, "</a></p>");
    }
    struct meet_ics_event ev = {r->uid,       sequence,    r->starts, r->ends,
                                summary.data, r->location, r->link,   cancel};
    struct meet_ics_imip who = {cfg->from_address, r->programme_name, r->email, r->name};
    char *cal = summary.data ? meet_ics_build_imip(&ev, cancel, &who, now) : NULL;
    enum status st = STATUS_FAILED;
    if (cal && !subject.failed && !key.failed && !text.failed && !html.failed) {
        struct reminder_mail m = {"reminder", key.data,  r->email, subject.data,
                                  text.data,  html.data, cal,      cancel ? "CANCEL" : "REQUEST"};
        st = queue_with_unsubscribe(db, cfg, base, &m, now, err);
    }
    if (st == STATUS_OK &&
        store_reminder_sent(db, r->meeting_id, r->email, sequence, cancel, now) != 0)
        st = STATUS_FAILED;
    free(cal);
    sb_free(&summary);
    sb_free(&when);
    sb_free(&subject);
    sb_free(&key);
    sb_free(&text);
    sb_free(&html);
    return st;
}

static enum status queue_meetings(struct db *db, const struct mail_config *cfg, const char *base,
                                  int64_t now, struct reminder_pass *out, struct strbuf *err)
{
    struct reminder_row *rows = NULL;
    size_t n = 0;
    if (store_reminder_rows(db, now, &rows, &n) != 0)
        return STATUS_FAILED;
    enum status st = STATUS_OK;
    for (size_t i = 0; st == STATUS_OK && i < n; i++) {
        int seq = 0;
        enum reminder_kind kind = reminder_decide(&rows[i], now, &seq);
        if (kind == REMINDER_NONE)
            continue;
        struct strbuf why = {0};
        st = queue_meeting(db, cfg, base, &rows[i], kind, seq, now, &why);
        bool invalid = st == STATUS_INVALID;
        st = skip_invalid(st, &why, err, &out->skipped);
        if (st != STATUS_OK || invalid)
            continue;
        if (kind == REMINDER_CANCEL)
            out->cancellations++;
        else if (rows[i].sent_sequence >= 0)
            out->updates++;
        else
            out->invitations++;
    }
    store_reminder_rows_free(rows, n);
    return st;
}

static enum status queue_actions(struct db *db, const struct mail_config *cfg, const char *base,
                                 int64_t now, struct reminder_pass *out, struct strbuf *err)
{
    char today[16];
    time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    struct action_due_row *rows = NULL;
    size_t n = 0;
    if (store_actions_due(db, today, &rows, &n) != 0)
        return STATUS_FAILED;
    enum status st = STATUS_OK;
    for (size_t i = 0; st == STATUS_OK && i < n; i++) {
        const struct action_due_row *a = &rows[i];
        struct strbuf key = {0}, subject = {0}, text = {0}, html = {0};
        /* Once per action and due date: a new due date is a new reminder. */
        sb_printf(&key, "action_due:%lld:%s:%s", a->id, a->due_on, a->email);
        sb_printf(&subject, "Your action falls due on %s", a->due_on);
        sb_printf(&text,
                  "Hello %s,\n\nThe action you took on in %s falls due on %s:\n\n  %s\n\n"
                  "You report back on it at your set's next meeting.\n",
                  a->name, a->set_name, a->due_on, a->body);
        sb_append(&html, "<p>Hello ");
        xml_escape_text(&html, a->name);
        sb_append(&html, ",</p><p>The action you took on in ");
        xml_escape_text(&html, a->set_name);
        sb_append(&html, " falls due on ");
        xml_escape_text(&html, a->due_on);
        sb_append(&html, ":</p><blockquote>");
        xml_escape_text(&html, a->body);
        sb_append(&html, "</blockquote><p>You report back on it at your set's next meeting.</p>");
        st = STATUS_FAILED;
        if (!key.failed && !subject.failed && !text.failed && !html.failed) {
            struct reminder_mail m = {"action_due", key.data,  a->email, subject.data,
                                      text.data,    html.data, NULL,     NULL};
            struct strbuf why = {0};
            st = queue_with_unsubscribe(db, cfg, base, &m, now, &why);
            if (st == STATUS_OK)
                out->actions++;
            st = skip_invalid(st, &why, err, &out->skipped);
        }
        sb_free(&key);
        sb_free(&subject);
        sb_free(&text);
        sb_free(&html);
    }
    store_action_due_rows_free(rows, n);
    return st;
}

static enum status queue_notices(struct db *db, const struct mail_config *cfg, const char *base,
                                 int64_t now, struct reminder_pass *out, struct strbuf *err)
{
    struct notice_row *rows = NULL;
    size_t n = 0;
    if (store_notices_unmailed(db, &rows, &n) != 0)
        return STATUS_FAILED;
    enum status st = STATUS_OK;
    for (size_t i = 0; st == STATUS_OK && i < n; i++) {
        const struct notice_row *r = &rows[i];
        bool invalid = false;
        /* Someone who turned reminders off is not sent it, and not later either. */
        if (!r->opted_out) {
            struct strbuf key = {0}, subject = {0}, text = {0}, html = {0};
            sb_printf(&key, "notice:%lld:%s", r->id, r->email);
            sb_printf(&subject, "Your set in %s has changed", r->programme_name);
            sb_printf(&text, "Hello %s,\n\n%s\n", r->name, r->body);
            sb_append(&html, "<p>Hello ");
            xml_escape_text(&html, r->name);
            sb_append(&html, ",</p><p>");
            xml_escape_text(&html, r->body);
            sb_append(&html, "</p>");
            st = STATUS_FAILED;
            if (!key.failed && !subject.failed && !text.failed && !html.failed) {
                struct reminder_mail m = {"notice",  key.data,  r->email, subject.data,
                                          text.data, html.data, NULL,     NULL};
                struct strbuf why = {0};
                st = queue_with_unsubscribe(db, cfg, base, &m, now, &why);
                if (st == STATUS_OK)
                    out->notices++;
                invalid = st == STATUS_INVALID;
                st = skip_invalid(st, &why, err, &out->skipped);
            }
            sb_free(&key);
            sb_free(&subject);
            sb_free(&text);
            sb_free(&html);
        }
        if (st == STATUS_OK && !invalid && store_notice_mailed(db, r->id, now) != 0)
            st = STATUS_FAILED;
    }
    store_notice_rows_free(rows, n);
    return st;
}

enum status reminders_queue(struct db *db, const struct mail_config *cfg, const char *base,
                            int64_t now, struct reminder_pass *out, struct strbuf *err)
{
    memset(out, 0, sizeof *out);
    if (!cfg->enabled)
        return STATUS_OK;
    if (db_begin(db) != 0) {
        sb_append(err, db_errmsg(db));
        return STATUS_FAILED;
    }
    enum status st = queue_meetings(db, cfg, base, now, out, err);
    if (st == STATUS_OK)
        st = queue_actions(db, cfg, base, now, out, err);
    if (st == STATUS_OK)
        st = queue_notices(db, cfg, base, now, out, err);
    if (st != STATUS_OK && !err->len)
        sb_append(err, db_errmsg(db));
    if (st == STATUS_OK ? db_commit(db) != 0 : db_rollback(db) != 0)
        st = STATUS_FAILED;
    if (st != STATUS_OK)
        memset(out, 0, sizeof *out);
    return st;
}

enum status reminders_unsubscribe_email(struct db *db, const char *token, char *email, size_t size)
{
    if (!token || strlen(token) != TOKEN_LEN)
        return STATUS_NOT_FOUND;
    char hash[TOKEN_HASH_SIZE];
    token_hash(token, hash);
    int rc = store_unsubscribe_email(db, hash, email, size);
    return rc == 0 ? STATUS_OK : rc == 1 ? STATUS_NOT_FOUND : STATUS_FAILED;
}

enum status reminders_unsubscribe(struct db *db, const char *token, int64_t now, char *email,
                                  size_t size)
{
    enum status st = reminders_unsubscribe_email(db, token, email, size);
    if (st != STATUS_OK)
        return st;
    return store_mail_optout(db, email, true, now) == 0 ? STATUS_OK : STATUS_FAILED;
}

enum status reminders_set_optout(struct db *db, const char *email, bool off, int64_t now)
{
    return store_mail_optout(db, email, off, now) == 0 ? STATUS_OK : STATUS_FAILED;
}
