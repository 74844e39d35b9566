/* Handlers of the network survey pages (issue 6): the participant's survey and "my network"
 * (page_network.c), the admin's report and downloads (page_network_admin.c), and their JSON
 * API. Who may call each is in web/routes.c; who may see whose network is checked here. */
#ifndef SETWORK_WEB_PAGES_PAGE_NETWORK_H
#define SETWORK_WEB_PAGES_PAGE_NETWORK_H

#include "app/network/network_view.h"
#include "web/http/web.h"

/* Loads wave WAVE (NULL: latest) of programme ID compared with the wave before it, when there
 * is one. 0 and *V (free with network_view_free); 1 no such programme/wave; -1 error. */
int web_network_load(struct web_request *r, long long programme_id, const char *wave,
                     struct network_view *v);
/* The same with the ties of RELATION only (NULL: every relation), for the admin's report read
 * per relation. 1 also when the programme has no such relation. */
int web_network_load_relation(struct web_request *r, long long programme_id, const char *wave,
                              const char *relation, struct network_view *v);
/* web_network_load_relation without the metrics (network_view_load_plain), for the
 * whole-network pictures. */
int web_network_load_plain(struct web_request *r, long long programme_id, const char *wave,
                           const char *relation, struct network_view *v);
/* The index of R's own person in V, or -1 when they are not a member. */
long web_network_self(const struct web_request *r, const struct network_view *v);

void page_network_survey(struct web_request *r);
void page_network_answer(struct web_request *r);
void page_network_me(struct web_request *r);
void page_network_ego_svg(struct web_request *r);
void page_network_report(struct web_request *r);
void page_network_wave_create(struct web_request *r);
void page_network_graphml(struct web_request *r);
void page_network_nodes_csv(struct web_request *r);
void page_network_edges_csv(struct web_request *r);
void page_network_anon_svg(struct web_request *r);
void page_network_svg(struct web_request *r);
void page_network_charts_svg(struct web_request *r);
void page_network_graph_json(struct web_request *r);
void api_network_answer(struct web_request *r);
void api_network_me(struct web_request *r);
void api_network_report(struct web_request *r);
void api_network_graphml(struct web_request *r);

#endif
