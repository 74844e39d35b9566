/* The HTTP server: libmicrohttpd with a thread pool, one SQLite connection per worker thread,
 * bounded requests, and a stop that lets requests in flight finish. */
#ifndef SETWORK_WEB_HTTP_SERVER_H
#define SETWORK_WEB_HTTP_SERVER_H

#include "web/http/web.h"

/* Limits that protect the server from its clients. */
#define WEB_THREADS            4           /* workers; SQLite reads run in parallel in WAL mode */
#define WEB_MAX_CONNECTIONS    256         /* beyond this, new connections are refused */
#define WEB_CONNECTION_MEMORY  (64 * 1024) /* per-connection buffer for headers */
#define WEB_CONNECTION_TIMEOUT 30          /* seconds a silent connection may stay open */
#define WEB_STOP_WAIT_SECONDS  10          /* how long a stop waits for requests in flight */

struct web_server;

/* Starts serving CONFIG->db_path on LISTEN ("host:port"; port 0 picks a free one). Fills
 * CONFIG->origin and port with what was bound. Returns 0 and *OUT, or -1 and a message in
 * *ERR (caller frees). CONFIG must outlive the server. */
int web_server_start(struct web_config *config, const char *listen, struct web_server **out,
                     char **err);

/* Stops accepting, waits (up to WEB_STOP_WAIT_SECONDS) for requests in flight, stops the
 * workers (closing their databases) and frees the server. */
void web_server_stop(struct web_server *server);

#endif
