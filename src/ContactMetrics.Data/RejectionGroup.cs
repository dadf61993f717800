using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace ContactMetrics.Data;

/// <summary>
/// The rejected rows of a file that share a column and a reason ("arrived_at: is not an ISO 8601 instant"), counted
/// over every rejected row (not only the errors kept), with the first lines and an example value: what <c>validate</c>
/// prints instead of one line per row, so one systematic problem reads as one line.
/// </summary>
/// <param name="ColumnName">The column, or null for a problem of the whole row.</param>
/// <param name="Reason">The reason as the first such row states it.</param>
/// <param name="Rows">How many rows were rejected for it.</param>
/// <param name="FirstLines">The first lines (rows for Parquet) rejected for it, at most <see cref="RejectionGroup.MaxLinesKept"/>.</param>
/// <param name="ExampleValue">The first such row's value, or null.</param>
public sealed record RejectionGroup(string? ColumnName, string Reason, long Rows, ImmutableArray<long> FirstLines, string? ExampleValue)
{
    /// <summary>How many lines a group keeps.</summary>
    public const int MaxLinesKept = 3;

    /// <summary>
    /// The reason of the rows beyond <see cref="RejectionGroups.MaxGroups"/> distinct groups (a file with that many different
    /// problems is named as such rather than listed).
    /// </summary>
    public const string OtherReasons = "other reasons (more distinct problems than are grouped)";
}

/// <summary>Groups rejected rows by column and reason while a table is read: bounded in memory, whatever the file.</summary>
internal sealed partial class RejectionGroups
{
    /// <summary>The most distinct groups kept; rows of further groups are counted under <see cref="RejectionGroup.OtherReasons"/>.</summary>
    internal const int MaxGroups = 100;

    private readonly Dictionary<(string? Column, string Key), Builder> _groups = [];
    private readonly List<Builder> _order = [];
    private Builder? _other;

    /// <summary>Counts one rejected row. Numbers in the reason (a line it repeats, a bound) do not split groups.</summary>
    public void Add(RowError error)
    {
        // Most reasons hold no digit: the regex (and its string) only for those that do.
        string reason = error.Reason.AsSpan().IndexOfAnyInRange('0', '9') < 0 ? error.Reason : Digits().Replace(error.Reason, "#");
        var key = (error.ColumnName, reason);
        if (!_groups.TryGetValue(key, out var group))
        {
            if (_groups.Count >= MaxGroups)
            {
                group = _other ??= new Builder(null, RejectionGroup.OtherReasons, null);
            }
            else
            {
                group = new Builder(error.ColumnName, error.Reason, error.Value);
                _groups.Add(key, group);
                _order.Add(group);
            }
        }
        group.Rows++;
        if (group.Lines.Count < RejectionGroup.MaxLinesKept)
        {
            group.Lines.Add(error.Line);
        }
    }

    /// <summary>The groups in the order their first row was read, the overflow group last.</summary>
    public RejectionGroup[] ToArray() =>
        [.. _order.Append(_other).OfType<Builder>().Select(g => new RejectionGroup(g.Column, g.Reason, g.Rows, [.. g.Lines], g.Example))];

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    private sealed class Builder(string? column, string reason, string? example)
    {
        public string? Column { get; } = column;

        public string Reason { get; } = reason;

        public string? Example { get; } = example;

        public long Rows { get; set; }

        public List<long> Lines { get; } = [];
    }
}
