package io.opssight.platform.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Arrays;

class SecretBoxTest {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void sealsWithAKeyIdAndOpensAgain() {
        SecretBox box = new SecretBox(key(1), List.of(), "test");
        String sealed = box.seal("s3cret-value");
        assertTrue(sealed.startsWith("enc:v1:" + box.currentKeyId() + ":"), sealed);
        assertFalse(sealed.contains("s3cret-value"));
        assertEquals("s3cret-value", box.open(sealed));
        assertNotEquals(sealed, box.seal("s3cret-value"), "a fresh nonce each time");
        assertFalse(box.needsResealing(sealed));
    }

    @Test
    void readsLegacyPlaintextAndWantsItResealed() {
        SecretBox box = new SecretBox(key(1), List.of(), "test");
        assertEquals("old-plain", box.open("old-plain"));
        assertTrue(box.needsResealing("old-plain"));
    }

    @Test
    void opensWithAPreviousKeyAfterRotation() {
        SecretBox old = new SecretBox(key(1), List.of(), "test");
        String sealed = old.seal("rotating");
        SecretBox rotated = new SecretBox(key(2), List.of(key(1)), "test");
        assertEquals("rotating", rotated.open(sealed));
        assertTrue(rotated.needsResealing(sealed));
        SecretBox without = new SecretBox(key(2), List.of(), "test");
        assertThrows(IllegalStateException.class, () -> without.open(sealed), "an unknown key id is an error, not garbage");
    }

    @Test
    void detectsAlteredCiphertext() {
        SecretBox box = new SecretBox(key(1), List.of(), "test");
        String sealed = box.seal("tamper-me");
        int colon = sealed.lastIndexOf(':');
        byte[] raw = Base64.getDecoder().decode(sealed.substring(colon + 1));
        raw[20] ^= 1;
        String altered = sealed.substring(0, colon + 1) + Base64.getEncoder().encodeToString(raw);
        assertThrows(IllegalStateException.class, () -> box.open(altered));
    }

    @Test
    void refusesKeysThatAreNot32Bytes() {
        assertThrows(IllegalStateException.class, () -> SecretBox.load(Map.of("opssight.secrets.key",
                Base64.getEncoder().encodeToString(new byte[16]))::get));
        assertThrows(IllegalStateException.class, () -> SecretBox.load(Map.of("opssight.secrets.key", "not base64!")::get));
    }

    @Test
    void generatesAKeyFileOnceWhenNoKeyIsConfigured(@TempDir Path dir) throws Exception {
        SecretBox first = SecretBox.load(Map.of("OPSSIGHT_DATA_DIR", dir.toString())::get);
        SecretBox second = SecretBox.load(Map.of("OPSSIGHT_DATA_DIR", dir.toString())::get);
        assertEquals(first.currentKeyId(), second.currentKeyId(), "the generated key is reused");
        assertEquals(32, Base64.getDecoder().decode(Files.readString(dir.resolve("secrets.key")).trim()).length);
        assertEquals("second", second.open(first.seal("second")).replace("second", "second"));
    }

    @Test
    void theGeneratedKeyFileIsTheOwnersAlone(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        SecretBox.load(Map.of("OPSSIGHT_DATA_DIR", dir.toString())::get);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve("secrets.key")));
    }
}
