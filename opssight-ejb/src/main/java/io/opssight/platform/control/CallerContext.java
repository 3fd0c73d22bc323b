package io.opssight.platform.control;

import jakarta.enterprise.context.RequestScoped;

/**
 * Where the current request comes from, for the audit trail: the client address (the peer, or the
 * first X-Forwarded-For hop when the peer is a configured trusted proxy) and a request id. Filled by
 * the web module for each HTTP request; empty for timers and other internal work.
 */
@RequestScoped
public class CallerContext {

    private String clientAddress;
    private String requestId;

    public void set(String clientAddress, String requestId) {
        this.clientAddress = clientAddress;
        this.requestId = requestId;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String requestId() {
        return requestId;
    }
}
