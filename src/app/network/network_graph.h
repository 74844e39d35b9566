/* The whole network of a wave as data for the interactive view of the programme's network page
 * (src/web/assets/network_graph.js): people with their name, set, attributes and position, and
 * the contacts between them. Admins only (the route table); never an email. */
#ifndef SETWORK_APP_NETWORK_NETWORK_GRAPH_H
#define SETWORK_APP_NETWORK_NETWORK_GRAPH_H

#include "app/network/network_view.h"

#include <jansson.h>

/* {"wave", "before" (the earlier wave when comparing, else null), "people", "contacts",
 * "attributes": [names of the cohort's attribute columns], "sets": [set names],
 * "nodes": [{"id" (person id), "name", "set" (index into sets, or null), "answered",
 *            "degree" (contacts), "x", "y" (the SVG's layout, in [0,1]),
 *            "values": [one per attribute, "" when blank]}],
 * "edges": [[from, to, mutual, new]]} where from and to index nodes, each pair of people in
 * contact once (a tie named by either, in any relation), mutual 1 when both named the other and
 * new 1 when the pair was not in contact in the earlier wave (0 when not comparing).
 * An attribute column whose name mentions email or whose values hold an @ is left out, so that
 * no address reaches the page whatever the cohort file carried. A new reference, or NULL with
 * *ERR (caller frees). V may come from network_view_load_plain: no metric is used. */
json_t *network_graph_json(const struct network_view *v, char **err);

#endif
