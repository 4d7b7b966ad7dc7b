package dev.runway.run;

import dev.runway.model.Event;
import dev.runway.model.FiscalQuarter;
import dev.runway.model.Model;
import dev.runway.model.History;
import dev.runway.model.Scenario;
import dev.runway.output.Numbers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A forecast rolled forward to start from what happened ({@code --as-of QUARTER}): each scenario
 * from the quarter after QUARTER on, its states (the items with an initial value) starting from
 * their realized values at the end of QUARTER where the actuals give them, its schedule's earlier
 * quarters kept for {@code lag}, and its events cut to the quarters left ({@link Event#after}).
 *
 * @param scenarios the scenarios rolled forward, in the order given
 * @param notes     what the user should know: where each state starts from, events cut or gone
 * @param problems  why it cannot be done; empty if it can
 * @param started   for the manifest: the quarter and the realized states started from
 */
record AsOf(List<Scenario> scenarios, List<String> notes, List<String> problems, String started) {

    static AsOf roll(List<Scenario> scenarios, String label, History actuals) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (scenarios.isEmpty()) {
            return new AsOf(scenarios, notes, problems, "");
        }
        // First where the forecast starts, then what it starts from: a wrong quarter is not a missing state.
        for (Scenario scenario : scenarios) {
            List<String> labels = scenario.schedule().labels();
            int quarters = labels.indexOf(label) + 1;
            if (quarters == 0) {
                FiscalQuarter asked = FiscalQuarter.parse(label);
                String other = asked == null ? null : new FiscalQuarter(asked.year(), asked.quarter(), !asked.fiscal())
                        .toString();
                problems.add("--as-of " + label + " is not a quarter of scenario " + scenario.name() + " ("
                        + labels.get(0) + " to " + labels.get(labels.size() - 1) + ")" + (labels.contains(other)
                        ? "; did you mean " + other + ", as its schedule labels it?" : "; give one of its quarters but "
                        + "the last"));
            } else if (quarters == labels.size()) {
                problems.add("--as-of " + label + " is the last quarter of scenario " + scenario.name()
                        + ": no quarter is left to forecast");
            }
        }
        if (!problems.isEmpty()) {
            return new AsOf(scenarios, notes, problems, "");
        }
        Model model = scenarios.get(0).model();
        Map<String, Double> states = new LinkedHashMap<>();
        List<String> startedFrom = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Model.Item item : model.items()) {
            if (!item.state()) {
                continue;
            }
            History.Fact actual = actuals.facts().stream().filter(a -> a.label().equals(label)
                    && a.item().equals(item.name())).findFirst().orElse(null);
            if (actual == null) {
                unknown.add(item.name());
            } else if (!actual.unit().isEmpty() && !item.unit().isEmpty() && !actual.unit().equals(item.unit())) {
                problems.add(actuals.where(actual) + ": column 'unit': " + item.name() + " is in '" + actual.unit()
                        + "' here but in '" + item.unit() + "' in " + model.file() + "; convert the value to the "
                        + "model's unit");
            } else {
                states.put(item.name(), actual.value());
                startedFrom.add(item.name() + " " + Numbers.money(actual.value()) + " (" + actuals.where(actual) + ")");
            }
        }
        if (!problems.isEmpty()) {
            return new AsOf(scenarios, notes, problems, "");
        }
        if (states.isEmpty()) {
            problems.add("--as-of " + label + ": the actuals give none of the model's states (" + String.join(", ", unknown)
                    + ") at " + label + ", so the forecast cannot start from what happened; add their values at the end "
                    + "of " + label + " to the actuals file");
            return new AsOf(scenarios, notes, problems, "");
        }
        notes.add("--as-of " + label + ": the forecast starts after " + label + " from " + String.join(", ", startedFrom)
                + (unknown.isEmpty() ? "" : "; " + String.join(", ", unknown) + " start from their initial values as "
                + model.file() + " writes them, having no actual at " + label + " (add rows for them to start them "
                + "from what happened)"));
        List<Scenario> rolled = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            int quarters = scenario.schedule().labels().indexOf(label) + 1;
            List<Event> events = new ArrayList<>();
            List<String> gone = new ArrayList<>();
            List<String> cut = new ArrayList<>();
            for (Event event : scenario.events()) {
                event.after(quarters).ifPresentOrElse(later -> {
                    events.add(later);
                    if (event.firstQuarter() <= quarters) {
                        cut.add(event.name());
                    }
                }, () -> gone.add(event.name()));
            }
            if (!gone.isEmpty() || !cut.isEmpty()) {
                notes.add("--as-of " + label + ", scenario " + scenario.name() + ": " + (gone.isEmpty() ? ""
                        : "events " + String.join(", ", gone) + " ended by then and are left out (what they did is in "
                        + "the realized state)" + (cut.isEmpty() ? "" : "; ")) + (cut.isEmpty() ? "" : "events "
                        + String.join(", ", cut) + " are taken not to have happened yet and keep the quarters left"));
            }
            rolled.add(new Scenario(scenario.name(), scenario.description(), scenario.drivers(),
                    scenario.driverSources(), events, scenario.schedule().after(quarters), scenario.correlations(),
                    scenario.copula(), scenario.model().withInitialValues(states), scenario.lines()));
        }
        return new AsOf(rolled, notes, problems, label + "; started from " + String.join(", ", startedFrom)
                + (unknown.isEmpty() ? "" : "; " + String.join(", ", unknown) + " from their initial values"));
    }
}
