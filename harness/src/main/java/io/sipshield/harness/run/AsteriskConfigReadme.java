package io.sipshield.harness.run;

import io.sipshield.harness.scenario.Endpoint;
import io.sipshield.harness.scenario.MockServer;
import io.sipshield.harness.scenario.PhoneSpec;
import io.sipshield.harness.scenario.Scenario;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The README.txt of an {@link AsteriskConfigExport}: what to copy where on the Asterisk host, what the
 * Asterisk build needs, and the {@code sipshield run --target} line that plays the scenario against it.
 */
final class AsteriskConfigReadme {

    private final Scenario scenario;
    private final AsteriskConfigExport.Exported exported;
    private final String prefix;

    AsteriskConfigReadme(Scenario scenario, AsteriskConfigExport.Exported exported, String prefix) {
        this.scenario = scenario;
        this.exported = exported;
        this.prefix = prefix;
    }

    String text() {
        Path dir = exported.directory();
        StringBuilder b = new StringBuilder();
        b.append("Asterisk configuration for ").append(scenario.id()).append('\n')
                .append("written by: sipshield asterisk-config (the same pjsip.conf and extensions.conf the mock runs)\n\n");
        b.append("Files\n")
                .append("  pjsip.conf, extensions.conf  copy to /etc/asterisk/ (they replace the files of those names)\n")
                .append("  keys/                        copy to ").append(prefix)
                .append(" (pjsip.conf names them there); *.key are private keys,\n")
                .append("                               mode 0600, owned by the user Asterisk runs as\n");
        for (Path trust : exported.trustFiles()) {
            b.append("  keys/").append(trust.getFileName())
                    .append("  the CA of the server certificate: the phones must trust it\n");
        }
        b.append("\nOn the Asterisk host\n")
                .append("  cp pjsip.conf extensions.conf /etc/asterisk/\n")
                .append("  mkdir -p ").append(prefix).append(" && cp keys/* ").append(prefix).append("/ && chown asterisk: ")
                .append(prefix).append("/*.key\n")
                .append("  asterisk -rx 'core restart now'   (a changed TLS transport needs a restart, not a reload)\n")
                .append("  The build needs res_pjsip with TLS (OpenSSL) and, for media_encryption=sdes, res_srtp (libsrtp).\n")
                .append("  RTP uses UDP ports from rtp.conf (rtpstart-rtpend): open them between the phones and Asterisk.\n");
        b.append("\nRun the scenario against it\n")
                .append("  sipshield run ").append(scenario.file()).append(" --target HOST:").append(exported.port());
        if (!exported.trustFiles().isEmpty()) {
            b.append(" --trust ").append(dir.resolve(AsteriskConfigExport.KEYS)
                    .resolve(exported.trustFiles().get(0).getFileName()));
        }
        b.append('\n');
        if (scenario.caseName() != null) {
            b.append("  (this directory is the case '").append(scenario.caseName())
                    .append("' of the file's table of cases; the run plays every case against the target)\n");
        }
        b.append("  HOST is the Asterisk host; the phones keep the scenario's accounts: ")
                .append(accounts()).append('\n')
                .append("  expect.server (the mock's registrar and pjsip show) is not observable against a real server.\n")
                .append("  The phones' own client certificates come from the run's fixtures, not from keys/: a scenario\n")
                .append("  that verifies client certificates (ca_list_file) needs the same CA on both sides.\n");
        if (!exported.warnings().isEmpty()) {
            b.append("\nWhat the mock does differently from Asterisk with this configuration\n");
            exported.warnings().forEach(w -> b.append("  ").append(w).append('\n'));
        }
        return b.toString();
    }

    private String accounts() {
        String phones = scenario.setup().phones().stream().map(PhoneSpec::user).distinct()
                .collect(Collectors.joining(", "));
        if (scenario.setup().server() instanceof MockServer mock && !mock.endpoints().isEmpty()) {
            return mock.endpoints().stream().map(Endpoint::id).collect(Collectors.joining(", ")) + " (endpoints)";
        }
        return phones.isEmpty() ? "(none)" : phones + " (phone users)";
    }
}
