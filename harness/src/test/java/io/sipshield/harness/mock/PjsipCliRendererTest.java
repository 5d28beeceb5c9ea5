package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The text of {@code pjsip show ...} for known views. The header lines are those a real Asterisk
 * prints (as quoted in Asterisk tutorials' {@code asterisk -rx "pjsip show endpoints"} output); body
 * columns follow res_pjsip's CLI formatters.
 */
class PjsipCliRendererTest {

    private static final String SEPARATOR = "=".repeat(90);
    private static final String HASH = PjsipIntrospection.md5("sip:101@127.0.0.1:40000;transport=tls");

    private final PjsipCliRenderer renderer = new PjsipCliRenderer();

    private static final TransportView TLS = new TransportView("transport-tls", "tls", "127.0.0.1:5061", "tlsv1_2",
            List.of("ECDHE-RSA-AES128-GCM-SHA256"), true, false, "keys/asterisk.pem", "CN=pbx.sip.test");
    private static final ContactView AVAIL = new ContactView("101", "sip:101@127.0.0.1:40000;transport=tls", HASH,
            Registrar.Availability.Avail, 12.3456);
    private static final EndpointView E101 = new EndpointView("101", EndpointState.NOT_IN_USE, 0, "101", List.of("101"),
            List.of(AVAIL), "transport-tls", "sdes", List.of("ulaw", "alaw"), 1);
    private static final EndpointView E102 = new EndpointView("102", EndpointState.UNAVAILABLE, 0, "102", List.of("102"),
            List.of(), "transport-tls", "no", List.of("ulaw"), 1);

    @Test
    void endpointsHaveAsterisksHeaderBlockOneBlockPerEndpointAndTheObjectsFoundFooter() {
        String expected = "\n"
                + " Endpoint:  <Endpoint/CID.....................................>  <State.....>  <Channels.>\n"
                + "    I/OAuth:  <AuthId/UserName...........................................................>\n"
                + "        Aor:  <Aor............................................>  <MaxContact>\n"
                + "      Contact:  <Aor/ContactUri..........................> <Hash....> <Status> <RTT(ms)..>\n"
                + "  Transport:  <TransportId........>  <Type>  <cos>  <tos>  <BindAddress..................>\n"
                + "   Identify:  <Identify/Endpoint.........................................................>\n"
                + "        Match:  <criteria.........................>\n"
                + "    Channel:  <ChannelId......................................>  <State.....>  <Time.....>\n"
                + "        Exten: <DialedExten...........>  CLCID: <ConnectedLineCID.......>\n"
                + SEPARATOR + "\n"
                + "\n"
                + " Endpoint:  101                                                  Not in use    0 of inf\n"
                + "     InAuth:  101/101\n"
                + "        Aor:  101                                                1\n"
                + "      Contact:  101/sip:101@127.0.0.1:40000;transport=tls  " + HASH.substring(0, 10)
                + " Avail         12.346\n"
                + "  Transport:  transport-tls             tls      0      0  127.0.0.1:5061\n"
                + "\n"
                + " Endpoint:  102                                                  Unavailable   0 of inf\n"
                + "     InAuth:  102/102\n"
                + "        Aor:  102                                                1\n"
                + "  Transport:  transport-tls             tls      0      0  127.0.0.1:5061\n"
                + "\n"
                + "\n"
                + "Objects found: 2\n"
                + "\n";
        assertEquals(expected, renderer.endpoints(List.of(E101, E102), List.of(TLS)));
    }

    @Test
    void everyHeaderAndBodyLineKeepsToTheNinetyColumnWidth() {
        for (String line : renderer.endpoints(List.of(E101, E102), List.of(TLS)).split("\n")) {
            assertEquals(true, line.length() <= 90, line);
        }
    }

    @Test
    void contactColumnsLineUpUnderTheirHeadingsAtEveryLevel() {
        ContactView unknown = new ContactView("1001", "sip:1001@127.0.0.1:1;transport=tls", HASH,
                Registrar.Availability.Unknown, null);
        List<String> texts = List.of(renderer.contacts(List.of(AVAIL, unknown)),
                renderer.aors(List.of(new AorView("101", 1, 0, List.of(AVAIL)), new AorView("1001", 1, 0, List.of(unknown)))),
                renderer.endpoints(List.of(E101), List.of(TLS)));
        for (String text : texts) {
            List<String> lines = List.of(text.split("\n"));
            String header = lines.stream().filter(line -> line.contains("<Aor/ContactUri")).findFirst().orElseThrow();
            for (String line : lines.subList(lines.indexOf(SEPARATOR), lines.size())) {
                if (line.strip().startsWith("Contact:")) {
                    assertEquals(header.indexOf("Contact:"), line.indexOf("Contact:"), line);
                    assertEquals(header.indexOf("<Hash"), line.indexOf(HASH.substring(0, 10)), line);
                    assertEquals(header.indexOf("<Status>"), line.indexOf(line.contains("Avail") ? "Avail" : "Unknown"), line);
                    assertEquals(header.length(), line.length(), "RTT right-aligned under <RTT(ms)..>: " + line);
                }
            }
        }
    }

    @Test
    void oneEndpointAddsItsParametersSortedByName() {
        String text = renderer.endpoint("101", Optional.of(E101), List.of(TLS));
        String details = "\n"
                + " ParameterName       : ParameterValue\n"
                + " " + "=".repeat(19 + 14 + 3) + "\n"
                + " allow               : (ulaw|alaw)\n"
                + " aors                : 101\n"
                + " auth                : 101\n"
                + " devicestate_busy_at : 0\n"
                + " media_encryption    : sdes\n"
                + " transport           : transport-tls\n"
                + "\n";
        assertEquals(true, text.endsWith("  Transport:  transport-tls             tls      0      0  127.0.0.1:5061\n"
                + "\n" + details), text);
        assertEquals(false, text.contains("Objects found"), text);
    }

    @Test
    void anUnknownIdIsUnableToFindObject() {
        assertEquals("Unable to find object 999.\n\n", renderer.endpoint("999", Optional.empty(), List.of(TLS)));
        assertEquals("Unable to find object udp.\n\n", renderer.transport("udp", Optional.empty()));
        assertEquals("Unable to find object 999.\n\n", renderer.aor("999", Optional.empty()));
    }

    @Test
    void anEmptyListIsNoObjectsFound() {
        assertEquals("No objects found.\n\n", renderer.contacts(List.of()));
        assertEquals("No objects found.\n\n", renderer.endpoints(List.of(), List.of(TLS)));
    }

    @Test
    void contactsAtTopLevelShowHashStatusAndNanWithoutAnAnswer() {
        ContactView unknown = new ContactView("102", "sip:102@127.0.0.1:40002;transport=tls",
                PjsipIntrospection.md5("sip:102@127.0.0.1:40002;transport=tls"), Registrar.Availability.Unknown, null);
        String expected = "\n"
                + "  Contact:  <Aor/ContactUri..............................> <Hash....> <Status> <RTT(ms)..>\n"
                + SEPARATOR + "\n"
                + "\n"
                + "  Contact:  101/sip:101@127.0.0.1:40000;transport=tls      " + HASH.substring(0, 10)
                + " Avail         12.346\n"
                + "  Contact:  102/sip:102@127.0.0.1:40002;transport=tls      " + unknown.hash().substring(0, 10)
                + " Unknown          nan\n"
                + "\n"
                + "Objects found: 2\n"
                + "\n";
        assertEquals(expected, renderer.contacts(List.of(AVAIL, unknown)));
    }

    @Test
    void aLongContactUriIsCutAtTheHashColumn() {
        String uri = "sip:101@127.0.0.1:40000;transport=tls;x-long-parameter=abcdefghijklmnopqrstuvwxyz";
        ContactView contact = new ContactView("101", uri, PjsipIntrospection.md5(uri), Registrar.Availability.NonQual, null);
        String line = renderer.contacts(List.of(contact)).split("\n")[4];
        assertEquals("  Contact:  101/" + uri.substring(0, 62 - 9 - 9 - 3 + 1) + " " + contact.hash().substring(0, 10)
                + " NonQual          nan", line);
    }

    @Test
    void transportsListIdTypeCosTosAndBindAndOneTransportItsTlsOptions() {
        String list = renderer.transports(List.of(TLS));
        assertEquals("\n"
                + "Transport:  <TransportId........>  <Type>  <cos>  <tos>  <BindAddress....................>\n"
                + SEPARATOR + "\n"
                + "\n"
                + "Transport:  transport-tls             tls      0      0  127.0.0.1:5061\n"
                + "\n"
                + "Objects found: 1\n"
                + "\n", list);
        String one = renderer.transport("transport-tls", Optional.of(TLS));
        assertEquals(true, one.contains(" cipher              : ECDHE-RSA-AES128-GCM-SHA256\n"), one);
        assertEquals(true, one.contains(" method              : tlsv1_2\n"), one);
        assertEquals(true, one.contains(" verify_client       : true\n"), one);
        assertEquals(true, one.contains(" require_client_cert : false\n"), one);
        assertEquals(true, one.contains(" cert_file           : keys/asterisk.pem\n"), one);
    }

    @Test
    void aorsListMaxContactsAndTheirContacts() {
        AorView aor = new AorView("101", 1, 60, List.of(AVAIL));
        String expected = "\n"
                + "      Aor:  <Aor..............................................>  <MaxContact>\n"
                + "    Contact:  <Aor/ContactUri............................> <Hash....> <Status> <RTT(ms)..>\n"
                + SEPARATOR + "\n"
                + "\n"
                + "      Aor:  101                                                  1\n"
                + "    Contact:  101/sip:101@127.0.0.1:40000;transport=tls    " + HASH.substring(0, 10)
                + " Avail         12.346\n"
                + "\n"
                + "\n"
                + "Objects found: 1\n"
                + "\n";
        assertEquals(expected, renderer.aors(List.of(aor)));
        assertEquals(true, renderer.aor("101", Optional.of(aor)).contains(" qualify_frequency : 60\n"));
    }
}
