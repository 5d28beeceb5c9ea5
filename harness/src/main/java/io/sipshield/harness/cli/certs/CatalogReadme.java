package io.sipshield.harness.cli.certs;

import java.util.List;
import java.util.Locale;

/** Renders the {@code README.md} that {@code sipshield certs generate} writes beside {@code index.json}. */
final class CatalogReadme {

    private CatalogReadme() {
    }

    static String render(CatalogIndex index) {
        StringBuilder md = new StringBuilder();
        md.append("# sipshield test PKI\n\n")
                .append("Written by `sipshield certs generate` at ").append(index.generatedAt()).append(". Every date is relative\n")
                .append("to that instant: the valid certificates are valid for a year from then (roots ten years), the expired ones\n")
                .append("expired the day before. Generate a fresh set rather than keep an old one. `index.json` lists the same\n")
                .append("entries for programs.\n\n")
                .append("**Test only.** The private keys were generated on this run and are written unencrypted. Never use these\n")
                .append("certificates outside a test network.\n\n");

        md.append("## Name constraints\n\n")
                .append("Every root here carries a critical name constraints extension permitting only DNS names under ")
                .append(codeList(index.nameConstraints().permittedDns())).append(" and the IP ranges ")
                .append(codeList(index.nameConstraints().permittedIp()))
                .append(". A verifier that enforces name constraints (OpenSSL, the JDK, Bouncy Castle, browsers) rejects any\n")
                .append("certificate these roots sign for another name, so a leaked key cannot be used against real hosts.\n\n");

        md.append("## Files\n\n")
                .append("Each certificate has a directory named after its id:\n\n")
                .append("| file | what it is |\n|---|---|\n")
                .append("| `<id>/certificate.pem` | the certificate alone |\n")
                .append("| `<id>/private-key.pem` | its private key, unencrypted PKCS#8 (`BEGIN PRIVATE KEY`), owner-readable only |\n")
                .append("| `<id>/chain.pem` | the certificate and its issuers, leaf to root, root included |\n")
                .append("| `<id>/presented-chain.pem` | leaf and intermediates without the root: what a TLS server or client sends |\n")
                .append("| `crl/<crl-id>.crl` | a CRL in DER, as a distribution point serves it |\n")
                .append("| `crl/<crl-id>.crl.pem` | the same CRL in PEM |\n\n");

        md.append("## Loading them\n\n")
                .append("- **Asterisk (PJSIP TLS transport)**: `cert_file=<id>/presented-chain.pem`, `priv_key_file=<id>/private-key.pem`;\n")
                .append("  to check phones' client certificates, `ca_list_file=` the chain of the CA that issued them\n")
                .append("  (e.g. `algo-issuing-ca/chain.pem`) with `verify_client=yes` and `require_client_cert=yes`.\n")
                .append("- **Phones**: upload `test-root/certificate.pem` (or `test-root-ec/certificate.pem`) as a trusted CA and\n")
                .append("  dial the PBX as `pbx.sip.test` (a DNS or hosts entry pointing at the PBX) or by `127.0.0.1` / `::1` locally.\n")
                .append("  A client certificate goes on the phone as `<id>/certificate.pem` plus `<id>/private-key.pem`\n")
                .append("  (Algo `sipclient.pem`: concatenate the two).\n")
                .append("- **CRLs**: certificates name `http://crl.sip.test/<crl-id>.crl`; serve the `crl/` directory there.\n\n");

        section(md, index, "root", "Roots", "Self-signed CAs: trust anchors, or deliberately untrusted ones.");
        section(md, index, "intermediate", "Intermediates", "CAs issued by another CA; each is in the `chain.pem` of what it issued.");
        section(md, index, "server", "Server certificates",
                "For the PBX side. Unless the row says otherwise: CN and SAN DNS `pbx.sip.test`, SAN IP `127.0.0.1` and `::1`,"
                        + " EKU serverAuth, issued by `test-root`, valid now.");
        section(md, index, "client", "Client certificates", "For the phone side of mutual TLS: EKU clientAuth.");

        md.append("## CRLs\n\n")
                .append("| id | signed by | what it is | revoked serials (hex) | next update |\n|---|---|---|---|---|\n");
        for (CatalogIndex.CrlEntry crl : index.crls()) {
            md.append("| `").append(crl.id()).append("` | `").append(crl.issuer()).append("` | ").append(escape(crl.description()))
                    .append(" | ").append(crl.revokedSerials().isEmpty() ? "none" : String.join(", ", crl.revokedSerials()))
                    .append(" | ").append(crl.nextUpdate()).append(" |\n");
        }
        return md.toString();
    }

    private static void section(StringBuilder md, CatalogIndex index, String kind, String title, String intro) {
        md.append("## ").append(title).append("\n\n").append(escape(intro)).append("\n\n")
                .append("| id | what it is | defect |\n|---|---|---|\n");
        for (CatalogIndex.FixtureEntry fixture : index.fixtures()) {
            if (fixture.kind().equals(kind.toLowerCase(Locale.ROOT))) {
                md.append("| `").append(fixture.id()).append("` | ").append(escape(fixture.description())).append(" | ")
                        .append(fixture.defect() == null ? "none: meant to be accepted" : escape(fixture.defect())).append(" |\n");
            }
        }
        md.append('\n');
    }

    private static String codeList(List<String> values) {
        return String.join(", ", values.stream().map(value -> "`" + value + "`").toList());
    }

    /** Keeps table cells intact and wildcards literal. */
    private static String escape(String text) {
        return text.replace("|", "\\|").replace("*", "\\*");
    }
}
