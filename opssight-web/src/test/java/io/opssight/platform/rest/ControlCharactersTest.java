package io.opssight.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("#16 ControlCharacters: which characters a name or a text may not contain")
class ControlCharactersTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("plain name", false, -1),
                Arguments.of("tab" + (char) 9 + "here", false, 3),
                Arguments.of("tab" + (char) 9 + "here", true, -1),
                Arguments.of("line" + (char) 10 + "break" + (char) 13, true, -1),
                Arguments.of("bell" + (char) 7, true, 4),
                Arguments.of("nul" + (char) 0, true, 3),
                Arguments.of("del" + (char) 0x7f, true, 3),
                Arguments.of("c1" + (char) 0x85, true, 2),
                Arguments.of("équipe ünïcode ✓", false, -1));
    }

    @ParameterizedTest(name = "#16 [{index}] lines allowed: {1} → {2}")
    @MethodSource("texts")
    @DisplayName("#16 C0, DEL and C1 controls are found; tab and line breaks only where lines are allowed")
    void findsControls(String text, boolean lines, int index) {
        assertEquals(index, ControlCharacters.firstControl(text, lines));
    }
}
