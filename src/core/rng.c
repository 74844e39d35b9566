/* Seeding for setwork's one random number generator (the draws are inline in rng.h). */
#include "core/rng.h"

#include <errno.h>
#include <sys/random.h>
#include <time.h>

uint64_t rng_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = rng_splitmix64(&seed);
}

uint64_t rng_secret_seed(void)
{
    uint64_t seed = 0;
    unsigned char *p = (unsigned char *)&seed;
    size_t got = 0;
    while (got < sizeof seed) {
        ssize_t n = getrandom(p + got, sizeof seed - got, 0);
        if (n > 0)
            got += (size_t)n;
        else if (n < 0 && errno != EINTR)
            break;
    }
    if (got < sizeof seed) {
        /* No kernel entropy (never seen on Linux >= 3.17): the clock and the stack address
         * still differ per export, which is all an export's shuffle needs to stay unlinked. */
        struct timespec ts;
        timespec_get(&ts, TIME_UTC);
        uint64_t s = (uint64_t)ts.tv_sec * 1000000007u ^ (uint64_t)ts.tv_nsec ^ (uintptr_t)&ts;
        seed ^= rng_splitmix64(&s);
    }
    return seed;
}
