/* `setwork network report`: one wave's metrics, or the change between two waves, as text or
 * JSON, with the pictures written to files. */
#include "cli/network_cli.h"

#include "core/file.h"
#include "core/strbuf.h"
#include "engine/network/net_svg.h"
#include "engine/network/network.h"
#include "import/network_export.h"
#include "store/store_network.h"
#include "store/store_people.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Everything one report holds; freed in one place. */
struct report {
    struct network_data data;
    struct net_wave now, then;
    struct net_tie *then_ties;
    size_t then_count;
    struct net_comparison cmp;
    bool comparing;
    const char *wave_name, *before_name;
    struct network_wave_row *waves;
    size_t wave_count;
    char **labels;
};

static void report_free(struct report *r)
{
    network_labels_free(r->labels, r->data.cohort.count);
    network_data_free(&r->data);
    net_wave_free(&r->now);
    net_wave_free(&r->then);
    free(r->then_ties);
    net_comparison_free(&r->cmp);
    network_wave_rows_free(r->waves, r->wave_count);
}

static json_t *num(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *cohort_json(const struct net_cohort_metrics *c)
{
    return json_pack("{s:I, s:I, s:I, s:o, s:o, s:I, s:I, s:I, s:o, s:o, s:o, s:o}", "people",
                     (json_int_t)c->people, "ties", (json_int_t)c->ties, "contacts",
                     (json_int_t)c->edges, "density", num(c->density), "density_undirected",
                     num(c->density_undirected), "components", (json_int_t)c->components,
                     "largest_component", (json_int_t)c->largest_component, "isolates",
                     (json_int_t)c->isolates, "mean_ei_department", num(c->mean_ei_department),
                     "mean_ei_organisation", num(c->mean_ei_organisation),
                     "cross_department_share", num(c->cross_department_share),
                     "cross_organisation_share", num(c->cross_organisation_share));
}

static json_t *report_json(const struct report *r, const struct network_report_options *opt)
{
    json_t *waves = json_array();
    for (size_t i = 0; i < r->wave_count; i++)
        json_array_append_new(
            waves, json_pack("{s:s, s:i, s:i, s:i, s:o}", "name", r->waves[i].name, "ties",
                             (int)r->waves[i].ties, "respondents", (int)r->waves[i].respondents,
                             "members", (int)r->waves[i].members, "response_rate",
                             num(r->waves[i].members ? (double)r->waves[i].respondents /
                                                           (double)r->waves[i].members
                                                     : NAN)));
    json_t *people = json_array();
    for (size_t i = 0; i < r->data.cohort.count; i++) {
        const struct net_person_metrics *p = &r->now.person[i];
        json_t *o = json_pack("{s:s}", "label", r->labels[i]);
        if (!opt->anonymise)
            json_object_set_new(o, "email", json_string(r->data.cohort.people[i].email));
        json_object_set_new(o, "responded", json_boolean(r->data.responded[i]));
        for (int m = 0; m < NET_METRIC_COUNT; m++) {
            double v = net_metric_value(p, (enum net_metric)m);
            json_object_set_new(o, net_metric_name((enum net_metric)m),
                                m <= NET_M_REACH2 ? json_integer((json_int_t)v) : num(v));
        }
        json_object_set_new(o, "isolated", json_boolean(p->isolated));
        if (r->comparing) {
            const struct net_person_change *c = &r->cmp.person[i];
            json_object_set_new(o, "change",
                                json_pack("{s:i, s:i, s:i, s:i}", "gained_inside",
                                          c->gained_inside, "gained_beyond", c->gained_beyond,
                                          "lost_inside", c->lost_inside, "lost_beyond",
                                          c->lost_beyond));
        }
        json_array_append_new(people, o);
    }
    json_t *root = json_pack("{s:s, s:s, s:o, s:o, s:o}", "programme", opt->programme, "wave",
                             r->wave_name, "relation",
                             opt->relation ? json_string(opt->relation) : json_null(), "waves",
                             waves, "cohort", cohort_json(&r->now.cohort));
    if (r->comparing) {
        json_t *metrics = json_object();
        for (int m = 0; m < NET_METRIC_COUNT; m++) {
            const struct net_metric_change *c = &r->cmp.metric[m];
            json_object_set_new(metrics, net_metric_name((enum net_metric)m),
                                json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "pairs",
                                          (json_int_t)c->pairs, "mean_before",
                                          num(c->mean_before), "mean_after", num(c->mean_after),
                                          "mean_diff", num(c->mean_diff), "sd_diff",
                                          num(c->sd_diff), "d_z", num(c->d_z)));
        }
        json_object_set_new(
            root, "compare",
            json_pack("{s:s, s:s, s:o, s:I, s:I, s:I, s:I, s:I, s:s, s:o}", "before",
                      r->before_name, "after", r->wave_name, "cohort_before",
                      cohort_json(&r->then.cohort), "ties_gained_inside",
                      (json_int_t)r->cmp.gained_inside, "ties_gained_beyond",
                      (json_int_t)r->cmp.gained_beyond, "ties_lost_inside",
                      (json_int_t)r->cmp.lost_inside, "ties_lost_beyond",
                      (json_int_t)r->cmp.lost_beyond, "ties_kept", (json_int_t)r->cmp.kept,
                      "effect_size", "Cohen's d_z: mean of paired differences / SD of differences",
                      "metrics", metrics));
    }
    json_object_set_new(root, "people", people);
    return root;
}

static void print_pct(const char *label, double v)
{
    if (isnan(v))
        printf("%s n/a", label);
    else
        printf("%s %.0f%%", label, 100 * v);
}

static void print_text(const struct report *r, const struct network_report_options *opt)
{
    printf("Programme '%s'", opt->programme);
    if (opt->relation)
        printf(", relation '%s'", opt->relation);
    puts("");
    for (size_t i = 0; i < r->wave_count; i++)
        printf("  wave %-12s %ld of %ld members answered (%.0f%%), %ld nominations\n",
               r->waves[i].name, r->waves[i].respondents, r->waves[i].members,
               r->waves[i].members ? 100.0 * (double)r->waves[i].respondents /
                                         (double)r->waves[i].members
                                   : 0.0,
               r->waves[i].ties);
    const struct net_cohort_metrics *c = &r->now.cohort;
    printf("\nWave '%s': %zu people, %zu nominations, %zu pairs in contact; density %.3f.\n",
           r->wave_name, c->people, c->ties, c->edges, isnan(c->density) ? 0 : c->density);
    printf("%zu component%s (largest %zu), %zu isolate%s.\n", c->components,
           c->components == 1 ? "" : "s", c->largest_component, c->isolates,
           c->isolates == 1 ? "" : "s");
    printf("Mean E-I index: departments %.2f, organisations %.2f (-1 all inside, +1 all across).\n",
           c->mean_ei_department, c->mean_ei_organisation);
    print_pct("Ties across departments:", c->cross_department_share);
    print_pct(", across organisations:", c->cross_organisation_share);
    puts(".");
    if (!r->comparing)
        return;
    printf("\nFrom '%s' to '%s': %zu ties gained (%zu inside sets, %zu beyond), %zu lost "
           "(%zu inside, %zu beyond), %zu kept.\n",
           r->before_name, r->wave_name, r->cmp.gained_inside + r->cmp.gained_beyond,
           r->cmp.gained_inside, r->cmp.gained_beyond, r->cmp.lost_inside + r->cmp.lost_beyond,
           r->cmp.lost_inside, r->cmp.lost_beyond, r->cmp.kept);
    printf("\n%-30s %9s %9s %9s %7s %6s\n", "metric (mean per person)", r->before_name,
           r->wave_name, "change", "d_z", "n");
    for (int m = 0; m < NET_METRIC_COUNT; m++) {
        const struct net_metric_change *x = &r->cmp.metric[m];
        printf("%-30s %9.3f %9.3f %+9.3f ", net_metric_label((enum net_metric)m), x->mean_before,
               x->mean_after, x->mean_diff);
        if (isnan(x->d_z))
            printf("%7s %6zu\n", "-", x->pairs);
        else
            printf("%7.2f %6zu\n", x->d_z, x->pairs);
    }
    puts("\nd_z is Cohen's d for paired data: the mean change divided by the SD of the changes.");
}

/* Resolves a wave name (NULL: the latest) to its id and stored name. 0, or a CLI status. */
static int find_wave(const struct command *cmd, const struct report *r, const char *programme,
                     const char *name, long long *id, const char **stored)
{
    if (r->wave_count == 0)
        return cli_user_error(cmd,
                              "programme '%s' has no network survey yet; add one with "
                              "'setwork network import FILE.csv --programme NAME --wave W'",
                              programme);
    for (size_t i = 0; i < r->wave_count; i++) {
        if (name ? str_ieq(r->waves[i].name, name) : i + 1 == r->wave_count) {
            *id = r->waves[i].id;
            *stored = r->waves[i].name;
            return 0;
        }
    }
    return cli_user_error(cmd, "programme '%s' has no wave '%s'", programme, name);
}

static int write_svg(const struct command *cmd, const char *path, struct strbuf *sb, int rc)
{
    char *err = NULL;
    if (rc != 0 || sb->failed)
        return cli_user_error(cmd, "cannot draw the picture (out of memory)");
    if (file_write_atomic(path, sb->data, sb->len, &err) != 0) {
        int status = cli_user_error(cmd, "%s", err);
        free(err);
        return status;
    }
    return 0;
}

static int draw(const struct command *cmd, struct report *r,
                const struct network_report_options *opt)
{
    bool by_org = opt->colour && strcmp(opt->colour, "organisation") == 0;
    const struct network_data *d = &r->data;
    struct strbuf sb = {0};
    int status = 0;
    char *err = NULL;
    const int *group = by_org ? d->organisation : d->department;
    const char *const *group_names =
        (const char *const *)(by_org ? d->organisation_names : d->department_names);
    size_t group_count = by_org ? d->organisation_count : d->department_count;
    const char *group_title = by_org ? "Organisation" : "Department";
    if (opt->ego) {
        long p = cohort_find_email(&d->cohort, opt->ego);
        if (p < 0)
            return cli_user_error(cmd, "'%s' is not a member of programme '%s'", opt->ego,
                                  opt->programme);
        char *title = str_printf("Contacts of %s, wave %s", r->labels[p], r->wave_name);
        struct net_svg_ego e = {
            .count = d->cohort.count, .ego = (int)p, .group = group,
            .group_names = group_names, .group_count = group_count,
            .group_title = group_title, .labels = (const char *const *)r->labels,
            .ties = d->ties, .tie_count = d->tie_count,
            .before = r->comparing ? r->then_ties : NULL, .before_count = r->then_count,
            .title = title,
        };
        status = write_svg(cmd, opt->svg, &sb, title ? net_svg_ego_network(&e, &sb) : -1);
        free(title);
        sb_free(&sb);
        return status;
    }
    /* Both waves share one layout so that the eye sees ties change, not people move. */
    size_t all = d->tie_count + (r->comparing ? r->then_count : 0);
    struct net_tie *union_ties = malloc((all ? all : 1) * sizeof *union_ties);
    struct net_layout layout;
    if (!union_ties)
        return cli_user_error(cmd, "out of memory");
    memcpy(union_ties, d->ties, d->tie_count * sizeof *union_ties);
    if (r->comparing)
        memcpy(union_ties + d->tie_count, r->then_ties, r->then_count * sizeof *union_ties);
    int rc = net_layout(d->cohort.count, union_ties, all, 1, &layout, &err);
    free(union_ties);
    if (rc != 0) {
        status = cli_user_error(cmd, "%s", err);
        free(err);
        return status;
    }
    const char *const *labels =
        d->cohort.count <= 2000 ? (const char *const *)r->labels : NULL;
    struct net_svg_network after = {
        .count = d->cohort.count, .x = layout.x, .y = layout.y, .group = group,
        .group_names = group_names, .group_count = group_count, .group_title = group_title,
        .set = d->set, .set_names = (const char *const *)d->set_names,
        .set_count = d->set_count, .labels = labels, .ties = d->ties,
        .tie_count = d->tie_count, .title = r->wave_name,
    };
    if (r->comparing) {
        struct net_svg_network before = after;
        before.ties = r->then_ties;
        before.tie_count = r->then_count;
        before.title = r->before_name;
        after.before = r->then_ties;
        after.before_count = r->then_count;
        rc = net_svg_side_by_side(&before, &after, &sb);
    } else {
        rc = net_svg_network(&after, &sb);
    }
    status = write_svg(cmd, opt->svg, &sb, rc);
    sb_free(&sb);
    net_layout_free(&layout);
    return status;
}

int network_report_run(struct cli_ctx *ctx, const struct command *cmd,
                       const struct network_report_options *opt)
{
    struct report r = {0};
    char *err = NULL;
    int status = CLI_USER;
    char *w1 = NULL;
    const char *w2 = opt->wave;
    if (opt->compare) {
        w1 = strdup(opt->compare);
        char *comma = w1 ? strchr(w1, ',') : NULL;
        if (!comma || comma == w1 || !comma[1]) {
            free(w1);
            return cli_usage_error(cmd, "--compare takes two waves, e.g. baseline,final");
        }
        *comma = '\0';
        w2 = comma + 1;
    }
    if (opt->chart && !opt->compare) {
        free(w1);
        return cli_usage_error(cmd, "--chart draws the change between waves; add --compare");
    }
    struct db *db = cli_open_db(cmd, ctx);
    if (!db) {
        free(w1);
        return CLI_USER;
    }
    long long programme_id = 0, wave_id = 0, before_id = 0;
    int rc = store_programme_id(db, opt->programme, &programme_id);
    if (rc != 0) {
        if (rc == 1)
            cli_user_error(cmd, "there is no programme '%s'", opt->programme);
        else
            cli_user_error(cmd, "%s", db_errmsg(db));
        goto out;
    }
    if (store_network_waves(db, programme_id, &r.waves, &r.wave_count) != 0) {
        cli_user_error(cmd, "%s", db_errmsg(db));
        goto out;
    }
    if ((status = find_wave(cmd, &r, opt->programme, w2, &wave_id, &r.wave_name)) != 0)
        goto out;
    if (w1 && (status = find_wave(cmd, &r, opt->programme, w1, &before_id, &r.before_name)) != 0)
        goto out;
    status = CLI_USER;
    if (store_network_load(db, programme_id, wave_id, opt->relation, &r.data, &err) != 0)
        goto fail;
    struct net_people people = network_data_people(&r.data);
    if (net_analyse(&people, r.data.ties, r.data.tie_count, &r.now, &err) != 0)
        goto fail;
    if (w1) {
        r.comparing = true;
        if (store_network_load_ties(db, &r.data, before_id, opt->relation, &r.then_ties,
                                    &r.then_count, &err) != 0 ||
            net_analyse(&people, r.then_ties, r.then_count, &r.then, &err) != 0 ||
            net_compare(&people, r.then_ties, r.then_count, &r.then, r.data.ties,
                        r.data.tie_count, &r.now, &r.cmp, &err) != 0)
            goto fail;
    }
    r.labels = network_labels(&r.data, opt->anonymise, (unsigned long)time(NULL));
    if (!r.labels) {
        cli_user_error(cmd, "out of memory");
        goto out;
    }
    if (opt->svg && (status = draw(cmd, &r, opt)) != 0)
        goto out;
    if (opt->chart) {
        struct strbuf sb = {0};
        rc = net_svg_change_chart(&r.cmp, r.before_name, r.wave_name, &sb);
        status = write_svg(cmd, opt->chart, &sb, rc);
        sb_free(&sb);
        if (status != 0)
            goto out;
    }
    if (opt->json)
        cli_print_json(report_json(&r, opt));
    else
        print_text(&r, opt);
    status = CLI_OK;
    goto out;
fail:
    cli_user_error(cmd, "%s", err ? err : "out of memory");
    free(err);
out:
    free(w1);
    report_free(&r);
    db_close(db);
    return status;
}
