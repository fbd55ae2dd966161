package rdpcheck.probes.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.tls.TlsClientProtocol;

/**
 * An established TLS session over a probe {@link rdpcheck.probes.net.Connection}: what was
 * negotiated, the server's certificate chain as sent, and the application-data streams (CredSSP
 * runs inside them). Closing sends close_notify; the connection itself stays the caller's to close.
 */
public final class TlsSession implements AutoCloseable {

    private final TlsClientProtocol protocol;
    private final TlsVersion version;
    private final int cipherSuite;
    private final List<byte[]> chain;
    private final double handshakeMillis;
    private final long handshakeBytes;

    TlsSession(TlsClientProtocol protocol, TlsVersion version, int cipherSuite, List<byte[]> chain,
               double handshakeMillis, long handshakeBytes) {
        this.protocol = protocol;
        this.version = version;
        this.cipherSuite = cipherSuite;
        this.chain = chain;
        this.handshakeMillis = handshakeMillis;
        this.handshakeBytes = handshakeBytes;
    }

    public TlsVersion version() {
        return version;
    }

    /** The IANA code of the negotiated suite. */
    public int cipherSuite() {
        return cipherSuite;
    }

    /** The IANA name, e.g. {@code TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}. */
    public String cipherSuiteName() {
        return CipherSuites.name(cipherSuite);
    }

    /** The certificates as the server sent them, leaf first, DER; never trusted, never empty after a handshake. */
    public List<byte[]> chain() {
        List<byte[]> copy = new ArrayList<>(chain.size());
        chain.forEach(der -> copy.add(der.clone()));
        return copy;
    }

    /** The leaf (server) certificate, DER. */
    public byte[] serverCertificate() {
        return chain.get(0).clone();
    }

    /**
     * The contents of the leaf's subjectPublicKey BIT STRING (for RSA the DER RSAPublicKey): what
     * CredSSP binds its pubKeyAuth to (MS-CSSP 3.1.5).
     */
    public byte[] subjectPublicKey() {
        return Certificate.getInstance(chain.get(0)).getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
    }

    /** The leaf's whole SubjectPublicKeyInfo, DER. */
    public byte[] subjectPublicKeyInfo() {
        try {
            return Certificate.getInstance(chain.get(0)).getSubjectPublicKeyInfo().getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("a parsed certificate re-encodes", e);
        }
    }

    /** From the ClientHello to the server's Finished. */
    public double handshakeMillis() {
        return handshakeMillis;
    }

    /** Bytes the server sent during the handshake. */
    public long handshakeBytes() {
        return handshakeBytes;
    }

    /** Decrypted application data from the server; bounded by the connection's limits. */
    public InputStream input() {
        return protocol.getInputStream();
    }

    /** Application data to the server, encrypted. */
    public OutputStream output() {
        return protocol.getOutputStream();
    }

    /** Sends close_notify, best effort; does not wait for the server's. */
    @Override
    public void close() {
        try {
            protocol.close();
        } catch (IOException | RuntimeException e) {
            // the server may already be gone; the connection is closed by its owner either way
        }
    }
}
