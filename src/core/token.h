/* Random one-time tokens and their hashes: what links and cookies carry, and what the store
 * keeps instead of them. */
#ifndef SETWORK_CORE_TOKEN_H
#define SETWORK_CORE_TOKEN_H

/* A token as text: 32 random bytes, base64url without padding (43 characters). */
#define TOKEN_LEN       43
#define TOKEN_SIZE      (TOKEN_LEN + 1)
#define TOKEN_HASH_SIZE 65

/* Fills OUT with a new random token (libsodium's generator). */
void token_random(char out[TOKEN_SIZE]);
/* SHA-256 of TOKEN as lower-case hex. */
void token_hash(const char *token, char out[TOKEN_HASH_SIZE]);

#endif
