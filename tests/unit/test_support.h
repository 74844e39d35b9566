/* Shared includes and small helpers for the cmocka unit tests. */
#ifndef SETWORK_TEST_SUPPORT_H
#define SETWORK_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Makes a fresh temporary directory for a test and returns its path (static storage). */
static inline const char *test_tmpdir(void)
{
    static char dir[64];
    snprintf(dir, sizeof dir, "/tmp/setwork-test-XXXXXX");
    if (!mkdtemp(dir))
        return NULL;
    return dir;
}

#endif
