using System.Globalization;
using System.Text;

namespace ContactMetrics.Data;

/// <summary>Formats the locations and messages of row errors and file errors, one way for all of them.</summary>
internal static class ErrorText
{
    /// <summary>Longest value kept in an error; an unclosed quote can make a cell as long as the rest of the file.</summary>
    internal const int MaxValueLength = 200;

    internal static string? Clip(string? value)
        => value is null || value.Length <= MaxValueLength ? value : string.Concat(value.AsSpan(0, MaxValueLength), "…");

    /// <summary><c>line 12</c> for CSV, <c>row 12</c> for Parquet.</summary>
    internal static string Location(TableFormat format, long line)
        => string.Create(CultureInfo.InvariantCulture, $"{(format == TableFormat.Csv ? "line" : "row")} {line}");

    /// <summary>
    /// <c>file, line 12, column 8: arrived_at '2025-13-01' is not ... [record i-12]</c>; the parts that
    /// are not known are left out.
    /// </summary>
    internal static string Describe(string? file, TableFormat format, long? line, int? column, string? columnName, string? value, string reason, string? recordId)
    {
        var text = new StringBuilder();
        if (file is not null)
        {
            text.Append(file);
        }
        if (line is long l)
        {
            text.Append(text.Length > 0 ? ", " : "").Append(Location(format, l));
        }
        if (column is int c)
        {
            text.Append(text.Length > 0 ? ", " : "").Append(CultureInfo.InvariantCulture, $"column {c}");
        }
        text.Append(text.Length > 0 ? ": " : "");
        if (columnName is not null)
        {
            text.Append(columnName).Append(value is null ? " (missing) " : $" '{value}' ");
        }
        text.Append(reason);
        if (recordId is not null)
        {
            text.Append(" [record ").Append(recordId).Append(']');
        }
        return text.ToString();
    }
}
