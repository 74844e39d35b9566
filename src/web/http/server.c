/* libmicrohttpd glue: request state, body accumulation with limits, responses, workers. */
#include "web/http/server.h"

#include "core/strbuf.h"
#include "store/db.h"
#include "web/http/framing.h"
#include "web/http/request_log.h"
#include "web/http/tls.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct web_server {
    struct MHD_Daemon *daemon;
    struct web_config *config;
    atomic_int in_flight;
    struct web_tls tls;
    struct framing_watch *watch;
};

/* Each worker thread opens its own connection: struct db is not thread-safe, and SQLite in WAL
 * mode lets the readers run side by side. The key's destructor closes it when MHD ends the
 * thread. */
static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;

static void close_db(void *db)
{
    db_close(db);
}

static void make_key(void)
{
    pthread_key_create(&db_key, close_db);
}

static struct db *thread_db(const struct web_config *config)
{
    struct db *db = pthread_getspecific(db_key);
    if (db)
        return db;
    /* serve created and migrated the file before listening; a request must never create a
     * new empty one where it has gone (moved away, a volume unmounted): that is an outage to
     * report (503, and /healthz says so), not a fresh start. */
    if (access(config->db_path, F_OK) != 0)
        return NULL;
    char *err = NULL;
    if (db_open(config->db_path, &db, &err) != 0) {
        fprintf(stderr, "setwork serve: %s\n", err ? err : "cannot open the database");
        free(err);
        return NULL;
    }
    pthread_setspecific(db_key, db);
    return db;
}

struct conn_state {
    struct web_server *server;
    struct web_request req;
    char *uri;           /* the raw request target, with its query string */
    char *path;          /* the path part, decoded only by our parser (no % in routes) */
    const char *raw_uri; /* MHD's request line, for framing_check_head */
    size_t raw_uri_len;
    char address[64];
    struct strbuf body;
    size_t limit;
    bool begun, too_large, bad_method;
    struct timespec started; /* for the request log */
    char method[8];
};

/* MHD calls this first with the raw URI: our own parser reads the query string from it. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    struct web_server *server = cls;
    struct conn_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->server = server;
    s->uri = str_printf("%s", uri ? uri : "/");
    clock_gettime(CLOCK_MONOTONIC, &s->started);
    s->raw_uri = uri;
    s->raw_uri_len = uri ? strlen(uri) : 0;
    atomic_fetch_add(&server->in_flight, 1);
    return s;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct web_server *server = cls;
    struct conn_state *s = *con_cls;
    if (!s)
        return;
    struct web_request *r = &s->req;
    if (s->begun) {
        struct timespec end;
        clock_gettime(CLOCK_MONOTONIC, &end);
        double seconds = (double)(end.tv_sec - s->started.tv_sec) +
                         (double)(end.tv_nsec - s->started.tv_nsec) / 1e9;
        struct web_request_done done;
        web_request_describe(r, s->method, seconds, r->sent, &done);
        web_request_finished(server->config, &done);
    }
    formdata_free(&r->query);
    formdata_free(&r->form);
    user_clear(&r->user);
    sb_free(&r->body);
    free(r->location);
    free(r->set_cookie);
    sb_free(&s->body);
    free(s->uri);
    free(s->path);
    free(s);
    *con_cls = NULL;
    atomic_fetch_sub(&server->in_flight, 1);
    framing_head_next(c);
}

/* CLOSE: the connection ends after this answer (framing errors, bodies over the limit). */
static enum MHD_Result send_response(struct MHD_Connection *c, struct web_request *r, bool close)
{
    size_t len = r->body.len;
    r->sent = len;
    char *text = sb_take(&r->body);
    if (!text)
        return MHD_NO;
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(text);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type",
                            r->content_type_out ? r->content_type_out : "text/plain");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
    MHD_add_response_header(resp, "Cache-Control",
                            r->cacheable ? "public, max-age=3600" : "no-store");
    if (r->location)
        MHD_add_response_header(resp, "Location", r->location);
    web_tls_headers(resp, r);
    if (close)
        MHD_add_response_header(resp, "Connection", "close");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)(r->status ? r->status : 500), resp);
    MHD_destroy_response(resp);
    return ok;
}

static enum MHD_Result refuse(struct MHD_Connection *c, struct web_request *r, int status,
                              const char *message)
{
    web_error(r, status, message);
    return send_response(c, r, false);
}

/* A refusal after which nothing more is read from the connection. */
static enum MHD_Result refuse_close(struct MHD_Connection *c, struct web_request *r, int status,
                                    const char *message)
{
    web_error(r, status, message);
    return send_response(c, r, true) == MHD_YES ? MHD_YES : MHD_NO;
}

static const char *client_address(struct MHD_Connection *c, char *buf, size_t size)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr)
        return "unknown";
    const struct sockaddr *sa = info->client_addr;
    if (sa->sa_family == AF_INET)
        return inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                         (socklen_t)size);
    if (sa->sa_family == AF_INET6)
        return inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                         (socklen_t)size);
    return "unknown";
}

/* Request line and headers: set up the request, find the route and the user. */
static int begin(struct web_server *server, struct conn_state *s, struct MHD_Connection *c,
                 const char *method)
{
    struct web_request *r = &s->req;
    r->config = server->config;
    r->now = (long long)time(NULL);
    snprintf(s->method, sizeof s->method, "%s", method);
    if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
        r->method = WEB_GET;
    else if (strcmp(method, "POST") == 0)
        r->method = WEB_POST;
    else
        s->bad_method = true;
    char *q = strchr(s->uri, '?');
    size_t plen = q ? (size_t)(q - s->uri) : strlen(s->uri);
    if (plen > WEB_MAX_PATH)
        plen = WEB_MAX_PATH;
    s->path = malloc(plen + 1);
    if (!s->path)
        return -1;
    memcpy(s->path, s->uri, plen);
    s->path[plen] = '\0';
    r->path = s->path;
    char *err = NULL;
    if (q && formdata_parse_urlencoded(q + 1, strlen(q + 1), &r->query, &err) != 0) {
        free(err);
        formdata_free(&r->query); /* a bad query string is treated as none */
    }
    r->cookie_token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "sw_session");
    r->pre_token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "sw_pre");
    r->origin_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    r->content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (auth && strncmp(auth, "Bearer ", 7) == 0)
        r->bearer = auth + 7;
    r->csrf_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
    r->address = client_address(c, s->address, sizeof s->address);
    r->db = thread_db(server->config);
    if (!r->db)
        return -1;
    s->limit = s->bad_method ? 0 : web_begin(r);
    return 0;
}

static int parse_body(struct conn_state *s, char **err)
{
    struct web_request *r = &s->req;
    if (s->body.len == 0 || r->api)
        return 0; /* the API reads JSON bodies itself */
    const char *ct = r->content_type ? r->content_type : "";
    if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
        return formdata_parse_urlencoded(s->body.data, s->body.len, &r->form, err);
    if (strncasecmp(ct, "multipart/form-data", 19) == 0)
        return formdata_parse_multipart(ct, s->body.data, s->body.len, &r->form, err);
    *err = str_printf("This form must be sent as a form.");
    return -1;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct web_server *server = cls;
    struct conn_state *s = *con_cls;
    if (!s)
        return MHD_NO;
    struct web_request *r = &s->req;
    if (!s->begun) {
        s->begun = true;
        /* A worker opens its connection on its first request, and opening migrates: a file
         * that is missing or migrated by a newer setwork fails here. 503, as /healthz itself
         * would answer, whichever worker takes the request. */
        if (begin(server, s, c, method) != 0)
            return refuse(c, r, 503,
                          url && strcmp(url, "/healthz") == 0
                              ? "unavailable: the database cannot be read (missing, unreadable, "
                                "or its migrations are not this version's)"
                              : "The server cannot reach its database.");
        framing_head_done(c);
        const char *bad = framing_check_head(c, s->raw_uri, s->raw_uri_len, version);
        if (bad)
            return refuse_close(c, r, 400, bad);
        if (s->bad_method)
            return refuse(c, r, 405, "This server takes GET and POST only.");
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > s->limit)
            return refuse_close(c, r, 413, "The request is too large.");
        return MHD_YES;
    }
    if (*upload_data_size) {
        /* Stop reading at the limit (16 KiB before login), chunked bodies too: closing is the
         * only way to stop a client that declared a chunk of 4 GiB. libmicrohttpd 0.9.75 takes
         * no answer in the middle of a body, so then the connection just closes. */
        if (s->too_large || s->body.len + *upload_data_size > s->limit)
            return refuse_close(c, r, 413, "The request is too large.");
        if (sb_append_len(&s->body, upload_data, *upload_data_size) != 0)
            s->too_large = true;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (s->too_large)
        return refuse(c, r, 413, "The request is too large.");
    char *err = NULL;
    if (parse_body(s, &err) != 0) {
        enum MHD_Result res = refuse(c, r, 400, err ? err : "The form could not be read.");
        free(err);
        return res;
    }
    if (r->api && s->body.len) {
        /* API handlers read the raw body (JSON or CSV) from form "body". */
        char *copy = malloc(s->body.len + 1);
        char *name = str_printf("body");
        if (!copy || !name) {
            free(copy);
            free(name);
            return MHD_NO;
        }
        memcpy(copy, s->body.data, s->body.len);
        copy[s->body.len] = '\0';
        struct formdata_field *f = realloc(r->form.fields, sizeof *f);
        if (!f) {
            free(copy);
            free(name);
            return MHD_NO;
        }
        r->form.fields = f;
        f[0] = (struct formdata_field){name, copy, s->body.len, NULL};
        r->form.count = 1;
    }
    web_dispatch(r);
    return send_response(c, r, false);
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, char **err)
{
    const char *colon = strrchr(listen, ':');
    char host[64];
    if (!colon || (size_t)(colon - listen) >= sizeof host) {
        *err = str_printf("--listen wants HOST:PORT, for example 127.0.0.1:8080");
        return -1;
    }
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    if (*end || port < 0 || port > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1) {
        *err = str_printf("--listen wants an IPv4 HOST:PORT, for example 127.0.0.1:8080");
        return -1;
    }
    return 0;
}

int web_server_start(struct web_config *config, const char *listen, struct web_server **out,
                     char **err)
{
    struct sockaddr_in sa;
    if (parse_listen(listen, &sa, err) != 0)
        return -1;
    pthread_once(&db_key_once, make_key);
    struct web_server *server = calloc(1, sizeof *server);
    if (!server) {
        *err = str_printf("out of memory");
        return -1;
    }
    server->config = config;
    if (framing_watch_start(FRAMING_HEAD_DEADLINE, &server->watch) != 0) {
        *err = str_printf("cannot start the request watcher");
        free(server);
        return -1;
    }
    bool tls = web_tls_wanted(config);
    if (tls && web_tls_load(config, &server->tls, err) != 0) {
        framing_watch_stop(server->watch);
        free(server);
        return -1;
    }
    struct MHD_OptionItem tls_options[WEB_TLS_OPTIONS];
    web_tls_options(tls ? &server->tls : NULL, tls_options);
    config->https = tls || (config->public_url && strncmp(config->public_url, "https://", 8) == 0);
    server->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | (tls ? MHD_USE_TLS : 0), 0,
        NULL, NULL, on_request, server, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)WEB_THREADS, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)WEB_MAX_CONNECTIONS, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)WEB_CONNECTION_MEMORY, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)WEB_CONNECTION_TIMEOUT, MHD_OPTION_STRICT_FOR_CLIENT, 1,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, server, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
        server, MHD_OPTION_NOTIFY_CONNECTION, framing_watch_notify, server->watch, MHD_OPTION_ARRAY,
        tls_options, MHD_OPTION_END);
    if (!server->daemon) {
        *err = str_printf(tls ? "cannot listen on %s with TLS (is the port in use, or the key "
                                "not the certificate's?)"
                              : "cannot listen on %s (is the port in use?)",
                          listen);
        web_tls_free(&server->tls);
        framing_watch_stop(server->watch);
        free(server);
        return -1;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT);
    config->port = info ? info->port : ntohs(sa.sin_port);
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
    snprintf(config->origin, sizeof config->origin, "%s://%s:%d", tls ? "https" : "http", host,
             config->port);
    *out = server;
    return 0;
}

void web_server_stop(struct web_server *server)
{
    if (!server)
        return;
    MHD_quiesce_daemon(server->daemon);
    for (int i = 0; i < WEB_STOP_WAIT_SECONDS * 20 && atomic_load(&server->in_flight) > 0; i++)
        usleep(50 * 1000);
    MHD_stop_daemon(server->daemon);
    framing_watch_stop(server->watch);
    web_tls_free(&server->tls);
    free(server);
}
