package io.sipshield.emulator.capture;

import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.internal.tcnative.SSLContext;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Has a phone's TLS context hand the secrets of each connection to a {@link SecretsTap} as NSS key
 * log lines, for TLS 1.2 and TLS 1.3 alike.
 *
 * <p>On the BoringSSL provider this is BoringSSL's own {@code SSL_CTX_set_keylog_callback}, reached
 * through netty-tcnative's {@code SSLContext.setKeyLogCallback(long, KeyLogCallback)} (tcnative
 * 2.0.84; it takes tcnative's context handle). netty 4.2's {@code OpenSslContextOption} has no key
 * log option, and netty's {@code SslMasterKeyHandler} covers TLS 1.2 only. BoringSSL calls back
 * during the handshake with one line per secret: {@code CLIENT_RANDOM} for TLS 1.2; the handshake
 * and application traffic secrets for TLS 1.3. The callback is set on the context, so it covers
 * every connection the context makes; each phone has its own context.
 *
 * <p>The JDK provider has no way to export its secrets (SunJSSE keeps them inside the engine and
 * has no key log), so a capture of a JDK-provider phone cannot be decrypted; the tap is told why.
 */
public final class TlsKeyLogExport {

    /** Why the JDK provider's captures cannot be decrypted; also said in the capture's notes. */
    public static final String JDK_PROVIDER = "the JDK TLS provider cannot export its session secrets (SunJSSE has no"
            + " key log); run the phone on the BoringSSL provider to decrypt its TLS";

    private TlsKeyLogExport() {
    }

    /**
     * Installs the key log callback on {@code context}.
     *
     * @return whether the secrets will be exported; when not, {@code tap} was told why
     */
    public static boolean install(SslContext context, SecretsTap tap) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(tap, "tap");
        if (!(context instanceof ReferenceCountedOpenSslContext openSsl)) {
            tap.tlsSecretsUnavailable(JDK_PROVIDER);
            return false;
        }
        long handle = tcnativeHandle(openSsl);
        if (handle == 0) {
            tap.tlsSecretsUnavailable("cannot reach netty-tcnative's context to set the key log callback");
            return false;
        }
        boolean installed = SSLContext.setKeyLogCallback(handle,
                (ssl, line) -> tap.tlsKeyLog(new String(line, StandardCharsets.US_ASCII).strip()));
        if (!installed) {
            tap.tlsSecretsUnavailable("this netty-tcnative build has no key log callback (it needs BoringSSL)");
        }
        return installed;
    }

    /**
     * netty-tcnative's own context handle ({@code tcn_ssl_ctxt_t*}), which its {@code SSLContext}
     * calls take; netty keeps it in the private field {@code ctx} and exposes only the BoringSSL
     * {@code SSL_CTX*} ({@code sslCtxPointer()}), which is not the same and crashes the JVM when
     * passed instead. The handle is checked against that pointer before use; 0 when it cannot be had.
     */
    private static long tcnativeHandle(ReferenceCountedOpenSslContext context) {
        try {
            Field field = ReferenceCountedOpenSslContext.class.getDeclaredField("ctx");
            if (field.getType() != long.class) {
                return 0;
            }
            field.setAccessible(true);
            long handle = field.getLong(context);
            return handle != 0 && SSLContext.getSslCtx(handle) == context.sslCtxPointer() ? handle : 0;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0;
        }
    }
}
