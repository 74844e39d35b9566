/* A network survey as JSON: the shape `setwork network report --json` prints and the web API
 * serves. */
#include "app/network/network_json.h"

#include "io/export/network_export.h"

#include <math.h>
#include <stdlib.h>

static json_t *num(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

json_t *network_cohort_json(const struct net_cohort_metrics *c)
{
    /* "density" is the contact density, as the help defines it (a tie named by either person
     * joins both); the directed figure is labelled as the density of nominations. */
    json_t *o = json_pack(
        "{s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:I, s:I, s:I, s:o, s:o, s:o, s:o}", "people",
        (json_int_t)c->people, "ties", (json_int_t)c->ties, "contacts", (json_int_t)c->edges,
        "density", num(c->density_undirected), "contact_density", num(c->density_undirected),
        "nomination_density", num(c->density), "density_undirected", num(c->density_undirected),
        "components", (json_int_t)c->components, "largest_component",
        (json_int_t)c->largest_component, "isolates", (json_int_t)c->isolates, "mean_ei_department",
        num(c->mean_ei_department), "mean_ei_organisation", num(c->mean_ei_organisation),
        "cross_department_share", num(c->cross_department_share), "cross_organisation_share",
        num(c->cross_organisation_share));
    json_object_set_new(o, "density_definitions",
                        json_pack("{s:s, s:s}", "contact_density",
                                  "pairs in contact (either named the other) / all pairs, n(n-1)/2",
                                  "nomination_density",
                                  "distinct nominations / all ordered pairs, n(n-1)"));
    /* The weighted figures sit beside the unweighted ones, never in their place. */
    json_object_set_new(o, "weighted", json_boolean(c->weighted));
    json_object_set_new(o, "ties_without_strength",
                        json_integer((json_int_t)c->ties_without_strength));
    json_object_set_new(o, "mean_weighted_degree", num(c->mean_weighted_degree));
    json_object_set_new(o, "mean_weighted_constraint", num(c->mean_weighted_constraint));
    json_object_set_new(
        o, "weighted_definitions",
        json_pack("{s:s, s:s, s:s}", "weight",
                  "strength/100 (a full-strength tie counts 1); a pair named several times "
                  "takes its strongest tie",
                  "weighted_degree", "sum of a person's contact weights (igraph_strength)",
                  "weighted_constraint",
                  "Burt's constraint with the weights (igraph_constraint); given only when "
                  "every tie of the wave has a strength, else null"));
    return o;
}

json_t *network_view_json(const struct network_view *v, const char *programme, const char *relation,
                          char *const *labels, bool emails)
{
    json_t *waves = json_array();
    for (size_t i = 0; i < v->wave_count; i++)
        json_array_append_new(
            waves, json_pack("{s:s, s:i, s:i, s:i, s:o}", "name", v->waves[i].name, "ties",
                             (int)v->waves[i].ties, "respondents", (int)v->waves[i].respondents,
                             "members", (int)v->waves[i].members, "response_rate",
                             num(v->waves[i].members
                                     ? (double)v->waves[i].respondents / (double)v->waves[i].members
                                     : NAN)));
    /* Without emails the labels are pseudonyms, and the rows follow them: the stored order
     * is by email, which would name every row again. */
    size_t *order = network_label_order(&v->data, labels, !emails);
    if (!order) {
        json_decref(waves);
        return NULL;
    }
    json_t *people = json_array();
    for (size_t k = 0; k < v->data.cohort.count; k++) {
        size_t i = order[k];
        const struct net_person_metrics *p = &v->now.person[i];
        json_t *o = json_pack("{s:s}", "label", labels[i]);
        if (emails)
            json_object_set_new(o, "email", json_string(v->data.cohort.people[i].email));
        json_object_set_new(o, "responded", json_boolean(v->data.responded[i]));
        for (int m = 0; m < NET_METRIC_COUNT; m++) {
            double x = net_metric_value(p, (enum net_metric)m);
            json_object_set_new(o, net_metric_name((enum net_metric)m),
                                m <= NET_M_REACH2 ? json_integer((json_int_t)x) : num(x));
        }
        json_object_set_new(o, "isolated", json_boolean(p->isolated));
        json_object_set_new(o, "weighted_degree", num(p->weighted_degree));
        json_object_set_new(o, "weighted_constraint", num(p->weighted_constraint));
        if (v->comparing) {
            const struct net_person_change *c = &v->cmp.person[i];
            json_object_set_new(o, "change",
                                json_pack("{s:i, s:i, s:i, s:i}", "gained_inside", c->gained_inside,
                                          "gained_beyond", c->gained_beyond, "lost_inside",
                                          c->lost_inside, "lost_beyond", c->lost_beyond));
        }
        json_array_append_new(people, o);
    }
    free(order);
    json_t *root =
        json_pack("{s:s, s:s, s:o, s:o, s:o}", "programme", programme, "wave", v->wave_name,
                  "relation", relation ? json_string(relation) : json_null(), "waves", waves,
                  "cohort", network_cohort_json(&v->now.cohort));
    if (v->comparing) {
        json_t *metrics = json_object();
        for (int m = 0; m < NET_METRIC_COUNT; m++) {
            const struct net_metric_change *c = &v->cmp.metric[m];
            json_object_set_new(
                metrics, net_metric_name((enum net_metric)m),
                json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:[o, o]}", "pairs", (json_int_t)c->pairs,
                          "mean_before", num(c->mean_before), "mean_after", num(c->mean_after),
                          "mean_diff", num(c->mean_diff), "sd_diff", num(c->sd_diff), "d_z",
                          num(c->d_z), "d_z_ci95", num(c->d_z_low), num(c->d_z_high)));
        }
        json_t *cmp_extra = json_pack(
            "{s:I, s:{s:I, s:I}, s:s, s:{s:o, s:s, s:s}}", "people_compared",
            (json_int_t)v->compared, "left_out", "answered_one_wave_only",
            (json_int_t)v->one_wave_only, "answered_neither", (json_int_t)v->neither,
            "compared_over", "people who answered both waves, and the ties they named",
            "plan_in_force", "name", v->plan_name ? json_string(v->plan_name) : json_null(), "at",
            v->later_began, "rule",
            "the plan published at or before the later wave began (its first answer), else the "
            "newest plan saved at or before then; none: no tie counts as inside a set");
        json_object_set_new(
            root, "compare",
            json_pack(
                "{s:s, s:s, s:o, s:I, s:I, s:I, s:I, s:I, s:s, s:o}", "before", v->before_name,
                "after", v->wave_name, "cohort_before", network_cohort_json(&v->then.cohort),
                "ties_gained_inside", (json_int_t)v->cmp.gained_inside, "ties_gained_beyond",
                (json_int_t)v->cmp.gained_beyond, "ties_lost_inside",
                (json_int_t)v->cmp.lost_inside, "ties_lost_beyond", (json_int_t)v->cmp.lost_beyond,
                "ties_kept", (json_int_t)v->cmp.kept, "effect_size",
                "Cohen's d_z: mean of paired differences / SD of differences", "metrics", metrics));
        json_object_update(json_object_get(root, "compare"), cmp_extra);
        json_decref(cmp_extra);
    }
    json_object_set_new(root, "people", people);
    return root;
}
