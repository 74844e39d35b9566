/* iCalendar through libical, so folding, escaping and line ends follow RFC 5545 without our
 * own string handling. */
#include "engine/meetings/ics.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

static struct icaltimetype utc_time(int64_t t)
{
    return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

char *meet_ics_build(const struct meet_ics_event *events, size_t count, const char *name,
                     int64_t stamp)
{
    icalcomponent *cal =
        icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
                            icalproperty_new_prodid("-//setwork//action learning sets//EN"),
                            icalproperty_new_method(ICAL_METHOD_PUBLISH), (void *)0);
    if (!cal)
        return NULL;
    if (name) {
        icalproperty *p = icalproperty_new_x(name);
        icalproperty_set_x_name(p, "X-WR-CALNAME");
        icalcomponent_add_property(cal, p);
    }
    for (size_t i = 0; i < count; i++) {
        const struct meet_ics_event *e = &events[i];
        icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
        icalcomponent_add_property(ev, icalproperty_new_sequence(e->sequence));
        icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(stamp)));
        icalcomponent_add_property(ev, icalproperty_new_dtstart(utc_time(e->starts)));
        icalcomponent_add_property(ev, icalproperty_new_dtend(utc_time(e->ends)));
        icalcomponent_add_property(ev, icalproperty_new_summary(e->summary ? e->summary : ""));
        if (e->location && *e->location)
            icalcomponent_add_property(ev, icalproperty_new_location(e->location));
        if (e->url && *e->url)
            icalcomponent_add_property(ev, icalproperty_new_url(e->url));
        icalcomponent_add_property(
            ev,
            icalproperty_new_status(e->cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
        icalcomponent_add_component(cal, ev);
    }
    char *text = icalcomponent_as_ical_string_r(cal);
    icalcomponent_free(cal);
    return text; /* allocated with malloc by libical; the caller frees it with free() */
}
