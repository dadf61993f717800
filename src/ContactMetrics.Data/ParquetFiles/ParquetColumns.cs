using System.Globalization;
using ContactMetrics.Data.Reading;
using ContactMetrics.Domain;
using NodaTime;
using NodaTime.Text;
using Parquet;
using Parquet.Schema;

namespace ContactMetrics.Data;

/// <summary>
/// Writes any table of named columns (a command's result, a per-group rollup) as a Parquet file, choosing each
/// column's type from its values: counts as INT64, other numbers as DOUBLE, instants as TIMESTAMP (microseconds, UTC),
/// dates as DATE, flags as BOOLEAN, anything else as text; every column nullable.
/// </summary>
/// <remarks>
/// A column is INT64 when every non-null value is an <see cref="int"/> or a <see cref="long"/>; DOUBLE when every
/// non-null value is one of those or a <see cref="double"/>, <see cref="decimal"/>, <see cref="Money"/> (its amount) or
/// <see cref="Duration"/> (its seconds); TIMESTAMP when every non-null value is an <see cref="Instant"/>; DATE when every
/// one is a <see cref="LocalDate"/>; BOOLEAN when every one is a <see cref="bool"/>; otherwise text. A column of nulls
/// only is text. All rows go to one row group, so this is for result tables, not for large data (use the writers of
/// <see cref="Tables"/> for those).
/// </remarks>
public static class ParquetColumns
{
    /// <summary>Writes the columns to a Parquet file, replacing it.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="names">The column names, as written to the file.</param>
    /// <param name="rows">The rows, each with one value (or <see langword="null"/>) per name.</param>
    /// <param name="format">How a value of a text column becomes text; <see langword="null"/> for invariant-culture
    /// text with instants and dates in ISO-8601.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="format"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A row's length differs from the number of names.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<object?>> rows, Func<object, string>? format = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(rows);
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r] is null || rows[r].Count != names.Count)
            {
                throw new ArgumentException($"Row {r} has {rows[r]?.Count ?? 0} values, but there are {names.Count} columns.", nameof(rows));
            }
        }
        Sync.Run(() => WriteAsync(path, names, rows, format ?? FormatInvariant));
    }

    private static async Task WriteAsync(string path, IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<object?>> rows, Func<object, string> format)
    {
        int n = names.Count;
        var kinds = new ValueKind[n];
        var fields = new DataField[n];
        for (int c = 0; c < n; c++)
        {
            kinds[c] = KindOf(rows.Select(r => r[c]));
            fields[c] = kinds[c] switch
            {
                ValueKind.Integer => new DataField<long?>(names[c]),
                ValueKind.Number => new DataField<double?>(names[c]),
                ValueKind.Instant => new DateTimeDataField(names[c], DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true),
                ValueKind.Date => new DataField<DateOnly?>(names[c]),
                ValueKind.Flag => new DataField<bool?>(names[c]),
                _ => new DataField<string>(names[c], true),
            };
        }
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                using var group = writer.CreateRowGroup();
                for (int c = 0; c < n; c++)
                {
                    switch (kinds[c])
                    {
                        case ValueKind.Integer:
                            await group.WriteAsync<long>(fields[c], rows.Select(r => r[c] switch { int i => i, long l => l, _ => (long?)null }).ToArray().AsMemory()).ConfigureAwait(false);
                            break;
                        case ValueKind.Instant:
                            await group.WriteAsync<DateTime>(fields[c], rows.Select(r => (r[c] as Instant?)?.ToDateTimeUtc()).ToArray().AsMemory()).ConfigureAwait(false);
                            break;
                        case ValueKind.Date:
                            await group.WriteAsync<DateOnly>(fields[c], rows.Select(r => (r[c] as LocalDate?)?.ToDateOnly()).ToArray().AsMemory()).ConfigureAwait(false);
                            break;
                        case ValueKind.Number:
                            await group.WriteAsync<double>(fields[c], rows.Select(r => ToDouble(r[c])).ToArray().AsMemory()).ConfigureAwait(false);
                            break;
                        case ValueKind.Flag:
                            await group.WriteAsync<bool>(fields[c], rows.Select(r => (bool?)r[c]).ToArray().AsMemory()).ConfigureAwait(false);
                            break;
                        default:
                            await group.WriteAsync(fields[c], rows.Select(r => r[c] is { } v ? format(v) : null!).ToArray()).ConfigureAwait(false);
                            break;
                    }
                }
            }
        }
    }

    private enum ValueKind
    {
        Text,
        Integer,
        Number,
        Instant,
        Date,
        Flag,
    }

    private static ValueKind KindOf(IEnumerable<object?> values)
    {
        var present = values.Where(v => v is not null).ToList();
        if (present.Count == 0)
        {
            return ValueKind.Text;
        }
        return present.All(v => v is int or long) ? ValueKind.Integer
            : present.All(v => v is int or long or double or decimal or Money or Duration) ? ValueKind.Number
            : present.All(v => v is Instant) ? ValueKind.Instant
            : present.All(v => v is LocalDate) ? ValueKind.Date
            : present.All(v => v is bool) ? ValueKind.Flag
            : ValueKind.Text;
    }

    private static double? ToDouble(object? value) => value switch
    {
        int i => i,
        long l => l,
        double d => d,
        decimal m => (double)m,
        Money m => (double)m.Amount,
        Duration d => d.TotalSeconds,
        _ => null,
    };

    private static string FormatInvariant(object value) => value switch
    {
        Instant i => InstantPattern.ExtendedIso.Format(i),
        LocalDate d => LocalDatePattern.Iso.Format(d),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
