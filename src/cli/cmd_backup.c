/* `setwork backup FILE`: a consistent copy of the database, safe while the web app runs;
 * `setwork backup --rotate`: a dated copy in backup_dir, keeping the last backup_keep. */
#include "cli/cli.h"

#include "app/settings/settings.h"
#include "core/strbuf.h"
#include "store/db.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Dated copies are named setwork-YYYYMMDD-HHMMSS.db (UTC), so that names sort by age and
 * nothing else in the folder is ever removed. */
#define BACKUP_PREFIX   "setwork-"
#define BACKUP_SUFFIX   ".db"
#define BACKUP_NAME_LEN (sizeof BACKUP_PREFIX - 1 + 15 + sizeof BACKUP_SUFFIX - 1)
/* A folder with more dated copies than this is not ours to clean up. */
#define BACKUP_LIST_MAX 100000

static bool is_dated_copy(const char *name)
{
    if (strlen(name) != BACKUP_NAME_LEN || strncmp(name, BACKUP_PREFIX, 8) != 0 ||
        strcmp(name + BACKUP_NAME_LEN - 3, BACKUP_SUFFIX) != 0)
        return false;
    for (size_t i = 8; i < 8 + 15; i++) {
        if (i == 16 ? name[i] != '-' : (name[i] < '0' || name[i] > '9'))
            return false;
    }
    return true;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes the oldest dated copies in DIR beyond KEEP; prints each. Returns 0 or -1. */
static int prune(const char *dir, long keep)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_user_error(&command_backup, "cannot list %s: %s", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) && count < BACKUP_LIST_MAX) {
        if (!is_dated_copy(e->d_name))
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 32;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown) {
                rc = -1;
                break;
            }
            names = grown;
        }
        if (!(names[count] = str_printf("%s", e->d_name))) {
            rc = -1;
            break;
        }
        count++;
    }
    closedir(d);
    if (rc == 0) {
        qsort(names, count, sizeof *names, by_name);
        for (size_t i = 0; i + (size_t)keep < count; i++) {
            char *path = str_printf("%s/%s", dir, names[i]);
            if (!path || unlink(path) != 0) {
                cli_user_error(&command_backup, "cannot remove %s: %s", path ? path : names[i],
                               strerror(errno));
                rc = -1;
            } else {
                printf("Removed the old backup %s.\n", path);
            }
            free(path);
        }
    } else {
        cli_user_error(&command_backup, "out of memory listing %s", dir);
    }
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return rc;
}

static int copy_to(struct cli_ctx *ctx, const char *file)
{
    struct db *db = cli_open_db(&command_backup, ctx);
    if (!db)
        return CLI_USER;
    char *err = NULL;
    int status = CLI_OK;
    if (db_backup(db, file, &err) != 0)
        status = cli_user_error(&command_backup, "%s", err);
    else
        printf("Backed up %s to %s.\n", ctx->db_path, file);
    free(err);
    db_close(db);
    return status;
}

static int rotate(struct cli_ctx *ctx, const char *dir, long keep)
{
    if (mkdir(dir, 0750) != 0 && errno != EEXIST)
        return cli_user_error(&command_backup, "cannot make the folder %s: %s", dir,
                              strerror(errno));
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    char *file = str_printf("%s/" BACKUP_PREFIX "%s" BACKUP_SUFFIX, dir, stamp);
    if (!file)
        return cli_user_error(&command_backup, "out of memory");
    int status = copy_to(ctx, file);
    free(file);
    /* Old copies go only once the new one is complete. */
    if (status == CLI_OK && prune(dir, keep) != 0)
        status = CLI_USER;
    return status;
}

static int run_backup(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"rotate", no_argument, NULL, 'r'},
        {"dir", required_argument, NULL, 'd'},
        {"keep", required_argument, NULL, 'k'},
        {0, 0, 0, 0},
    };
    const char *dir = settings_get(ctx->settings, SETTING_BACKUP_DIR);
    long keep = settings_get_long(ctx->settings, SETTING_BACKUP_KEEP);
    bool rotating = false, tuned = false;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'r': rotating = true; break;
        case 'd':
            dir = optarg;
            tuned = true;
            break;
        case 'k':
            if (cli_parse_long(&command_backup, "--keep", optarg, 1, SETTINGS_COUNT_MAX, &keep))
                return CLI_USAGE;
            tuned = true;
            break;
        default: return cli_usage_error(&command_backup, "unknown option");
        }
    }
    if (rotating) {
        if (optind != argc)
            return cli_usage_error(&command_backup, "--rotate takes no FILE");
        return rotate(ctx, dir, keep);
    }
    if (tuned)
        return cli_usage_error(&command_backup, "--dir and --keep go with --rotate");
    if (argc - optind != 1)
        return cli_usage_error(&command_backup, "give the file to write the backup to");
    return copy_to(ctx, argv[optind]);
}

const struct command command_backup = {
    .name = "backup",
    .summary = "Copy the database safely, even while it is in use",
    .help = "usage: setwork backup FILE\n"
            "       setwork backup --rotate [--dir DIR] [--keep N]\n\n"
            "Writes a consistent copy of the database to FILE using SQLite's online backup, so\n"
            "it is safe while 'setwork serve' runs. FILE is replaced only once the copy is\n"
            "complete. To restore, stop setwork and use FILE as --db.\n\n"
            "--rotate writes DIR/setwork-YYYYMMDD-HHMMSS.db (UTC) instead, making DIR if need\n"
            "be, and then removes the oldest such copies beyond the last N; other files in DIR\n"
            "are left alone. DIR and N default to the settings backup_dir (backups) and\n"
            "backup_keep (14). The package's daily setwork-backup.timer runs it.\n",
    .run = run_backup,
};
