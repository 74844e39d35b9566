/* `setwork report --programme NAME`: the impact report, as text, JSON or SVG charts. */
#include "cli/cli.h"

#include "app/report/report.h"
#include "core/file.h"
#include "core/strbuf.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_scale(const json_t *s)
{
    printf("  %s: %lld people answered both\n", json_string_value(json_object_get(s, "title")),
           (long long)json_integer_value(json_object_get(s, "paired")));
    if (!json_is_true(json_object_get(s, "shown"))) {
        printf("    %s\n", json_string_value(json_object_get(s, "note")));
        return;
    }
    json_t *ci = json_object_get(s, "change_ci95"), *dci = json_object_get(s, "d_z_ci95");
    printf("    mean %.2f at start, %.2f at end: change %+.2f (95%% CI %+.2f to %+.2f)%s\n",
           json_real_value(json_object_get(s, "start_mean")),
           json_real_value(json_object_get(s, "end_mean")),
           json_real_value(json_object_get(s, "mean_change")),
           json_real_value(json_array_get(ci, 0)), json_real_value(json_array_get(ci, 1)),
           json_is_true(json_object_get(s, "higher_is_better")) ? "; higher is better"
                                                                : "; lower is better");
    if (json_is_real(json_object_get(s, "d_z")))
        printf("    effect size d_z %.2f (95%% CI %.2f to %.2f), d_av %.2f\n",
               json_real_value(json_object_get(s, "d_z")), json_real_value(json_array_get(dci, 0)),
               json_real_value(json_array_get(dci, 1)),
               json_real_value(json_object_get(s, "d_av")));
}

/* Before/after pairs of the network section, as "before -> after". */
static void before_after(json_t *net, const char *key, const char *label, double scale,
                         const char *unit)
{
    json_t *o = json_object_get(net, key);
    if (!o)
        return;
    printf("  %-36s %8.2f%s -> %.2f%s\n", label,
           scale * json_number_value(json_object_get(o, "before")), unit,
           scale * json_number_value(json_object_get(o, "after")), unit);
}

static void print_network(json_t *net)
{
    printf("  from wave '%s' to '%s', %lld people\n",
           json_string_value(json_object_get(net, "before")),
           json_string_value(json_object_get(net, "after")),
           (long long)json_integer_value(json_object_get(net, "people")));
    printf("  new ties: %lld inside people's own sets, %lld beyond them; %lld lost\n",
           (long long)json_integer_value(json_object_get(net, "new_ties_inside_own_set")),
           (long long)json_integer_value(json_object_get(net, "new_ties_beyond_own_set")),
           (long long)json_integer_value(json_object_get(net, "ties_lost")));
    before_after(net, "cross_department_tie_share", "ties across departments", 100, "%");
    before_after(net, "cross_organisation_tie_share", "ties across organisations", 100, "%");
    before_after(net, "isolates", "isolated people", 1, "");
    json_t *c = json_object_get(net, "contacts_per_person");
    if (c)
        printf("  %-36s %8.2f -> %.2f (d_z %.2f)\n", "contacts per person",
               json_number_value(json_object_get(c, "before")),
               json_number_value(json_object_get(c, "after")),
               json_number_value(json_object_get(c, "d_z")));
}

static void print_report(const json_t *r)
{
    json_t *p = json_object_get(r, "participation");
#define N(o, k) ((long long)json_integer_value(json_object_get((o), (k))))
    printf("Impact report: %s (%s)\n\n", json_string_value(json_object_get(r, "programme")),
           json_string_value(json_object_get(r, "generated_at")));
    printf("In brief\n");
    size_t h;
    json_t *line;
    json_array_foreach(json_object_get(r, "headlines"), h, line)
    {
        printf("  %s: %s\n    %s\n", json_string_value(json_object_get(line, "title")),
               json_string_value(json_object_get(line, "value")),
               json_string_value(json_object_get(line, "detail")));
    }
    putchar('\n');
    printf("Participation\n  %lld members, %lld sets (%lld people placed)\n", N(p, "members"),
           N(p, "sets"), N(p, "people_in_sets"));
    printf("  %lld challenges from %lld people, %lld shared with the cohort\n", N(p, "challenges"),
           N(p, "people_with_challenges"), N(p, "challenges_shared_with_cohort"));
    printf("  survey: %lld answered at start, %lld at end\n", N(p, "survey_start"),
           N(p, "survey_end"));
    json_t *att = json_object_get(p, "attendance");
    if (!json_is_true(json_object_get(att, "available"))) {
        printf("  attendance: %s\n", json_string_value(json_object_get(att, "note")));
    } else {
        printf("  meetings: %lld held of %lld planned; %lld present, %lld apologies, %lld absent",
               N(att, "meetings_held"), N(att, "meetings_planned"), N(att, "present"),
               N(att, "apologies"), N(att, "absent"));
        json_t *rate = json_object_get(att, "attendance_rate");
        if (json_is_real(rate))
            printf(" (attendance %.0f%%)", 100 * json_real_value(rate));
        putchar('\n');
        if (N(att, "meetings_unrecorded"))
            printf("  past meetings with no attendance recorded, not counted: %lld\n",
                   N(att, "meetings_unrecorded"));
    }
    json_t *net = json_object_get(r, "network");
    printf("\nNetwork growth\n");
    if (!json_is_true(json_object_get(net, "available")))
        printf("  %s\n", json_string_value(json_object_get(net, "note")));
    else
        print_network(net);
    json_t *con = json_object_get(r, "connectedness");
    printf("\nConnectedness\n");
    if (!json_is_true(json_object_get(con, "available"))) {
        printf("  %s\n", json_string_value(json_object_get(con, "note")));
    } else {
        size_t i;
        json_t *s;
        json_array_foreach(json_object_get(con, "scales"), i, s) print_scale(s);
        printf("  Instrument: %s\n",
               json_string_value(json_object_get(json_object_get(con, "instrument"), "source")));
    }
    json_t *th = json_object_get(r, "themes");
    printf("\nShared themes\n");
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(th, "shown"), i, t) printf(
        "  %3lld people  %s\n", N(t, "people"), json_string_value(json_object_get(t, "label")));
    if (json_array_size(json_object_get(th, "shown")) == 0)
        printf("  No theme is shared by %lld or more people yet.\n",
               N(json_object_get(r, "settings"), "min_people"));
    json_t *ns = json_object_get(th, "not_shown");
    if (N(ns, "themes"))
        printf("  (%lld smaller themes with %lld challenges are not shown)\n", N(ns, "themes"),
               N(ns, "challenges"));
    printf("\nIn participants' words\n");
    if (json_array_size(json_object_get(r, "quotes")) == 0)
        printf("  Nobody has agreed to share words from a shared theme yet.\n");
    json_array_foreach(json_object_get(r, "quotes"), i, t)
        printf("  \"%s\" (%s)\n", json_string_value(json_object_get(t, "text")),
               json_string_value(json_object_get(t, "theme")));
#undef N
}

static int write_chart(const char *dir, const char *name, char *svg)
{
    if (!svg)
        return -1;
    char *path = str_printf("%s/%s", dir, name);
    char *err = NULL;
    int rc = path ? file_write_atomic(path, svg, strlen(svg), &err) : -1;
    if (rc != 0)
        cli_user_error(&command_report, "%s", err ? err : "out of memory");
    free(err);
    free(path);
    free(svg);
    return rc;
}

static int run_report(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"programme", required_argument, NULL, 'p'},
        {"json", no_argument, NULL, 'j'},
        {"svg", required_argument, NULL, 's'},
        {0, 0, 0, 0},
    };
    const char *programme = NULL, *svg_dir = NULL;
    bool json = false;
    int c;
    while ((c = getopt_long(argc, argv, "p:", options, NULL)) != -1) {
        switch (c) {
        case 'p': programme = optarg; break;
        case 'j': json = true; break;
        case 's': svg_dir = optarg; break;
        default: return cli_usage_error(&command_report, "unknown option");
        }
    }
    if (!programme || optind != argc)
        return cli_usage_error(&command_report, "--programme NAME is required");
    struct db *db = cli_open_db(&command_report, ctx);
    if (!db)
        return CLI_USER;
    long long id;
    struct theme_settings s;
    char *err = NULL;
    int status = CLI_OK;
    json_t *r = NULL;
    if (store_programme_id(db, programme, &id) != 0) {
        status = cli_user_error(&command_report,
                                "there is no programme '%s'; see 'setwork programmes'", programme);
        goto done;
    }
    if (store_theme_settings(db, id, &s) != 0 ||
        !(r = report_impact_json(db, id, programme, &s, &err))) {
        status = cli_user_error(&command_report, "%s", err ? err : db_errmsg(db));
        goto done;
    }
    if (svg_dir && (write_chart(svg_dir, "themes.svg", report_chart_themes(r)) != 0 ||
                    write_chart(svg_dir, "connectedness.svg", report_chart_connectedness(r)))) {
        status = CLI_USER;
        goto done;
    }
    if (json)
        cli_print_json(json_incref(r));
    else
        print_report(r);
done:
    json_decref(r);
    free(err);
    db_close(db);
    return status;
}

const struct command command_report = {
    .name = "report",
    .summary = "The impact report for a programme's sponsor",
    .help = "usage: setwork report --programme NAME [--json] [--svg DIR]\n\n"
            "Participation, attendance, network growth, change in connectedness from the start\n"
            "to the end survey (mean change with a paired-t 95% CI, effect size d_z with an\n"
            "exact noncentral-t 95% CI, and d_av), the shared themes with their sizes, and the\n"
            "quotes participants agreed to share. Themes of fewer people than the programme's\n"
            "--min-people and changes over fewer than --min-paired people are never shown (see\n"
            "'setwork challenges themes'). --svg DIR also writes themes.svg and\n"
            "connectedness.svg charts there.\n",
    .run = run_report,
};
