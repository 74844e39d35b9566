/* Check-in lines, due dates and report-back outcomes (engine/meetings/actions.h). */
#include "engine/meetings/actions.h"

#include <string.h>

static const char *const outcome_names[] = {"done", "partly", "not_done"};

int meet_outcome_parse(const char *s)
{
    for (int i = 0; s && i < (int)(sizeof outcome_names / sizeof outcome_names[0]); i++)
        if (strcmp(s, outcome_names[i]) == 0)
            return i;
    return -1;
}

const char *meet_outcome_name(int outcome)
{
    if (outcome < 0 || outcome >= (int)(sizeof outcome_names / sizeof outcome_names[0]))
        return "?";
    return outcome_names[outcome];
}

const char *meet_status_label(const char *status)
{
    if (!status)
        return "open";
    if (strcmp(status, "done") == 0)
        return "done";
    if (strcmp(status, "partly") == 0)
        return "partly done";
    if (strcmp(status, "not_done") == 0)
        return "not done";
    return "open";
}

bool meet_outcome_may_carry(int outcome)
{
    return outcome == MEET_OUTCOME_PARTLY || outcome == MEET_OUTCOME_NOT_DONE;
}

bool meet_action_overdue(const char *due, const char *today)
{
    /* The fixed-width form compares as text in date order. */
    if (!due || !*due || !today)
        return false;
    return strcmp(due, today) < 0;
}

/* The length of the UTF-8 sequence starting at P (1-4), or 0 when it is malformed. */
static size_t utf8_len(const unsigned char *p)
{
    size_t n;
    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        n = 2;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        n = 3;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        n = 4;
    else
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

bool meet_line_ok(const char *s, size_t max)
{
    if (!s)
        return false;
    size_t len = strlen(s), chars = 0;
    /* A character takes at most four bytes: longer text is refused before it is walked. */
    if (len == 0 || len > 4 * max || strspn(s, " ") == len)
        return false;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p < 0x20 || *p == 0x7F)
            return false;
        size_t n = utf8_len(p);
        if (n == 0 || ++chars > max)
            return false;
        p += n;
    }
    return true;
}
