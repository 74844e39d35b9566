/* The sender thread: passes over the outbox, sleeping on a condition so that stopping is
 * immediate between passes. */
#include "app/mail/sender.h"

#include "app/mail/reminders.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct mail_sender {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    struct db *db;
    struct mail_config cfg;
};

static char *copy(const char *s)
{
    return strdup(s ? s : "");
}

static void *run(void *arg)
{
    struct mail_sender *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->stop) {
        pthread_mutex_unlock(&s->lock);
        struct mail_pass_result r;
        struct reminder_pass q;
        struct strbuf err = {0};
        if (reminders_queue(s->db, &s->cfg, mail_link_base(&s->cfg, "http://127.0.0.1:8080"),
                            (int64_t)time(NULL), &q, &err) != STATUS_OK) {
            fprintf(stderr, "setwork: reminders: %s\n", err.data ? err.data : "cannot queue");
        } else if (q.skipped) {
            fprintf(stderr, "setwork: reminders: skipped %ld: %s\n", q.skipped,
                    err.data ? err.data : "");
        }
        sb_reset(&err);
        if (mail_deliver(s->db, &s->cfg, (long long)time(NULL), false, &r, &err) != STATUS_OK)
            fprintf(stderr, "setwork: mail: %s\n", err.data ? err.data : "cannot send");
        else if (r.sent || r.retried || r.failed)
            fprintf(stderr, "setwork: mail: sent %ld, to retry %ld, failed %ld\n", r.sent,
                    r.retried, r.failed);
        sb_free(&err);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += MAIL_SENDER_INTERVAL_SECONDS;
        pthread_mutex_lock(&s->lock);
        while (!s->stop && pthread_cond_timedwait(&s->wake, &s->lock, &until) == 0) {
        }
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

static void release(struct mail_sender *s)
{
    db_close(s->db);
    mail_config_free(&s->cfg);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->wake);
    free(s);
}

int mail_sender_start(const char *db_path, const struct mail_config *cfg, struct mail_sender **out,
                      struct strbuf *err)
{
    struct mail_sender *s = calloc(1, sizeof *s);
    if (!s) {
        sb_append(err, "out of memory");
        return -1;
    }
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    s->cfg = *cfg;
    s->cfg.smtp_url = copy(cfg->smtp_url);
    s->cfg.user = copy(cfg->user);
    s->cfg.password = copy(cfg->password);
    s->cfg.from = copy(cfg->from);
    s->cfg.public_url = copy(cfg->public_url);
    char *msg = NULL;
    if (!s->cfg.smtp_url || !s->cfg.user || !s->cfg.password || !s->cfg.from ||
        !s->cfg.public_url) {
        sb_append(err, "out of memory");
        goto fail;
    }
    if (db_open(db_path, &s->db, &msg) != 0) {
        sb_printf(err, "the mail sender cannot open %s: %s", db_path, msg ? msg : "");
        free(msg);
        goto fail;
    }
    if (pthread_create(&s->thread, NULL, run, s) != 0) {
        sb_append(err, "cannot start the mail sender thread");
        goto fail;
    }
    *out = s;
    return 0;
fail:
    release(s);
    return -1;
}

void mail_sender_stop(struct mail_sender *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    s->stop = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    release(s);
}
