package io.sipshield.emulator.fault;

/**
 * The server writes every SIP message it sends in TLS records of at most {@code recordBytes} bytes of
 * plaintext (1: a record per byte). A phone that assumes one message per record breaks.
 *
 * @param recordBytes the largest plaintext per record (at least 1)
 */
public record TinyRecords(int recordBytes) implements ServerFault {

    /** The name in scenario files. */
    public static final String NAME = "tiny-records";

    public TinyRecords {
        Checks.positive(NAME, "record-bytes", recordBytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "server writes TLS records of at most " + recordBytes + (recordBytes == 1 ? " byte" : " bytes");
    }
}
