package io.sipshield.harness.mock;

import java.util.List;
import java.util.Objects;

/**
 * One endpoint of {@code pjsip show endpoints} / {@code pjsip show endpoint <id>}
 * (res_pjsip/pjsip_configuration.c {@code cli_endpoint_print_body} and the details it lists).
 *
 * @param id              the endpoint's name
 * @param state           its device state (Unavailable, Not in use, In use, Busy)
 * @param channels        how many channels (call legs) it has open
 * @param auth            its inbound auth's name; the mock keeps no auth section name, so it is the endpoint id
 *                        (which is also the auth's user name) where Asterisk would print e.g. {@code 101-auth}
 * @param aors            its AORs' names
 * @param contacts        the live contacts of those AORs with qualify status and RTT
 * @param transport       the transport it uses: the mock's one TLS transport ([GUESS] Asterisk prints a Transport
 *                        row only for an endpoint with {@code transport=} set; the mock always shows it)
 * @param mediaEncryption {@code media_encryption} as pjsip.conf spells it ({@code no}, {@code sdes})
 * @param allow           {@code allow}, codec names as pjsip.conf spells them ({@code ulaw}, {@code alaw}), in order
 * @param maxContacts     its AOR's {@code max_contacts}
 */
public record EndpointView(String id, EndpointState state, int channels, String auth, List<String> aors,
                           List<ContactView> contacts, String transport, String mediaEncryption, List<String> allow,
                           int maxContacts) {

    public EndpointView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(auth, "auth");
        aors = List.copyOf(aors);
        contacts = List.copyOf(contacts);
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(mediaEncryption, "mediaEncryption");
        allow = List.copyOf(allow);
    }
}
