/* One wave of a network survey written for other tools: GraphML for Gephi and yEd, and CSV node
 * and edge lists for Kumu and Polinode; with the option of no names at all. */
#ifndef SETWORK_IO_EXPORT_NETWORK_EXPORT_H
#define SETWORK_IO_EXPORT_NETWORK_EXPORT_H

#include "engine/network/network.h"
#include "engine/network/network_data.h"

#include <stdbool.h>

/* Display labels, one per person of D: names (disambiguated with the email when two people
 * share one), or with ANONYMISE "P1".."Pn" handed out in an order shuffled by SEED so that the
 * numbers do not follow the alphabetical order of emails. Returns a new array of new strings
 * (free with network_labels_free), or NULL when out of memory. */
char **network_labels(const struct network_data *d, bool anonymise, unsigned long seed);
void network_labels_free(char **labels, size_t count);

/* GraphML of D's ties (directed: who named whom) with node attributes (label, and unless
 * ANONYMISE the email; department, organisation, set) and W's metrics when W is not NULL, and
 * edge attributes relation and strength. LABELS from network_labels. Returns a new string
 * (caller frees) or NULL when out of memory. */
char *network_graphml(const struct network_data *d, const struct net_wave *w, char *const *labels,
                      bool anonymise);

/* CSV node list (Label, Email unless ANONYMISE, Department, Organisation, Set, metrics) and
 * edge list (From, To, Type, Strength; From and To are labels), CRLF line ends. Each returns a
 * new string (caller frees) or NULL. */
char *network_nodes_csv(const struct network_data *d, const struct net_wave *w, char *const *labels,
                        bool anonymise);
char *network_edges_csv(const struct network_data *d, char *const *labels);

#endif
