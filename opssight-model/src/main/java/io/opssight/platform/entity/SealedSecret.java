package io.opssight.platform.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a recoverable secret encrypted ({@link SecretBox}): put {@code @Convert(converter =
 * SealedSecret.class)} on the attribute. The entity holds the plaintext; the column holds the
 * sealed value (allow 1024 characters for a 512-character secret).
 */
@Converter
public class SealedSecret implements AttributeConverter<String, String> {

    @Override
    public String convertToDatabaseColumn(String plaintext) {
        return SecretBox.active().seal(plaintext);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return SecretBox.active().open(stored);
    }
}
