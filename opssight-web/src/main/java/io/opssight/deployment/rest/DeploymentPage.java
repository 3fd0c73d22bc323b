package io.opssight.deployment.rest;

import java.util.List;

/** One page of deployments; {@code nextCursor} is null on the last page. */
public record DeploymentPage(List<DeploymentView> items, String nextCursor) {
}
