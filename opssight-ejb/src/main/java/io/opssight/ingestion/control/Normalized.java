package io.opssight.ingestion.control;

/** What normalising one delivery produced: something modelled, or a reason it carries nothing for us. */
public record Normalized(boolean modelled, String note) {

    public static Normalized modelled(String note) {
        return new Normalized(true, note);
    }

    public static Normalized ignored(String why) {
        return new Normalized(false, why);
    }
}
