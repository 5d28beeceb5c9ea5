package io.sipshield.emulator.config;

import io.sipshield.emulator.profile.SrtpPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the DPMA settings of seeds 001/002 from an Asterisk {@code res_digium_phone.conf}: the phone's
 * primary line and its network, as DPMA hands them to a D-Series phone with the old-style key-value
 * pairs. Seeds 001/002 describe:
 *
 * <pre>
 * [general]        mdns_address=pbx.sip.test  mdns_port=5061  mdns_transport=tls
 * [tls-network]    type=network  registration_address=pbx.sip.test  registration_port=5061  transport=tls
 * [101]            type=line  media_encryption=sdes  line_label=Fancy Pants  (transport=tls overrides the network's)
 * </pre>
 *
 * One option per line ({@code key=value} or {@code key => value}, {@code ;} comments), as Asterisk
 * writes its files. The phone is the {@code type=phone} section named in the options, else the first
 * one; its first {@code line=} is the primary line and its {@code network=} (or [GUESS]
 * {@code networks=}) the network. Without a phone section the file must hold exactly one line.
 * Without a network the [general] mDNS address, port and transport stand in (seeds 001/002: the
 * broadcast is the other place TLS is set up).
 *
 * <ul>
 *   <li>Server: the network's {@code registration_address} and {@code registration_port} (5061 when absent).</li>
 *   <li>Transport: the line's {@code transport}, else the network's; it must be {@code tls}.</li>
 *   <li>SRTP: the line's {@code media_encryption=sdes} gives {@link SrtpPolicy#DIGIUM}, otherwise
 *       {@link DigiumXmlConfig#NO_SRTP}.</li>
 *   <li>Account: [GUESS] the line's section name is the SIP user (DPMA ties a line to the Asterisk
 *       endpoint of that name); the password lives in Asterisk's auth section, not here, so the
 *       account has an empty password and a warning says so.</li>
 *   <li>Everything else (cidr, alias, file_url_prefix, ntp_server, DSCP, VLAN, globalpin, ...): a warning each.</li>
 * </ul>
 */
public final class DpmaConfig {

    private static final Pattern SECTION = Pattern.compile("\\[([^]]+)](\\(.*\\))?\\s*");
    private static final Pattern OPTION = Pattern.compile("([A-Za-z0-9_.-]+)\\s*=>?\\s*(.*)");

    private final String file;
    private final List<ConfigProblem> warnings = new ArrayList<>();
    private final Map<String, Section> sections = new LinkedHashMap<>();

    private record Option(String value, int line) {
    }

    /** One [section]: its options in file order, and which ones a reader used. */
    private static final class Section {
        final String name;
        final int line;
        final Map<String, List<Option>> options = new LinkedHashMap<>();
        final Set<String> used = new HashSet<>();

        Section(String name, int line) {
            this.name = name;
            this.line = line;
        }

        Optional<Option> first(String key) {
            used.add(key);
            List<Option> values = options.get(key);
            return values == null ? Optional.empty() : Optional.of(values.get(0));
        }

        String type() {
            return first("type").map(Option::value).orElse("");
        }
    }

    private DpmaConfig(Path path) {
        this.file = path.toString();
    }

    /** Reads the file; the phone is the first type=phone section (or the only line). */
    public static PhoneConfiguration read(Path file) throws ConfigurationFileException {
        return read(file, Optional.empty());
    }

    /** Reads the file; the phone is the type=phone section {@code phone} when given. */
    public static PhoneConfiguration read(Path file, Optional<String> phone) throws ConfigurationFileException {
        DpmaConfig reader = new DpmaConfig(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationFileException(file.toString(), 0, "file", "expected an existing res_digium_phone.conf");
        } catch (IOException e) {
            throw new ConfigurationFileException(file.toString(), 0, "file", "expected a readable UTF-8 file: " + e.getMessage(), e);
        }
        reader.parse(lines);
        return reader.result(phone);
    }

    private void parse(List<String> lines) throws ConfigurationFileException {
        Section current = null;
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String text = stripComment(lines.get(i)).strip();
            if (text.isEmpty()) {
                continue;
            }
            Matcher section = SECTION.matcher(text);
            if (section.matches()) {
                if (section.group(2) != null) {
                    throw new ConfigurationFileException(file, number, "[" + section.group(1) + "]",
                            "expected a plain [section]: templates " + section.group(2) + " are not supported");
                }
                current = new Section(section.group(1).strip(), number);
                if (sections.putIfAbsent(current.name, current) != null) {
                    throw new ConfigurationFileException(file, number, "[" + current.name + "]",
                            "expected each section once (first on line " + sections.get(current.name).line + ")");
                }
                continue;
            }
            Matcher option = OPTION.matcher(text);
            if (!option.matches()) {
                throw new ConfigurationFileException(file, number, text.length() > 30 ? text.substring(0, 30) : text,
                        "expected [section] or key=value");
            }
            if (current == null) {
                throw new ConfigurationFileException(file, number, option.group(1),
                        "expected a [section] before the first option");
            }
            current.options.computeIfAbsent(option.group(1).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(new Option(option.group(2).strip(), number));
        }
    }

    private static String stripComment(String line) {
        int semicolon = line.indexOf(';');
        return semicolon < 0 ? line : line.substring(0, semicolon);
    }

    private PhoneConfiguration result(Optional<String> phoneName) throws ConfigurationFileException {
        Section general = sections.get("general");
        Section phone = choosePhone(phoneName);
        Section line = primaryLine(phone);
        Section network = network(phone);

        Option transport = line.first("transport")
                .or(() -> network == null ? Optional.empty() : network.first("transport"))
                .or(() -> general == null ? Optional.empty() : general.first("mdns_transport"))
                .orElseThrow(() -> new ConfigurationFileException(file, line.line, "[" + line.name + "] transport",
                        "expected transport=tls on the line or on its network"));
        ConfigValues.requireTls(file, transport.line(), "transport", transport.value());

        Section addressSection = network != null && network.first("registration_address").isPresent() ? network : general;
        String addressKey = addressSection == network ? "registration_address" : "mdns_address";
        Option host = addressSection == null ? null : addressSection.first(addressKey).orElse(null);
        if (host == null || host.value().isBlank()) {
            throw new ConfigurationFileException(file, network != null ? network.line : line.line, "registration_address",
                    "expected registration_address on the phone's network (or mdns_address in [general])");
        }
        String portKey = addressSection == network ? "registration_port" : "mdns_port";
        Optional<Option> portOption = addressSection.first(portKey);
        int port = portOption.isPresent() ? ConfigValues.port(file, portOption.get().line(), portKey, portOption.get().value()) : 5061;
        if (general != null && general != addressSection) {
            general.first("mdns_address");
            general.first("mdns_port");
        }
        if (general != null) {
            general.first("mdns_transport").ifPresent(mdns -> {
                if (!mdns.value().equalsIgnoreCase("tls")) {
                    warnings.add(ConfigProblem.warning(file, mdns.line(), "mdns_transport", "'" + mdns.value()
                            + "': phones discovering DPMA by mDNS are told a non-TLS transport (seeds 001/002)"));
                }
            });
        }

        ProfileChoice.Builder profile = new ProfileChoice.Builder();
        Optional<Option> encryption = line.first("media_encryption");
        String mode = encryption.map(o -> o.value().toLowerCase(Locale.ROOT)).orElse("no");
        switch (mode) {
            case "sdes" -> profile.srtp(null, SrtpPolicy.DIGIUM);
            case "no", "none", "" -> profile.srtp(DigiumXmlConfig.NO_SRTP_SUFFIX, DigiumXmlConfig.NO_SRTP);
            default -> throw new ConfigurationFileException(file, encryption.get().line(), "media_encryption",
                    "expected sdes or no, got '" + encryption.get().value() + "'");
        }
        String label = line.first("line_label").map(Option::value).orElse("");
        warnings.add(ConfigProblem.warning(file, line.line, "[" + line.name + "]", "[GUESS] the line name is the SIP user; "
                + "DPMA takes the password from the Asterisk endpoint's auth, so the account has none here"));
        for (Section section : sections.values()) {
            warnUnused(section, section == line || section == network || section == phone || section == general);
        }
        warnings.sort(Comparator.comparingInt(ConfigProblem::line));
        return new PhoneConfiguration(file, PhoneConfiguration.Kind.DIGIUM_DPMA,
                Optional.of(new Account(line.name, line.name, "", label)), host.value(), port, List.of(),
                Optional.empty(), false, profile.build(), warnings);
    }

    private Section choosePhone(Optional<String> phoneName) throws ConfigurationFileException {
        List<Section> phones = sections.values().stream().filter(s -> s.type().equalsIgnoreCase("phone")).toList();
        if (phoneName.isPresent()) {
            return phones.stream().filter(s -> s.name.equals(phoneName.get())).findFirst()
                    .orElseThrow(() -> new ConfigurationFileException(file, 0, "[" + phoneName.get() + "]",
                            "expected a type=phone section [" + phoneName.get() + "], found "
                                    + phones.stream().map(s -> s.name).toList()));
        }
        return phones.isEmpty() ? null : phones.get(0);
    }

    private Section primaryLine(Section phone) throws ConfigurationFileException {
        List<Section> lines = sections.values().stream().filter(s -> s.type().equalsIgnoreCase("line")).toList();
        if (phone == null) {
            if (lines.size() != 1) {
                throw new ConfigurationFileException(file, 0, "type=line", "expected a type=phone section naming its "
                        + "line, or exactly one type=line section, found " + lines.size() + " lines");
            }
            return lines.get(0);
        }
        Option first = phone.first("line").orElseThrow(() -> new ConfigurationFileException(file, phone.line,
                "[" + phone.name + "] line", "expected line=NAME on the phone"));
        Section line = sections.get(first.value());
        if (line == null || !line.type().equalsIgnoreCase("line")) {
            throw new ConfigurationFileException(file, first.line(), "line", "expected a type=line section ["
                    + first.value() + "]");
        }
        List<Option> more = phone.options.getOrDefault("line", List.of());
        more.stream().skip(1).forEach(o -> warnings.add(ConfigProblem.warning(file, o.line(), "line",
                "'" + o.value() + "' not used: the emulator registers the primary line only")));
        return line;
    }

    private Section network(Section phone) throws ConfigurationFileException {
        List<Section> networks = sections.values().stream().filter(s -> s.type().equalsIgnoreCase("network")).toList();
        if (phone != null) {
            Optional<Option> named = phone.first("network").or(() -> phone.first("networks"));
            if (named.isPresent()) {
                String name = named.get().value().split(",")[0].strip();
                Section network = sections.get(name);
                if (network == null || !network.type().equalsIgnoreCase("network")) {
                    throw new ConfigurationFileException(file, named.get().line(), "network",
                            "expected a type=network section [" + name + "]");
                }
                return network;
            }
        }
        if (networks.size() > 1) {
            warnings.add(ConfigProblem.warning(file, networks.get(1).line, "[" + networks.get(1).name + "]",
                    "not used: the phone names no network, the first one [" + networks.get(0).name + "] applies "
                            + "(DPMA matches networks by cidr, which the emulator does not model)"));
        }
        return networks.isEmpty() ? null : networks.get(0);
    }

    private void warnUnused(Section section, boolean inUse) {
        if (!inUse) {
            warnings.add(ConfigProblem.warning(file, section.line, "[" + section.name + "]",
                    "section not used by the emulated phone" + (section.type().isEmpty() ? "" : " (type=" + section.type() + ")")));
            return;
        }
        section.used.add("type");
        for (Map.Entry<String, List<Option>> option : section.options.entrySet()) {
            if (!section.used.contains(option.getKey())) {
                Option first = option.getValue().get(0);
                warnings.add(ConfigProblem.warning(file, first.line(), "[" + section.name + "] " + option.getKey(),
                        UNMODELLED.getOrDefault(option.getKey(), "not modelled")));
            }
        }
    }

    private static final Map<String, String> UNMODELLED = Map.of(
            "alternate_registration_address", "not modelled: the failover host every line also registers with "
                    + "(wiki.asterisk.org \"Digium Phones and Failover\"); the emulator registers with the primary only",
            "alternate_registration_port", "not modelled: the failover host's port; the emulator registers with "
                    + "the primary only",
            "cidr", "not modelled: DPMA picks the network by the phone's address",
            "file_url_prefix", "not modelled: the emulator fetches no files from DPMA",
            "ntp_server", "not modelled: the emulator's clock comes from the test",
            "sip_dscp", "not modelled: no DSCP marking",
            "rtp_dscp", "not modelled: no DSCP marking",
            "network_vlan_discovery_mode", "not modelled: no VLANs");
}
