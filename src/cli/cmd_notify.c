/* `setwork notify`: one delivery pass over the outbox, for cron or a systemd timer, and the
 * list of messages that are waiting or failed. */
#include "cli/cli.h"

#include "app/mail/mail.h"
#include "app/mail/reminders.h"
#include "store/store_outbox.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* `notify --list` shows at most this many messages. */
#define NOTIFY_LIST_MAX 200

static void print_time(const char *label, long long t)
{
    char buf[32];
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    printf(" %s %s", label, buf);
}

static int list_outbox(struct db *db, bool json)
{
    struct outbox_entry *list;
    size_t count;
    if (store_outbox_list(db, true, NOTIFY_LIST_MAX, &list, &count) != 0)
        return cli_user_error(&command_notify, "%s", db_errmsg(db));
    json_t *arr = json ? json_array() : NULL;
    for (size_t i = 0; i < count; i++) {
        const struct outbox_entry *e = &list[i];
        if (arr) {
            json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:I, s:s?}", "id",
                                                 (json_int_t)e->id, "kind", e->kind, "to",
                                                 e->recipient, "subject", e->subject, "status",
                                                 e->status, "attempts", (int)e->attempts, "next_at",
                                                 (json_int_t)e->next_at, "error", e->last_error));
            continue;
        }
        printf("%-8s %-10s %s \"%s\" attempts %ld", e->status, e->kind, e->recipient, e->subject,
               e->attempts);
        if (strcmp(e->status, "pending") == 0)
            print_time("next", e->next_at);
        if (e->last_error)
            printf(": %s", e->last_error);
        printf("\n");
    }
    if (arr) {
        cli_print_json(arr); /* takes the reference */
    } else if (!count) {
        printf("nothing waiting or failed\n");
    }
    store_outbox_entries_free(list, count);
    return CLI_OK;
}

static int run_notify(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"retry", no_argument, NULL, 'r'},
        {"list", no_argument, NULL, 'l'},
        {"json", no_argument, NULL, 'j'},
        {0, 0, 0, 0},
    };
    bool retry = false, list = false, json = false;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'r': retry = true; break;
        case 'l': list = true; break;
        case 'j': json = true; break;
        default: return cli_usage_error(&command_notify, "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error(&command_notify, "takes no arguments");
    struct db *db = cli_open_db(&command_notify, ctx);
    if (!db)
        return CLI_USER;
    int status = CLI_OK;
    struct mail_config cfg;
    struct strbuf err = {0};
    if (list) {
        status = list_outbox(db, json);
        goto out_db;
    }
    if (mail_config_load(ctx->settings, &cfg, &err) != STATUS_OK) {
        status = cli_user_error(&command_notify, "%s", err.data ? err.data : "out of memory");
        goto out_db;
    }
    if (!cfg.enabled) {
        status = cli_user_error(&command_notify,
                                "no mail server: set smtp_url and mail_from (or SETWORK_SMTP_URL "
                                "and SETWORK_MAIL_FROM)");
        goto out;
    }
    /* Reminders first, so that what falls due now goes out in this pass. */
    long long now = (long long)time(NULL);
    struct reminder_pass q;
    if (reminders_queue(db, &cfg, mail_link_base(&cfg, "http://127.0.0.1:8080"), now, &q, &err) !=
        STATUS_OK) {
        status = cli_user_error(&command_notify, "%s", err.data ? err.data : "cannot queue");
        goto out;
    }
    if (q.skipped)
        fprintf(stderr, "setwork notify: skipped %ld reminder(s): %s\n", q.skipped,
                err.data ? err.data : "");
    sb_reset(&err);
    struct mail_pass_result r;
    if (mail_deliver(db, &cfg, now, retry, &r, &err) != STATUS_OK) {
        status = cli_user_error(&command_notify, "%s", err.data ? err.data : "cannot send");
        goto out;
    }
    if (json) {
        json_t *o =
            json_pack("{s:i, s:i, s:i, s:{s:i, s:i, s:i, s:i, s:i}}", "sent", (int)r.sent, "retry",
                      (int)r.retried, "failed", (int)r.failed, "queued", "invitations",
                      (int)q.invitations, "updates", (int)q.updates, "cancellations",
                      (int)q.cancellations, "actions", (int)q.actions, "notices", (int)q.notices);
        cli_print_json(o);
    } else {
        printf("sent %ld, to retry %ld, failed %ld\n", r.sent, r.retried, r.failed);
        if (q.invitations || q.updates || q.cancellations || q.actions || q.notices)
            printf("queued %ld meeting invitation(s), %ld update(s), %ld cancellation(s), %ld "
                   "action(s) falling due, %ld set-change notice(s)\n",
                   q.invitations, q.updates, q.cancellations, q.actions, q.notices);
    }
out:
    mail_config_free(&cfg);
out_db:
    sb_free(&err);
    db_close(db);
    return status;
}

const struct command command_notify = {
    .name = "notify",
    .summary = "Send the mail that is due (one pass, for cron)",
    .help = "usage: setwork notify [--retry] [--json]\n"
            "       setwork notify --list [--json]\n\n"
            "Queues the reminders that are due (meeting invitations with an iCalendar part\n"
            "reminder_days before each meeting, updates after a move, cancellations; actions\n"
            "falling due; set-change notices), each once, then sends every message of the\n"
            "outbox that is due, once, and exits: for cron or a\n"
            "systemd timer ('setwork serve' sends as well, every few seconds). A message that\n"
            "meets a temporary failure (no connection, a 4xx answer) waits 1, 2, 4... minutes\n"
            "(at most 6 hours) and is tried again, 10 times at most; a 5xx answer fails it for\n"
            "good, with the server's answer recorded. --retry sends the waiting ones now too.\n"
            "--list shows the messages waiting or failed, with the server's answer.\n"
            "Needs the settings smtp_url and mail_from (SETWORK_SMTP_URL, SETWORK_MAIL_FROM);\n"
            "smtp_user and smtp_password or smtp_password_file when the server wants a login.\n",
    .run = run_notify,
};
