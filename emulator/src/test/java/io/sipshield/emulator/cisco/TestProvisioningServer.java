package io.sipshield.emulator.cisco;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.sipshield.certs.IssuedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A provisioning server for the client tests on 127.0.0.1, port 0: HTTP (com.sun.net.httpserver)
 * and TFTP over one in-memory file map, and optionally HTTPS with a given certificate over a second
 * map (usecallmanager serves the plain configuration there).
 */
final class TestProvisioningServer implements AutoCloseable {

    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final Map<String, byte[]> httpsFiles = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer http;
    private HttpsServer https;
    final TftpTestServer tftp;

    TestProvisioningServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> serve(exchange, files, "HTTP"));
        http.start();
        tftp = new TftpTestServer(files);
    }

    /** Starts HTTPS with this certificate and key. */
    TestProvisioningServer withHttps(IssuedCertificate certificate) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", certificate.privateKey(), new char[0], new Certificate[] {certificate.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        https.createContext("/", exchange -> serve(exchange, httpsFiles, "HTTPS"));
        https.start();
        return this;
    }

    private void serve(HttpExchange exchange, Map<String, byte[]> from, String transport) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(1);
        requests.add(transport + " " + name);
        byte[] body = from.get(name);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    int httpPort() {
        return http.getAddress().getPort();
    }

    int httpsPort() {
        return https.getAddress().getPort();
    }

    /** "HTTP name" / "HTTPS name" in arrival order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        http.stop(0);
        if (https != null) {
            https.stop(0);
        }
        tftp.close();
    }
}
