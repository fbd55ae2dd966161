package rdpcheck.probes.gateway;

import rdpcheck.probes.cert.CertificateResult;

/**
 * The RD Gateway's certificate, judged as the RDP listener's is (validity, names, key, chain), and
 * kept apart from it: clients treat the two differently. mstsc lets a user accept an untrusted host
 * certificate; it does not connect through a gateway whose certificate it cannot trust.
 *
 * @param gateway     {@code gw.corp:443}
 * @param certificate the analysis against the gateway's name as typed
 */
public record GatewayCertificate(String gateway, CertificateResult certificate) {
}
