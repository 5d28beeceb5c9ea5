package io.sipshield.harness.mock.config;

import io.sipshield.harness.mock.MediaEncryption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * pjsip.conf {@code type=endpoint} (res_pjsip/pjsip_config.xml, {@code endpoint} object), templates applied.
 *
 * @param name the section name
 * @param aors {@code aors}: the aor sections its registrations go to; default none
 * @param auths {@code auth}: the auth sections that authenticate requests from it; default none (no challenge)
 * @param context {@code context}: the extensions.conf context its calls start in; default {@code default}
 * @param codecs the result of its {@code disallow}/{@code allow} lines applied in order; default none
 * @param mediaEncryption {@code media_encryption}; default no
 * @param mediaEncryptionOptimistic {@code media_encryption_optimistic}; default no
 * @param srtpTag32 {@code srtp_tag_32}: offer 32-bit SRTP auth tags; default no
 * @param rewriteContact {@code rewrite_contact}: replace a registered Contact's host and port by the
 *        connection's source; default no
 * @param transport {@code transport}: the transport section it is bound to; default none (any)
 */
public record PjsipEndpoint(String name, List<String> aors, List<String> auths, String context, List<Codec> codecs,
        MediaEncryption mediaEncryption, boolean mediaEncryptionOptimistic, boolean srtpTag32, boolean rewriteContact,
        Optional<String> transport) {

    /** The default of {@code context}. */
    public static final String DEFAULT_CONTEXT = "default";

    public PjsipEndpoint {
        Objects.requireNonNull(name, "name");
        aors = List.copyOf(aors);
        auths = List.copyOf(auths);
        Objects.requireNonNull(context, "context");
        codecs = List.copyOf(codecs);
        Objects.requireNonNull(mediaEncryption, "mediaEncryption");
        Objects.requireNonNull(transport, "transport");
    }
}
