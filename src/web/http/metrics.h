/* GET /healthz and GET /metrics: the database reachable with its migrations current, and the
 * Prometheus text format (requests by route and status, a latency histogram, sessions, the
 * outbox when there is one). Both answer loopback, or a Bearer metrics_token, only. */
#ifndef SETWORK_WEB_HTTP_METRICS_H
#define SETWORK_WEB_HTTP_METRICS_H

#include "web/http/web.h"

struct web_request_done;

/* Distinct (route, status) pairs counted; past this, new pairs count under route "other". */
#define WEB_METRICS_SERIES_MAX 512

/* Counts a finished request (thread-safe). */
void web_metrics_observe(const struct web_request_done *done);

/* Forgets every count (for the unit tests). */
void web_metrics_reset(void);

/* Appends the metrics in the Prometheus text format (version 0.0.4) to OUT, with SESSIONS and
 * OUTBOX (-1: left out) as gauges. Returns 0, or -1 when memory ran out. */
int web_metrics_write(struct strbuf *out, long long sessions, long long outbox);

/* True when R may read /healthz and /metrics: from loopback, or with the metrics_token. */
bool web_metrics_allowed(const struct web_request *r);

/* The handlers (routes.c). */
void web_healthz(struct web_request *r);
void web_metrics(struct web_request *r);

#endif
