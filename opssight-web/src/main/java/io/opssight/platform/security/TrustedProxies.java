package io.opssight.platform.security;

import io.opssight.platform.entity.Cidr;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code opssight.http.trusted-proxies} ranges (CIDRs) and the client address of a request:
 * the peer, or, only when the peer is a trusted proxy, the address it reports in
 * {@code X-Forwarded-For}. Shared by {@link RequestContextFilter} and by
 * {@link BearerAuthentication}, which authenticates before the filters run.
 */
@ApplicationScoped
public class TrustedProxies {

    @Inject
    @ConfigProperty(name = "opssight.http.trusted-proxies", defaultValue = " ")
    String trustedProxies;

    /** The key this setting had before it took CIDRs; still honoured. */
    @Inject
    @ConfigProperty(name = "opssight.security.trusted-proxies", defaultValue = " ")
    String legacyTrustedProxies;

    private volatile List<Cidr> trusted;

    List<Cidr> ranges() {
        List<Cidr> ranges = trusted;
        if (ranges == null) {
            ranges = Cidr.parseList(trustedProxies.isBlank() ? legacyTrustedProxies : trustedProxies);
            trusted = ranges;
        }
        return ranges;
    }

    boolean trusts(String peer) {
        return Cidr.anyContains(ranges(), peer);
    }

    /** Where the request comes from (see the class comment). */
    String clientOf(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        return trusts(peer) ? RequestContextFilter.clientBehindAll(request.getHeaders("X-Forwarded-For"), ranges(), peer) : peer;
    }
}
