using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ContactMetrics.Data.Tests;

/// <summary>Whatever mix of good and bad rows a file has, every row is either accepted or rejected with an error.</summary>
public sealed class ReportInvariantTests
{
    // Each kind of row: a good one, and one defect per kind of check.
    private static readonly string[] RowKinds =
    [
        "{0},phone,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z,4",
        "{0},fax,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z,4",
        "{0},phone,not a time,2025-03-01T09:20:00Z,4",
        "{0},phone,2025-03-01T09:15:00Z,2025-03-01T09:10:00Z,4",
        "{0},phone,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z,9",
        "{0},phone,2025-03-01T09:15:00Z,,4",
        "{0},phone",
        "{0},\"phone\"x,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z,4",
        "{0},chat,2025-03-01T09:15:00Z,2025-03-01T09:20:00Z,",
    ];

    private static readonly bool[] IsGood = [true, false, false, false, false, false, false, false, true];

    [Property(MaxTest = 60)]
    public Property ReadAllInteractions_AnyMixOfRows_AcceptedPlusRejectedIsReadAndEveryBadRowHasAnError()
    {
        var rows = Gen.Choose(0, RowKinds.Length - 1).ListOf().ToArbitrary();
        return Prop.ForAll(rows, kinds =>
        {
            using var dir = new TempDirectory();
            var lines = kinds.Select((k, i) => string.Format(System.Globalization.CultureInfo.InvariantCulture, RowKinds[k], $"i-{i}"));
            string path = dir.WriteText("i.csv", "interaction_id,channel,arrived_at,ended_at,csat\r\n" + string.Concat(lines.Select(l => l + "\r\n")));

            var (read, report) = Tables.ReadAllInteractions(path, Samples.Collect);

            int good = kinds.Count(k => IsGood[k]);
            var badLines = kinds.Select((k, i) => (k, Line: i + 2L)).Where(x => !IsGood[x.k]).Select(x => x.Line);
            return read.Count == good
                && report.RowsAccepted == good
                && report.RowsRead == kinds.Count
                && report.RowsRead == report.RowsAccepted + report.RowsRejected
                && report.Errors.Select(e => e.Line).SequenceEqual(badLines);
        });
    }
}
