/* The settings every command and the web server read: one fixed table of known names, each
 * resolved from, in rising order of precedence, its built-in default, a config file, an
 * environment variable SETWORK_<NAME> and a command-line flag. */
#ifndef SETWORK_APP_SETTINGS_SETTINGS_H
#define SETWORK_APP_SETTINGS_SETTINGS_H

#include "core/diag.h"
#include "core/status.h"
#include "core/strbuf.h"

#include <stdbool.h>
#include <stddef.h>

/* Limits on a config file, checked before anything is stored. */
#define SETTINGS_FILE_MAX  (64 * 1024) /* bytes in a config file */
#define SETTINGS_LINE_MAX  4096        /* bytes in one line, without its line break */
#define SETTINGS_VALUE_MAX 2048        /* bytes in one value, from any source */
#define SETTINGS_COUNT_MAX 100000      /* the largest COUNT setting */

/* Where a command looks for a config file when none is named with --config, in this order. */
#define SETTINGS_LOCAL_CONFIG  "./setwork.conf"
#define SETTINGS_SYSTEM_CONFIG "/etc/setwork/setwork.conf"

/* What a value must look like; each kind has one check in settings.c. */
enum setting_kind {
    SETTING_KIND_TEXT,       /* anything without control characters */
    SETTING_KIND_PATH,       /* a file name; must not be empty */
    SETTING_KIND_LISTEN,     /* IPv4 HOST:PORT, port 0 to 65535 */
    SETTING_KIND_URL,        /* empty, or an absolute http:// or https:// URL */
    SETTING_KIND_SMTP,       /* empty, or an smtp:// or smtps:// URL */
    SETTING_KIND_EMAIL,      /* empty, or an address with an @ */
    SETTING_KIND_SECONDS,    /* a whole number of seconds from 1 to 2^30 */
    SETTING_KIND_COUNT,      /* a whole number from 1 to SETTINGS_COUNT_MAX */
    SETTING_KIND_LISTEN_OPT, /* empty, or what LISTEN takes */
};

/* The table: X(ID, name, KIND, default, secret, description), KIND being SETTING_KIND_<KIND>.
 * Adding a setting is adding a line here. The name is what the config file says, upper-cased
 * after SETWORK_ for the environment; the description is one line for the example file. */
#define SETTINGS_TABLE(X)                                                                          \
    X(DB, "db", PATH, "setwork.db", false, "The SQLite database file.")                            \
    X(LISTEN, "listen", LISTEN, "127.0.0.1:8080", false,                                           \
      "Where 'setwork serve' listens: IPv4 HOST:PORT (port 0 picks a free one).")                  \
    X(PUBLIC_URL, "public_url", URL, "", false,                                                    \
      "The web app's address for people, such as https://sets.example.org (links in mail).")       \
    X(SESSION_IDLE, "session_idle", SECONDS, "1800", false,                                        \
      "Seconds a web session may sit unused before it ends.")                                      \
    X(SESSION_MAX, "session_max", SECONDS, "43200", false,                                         \
      "Seconds a web session may last at all, however busy.")                                      \
    X(THEMES_REFRESH, "themes_refresh", SECONDS, "10", false,                                      \
      "Seconds challenges must rest unchanged before 'setwork serve' finds the themes again.")     \
    X(SMTP_URL, "smtp_url", SMTP, "", false,                                                       \
      "The mail server, smtp://HOST:PORT or smtps://HOST:PORT; empty: no mail is sent.")           \
    X(SMTP_USER, "smtp_user", TEXT, "", false, "The user name for the mail server.")               \
    X(SMTP_PASSWORD, "smtp_password", TEXT, "", true,                                              \
      "The password for the mail server (prefer smtp_password_file).")                             \
    X(SMTP_PASSWORD_FILE, "smtp_password_file", TEXT, "", false,                                   \
      "A file that holds the password for the mail server.")                                       \
    X(MAIL_FROM, "mail_from", EMAIL, "", false,                                                    \
      "The sender of the mail setwork sends, such as Sets <sets@example.org>.")                    \
    X(BACKUP_DIR, "backup_dir", PATH, "backups", false,                                            \
      "The folder 'setwork backup --rotate' writes dated copies of the database to.")              \
    X(BACKUP_KEEP, "backup_keep", COUNT, "14", false,                                              \
      "How many dated copies 'setwork backup --rotate' keeps; it removes older ones.")             \
    X(TLS_CERT, "tls_cert", TEXT, "", false,                                                       \
      "A PEM certificate chain; with tls_key, 'setwork serve' speaks HTTPS (TLS 1.2, 1.3).")       \
    X(TLS_KEY, "tls_key", TEXT, "", false,                                                         \
      "The PEM private key of tls_cert; keep it readable by the setwork user only.")               \
    X(REDIRECT_LISTEN, "redirect_listen", LISTEN_OPT, "", false,                                   \
      "With TLS, a plain-HTTP HOST:PORT that only redirects to https://, or nothing.")             \
    X(METRICS_TOKEN, "metrics_token", TEXT, "", true,                                              \
      "A token that lets other hosts read /metrics as a Bearer token; loopback needs none.")

enum setting_id {
#define SETTINGS_ENUM(id, name, kind, def, secret, desc) SETTING_##id,
    SETTINGS_TABLE(SETTINGS_ENUM)
#undef SETTINGS_ENUM
        SETTING_COUNT
};

/* One line of the table. */
struct setting_def {
    const char *name;
    enum setting_kind kind;
    const char *fallback; /* the built-in default */
    bool secret;          /* shown masked */
    const char *description;
};

enum settings_source {
    SETTINGS_DEFAULT,
    SETTINGS_FILE,
    SETTINGS_ENV,
    SETTINGS_FLAG,
};

/* One effective value and where it came from. */
struct setting_value {
    char *value; /* owned; NULL while the default applies */
    enum settings_source source;
    char *origin; /* owned: the file, the environment variable or the flag; NULL for defaults */
    long line;    /* the file's line for SETTINGS_FILE, else 0 */
};

struct settings {
    struct setting_value values[SETTING_COUNT];
    char *config_file; /* owned: the config file that was read, NULL when none */
};

/* Returns the table entry for ID (static storage). */
const struct setting_def *settings_def(enum setting_id id);

/* Returns the setting called NAME, or -1 when there is none. */
int settings_find(const char *name);

/* Sets every setting to its default. Free with settings_free. */
void settings_init(struct settings *s);

/* Releases what S holds and leaves it as settings_init does. */
void settings_free(struct settings *s);

/* The whole chain below the command line: defaults, then the config file (CONFIG when it is
 * not NULL, which must exist; else the first of SETTINGS_LOCAL_CONFIG and
 * SETTINGS_SYSTEM_CONFIG that exists), then SETWORK_<NAME> from ENVP (a NULL-terminated
 * "NAME=value" array such as environ; NULL for none). Returns STATUS_OK; STATUS_INVALID with
 * every problem in DIAGS; or STATUS_FAILED when out of memory. */
enum status settings_load(struct settings *s, const char *config, char *const *envp,
                          struct diag_list *diags);

/* Reads the config file PATH into S. Returns as settings_load does; a file that cannot be read
 * is STATUS_INVALID with one problem naming it. */
enum status settings_load_file(struct settings *s, const char *path, struct diag_list *diags);

/* Parses LEN bytes of config text, naming FILE in messages and origins. Returns as
 * settings_load does. Lines that are fine are applied even when others are not. */
enum status settings_parse(struct settings *s, const char *file, const char *text, size_t len,
                           struct diag_list *diags);

/* Applies every known SETWORK_<NAME> in ENVP; other variables are ignored. */
enum status settings_load_env(struct settings *s, char *const *envp, struct diag_list *diags);

/* Checks VALUE for ID and stores a copy, recording SOURCE, ORIGIN (copied; may be NULL) and
 * LINE. Returns STATUS_OK, STATUS_INVALID with a problem naming the setting in DIAGS, or
 * STATUS_FAILED when out of memory. */
enum status settings_set(struct settings *s, enum setting_id id, const char *value,
                         enum settings_source source, const char *origin, long line,
                         struct diag_list *diags);

/* Returns the effective value of ID (owned by S, or static for a default; never NULL). */
const char *settings_get(const struct settings *s, enum setting_id id);

/* Returns the effective value of a SETTING_SECONDS setting as a number. */
long settings_get_long(const struct settings *s, enum setting_id id);

/* Returns the value as it may be shown: "********" for a secret that is set (static storage). */
const char *settings_shown(const struct settings *s, enum setting_id id);

/* Returns "default", "file", "env" or "flag" (static storage). */
const char *settings_source_name(enum settings_source source);

/* Appends where the value of ID came from, such as "file ./setwork.conf:3",
 * "env SETWORK_DB", "flag --db" or "default". Returns 0, or -1 when out of memory. */
int settings_describe_source(const struct settings *s, enum setting_id id, struct strbuf *out);

/* Appends a config file that lists every setting, commented out at its default, with its
 * description: docs/setwork.conf.example. Returns 0, or -1 when out of memory. */
int settings_write_example(struct strbuf *out);

#endif
