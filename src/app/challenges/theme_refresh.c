/* Themes found again in the background of `setwork serve` (see theme_refresh.h). */
#include "app/challenges/theme_refresh.h"

#include "app/challenges/challenges.h"
#include "core/strbuf.h"
#include "store/store_challenges.h"
#include "store/store_programmes.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int theme_refresh_pass(struct db *db, int64_t now, long quiet, char **err)
{
    *err = NULL;
    struct theme_stale *stale;
    size_t n;
    if (store_themes_stale(db, now - quiet, &stale, &n) != 0) {
        *err = str_printf("cannot read which themes changed: %s", db_errmsg(db));
        return -1;
    }
    int done = 0;
    for (size_t i = 0; i < n; i++) {
        struct theme_settings s;
        if (store_theme_settings(db, stale[i].programme_id, &s) != 0 ||
            challenge_themes_discover(db, stale[i].programme_id, &s, NULL, err) != 0 ||
            store_themes_fresh(db, stale[i].programme_id, stale[i].changed_at) != 0) {
            if (!*err)
                *err = str_printf("cannot refresh the themes of programme %lld: %s",
                                  stale[i].programme_id, db_errmsg(db));
            free(stale);
            return -1;
        }
        done++;
    }
    free(stale);
    return done;
}

struct theme_refresher {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    struct db *db;
    long quiet;
};

static void *refresher_main(void *arg)
{
    struct theme_refresher *r = arg;
    bool failing = false; /* say why once when passes start failing, not every second */
    pthread_mutex_lock(&r->lock);
    while (!r->stop) {
        pthread_mutex_unlock(&r->lock);
        char *err = NULL;
        bool failed = theme_refresh_pass(r->db, (int64_t)time(NULL), r->quiet, &err) < 0;
        if (failed && !failing) /* retried at the next tick */
            fprintf(stderr, "setwork: themes: %s\n", err ? err : "refresh failed");
        failing = failed;
        free(err);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_mutex_lock(&r->lock);
        while (!r->stop && pthread_cond_timedwait(&r->wake, &r->lock, &until) != ETIMEDOUT) {
        }
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

struct theme_refresher *theme_refresher_start(const char *db_path, long quiet, char **err)
{
    *err = NULL;
    struct theme_refresher *r = calloc(1, sizeof *r);
    if (!r) {
        *err = str_printf("out of memory");
        return NULL;
    }
    r->quiet = quiet;
    if (db_open(db_path, &r->db, err) != 0) {
        free(r);
        return NULL;
    }
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->wake, NULL);
    if (pthread_create(&r->thread, NULL, refresher_main, r) != 0) {
        *err = str_printf("cannot start the themes thread");
        pthread_cond_destroy(&r->wake);
        pthread_mutex_destroy(&r->lock);
        db_close(r->db);
        free(r);
        return NULL;
    }
    return r;
}

void theme_refresher_stop(struct theme_refresher *r)
{
    if (!r)
        return;
    pthread_mutex_lock(&r->lock);
    r->stop = true;
    pthread_cond_signal(&r->wake);
    pthread_mutex_unlock(&r->lock);
    pthread_join(r->thread, NULL);
    pthread_cond_destroy(&r->wake);
    pthread_mutex_destroy(&r->lock);
    db_close(r->db);
    free(r);
}
