package io.opssight.platform.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FeatureTest {

    @Test
    void listsEveryFeaturePackageOfTheModelInOrder() throws IOException {
        List<String> packages;
        try (Stream<Path> dirs = Files.list(Path.of("src/main/java/io/opssight"))) {
            packages = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertEquals(packages, Feature.packageNames());
    }
}
