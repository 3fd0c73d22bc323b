package io.opssight.platform.rest;

import io.opssight.platform.entity.ValidationProblem;

/** Checks shared by resources that take a JSON body. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** An empty body reaches a resource as null; that is a client error, not a server one. */
    public static void require(Object body) {
        if (body == null) {
            throw new ValidationProblem("A JSON request body is required.");
        }
    }
}
