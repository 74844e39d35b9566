/* Dispatch, global options and the shared ways subcommands report errors. */
#include "cli/cli.h"

#include "app/settings/settings.h"
#include "store/db.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

const struct command *cli_find(const char *name)
{
    for (const struct command *const *c = cli_commands; *c; c++) {
        if (strcmp((*c)->name, name) == 0)
            return *c;
    }
    return NULL;
}

int cli_usage_error(const struct command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "setwork %s: ", cmd->name);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nSee 'setwork help %s'.\n", cmd->name);
    va_end(ap);
    return CLI_USAGE;
}

int cli_user_error(const struct command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "setwork %s: ", cmd->name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return CLI_USER;
}

struct db *cli_open_db(const struct command *cmd, struct cli_ctx *ctx)
{
    struct db *db = NULL;
    char *err = NULL;
    if (db_open(ctx->db_path, &db, &err) != 0) {
        cli_user_error(cmd, "%s", err ? err : "cannot open the database");
        free(err);
        return NULL;
    }
    return db;
}

void cli_print_json(json_t *value)
{
    if (!value) {
        fputs("null\n", stdout);
        return;
    }
    json_dumpf(value, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    fputc('\n', stdout);
    json_decref(value);
}

int cli_parse_long(const struct command *cmd, const char *option, const char *text, long min,
                   long max, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max) {
        cli_usage_error(cmd, "%s takes a whole number from %ld to %ld, not '%s'", option, min, max,
                        text);
        return -1;
    }
    *out = v;
    return 0;
}

int cli_parse_double(const struct command *cmd, const char *option, const char *text, double min,
                     double max, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !isfinite(v) || v < min || v > max) {
        cli_usage_error(cmd, "%s takes a number from %g to %g, not '%s'", option, min, max, text);
        return -1;
    }
    *out = v;
    return 0;
}

/* Takes the global option NAME ("--db") at argv[*r] as `NAME VALUE` or `NAME=VALUE` into *OUT.
 * Returns 1 when it was there, 0 when argv[*r] is something else, -1 when the value is
 * missing. */
static int take_option(const char *name, int argc, char **argv, int *r, const char **out)
{
    size_t n = strlen(name);
    if (strncmp(argv[*r], name, n) != 0)
        return 0;
    if (argv[*r][n] == '=') {
        *out = argv[*r] + n + 1;
        return 1;
    }
    if (argv[*r][n] != '\0')
        return 0;
    if (*r + 1 >= argc)
        return -1;
    *out = argv[++*r];
    return 1;
}

/* Removes `--db PATH` and `--config FILE` (or `=` forms) from anywhere in argv, so every
 * subcommand accepts them. */
static int take_global_options(struct cli_ctx *ctx, int *argc, char **argv)
{
    int w = 1;
    for (int r = 1; r < *argc; r++) {
        if (strcmp(argv[r], "--") == 0) {
            while (r < *argc)
                argv[w++] = argv[r++];
            break;
        }
        int db = take_option("--db", *argc, argv, &r, &ctx->db_flag);
        int config = db ? 0 : take_option("--config", *argc, argv, &r, &ctx->config);
        if (db < 0 || config < 0) {
            fprintf(stderr, "setwork: %s needs a %s\n", db ? "--db" : "--config",
                    db ? "path" : "file name");
            return -1;
        }
        if (db || config)
            continue;
        argv[w++] = argv[r];
    }
    *argc = w;
    argv[w] = NULL;
    return 0;
}

/* Resolves every setting for CTX: defaults, config file, environment, then --db. Returns
 * CLI_OK, or reports each problem and returns CLI_USER. */
static int load_settings(struct cli_ctx *ctx, struct settings *settings)
{
    struct diag_list diags = {0};
    enum status st = settings_load(settings, ctx->config, environ, &diags);
    if (st != STATUS_FAILED && ctx->db_flag)
        st = settings_set(settings, SETTING_DB, ctx->db_flag, SETTINGS_FLAG, "--db", 0, &diags);
    int result = CLI_OK;
    if (diags.count || st != STATUS_OK) {
        diag_print(&diags, stderr);
        if (st == STATUS_FAILED)
            fputs("setwork: out of memory while reading the settings\n", stderr);
        else
            fputs("setwork: fix the settings above; 'setwork help config' describes them.\n",
                  stderr);
        result = CLI_USER;
    }
    diag_list_free(&diags);
    ctx->db_path = settings_get(settings, SETTING_DB);
    ctx->settings = settings;
    return result;
}

int cli_main(int argc, char **argv)
{
    struct cli_ctx ctx = {.db_path = DB_DEFAULT_PATH};
    if (take_global_options(&ctx, &argc, argv) != 0)
        return CLI_USAGE;
    if (argc < 2) {
        char *help_argv[] = {"help", NULL};
        command_help.run(&ctx, 1, help_argv);
        return CLI_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        name = "help";
    if (strcmp(name, "--version") == 0) {
        puts("setwork " SETWORK_VERSION);
        return CLI_OK;
    }
    const struct command *cmd = cli_find(name);
    if (!cmd) {
        fprintf(stderr, "setwork: '%s' is not a setwork command. See 'setwork help'.\n", name);
        return CLI_USAGE;
    }
    /* `setwork CMD --help` is the same as `setwork help CMD`. */
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(cmd->help, stdout);
            return CLI_OK;
        }
    }
    /* Help needs no settings, so a broken config file does not hide how to fix it. */
    struct settings settings;
    settings_init(&settings);
    int status = cmd == &command_help ? CLI_OK : load_settings(&ctx, &settings);
    if (status == CLI_OK) {
        optind = 0; /* re-initialise getopt for the subcommand */
        status = cmd->run(&ctx, argc - 1, argv + 1);
    }
    settings_free(&settings);
    return status;
}
