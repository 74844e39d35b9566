/* HTTPS: certificate loading, MHD's TLS options, the https headers and the redirecting
 * plain-HTTP listener (see tls.h). */
#include "web/http/tls.h"

#include "core/strbuf.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Longest request target the redirector copies into a Location header. */
#define WEB_REDIRECT_TARGET_MAX 2048

static bool set(const char *v)
{
    return v && *v;
}

bool web_tls_wanted(const struct web_config *config)
{
    return set(config->tls_cert) || set(config->tls_key);
}

/* Reads the PEM file PATH (setting NAME) whole into *OUT. */
static int read_pem(const char *name, const char *path, char **out, char **err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = str_printf("%s %s: cannot read it: %s", name, path, strerror(errno));
        return -1;
    }
    struct strbuf sb = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (sb.len + n > WEB_TLS_FILE_MAX) {
            *err = str_printf("%s %s: larger than %d bytes, not a PEM file", name, path,
                              WEB_TLS_FILE_MAX);
            goto fail;
        }
        sb_append_len(&sb, buf, n);
    }
    if (ferror(f)) {
        *err = str_printf("%s %s: cannot read it: %s", name, path, strerror(errno));
        goto fail;
    }
    if (sb.failed) {
        *err = str_printf("out of memory reading %s", path);
        goto fail;
    }
    if (!sb.data || !strstr(sb.data, "-----BEGIN ")) {
        *err = str_printf("%s %s: not a PEM file (no -----BEGIN line)", name, path);
        goto fail;
    }
    fclose(f);
    *out = sb_take(&sb);
    return 0;
fail:
    fclose(f);
    sb_free(&sb);
    return -1;
}

int web_tls_load(const struct web_config *config, struct web_tls *tls, char **err)
{
    memset(tls, 0, sizeof *tls);
    if (!set(config->tls_cert) || !set(config->tls_key)) {
        *err = str_printf("HTTPS needs both tls_cert and tls_key (--tls-cert and --tls-key)");
        return -1;
    }
    if (read_pem("tls_cert", config->tls_cert, &tls->cert, err) != 0 ||
        read_pem("tls_key", config->tls_key, &tls->key, err) != 0) {
        web_tls_free(tls);
        return -1;
    }
    return 0;
}

void web_tls_options(const struct web_tls *tls, struct MHD_OptionItem *options)
{
    int i = 0;
    if (tls) {
        options[i++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, tls->key};
        options[i++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, tls->cert};
        options[i++] =
            (struct MHD_OptionItem){MHD_OPTION_HTTPS_PRIORITIES, 0, (void *)WEB_TLS_PRIORITIES};
    }
    options[i] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
}

void web_tls_free(struct web_tls *tls)
{
    if (tls->key) {
        /* The key should not linger in freed memory. */
        volatile char *k = tls->key;
        for (size_t i = 0; k[i]; i++)
            k[i] = 0;
    }
    free(tls->key);
    free(tls->cert);
    memset(tls, 0, sizeof *tls);
}

int web_tls_headers(struct MHD_Response *resp, const struct web_request *r)
{
    bool https = r->config && r->config->https;
    if (r->set_cookie) {
        char *cookie = https ? str_printf("%s; Secure", r->set_cookie) : NULL;
        if (https && !cookie)
            return -1;
        MHD_add_response_header(resp, "Set-Cookie", cookie ? cookie : r->set_cookie);
        free(cookie);
    }
    if (https)
        MHD_add_response_header(resp, "Strict-Transport-Security", WEB_HSTS);
    return 0;
}

bool web_origin_is_public(const struct web_config *config, const char *origin)
{
    const char *url = config->public_url;
    if (!set(url) || !origin)
        return false;
    const char *host = strstr(url, "://");
    if (!host)
        return false;
    size_t n = (size_t)(host + 3 - url) + strcspn(host + 3, "/?#");
    return strlen(origin) == n && strncmp(origin, url, n) == 0;
}

struct web_redirector {
    struct MHD_Daemon *daemon;
    char *target;
};

/* MHD gives the raw request target here (with the query); it is kept for the Location. */
static void *on_redirect_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    (void)c;
    size_t n = uri ? strlen(uri) : 0;
    if (!uri || uri[0] != '/' || n > WEB_REDIRECT_TARGET_MAX || strpbrk(uri, "\r\n"))
        return str_printf("/");
    return str_printf("%s", uri);
}

static void on_redirect_done(void *cls, struct MHD_Connection *c, void **con_cls,
                             enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    free(*con_cls);
    *con_cls = NULL;
}

/* Every request gets 301 to the https:// address of the same path at once; a body, if any,
 * is not read (MHD closes the connection after the answer). */
static enum MHD_Result on_redirect(void *cls, struct MHD_Connection *c, const char *url,
                                   const char *method, const char *version, const char *upload_data,
                                   size_t *upload_data_size, void **con_cls)
{
    struct web_redirector *rd = cls;
    (void)url;
    (void)method;
    (void)version;
    (void)upload_data;
    (void)upload_data_size;
    const char *uri = *con_cls ? *con_cls : "/";
    char *location = str_printf("%s%s", rd->target, uri);
    static const char body[] = "This site is served over HTTPS.\n";
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
    if (!location || !resp) {
        free(location);
        if (resp)
            MHD_destroy_response(resp);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Location", location);
    MHD_add_response_header(resp, "Content-Type", "text/plain");
    MHD_add_response_header(resp, "Connection", "close");
    enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_MOVED_PERMANENTLY, resp);
    MHD_destroy_response(resp);
    free(location);
    return ok;
}

int web_redirect_start(const char *listen, const char *target, struct web_redirector **out,
                       char **err)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    const char *colon = strrchr(listen, ':');
    char host[INET_ADDRSTRLEN];
    if (!colon || (size_t)(colon - listen) >= sizeof host) {
        *err = str_printf("redirect_listen wants HOST:PORT, for example 0.0.0.0:80");
        return -1;
    }
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535 || inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        *err = str_printf("redirect_listen wants an IPv4 HOST:PORT, for example 0.0.0.0:80");
        return -1;
    }
    sa.sin_port = htons((uint16_t)port);
    struct web_redirector *rd = calloc(1, sizeof *rd);
    if (!rd || !(rd->target = str_printf("%s", target))) {
        free(rd);
        *err = str_printf("out of memory");
        return -1;
    }
    rd->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC, 0, NULL, NULL, on_redirect,
        rd, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_CONNECTION_LIMIT, 64u,
        MHD_OPTION_CONNECTION_TIMEOUT, 10u, MHD_OPTION_URI_LOG_CALLBACK, on_redirect_uri, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, on_redirect_done, NULL, MHD_OPTION_END);
    if (!rd->daemon) {
        *err = str_printf("cannot listen on %s for the redirect (is the port in use?)", listen);
        free(rd->target);
        free(rd);
        return -1;
    }
    *out = rd;
    return 0;
}

int web_redirect_port(const struct web_redirector *rd)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(rd->daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

void web_redirect_stop(struct web_redirector *rd)
{
    if (!rd)
        return;
    MHD_stop_daemon(rd->daemon);
    free(rd->target);
    free(rd);
}
