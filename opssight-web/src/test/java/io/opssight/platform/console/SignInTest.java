package io.opssight.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("#2 SignIn: after signing in, only local console pages are followed (no open redirect)")
class SignInTest {

    private static String after(String next) {
        SignIn signIn = new SignIn();
        signIn.setNext(next);
        return signIn.safeNext();
    }

    @ParameterizedTest(name = "#2 next=''{0}'' is followed")
    @ValueSource(strings = {"/deployments.xhtml?service=a", "/deployments.xhtml?service=a&environment=production",
        "/index.xhtml", "/"})
    @DisplayName("#2 a local path, with its query, is followed")
    void localPathIsFollowed(String next) {
        assertEquals(next, after(next));
    }

    @ParameterizedTest(name = "#2 next=''{0}'' goes to /index.xhtml")
    @NullAndEmptySource
    @ValueSource(strings = {"//evil.com", "//evil.com/deployments.xhtml", "https://evil.com", "http://evil.com/x",
        "\\\\evil.com", "/\\evil.com", "/deployments.xhtml\\..\\x", "evil.com", "deployments.xhtml",
        "javascript:alert(1)", " /deployments.xhtml", "/\t/evil.com", "/\n/evil.com"})
    @DisplayName("#2 another host, a scheme, backslashes, relative paths or nothing go to the console home")
    void otherTargetsGoHome(String next) {
        assertEquals("/index.xhtml", after(next));
    }
}
