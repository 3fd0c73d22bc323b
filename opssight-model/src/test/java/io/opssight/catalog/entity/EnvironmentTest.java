package io.opssight.catalog.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("#2 Environment: which names count as production when the source does not say")
class EnvironmentTest {

    @ParameterizedTest(name = "#2 ''{0}'' looks like production")
    @ValueSource(strings = {"production", "prod", "live", "prod-eu", "production-eu", "prod_us", "prod.eu-west-1",
        "eu-prod", "eu_production", "us-east.live", "k8s/prod", "PRODUCTION", "Prod-EU"})
    @DisplayName("#2 production names, alone or with a region before or after")
    void productionNames(String name) {
        assertTrue(Environment.looksLikeProduction(name));
    }

    @ParameterizedTest(name = "#2 ''{0}'' does not look like production")
    @NullAndEmptySource
    @ValueSource(strings = {"staging", "dev", "test", "qa", "sandbox", "product-demo", "products", "productive",
        "preprod", "reproduction", "delivery", "liveness", "prodigy-staging", "staging-products",
        "non-prod", "pre-prod", "pre-production", "pre-live", "not-live", "prod-test", "qa-prod"})
    @DisplayName("#2 other names, including ones that merely contain 'prod' or 'live'")
    void otherNames(String name) {
        assertFalse(Environment.looksLikeProduction(name));
    }

    @Test
    @DisplayName("#2 an explicit production flag from the source wins over the name")
    void explicitFlagWins() {
        Environment staging = new Environment("staging-" + System.nanoTime(), false);

        staging.markProduction();

        assertTrue(staging.isProduction());
    }
}
