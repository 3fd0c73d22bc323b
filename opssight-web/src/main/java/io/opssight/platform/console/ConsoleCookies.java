package io.opssight.platform.console;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import java.lang.System.Logger.Level;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The console's session cookie: always HttpOnly; SameSite from {@code opssight.console.cookie-same-site}
 * (Lax by default: Strict would also drop the session when a user follows a link to the console
 * from chat or e-mail); Secure from {@code opssight.console.secure-cookie}: {@code auto} (the default)
 * marks it Secure when the request that made the session came over TLS, {@code true} always (set it
 * behind a TLS-terminating proxy, where the server itself sees plain HTTP), {@code false} never.
 * Payara applies the SameSite attribute from {@code glassfish-web.xml} as well, with the same default.
 */
@WebListener
public class ConsoleCookies implements ServletContextListener {

    private static final System.Logger LOGGER = System.getLogger(ConsoleCookies.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Config config = ConfigProvider.getConfig();
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        String sameSite = config.getOptionalValue("opssight.console.cookie-same-site", String.class).orElse("Lax").trim();
        if (!sameSite.equalsIgnoreCase("Strict") && !sameSite.equalsIgnoreCase("Lax")) {
            LOGGER.log(Level.WARNING, "opssight.console.cookie-same-site must be Strict or Lax, not {0}; using Lax", sameSite);
            sameSite = "Lax";
        }
        cookie.setAttribute("SameSite", Character.toUpperCase(sameSite.charAt(0)) + sameSite.substring(1).toLowerCase(Locale.ROOT));
        String secure = config.getOptionalValue("opssight.console.secure-cookie", String.class).orElse("auto").trim();
        if (secure.equalsIgnoreCase("true")) {
            cookie.setSecure(true);
        } else if (secure.equalsIgnoreCase("false")) {
            cookie.setSecure(false);
        }
    }
}
