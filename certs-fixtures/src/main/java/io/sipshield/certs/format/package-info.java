/**
 * Certificate files as devices and PBXs use them, read and written.
 *
 * <ul>
 *   <li>{@link io.sipshield.certs.format.CertificateFiles#read} detects the format from the content and
 *       returns a {@link io.sipshield.certs.format.CertificateFileContents}: PEM (certificates, one private
 *       key in any {@link io.sipshield.certs.format.PrivateKeyEncoding}, CRLs, PKCS7), DER certificate, CRL or
 *       key, PKCS#7 bundles, PKCS#12 key stores.</li>
 *   <li>Writers: {@link io.sipshield.certs.format.PemFiles}, {@link io.sipshield.certs.format.DerFiles},
 *       {@link io.sipshield.certs.format.Pkcs7Files}, {@link io.sipshield.certs.format.Pkcs12Writer}.</li>
 *   <li>Layouts, written and checked on read: {@link io.sipshield.certs.format.ChainFile} (leaf to root),
 *       {@link io.sipshield.certs.format.CombinedPem} (Algo {@code sipclient.pem}, usecallmanager
 *       {@code mkcert}), {@link io.sipshield.certs.format.MxOneChainFile} ({@code eri_sn_cert.pem}),
 *       {@link io.sipshield.certs.format.AsteriskTlsFiles} ({@code cert_file}, {@code priv_key_file},
 *       {@code ca_list_file}).</li>
 *   <li>{@link io.sipshield.certs.format.CertificateFileReport}: any of it in human form
 *       ({@code sipshield certs show}).</li>
 * </ul>
 *
 * A file that cannot be used throws {@link io.sipshield.certs.format.CertificateFileException}, naming
 * the file, the block ("PEM block 2 (CERTIFICATE)", "PKCS#12 MAC", "DER at byte 0") and the fault.
 * Private keys are test keys generated at run time; nothing here prints key material.
 */
package io.sipshield.certs.format;
