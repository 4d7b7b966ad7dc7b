package dev.runway.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of an input folder, built from a minimal valid baseline and changed one row at a
 * time, so a test shows exactly the one thing it breaks. Immutable: every change returns a copy.
 *
 * <p>The baseline's physical lines, which tests name in their expected errors:
 * <pre>
 * scenarios.csv     1 header, 2 base (the only scenario, a root)
 * drivers.csv       1 header, 2 opening_cash, 3 min_liquidity, 4 volume_trend, 5 volume_volatility,
 *                   6 volume_persistence, 7 contribution_margin, 8 savings_realization,
 *                   9 savings_delay, 10 restructuring_overrun, 11 refinancing_share (all constant)
 * events.csv        1 header
 * schedule.csv      1 header, 2 quarter 1, 3 quarter 2
 * correlations.csv  1 header
 * </pre>
 */
public final class InputFolderFixture {
    public static final String SCENARIOS_HEADER = "scenario,parent,description";
    public static final String DRIVERS_HEADER = "scenario,driver,distribution,p1,p2,p3,p4,unit,source";
    public static final String EVENTS_HEADER =
            "scenario,event,kind,probability,distribution,p1,p2,p3,p4,first_quarter,last_quarter,trigger_below,source";
    public static final String SCHEDULE_HEADER =
            "scenario,quarter,label,base_revenue,fixed_costs,savings_target,restructuring_cost,capex,debt_maturity";
    public static final String CORRELATIONS_HEADER = "scenario,driver_a,driver_b,rho";

    private final Map<String, List<String>> files;
    /** Files written in another encoding than UTF-8, as a user's spreadsheet might save them. */
    private final Map<String, Charset> encodings;

    private InputFolderFixture(Map<String, List<String>> files, Map<String, Charset> encodings) {
        this.files = files;
        this.encodings = encodings;
    }

    /** One root scenario {@code base}, every driver constant, no events, two quarters, no correlations. */
    public static InputFolderFixture minimal() {
        Map<String, List<String>> files = new LinkedHashMap<>();
        files.put(InputReader.SCENARIOS, List.of(
                SCENARIOS_HEADER,
                "base,,\"Baseline, the only root\""));
        files.put(InputReader.DRIVERS, List.of(
                DRIVERS_HEADER,
                "base,opening_cash,constant,1000,,,,JPY bn,test",
                "base,min_liquidity,constant,100,,,,JPY bn,test",
                "base,volume_trend,constant,0,,,,log change,test",
                "base,volume_volatility,constant,0.02,,,,log change,test",
                "base,volume_persistence,constant,0.3,,,,AR(1),test",
                "base,contribution_margin,constant,0.2,,,,share,test",
                "base,savings_realization,constant,0.5,,,,share,test",
                "base,savings_delay,constant,1,,,,quarters,test",
                "base,restructuring_overrun,constant,1,,,,multiplier,test",
                "base,refinancing_share,constant,0.6,,,,share,test"));
        files.put(InputReader.EVENTS, List.of(EVENTS_HEADER));
        files.put(InputReader.SCHEDULE, List.of(
                SCHEDULE_HEADER,
                "base,1,Q1,500,50,10,5,20,30",
                "base,2,Q2,500,50,10,5,20,30"));
        files.put(InputReader.CORRELATIONS, List.of(CORRELATIONS_HEADER));
        return new InputFolderFixture(files, Map.of());
    }

    /**
     * The minimal scenario {@code base} with its own model, whose money is an item named {@code money}:
     * it simulates, but has no item named cash for an injection to go into.
     */
    public static InputFolderFixture withoutCash() {
        return minimal().file(InputReader.DRIVERS, DRIVERS_HEADER, "base,opening_cash,constant,1000,,,,USD m,test")
                .file(InputReader.SCHEDULE, "scenario,quarter,label,opex", "base,1,Q1,10", "base,2,Q2,10")
                .file(InputReader.MODEL, "item,formula,initial,unit,source", "money,prev(money) - opex,opening_cash,USD m,",
                        "breach,money < 0,,,", "report,money,,,");
    }

    /** Adds lines at the end of a file. */
    public InputFolderFixture append(String file, String... lines) {
        List<String> text = new ArrayList<>(lines(file));
        text.addAll(Arrays.asList(lines));
        return with(file, text);
    }

    /** Adds lines at the start of a file, before its header. */
    public InputFolderFixture prepend(String file, String... lines) {
        List<String> text = new ArrayList<>(Arrays.asList(lines));
        text.addAll(lines(file));
        return with(file, text);
    }

    /** Replaces the one line that starts with {@code start}, keeping every other line where it is. */
    public InputFolderFixture replace(String file, String start, String line) {
        List<String> text = new ArrayList<>(lines(file));
        int index = -1;
        for (int i = 0; i < text.size(); i++) {
            if (text.get(i).startsWith(start)) {
                if (index >= 0) {
                    throw new IllegalArgumentException("more than one line of " + file + " starts with " + start);
                }
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException("no line of " + file + " starts with " + start);
        }
        text.set(index, line);
        return with(file, text);
    }

    /** Replaces a whole file. */
    public InputFolderFixture file(String file, String... lines) {
        return with(file, Arrays.asList(lines));
    }

    /** Leaves a file out of the folder. */
    public InputFolderFixture without(String file) {
        Map<String, List<String>> copy = new LinkedHashMap<>(files);
        copy.remove(file);
        return new InputFolderFixture(copy, encodings);
    }

    /** Writes a file in {@code charset} instead of UTF-8; its text must be encodable in that charset. */
    public InputFolderFixture encodedAs(String file, Charset charset) {
        lines(file); // refuses a file the folder does not have, as every other change does
        Map<String, Charset> copy = new LinkedHashMap<>(encodings);
        copy.put(file, charset);
        return new InputFolderFixture(files, copy);
    }

    /**
     * Writes the files (UTF-8 unless {@link #encodedAs} says otherwise, one line each, '\n'
     * endings) into {@code folder}, creating it.
     */
    public Path writeTo(Path folder) {
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, List<String>> file : files.entrySet()) {
                Files.writeString(folder.resolve(file.getKey()), String.join("\n", file.getValue()) + "\n",
                        encodings.getOrDefault(file.getKey(), StandardCharsets.UTF_8));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> lines(String file) {
        List<String> text = files.get(file);
        if (text == null) {
            throw new IllegalArgumentException(file + " is not part of this folder");
        }
        return text;
    }

    private InputFolderFixture with(String file, List<String> text) {
        Map<String, List<String>> copy = new LinkedHashMap<>(files);
        copy.put(file, List.copyOf(text));
        return new InputFolderFixture(copy, encodings);
    }
}
