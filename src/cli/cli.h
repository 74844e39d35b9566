/* The `setwork` command: a table of git-style subcommands, each in its own cmd_<name>.c. */
#ifndef SETWORK_CLI_CLI_H
#define SETWORK_CLI_CLI_H

#include <jansson.h>
#include <stdbool.h>

struct db;
struct settings;

/* Exit statuses shared by every subcommand. */
enum cli_status {
    CLI_OK = 0,    /* success */
    CLI_USER = 1,  /* bad input or a request that cannot be met: fix the input */
    CLI_USAGE = 2, /* the command line itself is wrong */
};

/* Options that apply to every subcommand; parsed by main before dispatch. */
struct cli_ctx {
    const char *db_path;             /* the effective `db` setting (--db PATH wins) */
    const char *config;              /* --config FILE, or NULL to look in the usual places */
    const char *db_flag;             /* --db PATH, or NULL */
    const struct settings *settings; /* every setting, resolved before the command runs */
};

typedef int (*cli_run_fn)(struct cli_ctx *ctx, int argc, char **argv);

struct command {
    const char *name;
    const char *summary; /* one line for `setwork help` */
    const char *help;    /* the full text for `setwork help NAME`, starting with the usage */
    cli_run_fn run;      /* argv[0] is the command name */
};

/* Every subcommand; one line each, defined in cmd_<name>.c. */
extern const struct command command_help;
extern const struct command command_rounds;
extern const struct command command_serve;
extern const struct command command_users;
extern const struct command command_notify;
extern const struct command command_import;
extern const struct command command_export;
extern const struct command command_demo;
extern const struct command command_backup;
extern const struct command command_programmes;
extern const struct command command_people;
extern const struct command command_challenges;
extern const struct command command_survey;
extern const struct command command_report;
extern const struct command command_bench;
extern const struct command command_form;
extern const struct command command_network;
extern const struct command command_meetings;
extern const struct command command_ics;
extern const struct command command_config;
extern const struct command command_migrate;
extern const struct command command_bench;
extern const struct command command_form;

/* The table, terminated by NULL. */
extern const struct command *const cli_commands[];

/* Finds a subcommand by name; NULL when there is none. */
const struct command *cli_find(const char *name);

/* Runs the whole program: global options, dispatch, exit status. */
int cli_main(int argc, char **argv);

/* Reports a usage error for CMD on stderr and returns CLI_USAGE. */
int cli_usage_error(const struct command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reports a user error on stderr as "setwork CMD: message" and returns CLI_USER. */
int cli_user_error(const struct command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Opens the database named by the context; on failure reports it and returns NULL. */
struct db *cli_open_db(const struct command *cmd, struct cli_ctx *ctx);

/* When the database needs migrations, copies it into backup_dir first (cmd_migrate.c); sets
 * *PENDING (may be NULL) to their number. CLI_OK, or reports why and returns CLI_USER. */
int cli_backup_before_migrate(const struct command *cmd, struct cli_ctx *ctx, size_t *pending);

/* Prints VALUE as indented JSON on stdout followed by a newline and releases it. */
void cli_print_json(json_t *value);

/* Parses a non-negative integer option; returns 0 or reports a usage error and returns -1. */
int cli_parse_long(const struct command *cmd, const char *option, const char *text, long min,
                   long max, long *out);
/* Parses a non-negative number of seconds. */
int cli_parse_double(const struct command *cmd, const char *option, const char *text, double min,
                     double max, double *out);

#endif
