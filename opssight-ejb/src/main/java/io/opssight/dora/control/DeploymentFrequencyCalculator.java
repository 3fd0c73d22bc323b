package io.opssight.dora.control;

import io.opssight.dora.entity.Benchmark;
import io.opssight.dora.entity.DeploymentFrequency;
import io.opssight.dora.entity.Period;
import io.opssight.dora.entity.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Computes {@link DeploymentFrequency} from the number of deployments per UTC day. Pure. */
public final class DeploymentFrequencyCalculator {

    private DeploymentFrequencyCalculator() {
    }

    /** From the deployments per UTC day number ({@link Window#dayNumber}) inside the window. */
    public static DeploymentFrequency of(Window window, Map<Long, Long> deploymentsByDay, Benchmark benchmark) {
        long deployments = deploymentsByDay.values().stream().mapToLong(Long::longValue).sum();
        long days = deploymentsByDay.values().stream().filter(n -> n > 0).count();
        List<Period> weeks = Window.counted(window.weeks());
        List<Period> months = Window.counted(window.months());
        double weekly = median(weeks, deploymentsByDay);
        double monthly = median(months, deploymentsByDay);
        return new DeploymentFrequency(deployments, days, deployments / window.days(), weekly, monthly, weeks.size(),
                months.size(), benchmark.deploymentFrequency(deployments, weekly, monthly));
    }

    /** The number of deployment days of each period, and their median (0 without periods). */
    private static double median(List<Period> periods, Map<Long, Long> deploymentsByDay) {
        List<Long> daysPerPeriod = new ArrayList<>();
        for (Period p : periods) {
            daysPerPeriod.add(deploymentDays(p, deploymentsByDay));
        }
        Double median = Medians.of(daysPerPeriod);
        return median == null ? 0 : median;
    }

    /** Days of the (calendar) period with at least one deployment. */
    static long deploymentDays(Period p, Map<Long, Long> deploymentsByDay) {
        long first = Window.dayNumber(p.start());
        long end = Window.dayNumber(p.end());
        long days = 0;
        for (long day = first; day < end; day++) {
            if (deploymentsByDay.getOrDefault(day, 0L) > 0) {
                days++;
            }
        }
        return days;
    }
}
