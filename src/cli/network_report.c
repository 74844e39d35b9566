/* `setwork network report`: one wave's metrics, or the change between two waves, as text or
 * JSON, with the pictures written to files. */
#include "cli/network_cli.h"

#include "app/network/network_json.h"
#include "app/network/network_view.h"
#include "core/file.h"
#include "core/rng.h"
#include "core/strbuf.h"
#include "engine/network/network.h"
#include "io/export/network_export.h"
#include "io/render/net_svg.h"
#include "store/store_network.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One report: the analysed view and the labels it shows. */
struct report {
    struct network_view v;
    char **labels;
};

static void report_free(struct report *r)
{
    network_labels_free(r->labels, r->v.data.cohort.count);
    network_view_free(&r->v);
}

/* Formats V with DECIMALS places (and a sign when SIGNED), or "n/a" when it is undefined
 * (NAN), e.g. when nobody has a department. */
static void fmt_num(char *buf, size_t size, int decimals, bool signed_, double v)
{
    if (isnan(v))
        str_copy(buf, "n/a", size);
    else if (signed_)
        snprintf(buf, size, "%+.*f", decimals, v);
    else
        snprintf(buf, size, "%.*f", decimals, v);
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
    for (size_t i = 0; i < r->v.wave_count; i++)
        printf("  wave %-12s %ld of %ld members answered (%.0f%%), %ld nominations\n",
               r->v.waves[i].name, r->v.waves[i].respondents, r->v.waves[i].members,
               r->v.waves[i].members
                   ? 100.0 * (double)r->v.waves[i].respondents / (double)r->v.waves[i].members
                   : 0.0,
               r->v.waves[i].ties);
    const struct net_cohort_metrics *c = &r->v.now.cohort;
    printf("\nWave '%s': %zu people, %zu nominations, %zu pairs in contact; density %.3f\n"
           "(pairs in contact / all pairs; nominations / ordered pairs: %.3f).\n",
           r->v.wave_name, c->people, c->ties, c->edges,
           isnan(c->density_undirected) ? 0 : c->density_undirected,
           isnan(c->density) ? 0 : c->density);
    printf("%zu component%s (largest %zu), %zu isolate%s.\n", c->components,
           c->components == 1 ? "" : "s", c->largest_component, c->isolates,
           c->isolates == 1 ? "" : "s");
    char ei_d[32], ei_o[32];
    fmt_num(ei_d, sizeof ei_d, 2, false, c->mean_ei_department);
    fmt_num(ei_o, sizeof ei_o, 2, false, c->mean_ei_organisation);
    printf("Mean E-I index: departments %s, organisations %s (-1 all inside, +1 all across).\n",
           ei_d, ei_o);
    print_pct("Ties across departments:", c->cross_department_share);
    print_pct(", across organisations:", c->cross_organisation_share);
    puts(".");
    if (c->weighted) {
        char wd[32], wc[32];
        fmt_num(wd, sizeof wd, 3, false, c->mean_weighted_degree);
        fmt_num(wc, sizeof wc, 3, false, c->mean_weighted_constraint);
        printf("Weighted by strength/100 (the figures above are unweighted): mean weighted "
               "degree %s, mean weighted constraint %s.\n",
               wd, wc);
    } else if (c->ties_without_strength && c->ties_without_strength < r->v.data.tie_count)
        printf("Weighted figures left out: %zu of %zu ties have no strength.\n",
               c->ties_without_strength, r->v.data.tie_count);
    if (!r->v.comparing)
        return;
    printf("\nCompared over the %zu people who answered both '%s' and '%s', and the ties they "
           "named.\n",
           r->v.compared, r->v.before_name, r->v.wave_name);
    if (r->v.one_wave_only)
        printf("warning: %zu %s answered only one of the two waves and %s left out of the "
               "comparison (their ties would count as gained or lost).\n",
               r->v.one_wave_only, r->v.one_wave_only == 1 ? "person" : "people",
               r->v.one_wave_only == 1 ? "is" : "are");
    if (r->v.plan_name)
        printf("Sets are those of plan '%s', in force when '%s' began (%s).\n", r->v.plan_name,
               r->v.wave_name, r->v.later_began);
    else
        printf("No plan was in force when the later wave began (%s): no tie counts as inside a "
               "set.\n",
               r->v.later_began);
    printf("\nFrom '%s' to '%s': %zu ties gained (%zu inside sets, %zu beyond), %zu lost "
           "(%zu inside, %zu beyond), %zu kept.\n",
           r->v.before_name, r->v.wave_name, r->v.cmp.gained_inside + r->v.cmp.gained_beyond,
           r->v.cmp.gained_inside, r->v.cmp.gained_beyond,
           r->v.cmp.lost_inside + r->v.cmp.lost_beyond, r->v.cmp.lost_inside, r->v.cmp.lost_beyond,
           r->v.cmp.kept);
    printf("\n%-30s %9s %9s %9s %7s %15s %5s\n", "metric (mean per person)", r->v.before_name,
           r->v.wave_name, "change", "d_z", "95% interval", "n");
    for (int m = 0; m < NET_METRIC_COUNT; m++) {
        const struct net_metric_change *x = &r->v.cmp.metric[m];
        char before[32], after[32], diff[32], dz[32], lo[32], hi[32];
        fmt_num(before, sizeof before, 3, false, x->mean_before);
        fmt_num(after, sizeof after, 3, false, x->mean_after);
        fmt_num(diff, sizeof diff, 3, true, x->mean_diff);
        fmt_num(dz, sizeof dz, 2, false, x->d_z);
        fmt_num(lo, sizeof lo, 2, false, x->d_z_low);
        fmt_num(hi, sizeof hi, 2, false, x->d_z_high);
        char interval[80] = "-";
        if (!isnan(x->d_z_low))
            snprintf(interval, sizeof interval, "[%s, %s]", lo, hi);
        printf("%-30s %9s %9s %9s %7s %15s %5zu\n", net_metric_label((enum net_metric)m), before,
               after, diff, dz, interval, x->pairs);
    }
    puts("\nd_z is Cohen's d for paired data: the mean change divided by the SD of the changes.");
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
    enum network_colour colour = opt->colour && strcmp(opt->colour, "organisation") == 0
                                     ? NETWORK_BY_ORGANISATION
                                     : NETWORK_BY_DEPARTMENT;
    struct strbuf sb = {0};
    char *err = NULL;
    int status;
    if (opt->ego) {
        long p = cohort_find_email(&r->v.data.cohort, opt->ego);
        if (p < 0)
            return cli_user_error(cmd, "'%s' is not a member of programme '%s'", opt->ego,
                                  opt->programme);
        status = write_svg(
            cmd, opt->svg, &sb,
            network_view_ego_svg(&r->v, (size_t)p, NETWORK_VIEWER_ADMIN, r->labels, colour, &sb));
    } else if (network_view_network_svg(&r->v, r->labels, colour, &sb, &err) != 0) {
        status = cli_user_error(cmd, "%s", err ? err : "cannot draw the network");
        free(err);
    } else {
        status = write_svg(cmd, opt->svg, &sb, 0);
    }
    sb_free(&sb);
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
    long long programme_id = 0;
    int rc = store_programme_id(db, opt->programme, &programme_id);
    if (rc != 0) {
        if (rc == 1)
            cli_user_error(cmd, "there is no programme '%s'", opt->programme);
        else
            cli_user_error(cmd, "%s", db_errmsg(db));
        goto out;
    }
    if (network_view_load(db, programme_id, w2, w1, opt->relation, &r.v, &err) != 0) {
        cli_user_error(cmd, "programme '%s': %s", opt->programme, err ? err : "out of memory");
        goto out;
    }
    r.labels = network_labels(&r.v.data, opt->anonymise, (unsigned long)rng_secret_seed());
    if (!r.labels) {
        cli_user_error(cmd, "out of memory");
        goto out;
    }
    if (opt->svg && draw(cmd, &r, opt) != 0)
        goto out;
    if (opt->chart) {
        struct strbuf sb = {0};
        rc = network_view_chart_svg(&r.v, &sb);
        int written = write_svg(cmd, opt->chart, &sb, rc);
        sb_free(&sb);
        if (written != 0)
            goto out;
    }
    if (opt->json) {
        /* Full precision (17 significant digits): the figures are for further analysis. */
        json_t *j =
            network_view_json(&r.v, opt->programme, opt->relation, r.labels, !opt->anonymise);
        json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
        fputc('\n', stdout);
        json_decref(j);
    } else
        print_text(&r, opt);
    status = CLI_OK;
out:
    free(err);
    free(w1);
    report_free(&r);
    db_close(db);
    return status;
}
