package io.sipshield.certs;

/** One catalog for the fixture tests of this package, so the keys are generated once per test JVM. */
final class SharedCatalog {

    static final FixtureCatalog CATALOG = FixtureCatalog.create();

    private SharedCatalog() {
    }
}
