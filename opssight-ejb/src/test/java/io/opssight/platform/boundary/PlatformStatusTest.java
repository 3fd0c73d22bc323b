package io.opssight.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("#2 PlatformStatus: is the database schema at least the version this instance needs")
class PlatformStatusTest {

    @ParameterizedTest(name = "#2 {0} vs {1} is {2}")
    @CsvSource({
        "1, 1, 0",
        "1, 1.0, 0",
        "1.0.0, 1, 0",
        "2, 1, 1",
        "1, 2, -1",
        "1.10, 1.9, 1",
        "1.9, 1.10, -1",
        "1.2.1, 1.2, 1",
        "1.2, 1.2.1, -1",
        "10, 9, 1",
        "20261120.1, 20261120, 1"
    })
    @DisplayName("#2 versions compare numerically part by part, missing parts being 0")
    void comparesNumerically(String a, String b, int expected) {
        assertEquals(expected, Integer.signum(PlatformStatus.compareVersions(a, b)));
    }

    @ParameterizedTest(name = "#2 {0} vs {1} is antisymmetric")
    @CsvSource({"1.10, 1.9", "3, 2.99", "1.0.1, 1"})
    @DisplayName("#2 swapping the versions swaps the answer")
    void antisymmetric(String a, String b) {
        assertEquals(-Integer.signum(PlatformStatus.compareVersions(a, b)), Integer.signum(PlatformStatus.compareVersions(b, a)));
    }

    @ParameterizedTest(name = "#2 ''{0}'' is not a version")
    @CsvSource({"1.a", "abc"})
    @DisplayName("#2 a non-numeric version is refused rather than compared")
    void nonNumericIsRefused(String version) {
        assertThrows(NumberFormatException.class, () -> PlatformStatus.compareVersions(version, "1"));
    }
}
