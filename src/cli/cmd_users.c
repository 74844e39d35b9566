/* `setwork users`: web logins (add, invite, list) and the demo logins `make run` prints. */
#include "cli/cli.h"

#include "app/mail/invite.h"
#include "app/plans/plan_service.h"
#include "store/store_accounts.h"
#include "store/store_people.h"
#include "store/store_plans.h"
#include "store/store_programmes.h"
#include "web/http/auth.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Known passwords for the demo logins: for a local demonstration only. */
#define DEMO_PASSWORD    "setwork-demo"
#define DEMO_ADMIN       "admin@demo.example"
#define DEMO_FACILITATOR "facilitator@demo.example"

static int add_user(struct db *db, const char *email, enum user_role role, const char *password,
                    long long *id)
{
    char *hash = NULL;
    if (password) {
        const char *problem = auth_password_problem(password);
        if (problem)
            return cli_user_error(&command_users, "%s", problem);
        hash = auth_password_hash(password);
        if (!hash)
            return cli_user_error(&command_users, "out of memory");
    }
    int rc = store_user_create(db, email, role, hash, id);
    free(hash);
    if (rc == 1)
        return cli_user_error(&command_users, "%s has an account already", email);
    if (rc != 0)
        return cli_user_error(&command_users, "%s", db_errmsg(db));
    return CLI_OK;
}

static int cmd_add(struct db *db, int argc, char **argv)
{
    static const struct option options[] = {
        {"role", required_argument, NULL, 'r'},
        {"password", required_argument, NULL, 'p'},
        {0, 0, 0, 0},
    };
    const char *role_name = "participant", *password = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'r': role_name = optarg; break;
        case 'p': password = optarg; break;
        default: return cli_usage_error(&command_users, "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error(&command_users, "wants one EMAIL");
    enum user_role role = user_role_parse(role_name);
    if (!role)
        return cli_usage_error(&command_users, "--role is admin, facilitator or participant");
    const char *email = argv[optind];
    long long id;
    int status = add_user(db, email, role, password, &id);
    if (status == CLI_OK)
        printf("added %s (%s)%s\n", email, role_name, password ? "" : "; no password yet");
    return status;
}

/* Sends what the invitations queued, and says what happened. */
static int deliver_now(struct db *db, const struct mail_config *cfg)
{
    struct mail_pass_result r;
    struct strbuf err = {0};
    enum status st = mail_deliver(db, cfg, (long long)time(NULL), false, &r, &err);
    int status = CLI_OK;
    if (st != STATUS_OK)
        status = cli_user_error(&command_users, "%s", err.data ? err.data : "cannot send");
    else if (r.retried || r.failed)
        fprintf(stderr,
                "setwork users: %ld message(s) could not be sent yet and will be retried by "
                "'setwork notify' or 'setwork serve'; %ld failed for good (see 'setwork notify "
                "--list')\n",
                r.retried, r.failed);
    sb_free(&err);
    return status;
}

static int cmd_invite(struct cli_ctx *ctx, struct db *db, int argc, char **argv)
{
    static const struct option options[] = {
        {"role", required_argument, NULL, 'r'},
        {"base-url", required_argument, NULL, 'b'},
        {"programme", required_argument, NULL, 'P'},
        {"all", no_argument, NULL, 'a'},
        {0, 0, 0, 0},
    };
    const char *role_name = "participant", *base = NULL, *programme = NULL;
    bool all = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'r': role_name = optarg; break;
        case 'b': base = optarg; break;
        case 'P': programme = optarg; break;
        case 'a': all = true; break;
        default: return cli_usage_error(&command_users, "unknown option");
        }
    }
    if (all != (programme != NULL))
        return cli_usage_error(&command_users, "--all goes with --programme P");
    if (all ? optind != argc : optind + 1 != argc)
        return cli_usage_error(&command_users,
                               all ? "--programme P --all takes no EMAIL" : "wants one EMAIL");
    enum user_role role = user_role_parse(role_name);
    if (!role)
        return cli_usage_error(&command_users, "--role is admin, facilitator or participant");
    struct mail_config cfg;
    struct strbuf err = {0}, links = {0};
    enum status st = mail_config_load(ctx->settings, &cfg, &err);
    if (st != STATUS_OK) {
        int status = cli_user_error(&command_users, "%s", err.data ? err.data : "out of memory");
        sb_free(&err);
        return status;
    }
    if (!base)
        base = mail_link_base(&cfg, "http://127.0.0.1:8080");
    long long now = (long long)time(NULL);
    int status = CLI_OK;
    if (all) {
        long long programme_id;
        long count = 0;
        if (store_programme_id(db, programme, &programme_id) != 0) {
            status = cli_user_error(&command_users, "there is no programme '%s'", programme);
            goto out;
        }
        st = invite_programme(db, &cfg, programme_id, base, now, &count, &links, &err);
        if (st == STATUS_OK) {
            if (cfg.enabled)
                printf("invited %ld member(s) of %s without an account; mail queued\n", count,
                       programme);
            else
                printf("%s", links.data ? links.data : "");
            if (!count)
                printf("every member of %s has an account already\n", programme);
        }
    } else {
        struct invite_result r;
        st = invite_one(db, &cfg, argv[optind], role, base, now, &r, &err);
        if (st == STATUS_OK) {
            if (cfg.enabled)
                printf("%s %s to %s\n", r.resent ? "new invitation" : "invitation", "queued",
                       argv[optind]);
            else
                printf("%s\n", r.link);
            invite_result_clear(&r);
        }
    }
    if (st != STATUS_OK)
        status = cli_user_error(&command_users, "%s", err.data ? err.data : db_errmsg(db));
    else if (cfg.enabled)
        status = deliver_now(db, &cfg);
out:
    mail_config_free(&cfg);
    sb_free(&err);
    sb_free(&links);
    return status;
}

static int cmd_list(struct db *db)
{
    struct store_user_entry *users;
    size_t count;
    if (store_users_list(db, &users, &count) != 0)
        return cli_user_error(&command_users, "%s", db_errmsg(db));
    for (size_t i = 0; i < count; i++)
        printf("%-12s %s%s\n", users[i].role, users[i].email,
               users[i].has_password ? "" : " (invited)");
    store_user_entries_free(users, count);
    return CLI_OK;
}

/* Prints the demo logins of a store where they exist already. */
static int print_logins(struct db *db)
{
    struct store_user_entry *users;
    size_t count;
    if (store_users_list(db, &users, &count) != 0)
        return cli_user_error(&command_users, "%s", db_errmsg(db));
    const char *participant = "(none)";
    for (size_t i = 0; i < count; i++)
        if (strcmp(users[i].role, "participant") == 0) {
            participant = users[i].email;
            break;
        }
    printf("Demo logins (password %s for each):\n", DEMO_PASSWORD);
    printf("  admin        %s\n  facilitator  %s\n  participant  %s\n", DEMO_ADMIN,
           DEMO_FACILITATOR, participant);
    store_user_entries_free(users, count);
    return CLI_OK;
}

/* Forms the demo's sets with the real engine (sizes 5 to 7, a short search), gives the demo
 * facilitator the first two sets and publishes them, so that every page has something to show.
 * Stores in *FIRST the first member of the first set (the demo participant). */
static int demo_sets(struct db *db, long long programme_id, long long facilitator, long long *first)
{
    long long plan_id;
    struct strbuf err = {0};
    struct plan_settings s = {
        .name = "Demo sets", .size_min = 5, .size_max = 7, .iterations = 20000, .seed = 1};
    if (store_plan_latest(db, programme_id, &plan_id) == 0) {
        /* Sets exist already: keep them; the participant is the first member of the first. */
        s.name = NULL;
    } else if (plan_form(db, programme_id, &s, &plan_id, &err) != 0) {
        cli_user_error(&command_users, "the demo sets could not be formed: %s",
                       err.data ? err.data : db_errmsg(db));
        sb_free(&err);
        return -1;
    }
    sb_free(&err);
    json_t *view = NULL;
    if (plan_view(db, plan_id, &view) != 0)
        return -1;
    json_t *sets = json_object_get(view, "sets");
    for (size_t i = 0; s.name && i < 2 && i < json_array_size(sets); i++) {
        long long set_id = json_integer_value(json_object_get(json_array_get(sets, i), "id"));
        if (store_set_facilitator(db, plan_id, set_id, facilitator) < 0) {
            json_decref(view);
            return -1;
        }
    }
    json_t *members = json_object_get(json_array_get(sets, 0), "members");
    *first = json_integer_value(json_object_get(json_array_get(members, 0), "id"));
    json_decref(view);
    return s.name && store_plan_publish(db, plan_id) < 0 ? -1 : 0;
}

/* The three demo logins, and the demo's published sets so that the participant has one. */
static int cmd_demo(struct db *db)
{
    long long programme_id, facilitator_person, first = 0, id;
    struct user found = {0};
    if (store_programme_id(db, "Demo", &programme_id) != 0)
        return cli_user_error(&command_users, "there is no programme 'Demo': run 'setwork demo'");
    if (store_user_by_email(db, DEMO_ADMIN, &found, NULL) == 0) {
        user_clear(&found);
        return print_logins(db);
    }
    if (store_person_id(db, DEMO_FACILITATOR, &facilitator_person) == 1 &&
        store_person_insert(db, DEMO_FACILITATOR, "Fran Okafor", "", &facilitator_person) != 0)
        return cli_user_error(&command_users, "%s", db_errmsg(db));
    if (demo_sets(db, programme_id, facilitator_person, &first) != 0)
        return cli_user_error(&command_users, "%s", db_errmsg(db));
    struct user admin_view = {.role = ROLE_ADMIN};
    struct store_person_view person = {0};
    const char *participant = NULL;
    if (first && store_person_visible(db, &admin_view, first, &person) == 0)
        participant = person.person.email;
    int status = add_user(db, DEMO_ADMIN, ROLE_ADMIN, DEMO_PASSWORD, &id);
    if (status == CLI_OK)
        status = add_user(db, DEMO_FACILITATOR, ROLE_FACILITATOR, DEMO_PASSWORD, &id);
    if (status == CLI_OK && participant)
        status = add_user(db, participant, ROLE_PARTICIPANT, DEMO_PASSWORD, &id);
    if (status == CLI_OK) {
        printf("Demo logins (password %s for each):\n", DEMO_PASSWORD);
        printf("  admin        %s\n  facilitator  %s\n  participant  %s\n", DEMO_ADMIN,
               DEMO_FACILITATOR, participant ? participant : "(none: Demo has no members)");
    }
    store_person_view_free(&person);
    return status;
}

static int run_users(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error(&command_users, "wants add, invite, list or demo");
    const char *sub = argv[1];
    if (strcmp(sub, "add") && strcmp(sub, "invite") && strcmp(sub, "list") && strcmp(sub, "demo"))
        return cli_usage_error(&command_users, "unknown subcommand '%s'", sub);
    struct db *db = cli_open_db(&command_users, ctx);
    if (!db)
        return CLI_USER;
    int status;
    if (strcmp(sub, "list") == 0)
        status = cmd_list(db);
    else if (strcmp(sub, "demo") == 0)
        status = cmd_demo(db);
    else if (strcmp(sub, "invite") == 0)
        status = cmd_invite(ctx, db, argc - 1, argv + 1);
    else
        status = cmd_add(db, argc - 1, argv + 1);
    db_close(db);
    return status;
}

const struct command command_users = {
    .name = "users",
    .summary = "Web logins: add, invite, list, demo",
    .help =
        "usage: setwork users add EMAIL --role ROLE [--password PASSWORD]\n"
        "       setwork users invite EMAIL --role ROLE [--base-url URL]\n"
        "       setwork users invite --programme P --all [--base-url URL]\n"
        "       setwork users list\n"
        "       setwork users demo\n\n"
        "ROLE is admin, facilitator or participant. An account whose email is a person's\n"
        "in the store is linked to that person. 'invite' prints a one-time link that sets\n"
        "the password (valid for seven days); inviting again someone who has not set a\n"
        "password yet makes a new link (a resend, or after the old one expired).\n"
        "'--programme P --all' invites, as participants, every member of P without an\n"
        "account. When the settings smtp_url and mail_from are set (SETWORK_SMTP_URL,\n"
        "SETWORK_MAIL_FROM), the invitations are mailed instead of printed; links start\n"
        "with public_url (or --base-url). 'demo' creates three demo logins with the\n"
        "password " DEMO_PASSWORD " and, when programme Demo has no sets yet, forms them (sizes\n"
        "5 to 7), gives the demo facilitator two of them and publishes them.\n",
    .run = run_users,
};
