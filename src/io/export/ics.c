/* iCalendar through libical, so folding, escaping and line ends follow RFC 5545 without our
 * own string handling. */
#include "io/export/ics.h"
#include "engine/meetings/series.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Builds the UTC time from our own civil arithmetic: libical's lazily created UTC zone is
 * touched only under the lock in series.c, so feeds can be built from many threads. */
static struct icaltimetype utc_time(int64_t t, const icaltimezone *utc)
{
    struct meet_local l = {1970, 1, 1, 0, 0};
    meet_tz_from_utc("UTC", t - t % 60, &l);
    struct icaltimetype r = icaltime_null_time();
    r.year = l.year;
    r.month = l.month;
    r.day = l.day;
    r.hour = l.hour;
    r.minute = l.minute;
    r.second = (int)(t % 60);
    r.is_date = 0;
    r.zone = utc;
    return r;
}

/* RFC 6047 (sections 2.3, 3.2.2 and 3.2.5): a REQUEST and a CANCEL name the ORGANIZER, whose
 * address the reply would go to, and the ATTENDEE the message is for. */
static void add_imip(icalcomponent *ev, const struct meet_ics_imip *imip)
{
    char addr[300];
    snprintf(addr, sizeof addr, "mailto:%s", imip->organizer);
    icalproperty *org = icalproperty_new_organizer(addr);
    if (imip->organizer_name && *imip->organizer_name)
        icalproperty_add_parameter(org, icalparameter_new_cn(imip->organizer_name));
    icalcomponent_add_property(ev, org);
    snprintf(addr, sizeof addr, "mailto:%s", imip->attendee);
    icalproperty *att = icalproperty_new_attendee(addr);
    if (imip->attendee_name && *imip->attendee_name)
        icalproperty_add_parameter(att, icalparameter_new_cn(imip->attendee_name));
    icalproperty_add_parameter(att, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
    icalproperty_add_parameter(att, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
    icalproperty_add_parameter(att, icalparameter_new_rsvp(ICAL_RSVP_FALSE));
    icalcomponent_add_property(ev, att);
}

/* The calendar with METHOD and the events; an iMIP message's ORGANIZER and ATTENDEE when IMIP
 * is not NULL. */
static char *build(const struct meet_ics_event *events, size_t count, const char *name,
                   int64_t stamp, icalproperty_method method, const struct meet_ics_imip *imip)
{
    const icaltimezone *utc = meet_tz_utc_zone();
    icalcomponent *cal =
        icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
                            icalproperty_new_prodid("-//setwork//action learning sets//EN"),
                            icalproperty_new_method(method), (void *)0);
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
        icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(stamp, utc)));
        icalcomponent_add_property(ev, icalproperty_new_dtstart(utc_time(e->starts, utc)));
        icalcomponent_add_property(ev, icalproperty_new_dtend(utc_time(e->ends, utc)));
        icalcomponent_add_property(ev, icalproperty_new_summary(e->summary ? e->summary : ""));
        if (e->location && *e->location)
            icalcomponent_add_property(ev, icalproperty_new_location(e->location));
        if (e->url && *e->url)
            icalcomponent_add_property(ev, icalproperty_new_url(e->url));
        icalcomponent_add_property(
            ev,
            icalproperty_new_status(e->cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
        if (imip)
            add_imip(ev, imip);
        icalcomponent_add_component(cal, ev);
    }
    char *text = icalcomponent_as_ical_string_r(cal);
    icalcomponent_free(cal);
    return text; /* allocated with malloc by libical; the caller frees it with free() */
}

char *meet_ics_build(const struct meet_ics_event *events, size_t count, const char *name,
                     int64_t stamp)
{
    return build(events, count, name, stamp, ICAL_METHOD_PUBLISH, NULL);
}

char *meet_ics_build_imip(const struct meet_ics_event *event, bool cancel,
                          const struct meet_ics_imip *imip, int64_t stamp)
{
    if (!imip || !imip->organizer || !imip->attendee)
        return NULL;
    return build(event, 1, NULL, stamp, cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST, imip);
}
