package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneSidedTrustManagerTest {

    private static final X509Certificate[] CHAIN = {
            FixtureCatalog.create().get(FixtureName.TEST_ROOT).certificate()};

    /** Records what it was asked to judge; refuses when told to. */
    private static final class Recording extends OneSidedTrustManager {
        private final List<X509Certificate[]> judged = new ArrayList<>();
        private final boolean refuse;

        Recording(Judges judges, boolean refuse) {
            super(judges, "wrong side");
            this.refuse = refuse;
        }

        @Override
        protected void judge(X509Certificate[] chain) throws CertificateException {
            judged.add(chain);
            if (refuse) {
                throw new CertificateException("refused");
            }
        }
    }

    @Test
    void everyOverloadOfItsSideComesToJudge() throws Exception {
        Recording client = new Recording(OneSidedTrustManager.Judges.SERVER, false);
        client.checkServerTrusted(CHAIN, "RSA");
        client.checkServerTrusted(CHAIN, "RSA", (java.net.Socket) null);
        client.checkServerTrusted(CHAIN, "RSA", (javax.net.ssl.SSLEngine) null);
        assertEquals(3, client.judged.size());
        Recording server = new Recording(OneSidedTrustManager.Judges.CLIENT, true);
        assertEquals("refused", assertThrows(CertificateException.class,
                () -> server.checkClientTrusted(CHAIN, "RSA", (javax.net.ssl.SSLEngine) null)).getMessage());
        assertEquals(1, server.judged.size());
    }

    @Test
    void theOtherSidesChecksAreRefusedWithoutJudging() {
        Recording client = new Recording(OneSidedTrustManager.Judges.SERVER, false);
        assertEquals("wrong side", assertThrows(CertificateException.class,
                () -> client.checkClientTrusted(CHAIN, "RSA")).getMessage());
        assertThrows(CertificateException.class, () -> client.checkClientTrusted(CHAIN, "RSA", (java.net.Socket) null));
        Recording server = new Recording(OneSidedTrustManager.Judges.CLIENT, false);
        assertThrows(CertificateException.class, () -> server.checkServerTrusted(CHAIN, "RSA"));
        assertEquals(0, client.judged.size() + server.judged.size());
        assertEquals(0, client.getAcceptedIssuers().length);
    }
}
