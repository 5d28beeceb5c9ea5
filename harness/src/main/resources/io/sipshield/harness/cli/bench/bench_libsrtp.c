/*
 * The libsrtp2 side of "sipshield bench srtp": srtp_protect / srtp_unprotect on 172-byte RTP
 * packets for one suite, following bench_common.h's protocol. Keys are fixed test bytes.
 * Prints "protect N" and "unprotect N" (packets/s).
 *
 *   gcc -O2 -o bench_libsrtp bench_libsrtp.c -lsrtp2 && ./bench_libsrtp AEAD_AES_128_GCM 1
 */
#include "bench_common.h"
#include <srtp2/srtp.h>

static int set_policy(const char *suite, srtp_crypto_policy_t *rtp, srtp_crypto_policy_t *rtcp) {
    if (!strcmp(suite, "AES_CM_128_HMAC_SHA1_80")) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtp);
    } else if (!strcmp(suite, "AES_CM_128_HMAC_SHA1_32")) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(rtp);
    } else if (!strcmp(suite, "AES_192_CM_HMAC_SHA1_80")) {
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(rtp);
    } else if (!strcmp(suite, "AES_192_CM_HMAC_SHA1_32")) {
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_32(rtp);
    } else if (!strcmp(suite, "AES_256_CM_HMAC_SHA1_80")) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtp);
    } else if (!strcmp(suite, "AES_256_CM_HMAC_SHA1_32")) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32(rtp);
    } else if (!strcmp(suite, "AEAD_AES_128_GCM")) {
        srtp_crypto_policy_set_aes_gcm_128_16_auth(rtp);
    } else if (!strcmp(suite, "AEAD_AES_256_GCM")) {
        srtp_crypto_policy_set_aes_gcm_256_16_auth(rtp);
    } else if (!strcmp(suite, "AEAD_AES_128_GCM_8")) {
        srtp_crypto_policy_set_aes_gcm_128_8_auth(rtp);
    } else if (!strcmp(suite, "AEAD_AES_256_GCM_8")) {
        srtp_crypto_policy_set_aes_gcm_256_8_auth(rtp);
    } else {
        return 0;
    }
    *rtcp = *rtp;
    return 1;
}

static srtp_t session(const char *suite, srtp_ssrc_type_t direction, unsigned char *key) {
    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    set_policy(suite, &policy.rtp, &policy.rtcp);
    policy.ssrc.type = direction;
    policy.key = key;
    policy.window_size = 128;
    srtp_t created;
    if (srtp_create(&created, &policy) != srtp_err_status_ok) {
        fprintf(stderr, "srtp_create failed for %s\n", suite);
        exit(1);
    }
    return created;
}

int main(int argc, char **argv) {
    srtp_policy_t probe;
    if (argc != 3 || !set_policy(argv[1], &probe.rtp, &probe.rtcp)) {
        usage_exit(argv[0]);
    }
    const char *suite = argv[1];
    double seconds = atof(argv[2]);
    if (srtp_init() != srtp_err_status_ok) {
        fprintf(stderr, "srtp_init failed\n");
        return 1;
    }
    unsigned char key[64];
    for (int i = 0; i < 64; i++) key[i] = (unsigned char)(i * 3 + 1);

    static uint8_t template[SLOT], work[SLOT], ring[RING][SLOT];
    static int ring_length[RING];
    rtp_template(template);
    double results[ROUNDS];
    srtp_t sender = session(suite, ssrc_any_outbound, key);
    uint64_t counter = 0;
    for (int round = -1; round < ROUNDS; round++) { /* round -1: warm-up */
        double budget = round < 0 ? seconds / 2 : seconds / ROUNDS, start = now_seconds(), elapsed;
        long packets = 0;
        do {
            for (int i = 0; i < 1024; i++, counter++) {
                memcpy(work, template, RTP_LENGTH);
                set_sequence(work, counter);
                int length = RTP_LENGTH;
                if (srtp_protect(sender, work, &length) != srtp_err_status_ok) {
                    fprintf(stderr, "srtp_protect failed\n");
                    return 1;
                }
            }
            packets += 1024;
            elapsed = now_seconds() - start;
        } while (elapsed < budget);
        if (round >= 0) results[round] = packets / elapsed;
    }
    printf("protect %.0f\n", best(results, ROUNDS));
    srtp_dealloc(sender);

    sender = session(suite, ssrc_any_outbound, key);
    srtp_t receiver = session(suite, ssrc_any_inbound, key);
    uint64_t first = 0;
    for (int round = -1; round < ROUNDS; round++) {
        double budget = round < 0 ? seconds / 2 : seconds / ROUNDS, timed = 0;
        long packets = 0;
        while (timed < budget) {
            for (int i = 0; i < RING; i++) {
                memcpy(ring[i], template, RTP_LENGTH);
                set_sequence(ring[i], first + (uint64_t)i);
                ring_length[i] = RTP_LENGTH;
                if (srtp_protect(sender, ring[i], &ring_length[i]) != srtp_err_status_ok) {
                    fprintf(stderr, "srtp_protect failed\n");
                    return 1;
                }
            }
            double start = now_seconds();
            for (int i = 0; i < RING; i++) {
                int length = ring_length[i];
                memcpy(work, ring[i], (size_t)length);
                if (srtp_unprotect(receiver, work, &length) != srtp_err_status_ok) {
                    fprintf(stderr, "packet %d did not unprotect\n", i);
                    return 1;
                }
            }
            timed += now_seconds() - start;
            packets += RING;
            first += RING;
        }
        if (round >= 0) results[round] = packets / timed;
    }
    srtp_dealloc(sender);
    srtp_dealloc(receiver);
    printf("unprotect %.0f\n", best(results, ROUNDS));
    srtp_shutdown();
    return 0;
}
