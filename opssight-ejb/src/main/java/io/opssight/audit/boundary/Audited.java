package io.opssight.audit.boundary;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records every call of the annotated boundary method (or every method of the class) in the audit
 * trail: who, which operation, its first argument as target, and the outcome. A successful call's
 * entry is written in the call's own transaction, so the change and its record commit together
 * or not at all; a failed call is recorded in a transaction of its own.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {
}
