using ContactMetrics.Data.Reading;

namespace ContactMetrics.Data.Schemas;

/// <summary>
/// The schema of one table (DESIGN.md "Table schemas"): its columns in order, which of them a file
/// must have, and how a row becomes a record.
/// </summary>
/// <typeparam name="TRecord">The domain record a row becomes.</typeparam>
internal abstract class Table<TRecord>
{
    private readonly Dictionary<string, Column<TRecord>> _byName;

    protected Table(string name, params Column<TRecord>[] columns)
    {
        Name = name;
        Columns = columns;
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i].Ordinal = i;
        }
        _byName = columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The schema name, e.g. <c>interactions</c>.</summary>
    public string Name { get; }

    /// <summary>The columns, in schema order (the order writers use).</summary>
    public IReadOnlyList<Column<TRecord>> Columns { get; }

    /// <summary>The column with this name, ignoring case; <see langword="null"/> if the schema has none.</summary>
    public Column<TRecord>? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Whether a file must have the column, under these options.</summary>
    public virtual bool IsRequired(Column column, TableReadOptions options) => column.Required;

    /// <summary>Turns the current row into a record; throws <see cref="RowRejectedException"/> or the domain's exceptions for an invalid row.</summary>
    public abstract TRecord Read(RowContext row);

    /// <summary>
    /// The key no two rows of a file may share, with the column an error names and what a repeat means;
    /// <see langword="null"/> when rows may repeat (purchases, touchpoints).
    /// </summary>
    public virtual (string Key, Column Column, string What)? UniqueKey(TRecord record) => null;
}
