/* One logfmt line per request on stderr, and the count in the metrics (see request_log.h). */
#include "web/http/request_log.h"

#include "web/http/metrics.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The method as a fixed word: the client's own text never reaches the log. */
static const char *method_word(const char *method)
{
    static const char *const known[] = {"GET", "POST", "HEAD"};
    for (size_t i = 0; method && i < sizeof known / sizeof known[0]; i++) {
        if (strcmp(method, known[i]) == 0)
            return known[i];
    }
    return "OTHER";
}

void web_request_describe(const struct web_request *r, const char *method, double seconds,
                          size_t bytes, struct web_request_done *done)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    *done = (struct web_request_done){
        .method = method_word(method),
        .route = r && r->route ? r->route->pattern : "-",
        .status = r ? r->status : 0,
        .seconds = seconds < 0 ? 0 : seconds,
        .bytes = bytes,
        .unix_time = (long long)now.tv_sec,
        .millis = (int)(now.tv_nsec / 1000000),
    };
}

size_t web_request_log_format(const struct web_request_done *done, char *buf, size_t size)
{
    time_t t = (time_t)done->unix_time;
    struct tm tm;
    gmtime_r(&t, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    /* Route patterns are our own literals without spaces or quotes, so none need quoting. */
    int n = snprintf(
        buf, size, "time=%s.%03dZ method=%s route=%s status=%d duration_ms=%.3f bytes=%zu\n", stamp,
        done->millis, done->method, done->route, done->status, done->seconds * 1000.0, done->bytes);
    if (n < 0)
        return 0;
    return (size_t)n < size ? (size_t)n : size - 1;
}

void web_request_finished(const struct web_config *config, const struct web_request_done *done)
{
    web_metrics_observe(done);
    if (config && config->quiet)
        return;
    char line[WEB_LOG_LINE_MAX];
    size_t n = web_request_log_format(done, line, sizeof line);
    /* One write per line; a log that cannot be written must not stop the request. */
    if (n > 0 && write(STDERR_FILENO, line, n) < 0)
        return;
}
