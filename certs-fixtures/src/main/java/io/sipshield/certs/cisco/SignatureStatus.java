package io.sipshield.certs.cisco;

/** The outcome of checking a trust list's or signed file's header signature. */
public enum SignatureStatus {
    /** The signature verifies with the signer's public key. */
    VALID,
    /** A signer was found but the signature does not verify: the file was changed, or another key signed it. */
    INVALID,
    /** No certificate to verify with: no SAST (or TFTP) record carries the header's serial number, or none was given. */
    NO_SIGNER,
    /** The header asks for something that cannot be checked: a signature algorithm other than RSA, or a non-RSA signer key. */
    UNSUPPORTED
}
