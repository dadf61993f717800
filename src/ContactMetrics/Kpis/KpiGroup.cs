using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using ContactMetrics.Tables;
using MathNet.Numerics.Distributions;
using NodaTime;

namespace ContactMetrics.Kpis;

/// <summary>
/// One row of a KPI rollup: the group's key (the dimensions asked for; the others are
/// <see langword="null"/>), its counts, and every KPI computed from them under the rollup's options.
/// </summary>
public sealed class KpiGroup
{
    private readonly KpiOptions _options;

    internal KpiGroup(KpiCounts counts, KpiOptions options, string? agent, Channel? channel, Direction? direction,
        string? queue, string? reason, string? segment, ZonedDateTime? bucketStart, Duration? bucketLength)
    {
        Counts = counts;
        Agent = agent;
        Channel = channel;
        Direction = direction;
        Queue = queue;
        Reason = reason;
        Segment = segment;
        BucketStart = bucketStart;
        BucketLength = bucketLength;

        _options = options;
    }

    /// <summary>
    /// The KPIs of counts produced elsewhere (merged partitions, a SQL engine, <see cref="KpiCounts.FromCounts"/>), as one
    /// ungrouped group: every dimension is <see langword="null"/>.
    /// </summary>
    /// <param name="counts">The counts.</param>
    /// <param name="options">The KPI definitions; the defaults when <see langword="null"/>.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="counts"/> is null.</exception>
    public static KpiGroup FromCounts(KpiCounts counts, KpiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new KpiGroup(counts, options ?? KpiOptions.Default, null, null, null, null, null, null, null, null);
    }

    /// <summary>
    /// The KPIs of one group's counts produced elsewhere (a SQL engine's or a summary file's rows), with the group's key.
    /// </summary>
    /// <param name="counts">The counts.</param>
    /// <param name="options">The KPI definitions.</param>
    /// <param name="agent">The agent, when grouped by agent.</param>
    /// <param name="channel">The channel, when grouped by channel.</param>
    /// <param name="direction">The direction, when grouped by direction.</param>
    /// <param name="queue">The queue, when grouped by queue.</param>
    /// <param name="reason">The reason, when grouped by reason.</param>
    /// <param name="segment">The customer segment, when grouped by segment.</param>
    /// <param name="bucketStart">The start of the time bucket, when bucketed.</param>
    /// <param name="bucketLength">The length of the time bucket, when bucketed.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="counts"/> or <paramref name="options"/> is null.</exception>
    public static KpiGroup FromCountsWithKey(KpiCounts counts, KpiOptions options, string? agent, Channel? channel, Direction? direction,
        string? queue, string? reason, string? segment, ZonedDateTime? bucketStart, Duration? bucketLength)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(options);
        return new KpiGroup(counts, options, agent, channel, direction, queue, reason, segment, bucketStart, bucketLength);
    }

    /// <summary>The agent, when grouped by agent; <see langword="null"/> for contacts without an agent, or when not grouped by agent.</summary>
    public string? Agent { get; }

    /// <summary>The channel, when grouped by channel.</summary>
    public Channel? Channel { get; }

    /// <summary>The direction, when grouped by direction.</summary>
    public Direction? Direction { get; }

    /// <summary>The queue, when grouped by queue (<see langword="null"/> for contacts without one).</summary>
    public string? Queue { get; }

    /// <summary>The reason, when grouped by reason (<see langword="null"/> for contacts without one).</summary>
    public string? Reason { get; }

    /// <summary>The customer segment, when grouped by segment (<see langword="null"/> when unknown).</summary>
    public string? Segment { get; }

    /// <summary>The start of the time bucket in its zone, when bucketed.</summary>
    public ZonedDateTime? BucketStart { get; }

    /// <summary>The length of the time bucket (23 or 25 hours on a day the clocks change), when bucketed.</summary>
    public Duration? BucketLength { get; }

    /// <summary>The counts every KPI here is computed from.</summary>
    public KpiCounts Counts { get; }

    /// <summary>Average handle time in seconds, with the components the options chose.</summary>
    public MeanEstimate AverageHandleTime => field ??= new MeanEstimate(Div(Counts.HandleMilliseconds, Counts.HandledContacts) / 1000, Counts.HandledContacts,
        $"AHT: ({Describe(_options.HandleTime)}) / handled contacts, seconds");

    /// <summary>Average speed of answer in seconds, over answered contacts of live queued channels (what vendor reports show); email's response time is <see cref="AverageResponseTime"/>.</summary>
    public MeanEstimate AverageSpeedOfAnswer => field ??= new MeanEstimate(Div(Counts.WaitAnsweredMilliseconds, Counts.AnsweredContacts) / 1000, Counts.AnsweredContacts,
        $"ASA (answered): wait of answered contacts / answered contacts, seconds; {LiveOnly}");

    /// <summary>Mean wait in seconds over all queued contacts of live queued channels, abandoned ones counting their time to abandon (the Erlang sense).</summary>
    public MeanEstimate AverageWaitAllContacts => field ??= new MeanEstimate(
        Div(Counts.WaitAnsweredMilliseconds + Counts.WaitAbandonedMilliseconds, Counts.QueuedContacts) / 1000, Counts.QueuedContacts,
        $"ASA (all contacts): (wait of answered + time to abandon) / queued contacts, seconds; {LiveOnly}");

    /// <summary>
    /// The service level under the options' definition, over live queued channels only; <see cref="RateEstimate.Value"/> is
    /// <see langword="null"/> for a group without live queued contacts (an email-only group: a 20 s target does not apply to
    /// it; see <see cref="ResponseWithinTarget"/>).
    /// </summary>
    public RateEstimate ServiceLevel => field ??= ComputeServiceLevel();

    /// <summary>Mean response time of answered asynchronous contacts (email), in seconds: answered − arrived.</summary>
    public MeanEstimate AverageResponseTime => field ??= new MeanEstimate(Div(Counts.ResponseMilliseconds, Counts.AsynchronousAnswered) / 1000, Counts.AsynchronousAnswered,
        "response time (asynchronous channels: email): (answered - arrived) of answered contacts / answered contacts, seconds");

    /// <summary>Median response time of answered asynchronous contacts, in seconds (see <see cref="ResponseTimePercentile"/>).</summary>
    public double? MedianResponseTime => ResponseTimePercentile(0.5);

    /// <summary>90th percentile of the response time of answered asynchronous contacts, in seconds (see <see cref="ResponseTimePercentile"/>).</summary>
    public double? ResponseTime90th => ResponseTimePercentile(0.9);

    /// <summary>
    /// The share of asynchronous contacts (email) answered within the response target (<see cref="KpiOptions.ResponseTarget"/>,
    /// 24 h by default): their service level. Contacts not answered yet count as not within.
    /// </summary>
    public RateEstimate ResponseWithinTarget => field ??= new RateEstimate(Counts.AnsweredWithinResponseTarget, Counts.AsynchronousContacts,
        string.Create(CultureInfo.InvariantCulture, $"response within target (asynchronous channels: email): answered within {_options.ResponseTarget.TotalHours:0.##} h / received"),
        _options.ConfidenceLevel);

    /// <summary>
    /// A percentile of the response time of answered asynchronous contacts, in seconds, from <see cref="KpiCounts.ResponseTimeHistogram"/>:
    /// the bucket holding the rank p·n, interpolated linearly inside it (uniform within a bucket). Beyond the last bound
    /// (7 days) the bucket is open and the result is its lower bound, 7 days.
    /// </summary>
    /// <param name="p">The probability, in [0, 1].</param>
    /// <returns>The percentile in seconds; <see langword="null"/> when no asynchronous contact was answered.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public double? ResponseTimePercentile(double p)
    {
        Preconditions.CheckInRange(p, 0, 1, nameof(p));
        var histogram = Counts.ResponseTimeHistogram;
        long n = Sum(histogram);
        if (n == 0)
        {
            return null;
        }
        double rank = p * n;
        long before = 0;
        for (int k = 0; k < histogram.Length; k++)
        {
            long count = histogram[k];
            if (count > 0 && before + count >= rank)
            {
                var (lower, upper) = KpiCounts.ResponseBucketRange(k);
                return upper is long u ? (lower + ((u - lower) * Math.Max(0, rank - before) / count)) / 1000 : lower / 1000.0;
            }
            before += count;
        }
        return KpiCounts.ResponseBucketRange(histogram.Length - 1).Lower / 1000.0;
    }

    /// <summary>The abandonment rate.</summary>
    public RateEstimate AbandonmentRate => field ??= ComputeAbandonment();

    /// <summary>The share of handled contacts transferred at least once.</summary>
    public RateEstimate TransferRate => field ??= new RateEstimate(Counts.TransferredContacts, Counts.HandledContacts, "transferred at least once / handled", _options.ConfidenceLevel);

    /// <summary>
    /// First-contact resolution by repeat-contact detection, on the basis the options chose (<see cref="RepeatContactOptions.Basis"/>):
    /// per issue by default (issues whose first contact no repeat followed within the window / issues; SQM, ICMI), or per
    /// handled contact. The definition, with the window and the unit, is in <see cref="RateEstimate.Definition"/>.
    /// </summary>
    public RateEstimate FirstContactResolution => field ??= _options.Repeat.Basis == FcrBasis.Issue
        ? new RateEstimate(Counts.IssuesResolvedFirstTime, Counts.Issues,
            $"FCR (repeat contacts): issues with no repeat / issues, {_options.Repeat.Describe()}", _options.ConfidenceLevel)
        : new RateEstimate(Counts.ResolvedFirstTime, Counts.FcrEligibleContacts,
            $"FCR (repeat contacts): handled inbound contacts with no repeat / handled inbound contacts, {_options.Repeat.Describe()}", _options.ConfidenceLevel);

    /// <summary>First-contact resolution by the resolved flag, where the data has it.</summary>
    public RateEstimate FirstContactResolutionFlag => field ??= new RateEstimate(Counts.ResolvedTrue, Counts.ResolvedFlagged,
        "FCR (resolved flag): flagged resolved / handled contacts with a flag", _options.ConfidenceLevel);

    /// <summary>
    /// The repeat-contact rate on the options' basis: per issue, the issues that needed a repeat within the window / issues
    /// (1 - <see cref="FirstContactResolution"/>); per contact, handled inbound contacts that repeat an earlier one / handled inbound contacts.
    /// </summary>
    public RateEstimate RepeatContactRate => field ??= _options.Repeat.Basis == FcrBasis.Issue
        ? new RateEstimate(Counts.Issues - Counts.IssuesResolvedFirstTime, Counts.Issues,
            $"repeat contacts: issues with a repeat / issues, {_options.Repeat.Describe()}", _options.ConfidenceLevel)
        : new RateEstimate(Counts.RepeatContacts, Counts.FcrEligibleContacts,
            $"repeat contacts: handled inbound contacts that repeat an earlier one / handled inbound contacts, {_options.Repeat.Describe()}", _options.ConfidenceLevel);

    /// <summary>CSAT (top-box or top-2-box).</summary>
    public RateEstimate Csat => field ??= ComputeCsat();

    /// <summary>Net promoter score.</summary>
    public NpsEstimate Nps => field ??= new NpsEstimate(Counts.NpsHistogram[9] + Counts.NpsHistogram[10], Counts.NpsHistogram[7] + Counts.NpsHistogram[8],
        Sum(Counts.NpsHistogram[..7]), _options.ConfidenceLevel);

    /// <summary>Customer effort: mean answer on 1-7, with a normal interval from the answers' spread.</summary>
    public MeanEstimate CesMean => field ??= MeanOfHistogram(Counts.CesHistogram, 1, Sum(Counts.CesHistogram), _options.ConfidenceLevel, "CES: mean answer (1-7)");

    /// <summary>Customer effort: share answering 5-7 ("easy").</summary>
    public RateEstimate CesEffortShare => field ??= new RateEstimate(Counts.CesHistogram[4] + Counts.CesHistogram[5] + Counts.CesHistogram[6], Sum(Counts.CesHistogram),
        "CES: answers of 5-7 / answers (1-7)", _options.ConfidenceLevel);

    private RateEstimate ComputeServiceLevel()
    {
        var sl = Kpis.ServiceLevel.Compute(new ServiceLevelCounts(Counts.AnsweredContacts, Counts.AnsweredWithinThreshold,
            Counts.AbandonedContacts, Counts.AbandonedWithinThreshold, Counts.ShortAbandonedContacts), _options.ServiceLevel, _options.ConfidenceLevel);
        return new RateEstimate(sl.Numerator, sl.Denominator, $"{sl.Definition}; {LiveOnly}", _options.ConfidenceLevel);
    }

    private RateEstimate ComputeAbandonment()
    {
        var c = Counts;
        var o = _options;
        long shortAbandons = o.ExcludeShortAbandons ? c.ShortAbandonedContacts : 0;
        long abandonBase = o.AbandonmentBase == AbandonmentBase.Queued ? c.QueuedContacts : c.OfferedContacts - c.AsynchronousContacts;
        string shortText = o.ExcludeShortAbandons
            ? $" (short abandons within {o.ServiceLevel.ShortAbandonThreshold.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s left out)"
            : "";
        return new RateEstimate(c.AbandonedContacts - shortAbandons, abandonBase - shortAbandons,
            (o.AbandonmentBase == AbandonmentBase.Queued ? "abandoned / queued" : "abandoned / offered (live queued and self-service)") + shortText + "; " + LiveOnly, o.ConfidenceLevel);
    }

    private RateEstimate ComputeCsat()
    {
        var csat = Counts.CsatHistogram;
        long top = _options.Csat == CsatBox.TopBox ? csat[4] : csat[3] + csat[4];
        return new RateEstimate(top, Sum(csat), _options.Csat == CsatBox.TopBox ? "CSAT: answers of 5 / answers (1-5)" : "CSAT: answers of 4-5 / answers (1-5)", _options.ConfidenceLevel);
    }

    private const string LiveOnly = "live queued channels only (phone, chat, messaging, social; email is measured by response time)";

    private static double Div(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private static long Sum(ReadOnlySpan<long> values)
    {
        long s = 0;
        foreach (long v in values)
        {
            s += v;
        }
        return s;
    }

    private static MeanEstimate MeanOfHistogram(ReadOnlySpan<long> histogram, int firstScore, long n, double level, string definition)
    {
        if (n == 0)
        {
            return new MeanEstimate(null, 0, definition);
        }
        double sum = 0, sumSquares = 0;
        for (int k = 0; k < histogram.Length; k++)
        {
            double score = firstScore + k;
            sum += histogram[k] * score;
            sumSquares += histogram[k] * score * score;
        }
        double mean = sum / n;
        if (n == 1)
        {
            return new MeanEstimate(mean, n, definition);
        }
        double variance = Math.Max(0, (sumSquares - n * mean * mean) / (n - 1));
        double half = ProportionInterval.ZScore(level) * Math.Sqrt(variance / n);
        return new MeanEstimate(mean, n, definition, new ConfidenceInterval(mean - half, mean + half, level, "normal"));
    }

    private static string Describe(HandleTimeComponents components)
    {
        var parts = new List<string>(3);
        if (components.HasFlag(HandleTimeComponents.Talk))
        {
            parts.Add("talk");
        }
        if (components.HasFlag(HandleTimeComponents.Hold))
        {
            parts.Add("hold");
        }
        if (components.HasFlag(HandleTimeComponents.AfterCallWork))
        {
            parts.Add("after-call work");
        }
        return string.Join(" + ", parts);
    }
}
