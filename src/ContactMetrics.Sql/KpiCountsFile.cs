using System.Globalization;
using System.Text;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;

namespace ContactMetrics.Sql;

/// <summary>
/// The <c>kpi counts</c> table: one row per group, the dimensions asked for, the bucket (start with offset, length in
/// seconds), then every field of <see cref="KpiCounts"/> (docs/data.md), so a warehouse job's summary is a file any
/// engine or spreadsheet can merge by adding rows of the same key.
/// </summary>
public static class KpiCountsFile
{
    private static readonly (KpiDimensions Dimension, string Column, Func<GroupedKpiCounts, string?> Value)[] Keys =
    [
        (KpiDimensions.Agent, "agent", g => g.Agent),
        (KpiDimensions.Channel, "channel", g => g.Channel?.ToSchemaName()),
        (KpiDimensions.Direction, "direction", g => g.Direction?.ToSchemaName()),
        (KpiDimensions.Queue, "queue", g => g.Queue),
        (KpiDimensions.Reason, "reason", g => g.Reason),
        (KpiDimensions.Segment, "segment", g => g.Segment),
    ];

    private static readonly (string Column, Func<KpiCounts, long> Value)[] Counts =
    [
        ("offered_contacts", c => c.OfferedContacts),
        ("queued_contacts", c => c.QueuedContacts),
        ("answered_contacts", c => c.AnsweredContacts),
        ("abandoned_contacts", c => c.AbandonedContacts),
        ("answered_within_threshold", c => c.AnsweredWithinThreshold),
        ("abandoned_within_threshold", c => c.AbandonedWithinThreshold),
        ("short_abandoned_contacts", c => c.ShortAbandonedContacts),
        ("contained_contacts", c => c.ContainedContacts),
        ("handled_contacts", c => c.HandledContacts),
        ("handle_ms", c => c.HandleMilliseconds),
        ("talk_ms", c => c.TalkMilliseconds),
        ("hold_ms", c => c.HoldMilliseconds),
        ("acw_ms", c => c.AfterCallWorkMilliseconds),
        ("wait_answered_ms", c => c.WaitAnsweredMilliseconds),
        ("wait_abandoned_ms", c => c.WaitAbandonedMilliseconds),
        ("transferred_contacts", c => c.TransferredContacts),
        ("resolved_flagged", c => c.ResolvedFlagged),
        ("resolved_true", c => c.ResolvedTrue),
        ("fcr_eligible_contacts", c => c.FcrEligibleContacts),
        ("resolved_first_time", c => c.ResolvedFirstTime),
        ("repeat_contacts", c => c.RepeatContacts),
        .. Enumerable.Range(0, 5).Select(k => ($"csat_{k + 1}", (Func<KpiCounts, long>)(c => c.CsatHistogram[k]))),
        .. Enumerable.Range(0, 11).Select(k => ($"nps_{k}", (Func<KpiCounts, long>)(c => c.NpsHistogram[k]))),
        .. Enumerable.Range(0, 7).Select(k => ($"ces_{k + 1}", (Func<KpiCounts, long>)(c => c.CesHistogram[k]))),
        ("issues_resolved_first_time", c => c.IssuesResolvedFirstTime),
        ("asynchronous", c => c.AsynchronousContacts),
        ("asynchronous_answered", c => c.AsynchronousAnswered),
        ("response_ms", c => c.ResponseMilliseconds),
        ("response_within_target", c => c.AnsweredWithinResponseTarget),
        .. Enumerable.Range(0, KpiCounts.ResponseTimeBucketBounds.Count + 1).Select(k => ($"response_bucket_{k}", (Func<KpiCounts, long>)(c => c.ResponseTimeHistogram[k]))),
    ];

    /// <summary>Writes the groups as a CSV <c>kpi counts</c> table.</summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <param name="groups">The groups.</param>
    /// <param name="dimensions">The dimensions the groups were made by (their columns are written).</param>
    /// <param name="bucketed">Whether the groups have time buckets (bucket_start and bucket_seconds are written).</param>
    /// <returns>The number of rows written.</returns>
    public static int Write(string path, IEnumerable<GroupedKpiCounts> groups, KpiDimensions dimensions, bool bucketed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(groups);
        var keys = Keys.Where(k => dimensions.HasFlag(k.Dimension)).ToArray();
        var header = keys.Select(k => k.Column).Concat(bucketed ? ["bucket_start", "bucket_seconds"] : []).Concat(Counts.Select(c => c.Column));
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine(string.Join(",", header));
        int rows = 0;
        foreach (var g in groups)
        {
            var cells = keys.Select(k => Quote(k.Value(g)));
            if (bucketed)
            {
                cells = cells.Append(g.BucketStart is { } s ? NodaTime.Text.OffsetDateTimePattern.Rfc3339.Format(s.ToOffsetDateTime()) : "")
                    .Append(g.BucketLength is { } l ? ((long)l.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "");
            }
            writer.WriteLine(string.Join(",", cells.Concat(Counts.Select(c => c.Value(g.Counts).ToString(CultureInfo.InvariantCulture)))));
            rows++;
        }
        return rows;
    }

    private static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
