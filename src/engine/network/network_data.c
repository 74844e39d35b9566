/* Freeing and viewing the loaded network data (network_data.h). */
#include "engine/network/network_data.h"

#include <stdlib.h>
#include <string.h>

void network_data_free(struct network_data *d)
{
    cohort_free(&d->cohort);
    free(d->department);
    free(d->organisation);
    free(d->set);
    for (size_t i = 0; i < d->department_count; i++)
        free(d->department_names[i]);
    free(d->department_names);
    for (size_t i = 0; i < d->organisation_count; i++)
        free(d->organisation_names[i]);
    free(d->organisation_names);
    for (size_t i = 0; i < d->set_count; i++)
        free(d->set_names[i]);
    free(d->set_names);
    for (size_t i = 0; i < d->relation_count; i++)
        free(d->relation_names[i]);
    free(d->relation_names);
    free(d->relation_ids);
    free(d->ties);
    free(d->responded);
    memset(d, 0, sizeof *d);
}

struct net_people network_data_people(const struct network_data *d)
{
    return (struct net_people){
        .count = d->cohort.count,
        .department = d->department,
        .organisation = d->organisation,
        .set = d->set,
    };
}
