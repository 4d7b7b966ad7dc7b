package dev.runway.io;

import dev.runway.model.InputError;
import dev.runway.model.InputException;
import dev.runway.model.QuarterlyValue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a history or actuals file (docs/model.md §11): one number per row,
 * {@code quarter,item,value,unit,source}, with {@code #} comment lines. Every problem of the file
 * is reported at once, each at its line and column.
 */
public final class QuarterlyValuesReader {
    /** The columns, in the order the files give them. */
    public static final List<String> COLUMNS = List.of("quarter", "item", "value", "unit", "source");

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private QuarterlyValuesReader() {
    }

    /**
     * The values of the file, in its order.
     *
     * @throws InputException with every problem: a missing or unreadable file, a malformed row, a
     *                        quarter that is not a label such as FY2025Q1, an item that is not a name,
     *                        a value that is not a number, an empty source, the same quarter and item twice
     */
    public static List<QuarterlyValue> read(Path path) throws InputException {
        String file = path.toString();
        List<InputError> errors = new ArrayList<>();
        if (Files.notExists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(List.of(new InputError(file, 0, "", "missing file; expected a CSV with the "
                    + "columns " + String.join(",", COLUMNS) + ", one number per row")));
        }
        byte[] bytes = CsvTable.readBytes(path, file, errors);
        CsvTable table = bytes == null ? null : CsvTable.parse(file, bytes, COLUMNS, errors);
        List<QuarterlyValue> values = new ArrayList<>();
        if (table != null && COLUMNS.stream().allMatch(table::usable)) {
            Map<String, Integer> seen = new HashMap<>();
            for (CsvTable.Row row : table.rows()) {
                RowFields fields = new RowFields(table, row, errors);
                String quarter = fields.required("quarter", "a quarter such as FY2025Q1");
                if (!quarter.isEmpty() && !QuarterlyValue.isQuarter(quarter)) {
                    fields.error("quarter", "expected a quarter such as FY2025Q1 (fiscal) or 2025Q1, found '" + quarter
                            + "'");
                }
                String item = fields.required("item", "the item's name");
                if (!item.isEmpty() && !NAME.matcher(item).matches()) {
                    fields.error("item", "expected a name of letters, digits and _ starting with a letter, found '"
                            + item + "'");
                }
                double value = fields.number("value");
                String source = fields.required("source", "where the number comes from (publisher, title or address, "
                        + "date): every number needs its source");
                if (!fields.valid()) {
                    continue;
                }
                Integer earlier = seen.putIfAbsent(quarter + "\u0000" + item, row.line());
                if (earlier != null) {
                    fields.error("item", item + " in " + quarter + " is already on line " + earlier
                            + "; keep one number per quarter and item");
                    continue;
                }
                values.add(new QuarterlyValue(file, row.line(), quarter, item, value, table.cell(row, "unit"), source));
            }
            if (errors.isEmpty() && values.isEmpty()) {
                errors.add(new InputError(file, 0, "", "the file has no rows; expected one number per row with the "
                        + "columns " + String.join(",", COLUMNS)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        return List.copyOf(values);
    }
}
