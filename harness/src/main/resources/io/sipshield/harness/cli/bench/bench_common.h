/*
 * Shared by sipshield's SRTP throughput helpers (compiled by "sipshield bench srtp"): the packet,
 * the clock, and the measurement protocol, which BenchSrtpCommand's Java loop follows exactly:
 * a warm-up, then ROUNDS timed rounds per operation, the best round's packets/s reported (the
 * round least disturbed by other work on the machine).
 *
 *   protect:   copy a 172-byte RTP packet (12-byte header, 160-byte payload) into the work buffer,
 *              set its sequence number, protect it in place.
 *   unprotect: copy one of RING protected packets (consecutive sequence numbers) into the work
 *              buffer, unprotect it in place; before each pass over the ring (not timed) the
 *              sender refills it with the next packets, so the one receiver never sees a replay.
 */
#ifndef SIPSHIELD_BENCH_COMMON_H
#define SIPSHIELD_BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RTP_LENGTH 172
#define HEADER_LENGTH 12
#define RING 8192
#define ROUNDS 10
#define SLOT 256
#define SSRC 0x5eed5eedu

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void rtp_template(uint8_t *packet) {
    memset(packet, 0, RTP_LENGTH);
    packet[0] = 0x80;
    packet[8] = (uint8_t)(SSRC >> 24);
    packet[9] = (uint8_t)(SSRC >> 16);
    packet[10] = (uint8_t)(SSRC >> 8);
    packet[11] = (uint8_t)SSRC;
    for (int i = HEADER_LENGTH; i < RTP_LENGTH; i++) {
        packet[i] = (uint8_t)(i * 7);
    }
}

static void set_sequence(uint8_t *packet, uint64_t counter) {
    packet[2] = (uint8_t)(counter >> 8);
    packet[3] = (uint8_t)counter;
    packet[4] = (uint8_t)(counter >> 16); /* timestamp changes too, as it would */
}

static double best(const double *values, int count) {
    double highest = values[0];
    for (int i = 1; i < count; i++) {
        if (values[i] > highest) highest = values[i];
    }
    return highest;
}

static void usage_exit(const char *name) {
    fprintf(stderr, "usage: %s SUITE SECONDS\n", name);
    exit(2);
}

#endif
