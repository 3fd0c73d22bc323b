package io.opssight.platform.entity;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Encrypts stored secrets that OpsSight must be able to read back (webhook source secrets) with
 * AES-256-GCM. A sealed value is {@code enc:v1:<key id>:<base64(12-byte nonce | ciphertext | tag)>};
 * the key id (first 8 hex digits of the key's SHA-256) says which key sealed it, so keys can rotate:
 * the current key seals, the current and any previous key open. A value without the {@code enc:}
 * prefix is a plaintext left from before encryption and is returned as it is (and resealed at start).
 *
 * <p>Keys come from {@code opssight.secrets.key} (system property, or the environment variable
 * {@code OPSSIGHT_SECRETS_KEY} or {@code OPSSIGHT_SECRET_KEY}; base64 of 32 bytes) and
 * {@code opssight.secrets.previous-keys} (comma-separated). Without one, a key is generated once
 * into {@code $OPSSIGHT_DATA_DIR/secrets.key} (default {@code ~/.opssight}) with a warning. These are
 * read here rather than through MicroProfile Config because Hibernate calls the converter, not CDI.
 */
public final class SecretBox {

    public static final String PREFIX = "enc:v1:";
    static final String KEY_FILE = "secrets.key";

    private static final System.Logger LOGGER = System.getLogger(SecretBox.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] AAD = "opssight-secret".getBytes(StandardCharsets.US_ASCII);
    private static volatile SecretBox active;

    private final String currentId;
    private final Map<String, SecretKeySpec> keys;
    private final String origin;

    public SecretBox(byte[] current, Iterable<byte[]> previous, String origin) {
        this.keys = new LinkedHashMap<>();
        this.currentId = keyId(checked(current));
        keys.put(currentId, new SecretKeySpec(current, "AES"));
        for (byte[] key : previous) {
            keys.putIfAbsent(keyId(checked(key)), new SecretKeySpec(key, "AES"));
        }
        this.origin = origin;
    }

    /** The process's key ring, loaded on first use from the settings described above. */
    public static SecretBox active() {
        SecretBox box = active;
        if (box == null) {
            synchronized (SecretBox.class) {
                box = active;
                if (box == null) {
                    box = load(SecretBox::setting);
                    active = box;
                }
            }
        }
        return box;
    }

    static String setting(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        if ((value == null || value.isBlank()) && key.equals("opssight.secrets.key")) {
            value = System.getenv("OPSSIGHT_SECRET_KEY");
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Loads the key ring from settings (a lookup of {@code opssight.*} keys), generating a key file if need be. */
    static SecretBox load(UnaryOperator<String> settings) {
        List<byte[]> previous = new ArrayList<>();
        String older = settings.apply("opssight.secrets.previous-keys");
        if (older != null) {
            for (String part : older.split(",")) {
                if (!part.isBlank()) {
                    previous.add(decodeKey(part, "opssight.secrets.previous-keys"));
                }
            }
        }
        String configured = settings.apply("opssight.secrets.key");
        if (configured != null) {
            return new SecretBox(decodeKey(configured, "opssight.secrets.key"), previous, "configuration");
        }
        String dir = settings.apply("OPSSIGHT_DATA_DIR");
        if (dir == null) {
            dir = System.getenv("OPSSIGHT_DATA_DIR");
        }
        Path file = (dir == null || dir.isBlank() ? Path.of(System.getProperty("user.home"), ".opssight") : Path.of(dir))
                .resolve(KEY_FILE);
        return new SecretBox(keyFile(file), previous, file.toString());
    }

    /**
     * Makes the new key file readable and writable by its owner only, before the key is written:
     * POSIX permissions {@code rw-------}, or, where the file system has none (Windows), an access
     * list naming the owner alone. A file system with neither gets a warning naming the file.
     */
    private static void restrictToOwner(Path temp, Path file) throws IOException {
        if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(temp, AclFileAttributeView.class);
        if (acl != null) {
            acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(acl.getOwner())
                    .setPermissions(AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA,
                            AclEntryPermission.APPEND_DATA, AclEntryPermission.READ_ATTRIBUTES,
                            AclEntryPermission.WRITE_ATTRIBUTES, AclEntryPermission.READ_NAMED_ATTRS,
                            AclEntryPermission.WRITE_NAMED_ATTRS, AclEntryPermission.READ_ACL,
                            AclEntryPermission.WRITE_ACL, AclEntryPermission.DELETE, AclEntryPermission.SYNCHRONIZE)
                    .build()));
            return;
        }
        LOGGER.log(Level.WARNING, "Cannot restrict {0} to its owner (the file system has neither POSIX permissions "
                + "nor access lists); protect the data directory, or set OPSSIGHT_SECRET_KEY instead", file);
    }

    private static byte[] keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                Path temp = Files.createTempFile(file.getParent(), "secrets", ".tmp");
                restrictToOwner(temp, file);
                Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n");
                try {
                    // Never replaces a key another process wrote in the meantime.
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                    LOGGER.log(Level.WARNING, "No opssight.secrets.key (OPSSIGHT_SECRET_KEY) is set: generated a key for "
                            + "stored secrets into {0}. Back it up with the database; replicas sharing a database must all "
                            + "use the same key, so set OPSSIGHT_SECRET_KEY in production.", file);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(temp);
                }
                if (Files.exists(temp)) {
                    Files.deleteIfExists(temp);
                }
            } else {
                LOGGER.log(Level.WARNING, "No opssight.secrets.key (OPSSIGHT_SECRET_KEY) is set: stored secrets use the key "
                        + "in {0}; set OPSSIGHT_SECRET_KEY in production.", file);
            }
            return decodeKey(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the secrets key file " + file + ": " + e.getMessage(), e);
        }
    }

    static byte[] decodeKey(String base64, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64 (expected 32 random bytes, e.g. 'openssl rand -base64 32')");
        }
        return checked(key, where);
    }

    private static byte[] checked(byte[] key) {
        return checked(key, "secret key");
    }

    private static byte[] checked(byte[] key, String where) {
        if (key == null || key.length != 32) {
            throw new IllegalStateException(where + " must be 32 bytes (base64 of 32 random bytes, e.g. 'openssl rand -base64 32')");
        }
        return key;
    }

    /** The id of a key: the first 8 hex digits of its SHA-256 (reveals nothing usable about it). */
    public static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String currentKeyId() {
        return currentId;
    }

    /** Where the current key came from: "configuration" or the key file's path. */
    public String origin() {
        return origin;
    }

    public String seal(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(AAD);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a secret: " + e.getMessage(), e);
        }
    }

    /** The plaintext of a stored value; a value without the prefix is a legacy plaintext. */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new IllegalStateException("A stored secret is malformed");
        }
        String id = stored.substring(PREFIX.length(), colon);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("A stored secret was sealed with key " + id + ", which is not configured "
                    + "(set it in opssight.secrets.previous-keys)");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            cipher.updateAAD(AAD);
            return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored secret cannot be decrypted (wrong key or altered value)", e);
        }
    }

    /** Whether a stored value should be written again: plaintext, or sealed with a key that is not current. */
    public boolean needsResealing(String stored) {
        return stored != null && !stored.startsWith(PREFIX + currentId + ":");
    }
}
