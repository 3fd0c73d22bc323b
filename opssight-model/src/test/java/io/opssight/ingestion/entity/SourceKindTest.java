package io.opssight.ingestion.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.entity.ValidationProblem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("#2 SourceKind: the {kind} of the ingest URL")
class SourceKindTest {

    @ParameterizedTest(name = "#2 ''{0}'' is {1}")
    @CsvSource(delimiter = '|', value = {
        "github|GITHUB", "gitlab|GITLAB", "jenkins|JENKINS", "alertmanager|ALERTMANAGER", "pagerduty|PAGERDUTY",
        "argocd|ARGOCD", "awx|AWX", "terraform|TERRAFORM", "GitHub|GITHUB", "'  gitlab '|GITLAB"
    })
    @DisplayName("#2 every kind is read from its wire name, ignoring case and surrounding blanks")
    void readsEveryKind(String wire, SourceKind expected) {
        assertEquals(expected, SourceKind.fromWire(wire));
    }

    @Test
    @DisplayName("#2 every kind's wire name reads back as that kind")
    void wireNamesRoundTrip() {
        for (SourceKind kind : SourceKind.values()) {
            if (kind.isWebhook()) {
                assertEquals(kind, SourceKind.fromWire(kind.wireName()));
            }
        }
    }

    @ParameterizedTest(name = "#3 ''{0}'' is not a webhook kind")
    @ValueSource(strings = {"push", "PUSH", " push "})
    @DisplayName("#3 the push API's internal kind can be neither registered nor addressed as a webhook")
    void pushIsNotAWebhookKind(String wire) {
        ValidationProblem problem = assertThrows(ValidationProblem.class, () -> SourceKind.fromWire(wire));

        assertFalse(SourceKind.PUSH.isWebhook());
        String expected = problem.getMessage().substring(problem.getMessage().indexOf("expected one of"));
        assertFalse(expected.contains("push"), problem.getMessage());
    }

    @ParameterizedTest(name = "#2 ''{0}'' is refused")
    @NullAndEmptySource
    @ValueSource(strings = {"bitbucket", "git hub", "github2"})
    @DisplayName("#2 an unknown kind is a validation problem (400) that lists the known kinds")
    void refusesUnknownKind(String wire) {
        ValidationProblem problem = assertThrows(ValidationProblem.class, () -> SourceKind.fromWire(wire));

        assertEquals(ProblemType.VALIDATION, problem.type());
        assertEquals(400, problem.type().status());
        assertTrue(problem.getMessage().contains("github, gitlab, jenkins"), problem.getMessage());
    }
}
