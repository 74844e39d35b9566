/* The request log: one line per request on standard error (journald keeps it), as logfmt
 * key=value pairs: time, method, route pattern, status, duration and bytes. It never holds a
 * path, a query, a header or a body, so no password, token or email can reach it. */
#ifndef SETWORK_WEB_HTTP_REQUEST_LOG_H
#define SETWORK_WEB_HTTP_REQUEST_LOG_H

#include "web/http/web.h"

#include <stddef.h>

/* The longest line written; a line is written with one write(2), so lines from several worker
 * threads never interleave. */
#define WEB_LOG_LINE_MAX 512

/* What the log and the metrics know of a finished request. */
struct web_request_done {
    const char *method;  /* "GET", "POST", "HEAD" or "OTHER": never the client's own text */
    const char *route;   /* the route's pattern ("/programmes/#"), or "-" when none matched */
    int status;          /* the HTTP status sent, 0 when none was */
    double seconds;      /* from the request line to the end of the response */
    size_t bytes;        /* the body bytes sent */
    long long unix_time; /* when it ended */
    int millis;          /* and the milliseconds of that second */
};

/* Fills DONE from the request R, the method MHD gave, the time it took and the bytes sent. */
void web_request_describe(const struct web_request *r, const char *method, double seconds,
                          size_t bytes, struct web_request_done *done);

/* Formats DONE as one log line (with its newline) into BUF of SIZE bytes; returns its length. */
size_t web_request_log_format(const struct web_request_done *done, char *buf, size_t size);

/* Logs DONE on stderr (unless CONFIG->quiet) and counts it in the metrics. */
void web_request_finished(const struct web_config *config, const struct web_request_done *done);

#endif
