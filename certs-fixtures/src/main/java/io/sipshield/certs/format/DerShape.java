package io.sipshield.certs.format;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTCTime;

/** What a DER structure is, judged from its outline alone (before any full parse). */
enum DerShape {
    CERTIFICATE("an X.509 certificate"),
    CRL("an X.509 CRL"),
    PKCS7("a PKCS#7 ContentInfo"),
    PKCS12("a PKCS#12 PFX"),
    PKCS8("a PKCS#8 private key"),
    ENCRYPTED_PKCS8("an encrypted PKCS#8 private key"),
    RSA_PRIVATE_KEY("a PKCS#1 RSA private key"),
    EC_PRIVATE_KEY("a SEC1 EC private key"),
    UNKNOWN("an unknown structure");

    private final String description;

    DerShape(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    static DerShape of(ASN1Primitive primitive) {
        if (!(primitive instanceof ASN1Sequence sequence) || sequence.size() < 2) {
            return UNKNOWN;
        }
        ASN1Encodable first = sequence.getObjectAt(0);
        ASN1Encodable second = sequence.getObjectAt(1);
        if (first instanceof ASN1ObjectIdentifier) {
            return PKCS7;
        }
        if (first instanceof ASN1Integer version && second instanceof ASN1OctetString && version.hasValue(1)) {
            return EC_PRIVATE_KEY;
        }
        if (first instanceof ASN1Integer version && version.hasValue(0) && sequence.size() == 9 && allIntegers(sequence)) {
            return RSA_PRIVATE_KEY;
        }
        if (first instanceof ASN1Integer version && second instanceof ASN1Sequence) {
            if (version.hasValue(3)) {
                return PKCS12;
            }
            if (sequence.size() >= 3 && sequence.getObjectAt(2) instanceof ASN1OctetString) {
                return PKCS8;
            }
            return UNKNOWN;
        }
        if (first instanceof ASN1Sequence toBeSigned && second instanceof ASN1Sequence) {
            if (sequence.size() == 3 && sequence.getObjectAt(2) instanceof ASN1BitString) {
                return signedShape(toBeSigned);
            }
        }
        if (first instanceof ASN1Sequence && second instanceof ASN1OctetString && sequence.size() == 2) {
            return ENCRYPTED_PKCS8;
        }
        return UNKNOWN;
    }

    private static boolean allIntegers(ASN1Sequence sequence) {
        for (ASN1Encodable element : sequence) {
            if (!(element instanceof ASN1Integer)) {
                return false;
            }
        }
        return true;
    }

    /** A certificate's TBS starts with [0] version or (v1) serial then validity; a CRL's has a time where the validity would be. */
    private static DerShape signedShape(ASN1Sequence toBeSigned) {
        if (toBeSigned.size() == 0) {
            return UNKNOWN;
        }
        ASN1Encodable first = toBeSigned.getObjectAt(0);
        if (first instanceof ASN1TaggedObject) {
            return CERTIFICATE;
        }
        if (first instanceof ASN1Sequence) {
            return CRL;
        }
        if (first instanceof ASN1Integer && toBeSigned.size() > 3) {
            ASN1Encodable fourth = toBeSigned.getObjectAt(3);
            if (fourth instanceof ASN1UTCTime || fourth instanceof ASN1GeneralizedTime) {
                return CRL;
            }
            if (fourth instanceof ASN1Sequence) {
                return CERTIFICATE;
            }
        }
        return UNKNOWN;
    }
}
