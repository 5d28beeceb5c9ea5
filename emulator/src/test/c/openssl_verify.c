/*
 * Reference verifier for the differential test of ServerCertificateValidator.
 *
 * Runs OpenSSL's own X509_verify_cert the way a PJSIP phone does on a TLS client
 * connection: the presented chain is the untrusted stack (leaf first), the CA list
 * is the X509_STORE, purpose "ssl_server" (or "ssl_client"), trusted-first issuer
 * lookup, and a verify callback that never stops (it returns 1, as PJSIP's does with
 * verify_peer off). Every callback ORs a flag with PJSIP's table (ssl_sock_ossl.c,
 * verify_cb); then PJSIP's server identity rule (sip_transport_tls.c) is applied.
 *
 * Output, one item a line:
 *   error DEPTH CODE      for every callback with preverify_ok == 0, in order
 *   bitmask 0xXXXXXXXX    the D-Series bitmask
 *
 * Usage: openssl_verify --trust FILE --chain FILE --at EPOCH_SECONDS --host NAME
 *          [--crl FILE] [--crl-check leaf|all] [--depth N] [--level N]
 *          [--partial-chain] [--purpose server|client] [--wildcard]
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#define EISSUER_NOT_FOUND 0x00000001UL
#define EUNTRUSTED 0x00000002UL
#define EVALIDITY_PERIOD 0x00000004UL
#define EINVALID_FORMAT 0x00000008UL
#define EINVALID_PURPOSE 0x00000010UL
#define EISSUER_MISMATCH 0x00000020UL
#define ECRL_FAILURE 0x00000040UL
#define EREVOKED 0x00000080UL
#define ECHAIN_TOO_LONG 0x00000100UL
#define EIDENTITY_NOT_MATCH 0x40000000UL
#define EUNKNOWN 0x80000000UL

static unsigned long status;

/* PJSIP's mapping of an OpenSSL verification error to a flag. */
static unsigned long pjsip_flag(int err)
{
    switch (err) {
    case X509_V_OK:
        return 0;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        return EISSUER_NOT_FOUND;
    case X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD:
    case X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
    case X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY:
        return EINVALID_FORMAT;
    case X509_V_ERR_CERT_NOT_YET_VALID:
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return EVALIDITY_PERIOD;
    case X509_V_ERR_UNABLE_TO_GET_CRL:
    case X509_V_ERR_CRL_NOT_YET_VALID:
    case X509_V_ERR_CRL_HAS_EXPIRED:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE:
    case X509_V_ERR_CRL_SIGNATURE_FAILURE:
    case X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD:
    case X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD:
        return ECRL_FAILURE;
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_CERT_UNTRUSTED:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        return EUNTRUSTED;
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_SUBJECT_ISSUER_MISMATCH:
    case X509_V_ERR_AKID_SKID_MISMATCH:
    case X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH:
    case X509_V_ERR_KEYUSAGE_NO_CERTSIGN:
        return EISSUER_MISMATCH;
    case X509_V_ERR_CERT_REVOKED:
        return EREVOKED;
    case X509_V_ERR_INVALID_PURPOSE:
    case X509_V_ERR_CERT_REJECTED:
    case X509_V_ERR_INVALID_CA:
        return EINVALID_PURPOSE;
    case X509_V_ERR_CERT_CHAIN_TOO_LONG:
    case X509_V_ERR_PATH_LENGTH_EXCEEDED:
        return ECHAIN_TOO_LONG;
    default:
        return EUNKNOWN;
    }
}

/* Like PJSIP's verify_cb with verify_peer off: record, OR the flag, never stop. */
static int verify_cb(int preverify_ok, X509_STORE_CTX *ctx)
{
    int err = X509_STORE_CTX_get_error(ctx);

    if (!preverify_ok)
        printf("error %d %d\n", X509_STORE_CTX_get_error_depth(ctx), err);
    status |= pjsip_flag(err);
    return 1;
}

static void fail(const char *what, const char *file)
{
    fprintf(stderr, "openssl_verify: %s %s\n", what, file);
    ERR_print_errors_fp(stderr);
    exit(2);
}

static STACK_OF(X509) *read_certificates(const char *file)
{
    STACK_OF(X509) *certs = sk_X509_new_null();
    BIO *in = BIO_new_file(file, "r");
    X509 *cert;

    if (in == NULL || certs == NULL)
        fail("cannot open", file);
    while ((cert = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL)
        sk_X509_push(certs, cert);
    ERR_clear_error();
    BIO_free(in);
    if (sk_X509_num(certs) == 0)
        fail("no certificate in", file);
    return certs;
}

static void add_crls(X509_STORE *store, const char *file)
{
    BIO *in = BIO_new_file(file, "r");
    X509_CRL *crl;
    int count = 0;

    if (in == NULL)
        fail("cannot open", file);
    while ((crl = PEM_read_bio_X509_CRL(in, NULL, NULL, NULL)) != NULL) {
        X509_STORE_add_crl(store, crl);
        X509_CRL_free(crl);
        count++;
    }
    ERR_clear_error();
    BIO_free(in);
    if (count == 0)
        fail("no CRL in", file);
}

/* A leading "*." label standing for exactly one label of a host name (not an IP). */
static int wildcard_matches(const char *pattern, const char *host)
{
    const char *dot;
    unsigned char probe[16];

    if (strncmp(pattern, "*.", 2) != 0 || strchr(pattern + 1, '*') != NULL)
        return 0;
    if (inet_pton(AF_INET, host, probe) == 1 || inet_pton(AF_INET6, host, probe) == 1)
        return 0;
    dot = strchr(host, '.');
    return dot != NULL && dot != host && strcasecmp(dot, pattern + 1) == 0;
}

static int name_matches(const char *presented, const char *host, int wildcard)
{
    return strcasecmp(presented, host) == 0 || (wildcard && wildcard_matches(presented, host));
}

/* PJSIP's identity rule: SAN DNS, IP (as inet_ntop prints it), sip:/sips: URI rest; then the CN. */
static int identity_matches(X509 *leaf, const char *host, int wildcard)
{
    GENERAL_NAMES *names = X509_get_ext_d2i(leaf, NID_subject_alt_name, NULL, NULL);
    X509_NAME *subject = X509_get_subject_name(leaf);
    int matched = 0;
    int i;

    for (i = 0; names != NULL && i < sk_GENERAL_NAME_num(names) && !matched; i++) {
        GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
        char text[512];

        if (name->type == GEN_DNS) {
            snprintf(text, sizeof(text), "%.*s", name->d.dNSName->length, (char *)name->d.dNSName->data);
            matched = name_matches(text, host, wildcard);
        } else if (name->type == GEN_IPADD) {
            int family = name->d.iPAddress->length == 4 ? AF_INET : name->d.iPAddress->length == 16 ? AF_INET6 : 0;

            if (family != 0 && inet_ntop(family, name->d.iPAddress->data, text, sizeof(text)) != NULL)
                matched = strcasecmp(text, host) == 0;
        } else if (name->type == GEN_URI) {
            snprintf(text, sizeof(text), "%.*s", name->d.uniformResourceIdentifier->length,
                     (char *)name->d.uniformResourceIdentifier->data);
            if (strncasecmp(text, "sip:", 4) == 0 || strncasecmp(text, "sips:", 5) == 0)
                matched = strcasecmp(strchr(text, ':') + 1, host) == 0;
        }
    }
    GENERAL_NAMES_free(names);
    if (!matched) {
        int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);

        if (index >= 0) {
            unsigned char *cn = NULL;
            int length = ASN1_STRING_to_UTF8(&cn, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index)));

            if (length >= 0) {
                char text[512];

                snprintf(text, sizeof(text), "%.*s", length, (char *)cn);
                matched = name_matches(text, host, wildcard);
            }
            OPENSSL_free(cn);
        }
    }
    return matched;
}

int main(int argc, char **argv)
{
    const char *trust = NULL, *chain_file = NULL, *crl_file = NULL, *host = NULL, *crl_check = NULL;
    const char *purpose = "server";
    long long at = -1;
    int depth = -1, level = 1, partial = 0, wildcard = 0;
    X509_STORE *store;
    X509_STORE_CTX *ctx;
    X509_VERIFY_PARAM *param;
    STACK_OF(X509) *chain;
    int i;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;

        if (strcmp(arg, "--partial-chain") == 0) { partial = 1; continue; }
        if (strcmp(arg, "--wildcard") == 0) { wildcard = 1; continue; }
        if (value == NULL) fail("missing value for", arg);
        i++;
        if (strcmp(arg, "--trust") == 0) trust = value;
        else if (strcmp(arg, "--chain") == 0) chain_file = value;
        else if (strcmp(arg, "--crl") == 0) crl_file = value;
        else if (strcmp(arg, "--crl-check") == 0) crl_check = value;
        else if (strcmp(arg, "--host") == 0) host = value;
        else if (strcmp(arg, "--at") == 0) at = atoll(value);
        else if (strcmp(arg, "--depth") == 0) depth = atoi(value);
        else if (strcmp(arg, "--level") == 0) level = atoi(value);
        else if (strcmp(arg, "--purpose") == 0) purpose = value;
        else fail("unknown option", arg);
    }
    if (trust == NULL || chain_file == NULL || host == NULL || at < 0)
        fail("usage: --trust FILE --chain FILE --at EPOCH --host NAME required", "");

    store = X509_STORE_new();
    {
        STACK_OF(X509) *anchors = read_certificates(trust);

        for (i = 0; i < sk_X509_num(anchors); i++)
            X509_STORE_add_cert(store, sk_X509_value(anchors, i));
        sk_X509_pop_free(anchors, X509_free);
    }
    if (crl_file != NULL)
        add_crls(store, crl_file);
    X509_STORE_set_verify_cb(store, verify_cb);
    chain = read_certificates(chain_file);

    ctx = X509_STORE_CTX_new();
    if (!X509_STORE_CTX_init(ctx, store, sk_X509_value(chain, 0), chain))
        fail("cannot initialise the context for", chain_file);
    /* What libssl does for a client checking a server (ssl_verify_cert_chain). */
    X509_STORE_CTX_set_default(ctx, strcmp(purpose, "client") == 0 ? "ssl_client" : "ssl_server");
    param = X509_STORE_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_auth_level(param, level);
    X509_VERIFY_PARAM_set_time(param, (time_t)at);
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_TRUSTED_FIRST);
    if (depth >= 0)
        X509_VERIFY_PARAM_set_depth(param, depth);
    if (partial)
        X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
    if (crl_check != NULL && strcmp(crl_check, "leaf") == 0)
        X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CRL_CHECK);
    if (crl_check != NULL && strcmp(crl_check, "all") == 0)
        X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);

    X509_verify_cert(ctx);
    if (!identity_matches(sk_X509_value(chain, 0), host, wildcard))
        status |= EIDENTITY_NOT_MATCH;
    printf("bitmask 0x%08lx\n", status);

    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(chain, X509_free);
    X509_STORE_free(store);
    return 0;
}
