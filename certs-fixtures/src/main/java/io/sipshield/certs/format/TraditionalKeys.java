package io.sipshield.certs.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * OpenSSL's traditional key forms: PKCS#1 {@code RSAPrivateKey} ("RSA PRIVATE KEY") and SEC1
 * {@code ECPrivateKey} with the curve inside ("EC PRIVATE KEY"), to and from PKCS#8.
 */
final class TraditionalKeys {

    static final String RSA_TYPE = "RSA PRIVATE KEY";
    static final String EC_TYPE = "EC PRIVATE KEY";

    /** A key in traditional form: its PEM type and DER body. */
    record Traditional(String pemType, byte[] der) {
    }

    private TraditionalKeys() {
    }

    static boolean isTraditionalType(String pemType) {
        return RSA_TYPE.equals(pemType) || EC_TYPE.equals(pemType);
    }

    /** The key's traditional form; SEC1 keys carry their named curve so OpenSSL can read them alone. */
    static Traditional encode(PrivateKey key) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        try {
            if (PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                return new Traditional(RSA_TYPE, info.parsePrivateKey().toASN1Primitive().getEncoded());
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                ECPrivateKey pkcs8Form = ECPrivateKey.getInstance(info.parsePrivateKey());
                ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
                int orderBits = ((ECKey) key).getParams().getOrder().bitLength();
                ECPrivateKey withCurve = new ECPrivateKey(orderBits, pkcs8Form.getKey(), pkcs8Form.getPublicKey(), curve);
                return new Traditional(EC_TYPE, withCurve.getEncoded());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the " + key.getAlgorithm() + " key", e);
        }
        throw new IllegalArgumentException(key.getAlgorithm()
                + " keys have no traditional OpenSSL form; write them as PKCS#8");
    }

    /** PKCS#8 for a traditional key; throws IllegalArgumentException when the DER is not of that shape. */
    static PrivateKeyInfo decode(String pemType, byte[] der) throws IOException {
        ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
        if (RSA_TYPE.equals(pemType)) {
            RSAPrivateKey rsa = RSAPrivateKey.getInstance(primitive);
            return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), rsa);
        }
        ECPrivateKey ec = ECPrivateKey.getInstance(primitive);
        ASN1Object curve = ec.getParametersObject();
        if (curve == null) {
            throw new IllegalArgumentException("the EC key names no curve (SEC1 parameters are missing)");
        }
        return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), ec);
    }
}
