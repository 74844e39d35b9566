/* Health and metrics (see metrics.h). The counts live in this process, behind one mutex: a
 * request adds to one counter and one histogram bucket, so the lock is held for a moment. */
#include "web/http/metrics.h"

#include "store/store_health.h"
#include "web/http/request_log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Latency buckets, in seconds: from a cached page to a long formation run. */
static const double buckets[] = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
#define BUCKETS (sizeof buckets / sizeof buckets[0])

struct series {
    const char *route; /* a route pattern literal, "-" or "other" */
    int status;
    unsigned long long count;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct series series[WEB_METRICS_SERIES_MAX];
static size_t series_count;
static unsigned long long bucket_counts[BUCKETS]; /* cumulative on output, not here */
static unsigned long long observed;
static double seconds_sum;

void web_metrics_observe(const struct web_request_done *done)
{
    pthread_mutex_lock(&lock);
    size_t i = 0;
    while (i < series_count &&
           !(series[i].status == done->status && strcmp(series[i].route, done->route) == 0))
        i++;
    if (i == series_count) {
        /* The last slot is kept for "other", so a flood of odd statuses cannot grow this. */
        if (series_count < WEB_METRICS_SERIES_MAX - 1) {
            series[series_count++] = (struct series){done->route, done->status, 0};
        } else {
            i = WEB_METRICS_SERIES_MAX - 1;
            if (series_count == i)
                series[series_count++] = (struct series){"other", 0, 0};
        }
    }
    series[i].count++;
    for (size_t b = 0; b < BUCKETS; b++) {
        if (done->seconds <= buckets[b]) {
            bucket_counts[b]++;
            break;
        }
    }
    observed++;
    seconds_sum += done->seconds;
    pthread_mutex_unlock(&lock);
}

void web_metrics_reset(void)
{
    pthread_mutex_lock(&lock);
    series_count = 0;
    memset(bucket_counts, 0, sizeof bucket_counts);
    observed = 0;
    seconds_sum = 0;
    pthread_mutex_unlock(&lock);
}

/* Route patterns are our literals; escape anyway, as the format asks (\\, \" and \n). */
static void label_value(struct strbuf *out, const char *v)
{
    for (; *v; v++) {
        if (*v == '\\' || *v == '"')
            sb_printf(out, "\\%c", *v);
        else if (*v == '\n')
            sb_append(out, "\\n");
        else
            sb_append_len(out, v, 1);
    }
}

int web_metrics_write(struct strbuf *out, long long sessions, long long outbox)
{
    pthread_mutex_lock(&lock);
    sb_append(out, "# HELP setwork_http_requests_total HTTP requests answered, by route pattern "
                   "and status.\n# TYPE setwork_http_requests_total counter\n");
    for (size_t i = 0; i < series_count; i++) {
        sb_append(out, "setwork_http_requests_total{route=\"");
        label_value(out, series[i].route);
        sb_printf(out, "\",status=\"%d\"} %llu\n", series[i].status, series[i].count);
    }
    sb_append(out, "# HELP setwork_http_request_duration_seconds Time from the request line to "
                   "the end of the response.\n"
                   "# TYPE setwork_http_request_duration_seconds histogram\n");
    unsigned long long cumulative = 0;
    for (size_t b = 0; b < BUCKETS; b++) {
        cumulative += bucket_counts[b];
        sb_printf(out, "setwork_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", buckets[b],
                  cumulative);
    }
    sb_printf(out,
              "setwork_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n"
              "setwork_http_request_duration_seconds_sum %.6f\n"
              "setwork_http_request_duration_seconds_count %llu\n",
              observed, seconds_sum, observed);
    pthread_mutex_unlock(&lock);
    if (sessions >= 0)
        sb_printf(out,
                  "# HELP setwork_sessions Web sessions that are still valid.\n"
                  "# TYPE setwork_sessions gauge\nsetwork_sessions %lld\n",
                  sessions);
    if (outbox >= 0)
        sb_printf(out,
                  "# HELP setwork_outbox_length Messages in the mail outbox still to deliver.\n"
                  "# TYPE setwork_outbox_length gauge\nsetwork_outbox_length %lld\n",
                  outbox);
    return out->failed ? -1 : 0;
}

bool web_metrics_allowed(const struct web_request *r)
{
    const char *a = r->address ? r->address : "";
    if (strncmp(a, "127.", 4) == 0 || strcmp(a, "::1") == 0)
        return true;
    const char *token = r->config ? r->config->metrics_token : NULL;
    return token && *token && r->bearer && auth_secret_equal(r->bearer, token);
}

static void plain(struct web_request *r, int status, const char *text)
{
    r->status = status;
    r->content_type_out = "text/plain; charset=utf-8";
    sb_free(&r->body);
    sb_append(&r->body, text);
}

void web_healthz(struct web_request *r)
{
    if (!web_metrics_allowed(r)) {
        web_error(r, 404, "There is no such page.");
        return;
    }
    struct store_health h;
    char *err = NULL;
    if (store_health_check(r->config->db_path, &h, &err) != 0) {
        /* The path stays out of the answer: it is for the log and the operator. */
        plain(r, 503, "unavailable: the database cannot be read\n");
        free(err);
        return;
    }
    if (!h.schema_current) {
        plain(r, 503, "unavailable: the database's migrations are not this version's\n");
        return;
    }
    plain(r, 200, "ok\n");
}

void web_metrics(struct web_request *r)
{
    if (!web_metrics_allowed(r)) {
        web_error(r, 404, "There is no such page.");
        return;
    }
    long long sessions =
        store_health_sessions(r->db, r->now, r->config->session_idle, r->config->session_max);
    long long outbox = store_health_outbox(r->db);
    plain(r, 200, "");
    if (web_metrics_write(&r->body, sessions, outbox) != 0) {
        web_error(r, 500, "Out of memory.");
        return;
    }
    r->content_type_out = "text/plain; version=0.0.4; charset=utf-8";
}
