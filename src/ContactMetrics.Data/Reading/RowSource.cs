using System.Diagnostics.CodeAnalysis;
using ContactMetrics.Data.Schemas;
using NodaTime;

namespace ContactMetrics.Data.Reading;

/// <summary>
/// The rows of one file, one at a time, with typed access to the cells of the current row. A CSV
/// source parses cell text; a Parquet source converts typed values and parses only text columns.
/// </summary>
internal abstract class RowSource : IDisposable
{
    protected RowSource(string file, TableFormat format)
    {
        File = file;
        Format = format;
    }

    /// <summary>The file (or stream) name used in errors.</summary>
    public string File { get; }

    /// <summary>The file's format.</summary>
    public TableFormat Format { get; }

    /// <summary>The column names as the file has them (header row, Parquet schema), in file order.</summary>
    public abstract IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The line of the header, for header errors; <see langword="null"/> for formats without one.</summary>
    public virtual long? HeaderLine => null;

    /// <summary>The 1-based line (CSV) or row number (Parquet) where the current row starts.</summary>
    public abstract long RowLocation { get; }

    /// <summary>What is wrong with the current row as a whole (malformed quoting, field count), or <see langword="null"/>.</summary>
    public virtual string? RowProblem => null;

    /// <summary>The 0-based file column that <see cref="RowProblem"/> is about, when it is about one cell.</summary>
    public virtual int? RowProblemColumn => null;

    /// <summary>
    /// Called once, after the header has been matched to the schema, with the file columns that will
    /// be read and what each holds. A source can check types here (throwing <see cref="TableFormatException"/>)
    /// and add notes.
    /// </summary>
    public virtual void Prepare(IReadOnlyList<(int FileColumn, ColumnKind Kind, string SchemaName)> columns, ICollection<string> notes)
    {
    }

    /// <summary>Moves to the next data row; <see langword="false"/> at the end of the file.</summary>
    public abstract bool MoveNext();

    /// <summary>The line where the given cell of the current row starts (it differs from <see cref="RowLocation"/> after quoted line breaks).</summary>
    public virtual long CellLocation(int column) => RowLocation;

    /// <summary>The cell as text (invariant formatting for typed Parquet values); <see langword="null"/> or blank when missing.</summary>
    public abstract string? GetText(int column);

    /// <summary>The cell as an error shows it; <see langword="null"/> when missing or when it cannot be produced at all.</summary>
    public virtual string? ValueForError(int column) => IsMissing(column) ? null : GetText(column);

    /// <summary>Whether the cell is missing: null, empty or blank.</summary>
    public virtual bool IsMissing(int column) => CellText.IsBlank(GetText(column));

    /// <summary>How cell text is parsed (set from the read options before the first row).</summary>
    public virtual TextParsing Parsing { get; set; } = TextParsing.Iso;

    public virtual bool TryGetInstant(int column, out Instant value, [NotNullWhen(false)] out string? reason)
    {
        bool read = Parsing.TryParseInstant(Cell(column), out value, out reason, out var coercion);
        Coerced(column, coercion);
        return read;
    }

    public virtual bool TryGetDate(int column, out LocalDate value, [NotNullWhen(false)] out string? reason)
        => Parsing.TryParseDate(Cell(column), out value, out reason);

    public virtual bool TryGetDecimal(int column, out decimal value, [NotNullWhen(false)] out string? reason)
    {
        bool read = Parsing.TryParseDecimal(Cell(column), out value, out reason, out var coercion);
        Coerced(column, coercion);
        return read;
    }

    public virtual bool TryGetDouble(int column, out double value, [NotNullWhen(false)] out string? reason)
    {
        bool read = Parsing.TryParseDouble(Cell(column), out value, out reason, out var coercion);
        Coerced(column, coercion);
        return read;
    }

    public virtual bool TryGetBoolean(int column, out bool value, [NotNullWhen(false)] out string? reason)
    {
        bool read = TextParsing.TryParseBoolean(Cell(column), out value, out reason, out var coercion);
        Coerced(column, coercion);
        return read;
    }

    /// <summary>A cell's text for parsing; notes when it has blanks around it (which the parsers drop).</summary>
    public string Cell(int column)
    {
        string text = GetText(column) ?? "";
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            Coerced(column, Coercion.Trimmed);
        }
        return text;
    }

    private readonly Dictionary<(int Column, Coercion What), (long Count, long First)> _coerced = [];

    /// <summary>Counts a value of the current row that was read in another form than the schema's.</summary>
    public void Coerced(int column, Coercion what)
    {
        if (what == Coercion.None)
        {
            return;
        }
        _coerced[(column, what)] = _coerced.TryGetValue((column, what), out var seen) ? (seen.Count + 1, seen.First) : (1, CellLocation(column));
    }

    /// <summary>One note per column and kind of coerced value, in column order: how many, and where the first was.</summary>
    public virtual IEnumerable<string> CoercionNotes()
    {
        string unit = Format == TableFormat.Csv ? "line" : "row";
        return _coerced.OrderBy(c => c.Key).Select(c => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"column {c.Key.Column + 1} '{ColumnNames[c.Key.Column].Trim()}': {Parsing.Describe(c.Key.What, c.Value.Count)} (first on {unit} {c.Value.First})"));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
