/* HTTP/1.1 framing rules that libmicrohttpd 0.9.75 (as packaged in Debian 12) does not enforce,
 * checked on the request head before any handler runs, and a total deadline for the head
 * itself (slowloris). RFC 9112 section 6.3: a message whose length is ambiguous must be refused
 * and the connection closed, since the bytes after it cannot be trusted to start a request. */
#ifndef SETWORK_WEB_HTTP_FRAMING_H
#define SETWORK_WEB_HTTP_FRAMING_H

#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>

/* Seconds a client has from the start of a request (or the connection) to the end of its
 * headers, however it paces them: a client that sends one header line every few seconds is
 * never idle for the 30 s timeout, and 256 of them would hold every connection slot. */
#define FRAMING_HEAD_DEADLINE 10

/* What framing_check_head found wrong, or NULL when nothing: a sentence for a 400 answer, after
 * which the connection must be closed. Checks: Content-Length together with Transfer-Encoding,
 * more than one Content-Length with different values, a Content-Length that is not a number,
 * and a NUL byte in the request target. RAW_URI and RAW_URI_LEN are what the URI log callback
 * saw (its pointer, and strlen of it then); VERSION is the handler's version argument: both point
 * into the request line, so the distance between them is the target's real length. */
const char *framing_check_head(struct MHD_Connection *c, const char *raw_uri, size_t raw_uri_len,
                               const char *version);

/* The head deadline: a watcher thread that shuts down the socket of any connection whose
 * request head has taken longer than SECONDS. */
struct framing_watch;

/* Starts the watcher. 0 and *OUT, or -1 (out of memory, no thread). */
int framing_watch_start(unsigned seconds, struct framing_watch **out);

/* Stops the watcher (after MHD_stop_daemon: no connection is left) and frees it. */
void framing_watch_stop(struct framing_watch *w);

/* For MHD_OPTION_NOTIFY_CONNECTION with CLS the watch: starts the clock on a new connection
 * and forgets a closed one (before libmicrohttpd closes its socket). */
void framing_watch_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code);

/* The head of C's request is complete (stop the clock), or C's request is answered and the
 * next head may begin (start it again). */
void framing_head_done(struct MHD_Connection *c);
void framing_head_next(struct MHD_Connection *c);

#endif
