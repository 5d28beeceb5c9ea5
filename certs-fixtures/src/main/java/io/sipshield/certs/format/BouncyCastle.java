package io.sipshield.certs.format;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The Bouncy Castle provider, passed explicitly to every builder that needs it; never registered globally. */
final class BouncyCastle {

    /** Stateless once built, so one instance serves every reader and writer. */
    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
