using System.Globalization;
using ContactMetrics.Data.Schemas;

namespace ContactMetrics.Data.Reading;

/// <summary>
/// Matches a file's columns to a table schema: names are trimmed and compared ignoring case. A file
/// without columns, a schema column that appears twice, or a required column that is absent stop
/// reading with a <see cref="TableFormatException"/>; other columns are ignored with a note.
/// </summary>
internal static class HeaderBinding
{
    /// <returns>For each schema ordinal, the 0-based file column, or -1 when the file does not have it.</returns>
    public static int[] Bind<TRecord>(RowSource source, Table<TRecord> table, TableReadOptions options, ICollection<string> notes)
    {
        var names = source.ColumnNames;
        if (names.Count == 0)
        {
            throw new TableFormatException(source.File, source.Format, null, null, null, null,
                $"is empty: expected a header row with the {table.Name} columns ({string.Join(",", table.Columns.Select(c => c.Name))})");
        }

        var fileColumns = new int[table.Columns.Count];
        Array.Fill(fileColumns, -1);
        var ignored = new List<string>();
        var seenUnknown = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i].Trim();
            var column = table.Find(options.ColumnMap?.TargetOf(name) ?? name);
            if (column is null)
            {
                ignored.Add(name.Length == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{i + 1} (no name)")
                    : seenUnknown.TryGetValue(name, out int first)
                        ? string.Create(CultureInfo.InvariantCulture, $"{i + 1} '{names[i]}' (also column {first + 1})")
                        : Suggest(name, table, names) is string guess
                            ? string.Create(CultureInfo.InvariantCulture, $"{i + 1} '{names[i]}' (did you mean {guess}?)")
                            : string.Create(CultureInfo.InvariantCulture, $"{i + 1} '{names[i]}'"));
                seenUnknown.TryAdd(name, i);
                continue;
            }
            int previous = fileColumns[column.Ordinal];
            if (previous >= 0)
            {
                throw new TableFormatException(source.File, source.Format, source.HeaderLine, i + 1, names[i], null,
                    string.Create(CultureInfo.InvariantCulture, $"appears twice in the header: column {previous + 1} is '{names[previous]}' too, so it is not clear which to read"));
            }
            fileColumns[column.Ordinal] = i;
        }

        var missing = table.Columns.Where(c => fileColumns[c.Ordinal] < 0 && table.IsRequired(c, options)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            string hint = missing.Contains("currency") ? " (or set TableReadOptions.DefaultCurrency)" : "";
            var mapped = missing.Where(m => options.ColumnMap?.Columns.ContainsKey(m) == true).Select(m => $"{m} from '{options.ColumnMap!.Columns[m]}'").ToList();
            if (mapped.Count > 0)
            {
                hint += $" (the column map reads {string.Join(", ", mapped)}, which the file does not have)";
            }
            string separators = names.Count == 1 && (names[0].Contains(';') || names[0].Contains('\t'))
                ? "; the header looks separated by ';' or tabs: give the delimiter (--delimiter ';' or tab, TableReadOptions.Delimiter)"
                : "";
            throw new TableFormatException(source.File, source.Format, source.HeaderLine, null, null, null,
                $"lacks the required {table.Name} column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}{hint}{separators}; the columns found are {string.Join(",", names)}");
        }
        if (ignored.Count > 0)
        {
            notes.Add($"column{(ignored.Count > 1 ? "s" : "")} {string.Join(", ", ignored)} not part of the {table.Name} schema; ignored");
        }

        var used = table.Columns
            .Where(c => fileColumns[c.Ordinal] >= 0)
            .Select(c => (fileColumns[c.Ordinal], c.Kind, c.Name))
            .ToList();
        source.Prepare(used, notes);
        return fileColumns;
    }

    /// <summary>
    /// The schema column an unknown name most likely meant, among those the file lacks: one within a small edit distance
    /// (<c>custmer_id</c>: customer_id), or one the name extends with a word (<c>csat_score</c>: csat); null when none is close.
    /// </summary>
    private static string? Suggest<TRecord>(string name, Table<TRecord> table, IReadOnlyList<string> names)
        => Closest(name, table.Columns.Select(c => c.Name).Where(c => !names.Any(n => n.Trim().Equals(c, StringComparison.OrdinalIgnoreCase))));

    /// <summary>The candidate a name most likely meant: within a small edit distance, or one the name extends with a word; null when none is close.</summary>
    internal static string? Closest(string name, IEnumerable<string> candidates)
    {
        string lower = name.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            string target = candidate.ToLowerInvariant();
            int distance = lower.StartsWith(target + "_", StringComparison.Ordinal) || lower.EndsWith("_" + target, StringComparison.Ordinal)
                ? 1
                : EditDistance(lower, target);
            if (distance <= Math.Max(1, target.Length / 4) && distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance (insertions, deletions and substitutions each cost 1).</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
