package io.opssight.platform.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API root. Everything under /api/v1 needs a bearer token except the webhook receivers. */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(info = @Info(title = "OpsSight API", version = "1",
        description = "DevOps visibility: ingestion, deployments, DORA, alerting, audit. Errors are application/problem+json (RFC 9457)."))
@SecurityScheme(securitySchemeName = OpsSightApplication.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An OpsSight API token (or, with the security issue, an MP-JWT)")
public class OpsSightApplication extends Application {
    public static final String BEARER = "bearer";
}
