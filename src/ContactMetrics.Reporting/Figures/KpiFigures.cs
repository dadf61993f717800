using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;

namespace ContactMetrics.Reporting;

/// <summary>
/// KPIs by any grouping as <c>contactmetrics kpis</c> prints them: one row per group (volumes, AHT, ASA, service level,
/// abandonment, response times, transfers, FCR, CSAT, NPS, CES, with intervals as detail columns) and each KPI's definition.
/// </summary>
public static class KpiFigures
{
    /// <summary>The dimension of each name (case-insensitive), which is also its key column: agent, channel, direction, queue, reason, segment.</summary>
    public static IReadOnlyDictionary<string, KpiDimensions> DimensionNames { get; } = new Dictionary<string, KpiDimensions>(StringComparer.OrdinalIgnoreCase)
    {
        ["agent"] = KpiDimensions.Agent,
        ["channel"] = KpiDimensions.Channel,
        ["direction"] = KpiDimensions.Direction,
        ["queue"] = KpiDimensions.Queue,
        ["reason"] = KpiDimensions.Reason,
        ["segment"] = KpiDimensions.Segment,
    };

    /// <summary>The time bucket of each name (case-insensitive): 15m, 30m, 1h, day, week, month.</summary>
    public static IReadOnlyDictionary<string, TimeBucket> BucketNames { get; } = new Dictionary<string, TimeBucket>(StringComparer.OrdinalIgnoreCase)
    {
        ["15m"] = TimeBucket.Minutes15,
        ["30m"] = TimeBucket.Minutes30,
        ["1h"] = TimeBucket.Hour,
        ["day"] = TimeBucket.Day,
        ["week"] = TimeBucket.Week,
        ["month"] = TimeBucket.Month,
    };

    /// <summary>The board report's KPI trend bucket of each name (case-insensitive; <c>report --bucket</c>): month, week.</summary>
    public static IReadOnlyDictionary<string, TimeBucket> TrendBucketNames { get; } = new Dictionary<string, TimeBucket>(StringComparer.OrdinalIgnoreCase)
    {
        ["month"] = TimeBucket.Month,
        ["week"] = TimeBucket.Week,
    };

    /// <summary>The service-level formula of each name in docs/kpis.md (case-insensitive): f1 to f5, genesys, amazon-connect.</summary>
    public static IReadOnlyDictionary<string, ServiceLevelFormula> FormulaNames { get; } = new Dictionary<string, ServiceLevelFormula>(StringComparer.OrdinalIgnoreCase)
    {
        ["f1"] = ServiceLevelFormula.AnsweredOrAbandonedWithinOverOffered,
        ["f2"] = ServiceLevelFormula.AnsweredWithinOverAnswered,
        ["f3"] = ServiceLevelFormula.AnsweredWithinOverOffered,
        ["f4"] = ServiceLevelFormula.AnsweredWithinOverAnsweredAndLateAbandons,
        ["f5"] = ServiceLevelFormula.AnsweredWithinOrShortAbandonOverOffered,
        ["genesys"] = ServiceLevelFormula.Genesys,
        ["amazon-connect"] = ServiceLevelFormula.AmazonConnect,
    };

    /// <summary>The handle-time component of each name (case-insensitive): talk, hold, acw.</summary>
    public static IReadOnlyDictionary<string, HandleTimeComponents> HandleTimeNames { get; } = Names(("talk", HandleTimeComponents.Talk), ("hold", HandleTimeComponents.Hold), ("acw", HandleTimeComponents.AfterCallWork));

    /// <summary>The abandonment denominator of each name (case-insensitive): queued (Amazon Connect), offered (Genesys).</summary>
    public static IReadOnlyDictionary<string, AbandonmentBase> AbandonmentBaseNames { get; } = Names(("queued", AbandonmentBase.Queued), ("offered", AbandonmentBase.Offered));

    /// <summary>What FCR counts, by name (case-insensitive): issue (SQM/ICMI), contact.</summary>
    public static IReadOnlyDictionary<string, FcrBasis> FcrBasisNames { get; } = Names(("issue", FcrBasis.Issue), ("contact", FcrBasis.Contact));

    /// <summary>The CSAT box of each name (case-insensitive): top-2-box (4-5), top-box (5).</summary>
    public static IReadOnlyDictionary<string, CsatBox> CsatBoxNames { get; } = Names(("top-2-box", CsatBox.TopTwoBox), ("top-box", CsatBox.TopBox));

    /// <summary>The dimensions of a comma-separated list of <see cref="DimensionNames"/> (the <c>--by</c> option); none for null or blank.</summary>
    /// <param name="text">The list, e.g. <c>channel,queue</c>.</param>
    /// <returns>The dimensions.</returns>
    /// <exception cref="OptionValueException">A name is not a dimension.</exception>
    public static KpiDimensions ParseDimensions(string? text) =>
        OptionParsing.ParseList(text).Aggregate(KpiDimensions.None, (dims, d) => dims | (DimensionNames.TryGetValue(d, out var dim) ? dim
            : throw new OptionValueException($"--by: unknown dimension '{d}'; use any of {string.Join(",", DimensionNames.Keys)}.")));

    /// <summary>The handle-time components of a comma-separated list of <see cref="HandleTimeNames"/> (the <c>--aht</c> option).</summary>
    /// <param name="text">The list, e.g. <c>talk,acw</c>.</param>
    /// <returns>The components.</returns>
    /// <exception cref="OptionValueException">A name is not a component, or the list names none.</exception>
    public static HandleTimeComponents ParseHandleTime(string? text)
    {
        var components = OptionParsing.ParseList(text).Aggregate((HandleTimeComponents)0, (all, part) => all | OptionParsing.ParseName("--aht", part, HandleTimeNames, "component"));
        return components != 0 ? components : throw new OptionValueException("--aht needs at least one of talk,hold,acw.");
    }

    /// <summary>The time bucket of one of <see cref="BucketNames"/> (the <c>--bucket</c> option); none when null.</summary>
    /// <param name="text">The name, e.g. <c>30m</c>.</param>
    /// <returns>The bucket.</returns>
    /// <exception cref="OptionValueException">The name is not a bucket.</exception>
    public static TimeBucket ParseBucket(string? text) =>
        text is null ? TimeBucket.None
        : BucketNames.TryGetValue(text, out var bucket) ? bucket
        : throw new OptionValueException($"--bucket: unknown size '{text}'; use 15m, 30m, 1h, day, week or month.");

    private static Dictionary<string, T> Names<T>(params (string Name, T Value)[] names) =>
        names.ToDictionary(n => n.Name, n => n.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>A queue KPI of a group: n/a (null in JSON) where the group has asynchronous contacts and no live queued one, where a seconds target does not apply.</summary>
    private static object? LiveOnly(KpiGroup g, object? value) =>
        g.Counts.QueuedContacts == 0 && g.Counts.AsynchronousContacts > 0 ? NotApplicable.Value : value;

    /// <summary>One row per group with its key and every KPI, the note on what the queue KPIs cover, and each KPI's definition.</summary>
    /// <param name="groups">The groups (<see cref="KpiRollup.Compute"/>, or counts from elsewhere with <see cref="KpiGroup.FromCountsWithKey"/>), computed under <paramref name="options"/>.</param>
    /// <param name="dims">The dimensions grouped by: one key column each.</param>
    /// <param name="bucketed">Whether the groups have time buckets: then columns of the bucket start and length.</param>
    /// <param name="options">The KPI definitions (shown when there are no groups).</param>
    /// <returns>The sections <c>kpis</c> (table <c>groups</c>) and <c>definitions</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="groups"/> or <paramref name="options"/> is null.</exception>
    public static FigureSheet Of(IReadOnlyList<KpiGroup> groups, KpiDimensions dims, bool bucketed, KpiOptions options)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(options);
        var output = new FigureSheet();
        var section = output.Add("kpis", "KPIs");
        var columns = new List<FigureColumn>();
        var keys = new List<Func<KpiGroup, object?>>();
        void Key(KpiDimensions d, string name, string heading, Func<KpiGroup, object?> value)
        {
            if (dims.HasFlag(d))
            {
                columns.Add(new FigureColumn(name, heading));
                keys.Add(value);
            }
        }
        Key(KpiDimensions.Agent, "agent", "Agent", g => g.Agent);
        Key(KpiDimensions.Channel, "channel", "Channel", g => g.Channel?.ToSchemaName());
        Key(KpiDimensions.Direction, "direction", "Direction", g => g.Direction?.ToSchemaName());
        Key(KpiDimensions.Queue, "queue", "Queue", g => g.Queue);
        Key(KpiDimensions.Reason, "reason", "Reason", g => g.Reason);
        Key(KpiDimensions.Segment, "segment", "Segment", g => g.Segment);
        if (bucketed)
        {
            columns.Add(new FigureColumn("bucketStart", "Bucket start"));
            keys.Add(g => g.BucketStart is { } z ? NodaTime.Text.OffsetDateTimePattern.Rfc3339.Format(z.ToOffsetDateTime()) : null);
            columns.Add(new FigureColumn("bucketSeconds", "Bucket s", true));
            keys.Add(g => g.BucketLength?.TotalSeconds);
        }
        (string Name, string Heading, Func<KpiGroup, object?> Value, bool Detail)[] metrics =
        [
            ("offered", "Offered", g => g.Counts.OfferedContacts, false),
            ("answered", "Answered", g => g.Counts.AnsweredContacts, true),
            ("abandoned", "Abandoned", g => g.Counts.AbandonedContacts, true),
            ("handled", "Handled", g => g.Counts.HandledContacts, false),
            ("ahtSeconds", "AHT s", g => g.AverageHandleTime.Value, false),
            ("asaSeconds", "ASA s", g => LiveOnly(g, g.AverageSpeedOfAnswer.Value), false),
            ("asaAllContactsSeconds", "ASA all s", g => LiveOnly(g, g.AverageWaitAllContacts.Value), true),
            ("serviceLevel", "SL", g => LiveOnly(g, Fraction.Of(g.ServiceLevel.Value)), false),
            ("serviceLevelLower", "SL low", g => LiveOnly(g, Fraction.Of(g.ServiceLevel.Interval?.Lower)), true),
            ("serviceLevelUpper", "SL high", g => LiveOnly(g, Fraction.Of(g.ServiceLevel.Interval?.Upper)), true),
            ("abandonmentRate", "Abandon", g => LiveOnly(g, Fraction.Of(g.AbandonmentRate.Value)), false),
            ("asynchronous", "Async", g => g.Counts.AsynchronousContacts, true),
            ("responseSeconds", "Resp. s", g => g.AverageResponseTime.Value, true),
            ("responseMedianSeconds", "Resp. p50 s", g => g.MedianResponseTime, true),
            ("response90thSeconds", "Resp. p90 s", g => g.ResponseTime90th, true),
            ("responseWithinTarget", "Resp. in target", g => Fraction.Of(g.ResponseWithinTarget.Value), false),
            ("transferRate", "Transfer", g => Fraction.Of(g.TransferRate.Value), false),
            ("fcr", "FCR", g => Fraction.Of(g.FirstContactResolution.Value), false),
            ("fcrLower", "FCR low", g => Fraction.Of(g.FirstContactResolution.Interval?.Lower), true),
            ("fcrUpper", "FCR high", g => Fraction.Of(g.FirstContactResolution.Interval?.Upper), true),
            ("fcrResolvedFlag", "FCR flag", g => Fraction.Of(g.FirstContactResolutionFlag.Value), true),
            ("repeatContactRate", "Repeat", g => Fraction.Of(g.RepeatContactRate.Value), true),
            ("csat", "CSAT", g => Fraction.Of(g.Csat.Value), false),
            ("csatResponses", "CSAT n", g => g.Csat.Denominator, true),
            ("nps", "NPS", g => g.Nps.Value, false),
            ("npsLower", "NPS low", g => g.Nps.Interval?.Lower, true),
            ("npsUpper", "NPS high", g => g.Nps.Interval?.Upper, true),
            ("cesMean", "CES", g => g.CesMean.Value, false),
            ("cesEasyShare", "CES 5-7", g => Fraction.Of(g.CesEffortShare.Value), true),
        ];
        foreach (var m in metrics)
        {
            columns.Add(new FigureColumn(m.Name, m.Heading, true, m.Detail));
        }
        var table = section.SetTable("groups", [.. columns]);
        KpiGroup? sample = null;
        foreach (var g in groups)
        {
            sample ??= g;
            table.Row([.. keys.Select(k => k(g)), .. metrics.Select(m => m.Value(g))]);
        }

        section.Note = "Queue KPIs (SL, ASA, abandonment) cover live queued channels only; email is measured by response time (n/a: a seconds target does not apply). "
            + "Intervals, answered/abandoned counts, ASA over all contacts, response times, FCR by flag and repeat rate are in --format json or csv.";
        var defs = output.Add("definitions", "Definitions");
        if (sample is not null)
        {
            defs.Fact("aht", "AHT", sample.AverageHandleTime.Definition)
                .Fact("asa", "ASA", sample.AverageSpeedOfAnswer.Definition)
                .Fact("asaAllContacts", "ASA (all)", sample.AverageWaitAllContacts.Definition)
                .Fact("serviceLevel", "Service level", sample.ServiceLevel.Definition)
                .Fact("abandonmentRate", "Abandonment", sample.AbandonmentRate.Definition)
                .Fact("responseTime", "Response time", sample.AverageResponseTime.Definition)
                .Fact("responseWithinTarget", "Response within target", sample.ResponseWithinTarget.Definition)
                .Fact("fcr", "FCR", sample.FirstContactResolution.Definition)
                .Fact("repeatContactRate", "Repeat rate", sample.RepeatContactRate.Definition)
                .Fact("csat", "CSAT", sample.Csat.Definition)
                .Fact("nps", "NPS", sample.Nps.Definition)
                .Fact("confidenceLevel", "Intervals", options.ConfidenceLevel);
        }
        else
        {
            defs.Fact("serviceLevel", "Service level", options.ServiceLevel.Describe());
        }
        return output;
    }
}
