package io.opssight.dora.entity;

/**
 * Deployment frequency over a window: {@code perDay} = deployments ÷ the window's length in days;
 * the tier comes from the median over the window's weeks of the number of days with at least one
 * deployment ({@code weeklyMedianDays}) and, below one such day a week, the same median over
 * calendar months. The weeks and months are those lying completely inside the window
 * ({@link Window#counted}); a deployment day is a UTC date.
 */
public record DeploymentFrequency(long deployments, long deploymentDays, double perDay, double weeklyMedianDays,
        double monthlyMedianDays, int weeksCounted, int monthsCounted, Tier tier) {
}
