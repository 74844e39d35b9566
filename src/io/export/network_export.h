/* One wave of a network survey written for other tools: GraphML for Gephi and yEd, and CSV node
 * and edge lists for Kumu and Polinode; with the option of no names at all. */
#ifndef SETWORK_IO_EXPORT_NETWORK_EXPORT_H
#define SETWORK_IO_EXPORT_NETWORK_EXPORT_H

#include "engine/network/network.h"
#include "engine/network/network_data.h"

#include <stdbool.h>

/* Display labels, one per person of D: names, with namesakes told apart by their department
 * ("Isla Davies (Finance)") or, when that does not tell them apart, by number ("Isla Davies
 * (2)"), never by email; or with ANONYMISE "P1".."Pn" handed out in an order shuffled by SEED,
 * which must be a fresh secret per export (rng_secret_seed), so that the numbers follow neither
 * the order of emails nor another export. Returns a new array of new strings (free with
 * network_labels_free), or NULL when out of memory. */
char **network_labels(const struct network_data *d, bool anonymise, unsigned long seed);
void network_labels_free(char **labels, size_t count);

/* The order in which outputs list D's people: with ANONYMISE by pseudonym (P1, P2 ...), else as
 * in D. A new array of person indexes (caller frees), or NULL when out of memory. */
size_t *network_label_order(const struct network_data *d, char *const *labels, bool anonymise);

/* GraphML of D's ties (directed: who named whom) with node attributes (label, and unless
 * ANONYMISE the email; department, organisation, set) and W's metrics when W is not NULL, and
 * edge attributes relation and strength. LABELS from network_labels; with ANONYMISE the nodes
 * come in pseudonym order with ids n0, n1 ... in that order, and the edges sorted by them. Returns
 * a new string (caller frees) or NULL when out of memory. */
char *network_graphml(const struct network_data *d, const struct net_wave *w, char *const *labels,
                      bool anonymise);

/* CSV node list (Label, Email unless ANONYMISE, Department, Organisation, Set, metrics) and
 * edge list (From, To, Type, Strength; From and To are labels), CRLF line ends; with ANONYMISE
 * rows in pseudonym order. Each returns a
 * new string (caller frees) or NULL. */
char *network_nodes_csv(const struct network_data *d, const struct net_wave *w, char *const *labels,
                        bool anonymise);
char *network_edges_csv(const struct network_data *d, char *const *labels, bool anonymise);

#endif
