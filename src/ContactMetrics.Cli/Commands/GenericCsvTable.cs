using System.Globalization;
using CsvHelper;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// Any CSV table (comma-separated, RFC 4180 quoting, header row), read whole for the analysis commands that take
/// column names (<c>retention km</c>, <c>retention cox</c>). Columns are looked up case-insensitively; a missing
/// column or a bad cell is a <see cref="CliInputException"/> naming the file, the line and the column (exit code 2).
/// </summary>
internal sealed class GenericCsvTable
{
    private readonly string[] _header;
    private readonly List<(long Line, string[] Cells)> _rows;

    private GenericCsvTable(string path, string[] header, List<(long Line, string[] Cells)> rows)
    {
        Path = path;
        _header = header;
        _rows = rows;
    }

    public string Path { get; }

    public int Count => _rows.Count;

    public static GenericCsvTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"{path}: file not found.");
        }
        var records = Parse(path);
        if (records.Count == 0)
        {
            throw new CliInputException($"{path}: the file is empty; a header row is needed.");
        }
        var header = records[0].Cells.Select(h => h.Trim()).ToArray();
        var rows = new List<(long, string[])>(records.Count - 1);
        foreach (var (line, cells) in records.Skip(1))
        {
            if (cells.Length == 1 && cells[0].Length == 0)
            {
                continue;
            }
            if (cells.Length != header.Length)
            {
                throw new CliInputException($"{path}:{line}: {cells.Length} cells, but the header has {header.Length} columns.");
            }
            rows.Add((line, cells));
        }
        return new GenericCsvTable(path, header, rows);
    }

    /// <summary>The index of a column, or an error naming the option, the column and the columns there are.</summary>
    public int Column(string option, string name)
    {
        int k = Array.FindIndex(_header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        return k >= 0 ? k : throw new CliInputException($"{Path}: {option}: no column '{name}'; the columns are {string.Join(", ", _header)}.");
    }

    public string Name(int column) => _header[column];

    public double[] Numbers(int column, Func<double, bool>? valid = null, string? requirement = null)
    {
        var values = new double[_rows.Count];
        for (int i = 0; i < _rows.Count; i++)
        {
            string text = _rows[i].Cells[column].Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            {
                throw Bad(i, column, text, text.Length == 0 ? "is missing; a number is needed" : "is not a number");
            }
            if (valid is not null && !valid(v))
            {
                throw Bad(i, column, text, requirement ?? "is out of range");
            }
            values[i] = v;
        }
        return values;
    }

    /// <summary>An event indicator: 1/0, true/false, yes/no.</summary>
    public bool[] Flags(int column)
    {
        var values = new bool[_rows.Count];
        for (int i = 0; i < _rows.Count; i++)
        {
            string text = _rows[i].Cells[column].Trim();
            values[i] = text.ToLowerInvariant() switch
            {
                "1" or "true" or "yes" => true,
                "0" or "false" or "no" => false,
                _ => throw Bad(i, column, text, "is not an event indicator (1/0, true/false)"),
            };
        }
        return values;
    }

    public string[] Labels(int column)
    {
        var values = new string[_rows.Count];
        for (int i = 0; i < _rows.Count; i++)
        {
            string text = _rows[i].Cells[column].Trim();
            values[i] = text.Length > 0 ? text : throw Bad(i, column, text, "is missing; a label is needed");
        }
        return values;
    }

    private CliInputException Bad(int row, int column, string text, string reason) =>
        new($"{Path}:{_rows[row].Line}: column '{_header[column]}': '{text}' {reason}.");

    /// <summary>All records (header first) with the line each starts on, read by CsvHelper (RFC 4180, BOM, CRLF, quoted line breaks).</summary>
    private static List<(long Line, string[] Cells)> Parse(string path)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            TrimWhitespace = false,
            DetectSeparatorHint = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
        };
        var records = new List<(long, string[])>();
        using var stream = File.OpenRead(path);
        using var reader = CsvReader.Create(stream, options, leaveOpen: false);
        try
        {
            while (reader.Read())
            {
                var cells = new string[reader.FieldCount];
                for (int c = 0; c < cells.Length; c++)
                {
                    cells[c] = reader.GetString(c) ?? "";
                }
                records.Add((reader.LineNumber, cells));
            }
        }
        catch (CsvFormatException e)
        {
            throw new CliInputException($"{path}:{e.LineNumber}: cannot be read as CSV: {e.Message}");
        }
        return records;
    }
}
