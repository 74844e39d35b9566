/* `setwork migrate [--dry-run]`: the migrations a database still needs, a backup copy before
 * they run, then the migrations (each in its own transaction). `setwork serve` takes the same
 * backup before it migrates. */
#include "cli/cli.h"

#include "app/settings/settings.h"
#include "core/strbuf.h"
#include "store/db.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int cli_backup_before_migrate(const struct command *cmd, struct cli_ctx *ctx, size_t *pending)
{
    const char **names = NULL;
    size_t count = 0;
    char *err = NULL;
    if (db_pending_migrations(ctx->db_path, &names, &count, &err) != 0) {
        int status = cli_user_error(cmd, "%s", err);
        free(err);
        return status;
    }
    free(names);
    if (pending)
        *pending = count;
    /* A new file has nothing to lose; an up-to-date one is not touched. */
    if (count == 0 || access(ctx->db_path, F_OK) != 0)
        return CLI_OK;
    const char *dir = settings_get(ctx->settings, SETTING_BACKUP_DIR);
    if (mkdir(dir, 0750) != 0 && errno != EEXIST)
        return cli_user_error(cmd, "cannot make the backup folder %s before migrating: %s", dir,
                              strerror(errno));
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    char *file = str_printf("%s/setwork-before-migrate-%s.db", dir, stamp);
    if (!file)
        return cli_user_error(cmd, "out of memory");
    int status = CLI_OK;
    if (db_backup_file(ctx->db_path, file, &err) != 0) {
        status = cli_user_error(cmd, "not migrating: the backup failed: %s", err);
        free(err);
    } else {
        printf("setwork: backed up %s to %s before applying %zu migration%s\n", ctx->db_path, file,
               count, count == 1 ? "" : "s");
    }
    free(file);
    return status;
}

static int run_migrate(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"dry-run", no_argument, NULL, 'n'},
        {"json", no_argument, NULL, 'j'},
        {0, 0, 0, 0},
    };
    bool dry = false, json = false;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'n': dry = true; break;
        case 'j': json = true; break;
        default: return cli_usage_error(&command_migrate, "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error(&command_migrate, "takes no arguments");
    const char **names = NULL;
    size_t count = 0;
    char *err = NULL;
    if (db_pending_migrations(ctx->db_path, &names, &count, &err) != 0) {
        int status = cli_user_error(&command_migrate, "%s", err);
        free(err);
        return status;
    }
    if (json) {
        json_t *list = json_array();
        for (size_t i = 0; i < count; i++)
            json_array_append_new(list, json_string(names[i]));
        cli_print_json(json_pack("{s:s, s:o, s:b}", "database", ctx->db_path, "pending", list,
                                 "dry_run", dry));
    } else if (count == 0) {
        printf("%s is up to date: no migration to apply.\n", ctx->db_path);
    } else {
        printf("%s %zu migration%s to %s:\n", dry ? "Would apply" : "Applying", count,
               count == 1 ? "" : "s", ctx->db_path);
        for (size_t i = 0; i < count; i++)
            printf("  %s\n", names[i]);
    }
    free(names);
    if (dry || count == 0)
        return CLI_OK;
    int status = cli_backup_before_migrate(&command_migrate, ctx, NULL);
    if (status != CLI_OK)
        return status;
    struct db *db = cli_open_db(&command_migrate, ctx);
    if (!db)
        return CLI_USER;
    db_close(db);
    if (!json)
        printf("Done: %s is up to date.\n", ctx->db_path);
    return CLI_OK;
}

const struct command command_migrate = {
    .name = "migrate",
    .summary = "Bring a database up to this version, with a backup first",
    .help = "usage: setwork migrate [--dry-run] [--json]\n\n"
            "Lists the migrations the database still needs and applies them, each in its own\n"
            "transaction: a migration that fails leaves no trace of itself, and the ones\n"
            "before it stay applied. Before the first one runs, a consistent copy of the file\n"
            "goes to backup_dir/setwork-before-migrate-YYYYMMDD-HHMMSS.db (UTC); if that copy\n"
            "cannot be written, nothing is migrated. 'setwork serve' takes the same copy when\n"
            "it finds migrations to apply; other commands migrate without one.\n\n"
            "  --dry-run   list what would run, change nothing\n"
            "  --json      print the database and the pending migrations as JSON\n",
    .run = run_migrate,
};
