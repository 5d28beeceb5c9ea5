package io.sipshield.harness.junit;

import io.sipshield.harness.junit.internal.StartStopExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link io.sipshield.harness.mock.MockAsterisk} field before tests and closes it after:
 * a static field once per class, an instance field once per test.
 *
 * <pre>{@code
 * @StartStop
 * final MockAsterisk pbx = MockAsterisk.builder().certificate(cert).port(0)
 *         .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES)).build();
 * }</pre>
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StartStopExtension.class)
public @interface StartStop {
}
