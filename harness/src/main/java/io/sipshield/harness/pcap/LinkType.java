package io.sipshield.harness.pcap;

import java.util.Optional;

/** The link-layer headers a capture can start its packets with (tcpdump.org LINKTYPE_ values) that sipshield reads. */
public enum LinkType {
    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    NULL(0, "BSD loopback"),
    /** Ethernet II, with or without 802.1Q / 802.1ad VLAN tags. */
    ETHERNET(1, "Ethernet"),
    /** Raw IPv4 or IPv6, no link header. */
    RAW(101, "raw IP"),
    /** OpenBSD loopback: a 4-byte address family in network byte order. */
    LOOP(108, "OpenBSD loopback"),
    /** Linux "cooked" capture v1 (tcpdump -i any): 16-byte header. */
    LINUX_SLL(113, "Linux cooked v1"),
    /** Raw IPv4. */
    IPV4(228, "raw IPv4"),
    /** Raw IPv6. */
    IPV6(229, "raw IPv6"),
    /** Linux "cooked" capture v2: 20-byte header. */
    LINUX_SLL2(276, "Linux cooked v2");

    private final int value;
    private final String description;

    LinkType(int value, String description) {
        this.value = value;
        this.description = description;
    }

    /** The LINKTYPE_ number in capture files. */
    public int value() {
        return value;
    }

    public String description() {
        return description;
    }

    /** The link type with this number, if sipshield reads it. */
    public static Optional<LinkType> of(int value) {
        for (LinkType type : values()) {
            if (type.value == value) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
