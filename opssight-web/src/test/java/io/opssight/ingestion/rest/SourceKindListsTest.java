package io.opssight.ingestion.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.ingestion.entity.SourceKind;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kinds list has to be static text in two places (an annotation's message, the OpenAPI file):
 * these fail when either disagrees with {@link SourceKind}'s webhook kinds, in their order.
 */
@DisplayName("#17 the static lists of source kinds are the webhook kinds")
class SourceKindListsTest {

    private static final List<String> WEBHOOK_KINDS = Arrays.stream(SourceKind.values()).filter(SourceKind::isWebhook)
            .map(SourceKind::wireName).toList();

    @Test
    @DisplayName("#17 NewSource's message for a missing kind lists every webhook kind")
    void newSourceMessage() throws NoSuchFieldException {
        String message = NewSource.class.getDeclaredField("kind").getAnnotation(NotBlank.class).message();

        assertEquals("kind is required (" + String.join(", ", WEBHOOK_KINDS) + ")", message);
    }

    @Test
    @DisplayName("#17 the OpenAPI description of the webhook receiver lists every webhook kind")
    void openApiDescription() throws IOException {
        String yaml;
        try (InputStream in = NewSource.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher kinds = Pattern.compile("Kinds: ([a-z, \\n]+)\\.").matcher(yaml);

        assertTrue(kinds.find(), "openapi.yaml names the kinds after 'Kinds: '");
        assertEquals(WEBHOOK_KINDS, List.of(kinds.group(1).replaceAll("\\s+", " ").trim().split(", ")));
    }
}
