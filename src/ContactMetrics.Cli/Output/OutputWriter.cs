using ContactMetrics.Reporting;
using System.Text;
using ContactMetrics.Data;
using CsvHelper;
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
                WriteText(path, writer => WriteCsv(table, writer, rawCsv));
                break;
            case ".parquet":
                var ptable = output.PrimaryTable ?? throw new CliInputException($"--out {path}: this command has no table to write as Parquet; use a .json file.");
                ParquetColumns.Write(path, [.. ptable.Columns.Select(c => FigureText.SnakeCase(c.JsonName))],
                    [.. ptable.Rows.Select(r => r.Select(v => v switch { Fraction rate => rate.Value, PValue p => p.Value, People n => n.Value, NotApplicable => null, _ => v }).ToArray())], FigureText.Plain);
                break;
            default:
                throw new CliInputException($"--out {path}: unknown extension '{ext}'; use .csv, .parquet or .json.");
        }
    }

    /// <summary>Whether <c>--out</c> <paramref name="path"/> is a CSV file.</summary>
    public static bool IsCsv(string? path) => path is not null && Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes <paramref name="path"/> (its folder created) as UTF-8 without a byte-order mark, as <paramref name="write"/> writes it.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        write(writer);
    }

    private static void WriteCsv(FigureTable table, TextWriter writer, bool raw)
    {
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, leaveOpen: true);
        csv.WriteHeader(table.Columns.Select(c => FigureText.SnakeCase(c.JsonName)).ToArray());
        foreach (var row in table.Rows)
        {
            foreach (var value in row)
            {
                // Only text cells can be formulas: a negative number is written as the number it is.
                csv.WriteField(!raw && value is string text ? FigureText.NeutraliseFormula(text) : FigureText.Plain(value));
            }
            csv.EndRecord();
        }
        csv.Flush();
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
                    grid.AddRow(new Text(fact.Label), new Text(FigureText.Readable(fact.Value)));
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
                    t.AddRow(shown.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(FigureText.Readable(row[c]))).ToArray());
                }
                ansi.Write(t);
            }
            ansi.WriteLine();
        }
    }
}
