package io.sipshield.emulator.tls;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.CrlSpec;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.KeyUsageBit;
import java.io.IOException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Random certificate setups for the differential test, reproducible from a seed: a chain of 0 to
 * 3 intermediates under a root, each certificate with a chance of a defect, a random trust store,
 * a random way of presenting the chain, host, clock and OpenSSL settings. Each case's name says
 * what was drawn, so a disagreement can be rebuilt by hand.
 */
final class VariationGenerator {

    private static final List<String> HOSTS = List.of("pbx.sip.test", "PBX.sip.test", "other.sip.test",
            "a.pbx.sip.test", "127.0.0.1", "::1");

    private VariationGenerator() {
    }

    static VerificationCase generate(TestPki pki, Random random, int index) {
        List<String> drawn = new ArrayList<>();
        String prefix = "variation " + index + " ";
        CertificateSpec rootSpec = pki.root(prefix + "root");
        if (chance(random, 8)) {
            rootSpec.expired();
            drawn.add("root expired");
        }
        if (chance(random, 15)) {
            int length = random.nextInt(2);
            rootSpec.pathLength(length);
            drawn.add("root pathLen " + length);
        }
        if (chance(random, 20)) {
            rootSpec.testNameConstraints();
            drawn.add("root name-constrained");
        }
        IssuedCertificate root = rootSpec.build();
        List<IssuedCertificate> cas = new ArrayList<>(List.of(root));
        int intermediates = random.nextInt(4);
        for (int k = 0; k < intermediates; k++) {
            CertificateSpec spec = pki.intermediate(prefix + "ca " + k);
            String defect = caDefect(spec, random);
            if (defect != null) {
                drawn.add("ca " + k + " " + defect);
            }
            cas.add(spec.issuedBy(cas.get(cas.size() - 1)).build());
        }
        CertificateSpec leafSpec = leaf(pki, random, drawn);
        String leafDefect = leafDefect(leafSpec, random);
        if (leafDefect != null) {
            drawn.add("leaf " + leafDefect);
        }
        IssuedCertificate leaf = leafSpec.issuedBy(cas.get(cas.size() - 1)).build();

        VerificationCase.Builder builder = VerificationCase.named(prefix).at(pki.now);
        trustStore(builder, random, root, cas, pki, drawn);
        builder.present(presented(random, leaf, cas, drawn));
        String host = HOSTS.get(random.nextInt(HOSTS.size()));
        builder.host(host);
        drawn.add("host " + host);
        settings(builder, random, pki, cas, leaf, drawn);
        return builder.name(prefix + String.join(", ", drawn)).build();
    }

    private static boolean chance(Random random, int percent) {
        return random.nextInt(100) < percent;
    }

    private static String caDefect(CertificateSpec spec, Random random) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            spec.expired();
            return "expired";
        }
        if (roll < 14) {
            spec.notCa();
            return "CA:FALSE";
        }
        if (roll < 20) {
            spec.caWithoutKeyCertSign();
            return "no keyCertSign";
        }
        if (roll < 32) {
            int length = random.nextInt(2);
            spec.pathLength(length);
            return "pathLen " + length;
        }
        if (roll < 37) {
            spec.extension("2.5.29.37", false, encode(new DERSequence(KeyPurposeId.id_kp_clientAuth)));
            return "EKU clientAuth";
        }
        if (roll < 41) {
            spec.unknownCriticalExtension();
            return "unknown critical extension";
        }
        if (roll < 45) {
            spec.notYetValid();
            return "not yet valid";
        }
        return null;
    }

    private static CertificateSpec leaf(TestPki pki, Random random, List<String> drawn) {
        int roll = random.nextInt(7);
        switch (roll) {
            case 0:
                drawn.add("leaf *.sip.test");
                return pki.leaf("*.sip.test").sanDns("*.sip.test").serverAuth();
            case 1:
                drawn.add("leaf CN pbx.sip.test only");
                return pki.leaf("pbx.sip.test").serverAuth();
            case 2:
                drawn.add("leaf SAN URI sip:pbx.sip.test, IP ::1");
                return pki.leaf("pbx").sanUri("sip:pbx.sip.test").sanIp("::1").serverAuth();
            case 3:
                drawn.add("leaf pbx.example.com");
                return pki.leaf("pbx.example.com").sanDns("pbx.example.com").serverAuth();
            case 4:
                drawn.add("leaf CN pbx.sip.test, SAN other.sip.test");
                return pki.leaf("pbx.sip.test").sanDns("other.sip.test");
            default:
                drawn.add("leaf pbx.sip.test");
                return pki.server();
        }
    }

    private static String leafDefect(CertificateSpec spec, Random random) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            spec.expired();
            return "expired";
        }
        if (roll < 13) {
            spec.notYetValid();
            return "not yet valid";
        }
        if (roll < 18) {
            spec.clientAuth();
            return "+clientAuth";
        }
        if (roll < 22) {
            spec.keyUsage(KeyUsageBit.NON_REPUDIATION);
            return "keyUsage nonRepudiation";
        }
        if (roll < 26) {
            spec.unknownCriticalExtension();
            return "unknown critical extension";
        }
        return null;
    }

    private static void trustStore(VerificationCase.Builder builder, Random random, IssuedCertificate root,
                                   List<IssuedCertificate> cas, TestPki pki, List<String> drawn) {
        List<String> trusted = new ArrayList<>();
        if (chance(random, 75)) {
            builder.trust(root.certificate());
            trusted.add("root");
        }
        if (cas.size() > 1 && chance(random, 20)) {
            int which = 1 + random.nextInt(cas.size() - 1);
            builder.trust(cas.get(which).certificate());
            trusted.add("ca " + (which - 1));
        }
        if (chance(random, 25)) {
            builder.trust(pki.otherRoot.certificate());
            trusted.add("other root");
        }
        if (trusted.isEmpty()) {
            builder.trust(pki.root.certificate());
            trusted.add("unrelated test root");
        }
        drawn.add("trusts " + String.join("+", trusted));
    }

    private static List<X509Certificate> presented(Random random, IssuedCertificate leaf, List<IssuedCertificate> cas,
                                                   List<String> drawn) {
        List<X509Certificate> others = new ArrayList<>();
        int dropped = cas.size() > 1 && chance(random, 20) ? 1 + random.nextInt(cas.size() - 1) : -1;
        for (int k = cas.size() - 1; k >= 1; k--) {
            if (k != dropped) {
                others.add(cas.get(k).certificate());
            }
        }
        if (dropped > 0) {
            drawn.add("ca " + (dropped - 1) + " not sent");
        }
        if (chance(random, 20)) {
            others.add(cas.get(0).certificate());
            drawn.add("root sent");
        }
        if (others.size() > 1 && chance(random, 20)) {
            Collections.shuffle(others, random);
            drawn.add("shuffled");
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf.certificate());
        chain.addAll(others);
        return chain;
    }

    private static void settings(VerificationCase.Builder builder, Random random, TestPki pki,
                                 List<IssuedCertificate> cas, IssuedCertificate leaf, List<String> drawn) {
        int clock = random.nextInt(100);
        if (clock < 8) {
            builder.at(pki.now.plus(Duration.ofDays(400)));
            drawn.add("clock +400 days");
        } else if (clock < 14) {
            builder.at(pki.now.minus(Duration.ofDays(3)));
            drawn.add("clock -3 days");
        }
        if (chance(random, 30)) {
            builder.wildcards();
            drawn.add("wildcards");
        }
        if (chance(random, 15)) {
            builder.partialChain();
            drawn.add("partial chain");
        }
        if (chance(random, 15)) {
            int depth = random.nextInt(3);
            builder.maxDepth(depth);
            drawn.add("depth " + depth);
        }
        int crl = random.nextInt(100);
        if (crl < 25) {
            CrlCheck mode = crl < 12 ? CrlCheck.LEAF : CrlCheck.CHAIN;
            List<X509CRL> crls = new ArrayList<>();
            for (int k = 0; k < cas.size(); k++) {
                IssuedCertificate issuer = cas.get(k);
                int roll = random.nextInt(100);
                if (roll < 12) {
                    drawn.add("no CRL from " + (k == 0 ? "root" : "ca " + (k - 1)));
                    continue;
                }
                CrlSpec spec = CrlSpec.issuedBy(issuer).now(pki.now);
                if (roll < 24) {
                    spec.expired();
                    drawn.add("expired CRL from " + (k == 0 ? "root" : "ca " + (k - 1)));
                }
                if (k == cas.size() - 1 && chance(random, 35)) {
                    spec.revoke(leaf);
                    drawn.add("leaf revoked");
                }
                if (k + 1 < cas.size() && chance(random, 15)) {
                    spec.revoke(cas.get(k + 1));
                    drawn.add("ca " + k + " revoked");
                }
                crls.add(spec.build().crl());
            }
            builder.crlCheck(mode, crls.toArray(X509CRL[]::new));
            drawn.add("CRL check " + mode);
        }
    }

    private static byte[] encode(DERSequence sequence) {
        try {
            return sequence.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
