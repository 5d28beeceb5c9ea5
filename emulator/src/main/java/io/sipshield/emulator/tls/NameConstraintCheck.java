package io.sipshield.emulator.tls;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * OpenSSL 3.0's {@code check_name_constraints}: every certificate (self-issued CAs excepted) is
 * held to the name constraints of every certificate above it, trust anchor included: its
 * subject, e-mail attributes and subjectAltNames, and for the server's certificate without a DNS
 * subjectAltName also each CN that looks like a host name ({@code NAME_CONSTRAINTS_check_CN}).
 */
final class NameConstraintCheck {

    private NameConstraintCheck() {
    }

    static void run(BuiltChain chain, VerifyContext context) {
        int num = chain.size();
        for (int depth = num - 1; depth >= 0; depth--) {
            CertificateFacts certificate = chain.at(depth);
            if (depth != 0 && certificate.selfIssued) {
                continue;
            }
            for (int above = num - 1; above > depth; above--) {
                NameConstraints constraints = chain.at(above).nameConstraints;
                if (constraints == null) {
                    continue;
                }
                Violation violation = check(certificate, constraints);
                if (violation == null && depth == 0 && !hasDnsAltName(certificate)) {
                    violation = checkCommonNames(certificate, constraints);
                }
                if (violation != null) {
                    context.report(depth, certificate, violation.error(), violation.name()
                            + " is outside the names " + chain.at(above).subjectText() + " may certify");
                }
            }
        }
    }

    private record Violation(VerifyError error, String name) {
    }

    private static Violation check(CertificateFacts certificate, NameConstraints constraints) {
        X500Name subject = X500Name.getInstance(certificate.subject.getEncoded());
        if (subject.getRDNs().length > 0) {
            VerifyError error = NameConstraintMatcher.check(new GeneralName(subject), constraints);
            if (error != null) {
                return new Violation(error, "the subject " + certificate.subjectText());
            }
            for (ASN1Encodable email : attributeValues(subject, PKCSObjectIdentifiers.pkcs_9_at_emailAddress.getId())) {
                if (!(email instanceof DERIA5String ia5)) {
                    return new Violation(VerifyError.UNSUPPORTED_NAME_SYNTAX, "the subject e-mail address " + email);
                }
                error = NameConstraintMatcher.check(new GeneralName(GeneralName.rfc822Name, ia5), constraints);
                if (error != null) {
                    return new Violation(error, "the subject e-mail address " + ia5.getString());
                }
            }
        }
        for (GeneralName name : certificate.altNames()) {
            VerifyError error = NameConstraintMatcher.check(name, constraints);
            if (error != null) {
                return new Violation(error, "the subjectAltName " + name);
            }
        }
        return null;
    }

    private static Violation checkCommonNames(CertificateFacts certificate, NameConstraints constraints) {
        X500Name subject = X500Name.getInstance(certificate.subject.getEncoded());
        for (ASN1Encodable value : attributeValues(subject, BCStyle.CN.getId())) {
            if (!(value instanceof ASN1String string)) {
                continue;
            }
            String dnsName = NameConstraintMatcher.commonNameAsDnsName(string.getString());
            if (dnsName == null || dnsName.isEmpty()) {
                continue;
            }
            VerifyError error = NameConstraintMatcher.check(new GeneralName(GeneralName.dNSName, dnsName), constraints);
            if (error != null) {
                return new Violation(error, "the CN " + dnsName + " (a host name, and no DNS subjectAltName)");
            }
        }
        return null;
    }

    private static boolean hasDnsAltName(CertificateFacts certificate) {
        return certificate.altNames().stream().anyMatch(name -> name.getTagNo() == GeneralName.dNSName);
    }

    private static List<ASN1Encodable> attributeValues(X500Name name, String oid) {
        List<ASN1Encodable> values = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                if (value.getType().getId().equals(oid)) {
                    values.add(value.getValue());
                }
            }
        }
        return values;
    }
}
