/* Handlers of an admin's themes page (issue 16, page_themes.c): the list of a programme's themes
 * with rename, merge and split. Who may call them is in web/http/routes.c (admins). */
#ifndef SETWORK_WEB_PAGES_PAGE_THEMES_H
#define SETWORK_WEB_PAGES_PAGE_THEMES_H

#include "web/http/web.h"

void page_themes(struct web_request *r);
void page_theme_rename(struct web_request *r);
void page_theme_merge(struct web_request *r);
void page_theme_split(struct web_request *r);

#endif
