package dev.runway.io;

import dev.runway.model.FiscalQuarter;
import dev.runway.model.History;
import dev.runway.model.InputError;
import dev.runway.model.InputException;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a history or actuals file, the long CSV {@code quarter,item,value,unit,source} with one
 * number per row (docs/model.md §15), into a {@link History}. The common rules of input files
 * hold (comments, quoting, UTF-8, size), and every row is checked in one round: the quarter is a
 * label {@code FY<year>Q<1-4>}, the item a name, the value a number, the source not empty; an
 * item keeps one unit, and its quarters come in order, each once.
 */
public final class HistoryReader {
    /** The columns, in the order the files are written. */
    public static final List<String> COLUMNS = List.of("quarter", "item", "value", "unit", "source");

    private static final Pattern ITEM = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private HistoryReader() {
    }

    /**
     * The history in {@code path}, named in messages as the path is written.
     *
     * @throws InputException with every problem of the file, each at its line and column
     */
    public static History read(Path path) throws InputException {
        String file = path.toString();
        List<InputError> errors = new ArrayList<>();
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(List.of(new InputError(file, 0, "", "no such file; expected a CSV with the "
                    + "columns " + String.join(",", COLUMNS) + ", one reported number per row")));
        }
        byte[] bytes = CsvTable.readBytes(path, file, errors);
        CsvTable table = bytes == null ? null : CsvTable.parse(file, bytes, COLUMNS, errors);
        if (table == null) {
            throw new InputException(errors);
        }
        List<History.Fact> facts = new ArrayList<>();
        Map<String, History.Fact> last = new HashMap<>();
        Map<String, History.Fact> firstUnit = new HashMap<>();
        // One form of label per file: FY2025Q1 and 2025Q1 order the same but are different quarters.
        History.Fact firstForm = null;
        for (CsvTable.Row row : table.rows()) {
            RowFields fields = new RowFields(table, row, errors);
            String label = fields.required("quarter", "a fiscal quarter " + FiscalQuarter.FORM);
            FiscalQuarter quarter = label.isEmpty() ? null : FiscalQuarter.parse(label);
            if (quarter == null && !label.isEmpty()) {
                fields.error("quarter", "expected a fiscal quarter " + FiscalQuarter.FORM + ", found \"" + label + "\"");
            }
            String item = fields.required("item", "the name of the reported item, such as revenue");
            if (!item.isEmpty() && !ITEM.matcher(item).matches()) {
                fields.error("item", "expected a name of letters, digits and _, starting with a letter (it is used "
                        + "in formulas), found \"" + item + "\"");
            }
            double value = fields.number("value");
            String unit = fields.text("unit");
            String source = fields.required("source", "the public source of the number (publisher, title or URL, date)");
            if (!fields.valid()) {
                continue;
            }
            if (firstForm == null) {
                firstForm = new History.Fact(item, quarter, value, unit, source, row.line());
            } else if (firstForm.quarter().fiscal() != quarter.fiscal()) {
                fields.error("quarter", "line " + firstForm.line() + " writes " + firstForm.quarter() + (firstForm.quarter()
                        .fiscal() ? ", a fiscal quarter" : ", a calendar quarter") + ", and this row " + quarter
                        + "; write every quarter of the file the same way, as the schedule labels them");
                continue;
            }
            History.Fact fact = new History.Fact(item, quarter, value, unit, source, row.line());
            History.Fact unitRow = firstUnit.putIfAbsent(item, fact);
            if (unitRow != null && !unitRow.unit().equals(unit)) {
                fields.error("unit", item + " is in \"" + unitRow.unit() + "\" on line " + unitRow.line() + " but in \""
                        + unit + "\" here; every row of an item has the same unit (convert this one, or give it "
                        + "another item name)");
                continue;
            }
            History.Fact previous = last.get(item);
            if (previous != null && !quarter.equals(previous.quarter()) && quarter.compareTo(previous.quarter()) < 0) {
                fields.error("quarter", item + "'s " + quarter + " comes after its " + previous.quarter() + " (line "
                        + previous.line() + "); list each item's quarters in time order, oldest first");
                continue;
            }
            if (previous != null && quarter.equals(previous.quarter())) {
                fields.error("quarter", item + " of " + quarter + " is already on line " + previous.line() + "; keep "
                        + "one row per item and quarter");
                continue;
            }
            last.put(item, fact);
            facts.add(fact);
        }
        if (errors.isEmpty() && facts.isEmpty()) {
            errors.add(new InputError(file, 0, "", "holds no rows; expected one reported number per row under the "
                    + "header " + String.join(",", COLUMNS)));
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        return new History(file, CsvTable.sha256(bytes), facts);
    }
}
