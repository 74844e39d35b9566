/* The one check of a calendar date as setwork stores it ("YYYY-MM-DD"), shared by programme
 * dates, action due dates and anything else that takes a date from outside. */
#ifndef SETWORK_CORE_DATE_H
#define SETWORK_CORE_DATE_H

#include <stdbool.h>

/* Whether S is a real calendar date "YYYY-MM-DD": exactly ten characters, year 2000-2999 (a
 * typo such as 0226 or 20266 is refused), month 1-12 and a day within that month, leap years
 * counted (2028-02-29 yes, 2026-02-31 and 2100-02-29 no). False for NULL and "". */
bool date_valid(const char *s);

#endif
