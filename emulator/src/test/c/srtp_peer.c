/*
 * srtp_peer: libsrtp2 as the other end of sipshield's SRTP differential test
 * (io.sipshield.emulator.srtp.LibsrtpDifferentialTest compiles it with gcc ... -lsrtp2).
 *
 *   srtp_peer SUITE send|recv [--ssrc N] [--roc N] KEYSALT_HEX[:MKI_HEX] ...
 *
 * SUITE is an SDES crypto-suite name. With --ssrc the session has one stream of that SSRC
 * (needed for --roc, which calls srtp_set_stream_roc); without it, any SSRC. Several keys need
 * an MKI each; the first one sends until "use N" picks another (0-based).
 *
 * stdin, one command a line:   rtp HEX | rtcp HEX | use N
 * stdout, one line per packet: ok HEX | err NAME   (NAME: auth_fail, replay_fail, replay_old, bad_mki, ...)
 */
#include <srtp2/srtp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PACKET 4096
#define MAX_KEYS 8

static void die(const char *what, const char *detail) {
    fprintf(stderr, "srtp_peer: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

static int set_policy(const char *suite, srtp_crypto_policy_t *rtp, srtp_crypto_policy_t *rtcp) {
    if (!strcmp(suite, "AES_CM_128_HMAC_SHA1_80")) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtcp);
    } else if (!strcmp(suite, "AES_CM_128_HMAC_SHA1_32")) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtcp); /* RFC 4568 6.2.2: SRTCP keeps 80 bits */
    } else if (!strcmp(suite, "AES_192_CM_HMAC_SHA1_80")) {
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(rtp);
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(rtcp);
    } else if (!strcmp(suite, "AES_192_CM_HMAC_SHA1_32")) {
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_32(rtp);
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(rtcp);
    } else if (!strcmp(suite, "AES_256_CM_HMAC_SHA1_80")) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtp);
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtcp);
    } else if (!strcmp(suite, "AES_256_CM_HMAC_SHA1_32")) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32(rtp);
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtcp);
    } else if (!strcmp(suite, "AEAD_AES_128_GCM")) {
        srtp_crypto_policy_set_aes_gcm_128_16_auth(rtp);
        srtp_crypto_policy_set_aes_gcm_128_16_auth(rtcp);
    } else if (!strcmp(suite, "AEAD_AES_256_GCM")) {
        srtp_crypto_policy_set_aes_gcm_256_16_auth(rtp);
        srtp_crypto_policy_set_aes_gcm_256_16_auth(rtcp);
    } else if (!strcmp(suite, "AEAD_AES_128_GCM_8")) {
        srtp_crypto_policy_set_aes_gcm_128_8_auth(rtp);
        srtp_crypto_policy_set_aes_gcm_128_8_auth(rtcp);
    } else if (!strcmp(suite, "AEAD_AES_256_GCM_8")) {
        srtp_crypto_policy_set_aes_gcm_256_8_auth(rtp);
        srtp_crypto_policy_set_aes_gcm_256_8_auth(rtcp);
    } else {
        return 0;
    }
    return 1;
}

static int unhex(const char *text, size_t length, unsigned char *out, size_t capacity) {
    if (length % 2 != 0 || length / 2 > capacity) {
        return -1;
    }
    for (size_t i = 0; i < length / 2; i++) {
        unsigned int byte;
        if (sscanf(text + 2 * i, "%2x", &byte) != 1) {
            return -1;
        }
        out[i] = (unsigned char)byte;
    }
    return (int)(length / 2);
}

static const char *status_name(srtp_err_status_t status) {
    switch (status) {
    case srtp_err_status_auth_fail: return "auth_fail";
    case srtp_err_status_replay_fail: return "replay_fail";
    case srtp_err_status_replay_old: return "replay_old";
    case srtp_err_status_bad_mki: return "bad_mki";
    case srtp_err_status_key_expired: return "key_expired";
    case srtp_err_status_bad_param: return "bad_param";
    default: return "other";
    }
}

int main(int argc, char **argv) {
    if (argc < 4) {
        die("usage", "srtp_peer SUITE send|recv [--ssrc N] [--roc N] KEYSALT_HEX[:MKI_HEX] ...");
    }
    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    if (!set_policy(argv[1], &policy.rtp, &policy.rtcp)) {
        die("unknown suite", argv[1]);
    }
    int sending = !strcmp(argv[2], "send");
    if (!sending && strcmp(argv[2], "recv")) {
        die("role must be send or recv", argv[2]);
    }
    unsigned long ssrc = 0, roc = 0;
    int have_ssrc = 0, have_roc = 0;
    static unsigned char keys[MAX_KEYS][64], mkis[MAX_KEYS][128];
    static srtp_master_key_t master[MAX_KEYS];
    static srtp_master_key_t *master_list[MAX_KEYS];
    int key_count = 0, mki_count = 0;
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--ssrc") && i + 1 < argc) {
            ssrc = strtoul(argv[++i], NULL, 10);
            have_ssrc = 1;
        } else if (!strcmp(argv[i], "--roc") && i + 1 < argc) {
            roc = strtoul(argv[++i], NULL, 10);
            have_roc = 1;
        } else {
            if (key_count == MAX_KEYS) {
                die("too many keys", NULL);
            }
            const char *colon = strchr(argv[i], ':');
            size_t key_hex = colon ? (size_t)(colon - argv[i]) : strlen(argv[i]);
            if (unhex(argv[i], key_hex, keys[key_count], sizeof keys[0]) < 0) {
                die("bad key hex", NULL);
            }
            master[key_count].key = keys[key_count];
            if (colon) {
                int length = unhex(colon + 1, strlen(colon + 1), mkis[key_count], sizeof mkis[0]);
                if (length <= 0) {
                    die("bad MKI hex", colon + 1);
                }
                master[key_count].mki_id = mkis[key_count];
                master[key_count].mki_size = (unsigned int)length;
                mki_count++;
            }
            master_list[key_count] = &master[key_count];
            key_count++;
        }
    }
    if (key_count == 0 || (mki_count != 0 && mki_count != key_count) || (mki_count == 0 && key_count > 1)) {
        die("give one key, or keys that all have an MKI", NULL);
    }
    int use_mki = mki_count > 0;
    if (use_mki) {
        policy.keys = master_list;
        policy.num_master_keys = (unsigned long)key_count;
    } else {
        policy.key = keys[0];
    }
    if (have_ssrc) {
        policy.ssrc.type = ssrc_specific;
        policy.ssrc.value = (uint32_t)ssrc;
    } else {
        policy.ssrc.type = sending ? ssrc_any_outbound : ssrc_any_inbound;
    }
    policy.window_size = 128;
    policy.allow_repeat_tx = 0;
    policy.next = NULL;

    if (srtp_init() != srtp_err_status_ok) {
        die("srtp_init failed", NULL);
    }
    srtp_t session;
    srtp_err_status_t status = srtp_create(&session, &policy);
    if (status != srtp_err_status_ok) {
        die("srtp_create failed", status_name(status));
    }
    if (have_roc) {
        if (!have_ssrc) {
            die("--roc needs --ssrc", NULL);
        }
        status = srtp_set_stream_roc(session, (uint32_t)ssrc, (uint32_t)roc);
        if (status != srtp_err_status_ok) {
            die("srtp_set_stream_roc failed", status_name(status));
        }
    }

    static char line[2 * MAX_PACKET + 64];
    static unsigned char packet[MAX_PACKET + SRTP_MAX_TRAILER_LEN + 256];
    unsigned int mki_index = 0;
    while (fgets(line, sizeof line, stdin)) {
        size_t length = strcspn(line, "\r\n");
        line[length] = 0;
        if (!strncmp(line, "use ", 4)) {
            mki_index = (unsigned int)strtoul(line + 4, NULL, 10);
            continue;
        }
        int rtcp = !strncmp(line, "rtcp ", 5);
        if (!rtcp && strncmp(line, "rtp ", 4)) {
            die("unknown command", line);
        }
        const char *hex = line + (rtcp ? 5 : 4);
        int size = unhex(hex, strlen(hex), packet, MAX_PACKET);
        if (size < 0) {
            die("bad packet hex", NULL);
        }
        if (sending) {
            status = rtcp ? srtp_protect_rtcp_mki(session, packet, &size, use_mki, mki_index)
                          : srtp_protect_mki(session, packet, &size, use_mki, mki_index);
        } else {
            status = rtcp ? srtp_unprotect_rtcp_mki(session, packet, &size, use_mki)
                          : srtp_unprotect_mki(session, packet, &size, use_mki);
        }
        if (status != srtp_err_status_ok) {
            printf("err %s\n", status_name(status));
        } else {
            fputs("ok ", stdout);
            for (int i = 0; i < size; i++) {
                printf("%02x", packet[i]);
            }
            putchar('\n');
        }
    }
    srtp_dealloc(session);
    srtp_shutdown();
    return 0;
}
