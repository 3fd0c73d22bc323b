package io.opssight.ingestion.control;

/**
 * The push API's internal sources: their events arrive at the push API with an API token, never
 * over the webhook path, so no webhook credential authenticates them.
 */
final class PushProtocol implements SourceProtocol {

    @Override
    public boolean authentic(String secret, Headers headers, byte[] body) {
        return false;
    }

    @Override
    public String expectation() {
        return "push events are sent to the push API with an API token";
    }

    @Override
    public String howTo() {
        return "";
    }
}
