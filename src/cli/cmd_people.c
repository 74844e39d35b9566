/* `setwork people --programme NAME`: the members of a programme, filtered by attributes. */
#include "cli/cli.h"

#include "store/store_people.h"
#include "store/store_programmes.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The most --where filters one call takes. */
#define PEOPLE_MAX_FILTERS 16

struct filter {
    long attr;
    const char *value;
};

static bool matches(const struct cohort_person *p, const struct filter *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcasecmp(p->values[f[i].attr], f[i].value) != 0)
            return false;
    }
    return true;
}

static json_t *person_json(const struct cohort *c, const struct cohort_person *p)
{
    json_t *attrs = json_object();
    for (size_t k = 0; k < c->attr_count; k++) {
        if (p->values[k][0])
            json_object_set_new(attrs, c->attrs[k], json_string(p->values[k]));
    }
    return json_pack("{s:s, s:s, s:s?, s:o}", "name", p->name, "email", p->email, "manager_email",
                     p->manager_email, "attributes", attrs);
}

static int run_people(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"programme", required_argument, NULL, 'p'},
        {"where", required_argument, NULL, 'w'},
        {"json", no_argument, NULL, 'j'},
        {0, 0, 0, 0},
    };
    const char *programme = NULL;
    const char *where[PEOPLE_MAX_FILTERS];
    size_t nwhere = 0;
    bool json = false;
    int c;
    while ((c = getopt_long(argc, argv, "p:", options, NULL)) != -1) {
        switch (c) {
        case 'p': programme = optarg; break;
        case 'j': json = true; break;
        case 'w':
            if (nwhere == PEOPLE_MAX_FILTERS)
                return cli_usage_error(&command_people, "at most %d --where filters",
                                       PEOPLE_MAX_FILTERS);
            if (!strchr(optarg, '='))
                return cli_usage_error(&command_people, "--where takes ATTRIBUTE=VALUE, not '%s'",
                                       optarg);
            where[nwhere++] = optarg;
            break;
        default: return cli_usage_error(&command_people, "unknown option");
        }
    }
    if (!programme || optind != argc)
        return cli_usage_error(&command_people, "--programme NAME is required");
    struct db *db = cli_open_db(&command_people, ctx);
    if (!db)
        return CLI_USER;
    long long id;
    struct cohort cohort = {0};
    char *err = NULL;
    int status = CLI_OK;
    if (store_programme_id(db, programme, &id) != 0) {
        status = cli_user_error(&command_people,
                                "there is no programme '%s'; see 'setwork "
                                "programmes'",
                                programme);
        goto done;
    }
    if (store_load_cohort(db, id, &cohort, &err) != 0) {
        status = cli_user_error(&command_people, "%s", err);
        goto done;
    }
    struct filter filters[PEOPLE_MAX_FILTERS];
    for (size_t i = 0; i < nwhere; i++) {
        const char *eq = strchr(where[i], '=');
        char name[128];
        size_t len = (size_t)(eq - where[i]);
        if (len >= sizeof name)
            len = sizeof name - 1;
        memcpy(name, where[i], len);
        name[len] = '\0';
        filters[i].attr = cohort_attr_index(&cohort, name);
        filters[i].value = eq + 1;
        if (filters[i].attr < 0) {
            status = cli_user_error(&command_people, "nobody in '%s' has the attribute '%s'",
                                    programme, name);
            goto done;
        }
    }
    json_t *list = json ? json_array() : NULL;
    size_t shown = 0;
    for (size_t i = 0; i < cohort.count; i++) {
        const struct cohort_person *p = &cohort.people[i];
        if (!matches(p, filters, nwhere))
            continue;
        shown++;
        if (json) {
            json_array_append_new(list, person_json(&cohort, p));
            continue;
        }
        printf("%-28s %-44s", p->name, p->email);
        for (size_t k = 0; k < cohort.attr_count && k < 3; k++)
            printf(" %-24s", p->values[k]);
        putchar('\n');
    }
    if (json)
        cli_print_json(list);
    else
        printf("%zu of %zu members\n", shown, cohort.count);
done:
    free(err);
    cohort_free(&cohort);
    db_close(db);
    return status;
}

const struct command command_people = {
    .name = "people",
    .summary = "List a programme's members, optionally filtered",
    .help = "usage: setwork people --programme NAME [--where ATTRIBUTE=VALUE ...] [--json]\n\n"
            "Lists the members of programme NAME with their first attributes (all of them with\n"
            "--json). --where keeps those whose attribute equals VALUE (any case); repeat it to\n"
            "combine filters.\n",
    .run = run_people,
};
