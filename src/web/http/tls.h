/* HTTPS for `setwork serve`: libmicrohttpd over GnuTLS with TLS 1.2 and 1.3 only, the headers
 * an https:// site sends (Secure cookies, Strict-Transport-Security), and a plain-HTTP
 * listener that only redirects to the https:// address. */
#ifndef SETWORK_WEB_HTTP_TLS_H
#define SETWORK_WEB_HTTP_TLS_H

#include "web/http/web.h"

#include <microhttpd.h>
#include <stdbool.h>

/* A certificate chain or key file larger than this is refused before it is read. */
#define WEB_TLS_FILE_MAX (1024 * 1024)
/* GnuTLS priorities: the usual secure suites, and no protocol older than TLS 1.2. */
#define WEB_TLS_PRIORITIES "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"
/* Strict-Transport-Security: a year, as browsers' preload lists ask. */
#define WEB_HSTS "max-age=31536000"
/* Options web_tls_options fills, with the terminating MHD_OPTION_END. */
#define WEB_TLS_OPTIONS 4

/* The certificate and key, read into memory (MHD wants them as strings). */
struct web_tls {
    char *cert;
    char *key;
};

/* True when CONFIG asks for TLS (tls_cert and tls_key both set). */
bool web_tls_wanted(const struct web_config *config);

/* Reads CONFIG's tls_cert and tls_key into TLS. Returns 0, or -1 with a message naming the
 * file and what is wrong in *ERR (caller frees); a half-set pair is an error too. */
int web_tls_load(const struct web_config *config, struct web_tls *tls, char **err);

/* Fills OPTIONS (WEB_TLS_OPTIONS items) for MHD_OPTION_ARRAY: the key, the certificate and the
 * priorities, or only MHD_OPTION_END when TLS is NULL. TLS must outlive the daemon. */
void web_tls_options(const struct web_tls *tls, struct MHD_OptionItem *options);

/* Frees what web_tls_load read, wiping the key first. */
void web_tls_free(struct web_tls *tls);

/* Adds R's Set-Cookie (with "; Secure" when R's server is https) and, when https,
 * Strict-Transport-Security to RESP. Returns 0, or -1 when memory ran out. */
int web_tls_headers(struct MHD_Response *resp, const struct web_request *r);

/* True when ORIGIN (a browser's Origin header) is the origin of CONFIG's public_url, as when
 * nginx serves https://sets.example.org in front of setwork. */
bool web_origin_is_public(const struct web_config *config, const char *origin);

struct web_redirector;

/* Starts a plain-HTTP listener on LISTEN that answers every request with 301 to TARGET (an
 * https:// origin, no trailing slash) followed by the request's path and query. Returns 0 and
 * *OUT, or -1 with a message in *ERR (caller frees). */
int web_redirect_start(const char *listen, const char *target, struct web_redirector **out,
                       char **err);

/* The port the redirect listener is bound to (what port 0 picked). */
int web_redirect_port(const struct web_redirector *redirector);

/* Stops the listener and frees it; NULL is fine. */
void web_redirect_stop(struct web_redirector *redirector);

#endif
