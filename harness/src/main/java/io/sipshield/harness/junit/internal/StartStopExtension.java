package io.sipshield.harness.junit.internal;

import io.sipshield.harness.junit.StartStop;
import io.sipshield.harness.mock.MockAsterisk;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The JUnit 5 side of {@link StartStop}: starts the annotated mocks; JUnit closes them with the store they are kept in (they are AutoCloseable). */
public final class StartStopExtension implements BeforeAllCallback, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StartStopExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        start(context, context.getRequiredTestClass(), null);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        start(context, context.getRequiredTestClass(), context.getRequiredTestInstance());
    }

    /** Starts the static fields when {@code instance} is null, else the instance fields. */
    private static void start(ExtensionContext context, Class<?> type, Object instance) throws IllegalAccessException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!field.isAnnotationPresent(StartStop.class) || Modifier.isStatic(field.getModifiers()) != (instance == null)) {
                    continue;
                }
                if (!MockAsterisk.class.isAssignableFrom(field.getType())) {
                    throw new ExtensionConfigurationException("@StartStop field " + c.getSimpleName() + "." + field.getName()
                            + " is a " + field.getType().getSimpleName() + "; it must be a MockAsterisk");
                }
                field.setAccessible(true);
                MockAsterisk mock = (MockAsterisk) field.get(instance);
                if (mock == null) {
                    throw new ExtensionConfigurationException("@StartStop field " + c.getSimpleName() + "." + field.getName()
                            + " is null; initialise it with MockAsterisk.builder()...build()");
                }
                String key = c.getName() + "." + field.getName();
                if (context.getStore(NAMESPACE).get(key) == null) {
                    mock.start();
                    context.getStore(NAMESPACE).put(key, mock);
                }
            }
        }
    }
}
