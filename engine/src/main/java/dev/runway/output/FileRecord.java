package dev.runway.output;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import com.opencsv.exceptions.CsvException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The record of the files a run wrote into its output folder: {@code files.csv}, one row per
 * file ({@code file,bytes,sha256}, paths relative to the folder with {@code /}, sorted), written
 * last and not listing itself. A folder whose contents are exactly its record (the same files,
 * each of the recorded size and SHA-256, and no other file or folder) holds nothing but what a
 * Runway run wrote, so a later run may replace it; anything else in it may be the user's.
 */
public final class FileRecord {
    /** The record's file name, at the top of an output folder. */
    public static final String NAME = "files.csv";
    private static final String[] HEADER = OutputFiles.FilesCsv.SCHEMA.header().toArray(new String[0]);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** One recorded file: its path relative to the folder (with {@code /}), size and SHA-256. */
    public record Entry(String file, long bytes, String sha256) {
    }

    /** How a folder differs from its record. */
    public enum Kind {
        /** A file or folder the record does not list (the file is the relative path; a folder's ends in /). */
        EXTRA,
        /** A recorded file that is not there, or is not a regular file. */
        MISSING,
        /** A recorded file of another size. */
        RESIZED,
        /** A recorded file of the recorded size whose content differs. */
        CHANGED
    }

    /** The first way, in the order of paths, that a folder differs from a record. */
    public record Difference(Kind kind, String file, long bytes, long recordedBytes) {
    }

    /** A record that cannot be read back: the reason, with the line. */
    public static final class MalformedRecordException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedRecordException(String message) {
            super(message);
        }
    }

    private final SortedMap<String, Entry> entries;

    private FileRecord(SortedMap<String, Entry> entries) {
        this.entries = Collections.unmodifiableSortedMap(entries);
    }

    /** The recorded files by relative path, in order. */
    public SortedMap<String, Entry> entries() {
        return entries;
    }

    /**
     * The record of every regular file under {@code folder}, except the record itself and the
     * top-level files named in {@code skipped}. With {@code sync}, each file is also forced to
     * the disk as it is hashed, so the record never describes bytes still only in memory.
     *
     * @throws IOException if a file cannot be read, or the folder holds something other than
     *         files and folders (Runway writes neither links nor special files)
     */
    static FileRecord of(Path folder, Set<String> skipped, boolean sync) throws IOException {
        SortedMap<String, Entry> entries = new TreeMap<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = relative(folder, file);
                if (name.equals(NAME) || skipped.contains(name)) {
                    return FileVisitResult.CONTINUE;
                }
                if (!attributes.isRegularFile()) {
                    throw new IOException(file + " is not a regular file");
                }
                entries.put(name, new Entry(name, attributes.size(), sha256(file, sync)));
                return FileVisitResult.CONTINUE;
            }
        });
        return new FileRecord(entries);
    }

    /** Writes the record as {@code files.csv} into {@code folder} and forces it to the disk. */
    void writeTo(Path folder) throws IOException {
        StringWriter text = new StringWriter();
        try (ICSVWriter csv = new CSVWriterBuilder(text).withLineEnd("\n").build()) {
            csv.writeNext(HEADER, false);
            for (Entry entry : entries.values()) {
                csv.writeNext(new String[] {entry.file(), Long.toString(entry.bytes()), entry.sha256()}, false);
            }
        }
        Path file = folder.resolve(NAME);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (IOException e) {
            throw OutputFolder.onFile(file, e);
        }
    }

    /**
     * Reads the record of {@code folder}.
     *
     * @throws java.nio.file.NoSuchFileException if the folder has no record
     * @throws MalformedRecordException if it is not a record Runway could have written
     */
    public static FileRecord read(Path folder) throws IOException {
        return parse(Files.readAllBytes(folder.resolve(NAME)));
    }

    /** The SHA-256 of the record of {@code folder} as it is on the disk, or null if it has none. */
    static String digest(Path folder) throws IOException {
        try {
            return digest(Files.readAllBytes(folder.resolve(NAME)));
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    /** The SHA-256 of the bytes of a record: what identifies the run that wrote it. */
    static String digest(byte[] record) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(record));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The record in the bytes of a {@code files.csv}. */
    static FileRecord parse(byte[] record) throws IOException {
        List<String[]> rows;
        try (Reader reader = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(record),
                StandardCharsets.UTF_8.newDecoder());
                CSVReader csv = new CSVReaderBuilder(reader).build()) {
            rows = csv.readAll();
        } catch (CsvException e) {
            throw new MalformedRecordException("line " + e.getLineNumber() + ": " + e.getMessage());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedRecordException("not UTF-8 text");
        }
        if (rows.isEmpty() || !List.of(HEADER).equals(List.of(rows.get(0)))) {
            throw new MalformedRecordException("line 1: expected the header " + String.join(",", HEADER));
        }
        SortedMap<String, Entry> entries = new TreeMap<>();
        for (int i = 1; i < rows.size(); i++) {
            String[] row = rows.get(i);
            String where = "line " + (i + 1) + ": ";
            if (row.length != HEADER.length) {
                throw new MalformedRecordException(where + "expected 3 columns, found " + row.length);
            }
            if (!isRelativeFile(row[0]) || row[0].equals(NAME)) {
                throw new MalformedRecordException(where + "expected a file inside the folder, found '" + row[0] + "'");
            }
            long bytes;
            try {
                bytes = Long.parseLong(row[1]);
            } catch (NumberFormatException e) {
                bytes = -1;
            }
            if (bytes < 0) {
                throw new MalformedRecordException(where + "expected a size in bytes, found '" + row[1] + "'");
            }
            if (!SHA256.matcher(row[2]).matches()) {
                throw new MalformedRecordException(where + "expected a SHA-256 (64 hex digits), found '" + row[2] + "'");
            }
            if (entries.put(row[0], new Entry(row[0], bytes, row[2])) != null) {
                throw new MalformedRecordException(where + row[0] + " is listed twice");
            }
        }
        return new FileRecord(entries);
    }

    /** A relative path of names joined by /, none of them empty, "." or "..". */
    private static boolean isRelativeFile(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")) {
            return false;
        }
        for (String name : path.split("/", -1)) {
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first difference, in the order of relative paths, between what {@code folder} holds
     * and this record, or null if it holds exactly the recorded files: no other file, no link or
     * special file, no folder but those the recorded files are in. The record itself and the
     * top-level names in {@code ignored} are not compared.
     */
    public Difference differenceFrom(Path folder, Set<String> ignored) throws IOException {
        SortedMap<String, BasicFileAttributes> found = new TreeMap<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (!dir.equals(folder)) {
                    found.put(relative(folder, dir) + "/", attributes);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = relative(folder, file);
                if (!name.equals(NAME) && !ignored.contains(name)) {
                    found.put(name, attributes);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Set<String> recordedFolders = new TreeSet<>();
        for (String file : entries.keySet()) {
            for (int slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
                recordedFolders.add(file.substring(0, slash + 1));
            }
        }
        SortedMap<String, Object> all = new TreeMap<>();
        found.forEach(all::put);
        entries.forEach(all::put);
        for (Map.Entry<String, Object> path : all.entrySet()) {
            String name = path.getKey();
            BasicFileAttributes attributes = found.get(name);
            if (name.endsWith("/")) {
                if (!recordedFolders.contains(name)) {
                    return new Difference(Kind.EXTRA, name, 0, 0);
                }
                continue;
            }
            Entry entry = entries.get(name);
            if (entry == null) {
                return new Difference(Kind.EXTRA, name, attributes.size(), 0);
            }
            if (attributes == null || !attributes.isRegularFile()) {
                return new Difference(Kind.MISSING, name, 0, entry.bytes());
            }
            if (attributes.size() != entry.bytes()) {
                return new Difference(Kind.RESIZED, name, attributes.size(), entry.bytes());
            }
            if (!sha256(folder.resolve(name), false).equals(entry.sha256())) {
                return new Difference(Kind.CHANGED, name, attributes.size(), entry.bytes());
            }
        }
        return null;
    }

    /** The path of {@code file} relative to {@code folder}, with / between names on every platform. */
    static String relative(Path folder, Path file) {
        Path relative = folder.relativize(file);
        List<String> names = new ArrayList<>();
        relative.forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }

    static String sha256(Path file, boolean sync) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        // Opened for writing only to force it: some platforms refuse to sync a file open for reading.
        try (FileChannel channel = sync
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
                : FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
            if (sync) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw OutputFolder.onFile(file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
