/*
 * The OpenSSL reference loop of "sipshield bench srtp": exactly the work SRTP's
 * AES_CM_128_HMAC_SHA1_80 does per packet, on OpenSSL's EVP AES-128-CTR and HMAC-SHA1 (EVP_MAC),
 * with no session bookkeeping (no index estimation, replay list or key lookup):
 *   protect:   IV = salt XOR SSRC XOR index (RFC 3711 4.1.1), AES-128-CTR over the payload,
 *              HMAC-SHA1 over header || payload || ROC, 10-byte tag appended;
 *   unprotect: HMAC-SHA1 recomputed and compared (CRYPTO_memcmp), then AES-128-CTR.
 * Keys are fixed test bytes: only speed is measured. Prints "protect N" and "unprotect N" (packets/s).
 *
 *   gcc -O2 -o bench_openssl bench_openssl.c -lcrypto && ./bench_openssl AES_CM_128_HMAC_SHA1_80 1
 */
#include "bench_common.h"
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#define TAG_LENGTH 10

static EVP_CIPHER_CTX *cipher;
static EVP_MAC_CTX *mac;
static uint8_t salt[14];

/* index: the 48-bit SRTP packet index, ROC << 16 | sequence number */
static void iv_for(uint64_t index, uint8_t *iv) {
    memcpy(iv, salt, 14);
    iv[14] = iv[15] = 0;
    iv[4] ^= (uint8_t)(SSRC >> 24);
    iv[5] ^= (uint8_t)(SSRC >> 16);
    iv[6] ^= (uint8_t)(SSRC >> 8);
    iv[7] ^= (uint8_t)SSRC;
    iv[8] ^= (uint8_t)(index >> 40);
    iv[9] ^= (uint8_t)(index >> 32);
    iv[10] ^= (uint8_t)(index >> 24);
    iv[11] ^= (uint8_t)(index >> 16);
    iv[12] ^= (uint8_t)(index >> 8);
    iv[13] ^= (uint8_t)index;
}

static void crypt_payload(uint8_t *packet, uint64_t index) {
    uint8_t iv[16];
    int length;
    iv_for(index, iv);
    if (!EVP_EncryptInit_ex(cipher, NULL, NULL, NULL, iv)
            || !EVP_EncryptUpdate(cipher, packet + HEADER_LENGTH, &length, packet + HEADER_LENGTH,
                                  RTP_LENGTH - HEADER_LENGTH)) {
        fprintf(stderr, "AES-128-CTR failed\n");
        exit(1);
    }
}

static void hmac(const uint8_t *packet, uint64_t index, uint8_t *full) {
    uint8_t roc[4] = {(uint8_t)(index >> 40), (uint8_t)(index >> 32), (uint8_t)(index >> 24), (uint8_t)(index >> 16)};
    size_t length;
    if (!EVP_MAC_init(mac, NULL, 0, NULL) || !EVP_MAC_update(mac, packet, RTP_LENGTH)
            || !EVP_MAC_update(mac, roc, 4) || !EVP_MAC_final(mac, full, &length, 20)) {
        fprintf(stderr, "HMAC-SHA1 failed\n");
        exit(1);
    }
}

static void protect(uint8_t *packet, uint64_t index) {
    uint8_t full[20];
    crypt_payload(packet, index);
    hmac(packet, index, full);
    memcpy(packet + RTP_LENGTH, full, TAG_LENGTH);
}

static int unprotect(uint8_t *packet, uint64_t index) {
    uint8_t full[20];
    hmac(packet, index, full);
    if (CRYPTO_memcmp(full, packet + RTP_LENGTH, TAG_LENGTH) != 0) {
        return 0;
    }
    crypt_payload(packet, index);
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 3 || strcmp(argv[1], "AES_CM_128_HMAC_SHA1_80") != 0) {
        usage_exit(argv[0]);
    }
    double seconds = atof(argv[2]);
    uint8_t key[16], auth_key[20];
    for (int i = 0; i < 16; i++) key[i] = (uint8_t)(i + 1);
    for (int i = 0; i < 14; i++) salt[i] = (uint8_t)(0x40 + i);
    for (int i = 0; i < 20; i++) auth_key[i] = (uint8_t)(0x80 + i);
    cipher = EVP_CIPHER_CTX_new();
    uint8_t zero_iv[16] = {0};
    EVP_MAC *hmac_algorithm = EVP_MAC_fetch(NULL, "HMAC", NULL);
    mac = hmac_algorithm ? EVP_MAC_CTX_new(hmac_algorithm) : NULL;
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA1", 0), OSSL_PARAM_construct_end()};
    if (!cipher || !mac || !EVP_EncryptInit_ex(cipher, EVP_aes_128_ctr(), NULL, key, zero_iv)
            || !EVP_MAC_init(mac, auth_key, sizeof auth_key, params)) {
        fprintf(stderr, "OpenSSL set-up failed\n");
        return 1;
    }

    static uint8_t template[SLOT], work[SLOT], ring[RING][SLOT];
    rtp_template(template);
    double results[ROUNDS];
    uint64_t counter = 0;
    for (int round = -1; round < ROUNDS; round++) { /* round -1: warm-up */
        double budget = round < 0 ? seconds / 2 : seconds / ROUNDS, start = now_seconds(), elapsed;
        long packets = 0;
        do {
            for (int i = 0; i < 1024; i++, counter++) {
                memcpy(work, template, RTP_LENGTH);
                set_sequence(work, counter);
                protect(work, counter);
            }
            packets += 1024;
            elapsed = now_seconds() - start;
        } while (elapsed < budget);
        if (round >= 0) results[round] = packets / elapsed;
    }
    printf("protect %.0f\n", best(results, ROUNDS));

    uint64_t first = 0;
    for (int round = -1; round < ROUNDS; round++) {
        double budget = round < 0 ? seconds / 2 : seconds / ROUNDS, timed = 0;
        long packets = 0;
        while (timed < budget) {
            for (uint32_t i = 0; i < RING; i++) {
                memcpy(ring[i], template, RTP_LENGTH);
                set_sequence(ring[i], first + i);
                protect(ring[i], first + i);
            }
            double start = now_seconds();
            for (uint32_t i = 0; i < RING; i++) {
                memcpy(work, ring[i], RTP_LENGTH + TAG_LENGTH);
                if (!unprotect(work, first + i)) {
                    fprintf(stderr, "packet %u did not authenticate\n", i);
                    return 1;
                }
            }
            timed += now_seconds() - start;
            packets += RING;
            first += RING;
        }
        if (round >= 0) results[round] = packets / timed;
    }
    printf("unprotect %.0f\n", best(results, ROUNDS));
    return 0;
}
