/* Request framing checks and the request-head deadline (see framing.h for why). */
#include "web/http/framing.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

struct length_headers {
    int count;
    bool differ, malformed;
    const char *first;
};

static bool all_digits(const char *s)
{
    if (!s || !*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static enum MHD_Result count_lengths(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    struct length_headers *h = cls;
    if (!key || strcasecmp(key, "Content-Length") != 0)
        return MHD_YES;
    if (!all_digits(value))
        h->malformed = true;
    else if (h->count && strcmp(value, h->first) != 0)
        h->differ = true;
    if (!h->count)
        h->first = value;
    h->count++;
    return MHD_YES;
}

const char *framing_check_head(struct MHD_Connection *c, const char *raw_uri, size_t raw_uri_len,
                               const char *version)
{
    /* The request line is "METHOD SP target SP version" in one buffer: libmicrohttpd cuts the
     * target at its first NUL, so a target whose real end lies beyond that NUL held one. */
    if (raw_uri && version) {
        uintptr_t from = (uintptr_t)raw_uri, to = (uintptr_t)version;
        if (to > from && to - from - 1 > raw_uri_len && to - from < 1024 * 1024)
            return "The request target holds a NUL byte.";
    }
    struct length_headers h = {0};
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_lengths, &h);
    if (h.malformed)
        return "The Content-Length header is not a number.";
    if (h.differ)
        return "The request has two different Content-Length headers.";
    if (h.count && MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding"))
        return "The request has both Content-Length and Transfer-Encoding.";
    return NULL;
}

/* One connection the watcher knows: in a doubly linked list under the watch's lock. */
struct watched {
    struct watched *prev, *next;
    struct framing_watch *watch;
    int fd;
    bool in_head;
    struct timespec since;
};

struct framing_watch {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool stopping;
    unsigned seconds;
    struct watched *head;
};

static void now_mono(struct timespec *t)
{
    clock_gettime(CLOCK_MONOTONIC, t);
}

static void *watch_main(void *arg)
{
    struct framing_watch *w = arg;
    pthread_mutex_lock(&w->lock);
    while (!w->stopping) {
        struct timespec now;
        now_mono(&now);
        for (struct watched *e = w->head; e; e = e->next)
            if (e->in_head && now.tv_sec - e->since.tv_sec >= (time_t)w->seconds) {
                /* Under the lock: the connection cannot be forgotten and its descriptor
                 * closed (and reused) meanwhile. libmicrohttpd sees end of file and closes. */
                shutdown(e->fd, SHUT_RDWR);
                e->in_head = false;
            }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&w->wake, &w->lock, &until);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

int framing_watch_start(unsigned seconds, struct framing_watch **out)
{
    struct framing_watch *w = calloc(1, sizeof *w);
    if (!w)
        return -1;
    w->seconds = seconds;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, watch_main, w) != 0) {
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        free(w);
        return -1;
    }
    *out = w;
    return 0;
}

void framing_watch_stop(struct framing_watch *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    while (w->head) {
        struct watched *e = w->head;
        w->head = e->next;
        free(e);
    }
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

void framing_watch_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct framing_watch *w = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct watched *e = info ? calloc(1, sizeof *e) : NULL;
        *socket_context = e;
        if (!e)
            return; /* unwatched: the idle timeout still applies */
        e->watch = w;
        e->fd = info->connect_fd;
        e->in_head = true;
        now_mono(&e->since);
        pthread_mutex_lock(&w->lock);
        e->next = w->head;
        if (w->head)
            w->head->prev = e;
        w->head = e;
        pthread_mutex_unlock(&w->lock);
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        struct watched *e = *socket_context;
        if (!e)
            return;
        pthread_mutex_lock(&w->lock);
        if (e->prev)
            e->prev->next = e->next;
        else
            w->head = e->next;
        if (e->next)
            e->next->prev = e->prev;
        pthread_mutex_unlock(&w->lock);
        free(e);
        *socket_context = NULL;
    }
}

/* The watched entry of C, or NULL. */
static struct watched *watched_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

/* Under the watcher's lock, which reads the flag and the time. */
static void set_head(struct MHD_Connection *c, bool in_head)
{
    struct watched *e = watched_of(c);
    if (!e)
        return;
    pthread_mutex_lock(&e->watch->lock);
    e->in_head = in_head;
    now_mono(&e->since);
    pthread_mutex_unlock(&e->watch->lock);
}

void framing_head_done(struct MHD_Connection *c)
{
    set_head(c, false);
}

void framing_head_next(struct MHD_Connection *c)
{
    set_head(c, true);
}
