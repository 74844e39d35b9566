/* iCalendar output for meetings, made with libical: one calendar holding any number of events,
 * used both for a person's feed and for a single meeting's .ics download. */
#ifndef SETWORK_IO_EXPORT_ICS_H
#define SETWORK_IO_EXPORT_ICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct meet_ics_event {
    const char *uid;      /* stable for the meeting's life: calendars match updates by it */
    int sequence;         /* grows with every change so calendars take the newer version */
    int64_t starts, ends; /* UTC seconds */
    const char *summary;
    const char *location; /* NULL or "" when none */
    const char *url;      /* the online link; NULL or "" when none */
    bool cancelled;       /* STATUS:CANCELLED (kept in the feed so calendars remove it) */
};

/* Builds a VCALENDAR (PRODID, VERSION 2.0, METHOD:PUBLISH, calendar NAME when not NULL) with
 * one VEVENT per event. Times are written in UTC ("...Z"), which Outlook, Google Calendar and
 * Apple Calendar all accept without a VTIMEZONE. DTSTAMP is STAMP (UTC seconds), passed in so
 * output is reproducible. Returns the text with CRLF line ends (caller frees), or NULL when
 * out of memory. */
char *meet_ics_build(const struct meet_ics_event *events, size_t count, const char *name,
                     int64_t stamp);

/* Who an iMIP message (RFC 6047) is from and for. Strings borrowed; names may be NULL. */
struct meet_ics_imip {
    const char *organizer, *organizer_name; /* bare addresses, without mailto: */
    const char *attendee, *attendee_name;
};

/* Builds the VCALENDAR of one meeting invitation for a mail: METHOD:REQUEST (or METHOD:CANCEL
 * when CANCEL, with STATUS:CANCELLED when EVENT says so), EVENT's UID and SEQUENCE as the feed
 * gives them, ORGANIZER and ATTENDEE from IMIP. Returns the text (caller frees), or NULL when
 * out of memory or IMIP lacks an address. */
char *meet_ics_build_imip(const struct meet_ics_event *event, bool cancel,
                          const struct meet_ics_imip *imip, int64_t stamp);

#endif
