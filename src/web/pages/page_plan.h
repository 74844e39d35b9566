/* Forming sets and editing a plan: pages (page_plan.c) and JSON API (api_plan.c), admins only. */
#ifndef SETWORK_WEB_PAGES_PAGE_PLAN_H
#define SETWORK_WEB_PAGES_PAGE_PLAN_H

struct web_request;

/* The most search iterations a web request may ask for: the pages and the API answer while the
 * admin waits (seconds are limited to 60 for the same reason). */
#define PLAN_WEB_MAX_ITERATIONS 10000000L

/* Answers R with a redirect to plan PLAN_ID's page (page_plan.c). */
void plan_redirect(struct web_request *r, long long plan_id);

void page_plan_form(struct web_request *r);    /* GET /programmes/#/form (page_plan_form.c) */
void page_plan_create(struct web_request *r);  /* POST /programmes/#/form */
void page_plan(struct web_request *r);         /* GET /plans/# */
void page_plan_move(struct web_request *r);    /* POST /plans/#/move */
void page_plan_lock(struct web_request *r);    /* POST /plans/#/lock */
void page_plan_reopt(struct web_request *r);   /* POST /plans/#/reoptimise */
void page_plan_facil(struct web_request *r);   /* POST /plans/#/facilitator */
void page_plan_publish(struct web_request *r); /* POST /plans/#/publish */
void page_plan_undo(struct web_request *r);    /* POST /plans/#/undo: the last move put back */
void page_plan_csv(struct web_request *r);     /* GET /plans/#/sets.csv */
void page_plan_xlsx(struct web_request *r);    /* GET /plans/#/sets.xlsx */

void api_plan_create(struct web_request *r);
void api_plan(struct web_request *r);
void api_plan_move(struct web_request *r);
void api_plan_lock(struct web_request *r);
void api_plan_reopt(struct web_request *r);
void api_plan_facil(struct web_request *r);
void api_plan_publish(struct web_request *r);
void api_plan_undo(struct web_request *r);

#endif
