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

    /// <summary>(part, whole) pairs of <see cref="Counts"/>: a count of a subset of another's contacts (docs/kpis.md).</summary>
    private static readonly (int Part, int Whole)[] Subsets =
    [
        .. new (string Part, string Whole)[]
        {
            ("queued_contacts", "offered_contacts"), ("answered_contacts", "queued_contacts"), ("abandoned_contacts", "queued_contacts"),
            ("answered_within_threshold", "answered_contacts"), ("abandoned_within_threshold", "abandoned_contacts"),
            ("short_abandoned_contacts", "abandoned_contacts"), ("contained_contacts", "offered_contacts"),
            ("transferred_contacts", "handled_contacts"), ("resolved_flagged", "handled_contacts"), ("resolved_true", "resolved_flagged"),
            ("fcr_eligible_contacts", "handled_contacts"), ("resolved_first_time", "fcr_eligible_contacts"), ("repeat_contacts", "fcr_eligible_contacts"),
            ("asynchronous", "offered_contacts"), ("asynchronous_answered", "asynchronous"), ("response_within_target", "asynchronous_answered"),
        }.Select(p => (Array.FindIndex(Counts, c => c.Column == p.Part), Array.FindIndex(Counts, c => c.Column == p.Whole))),
    ];

    /// <summary>Writes the groups as a <c>kpi counts</c> table: CSV, or Parquet when the name ends in <c>.parquet</c>.</summary>
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
        var types = keys.Select(k => (k.Column, "VARCHAR")).Concat(bucketed ? [("bucket_start", "VARCHAR"), ("bucket_seconds", "BIGINT")] : [])
            .Concat(Counts.Select(c => (c.Column, "BIGINT"))).ToList();
        int rows = 0;
        SummaryFiles.Write(path, types, writer =>
        {
            writer.WriteLine(string.Join(",", types.Select(t => t.Item1)));
            foreach (var g in groups)
            {
                var cells = keys.Select(k => SummaryFiles.Quote(k.Value(g)));
                if (bucketed)
                {
                    cells = cells.Append(g.BucketStart is { } s ? NodaTime.Text.OffsetDateTimePattern.Rfc3339.Format(s.ToOffsetDateTime()) : "")
                        .Append(g.BucketLength is { } l ? ((long)l.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "");
                }
                writer.WriteLine(string.Join(",", cells.Concat(Counts.Select(c => c.Value(g.Counts).ToString(CultureInfo.InvariantCulture)))));
                rows++;
            }
        });
        return rows;
    }

    /// <summary>
    /// Reads a <c>kpi counts</c> table (CSV or Parquet) row by row (<see cref="SummaryFiles.StreamRows(string, IReadOnlyList{string}, Func{Data.CsvColumnTable, int[]})"/>):
    /// its key columns tell the dimensions, <c>bucket_start</c> and <c>bucket_seconds</c> the buckets; rows with the same
    /// key (days or partitions of several runs) are added with +, so memory holds the groups, not the file.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The groups in the order of their first row, the dimensions, and whether they are bucketed.</returns>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">A count column is missing, or a cell is not what its column holds; the message names the file, line, column and value.</exception>
    public static (IReadOnlyList<GroupedKpiCounts> Groups, KpiDimensions Dimensions, bool Bucketed) Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        // The columns by number: the keys, the bucket's two (each optional: the file's header tells which it has), then every count.
        string[] columns = [.. Keys.Select(k => k.Column), "bucket_start", "bucket_seconds", .. Counts.Select(c => c.Column)];
        int start = Keys.Length, seconds = Keys.Length + 1, first = Keys.Length + 2;
        var dimensions = KpiDimensions.None;
        bool bucketed = false;
        int[] Find(Data.CsvColumnTable header)
        {
            int[] index = [.. columns.Select(header.IndexOf)];
            for (int k = first; k < columns.Length; k++)
            {
                if (index[k] < 0)
                {
                    throw new InvalidDataException($"{path}: the count column '{columns[k]}' is missing; a kpi counts table has every column of docs/data.md (contactmetrics summarize writes them).");
                }
            }
            dimensions = Keys.Where((_, k) => index[k] >= 0).Aggregate(KpiDimensions.None, (all, k) => all | k.Dimension);
            bucketed = index[start] >= 0 && index[seconds] >= 0;
            if (!bucketed && (index[start] >= 0 || index[seconds] >= 0))
            {
                // One of the two alone would read the file as unbucketed and add its buckets together.
                throw new InvalidDataException($"{path}: the column '{columns[index[start] < 0 ? start : seconds]}' is missing; a bucketed kpi counts table has both bucket_start and bucket_seconds (contactmetrics summarize writes them).");
            }
            return index;
        }
        var groups = new Dictionary<string, GroupedKpiCounts>(StringComparer.Ordinal);
        var counts = new long[Counts.Length];
        // The dimensions' positions among the columns (those of Keys), once.
        int agentAt = IndexOf(KpiDimensions.Agent), channelAt = IndexOf(KpiDimensions.Channel), directionAt = IndexOf(KpiDimensions.Direction),
            queueAt = IndexOf(KpiDimensions.Queue), reasonAt = IndexOf(KpiDimensions.Reason), segmentAt = IndexOf(KpiDimensions.Segment);
        foreach (var row in SummaryFiles.StreamRows(path, columns, Find))
        {
            Channel? channel = row.Optional(channelAt) is { } c
                ? (ChannelNames.TryParseChannel(c, out var ch) ? ch : throw row.Bad(channelAt, "is not a schema channel")) : null;
            Direction? direction = row.Optional(directionAt) is { } d
                ? (ChannelNames.TryParseDirection(d, out var dir) ? dir : throw row.Bad(directionAt, "is not inbound or outbound")) : null;
            NodaTime.ZonedDateTime? bucketStart = null;
            NodaTime.Duration? bucketLength = null;
            if (bucketed)
            {
                var parsed = NodaTime.Text.OffsetDateTimePattern.Rfc3339.Parse(row.Cell(start));
                bucketStart = parsed.Success ? parsed.Value.InFixedZone() : throw row.Bad(start, "is not an instant with its offset (e.g. 2025-03-30T00:00:00+01:00)");
                bucketLength = long.TryParse(row.Cell(seconds), NumberStyles.None, CultureInfo.InvariantCulture, out long s) && s > 0
                    ? NodaTime.Duration.FromSeconds(s) : throw row.Bad(seconds, "is not a positive whole number of seconds");
            }
            for (int k = 0; k < counts.Length; k++)
            {
                counts[k] = long.TryParse(row.Cell(first + k), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n
                    : throw row.Bad(first + k, "is not a count (a whole number at least 0)");
            }
            // A count of a subset above its set: the file's error, named here (KpiCounts would refuse it, or a rate pass 1).
            foreach (var (part, whole) in Subsets)
            {
                if (counts[part] > counts[whole])
                {
                    throw row.Bad(first + part, string.Create(CultureInfo.InvariantCulture,
                        $"is more than the row's {Counts[whole].Column} ({counts[whole]}): {Counts[part].Column} counts a subset of them; write the counts as summarize does"));
                }
            }
            // Issues = eligible contacts - repeats.
            if (counts[44] > counts[18] - counts[20])
            {
                throw row.Bad(first + 44, string.Create(CultureInfo.InvariantCulture,
                    $"is more than the row's issues ({counts[18]} FCR-eligible contacts minus {counts[20]} repeats); write the counts as summarize does"));
            }
            var kpiCounts = KpiCountsSql.ToCounts(counts);
            var group = new GroupedKpiCounts(kpiCounts, row.Optional(agentAt), channel, direction, row.Optional(queueAt),
                row.Optional(reasonAt), row.Optional(segmentAt), bucketStart, bucketLength);
            groups[group.Key] = groups.TryGetValue(group.Key, out var seen) ? seen with { Counts = seen.Counts + group.Counts } : group;
        }
        return ([.. groups.Values], dimensions, bucketed);
    }

    private static int IndexOf(KpiDimensions dimension) => Array.FindIndex(Keys, k => k.Dimension == dimension);
}
