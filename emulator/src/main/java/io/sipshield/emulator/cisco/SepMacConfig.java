package io.sipshield.emulator.cisco;

import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.config.ConfigProblem;
import io.sipshield.emulator.config.ConfigurationFileException;
import io.sipshield.emulator.config.SafeXmlReader;
import io.sipshield.emulator.config.XmlNode;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A Cisco {@code SEP<MAC>.cnf.xml} as usecallmanager's sepmac-cnf-xml.html describes it (DEVICES.md
 * §A.3), read as it is: what it says, turned into phone settings and a device profile, and every
 * problem with its line.
 *
 * <p>Read: {@code deviceSecurityMode} (1 Insecure, 2 Authenticated, 3 Encrypted),
 * {@code transportLayerProtocol} (1 TCP, 2 UDP, 3 TLS), the call managers of
 * {@code devicePool/callManagerGroup/members/member[@priority]} ({@code processNodeName},
 * {@code ports/sipPort}, {@code ports/securedSipPort}), {@code vendorConfig/disableTLSCiphers}
 * (codes 1 to 7), {@code certHash}, {@code TLSResumptionTimer}, {@code loadInformation}, the first
 * {@code sipLines/line} (name, authName, authPassword) and {@code sipStack/timerRegisterExpires}.
 *
 * <p>Problems: malformed XML, an unknown value, contradictions (TLS transport with security mode 1,
 * a secure mode without TLS) are errors naming the element; stray text beside elements (real
 * templates carry {@code --CHANGE ME!} after tags), settings the emulator does not model and
 * doubtful values are warnings. Nothing is dropped silently.
 *
 * <pre>{@code
 * SepMacConfig config = SepMacConfig.read(Path.of("cisco/files/SEP0011223344AA.cnf.xml"));
 * config.problems().forEach(System.out::println);          // file:line: warning: element: ...
 * if (!config.hasErrors()) {
 *     PhoneSettings.Builder settings = PhoneSettings.builder();
 *     config.customise(settings);                           // server, port, account, register expiry
 *     DeviceProfile profile = config.profile().orElseThrow(); // cisco-8845@14.2 for mode 3
 * }
 * }</pre>
 *
 * @param file                   the file as named to {@link #read}/{@link #parse}
 * @param deviceSecurityMode     1, 2 or 3, when present and valid
 * @param transportLayerProtocol 1, 2 or 3, when present and valid
 * @param callManagers           the call managers by priority, lowest (primary) first
 * @param disabledCipherSuites   IANA names of the suites {@code disableTLSCiphers} switches off
 * @param certHash               {@code certHash} when non-empty
 * @param tlsResumptionTimer     {@code TLSResumptionTimer}, seconds: how long the phone may resume its TLS
 *                               session ({@link #customise}: {@code TlsResumption.ciscoTimer})
 * @param loadInformation        {@code loadInformation}: the firmware load name
 * @param line                   the first SIP line
 * @param registerExpires        {@code sipStack/timerRegisterExpires}, seconds
 * @param problems               errors and warnings in file order
 */
public record SepMacConfig(String file, OptionalInt deviceSecurityMode, OptionalInt transportLayerProtocol,
                           List<CallManager> callManagers, List<String> disabledCipherSuites, Optional<String> certHash,
                           OptionalInt tlsResumptionTimer, Optional<String> loadInformation, Optional<SipLine> line,
                           OptionalInt registerExpires, List<ConfigProblem> problems) {

    /** sepmac-cnf-xml.html's disableTLSCiphers codes. 5 and 7 read "ECDHE_ECDHE" there: [GUESS] ECDSA is meant. */
    static final Map<Integer, String> TLS_CIPHER_CODES = Map.of(
            1, "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
            2, "TLS_RSA_WITH_AES_128_CBC_SHA",
            3, "TLS_RSA_WITH_AES_256_CBC_SHA",
            4, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            5, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            6, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            7, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    /** processNodeName's documented limit (sepmac-cnf-xml.html). */
    static final int MAX_PROCESS_NODE_NAME = 50;

    /**
     * One call manager of the group.
     *
     * @param priority        the member's priority (0 is the primary)
     * @param processNodeName the Asterisk host name or address
     * @param sipPort         {@code ports/sipPort}
     * @param securedSipPort  {@code ports/securedSipPort}
     * @param line            where the member starts
     */
    public record CallManager(int priority, String processNodeName, OptionalInt sipPort, OptionalInt securedSipPort, int line) {
    }

    /**
     * The first SIP line's account.
     *
     * @param name         the line's user (the SIP user)
     * @param authName     the digest user name
     * @param authPassword the digest password; never printed
     */
    public record SipLine(String name, String authName, String authPassword) {
        @Override
        public String toString() {
            return "SipLine[" + name + ", authName=" + authName + ", authPassword=(" + authPassword.length() + " chars)]";
        }
    }

    public SepMacConfig {
        Objects.requireNonNull(file, "file");
        callManagers = List.copyOf(callManagers);
        disabledCipherSuites = List.copyOf(disabledCipherSuites);
        problems = List.copyOf(problems);
    }

    /**
     * Reads a SEP&lt;MAC&gt;.cnf.xml. Content problems do not throw: they are in {@link #problems()}.
     *
     * @throws IOException when the file cannot be read
     */
    public static SepMacConfig read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** Parses a SEP&lt;MAC&gt;.cnf.xml's bytes; {@code file} names it in problems. */
    public static SepMacConfig parse(String file, byte[] bytes) {
        return new SepMacConfigReader(file).read(bytes);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(ConfigProblem::isError);
    }

    public List<ConfigProblem> errors() {
        return problems.stream().filter(ConfigProblem::isError).toList();
    }

    public List<ConfigProblem> warnings() {
        return problems.stream().filter(problem -> !problem.isError()).toList();
    }

    /** The primary call manager: the lowest priority. */
    public Optional<CallManager> primaryCallManager() {
        return callManagers.stream().min(Comparator.comparingInt(CallManager::priority));
    }

    /** Whether the phone signals over TLS: transportLayerProtocol 3. */
    public boolean usesTls() {
        return transportLayerProtocol.orElse(0) == 3;
    }

    /**
     * Applies what the file decides to a phone's settings: server host ({@code processNodeName} of the
     * primary call manager) and an unresolved server address with {@code securedSipPort} for TLS (else
     * {@code sipPort}), the first line's account ({@code name}, {@code authPassword}) and
     * {@code timerRegisterExpires}. A test harness may override the address afterwards (a mock's port).
     */
    public void customise(PhoneSettings.Builder settings) {
        primaryCallManager().ifPresent(manager -> {
            settings.serverHost(manager.processNodeName());
            OptionalInt port = usesTls() ? manager.securedSipPort() : manager.sipPort();
            port.ifPresent(p -> settings.serverAddress(InetSocketAddress.createUnresolved(manager.processNodeName(), p)));
        });
        line.ifPresent(account -> settings.account(account.name(), account.authPassword()));
        registerExpires.ifPresent(settings::registerExpires);
        // how long a TLS session may be resumed (TlsResumption.ciscoTimer: 0 = never)
        tlsResumptionTimer.ifPresent(seconds -> settings.tlsResumption(
                io.sipshield.emulator.tls.TlsResumption.ciscoTimer(seconds)));
    }

    /** The model {@code loadInformation} points to, 8845 when it points to none. */
    public CiscoModel model() {
        return loadInformation.flatMap(CiscoModel::fromLoadName).orElse(CiscoModel.CP_8845);
    }

    /** {@link #profile(CiscoModel)} for the {@link #model()} the file's firmware name suggests. */
    public Optional<DeviceProfile> profile() {
        return profile(model());
    }

    /**
     * The profile the security mode decides for this model: 3 (Encrypted) gives cisco-8845@14.2 or
     * cisco-7961@9.4, 2 (Authenticated) cisco-8845@14.2+authenticated (no 7961 variant exists);
     * mode 1 and a missing mode give none (the emulator models TLS phones only). Suites switched off by
     * {@code disableTLSCiphers} are removed from the offer and the name says so.
     */
    public Optional<DeviceProfile> profile(CiscoModel model) {
        int mode = deviceSecurityMode.orElse(0);
        Optional<DeviceProfile> base = switch (mode) {
            case 3 -> Optional.of(model == CiscoModel.CP_7961 ? DeviceProfiles.CISCO_7961_9_4 : DeviceProfiles.CISCO_8845_14_2);
            case 2 -> model == CiscoModel.CP_7961 ? Optional.empty() : Optional.of(DeviceProfiles.CISCO_8845_14_2_AUTHENTICATED);
            default -> Optional.empty();
        };
        if (base.isEmpty() || disabledCipherSuites.isEmpty()) {
            return base;
        }
        DeviceProfile profile = base.get();
        List<String> kept = profile.cipherSuites().stream().filter(suite -> !disabledCipherSuites.contains(suite)).toList();
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> codes = new ArrayList<>();
        TLS_CIPHER_CODES.forEach((code, suite) -> {
            if (disabledCipherSuites.contains(suite)) {
                codes.add(code);
            }
        });
        Collections.sort(codes);
        String name = profile.name() + "+disableTLSCiphers=" + String.join(",", codes.stream().map(String::valueOf).toList());
        return Optional.of(new DeviceProfile(name, profile.userAgent(), profile.tlsProtocols(), kept, profile.quirks(),
                profile.source(), profile.srtp()));
    }

    /** Walks the XML tree into a {@link SepMacConfig}, collecting problems. */
    private static final class SepMacConfigReader {
        private final String file;
        private final List<ConfigProblem> problems = new ArrayList<>();
        private final Set<XmlNode> used = Collections.newSetFromMap(new IdentityHashMap<>());

        SepMacConfigReader(String file) {
            this.file = file;
        }

        SepMacConfig read(byte[] bytes) {
            XmlNode root;
            try {
                root = SafeXmlReader.tree(file, bytes, problems);
            } catch (ConfigurationFileException e) {
                error(e.line(), "device", "not well-formed XML: " + e.expected());
                return empty();
            }
            if (!root.name().equals("device")) {
                error(root.line(), root.name(), "the root element is <" + root.name() + ">; a SEP<MAC>.cnf.xml has <device>");
                return empty();
            }
            leaf(root, "deviceProtocol").ifPresent(node -> {
                if (!node.text().equalsIgnoreCase("SIP")) {
                    error(node.line(), "deviceProtocol", "'" + node.text() + "': the emulator models SIP phones only");
                }
            });
            OptionalInt mode = code(root, "deviceSecurityMode", 1, 3, "1 (Insecure), 2 (Authenticated) or 3 (Encrypted)");
            OptionalInt transport = code(root, "transportLayerProtocol", 1, 3, "1 (TCP), 2 (UDP) or 3 (TLS)");
            checkModeAndTransport(root, mode, transport);
            List<CallManager> managers = callManagers(root);
            List<String> disabled = disabledCiphers(root);
            Optional<String> certHash = leaf(root, "certHash").map(XmlNode::text).filter(text -> !text.isEmpty());
            certHash.ifPresent(hash -> warn(root.child("certHash").orElseThrow().line(), "certHash",
                    "'" + hash + "' read but not modelled: the emulator does not use the encrypted-config feature it belongs to"));
            OptionalInt resumption = number(root, "TLSResumptionTimer", 0, Integer.MAX_VALUE);
            Optional<String> load = leaf(root, "loadInformation").map(XmlNode::text).filter(text -> !text.isEmpty());
            load.filter(name -> CiscoModel.fromLoadName(name).isEmpty()).ifPresent(name -> warn(
                    root.child("loadInformation").orElseThrow().line(), "loadInformation", "'" + name + "' names no model the"
                            + " emulator knows (SIP41.* = 7961, sip88xx.*/sip78xx.* = 8845): the 8845 is assumed unless the caller names the model"));
            if (mode.orElse(0) == 2 && load.flatMap(CiscoModel::fromLoadName).orElse(null) == CiscoModel.CP_7961) {
                warn(root.child("deviceSecurityMode").orElseThrow().line(), "deviceSecurityMode",
                        "2 (Authenticated) on a 7961: no profile models a 79x1 with NULL-cipher TLS, so the file chooses none");
            }
            Optional<SipLine> line = sipLine(root);
            OptionalInt expires = root.at("sipProfile", "sipStack").map(stack -> number(stack, "timerRegisterExpires", 1, Integer.MAX_VALUE))
                    .orElse(OptionalInt.empty());
            reportUnmodelled(root);
            problems.sort(Comparator.comparingInt(ConfigProblem::line));
            return new SepMacConfig(file, mode, transport, managers, disabled, certHash, resumption, load, line, expires, problems);
        }

        private SepMacConfig empty() {
            return new SepMacConfig(file, OptionalInt.empty(), OptionalInt.empty(), List.of(), List.of(), Optional.empty(),
                    OptionalInt.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), problems);
        }

        private void checkModeAndTransport(XmlNode root, OptionalInt mode, OptionalInt transport) {
            int security = mode.orElse(1);
            int line = root.child("transportLayerProtocol").map(XmlNode::line).orElse(root.line());
            if (transport.isPresent() && transport.getAsInt() == 3 && security == 1) {
                error(line, "transportLayerProtocol", "3 (TLS) contradicts deviceSecurityMode "
                        + (mode.isPresent() ? "1" : "(absent, so 1)") + " (Insecure): TLS needs deviceSecurityMode 2 or 3 (sepmac-cnf-xml.html)");
            } else if (security >= 2 && transport.orElse(0) != 3) {
                // [GUESS] the docs state only the converse; a secure mode without TLS cannot be what was meant
                error(line, "transportLayerProtocol", (transport.isPresent() ? String.valueOf(transport.getAsInt()) : "(absent)")
                        + " contradicts deviceSecurityMode " + security + ": Authenticated and Encrypted need transportLayerProtocol 3 (TLS)");
            }
            if (transport.isPresent() && transport.getAsInt() == 2) {
                warn(line, "transportLayerProtocol", "2 (UDP): the docs advise 1 or 3 (retransmission problems), and the emulator speaks SIP over TLS only");
            }
            if (security == 1 && mode.isPresent()) {
                warn(root.child("deviceSecurityMode").orElseThrow().line(), "deviceSecurityMode",
                        "1 (Insecure): the emulator models TLS phones only, so the file chooses no device profile");
            }
        }

        private List<CallManager> callManagers(XmlNode root) {
            Optional<XmlNode> members = root.at("devicePool", "callManagerGroup", "members");
            if (members.isEmpty()) {
                warn(root.line(), "callManagerGroup", "no devicePool/callManagerGroup/members: the file names no server");
                return List.of();
            }
            List<CallManager> managers = new ArrayList<>();
            Map<Integer, Integer> priorities = new LinkedHashMap<>();
            for (XmlNode member : members.get().children("member")) {
                String priorityText = member.attributes().getOrDefault("priority", "0");
                int priority;
                try {
                    priority = Integer.parseInt(priorityText.trim());
                } catch (NumberFormatException e) {
                    error(member.line(), "member", "priority '" + priorityText + "': expected 0 to 4");
                    continue;
                }
                if (priority < 0 || priority > 4) {
                    error(member.line(), "member", "priority " + priority + ": expected 0 to 4");
                }
                Integer before = priorities.put(priority, member.line());
                if (before != null) {
                    error(member.line(), "member", "priority " + priority + " is also used by the member on line " + before);
                }
                Optional<XmlNode> manager = member.child("callManager");
                Optional<XmlNode> node = manager.flatMap(m -> leaf(m, "processNodeName"));
                if (node.isEmpty() || node.get().text().isEmpty()) {
                    error(member.line(), "processNodeName", "member priority " + priority + " has no callManager/processNodeName");
                    continue;
                }
                String host = node.get().text();
                if (host.length() > MAX_PROCESS_NODE_NAME) {
                    error(node.get().line(), "processNodeName", host.length() + " characters; at most "
                            + MAX_PROCESS_NODE_NAME + " (sepmac-cnf-xml.html)");
                }
                Optional<XmlNode> ports = manager.flatMap(m -> m.child("ports"));
                OptionalInt sip = ports.map(p -> number(p, "sipPort", 1, 65535)).orElse(OptionalInt.empty());
                OptionalInt secured = ports.map(p -> number(p, "securedSipPort", 1, 65535)).orElse(OptionalInt.empty());
                if (sip.isPresent() && secured.isPresent() && sip.getAsInt() == secured.getAsInt()) {
                    warn(ports.get().child("securedSipPort").orElseThrow().line(), "securedSipPort", "the same port as sipPort ("
                            + sip.getAsInt() + "): one port cannot serve both SIP over TCP and SIP over TLS");
                }
                managers.add(new CallManager(priority, host, sip, secured, member.line()));
            }
            managers.sort(Comparator.comparingInt(CallManager::priority));
            return managers;
        }

        private List<String> disabledCiphers(XmlNode root) {
            Optional<XmlNode> node = root.at("vendorConfig").flatMap(v -> leaf(v, "disableTLSCiphers"));
            if (node.isEmpty() || node.get().text().isEmpty()) {
                return List.of();
            }
            List<String> suites = new ArrayList<>();
            for (String part : node.get().text().split(",")) {
                String code = part.trim();
                try {
                    String suite = TLS_CIPHER_CODES.get(Integer.parseInt(code));
                    if (suite == null) {
                        throw new NumberFormatException();
                    }
                    suites.add(suite);
                } catch (NumberFormatException e) {
                    error(node.get().line(), "disableTLSCiphers", "'" + code + "': expected a comma list of 1 to 7 (sepmac-cnf-xml.html)");
                }
            }
            return suites;
        }

        private Optional<SipLine> sipLine(XmlNode root) {
            Optional<XmlNode> lines = root.at("sipProfile", "sipLines");
            if (lines.isEmpty() || lines.get().children("line").isEmpty()) {
                return Optional.empty();
            }
            XmlNode first = lines.get().children("line").stream()
                    .min(Comparator.comparing(l -> l.attributes().getOrDefault("button", "9999"))).orElseThrow();
            String name = leaf(first, "name").map(XmlNode::text).orElse("");
            String authName = leaf(first, "authName").map(XmlNode::text).orElse(name);
            String password = leaf(first, "authPassword").map(XmlNode::text).orElse("");
            if (name.isEmpty()) {
                error(first.line(), "line", "the first sipLines/line has no <name>");
                return Optional.empty();
            }
            if (!authName.equals(name)) {
                warn(first.line(), "authName", "'" + authName + "' differs from name '" + name
                        + "': the emulator uses one name for the SIP user and the digest user (name)");
            }
            return Optional.of(new SipLine(name, authName, password));
        }

        /** A child leaf, marked as read. */
        private Optional<XmlNode> leaf(XmlNode parent, String name) {
            Optional<XmlNode> node = parent.child(name);
            node.ifPresent(used::add);
            return node;
        }

        private OptionalInt code(XmlNode parent, String name, int min, int max, String expected) {
            Optional<XmlNode> node = leaf(parent, name);
            if (node.isEmpty()) {
                return OptionalInt.empty();
            }
            try {
                int value = Integer.parseInt(node.get().text());
                if (value >= min && value <= max) {
                    return OptionalInt.of(value);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            error(node.get().line(), name, "'" + node.get().text() + "': expected " + expected);
            return OptionalInt.empty();
        }

        private OptionalInt number(XmlNode parent, String name, int min, int max) {
            return code(parent, name, min, max, "a number from " + min + " to " + max);
        }

        /** One warning per top-level section naming the settings the emulator ignores. */
        private void reportUnmodelled(XmlNode root) {
            Map<String, List<XmlNode>> bySection = new LinkedHashMap<>();
            for (XmlNode child : root.children()) {
                List<XmlNode> leaves = new ArrayList<>();
                collectUnused(child, leaves);
                if (!leaves.isEmpty()) {
                    bySection.computeIfAbsent(child.children().isEmpty() ? "device" : child.name(), k -> new ArrayList<>()).addAll(leaves);
                }
            }
            bySection.forEach((section, leaves) -> warn(leaves.get(0).line(), section, leaves.size()
                    + " setting(s) not modelled by the emulator, ignored: "
                    + String.join(", ", leaves.stream().map(XmlNode::name).distinct().toList())));
        }

        private void collectUnused(XmlNode node, List<XmlNode> leaves) {
            if (used.contains(node)) {
                return;
            }
            if (node.children().isEmpty()) {
                leaves.add(node);
            } else {
                node.children().forEach(child -> collectUnused(child, leaves));
            }
        }

        private void error(int line, String element, String message) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, line, element, message));
        }

        private void warn(int line, String element, String message) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.WARNING, file, line, element, message));
        }
    }
}
