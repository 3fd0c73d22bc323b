package io.opssight.platform.rest;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.regex.Pattern;
import java.util.function.Function;

/**
 * How every path and query parameter declared as a number ({@code long id}, {@code int limit})
 * is read: ASCII digits, an optional leading minus, nothing else. The JDK's own parsing, which
 * JAX-RS would use, also takes the digits of every other script: {@code /tokens/١} (Arabic-Indic)
 * and {@code /tokens/１} (full-width) were token 1 (issue 16: an id that is not exactly an id must
 * name no object). A value that is not such a number fails its conversion, which JAX-RS answers
 * with 404 for a path parameter and 404 for a query parameter (Jakarta REST §3.2), as a problem.
 */
@Provider
public class AsciiNumbers implements ParamConverterProvider {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,19}");

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) new Converter<>(Long::parseLong);
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) new Converter<>(Integer::parseInt);
        }
        return null;
    }

    private record Converter<N extends Number>(Function<String, N> parse) implements ParamConverter<N> {

        @Override
        public N fromString(String value) {
            if (value == null || !NUMBER.matcher(value).matches()) {
                throw new IllegalArgumentException("not a number in ASCII digits");
            }
            return parse.apply(value);
        }

        @Override
        public String toString(N value) {
            return value.toString();
        }
    }
}
