using System.Collections.Immutable;
using ContactMetrics.Data.Reading;
using ContactMetrics.Data.Schemas;

namespace ContactMetrics.Data;

/// <summary>
/// Which file column each schema column is read from, for files whose header uses other names (<c>customer_id</c> from
/// <c>ID</c>). Schema columns not in the map are matched by name as usual. Immutable; see <see cref="Parse"/> and
/// <see cref="Presets"/>.
/// </summary>
/// <remarks>
/// One map may serve several tables (a map for interactions and customers): a file reads the entries whose schema column
/// its table has. A mapped file column takes the schema column's place, so a file with both the mapped name and the
/// schema name has the column twice, which is an error.
/// </remarks>
public sealed class ColumnMap
{
    private readonly ImmutableDictionary<string, string> _bySource;

    private ColumnMap(ImmutableSortedDictionary<string, string> columns)
    {
        Columns = columns;
        _bySource = columns.ToImmutableDictionary(c => c.Value, c => c.Key, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every schema column name of the tables a map can serve, sorted.</summary>
    private static IReadOnlyList<string> AllColumns { get; } = new[]
    {
        InteractionsTable.Instance.Columns.Select(c => c.Name),
        CustomersTable.Instance.Columns.Select(c => c.Name),
        MoneyEventTables.Purchases.Columns.Select(c => c.Name),
        MoneyEventTables.Conversions.Columns.Select(c => c.Name),
        TouchpointsTable.Instance.Columns.Select(c => c.Name),
        RfmSummaryTable.Instance.Columns.Select(c => c.Name),
    }.SelectMany(n => n).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The built-in maps for layouts of other tools, by name: <c>cdnow</c>, the CDNOW summary of Fader, Hardie and Lee
    /// (2005) as the lifetimes and BTYD packages ship it (<c>ID,x,t_x,T,zbar</c>: customer_id, frequency, recency, T,
    /// monetary_value of an rfm summary).
    /// </summary>
    public static IReadOnlyDictionary<string, ColumnMap> Presets { get; } = new Dictionary<string, ColumnMap>(StringComparer.OrdinalIgnoreCase)
    {
        ["cdnow"] = Create("customer_id=ID,frequency=x,recency=t_x,T=T,monetary_value=zbar"),
    }.AsReadOnly();

    /// <summary>Schema column name to file column name, ordered by schema column name.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; }

    /// <summary>
    /// Reads a map written as <c>customer_id=ID,arrived_at=Start</c> (schema column = file column, comma-separated),
    /// where an entry may also be the name of a preset (<c>cdnow</c>, <c>cdnow,customer_id=CustId</c>; a later entry for
    /// the same schema column replaces the preset's). Names are trimmed; schema names ignore case.
    /// </summary>
    /// <param name="text">The map.</param>
    /// <returns>The map.</returns>
    /// <exception cref="ArgumentException">An entry names a column that no table has, an unknown preset, a schema column
    /// twice, or two schema columns for one file column; the message names the entry and says what is allowed.</exception>
    public static ColumnMap Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return Create(text);
    }

    private static ColumnMap Create(string text)
    {
        var columns = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var explicitTargets = new HashSet<string>(StringComparer.Ordinal);
        foreach (string entry in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                if (!Presets.TryGetValue(entry, out var preset))
                {
                    throw new ArgumentException($"'{entry}' is neither schema_column=FileColumn nor a preset ({string.Join(", ", Presets.Keys)})", nameof(text));
                }
                foreach (var (target, source) in preset.Columns)
                {
                    columns[target] = source;
                }
                continue;
            }
            string name = entry[..equals].Trim();
            string file = entry[(equals + 1)..].Trim();
            string target2 = SchemaName(name, entry);
            if (file.Length == 0)
            {
                throw new ArgumentException($"'{entry}' names no file column after '='; write {target2}=TheirName", nameof(text));
            }
            if (!explicitTargets.Add(target2))
            {
                throw new ArgumentException($"'{entry}' maps {target2} a second time; give each schema column one file column", nameof(text));
            }
            columns[target2] = file;
        }
        var repeated = columns.GroupBy(c => c.Value, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"file column '{repeated.Key}' is mapped to {string.Join(" and ", repeated.Select(c => c.Key))}; a file column can be read as one schema column", nameof(text));
        }
        return new ColumnMap(columns.ToImmutable());
    }

    /// <summary>The schema column <paramref name="name"/> names, in the schema's spelling.</summary>
    private static string SchemaName(string name, string entry)
    {
        if (AllColumns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase)) is string known)
        {
            return known;
        }
        string? guess = HeaderBinding.Closest(name, AllColumns);
        throw new ArgumentException(
            $"'{entry}': {(name.Length == 0 ? "no schema column before '='" : $"'{name}' is not a column of any table")}{(guess is null ? "" : $" (did you mean {guess}?)")}; the columns are {string.Join(", ", AllColumns)}",
            nameof(entry));
    }

    /// <summary>The schema column a file column is read as; <see langword="null"/> when the map has no entry for it.</summary>
    internal string? TargetOf(string fileColumn) => _bySource.GetValueOrDefault(fileColumn.Trim());

    /// <summary>The map written back as <see cref="Parse"/> reads it.</summary>
    /// <returns>The entries, <c>schema=file</c>, comma-separated.</returns>
    public override string ToString() => string.Join(",", Columns.Select(c => $"{c.Key}={c.Value}"));
}
