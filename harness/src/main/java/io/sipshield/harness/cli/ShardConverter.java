package io.sipshield.harness.cli;

import io.sipshield.harness.run.Shard;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --shard I/N}; a bad value is a usage error (exit 2) naming the expected form. */
public final class ShardConverter implements ITypeConverter<Shard> {

    @Override
    public Shard convert(String value) {
        try {
            return Shard.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
