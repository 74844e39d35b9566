/* Network growth for the impact report: first wave against the latest. */
#include "app/network/network_impact.h"

#include "app/network/network_view.h"

#include <math.h>
#include <stdlib.h>

static json_t *num(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *pair(double before, double after)
{
    return json_pack("{s:o, s:o}", "before", num(before), "after", num(after));
}

static json_t *pair_count(size_t before, size_t after)
{
    return json_pack("{s:I, s:I}", "before", (json_int_t)before, "after", (json_int_t)after);
}

static json_t *change(const struct net_metric_change *c)
{
    return json_pack("{s:o, s:o, s:o, s:[o, o], s:I}", "before", num(c->mean_before), "after",
                     num(c->mean_after), "d_z", num(c->d_z), "d_z_ci95", num(c->d_z_low),
                     num(c->d_z_high), "n", (json_int_t)c->pairs);
}

json_t *network_impact_json(struct db *db, long long programme_id)
{
    struct network_wave_row *waves = NULL;
    size_t count = 0;
    if (store_network_waves(db, programme_id, &waves, &count) != 0)
        return NULL;
    if (count < 2) {
        network_wave_rows_free(waves, count);
        return json_pack("{s:b, s:s}", "available", 0, "note",
                         count == 0 ? "Network growth is not yet measured: the programme has no "
                                      "network survey."
                                    : "Network growth is not yet measured: it takes two waves "
                                      "of the network survey and there is one so far.");
    }
    struct network_view v;
    char *err = NULL;
    int rc =
        network_view_load(db, programme_id, waves[count - 1].name, waves[0].name, NULL, &v, &err);
    double rate_before = waves[0].members ? (double)waves[0].respondents / waves[0].members : NAN;
    double rate_after = waves[count - 1].members
                            ? (double)waves[count - 1].respondents / waves[count - 1].members
                            : NAN;
    network_wave_rows_free(waves, count);
    free(err);
    if (rc != 0)
        return NULL;
    const struct net_cohort_metrics *b = &v.then.cohort, *a = &v.now.cohort;
    json_t *o = json_pack(
        "{s:b, s:s, s:s, s:I, s:o, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
        "s:o, s:s}",
        "available", 1, "before", v.before_name, "after", v.wave_name, "people",
        (json_int_t)a->people, "response_rate", pair(rate_before, rate_after),
        "new_ties_inside_own_set", (json_int_t)v.cmp.gained_inside, "new_ties_beyond_own_set",
        (json_int_t)v.cmp.gained_beyond, "ties_lost",
        (json_int_t)(v.cmp.lost_inside + v.cmp.lost_beyond), "cross_department_tie_share",
        pair(b->cross_department_share, a->cross_department_share), "cross_organisation_tie_share",
        pair(b->cross_organisation_share, a->cross_organisation_share), "isolates",
        pair_count(b->isolates, a->isolates), "components",
        pair_count(b->components, a->components), "density",
        pair(b->density_undirected, a->density_undirected), "mean_ei_department",
        pair(b->mean_ei_department, a->mean_ei_department), "mean_ei_organisation",
        pair(b->mean_ei_organisation, a->mean_ei_organisation), "contacts_per_person",
        change(&v.cmp.metric[NET_M_DEGREE]), "effective_size",
        change(&v.cmp.metric[NET_M_EFFECTIVE_SIZE]), "blau_department",
        change(&v.cmp.metric[NET_M_BLAU_DEPARTMENT]), "effect_size",
        "Cohen's d_z: mean change per person / SD of the changes, with a 95% interval");
    /* "density" is the contact density, as everywhere; nominations are labelled. */
    json_object_set_new(o, "nomination_density", pair(b->density, a->density));
    network_view_free(&v);
    return o;
}
