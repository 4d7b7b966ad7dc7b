package dev.runway.sim;

import dev.runway.model.Driver;
import dev.runway.model.Event;
import dev.runway.model.EventKind;
import dev.runway.model.Scenario;
import dev.runway.model.Schedule;
import dev.runway.sample.Samplers;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import java.util.List;

/**
 * The per-path walk of the model, written once. Each path draws its drivers, then its events,
 * then walks the quarters {@code q = 1..H}:
 *
 * <pre>
 * e    = volume_persistence * e + volume_volatility * z_q            z_q ~ N(0,1), iid
 * v    = v + volume_trend + e + (volume shocks that fire in q)
 * revenue   = base_revenue[q] * exp(v)
 * savings   = savings_realization * savings_target[q - savings_delay]      0 before quarter 1
 * operating = contribution_margin * revenue - fixed_costs[q] + savings
 * outflows  = restructuring_overrun * restructuring_cost[q] + capex[q]
 *             + (1 - refinancing_share) * debt_maturity[q] + (cash shocks that fire in q)
 * cash = cash + operating - outflows
 * cash = cash + (injections that fire in q)          triggered ones when cash is below their trigger
 * record cash[q]; breach[q] = cash[q] &lt; min_liquidity
 * </pre>
 *
 * Random numbers are drawn in a fixed order per path: the drivers in {@link Driver} order, then
 * for each event its on/off uniform, its amount and (untriggered events) its quarter, whether or
 * not it is on, then one normal per quarter. The loop over a block touches primitive arrays only
 * and allocates nothing per path.
 */
public final class PathKernel {
    private static final int OPENING_CASH = Driver.OPENING_CASH.ordinal();
    private static final int MIN_LIQUIDITY = Driver.MIN_LIQUIDITY.ordinal();
    private static final int VOLUME_TREND = Driver.VOLUME_TREND.ordinal();
    private static final int VOLUME_VOLATILITY = Driver.VOLUME_VOLATILITY.ordinal();
    private static final int VOLUME_PERSISTENCE = Driver.VOLUME_PERSISTENCE.ordinal();
    private static final int CONTRIBUTION_MARGIN = Driver.CONTRIBUTION_MARGIN.ordinal();
    private static final int SAVINGS_REALIZATION = Driver.SAVINGS_REALIZATION.ordinal();
    private static final int SAVINGS_DELAY = Driver.SAVINGS_DELAY.ordinal();
    private static final int RESTRUCTURING_OVERRUN = Driver.RESTRUCTURING_OVERRUN.ordinal();
    private static final int REFINANCING_SHARE = Driver.REFINANCING_SHARE.ordinal();

    private final Scenario scenario;
    private final int horizon;
    private final double[] baseRevenue;
    private final double[] fixedCosts;
    private final double[] savingsTarget;
    private final double[] restructuringCost;
    private final double[] capex;
    private final double[] debtMaturity;

    private final int eventCount;
    private final EventKind[] eventKind;
    private final double[] eventProbability;
    private final int[] eventFirst;
    private final int[] eventWindow;
    private final boolean[] eventTriggered;
    private final double[] eventTrigger;

    public PathKernel(Scenario scenario) {
        this.scenario = scenario;
        Schedule schedule = scenario.schedule();
        horizon = schedule.horizon();
        baseRevenue = schedule.baseRevenue();
        fixedCosts = schedule.fixedCosts();
        savingsTarget = schedule.savingsTarget();
        restructuringCost = schedule.restructuringCost();
        capex = schedule.capex();
        debtMaturity = schedule.debtMaturity();

        List<Event> events = scenario.events();
        eventCount = events.size();
        eventKind = new EventKind[eventCount];
        eventProbability = new double[eventCount];
        eventFirst = new int[eventCount];
        eventWindow = new int[eventCount];
        eventTriggered = new boolean[eventCount];
        eventTrigger = new double[eventCount];
        for (int k = 0; k < eventCount; k++) {
            Event event = events.get(k);
            eventKind[k] = event.kind();
            eventProbability[k] = event.probability();
            eventFirst[k] = event.firstQuarter() - 1;
            eventWindow[k] = event.lastQuarter() - event.firstQuarter() + 1;
            eventTriggered[k] = event.triggered();
            eventTrigger[k] = event.triggerBelow();
        }
    }

    public int horizon() {
        return horizon;
    }

    /**
     * Simulates paths {@code first .. first + count - 1} of the run with the block's generator,
     * writing them at those indexes of {@code out}.
     */
    public void simulate(UniformRandomProvider rng, PathResults out, int first, int count) {
        Driver[] drivers = Driver.values();
        ContinuousSampler[] driverSamplers = new ContinuousSampler[drivers.length];
        for (int d = 0; d < drivers.length; d++) {
            driverSamplers[d] = Samplers.of(scenario.driver(drivers[d]), rng);
        }
        ContinuousSampler[] amountSamplers = new ContinuousSampler[eventCount];
        for (int k = 0; k < eventCount; k++) {
            amountSamplers[k] = Samplers.of(scenario.events().get(k).amount(), rng);
        }
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] drawn = new double[drivers.length];
        double[] volumeShock = new double[horizon];
        double[] cashShock = new double[horizon];
        double[] injection = new double[horizon];
        boolean[] injectionDue = new boolean[horizon];
        double[] triggerAmount = new double[eventCount];
        boolean[] triggerPending = new boolean[eventCount];
        double[][] cash = out.cash;

        for (int path = first; path < first + count; path++) {
            for (int d = 0; d < drawn.length; d++) {
                drawn[d] = driverSamplers[d].sample();
            }
            boolean anyTrigger = false;
            for (int k = 0; k < eventCount; k++) {
                boolean on = rng.nextDouble() < eventProbability[k];
                double amount = amountSamplers[k].sample();
                if (eventTriggered[k]) {
                    triggerPending[k] = on;
                    triggerAmount[k] = amount;
                    anyTrigger |= on;
                    continue;
                }
                int quarter = eventFirst[k] + (eventWindow[k] == 1 ? 0 : rng.nextInt(eventWindow[k]));
                if (!on) {
                    continue;
                }
                switch (eventKind[k]) {
                    case VOLUME_SHOCK:
                        volumeShock[quarter] += amount;
                        break;
                    case CASH_SHOCK:
                        cashShock[quarter] += amount;
                        break;
                    default:
                        injection[quarter] += amount;
                        injectionDue[quarter] = true;
                        break;
                }
            }

            double minLiquidity = drawn[MIN_LIQUIDITY];
            double trend = drawn[VOLUME_TREND];
            double volatility = drawn[VOLUME_VOLATILITY];
            double persistence = drawn[VOLUME_PERSISTENCE];
            double margin = drawn[CONTRIBUTION_MARGIN];
            double realization = drawn[SAVINGS_REALIZATION];
            int delay = (int) drawn[SAVINGS_DELAY];
            double overrun = drawn[RESTRUCTURING_OVERRUN];
            double unrefinanced = 1.0 - drawn[REFINANCING_SHARE];

            double e = 0.0;
            double v = 0.0;
            double balance = drawn[OPENING_CASH];
            double injectedTotal = 0.0;
            boolean fired = false;
            int firstBreach = 0;
            for (int q = 0; q < horizon; q++) {
                e = persistence * e + volatility * normal.sample();
                v += trend + e + volumeShock[q];
                double revenue = baseRevenue[q] * Math.exp(v);
                double savings = q >= delay ? realization * savingsTarget[q - delay] : 0.0;
                double operating = margin * revenue - fixedCosts[q] + savings;
                double outflows = overrun * restructuringCost[q] + capex[q] + unrefinanced * debtMaturity[q]
                        + cashShock[q];
                balance += operating - outflows;
                double injected = injection[q];
                fired |= injectionDue[q];
                if (anyTrigger) {
                    for (int k = 0; k < eventCount; k++) {
                        if (triggerPending[k] && q >= eventFirst[k] && q < eventFirst[k] + eventWindow[k]
                                && balance < eventTrigger[k]) {
                            injected += triggerAmount[k];
                            triggerPending[k] = false;
                            fired = true;
                        }
                    }
                }
                balance += injected;
                injectedTotal += injected;
                cash[q][path] = balance;
                if (firstBreach == 0 && balance < minLiquidity) {
                    firstBreach = q + 1;
                }
                volumeShock[q] = 0.0;
                cashShock[q] = 0.0;
                injection[q] = 0.0;
                injectionDue[q] = false;
            }
            out.minLiquidity[path] = minLiquidity;
            out.firstBreach[path] = firstBreach;
            out.injected[path] = injectedTotal;
            out.injectionFired[path] = fired;
        }
    }
}
