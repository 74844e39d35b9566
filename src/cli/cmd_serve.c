/* `setwork serve`: the web application. */
#include "cli/cli.h"

#include "app/challenges/theme_refresh.h"
#include "app/mail/sender.h"
#include "app/settings/settings.h"
#include "store/db.h"
#include "web/http/server.h"
#include "web/http/tls.h"

#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int run_serve(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"listen", required_argument, NULL, 'l'},
        {"session-idle", required_argument, NULL, 'i'},
        {"session-max", required_argument, NULL, 'm'},
        {"tls-cert", required_argument, NULL, 'c'},
        {"tls-key", required_argument, NULL, 'k'},
        {"redirect-listen", required_argument, NULL, 'r'},
        {"quiet", no_argument, NULL, 'q'},
        {0, 0, 0, 0},
    };
    /* The settings give the defaults (see `setwork help config`); the flags win over them. */
    const char *listen = settings_get(ctx->settings, SETTING_LISTEN);
    long idle = settings_get_long(ctx->settings, SETTING_SESSION_IDLE);
    long max = settings_get_long(ctx->settings, SETTING_SESSION_MAX);
    long themes_quiet = settings_get_long(ctx->settings, SETTING_THEMES_REFRESH);
    const char *cert = settings_get(ctx->settings, SETTING_TLS_CERT);
    const char *key = settings_get(ctx->settings, SETTING_TLS_KEY);
    const char *redirect = settings_get(ctx->settings, SETTING_REDIRECT_LISTEN);
    bool quiet = false;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'l': listen = optarg; break;
        case 'i':
            if (cli_parse_long(&command_serve, "--session-idle", optarg, 1, 1L << 30, &idle))
                return CLI_USAGE;
            break;
        case 'm':
            if (cli_parse_long(&command_serve, "--session-max", optarg, 1, 1L << 30, &max))
                return CLI_USAGE;
            break;
        case 'c': cert = optarg; break;
        case 'k': key = optarg; break;
        case 'r': redirect = optarg; break;
        case 'q': quiet = true; break;
        default: return cli_usage_error(&command_serve, "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error(&command_serve, "takes no arguments");
    if (!*cert != !*key)
        return cli_usage_error(&command_serve, "--tls-cert and --tls-key go together");
    const char *public_url = settings_get(ctx->settings, SETTING_PUBLIC_URL);
    if (*redirect && !*cert && strncmp(public_url, "https://", 8) != 0)
        return cli_usage_error(&command_serve, "--redirect-listen needs --tls-cert and --tls-key, "
                                               "or an https:// public_url");
    /* Open once here so that a bad path or a failed migration is reported before listening;
     * a database that needs migrating is copied into backup_dir first. */
    if (cli_backup_before_migrate(&command_serve, ctx, NULL) != CLI_OK)
        return CLI_USER;
    struct db *db = cli_open_db(&command_serve, ctx);
    if (!db)
        return CLI_USER;
    /* Challenges changed from the command line since the last run: their themes are found
     * now, before the first request, so that pages never show stale themes. */
    char *terr = NULL;
    if (theme_refresh_pass(db, INT64_MAX / 2, 0, &terr) < 0)
        fprintf(stderr, "setwork: themes: %s\n", terr ? terr : "refresh failed");
    free(terr);
    db_close(db);

    /* Block the stop signals in every thread (MHD's inherit this mask); main waits for them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* Mail settings are checked before listening too; without smtp_url nothing is sent. */
    struct mail_config mail;
    struct strbuf merr = {0};
    if (mail_config_load(ctx->settings, &mail, &merr) != STATUS_OK) {
        int status = cli_user_error(&command_serve, "%s", merr.data ? merr.data : "out of memory");
        sb_free(&merr);
        return status;
    }

    struct web_config config = {
        .db_path = ctx->db_path,
        .session_idle = idle,
        .session_max = max,
        .tls_cert = cert,
        .tls_key = key,
        .public_url = public_url,
        .metrics_token = settings_get(ctx->settings, SETTING_METRICS_TOKEN),
        .quiet = quiet,
        .mail = &mail,
    };
    struct web_server *server = NULL;
    char *err = NULL;
    if (web_server_start(&config, listen, &server, &err) != 0) {
        int status = cli_user_error(&command_serve, "%s", err ? err : "cannot start");
        free(err);
        mail_config_free(&mail);
        return status;
    }
    /* The redirect goes to public_url when there is one: the bound address may be 0.0.0.0. */
    struct web_redirector *redirector = NULL;
    if (*redirect) {
        char target[256];
        size_t n = *public_url ? strcspn(public_url + 8, "/?#") + 8 : 0;
        snprintf(target, sizeof target, "%.*s", n ? (int)n : (int)sizeof target,
                 n ? public_url : config.origin);
        if (web_redirect_start(redirect, target, &redirector, &err) != 0) {
            int status = cli_user_error(&command_serve, "%s", err ? err : "cannot start");
            free(err);
            web_server_stop(server);
            mail_config_free(&mail);
            return status;
        }
        char host[64];
        snprintf(host, sizeof host, "%.*s", (int)strcspn(redirect, ":"), redirect);
        printf("setwork: redirecting http://%s:%d/ to %s/\n", host, web_redirect_port(redirector),
               target);
    }
    struct mail_sender *sender = NULL;
    /* Reminders queued by the sender link back to this server when public_url is not set. */
    if (mail.enabled && (!mail.public_url || !*mail.public_url)) {
        free(mail.public_url);
        mail.public_url = strdup(config.origin);
    }
    if (mail.enabled && mail_sender_start(ctx->db_path, &mail, &sender, &merr) != 0) {
        int status = cli_user_error(&command_serve, "%s", merr.data ? merr.data : "mail");
        sb_free(&merr);
        web_redirect_stop(redirector);
        web_server_stop(server);
        mail_config_free(&mail);
        return status;
    }
    struct theme_refresher *themes = theme_refresher_start(ctx->db_path, themes_quiet, &err);
    if (!themes) {
        fprintf(stderr, "setwork: themes will not be refreshed: %s\n", err ? err : "");
        free(err);
        err = NULL;
    }
    printf("setwork: serving %s/ (database %s); stop with Ctrl-C\n", config.origin, ctx->db_path);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "setwork: stopping (finishing requests in flight)\n");
    theme_refresher_stop(themes);
    web_redirect_stop(redirector);
    web_server_stop(server);
    mail_sender_stop(sender);
    mail_config_free(&mail);
    fprintf(stderr, "setwork: stopped\n");
    return CLI_OK;
}

const struct command command_serve = {
    .name = "serve",
    .summary = "Serve the web application",
    .help = "usage: setwork serve [--listen HOST:PORT] [--session-idle SECONDS]\n"
            "                     [--session-max SECONDS] [--tls-cert FILE --tls-key FILE]\n"
            "                     [--redirect-listen HOST:PORT] [--quiet]\n\n"
            "Serves the web application on HOST:PORT (default 127.0.0.1:8080; port 0 picks a\n"
            "free one and prints it). Sessions end after --session-idle seconds unused\n"
            "(default 1800) and --session-max seconds in all (default 43200). SIGINT or\n"
            "SIGTERM stop the server after the requests in flight finish.\n"
            "The settings listen, session_idle and session_max give the defaults, from a\n"
            "config file or SETWORK_LISTEN and the like; the flags win (see 'setwork help\n"
            "config'). Create logins with 'setwork users'. When smtp_url and mail_from are\n"
            "set, a sender thread delivers the outbox every 5 seconds, as 'setwork notify'\n"
            "does.\n\n"
            "--tls-cert and --tls-key (PEM files; settings tls_cert and tls_key) serve HTTPS,\n"
            "TLS 1.2 and 1.3 only. With HTTPS, or an https:// public_url (nginx in front, see\n"
            "docs/nginx.md), cookies carry Secure and responses Strict-Transport-Security.\n"
            "--redirect-listen (setting redirect_listen) adds a plain-HTTP listener that only\n"
            "redirects to public_url, or to the HTTPS address.\n\n"
            "Each request is logged on stderr as one line of key=value pairs: time, method,\n"
            "route pattern, status, duration and bytes; --quiet turns this off. GET /healthz\n"
            "and GET /metrics (Prometheus text) answer loopback, or a Bearer metrics_token.\n",
    .run = run_serve,
};
