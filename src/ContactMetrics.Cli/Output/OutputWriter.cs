using System.Globalization;
using ContactMetrics.Reporting;
using System.Text;
using System.Text.Json;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using CsvHelper;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace ContactMetrics.Cli.Output;

/// <summary>
/// Renders <see cref="FigureSheet"/> in the DESIGN.md conventions: JSON in camelCase, rates as
/// fractions, durations as seconds, money as <c>{ "amount": 12.5, "currency": "EUR" }</c>, instants
/// as ISO-8601; the table format for people; CSV for the primary table.
/// </summary>
internal static class OutputWriter
{
    /// <param name="output">The result.</param>
    /// <param name="format">How to print it.</param>
    /// <param name="outPath">A file to write it to as well, or null.</param>
    /// <param name="console">Where to print.</param>
    /// <param name="rawCsv">Write CSV text cells as they are, without neutralising formula prefixes (<c>--raw-csv</c>).</param>
    public static void Write(FigureSheet output, OutputFormat format, string? outPath, CliConsole console, bool rawCsv = false)
    {
        if (console.ReadingNotes.Count > 0)
        {
            output.Add("readingNotes", "Reading notes", jsonOnly: true)
                .Fact("notes", "Notes", console.ReadingNotes.GroupBy(n => n.File).ToDictionary(g => g.Key, g => (object?)string.Join("; ", g.Select(n => n.Note))));
        }
        console.PrintedSheet = output;
        if (outPath is not null)
        {
            WriteFile(output, outPath, rawCsv);
        }
        switch (format)
        {
            case OutputFormat.Json:
                console.Out.WriteLine(output.ToJson());
                break;
            case OutputFormat.Csv:
                var table = output.PrimaryTable ?? throw new CliInputException("This command has no table to print as CSV; use --format table or json.");
                WriteCsv(table, console.Out, rawCsv);
                break;
            default:
                WriteTable(output, console);
                break;
        }
    }

    private static void WriteFile(FigureSheet output, string path, bool rawCsv)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }
        switch (ext)
        {
            case ".json":
                File.WriteAllText(path, output.ToJson() + "\n", new UTF8Encoding(false));
                break;
            case ".csv":
                var table = output.PrimaryTable ?? throw new CliInputException($"--out {path}: this command has no table to write as CSV; use a .json file.");
                using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
                {
                    WriteCsv(table, writer, rawCsv);
                }
                break;
            case ".parquet":
                var ptable = output.PrimaryTable ?? throw new CliInputException($"--out {path}: this command has no table to write as Parquet; use a .json file.");
                ParquetColumns.Write(path, [.. ptable.Columns.Select(c => ToSnakeCase(c.JsonName))],
                    [.. ptable.Rows.Select(r => r.Select(v => v switch { Fraction rate => rate.Value, PValue p => p.Value, NotApplicable => null, _ => v }).ToArray())], FormatPlain);
                break;
            default:
                throw new CliInputException($"--out {path}: unknown extension '{ext}'; use .csv, .parquet or .json.");
        }
    }

    private static void WriteCsv(FigureTable table, TextWriter writer, bool raw)
    {
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, leaveOpen: true);
        csv.WriteHeader(table.Columns.Select(c => ToSnakeCase(c.JsonName)).ToArray());
        foreach (var row in table.Rows)
        {
            foreach (var value in row)
            {
                // Only text cells can be formulas: a negative number is written as the number it is.
                csv.WriteField(!raw && value is string text ? NeutraliseFormula(text) : FormatPlain(value));
            }
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>
    /// A text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return;
    /// CWE-1236, OWASP "CSV injection") gets a leading apostrophe, which spreadsheets show as text and do not run.
    /// </summary>
    internal static string NeutraliseFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    internal static string ToSnakeCase(string camel)
    {
        var sb = new StringBuilder(camel.Length + 4);
        foreach (char c in camel)
        {
            if (char.IsUpper(c))
            {
                if (sb.Length > 0)
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>Machine-readable text: invariant culture, money as its amount, durations as seconds.</summary>
    internal static string FormatPlain(object? value) => value switch
    {
        null or NotApplicable => "",
        // CSV has no NaN or infinity either: an undefined number is an empty (missing) cell, as null is in JSON.
        double d when !double.IsFinite(d) => "",
        Fraction r when !double.IsFinite(r.Value) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        Fraction r => r.Value.ToString("R", CultureInfo.InvariantCulture),
        PValue p when !double.IsFinite(p.Value) => "",
        PValue p => p.Value.ToString("R", CultureInfo.InvariantCulture),
        Money m => m.Amount.ToString(CultureInfo.InvariantCulture),
        Duration d => d.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
        Instant i => InstantPattern.ExtendedIso.Format(i),
        LocalDate ld => LocalDatePattern.Iso.Format(ld),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Readable text for people: thousands separators, rounded numbers, money with its currency.</summary>
    internal static string FormatReadable(object? value) => value switch
    {
        null => "-",
        NotApplicable => "n/a",
        // No NaN or Infinity for people (DESIGN.md): an undefined number reads as missing.
        Fraction r when !double.IsFinite(r.Value) => "-",
        Fraction r => r.Value.ToString("0.0%", CultureInfo.InvariantCulture),
        PValue p => p.ToString(),
        int i => i.ToString("N0", CultureInfo.InvariantCulture),
        long l => l.ToString("N0", CultureInfo.InvariantCulture),
        double d when !double.IsFinite(d) => "-",
        double d when Math.Abs(d) >= 1e15 => d.ToString("G4", CultureInfo.InvariantCulture),
        double d when Math.Abs(d) >= 1000 => d.ToString("N0", CultureInfo.InvariantCulture),
        // Below 1, three significant digits (an estimate, a survival, a limit: 0.962, 0.0474); from 1, two decimals.
        double d when d != 0 && Math.Abs(d) < 1 => d.ToString("G3", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        decimal m => m.ToString("N2", CultureInfo.InvariantCulture),
        Money m => $"{m.Amount.ToString("N2", CultureInfo.InvariantCulture)} {m.Currency}",
        Duration d => ReadableDuration(d),
        IReadOnlyDictionary<string, object?> obj => string.Join(", ", obj.Select(kv => $"{kv.Key} {FormatReadable(kv.Value)}")),
        _ => FormatPlain(value),
    };

    /// <summary>Seconds below a minute, then minutes, hours or days, whichever reads best (JSON and CSV keep seconds).</summary>
    internal static string ReadableDuration(Duration d)
    {
        double s = d.TotalSeconds;
        return Math.Abs(s) switch
        {
            >= 86400 => $"{(s / 86400).ToString("0.##", CultureInfo.InvariantCulture)} d",
            >= 3600 => $"{(s / 3600).ToString("0.##", CultureInfo.InvariantCulture)} h",
            >= 60 => $"{(s / 60).ToString("0.##", CultureInfo.InvariantCulture)} min",
            _ => $"{s.ToString("0.#", CultureInfo.InvariantCulture)} s",
        };
    }

    private static void WriteTable(FigureSheet output, CliConsole console)
    {
        var ansi = console.Ansi;
        foreach (var section in output.Sections.Where(s => !s.JsonOnly))
        {
            ansi.Write(new Rule($"[bold]{Markup.Escape(section.Title)}[/]").LeftJustified());
            if (section.Note is not null)
            {
                ansi.WriteLine(section.Note);
            }
            if (section.Facts.Count > 0)
            {
                var grid = new Grid().AddColumn().AddColumn();
                foreach (var fact in section.Facts)
                {
                    grid.AddRow(new Text(fact.Label), new Text(FormatReadable(fact.Value)));
                }
                ansi.Write(grid);
            }
            if (section.Table is { } table)
            {
                var t = new Table().Border(TableBorder.Simple);
                var shown = Enumerable.Range(0, table.Columns.Count).Where(c => !table.Columns[c].Detail).ToArray();
                foreach (var column in shown.Select(c => table.Columns[c]))
                {
                    var c = new TableColumn(Markup.Escape(column.Heading));
                    if (column.RightAligned)
                    {
                        c.RightAligned();
                    }
                    t.AddColumn(c);
                }
                foreach (var row in table.Rows)
                {
                    t.AddRow(shown.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(FormatReadable(row[c]))).ToArray());
                }
                ansi.Write(t);
            }
            ansi.WriteLine();
        }
    }
}
